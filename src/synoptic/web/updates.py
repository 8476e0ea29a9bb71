"""Following stories from outside the app: an Atom feed of updated stories at /feed.xml, and each
story's brief versions and what changed between two of them under /api.

The versions are the ones `synoptic watch` (and `synoptic diff`) record; the feed has one entry per
story, its latest version, so a feed reader shows a story again when it changes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from synoptic.history import KINDS, diff_briefs, parse_when
from synoptic.store.history import HistoryTable
from synoptic.web.api import StoryId, errors

router = APIRouter(tags=["api"])
FEED_ENTRIES = 50
_WORDS = {
    "article": "new article",
    "outlet": "new outlet",
    "fact": "new fact",
    "more_sources": "fact with more sources",
    "quote": "new quote",
    "divergence": "new divergence",
    "resolved": "resolved divergence",
    "timeline": "timeline entry",
}


class VersionOut(BaseModel):
    version: int
    created: str
    article_count: int


class VersionList(BaseModel):
    story_id: str
    versions: list[VersionOut]


class CitedOut(BaseModel):
    article_id: str
    start: int
    end: int
    text: str


class ChangeOut(BaseModel):
    kind: str
    text: str
    spans: list[CitedOut]
    context: list[CitedOut]
    detail: str


class DiffOut(BaseModel):
    story_id: str
    old_version: int | None
    new_version: int | None
    changes: list[ChangeOut]


def _history(request: Request) -> HistoryTable:
    return HistoryTable(request.app.state.catalog.store.path)


@router.get("/api/stories/{story_id}/versions", response_model=VersionList, responses=errors(404, 422))
def list_versions(request: Request, story_id: StoryId) -> VersionList:
    with _history(request) as history:
        versions = history.versions(story_id)
    if not versions and request.app.state.catalog.story(story_id) is None:
        raise HTTPException(404, f"no story {story_id}")
    rows = [VersionOut(version=v.version, created=v.created, article_count=v.article_count) for v in versions]
    return VersionList(story_id=story_id, versions=rows)


@router.get("/api/stories/{story_id}/diff", response_model=DiffOut, responses=errors(404, 422))
def get_diff(
    request: Request,
    story_id: StoryId,
    since: Annotated[str | None, Query(max_length=40, description="ISO time, or 30m / 2h / 1d ago")] = None,
    old: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
    new: Annotated[int | None, Query(alias="to", ge=1, le=1_000_000)] = None,
) -> DiffOut:
    """What changed from version `from` (or the one current at `since`, or the one before `to`) to `to`."""
    try:
        when = parse_when(since) if since else None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    with _history(request) as history:
        versions = [v.version for v in history.versions(story_id)]
        if not versions:
            raise HTTPException(404, f"no versions of story {story_id}")
        target = new or versions[-1]
        if when is not None:
            before = history.at(story_id, when)
            base = before.version if before else None
        else:
            base = old if old is not None else (target - 1 if target > 1 else None)
        if target not in versions or (base is not None and base not in versions):
            raise HTTPException(404, f"story {story_id} has versions {versions[0]}..{versions[-1]}")
        new_json = history.brief_json(story_id, target)
        old_json = history.brief_json(story_id, base) if base else None
    diff = diff_briefs(old_json, new_json or "{}", base, target).to_dict()
    diff["story_id"] = story_id
    return DiffOut(**diff)


def _summary(changes: list[dict[str, Any]]) -> str:
    counts = {k: sum(1 for c in changes if c["kind"] == k) for k in KINDS}
    parts = [f"{n} {_WORDS[k]}{'s' if n != 1 else ''}" for k, n in counts.items() if n and k in _WORDS]
    outlets = [c["text"] for c in changes if c["kind"] == "outlet"]
    return ", ".join(parts) + (f" ({', '.join(outlets)})" if outlets else "")


@router.get("/feed.xml", include_in_schema=False)
def atom_feed(request: Request) -> Response:
    """Atom 1.0: the stories whose brief changed, newest first, each entry saying what it gained."""
    base = str(request.base_url).rstrip("/")
    entries: list[str] = []
    newest = "1970-01-01T00:00:00Z"
    with _history(request) as history:
        for index, version in enumerate(history.updated_since("", FEED_ENTRIES)):
            new_json = history.brief_json(version.story_id, version.version) or "{}"
            old_json = (
                history.brief_json(version.story_id, version.version - 1) if version.version > 1 else None
            )
            diff = diff_briefs(old_json, new_json, version.version - 1 or None, version.version).to_dict()
            headline = json.loads(new_json).get("headline") or version.story_id
            if index == 0:
                newest = version.created
            link = f"{base}/stories/{version.story_id}"
            entries.append(
                "<entry>"
                f"<id>urn:synoptic:story:{escape(version.story_id)}</id>"
                f"<title>{escape(headline)}</title>"
                f'<link rel="alternate" href={quoteattr(link)}/>'
                f"<updated>{escape(version.created)}</updated>"
                f"<summary>{escape(f'version {version.version}: ' + _summary(diff['changes']))}</summary>"
                "</entry>"
            )
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Synoptic: updated stories</title>"
        f"<id>urn:synoptic:feed:{escape(base)}</id>"
        f'<link rel="self" href={quoteattr(base + "/feed.xml")}/>'
        f"<updated>{escape(newest)}</updated>"
        "<author><name>Synoptic</name></author>" + "".join(entries) + "</feed>\n"
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")
