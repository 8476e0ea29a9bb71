"""The watcher's list of sources: one feed or article URL a line, an optional outlet name after it.

    # comments and blank lines are skipped
    https://news.example.org/world/rss.xml   Example Daily
    https://other.example.net/2026/05/a-story.html

Whether a URL is a feed or an article page is decided by what it answers (an RSS/Atom document or a
web page), so one list holds both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from synoptic.errors import problem
from synoptic.model import Problem
from synoptic.run.fetch import FetchError, check_url


@dataclass(frozen=True)
class Source:
    url: str
    outlet: str | None = None  # names the outlet of every article read through it
    line: int | None = None


def parse_feed_list(text: str, origin: str = "feeds") -> tuple[list[Source], list[Problem]]:
    """Sources in the order listed, each URL once; a line that is not an http(s) URL is a problem."""
    sources: list[Source] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, _, rest = line.partition(" ")
        try:
            check_url(url)
        except FetchError as exc:
            problems.append(problem("E_UNSUPPORTED", origin, str(exc), line=number))
            continue
        if url in taken:
            continue
        taken.add(url)
        sources.append(Source(url, rest.strip() or None, number))
    return sources, problems


def read_feed_list(path: str | Path) -> tuple[list[Source], list[Problem]]:
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [problem("E_UNREADABLE", str(target), str(exc))]
    return parse_feed_list(text, str(target))
