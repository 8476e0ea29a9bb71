"""Private test helper: seed Articles built from gold.json's line labels, until the cleaner lands.

Body lines are the lines gold.json does not list as title, dek, boilerplate, duplicate, metadata,
caption or subheading; they are joined with "\n" as the cleaner does, and split into sentences.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from synoptic.analyze.sentences import split_sentences
from synoptic.model import Article, Line, LineKind

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

_KINDS = (
    ("boilerplate_lines", LineKind.BOILERPLATE),
    ("duplicate_lines", LineKind.DUPLICATE),
    ("metadata_lines", LineKind.METADATA),
    ("caption_lines", LineKind.CAPTION),
    ("subheading_lines", LineKind.SUBHEADING),
)


@lru_cache(maxsize=1)
def load_gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


def _classify(raw: str, doc: dict, seen: set[str]) -> LineKind:
    if doc["title"] and raw == doc["title"] and "title" not in seen:
        seen.add("title")
        return LineKind.TITLE
    if doc["dek"] and raw == doc["dek"]:
        return LineKind.DEK
    for key, kind in _KINDS:
        if raw in doc[key]:
            if key == "duplicate_lines" and raw not in seen:
                seen.add(raw)
                continue
            return kind
    return LineKind.BODY


def build_article(name: str) -> Article:
    doc = load_gold()["documents"][name]
    seen: set[str] = set()
    lines: list[Line] = []
    for index, raw in enumerate((SEEDS / name).read_text(encoding="utf-8").splitlines()):
        raw = raw.strip()
        if not raw:
            continue
        kind = _classify(raw, doc, seen)
        if kind is LineKind.BODY and raw in doc["duplicate_lines"] and raw in seen:
            kind = LineKind.DUPLICATE
        lines.append(Line(index=index, text=raw, kind=kind, reason="gold"))
    # gold lists a duplicate line once; the first copy of such a line is the duplicate in 002.
    body = [ln.text for ln in lines if ln.kind is LineKind.BODY]
    text = "\n".join(body)
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(
        id=article_id,
        source=str(SEEDS / name),
        outlet=doc["outlet"],
        url=None,
        published=doc["published"],
        title=doc["title"],
        dek=doc["dek"],
        lines=tuple(lines),
        text=text,
        sentences=split_sentences(text, article_id),
        dateline=doc["dateline"],
    )


@lru_cache(maxsize=1)
def seed_articles() -> tuple[Article, ...]:
    names = sorted(load_gold()["documents"])
    return tuple(build_article(n) for n in names)


def names_by_id() -> dict[str, str]:
    names = sorted(load_gold()["documents"])
    return {a.id: n for a, n in zip(seed_articles(), names, strict=True)}


@lru_cache(maxsize=1)
def pipeline_articles(home: str) -> tuple[Article, ...]:
    """The seed articles as the real ingest and cleaner produce them, in file-name order."""
    from synoptic.pipeline import load_articles, make_embedder
    from synoptic.settings import Settings

    settings = Settings(home=home)
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    articles, _ = load_articles(paths, settings, make_embedder(settings))
    return tuple(sorted(articles, key=lambda a: Path(a.source).name))


def names_of(articles: tuple[Article, ...]) -> dict[str, str]:
    return {a.id: Path(a.source).name for a in articles}
