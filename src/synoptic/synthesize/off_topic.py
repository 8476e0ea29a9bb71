"""Off-topic documents: a document that shares too little of what the other documents report.

A story's sources report the same things in their own words, so most of an on-topic article's
sentences have a close counterpart in some other article, and its sentences taken together sit near
another article's. A page that is not about the story (a crawl notice, a product page, a generic
explainer, an older article on another subject) has neither. Two signals are measured per document:

- `reported_share`: the share of its sentences whose closest sentence in another document is at least
  `align_threshold` (the level at which fact alignment would consider two sentences to report one thing);
- `nearest`: the cosine of its sentence centroid with the closest other document's centroid.

A document is set aside only when both are low (a clear gap, not one weak signal) and the documents
left tell a story between them (two or more that are not isolated, and no fewer than those set aside:
a bundle of unrelated items has no story to be off). A document that uses the
story's topic words all the same (the words, names included, that the other documents have in common)
is a different facet of the story, not another subject, and is kept. When there is no such story
(a two-document story is the usual case), a document is set aside only when it shares
essentially nothing and is small beside the largest, so a story of two real articles keeps both.
A set-aside document stays in the brief's article list, its lines marked with the reason.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from synoptic.embed.model import Embedder
from synoptic.model import Article, Line, LineKind, QualityFlag
from synoptic.settings import Settings
from synoptic.synthesize.align import content_words

CODE = "off_topic"
# settings.off_topic_minor_size: with no story among the documents, only a document this small beside
# the largest one (in sentences) can be told apart as the one that is not the story; two comparable
# articles are both kept. settings.off_topic_coverage: a document that uses this share of the
# vocabulary the other documents have in common (their topic words, names included) is on the story's
# subject even when its sentences differ: it is kept


@dataclass(frozen=True)
class Relatedness:
    """How much of one document the others report."""

    article_id: str
    sentences: int
    reported_share: float
    nearest: float
    topic_coverage: float = 0.0  # share of the other documents' common words that it uses too


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def topic_coverage(articles: Sequence[Article]) -> list[float]:
    """Per document: the share of the others' common vocabulary it uses.

    The others' common vocabulary is the content words used by at least half of them (at least two);
    with one other document, the words it uses twice or more. Case-blind, so it works on any text.
    """
    bags = [Counter(content_words(a.text)) for a in articles]
    out: list[float] = []
    for index, bag in enumerate(bags):
        others = [b for j, b in enumerate(bags) if j != index]
        if len(others) == 1:
            common = {w for w, count in others[0].items() if count >= 2}
        else:
            need = max(2, math.ceil(len(others) / 2))
            df = Counter(w for b in others for w in b)
            common = {w for w, count in df.items() if count >= need}
        out.append(len(common & bag.keys()) / len(common) if common else 0.0)
    return out


def measure_relatedness(
    articles: Sequence[Article], embedder: Embedder, settings: Settings
) -> list[Relatedness]:
    """Per document: the share of its sentences another document also reports, and its nearest document."""
    texts_of = [[s.text for s in a.sentences] or ([a.text] if a.text.strip() else []) for a in articles]
    flat = [t for texts in texts_of for t in texts]
    vectors = _unit_rows(np.asarray(embedder.embed(flat), dtype=np.float32)) if flat else None
    owner = np.asarray([i for i, texts in enumerate(texts_of) for _ in texts], dtype=np.int64)
    centroids: list[np.ndarray | None] = []
    for index in range(len(articles)):
        rows = vectors[owner == index] if vectors is not None else np.zeros((0, 1))
        centroid = rows.mean(axis=0) if len(rows) else None
        norm = float(np.linalg.norm(centroid)) if centroid is not None else 0.0
        centroids.append(centroid / norm if centroid is not None and norm > 0 else None)
    coverage = topic_coverage(articles)
    out: list[Relatedness] = []
    for index, article in enumerate(articles):
        own = owner == index
        share, nearest = 0.0, 0.0
        if vectors is not None and own.any() and (~own).any():
            best = (vectors[own] @ vectors[~own].T).max(axis=1)
            share = float(np.mean(best >= settings.align_threshold))
        own_centroid = centroids[index]
        others = [c for j, c in enumerate(centroids) if j != index and c is not None]
        if own_centroid is not None and others:
            nearest = max(float(own_centroid @ c) for c in others)
        out.append(Relatedness(article.id, len(texts_of[index]), share, nearest, coverage[index]))
    return out


def _isolated(r: Relatedness, settings: Settings) -> bool:
    low = r.reported_share < settings.off_topic_max_share and r.nearest < settings.off_topic_story_level
    return low and r.topic_coverage < settings.off_topic_coverage


def _shares_nothing(r: Relatedness, settings: Settings) -> bool:
    return (
        _isolated(r, settings) and r.reported_share == 0.0 and r.nearest < settings.off_topic_story_level / 2
    )


def _reason(r: Relatedness, settings: Settings) -> str:
    return (
        f"off-topic: {r.reported_share:.0%} of its {r.sentences} sentences are reported by another document "
        f"(fewer than {settings.off_topic_max_share:.0%}) and its closest document is at cosine "
        f"{r.nearest:.2f} (one story: {settings.off_topic_story_level:.2f}); it uses "
        f"{r.topic_coverage:.0%} of the words the others have in common (on the subject: "
        f"{settings.off_topic_coverage:.0%}); set aside from the summary, facts, timeline, quotes and "
        "entities"
    )


def find_off_topic(articles: Sequence[Article], embedder: Embedder, settings: Settings) -> dict[str, str]:
    """Article id -> why it is set aside, for the documents that are not about the story the rest tell."""
    if len(articles) < 2 or settings.off_topic_max_share <= 0:
        return {}
    measured = measure_relatedness(articles, embedder, settings)
    isolated = [r for r in measured if _isolated(r, settings)]
    core = [r for r in measured if not _isolated(r, settings)]
    if len(core) >= 2 and len(core) >= len(isolated):
        chosen = isolated
    else:
        # no story that most documents tell: keep the largest; set aside only what shares nothing and is minor
        largest = max(measured, key=lambda r: r.sentences)
        minor = settings.off_topic_minor_size * largest.sentences
        chosen = [
            r for r in measured if r is not largest and _shares_nothing(r, settings) and r.sentences <= minor
        ]
    return {r.article_id: _reason(r, settings) for r in chosen}


def set_aside(article: Article, reason: str) -> Article:
    """The article as the brief lists it: marked, its body lines turned boilerplate with the reason, no text.

    Nothing downstream reads its text, and no span can point into it, so it cannot be cited.
    """
    lines = tuple(
        Line(ln.index, ln.text, LineKind.BOILERPLATE, reason) if ln.kind == LineKind.BODY else ln
        for ln in article.lines
    )
    return replace(article, lines=lines, text="", sentences=(), off_topic=reason)


def off_topic_flags(articles: Sequence[Article]) -> list[QualityFlag]:
    """One quality flag per set-aside article, so readers and tools see why it is not in the brief."""
    return [QualityFlag(a.id, CODE, a.off_topic) for a in articles if a.off_topic is not None]
