"""Server-rendered pages: Stories, Story (the brief), Article, Add and job progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from synoptic.web.access import FORM_COOKIE, new_form_token, token_cookie, token_ok
from synoptic.web.api import ID_PATTERN, ArticleId, StoryId, brief_or_404, check_token, read_intake, start_add

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
    rows = request.app.state.catalog.stories(q, entity, 100, 0)
    return render(request, "stories.html", stories=rows, q=q or "", entity=entity or "")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: StoryId) -> HTMLResponse:
    brief = await brief_or_404(request, story_id)
    view = request.app.state.views.get(brief)
    return render(request, "story.html", view=view, story_id=story_id)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    catalog = request.app.state.catalog
    article = catalog.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return render(request, "article.html", article=article, story_id=catalog.story_of(article_id))


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
    job = start_add(request, intake)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> HTMLResponse:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return render(request, "job.html", job=job.snapshot())
