"""Align sentences across articles into fact units: one thing reported, with every sentence reporting it.

Sentences of one story are all about the same few people and places, so plain embedding similarity
rates distinct facts of the story as near neighbours. The similarity used here blends the sentence
model's cosine with a lexical overlap in which words frequent across the whole story weigh little, so
what two sentences share *beyond the story's common vocabulary* decides. Average-linkage clustering over
that similarity does not chain unrelated sentences through intermediates the way single linkage would.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from synoptic.embed.model import Embedder
from synoptic.model import Article, FactUnit, Sentence, Span
from synoptic.settings import Settings

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "added"}
DENSE_WEIGHT = 0.7


@dataclass(frozen=True)
class SentenceTable:
    """The story's sentences in one fixed order, with their vectors and pairwise similarity."""

    sentences: tuple[Sentence, ...]
    article_index: np.ndarray  # article position of each sentence
    position: np.ndarray  # 0..1 relative position of each sentence in its article
    vectors: np.ndarray
    similarity: np.ndarray


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry content: no stop words, no one-letter tokens."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if len(w) > 1 and w not in _STOP]


def _stem(word: str) -> str:
    """A deliberately crude suffix stripper so 'invades'/'invasion'/'invading' meet."""
    for suffix in ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def lexical_similarity(texts: Sequence[str]) -> np.ndarray:
    """Overlap of stemmed content words, weighted by how rare each word is within the story."""
    bags = [Counter(_stem(w) for w in content_words(t)) for t in texts]
    df = Counter(w for bag in bags for w in bag)
    n = max(len(texts), 1)
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    vocab = {w: i for i, w in enumerate(sorted(df))}
    if not vocab:
        return np.zeros((len(texts), len(texts)), dtype=np.float32)
    present = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for w in bag:
            present[row, vocab[w]] = 1.0
    weights = np.asarray([idf[w] for w in sorted(df)], dtype=np.float32)
    # an IDF-weighted cosine of word presence: shared rare words count, the story's common words barely
    shared = (present * weights) @ present.T
    totals = present @ weights
    denom = np.sqrt(np.outer(totals, totals))
    denom[denom == 0] = 1.0
    return (shared / denom).astype(np.float32)


def build_table(articles: Sequence[Article], embedder: Embedder) -> SentenceTable:
    sentences: list[Sentence] = []
    owner: list[int] = []
    position: list[float] = []
    for a_index, article in enumerate(articles):
        count = max(len(article.sentences), 1)
        for s_index, sentence in enumerate(article.sentences):
            sentences.append(sentence)
            owner.append(a_index)
            position.append(s_index / count)
    texts = [s.text for s in sentences]
    vectors = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), dtype=np.float32)
    dense = vectors @ vectors.T if len(texts) else np.zeros((0, 0), dtype=np.float32)
    lexical = lexical_similarity(texts)
    similarity = DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * lexical
    return SentenceTable(
        sentences=tuple(sentences),
        article_index=np.asarray(owner, dtype=np.int32),
        position=np.asarray(position, dtype=np.float32),
        vectors=vectors,
        similarity=similarity.astype(np.float32),
    )


def _cluster_labels(table: SentenceTable, threshold: float) -> np.ndarray:
    n = len(table.sentences)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    distance = np.clip(1.0 - table.similarity, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    )
    return model.fit_predict(distance)


def _unit_id(spans: Sequence[Span]) -> str:
    key = "|".join(f"{s.article_id}:{s.start}:{s.end}" for s in spans)
    return "f" + hashlib.sha256(key.encode()).hexdigest()[:10]


def representative(table: SentenceTable, members: Sequence[int]) -> int:
    """The member closest to all the others: it states the unit's fact most typically."""
    if len(members) == 1:
        return members[0]
    sub = table.similarity[np.ix_(members, members)]
    centrality = (sub.sum(axis=1) - 1.0) / (len(members) - 1)
    best = max(range(len(members)), key=lambda k: (round(float(centrality[k]), 6), -members[k]))
    return members[best]


def align_facts(
    articles: Sequence[Article], embedder: Embedder, settings: Settings, table: SentenceTable | None = None
) -> tuple[list[FactUnit], SentenceTable]:
    """Group the story's sentences into fact units, most widely reported first.

    Returns the units and the sentence table, which the summary reuses instead of embedding again.
    """
    table = table or build_table(articles, embedder)
    labels = _cluster_labels(table, settings.align_threshold)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    units: list[tuple[tuple[int, int, int], FactUnit]] = []
    for members in groups.values():
        members.sort()
        spans = tuple(sorted(table.sentences[m].span for m in members))
        rep = representative(table, members)
        unit = FactUnit(id=_unit_id(spans), statement=table.sentences[rep].text, support=spans)
        n_articles = len({int(table.article_index[m]) for m in members})
        units.append(((-n_articles, -len(members), members[0]), unit))
    units.sort(key=lambda pair: pair[0])
    return [unit for _, unit in units], table
