"""A merge pass after each batch: average-link agglomeration of stories over candidate article pairs.

The online pass decides article by article, so two halves of one event that started apart stay apart.
Merging stories whose mean member-to-member cosine clears the same threshold repairs that, without a
quadratic all-pairs step: only stories whose articles are candidate neighbours of this batch are compared.
The older story (first opened) keeps its id, so ids already handed out stay valid.

With `level_cap` > 0 (off by default, see BENCHMARKS.md) the cosine is measured against each article's
local level (`ClusterState.article_typical`, the mean similarity of its nearest neighbours): an article
with no close neighbours at all is close to its own partners by little too, so its matches count from
its own level. The level is capped because in a big story the nearest neighbours are the story itself,
and an uncapped level would split exactly those stories. The members' mean capped level is subtracted
from the average link, which keeps the score a sum over members.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

import numpy as np

from synoptic.cluster.state import ClusterState


def _fade(a: float, b: float, window: float) -> float:
    if math.isnan(a) or math.isnan(b) or window <= 0:
        return 1.0
    gap = abs(a - b)
    return 1.0 if gap <= window else math.exp(-(gap - window) / window)


def merge_stories(
    st: ClusterState,
    article_pairs: Iterable[tuple[int, int]],
    first_new_story: int,
    threshold: float,
    window: float,
    level_cap: float = 0.0,
) -> None:
    """Merge candidate story pairs in order of average-link score while it stays >= threshold.

    The score of stories A and B is mean cos(a, b) - (mean level(A) + mean level(B)) / 2, where an
    article's level is min(typical, level_cap): with level_cap 0, plain average link.
    An article marked alone never takes part. Only a story opened in this batch is ever merged away, so
    stories stored earlier keep their members.
    """
    pairs: set[tuple[int, int]] = set()
    for row, other in article_pairs:
        if st.article_alone[row] or st.article_alone[other]:
            continue
        s, t = st.article_story[row], st.article_story[other]
        if t != s:
            pairs.add((min(s, t), max(s, t)))
    if not pairs:
        return
    live = sorted({x for p in pairs for x in p})
    sums = st.story_sums(live)
    sums.sort_indices()
    size = {s: len(st.story_members[s]) for s in live}
    day = {s: st.story_last_day[s] for s in live}
    level = {s: sum(min(st.article_typical[m], level_cap) for m in st.story_members[s]) for s in live}
    # a story's summed vector as plain (columns, values) arrays: cheaper to score and add than sparse rows
    vec = {
        s: (sums.indices[sums.indptr[i] : sums.indptr[i + 1]], sums.data[sums.indptr[i] : sums.indptr[i + 1]])
        for i, s in enumerate(live)
    }
    parent = {s: s for s in live}

    scratch = np.zeros(st.vectors.shape[1], dtype=np.float32)

    def score(a: int, b: int) -> float:
        (ia, da), (ib, db) = vec[a], vec[b]
        scratch[ia] = da
        dot = float(np.dot(scratch[ib], db))
        scratch[ia] = 0.0
        mean_level = 0.5 * (level[a] / size[a] + level[b] / size[b])
        return dot / (size[a] * size[b]) * _fade(day[a], day[b], window) - mean_level

    adjacent: dict[int, set[int]] = {s: set() for s in live}
    for a, b in pairs:
        adjacent[a].add(b)
        adjacent[b].add(a)
    heap = [(-score(a, b), a, b, size[a], size[b]) for a, b in sorted(pairs)]
    heapq.heapify(heap)
    while heap:
        neg, a, b, sa, sb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if parent[a] != a or parent[b] != b:
            continue
        if (sa, sb) != (size[a], size[b]):
            continue  # scored before a merge grew a or b; that merge pushed the pair's current score
        keep, gone = (a, b) if a < b else (b, a)
        if gone < first_new_story:
            continue
        parent[gone] = keep
        columns, inverse = np.unique(np.concatenate([vec[keep][0], vec[gone][0]]), return_inverse=True)
        values = np.bincount(inverse, weights=np.concatenate([vec[keep][1], vec[gone][1]]))
        vec[keep] = (columns, values.astype(np.float32))
        size[keep] += size[gone]
        level[keep] += level[gone]
        day[keep] = float(np.fmax(day[keep], day[gone]))
        for m in st.story_members[gone]:
            st.article_story[m] = keep
        st.story_members[keep] = sorted(st.story_members[keep] + st.story_members[gone])
        st.story_members[gone] = []
        st.story_last_day[keep] = day[keep]
        roots = set()
        for other in adjacent.pop(gone) | adjacent[keep]:
            root = other
            while parent[root] != root:
                root = parent[root]
            if root != keep:
                roots.add(root)
        adjacent[keep] = roots
        for root in sorted(roots):
            adjacent[root].discard(gone)
            adjacent[root].add(keep)
            x, y = min(keep, root), max(keep, root)
            heapq.heappush(heap, (-score(x, y), x, y, size[x], size[y]))
