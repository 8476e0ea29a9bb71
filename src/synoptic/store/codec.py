"""Article <-> row conversion: lines and sentences as JSON so an Article round-trips exactly."""

from __future__ import annotations

import json
from typing import Any

from synoptic.model import Article, Line, LineKind, Sentence, Span

ARTICLE_COLUMNS = (
    "id",
    "source",
    "outlet",
    "url",
    "published",
    "title",
    "dek",
    "dateline",
    "text",
    "lines",
    "sentences",
)


def encode_lines(lines: tuple[Line, ...]) -> str:
    """Lines as [{index, text, kind, reason}] so the cleaner's decisions stay inspectable in SQL."""
    data = [{"index": ln.index, "text": ln.text, "kind": str(ln.kind), "reason": ln.reason} for ln in lines]
    return json.dumps(data, ensure_ascii=False)


def encode_sentences(sentences: tuple[Sentence, ...]) -> str:
    """Sentences as spans plus text: text is kept because a sentence may be normalised."""
    data = [
        {
            "id": s.id,
            "article_id": s.span.article_id,
            "start": s.span.start,
            "end": s.span.end,
            "text": s.text,
        }
        for s in sentences
    ]
    return json.dumps(data, ensure_ascii=False)


def article_row(article: Article) -> tuple[Any, ...]:
    """One row of the articles table, in ARTICLE_COLUMNS order."""
    return (
        article.id,
        article.source,
        article.outlet,
        article.url,
        article.published,
        article.title,
        article.dek,
        article.dateline,
        article.text,
        encode_lines(article.lines),
        encode_sentences(article.sentences),
    )


def decode_article(row: tuple[Any, ...]) -> Article:
    """Rebuild the frozen Article from a row in ARTICLE_COLUMNS order."""
    (aid, source, outlet, url, published, title, dek, dateline, text, lines_json, sentences_json) = row
    lines = tuple(
        Line(index=d["index"], text=d["text"], kind=LineKind(d["kind"]), reason=d["reason"])
        for d in json.loads(lines_json)
    )
    sentences = tuple(
        Sentence(id=d["id"], span=Span(d["article_id"], d["start"], d["end"]), text=d["text"])
        for d in json.loads(sentences_json)
    )
    return Article(
        id=aid,
        source=source,
        outlet=outlet,
        url=url,
        published=published,
        title=title,
        dek=dek,
        lines=lines,
        text=text,
        sentences=sentences,
        dateline=dateline,
    )
