"""An article whose every paragraph stands in another article of the batch is that article again.

Ids are content hashes, so only byte-equal texts were caught as duplicates; a page that repeats one
article many times, or carries one extra paragraph, would count as a second outlet reporting the same
facts. Comparison is by whole normalised paragraphs (lines of cleaned text) long enough to be prose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from synoptic.errors import problem
from synoptic.model import Article, Problem

MIN_LINE_CHARS = 40  # shorter lines (bylines, "Read more") are shared by unrelated pages
MIN_LINES = 2  # one shared paragraph (a quoted statement) does not make two articles one
_SPACE = re.compile(r"\s++")


def _paragraphs(article: Article) -> frozenset[str]:
    lines = (_SPACE.sub(" ", line).strip().lower() for line in article.text.split("\n"))
    return frozenset(line for line in lines if len(line) >= MIN_LINE_CHARS)


def drop_contained(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    """Articles not contained in another (input order kept), and an E_DUPLICATE for each one dropped.

    Larger articles are decided first and ties go by (source, id), so which copy stays does not depend
    on the input order; the article that contains the others is kept."""
    keys = {a.id: _paragraphs(a) for a in articles}
    order = sorted(articles, key=lambda a: (-len(keys[a.id]), a.source, a.id))
    holders: dict[str, list[str]] = defaultdict(list)  # paragraph -> kept articles holding it
    dropped: dict[str, str] = {}
    for article in order:
        mine = keys[article.id]
        if len(mine) >= MIN_LINES:
            probe = min(mine)
            host = next((k for k in holders[probe] if mine <= keys[k]), None)
            if host is not None:
                dropped[article.id] = host
                continue
        for paragraph in mine:
            holders[paragraph].append(article.id)
    problems = [
        problem("E_DUPLICATE", a.source, f"every paragraph is also in article {dropped[a.id]}")
        for a in articles
        if a.id in dropped
    ]
    return [a for a in articles if a.id not in dropped], problems
