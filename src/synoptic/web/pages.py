"""Server-rendered pages: Stories, Story (the brief), Article, Add, job progress and the API page."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from synoptic.render.json import article_dict
from synoptic.store.history import HistoryTable
from synoptic.web.access import FORM_COOKIE, new_form_token, token_cookie, token_ok
from synoptic.web.api import (
    ID_PATTERN,
    ArticleId,
    StoryId,
    brief_or_404,
    check_token,
    doc_meta,
    metas,
    read_intake,
    start_add,
)
from synoptic.web.api_docs import api_operations
from synoptic.web.labels import TITLE_CHARS, ago, cut, display_label, outlet_summary, story_label

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    catalog = request.app.state.catalog
    rows = sorted(catalog.stories(q, entity, 100, 0), key=lambda r: (r.updated, r.id), reverse=True)
    titles = story_titles(request, rows)
    now = datetime.now(UTC)
    updated = {r.id: ago(r.updated, now) for r in rows}  # the list is ordered by last update
    return render(
        request, "stories.html", stories=rows, titles=titles, updated=updated, q=q or "", entity=entity or ""
    )


_TITLES_LOCK = threading.Lock()


def story_titles(request: Request, rows) -> dict[str, dict[str, Any]]:
    """Per story: its brief's headline cut at a word, and its outlets counted by outlet; the clustering
    label (cut the same way) until a brief exists. Remembered per story version, so a warm list does
    not decode briefs again."""
    state = request.app.state
    with _TITLES_LOCK:
        if not hasattr(state, "story_titles"):
            state.story_titles = {}
    memo: dict[tuple[str, str, int], dict[str, Any]] = state.story_titles
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = (row.id, row.updated, row.article_count)
        hit = memo.get(key)
        if hit is None:
            brief = state.catalog.cached_brief(row.id)
            if brief is None:
                hit = {"title": story_label(row.label or row.id), "full": row.label, "outlets": None}
            else:
                count = outlet_summary(brief.get("articles", []))
                hit = {
                    "title": cut(brief["headline"], TITLE_CHARS),
                    "full": brief["headline"],
                    "outlets": count,
                }
                with _TITLES_LOCK:
                    if len(memo) > 2048:
                        memo.clear()
                    memo[key] = hit
        out[row.id] = hit
    return out


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: StoryId) -> HTMLResponse:
    brief = await brief_or_404(request, story_id)
    view = request.app.state.views.get(brief)
    return render(request, "story.html", view=view, story_id=story_id, versions=_versions(request, story_id))


def _versions(request: Request, story_id: str) -> list[dict[str, Any]]:
    """The story's brief versions that `synoptic watch` recorded, newest first (none: no history)."""
    now = datetime.now(UTC)
    try:
        with HistoryTable(request.app.state.catalog.store.path) as history:
            found = history.versions(story_id)
    except sqlite3.Error:  # a store that cannot take the history table (read-only): no history to show
        return []
    return [
        {"version": v.version, "created": v.created, "ago": ago(v.created, now), "articles": v.article_count}
        for v in reversed(found)
    ]


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    catalog = request.app.state.catalog
    article = catalog.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    label = display_label(article_dict(article))
    return render(
        request, "article.html", article=article, label=label, story_id=catalog.story_of(article_id)
    )


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API for people: every endpoint with its parameters and answers, from the app's own OpenAPI
    document, rendered here (no script or style from elsewhere)."""
    return render(request, "docs.html", operations=api_operations(request.app.openapi()))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    """The form carries a fresh token that must come back with the matching cookie: a page on another
    site can post a form here but can neither read the token nor make the browser send the cookie."""
    form_token = new_form_token()
    response = render(
        request, "add.html", needs_token=request.app.state.config.writes_need_token, form_token=form_token
    )
    response.headers.append("set-cookie", token_cookie(form_token, FORM_COOKIE, path="/add"))
    return response


@router.post("/add")
async def add_form(
    request: Request,
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str | None, Form()] = None,
    urls: Annotated[str | None, Form()] = None,
    feeds: Annotated[str | None, Form()] = None,
    file_outlet: Annotated[list[str] | None, Form()] = None,
    file_url: Annotated[list[str] | None, Form()] = None,
    file_date: Annotated[list[str] | None, Form()] = None,
    text_outlet: Annotated[str | None, Form()] = None,
    text_url: Annotated[str | None, Form()] = None,
    text_date: Annotated[str | None, Form()] = None,
    token: Annotated[str | None, Form()] = None,
    form_token: Annotated[str | None, Form()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> RedirectResponse:
    if not token_ok(request.cookies.get(FORM_COOKIE), form_token):
        raise HTTPException(403, "the form has expired or came from another site: open the Add page again")
    check_token(request, token, authorization)
    intake = await read_intake(files, text, urls, feeds)
    if intake.empty:
        raise HTTPException(400, "nothing to add: give files, text, urls or feeds")
    job = start_add(
        request, intake, metas(file_outlet, file_url, file_date), doc_meta(text_outlet, text_url, text_date)
    )
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> HTMLResponse:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return render(request, "job.html", job=_readable_job(request.app.state.catalog, job.snapshot()))


def _readable_job(catalog: Any, snapshot: dict[str, Any]) -> dict[str, Any]:
    """Each placed document named as the story page names it (outlet, site, ...), never by its hash."""
    result = snapshot.get("result")
    if not isinstance(result, dict) or not result.get("placed"):
        return snapshot
    placed = []
    for item in result["placed"]:
        article = catalog.article(item["article_id"])
        label = display_label(article_dict(article)) if article is not None else item.get("label")
        placed.append({**item, "label": label})
    return {**snapshot, "result": {**result, "placed": placed}}
