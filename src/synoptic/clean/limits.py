"""Per-article bounds applied before cleaning, so one huge input costs no more than a long article.

Every later stage (line embeddings, the spaCy parse, sentence alignment across articles) grows with an
article's length, some with its square; an article past `max_article_chars` is cut at the last line
break inside the limit and reported with a coded warning, never left to fail the batch.
"""

from __future__ import annotations

from dataclasses import replace

from synoptic.errors import problem
from synoptic.model import Problem, RawDocument


def cut_point(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: after a line break, else a space, else hard."""
    if len(text) <= limit:
        return len(text)
    for mark in ("\n", " "):
        at = text.rfind(mark, 0, limit + 1)
        if at > limit // 2:
            return at
    return limit


def bound_document(doc: RawDocument, max_chars: int) -> tuple[RawDocument, list[Problem]]:
    """The document cut to `max_chars` characters (and the warning), or itself when it fits."""
    if len(doc.text) <= max_chars:
        return doc, []
    end = cut_point(doc.text, max_chars)
    detail = f"{len(doc.text)} characters > max_article_chars={max_chars}; the first {end} are kept"
    return replace(doc, text=doc.text[:end]), [
        problem("E_ARTICLE_TOO_LONG", doc.source, detail, doc.line_number)
    ]
