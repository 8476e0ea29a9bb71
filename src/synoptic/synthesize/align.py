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

from synoptic.embed.model import Embedder
from synoptic.light_imports import sklearn_stop_words
from synoptic.model import Article, FactUnit, Sentence, Span
from synoptic.settings import Settings

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOP = sklearn_stop_words() | {"said", "says", "told", "added"}
_REPORTING = (
    r"(?:saying|adding|noting|stressing|insisting|claiming|arguing|warning|hinting|explaining|asserting)"
)
_CLAUSE_BREAK = re.compile(
    r"(?i:,\s+(?=(?:but|while|and|which|although|though|however|whereas|amid|after)\b))"
    rf"|(?i:(?:,|(?<![\s,]))\s++(?={_REPORTING}\b))"  # a reporting participle starts a second statement
    r"|(?<=[a-z0-9\"”’')][.!?])\s+(?=[\"“‘']?[A-Z])"  # a sentence the splitter left glued to the next
    r"|;\s+|(?<!\s)\s++[—–]\s+|,\s+(?=[\"“‘'])|(?<=[\"”’']),\s+",  # whitespace runs: one start each
)

# a sentence opening with one of these carries on the statement of the sentence before it
_CONTINUATION = re.compile(r"^[\"“‘'\s]*(?:but|however|yet|still)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SentenceTable:
    """The story's sentences in one fixed order, with their vectors and pairwise similarity."""

    sentences: tuple[Sentence, ...]
    article_index: np.ndarray  # article position of each sentence
    position: np.ndarray  # 0..1 relative position of each sentence in its article
    vectors: np.ndarray
    similarity: np.ndarray  # sentence x sentence: the closest pair of their parts
    part_owner: np.ndarray | None = None  # sentence index of each part (whole sentences first, then clauses)
    part_similarity: np.ndarray | None = None  # part x part


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


def clauses(text: str, min_words: int) -> list[str]:
    """Split a sentence where a new statement starts; pieces under `min_words` join their neighbour."""
    pieces: list[str] = []
    for piece in _CLAUSE_BREAK.split(text):
        piece = piece.strip(" ,;\"“”‘’'")
        if not piece:
            continue
        if pieces and (len(piece.split()) < min_words or len(pieces[-1].split()) < min_words):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces if len(pieces) > 1 else []


def blended_similarity(texts: Sequence[str], vectors: np.ndarray, dense_weight: float) -> np.ndarray:
    dense = vectors @ vectors.T if len(texts) else np.zeros((0, 0), dtype=np.float32)
    return dense_weight * dense + (1 - dense_weight) * lexical_similarity(texts)


def build_table(articles: Sequence[Article], embedder: Embedder, settings: Settings) -> SentenceTable:
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
        for clause in clauses(text, settings.align_clause_min_words):
            parts.append(clause)
            owner_of_part.append(index)
    part_vectors = embedder.embed(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = part_vectors[: len(texts)]
    part_similarity = blended_similarity(parts, part_vectors, settings.align_dense_weight)
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
        part_owner=owners,
        part_similarity=part_similarity.astype(np.float32),
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


def standardized(similarity: np.ndarray, article_index: np.ndarray, min_spread: float = 0.05) -> np.ndarray:
    """How far each pair's similarity stands above what each text usually scores, in spreads.

    Every sentence of a story is somewhat like every other, and some (long ones, leads) are like
    everything. Measuring a pair against the mean and spread of each text's similarity to all texts of
    the other articles puts all on one scale, and unlike a nearest-neighbour baseline it is not inflated
    when a widely reported fact gives a sentence many true matches.
    """
    if len(similarity) == 0:
        return np.zeros((0, 0), dtype=np.float32)
    other = article_index[:, None] != article_index[None, :]
    count = np.maximum(other.sum(axis=1), 1)
    mean = np.where(other, similarity, 0.0).sum(axis=1) / count
    spread = np.sqrt(np.where(other, (similarity - mean[:, None]) ** 2, 0.0).sum(axis=1) / count)
    spread = np.maximum(spread, min_spread)
    z = (similarity - mean[:, None]) / spread[:, None]
    return (0.5 * (z + z.T)).astype(np.float32)


@dataclass(frozen=True)
class PartScores:
    """Parts (sentences and their clauses) with their article, raw and standardized similarity."""

    owner: np.ndarray
    article: np.ndarray
    similarity: np.ndarray
    z: np.ndarray


def part_scores(table: SentenceTable) -> PartScores:
    if table.part_owner is None or table.part_similarity is None:
        owner = np.arange(len(table.sentences))
        similarity = table.similarity
    else:
        owner, similarity = table.part_owner, table.part_similarity
    article = table.article_index[owner] if len(owner) else np.zeros(0, dtype=np.int32)
    return PartScores(owner, article, similarity, standardized(similarity, article))


def star_members(scores: PartScores, pivot: int, floor: float, standout: float) -> list[int]:
    """The pivot part and every part of the other articles that stands out as a match to it.

    A unit holds every sentence that reports its fact, so an article that says it twice (a lead and a
    quote) gives two members. Members join through the pivot alone, one hop, so nothing chains.
    """
    row_z, row = scores.z[pivot], scores.similarity[pivot]
    other = scores.article != scores.article[pivot]
    members = [pivot, *np.flatnonzero(other & (row >= floor) & (row_z >= standout)).tolist()]
    return complete_unit(scores, members, floor, standout)


def complete_unit(scores: PartScores, members: list[int], floor: float, standout: float) -> list[int]:
    """Let an article the pivot missed join through its part closest to the unit as a whole.

    A paraphrase can be far from the pivot's wording yet close to the unit's other members; average
    similarity to all members, held to the same rule, admits it without chaining.
    """
    if len(members) < 2:
        return sorted(members)
    present = {int(scores.article[m]) for m in members}
    mean_z = scores.z[members].mean(axis=0)
    mean_sim = scores.similarity[members].mean(axis=0)
    added = []
    for a_index in np.unique(scores.article):
        if int(a_index) in present:
            continue
        candidates = np.flatnonzero(scores.article == a_index)
        best = int(candidates[np.argmax(mean_z[candidates])])
        if mean_sim[best] >= floor and mean_z[best] >= standout:
            added.append(best)
    return sorted([*members, *added])


def statements(sentences: Sequence[Sentence], article_index: np.ndarray) -> np.ndarray:
    """Statement number of each sentence: one that opens with a connective continues the one before.

    "But unfortunately, these ideas miss the point," he added: the sentence cannot stand alone, and
    with the sentence before it makes one statement, which a third writer may put in one sentence.
    """
    statement = np.arange(len(sentences))
    for i in range(1, len(sentences)):
        if article_index[i] == article_index[i - 1] and _CONTINUATION.match(sentences[i].text):
            statement[i] = statement[i - 1]
    return statement


def merge_units(
    article_index: np.ndarray,
    units: list[list[int]],
    statement: np.ndarray | None = None,
    max_per_article: int | None = None,
) -> list[list[int]]:
    """Join units that two or more articles report in the same statements: parts of one fact.

    One writer may pack two facts into a sentence, or carry a statement over into a sentence that
    opens with "But"; when several articles each state both parts together, the parts are one fact as
    the sources tell it, and one unit should carry its support. Joins chain, so a join that would give
    one article more than `max_per_article` statements in the unit is refused: an article states a
    fact in a few sentences, and a unit holding a dozen of one article's is a topic, not a fact.
    """
    said = statement if statement is not None else np.arange(len(article_index))
    parent = list(range(len(units)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    statements_of = [{int(said[m]) for m in members} for members in units]
    article_of = {int(said[m]): int(article_index[m]) for members in units for m in members}
    held = [set(statements) for statements in statements_of]  # statements of each root's group

    def fits(together: set[int]) -> bool:
        if max_per_article is None:
            return True
        return max(Counter(article_of[m] for m in together).values()) <= max_per_article

    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            shared = statements_of[i] & statements_of[j]
            if len({article_of[m] for m in shared}) >= 2:
                a, b = root(i), root(j)
                if a != b and fits(held[a] | held[b]):
                    parent[max(a, b)] = min(a, b)
                    held[min(a, b)] |= held[max(a, b)]
    groups: dict[int, set[int]] = {}
    for k, members in enumerate(units):
        groups.setdefault(root(k), set()).update(members)
    return [sorted(groups[k]) for k in sorted(groups)]


def propose_units(table: SentenceTable, settings: Settings) -> list[tuple[int, list[int]]]:
    """One star per part, as (pivot sentence, member sentences), most widely reported first.

    A sentence that reports two things has a clause for each, and each clause proposes its own unit,
    so the sentence can join both facts without mixing their matches.
    """
    scores = part_scores(table)
    has_clauses = np.zeros(len(table.sentences), dtype=bool)
    has_clauses[scores.owner[len(table.sentences) :]] = True
    proposals = []
    for pivot in range(len(scores.owner)):
        if pivot < len(table.sentences) and has_clauses[pivot]:
            continue  # its clauses pivot instead
        parts = star_members(scores, pivot, settings.align_threshold, settings.align_standout)
        members = sorted({int(scores.owner[p]) for p in parts})
        reach = len({int(table.article_index[m]) for m in members})
        strength = float(sum(scores.z[pivot, p] for p in parts if p != pivot))
        proposals.append((-reach, -round(strength, 6), pivot, int(scores.owner[pivot]), members))
    proposals.sort(key=lambda p: p[:3])
    return [(owner, members) for *_, owner, members in proposals]


def align_facts(
    articles: Sequence[Article], embedder: Embedder, settings: Settings, table: SentenceTable | None = None
) -> tuple[list[FactUnit], SentenceTable]:
    """Group the story's sentences into fact units, most widely reported first.

    Each sentence, or each clause of a sentence that has several, proposes a unit: itself plus its
    most distinctive match in every other article, where that stands out. Proposals reaching most
    articles are accepted first; one that mostly repeats an accepted unit is dropped; units that
    several articles state in the same sentences are joined. A sentence may sit in several units.
    Returns the units and the sentence table, which the summary reuses instead of embedding again.
    """
    table = table or build_table(articles, embedder, settings)
    accepted: list[tuple[int, list[int]]] = []
    covered: set[int] = set()
    for pivot, members in propose_units(table, settings):
        if pivot in covered and len(members) == 1:
            continue
        overlap = max((len(set(members) & set(m)) / len(members) for _, m in accepted), default=0.0)
        if overlap > 0.5:
            continue
        accepted.append((pivot, members))
        covered.update(members)
    said = statements(table.sentences, table.article_index)
    units_found = [members for _, members in accepted]
    merged = merge_units(table.article_index, units_found, said, settings.align_merge_max_per_article)
    pivots = [min(p for p, m in accepted if set(m) <= set(g)) for g in merged]
    units = []
    for pivot, members in zip(pivots, merged, strict=True):
        spans = tuple(sorted(table.sentences[m].span for m in members))
        units.append(FactUnit(id=_unit_id(spans), statement=table.sentences[pivot].text, support=spans))
    return units, table
