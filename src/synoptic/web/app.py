"""The FastAPI application: wiring of the catalog, the job board, templates, guards and routers."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from synoptic import __version__
from synoptic.settings import Settings
from synoptic.web import api, pages, updates
from synoptic.web.catalog import Catalog
from synoptic.web.config import WebConfig
from synoptic.web.guard import SECURITY_HEADERS, GuardMiddleware, error_body
from synoptic.web.jobs import JobBoard
from synoptic.web.story_view import build_story_view

HERE = Path(__file__).parent


class ViewCache:
    """Story page views by brief object: a warm page skips re-deriving the matrix and charts."""

    def __init__(self, size: int = 64) -> None:
        self._items: OrderedDict[int, tuple[dict[str, Any], dict[str, Any]]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, brief: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            hit = self._items.get(id(brief))
            if hit and hit[0] is brief:
                return hit[1]
        view = build_story_view(brief)
        with self._lock:
            self._items[id(brief)] = (brief, view)  # holding the brief keeps its id from being reused
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return view


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links: a `javascript:` or `data:` URL from an article would run."""
    return urlsplit(str(url).strip()).scheme.lower() in {"http", "https"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: dict | None = None):
    body = error_body(status, message)
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"error": body["error"], "status": status}, status_code=status, headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Every error, whatever raised it, leaves in the one shape (JSON for /api, a page otherwise)."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for item in exc.errors()[:5]:
            where = ".".join(str(p) for p in item.get("loc", ()))
            parts.append(f"{where}: {item.get('msg', 'invalid')}")
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # answered outside the middleware stack, so the edge's headers are added here
        headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}
        return _error(request, 500, "internal error", headers)


def create_app(settings: Settings | None = None, config: WebConfig | None = None) -> FastAPI:
    """The app over the store named by `settings`; `config` sets host, token and fetching rules."""
    settings = settings or Settings()
    config = config or WebConfig()
    jobs = JobBoard()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="Synoptic",
        version=__version__,
        description='News stories and their checkable briefs. Errors: {"error": {"code", "message"}}.',
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.config = config
    app.state.catalog = Catalog(settings)
    app.state.jobs = jobs
    app.state.views = ViewCache()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["is_web_url"] = is_web_url
    app.state.templates = templates
    app.add_middleware(GuardMiddleware, config=config)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(updates.router)
    return app
