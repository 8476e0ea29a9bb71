"""Readable names for the web pages: an article's outlet (or its site's domain) instead of a file hash,
and short cuts of long titles that end at a word.

Display only: the brief's JSON keeps `Article.label` as the library defines it, so nothing here can
change a stored brief.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

# a file stem made only of numbers, hex hashes and separators says nothing to a reader ("014_3e7a90c1d2")
_HASHY = re.compile(r"(?:[0-9a-f]{6,}|\d+)", re.I)
_GENERIC = frozenset(
    [
        "doc",
        "docs",
        "document",
        "file",
        "article",
        "articles",
        "upload",
        "uploads",
        "pasted",
        "text",
        "txt",
        "untitled",
        "story",
        "page",
        "item",
    ]
)
LABEL_CHARS = 26  # a column label: about three words
TITLE_CHARS = 90  # a story in the list


def ago(when: str | None, now: datetime) -> str:
    """'updated 5 min ago' wording for an ISO time ('' when it cannot be read)."""
    if not when:
        return ""
    try:
        then = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"


def cut(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters at a word boundary, with an ellipsis if cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit // 3:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


CLUSTER_LABEL_CHARS = 80  # the clusterer names a story by its first article's title or first 80 characters


def story_label(label: str, limit: int = TITLE_CHARS) -> str:
    """A clustering label fit to list: its first line; a label the clusterer cut at its character limit
    loses the broken last word and gets an ellipsis."""
    first = (label or "").strip().split("\n", 1)
    text = " ".join(first[0].split())
    cut_off = len(first) > 1 or len(label.strip()) >= CLUSTER_LABEL_CHARS
    if cut_off and text and text[-1] not in '.!?…"”’)':
        head = text.rsplit(" ", 1)[0] if " " in text and len(first) == 1 else text
        return cut(head, limit - 1).rstrip("…").rstrip(" ,;:-–—") + "…"
    return cut(text, limit)


def domain_of(url: str | None) -> str | None:
    """The site of an http(s) URL without 'www.' ('https://www.example-news.com/a' -> example-news.com)."""
    if not url:
        return None
    parts = urlsplit(str(url).strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def readable_stem(source: str) -> str | None:
    """The file name without folders and extension when it reads as a name ('harbour-report'), None
    for hashes, numbers and generic names ('014_3e7a90c1d2', 'doc3', 'pasted-7f1c')."""
    name = str(source).replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    words = [w for w in re.split(r"[\s_\-.]+", _HASHY.sub(" ", stem)) if w]
    letters = [w for w in words if w.isalpha() and w.casefold() not in _GENERIC]
    if not letters or sum(len(w) for w in letters) < 3:
        return None
    return cut(" ".join(words).strip(), LABEL_CHARS)


def first_words(article: dict[str, Any]) -> str | None:
    """The title, else the first line of the text, cut to a column label."""
    title = article.get("title") or next(
        (ln for ln in str(article.get("text", "")).split("\n") if ln.strip()), ""
    )
    return cut(title, LABEL_CHARS) if title.strip() else None


def outlet_of(article: dict[str, Any]) -> str | None:
    """Who published it, when that is known: the stated outlet, else the site of its URL."""
    return (article.get("outlet") or "").strip() or domain_of(article.get("url"))


def display_label(article: dict[str, Any]) -> str:
    """Outlet, site domain, a readable file name, the first words of its title; the id as a last resort."""
    return (
        outlet_of(article)
        or readable_stem(article.get("source", ""))
        or first_words(article)
        or str(article.get("id", "article"))
    )


def outlet_summary(articles: list[dict[str, Any]]) -> dict[str, int]:
    """How many distinct outlets the articles come from, and how many articles name none."""
    named = {o.casefold() for a in articles if (o := outlet_of(a))}
    unnamed = sum(1 for a in articles if not outlet_of(a))
    return {"outlets": len(named), "unnamed": unnamed}


def letters(n: int) -> list[str]:
    """Column keys A, B, … Z, AA, AB, … for a matrix legend."""
    out = []
    for i in range(n):
        key = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            key = chr(65 + rest) + key
        out.append(key)
    return out
