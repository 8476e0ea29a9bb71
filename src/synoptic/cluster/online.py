"""Online, time-aware story detection: each batch's articles join stored stories or open new ones.

Candidate partners come from an HNSW index over dense sketches of the articles seen so far (usearch) and
from an inverted index of each article's key terms, so the cost per article stays near constant. The
batch is then agglomerated by average link over those candidates: of the learned same-story probability
(`cluster_linkage = "pairs"`, the default, `synoptic.cluster.pairs`) or of the exact cosine ("cosine"),
damped when a story has gone quiet for days.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from usearch.index import Index

from synoptic.cluster.features import (
    PROJECTION_DIM,
    article_day,
    count_blocks,
    document_frequency,
    idf_weights,
    key_term_neighbours,
    pair_dots,
    project,
    projection_matrix,
    vectorize,
)
from synoptic.cluster.merge import merge_by_pairs, merge_stories
from synoptic.cluster.pairs import (
    FEATURES,
    block_cosines,
    local_levels,
    pair_features,
    pair_model,
    unique_pairs,
)
from synoptic.cluster.state import ClusterState
from synoptic.cluster.templates import strip_templates
from synoptic.model import Article
from synoptic.settings import Settings

# The four below shape the pair features the learned pair model was fitted on (scripts/
# train_pair_model.py, MODEL_VERSION in cluster/pairs.py): they are part of that model, not knobs; a
# change means refitting it, so they are constants and outside Settings.
NEIGHBOURS = 16
TYPICAL_NEIGHBOURS = 5  # an article's local level: the mean similarity of its 5 nearest neighbours
DENSE_CHARS = 3000  # the lead of a long text carries its story; the tail is boilerplate
DENSE_PRIOR_DOCS = 50
_PROJECTION: sp.csr_matrix | None = None


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: str
    score: float  # similarity to the story it joined; 0.0 when it opened the story
    new_story: bool


def _projection() -> sp.csr_matrix:
    global _PROJECTION
    if _PROJECTION is None:
        _PROJECTION = projection_matrix()
    return _PROJECTION


def arrival_order(articles: Sequence[Article]) -> list[int]:
    """Date order; an undated article keeps its place after the last dated one before it."""
    keys: list[tuple[float, int]] = []
    carried = -math.inf
    for i, article in enumerate(articles):
        day = article_day(article)
        if not math.isnan(day):
            carried = day
        keys.append((day if not math.isnan(day) else carried, i))
    return [i for _, i in sorted(keys)]


def _new_index(sketches: np.ndarray) -> Index:
    index = Index(ndim=PROJECTION_DIM, metric="cos", dtype="f16", connectivity=16, expansion_add=40)
    index.expansion_search = 40
    if len(sketches):
        index.add(np.arange(len(sketches), dtype=np.uint64), sketches, threads=1)
    return index


def _nearest(sketches: np.ndarray, rows: range) -> list[list[int]]:
    """Each row's NEIGHBOURS nearest other articles by sketch cosine, from an HNSW index (usearch)."""
    if len(sketches) < 2 or not len(rows):
        return [[] for _ in rows]
    found = _new_index(sketches).search(sketches[rows.start : rows.stop], NEIGHBOURS + 1, threads=1)
    keys = np.atleast_2d(found.keys)
    return [
        [int(key) for key in keys[k] if key != row and key < len(sketches)][:NEIGHBOURS]
        for k, row in enumerate(rows)
    ]


def _exact_levels(vectors: sp.csr_matrix, rows: range, pairs: list[tuple[int, int]]) -> np.ndarray:
    """rows x NEIGHBOURS: each row's largest exact cosines to its candidate partners (NaN where fewer)."""
    out = np.full((len(rows), NEIGHBOURS), np.nan, dtype=np.float32)
    if not pairs:
        return out
    unique = np.unique(np.asarray(pairs, dtype=np.int64), axis=0)
    a, b = unique[:, 0], unique[:, 1]
    sims = pair_dots(vectors, a, b).astype(np.float32)
    order = np.lexsort((-sims, a))
    a, sims = a[order], sims[order]
    first = np.searchsorted(a, a, side="left")
    rank = np.arange(len(a)) - first
    keep = rank < NEIGHBOURS
    out[a[keep] - rows.start, rank[keep]] = sims[keep]
    return out


def _typical(similarity: np.ndarray) -> np.ndarray:
    """Mean of the TYPICAL_NEIGHBOURS largest similarities, negatives as 0. A neighbour that does not
    exist yet (NaN: a feed of a few articles) counts as 1, so the capped level holds: a small feed is
    not made easier to merge by the neighbours it never had the chance to see."""
    filled = np.where(np.isnan(similarity), 1.0, np.clip(similarity, 0.0, None))
    top = -np.sort(-filled, axis=1)[:, :TYPICAL_NEIGHBOURS]
    return top.mean(axis=1)


def story_id_for(article_id: str) -> str:
    """A story is named after one of its first batch's articles (the smallest id): stable across runs,
    batches and input orders."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:15]


def _label(article: Article) -> str:
    return (article.title or article.text[:80]).strip()


def _copy(state: ClusterState) -> ClusterState:
    return ClusterState(
        df=state.df.copy(),
        n_docs=state.n_docs,
        vectors=state.vectors,
        sketches=state.sketches,
        article_ids=list(state.article_ids),
        article_story=list(state.article_story),
        article_typical=list(state.article_typical),
        article_alone=list(state.article_alone),
        story_ids=list(state.story_ids),
        story_labels=list(state.story_labels),
        story_members=[list(m) for m in state.story_members],
        story_norm2=list(state.story_norm2),
        story_last_day=list(state.story_last_day),
        sentence_counts=dict(state.sentence_counts),
        dense_sum=state.dense_sum.copy(),
    )


def _centred_dense(
    st: ClusterState, fresh: list[Article], texts: list[str], settings: Settings
) -> np.ndarray | None:
    """Static MiniLM vectors of title + text, minus the mean of every article seen so far: raw static
    vectors of any two news texts sit close together, and only the centred part tells stories apart."""
    if settings.cluster_dense_weight <= 0:
        return None
    from synoptic.embed.static import StaticEmbedder

    raw = StaticEmbedder(settings.resolved_models_dir).embed(
        [f"{a.title or ''}\n{t[:DENSE_CHARS]}" for a, t in zip(fresh, texts, strict=True)]
    )
    st.dense_sum = st.dense_sum + raw.sum(axis=0, dtype=np.float64)
    # a few-article feed must not be centred on itself (two articles would point apart): the mean is
    # shrunk towards zero by DENSE_PRIOR_DOCS pseudo-articles, which a stream of thousands outweighs
    return raw - (st.dense_sum / (st.n_docs + DENSE_PRIOR_DOCS)).astype(np.float32)


def _fresh(articles: Sequence[Article], st: ClusterState) -> list[Article]:
    """The articles `st` does not hold yet, in arrival order, each once."""
    known = st.story_of()
    fresh: list[Article] = []
    fresh_ids: set[str] = set()
    for i in arrival_order(articles):
        a = articles[i]
        if a.id not in known and a.id not in fresh_ids:
            fresh.append(a)
            fresh_ids.add(a.id)
    return fresh


def cluster_articles(
    articles: Sequence[Article], settings: Settings, state: ClusterState | None = None
) -> tuple[list[Assignment], ClusterState]:
    """Assign every article to a story, extending `state` (not modified); one Assignment per input."""
    st = _copy(state) if state is not None else ClusterState()
    decided: dict[str, Assignment] = {a: Assignment(a, s, 1.0, False) for a, s in st.story_of().items()}
    fresh = _fresh(articles, st)
    if fresh:
        batch = _prepare(st, fresh, settings)
        _settle(st, batch, fresh, settings, _threshold(settings), decided)
    return [decided[a.id] for a in articles], st


def cluster_sweep(
    articles: Sequence[Article], settings: Settings, thresholds: Sequence[float]
) -> dict[float, list[Assignment]]:
    """`cluster_articles` from an empty state at each threshold of the settings' linkage, the same
    answers as one run per threshold. Features, candidate pairs and pair probabilities do not depend on
    the threshold, so they are computed once (what tuning a threshold, and its test, spends time on)."""
    base = ClusterState()
    fresh = _fresh(articles, base)
    batch = _prepare(base, fresh, settings) if fresh else None
    out: dict[float, list[Assignment]] = {}
    for threshold in thresholds:
        st = _copy(base)
        decided: dict[str, Assignment] = {}
        if batch is not None:
            _settle(st, batch, fresh, settings, threshold, decided)
        out[threshold] = [decided[a.id] for a in articles]
    return out


def _threshold(settings: Settings) -> float:
    pairs = settings.cluster_linkage == "pairs"
    return settings.cluster_pair_threshold if pairs else settings.cluster_threshold


@dataclass(frozen=True)
class _Batch:
    """What merging a batch needs that does not depend on the threshold."""

    first_new_story: int
    new_rows: range
    candidates: list[tuple[int, int]]
    pairs: np.ndarray | None = None  # the pair linkage's candidate pairs and their probabilities
    probability: np.ndarray | None = None


def _prepare(st: ClusterState, fresh: list[Article], settings: Settings) -> _Batch:
    """Add the fresh articles to `st` (each a story of its own) and score their candidate pairs."""
    first_new_story = len(st.story_ids)
    new_rows, candidates = _add_articles(st, fresh, settings)
    if settings.cluster_linkage == "pairs":
        pairs, features = _pair_features(st, new_rows, candidates)
        return _Batch(first_new_story, new_rows, candidates, pairs, pair_model().probability(features))
    if settings.cluster_level_cap > 0:
        st.article_typical.extend(_typical(_exact_levels(st.vectors, new_rows, candidates)).tolist())
    else:  # levels unused: not measured, and held as fully crowded should a later batch turn them on
        st.article_typical.extend([1.0] * len(new_rows))
    return _Batch(first_new_story, new_rows, candidates)


def _settle(
    st: ClusterState,
    batch: _Batch,
    fresh: list[Article],
    settings: Settings,
    threshold: float,
    out: dict[str, Assignment],
) -> None:
    """The merge pass joins the batch's stories to each other and to stored stories by average link.
    Agglomerating the batch as a whole, best pair first, is what lets two reports of one event find
    each other even when a look-alike arrived between them."""
    first_new_story, new_rows = batch.first_new_story, batch.new_rows
    if batch.pairs is not None and batch.probability is not None:
        window = settings.cluster_window_days
        merge_by_pairs(st, batch.pairs, batch.probability, first_new_story, threshold, window)
    else:
        window, cap = settings.cluster_window_days, settings.cluster_level_cap
        merge_stories(st, batch.candidates, first_new_story, threshold, window, cap)
    _drop_emptied(st, first_new_story)
    _name_new_stories(st, first_new_story, fresh)
    touched = sorted({st.article_story[row] for row in new_rows})
    sums = st.story_sums(touched)
    norm2 = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    place = {s: k for k, s in enumerate(touched)}
    for s, k in place.items():
        st.story_norm2[s] = float(norm2[k])
    story_of_row = [place[st.article_story[row]] for row in new_rows]
    # how close each article sits to the rest of its story: (v . sum - v . v) / (size - 1), average link
    with_story = np.asarray(st.vectors[list(new_rows)].multiply(sums[story_of_row]).sum(axis=1)).ravel()
    for k, row in enumerate(new_rows):
        aid = st.article_ids[row]
        story = st.article_story[row]
        story_id = st.story_ids[story]
        size = len(st.story_members[story])
        score = (float(with_story[k]) - 1.0) / (size - 1) if size > 1 else 0.0
        out[aid] = Assignment(aid, story_id, round(score, 6), story_id == story_id_for(aid))


def _add_articles(
    st: ClusterState, fresh: list[Article], settings: Settings
) -> tuple[range, list[tuple[int, int]]]:
    """Vectors, sketches and a story of its own for every fresh article; its candidate partners (ANN
    neighbours and key-term partners) as (row, other) pairs."""
    texts = [strip_templates(a.text, st.sentence_counts, settings.cluster_template_min) for a in fresh]
    blocks = count_blocks(fresh, texts)
    st.df = st.df + document_frequency(blocks[0] + blocks[1])
    st.n_docs += len(fresh)
    dense = _centred_dense(st, fresh, texts, settings)
    vectors = vectorize(
        blocks, idf_weights(st.df, st.n_docs), dense=dense, dense_weight=settings.cluster_dense_weight
    )
    sketches = project(vectors, _projection())
    base = len(st.article_ids)
    st.vectors = sp.vstack([st.vectors, vectors], format="csr")
    st.sketches = np.vstack([st.sketches, sketches])
    for j, article in enumerate(fresh):
        st.story_ids.append(story_id_for(article.id))
        st.story_labels.append(_label(article))
        st.story_members.append([base + j])
        st.story_norm2.append(1.0)
        st.story_last_day.append(article_day(article))
        st.article_story.append(len(st.story_ids) - 1)
        st.article_ids.append(article.id)
        words = len(texts[j].split()) + len((article.title or "").split())
        st.article_alone.append(words < settings.cluster_min_words)
    new_rows = range(base, len(st.article_ids))
    neighbours = _nearest(st.sketches, new_rows)
    ann_pairs = [(row, int(key)) for row, keys in zip(new_rows, neighbours, strict=True) for key in keys]
    return new_rows, ann_pairs + key_term_neighbours(st.vectors, new_rows)


def _pair_features(
    st: ClusterState, new_rows: range, candidates: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Unique candidate pairs and their model features. The new articles' local levels are measured on
    this batch's candidates and kept; a stored article keeps the level it had when it arrived."""
    pairs = unique_pairs(candidates)
    blocks = block_cosines(st.vectors, pairs)
    levels = local_levels(len(st.article_ids), pairs, blocks.sum(axis=1))
    levels[: new_rows.start] = st.article_typical[: new_rows.start]
    st.article_typical.extend(levels[new_rows.start :].tolist())
    return pairs, pair_features(blocks, pairs, levels)


def pair_table(
    articles: Sequence[Article], settings: Settings, batches: int = 1
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(article ids in arrival order, candidate pairs of rows, their features) as the pair linkage sees
    them when the articles arrive in `batches` consecutive batches of a new store: what
    `scripts/train_pair_model.py` fits the pair model on. The pair features never depend on how earlier
    batches were merged, so no merge is run."""
    st = ClusterState()
    fresh = [articles[i] for i in arrival_order(articles)]
    size = max(1, -(-len(fresh) // max(1, batches)))
    all_pairs, all_features = [np.zeros((0, 2), dtype=np.int64)], [np.zeros((0, len(FEATURES)))]
    for start in range(0, len(fresh), size):
        new_rows, candidates = _add_articles(st, fresh[start : start + size], settings)
        pairs, features = _pair_features(st, new_rows, candidates)
        all_pairs.append(pairs)
        all_features.append(features)
    return st.article_ids, np.vstack(all_pairs), np.vstack(all_features)


def _name_new_stories(st: ClusterState, first_new_story: int, fresh: list[Article]) -> None:
    """A story opened in this batch is named (and labelled) after its smallest member id, not after the
    member that arrived first: the same partition gets the same ids whatever the input order."""
    by_id = {a.id: a for a in fresh}
    for s in range(first_new_story, len(st.story_ids)):
        opener = min(st.article_ids[m] for m in st.story_members[s])
        st.story_ids[s] = story_id_for(opener)
        st.story_labels[s] = _label(by_id[opener])


def _drop_emptied(st: ClusterState, first_new_story: int) -> None:
    """Forget the stories of this batch that the merge pass emptied; stored stories are never emptied."""
    keep = [s for s in range(first_new_story, len(st.story_ids)) if st.story_members[s]]
    renumber = {old: first_new_story + k for k, old in enumerate(keep)}
    for name in ("story_ids", "story_labels", "story_members", "story_norm2", "story_last_day"):
        values = getattr(st, name)
        setattr(st, name, values[:first_new_story] + [values[s] for s in keep])
    st.article_story = [renumber.get(s, s) for s in st.article_story]
