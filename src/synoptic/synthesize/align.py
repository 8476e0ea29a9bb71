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
CLAUSE_MIN_WORDS = 6
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:but|while|and|saying|adding|which|although|though|however|whereas|amid|after)\b)"
    r"|;\s+|\s+[—–]\s+|,\s+(?=[\"“‘'])|(?<=[\"”’']),\s+",
    re.IGNORECASE,
)


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


def clauses(text: str) -> list[str]:
    """Split a sentence where a new statement starts; pieces under CLAUSE_MIN_WORDS join their neighbour."""
    pieces: list[str] = []
    for piece in _CLAUSE_BREAK.split(text):
        piece = piece.strip(" ,;\"“”‘’'")
        if not piece:
            continue
        if pieces and (len(piece.split()) < CLAUSE_MIN_WORDS or len(pieces[-1].split()) < CLAUSE_MIN_WORDS):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces if len(pieces) > 1 else []


def blended_similarity(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    dense = vectors @ vectors.T if len(texts) else np.zeros((0, 0), dtype=np.float32)
    return DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * lexical_similarity(texts)


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
    # sentences and their clauses are embedded together; a pair of sentences is as close as its
    # closest pair of parts, so a long sentence that reports two things matches both
    parts: list[str] = list(texts)
    owner_of_part: list[int] = list(range(len(texts)))
    for index, text in enumerate(texts):
        for clause in clauses(text):
            parts.append(clause)
            owner_of_part.append(index)
    part_vectors = embedder.embed(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = part_vectors[: len(texts)]
    part_similarity = blended_similarity(parts, part_vectors)
    owners = np.asarray(owner_of_part, dtype=np.int64)
    similarity = np.full((len(texts), len(texts)), -1.0, dtype=np.float32)
    for p_index in range(len(parts)):
        row = part_similarity[p_index]
        target = similarity[owners[p_index]]
        np.maximum.at(target, owners, row)
    return SentenceTable(
        sentences=tuple(sentences),
        article_index=np.asarray(owner, dtype=np.int32),
        position=np.asarray(position, dtype=np.float32),
        vectors=vectors,
        similarity=similarity.astype(np.float32),
    )


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


def neighbourhood(table: SentenceTable, k: int = 4) -> np.ndarray:
    """Mean similarity of each sentence to its k nearest sentences in other articles.

    Every sentence of a story is somewhat like every other; what marks two sentences as reporting the
    same thing is being much closer to each other than to their usual neighbours (margin scoring, as
    in parallel-sentence mining).
    """
    n = len(table.sentences)
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    other = table.article_index[:, None] != table.article_index[None, :]
    masked = np.where(other, table.similarity, -np.inf)
    k = max(1, min(k, n - 1))
    top = -np.sort(-masked, axis=1)[:, :k]
    top = np.where(np.isfinite(top), top, 0.0)
    return top.mean(axis=1).astype(np.float32)


def star_members(
    table: SentenceTable, pivot: int, floor: float, margin: float, usual: np.ndarray
) -> list[int]:
    """The pivot and, from every other article, its closest sentence when it stands out from the crowd."""
    row = table.similarity[pivot]
    members = [pivot]
    for a_index in np.unique(table.article_index):
        if a_index == table.article_index[pivot]:
            continue
        candidates = np.flatnonzero(table.article_index == a_index)
        best = int(candidates[np.argmax(row[candidates])])
        baseline = 0.5 * (usual[pivot] + usual[best])
        if row[best] >= floor and row[best] >= margin * baseline:
            members.append(best)
    return complete_unit(table, members, floor, margin, usual)


def complete_unit(
    table: SentenceTable, members: list[int], floor: float, margin: float, usual: np.ndarray
) -> list[int]:
    """Let an article the pivot missed join through its sentence closest to the unit as a whole.

    A paraphrase can be far from the pivot's wording yet close to the unit's other members; average
    similarity to all members, with the same margin rule, admits it without chaining.
    """
    if len(members) < 2:
        return sorted(members)
    present = {int(table.article_index[m]) for m in members}
    mean_row = table.similarity[members].mean(axis=0)
    unit_usual = float(usual[members].mean())
    added = []
    for a_index in np.unique(table.article_index):
        if int(a_index) in present:
            continue
        candidates = np.flatnonzero(table.article_index == a_index)
        best = int(candidates[np.argmax(mean_row[candidates])])
        baseline = 0.5 * (unit_usual + usual[best])
        if mean_row[best] >= floor and mean_row[best] >= margin * baseline:
            added.append(best)
    return sorted([*members, *added])


def align_facts(
    articles: Sequence[Article], embedder: Embedder, settings: Settings, table: SentenceTable | None = None
) -> tuple[list[FactUnit], SentenceTable]:
    """Group the story's sentences into fact units, most widely reported first.

    Each sentence proposes a unit: itself plus its closest sentence in every other article, where close
    enough. Proposals reaching most articles are accepted first; one that mostly repeats an accepted unit
    is dropped. A sentence may sit in several units, since one sentence often reports more than one fact.
    Returns the units and the sentence table, which the summary reuses instead of embedding again.
    """
    table = table or build_table(articles, embedder)
    n = len(table.sentences)
    usual = neighbourhood(table)
    proposals = []
    for pivot in range(n):
        members = star_members(table, pivot, settings.align_threshold, settings.align_margin, usual)
        reach = len({int(table.article_index[m]) for m in members})
        strength = float(sum(table.similarity[pivot, m] for m in members if m != pivot))
        proposals.append((-reach, -round(strength, 6), pivot, members))
    proposals.sort(key=lambda p: p[:3])
    accepted: list[tuple[int, list[int]]] = []
    covered: set[int] = set()
    for _, _, pivot, members in proposals:
        if pivot in covered and len(members) == 1:
            continue
        overlap = max((len(set(members) & set(m)) / len(members) for _, m in accepted), default=0.0)
        if overlap > 0.5:
            continue
        accepted.append((pivot, members))
        covered.update(members)
    units = []
    for pivot, members in accepted:
        spans = tuple(sorted(table.sentences[m].span for m in members))
        units.append(FactUnit(id=_unit_id(spans), statement=table.sentences[pivot].text, support=spans))
    return units, table
