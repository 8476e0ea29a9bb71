"""RSS and Atom feeds: each entry becomes a RawDocument (title line + summary text, link, date).

Parsing only; fetching is the caller's business, so tests and offline runs parse a feed string.
"""

from __future__ import annotations

import time

from synoptic.errors import problem
from synoptic.ingest.html import read_html
from synoptic.model import Problem, RawDocument


def _iso(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if isinstance(stamp, time.struct_time):
            return f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
    return None


def _entry_text(entry: dict, source: str) -> str:
    """The richest text the entry carries (content, else summary), with HTML reduced to lines."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    raw = max(candidates, key=len).strip()
    if "<" in raw and ">" in raw:
        doc, _ = read_html(f"<html><body><article>{raw}</article></body></html>", source)
        return doc.text if doc else ""
    return raw


def read_feed(feed: str | bytes, source: str) -> tuple[list[RawDocument], list[Problem]]:
    """Entries of an RSS/Atom document; a document with no entries is E_UNSUPPORTED."""
    try:
        import feedparser

        parsed = feedparser.parse(feed)
    except Exception as exc:  # feedparser is lenient, but never let a feed stop a batch
        return [], [problem("E_INTERNAL", source, f"{type(exc).__name__}: {exc}")]
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        return [], [problem("E_UNSUPPORTED", source, f"not an RSS/Atom feed with entries: {detail}")]
    outlet = parsed.feed.get("title") or None
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for number, entry in enumerate(parsed.entries, start=1):
        entry_source = f"{source}#{entry.get('id') or entry.get('link') or number}"
        title = (entry.get("title") or "").strip() or None
        body = _entry_text(entry, entry_source)
        if not body and not title:
            problems.append(problem("E_EMPTY", source, f"entry {number} has no title or text", line=number))
            continue
        text = "\n".join(part for part in (title, body) if part)
        docs.append(
            RawDocument(
                source=entry_source,
                text=text,
                url=entry.get("link") or None,
                outlet=outlet,
                published=_iso(entry),
                title=title,
                line_number=number,
            )
        )
    return docs, problems
