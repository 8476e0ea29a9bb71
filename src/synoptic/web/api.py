"""The JSON API under /api: stories, a story's brief (JSON and Markdown), articles, add and job status.

Every error answers {"error": {"code", "message"}}; the OpenAPI document declares those responses so
a schema-driven tester can hold the server to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from synoptic.ingest.datestamps import normalize_date
from synoptic.model import RawDocument
from synoptic.render.json import article_dict
from synoptic.web.access import TOKEN_COOKIE, bearer, token_ok
from synoptic.web.intake import Intake, Upload, safe_name

ID_PATTERN = r"^[A-Za-z0-9_-]{1,80}$"
StoryId = Annotated[str, Path(pattern=ID_PATTERN, description="Story id")]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, description="Article id")]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": "Error"} for code in codes}


class StoryOut(BaseModel):
    id: str
    label: str = Field(description="The clustering's label (its first article's opening words)")
    headline: str | None = Field(None, description="The brief's headline, once a brief has been written")
    first_seen: str | None
    last_seen: str | None
    updated: str
    article_count: int
    outlet_count: int


class StoryList(BaseModel):
    stories: list[StoryOut]
    limit: int
    offset: int


class ArticleRef(BaseModel):
    id: str
    label: str
    title: str | None
    published: str | None


class StoryDetail(BaseModel):
    story: StoryOut
    articles: list[ArticleRef]


class LineOut(BaseModel):
    index: int
    text: str
    kind: str
    reason: str


class ArticleOut(BaseModel):
    id: str
    source: str
    outlet: str | None
    label: str
    url: str | None
    published: str | None
    title: str | None
    dek: str | None
    dateline: str | None
    text: str
    lines: list[LineOut]
    story_id: str | None


class Placement(BaseModel):
    article_id: str
    label: str
    title: str | None
    already_stored: bool
    story_id: str | None
    story_label: str | None
    new_story: bool


class ProblemOut(BaseModel):
    code: str
    message: str
    source: str
    line: int | None


class AddResultOut(BaseModel):
    placed: list[Placement]
    problems: list[ProblemOut]


class JobOut(BaseModel):
    id: str
    status: str = Field(description="queued | running | done | failed")
    progress: float
    stage: str
    result: AddResultOut | None
    error: str | None


router = APIRouter(prefix="/api", tags=["api"])


def story_out(row, catalog=None) -> StoryOut:
    brief = catalog.cached_brief(row.id) if catalog is not None else None
    return StoryOut(**row.__dict__, headline=brief["headline"] if brief else None)


@router.get("/stories", response_model=StoryList, responses=errors(422))
def list_stories(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Words every story must contain")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="An entity the story names")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> StoryList:
    rows = request.app.state.catalog.stories(q, entity, limit, offset)
    catalog = request.app.state.catalog
    return StoryList(stories=[story_out(r, catalog) for r in rows], limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=errors(404, 422))
def get_story(request: Request, story_id: StoryId) -> StoryDetail:
    catalog = request.app.state.catalog
    row = catalog.story(story_id)
    if row is None:
        raise HTTPException(404, f"no story {story_id}")
    articles = catalog.store.articles(catalog.store.story_article_ids(story_id))
    refs = [ArticleRef(id=a.id, label=a.label, title=a.title, published=a.published) for a in articles]
    return StoryDetail(story=story_out(row, catalog), articles=refs)


async def brief_or_404(request: Request, story_id: str) -> dict[str, Any]:
    """The brief, built in a worker thread when it is not cached (seconds, cold)."""
    data = await run_in_threadpool(request.app.state.catalog.brief, story_id)
    if data is None:
        raise HTTPException(404, f"no story {story_id}")
    return data


@router.get(
    "/stories/{story_id}/brief",
    responses={
        200: {
            "description": "The brief (its JSON contract; `synoptic schema` prints the schema)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **errors(404, 422),
    },
)
async def get_brief(request: Request, story_id: StoryId) -> JSONResponse:
    return JSONResponse(await brief_or_404(request, story_id))


@router.get(
    "/stories/{story_id}/brief.md",
    responses={
        200: {
            "description": "The brief as Markdown",
            "content": {"text/markdown": {"schema": {"type": "string"}}},
        },
        **errors(404, 422),
    },
)
async def get_brief_markdown(request: Request, story_id: StoryId) -> PlainTextResponse:
    from synoptic.render.markdown import render_markdown
    from synoptic.web.decode import brief_from_dict

    data = await brief_or_404(request, story_id)
    text = render_markdown(brief_from_dict(data))
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=errors(404, 422))
def get_article(request: Request, article_id: ArticleId) -> ArticleOut:
    catalog = request.app.state.catalog
    article = catalog.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return ArticleOut(**article_dict(article), story_id=catalog.story_of(article.id))


MAX_META_CHARS = 300


@dataclass(frozen=True)
class DocMeta:
    """What the person adding a document says about it: who published it, where, when. Empty = unknown;
    a file's own metadata (HTML, JSONL) stands where nothing is said."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None

    def apply(self, doc: RawDocument) -> RawDocument:
        return replace(
            doc,
            outlet=self.outlet or doc.outlet,
            url=self.url or doc.url,
            published=self.published or doc.published,
        )


def _field(value: str | None) -> str | None:
    text = " ".join((value or "").split())[:MAX_META_CHARS]
    return text or None


def doc_meta(outlet: str | None, url: str | None, date: str | None) -> DocMeta:
    """One document's fields, cleaned: a date in any printed form becomes ISO, or nothing."""
    return DocMeta(_field(outlet), _field(url), normalize_date(_field(date)))


def metas(
    outlets: Sequence[str] | None, urls: Sequence[str] | None, dates: Sequence[str] | None
) -> list[DocMeta]:
    """Parallel lists of fields (the i-th of each belongs to the i-th file) as one DocMeta per file."""
    outlets, urls, dates = list(outlets or []), list(urls or []), list(dates or [])
    count = max(len(outlets), len(urls), len(dates))
    pad = [None] * count
    return [
        doc_meta(*fields)
        for fields in zip((outlets + pad)[:count], (urls + pad)[:count], (dates + pad)[:count], strict=True)
    ]


def apply_meta(
    documents: Sequence[RawDocument], intake: Intake, files: Sequence[DocMeta], text: DocMeta | None
) -> list[RawDocument]:
    """Each upload's documents take that upload's fields, pasted text takes the text's. The readers keep
    the order (uploads in turn, then pasted text) and name an upload's documents after the file."""
    out = list(documents)
    j = 0
    for number, upload in enumerate(intake.uploads):
        name = safe_name(upload.name)
        meta = files[number] if number < len(files) else None
        while j < len(out) and out[j].source == name:
            out[j] = meta.apply(out[j]) if meta else out[j]
            j += 1
    if text is not None:
        while j < len(out) and out[j].source.startswith("pasted-"):
            out[j] = text.apply(out[j])
            j += 1
    return out


def split_lines(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").splitlines() if part.strip()]


async def read_intake(
    files: list[UploadFile] | None, text: str | None, urls: str | None, feeds: str | None
) -> Intake:
    uploads = [Upload(f.filename or "upload.txt", await f.read()) for f in files or [] if f.filename]
    texts = [text] if text and text.strip() else []
    return Intake(uploads=uploads, texts=texts, urls=split_lines(urls), feeds=split_lines(feeds))


def check_token(request: Request, form_token: str | None, authorization: str | None) -> None:
    """Writes need the token when the server is reachable from other machines (or a token is set); a
    browser signed in with `?token=` carries it in a SameSite cookie."""
    config = request.app.state.config
    if not config.writes_need_token:
        return
    if not config.token:
        raise HTTPException(403, "writes are disabled: set SYNOPTIC_TOKEN to allow them")
    given = bearer(authorization) or form_token or request.cookies.get(TOKEN_COOKIE)
    if not token_ok(config.token, given):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer, or form field token)")


def start_add(request: Request, intake: Intake, files: Sequence[DocMeta] = (), text: DocMeta | None = None):
    """Queue the add as a background job; the job's status is polled at /api/jobs/{id}."""
    from synoptic.web.intake import gather

    catalog = request.app.state.catalog
    config = request.app.state.config

    def work(progress) -> dict[str, Any]:
        progress(0.05, "reading and fetching sources")
        documents, problems = gather(intake, catalog.settings, config)
        documents = apply_meta(documents, intake, files, text)
        report = catalog.add_documents(documents, problems, progress)
        return {
            "placed": report.placed,
            "problems": [
                {"code": p.code, "message": p.message, "source": p.source, "line": p.line}
                for p in report.problems
            ],
        }

    return request.app.state.jobs.submit(work)


@router.post("/add", status_code=202, response_model=JobOut, responses=errors(400, 401, 403, 413, 422))
async def add(
    request: Request,
    files: Annotated[list[UploadFile] | None, File(description="Article files (.txt, .html, .jsonl)")] = None,
    text: Annotated[str | None, Form(description="Pasted article text")] = None,
    urls: Annotated[str | None, Form(description="Article URLs, one a line")] = None,
    feeds: Annotated[str | None, Form(description="RSS/Atom feed URLs, one a line")] = None,
    file_outlet: Annotated[list[str] | None, Form(description="Outlet of each file, in file order")] = None,
    file_url: Annotated[list[str] | None, Form(description="Original URL of each file (not fetched)")] = None,
    file_date: Annotated[list[str] | None, Form(description="Publication date of each file")] = None,
    text_outlet: Annotated[str | None, Form(description="Outlet of the pasted text")] = None,
    text_url: Annotated[str | None, Form(description="Original URL of the pasted text (not fetched)")] = None,
    text_date: Annotated[str | None, Form(description="Publication date of the pasted text")] = None,
    token: Annotated[str | None, Form()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> JobOut:
    check_token(request, token, authorization)
    intake = await read_intake(files, text, urls, feeds)
    if intake.empty:
        raise HTTPException(400, "nothing to add: give files, text, urls or feeds")
    job = start_add(
        request, intake, metas(file_outlet, file_url, file_date), doc_meta(text_outlet, text_url, text_date)
    )
    return JobOut(**job.snapshot())


@router.get("/jobs/{job_id}", response_model=JobOut, responses=errors(404, 422))
def get_job(request: Request, job_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> JobOut:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return JobOut(**job.snapshot())
