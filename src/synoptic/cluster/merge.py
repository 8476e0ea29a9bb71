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


def _fades(day: float, days: np.ndarray, window: float) -> np.ndarray:
    """1 within the window; past it the link decays with the extra days of silence (NaN days: 1)."""
    if window <= 0 or math.isnan(day):
        return np.ones(len(days))
    gap = np.abs(days - day)
    out = np.where(gap <= window, 1.0, np.exp(-(gap - window) / window))
    return np.where(np.isnan(gap), 1.0, out)


class _Stories:
    """The live stories of one merge pass, held as local numbered arrays so that one story is scored
    against all its neighbours in a single vectorised step: after a merge the grown story's summed
    vector is spread once into a dense scratch row, and every neighbour's sparse sum is read against it."""

    def __init__(self, st: ClusterState, live: list[int], level_cap: float) -> None:
        sums = st.story_sums(live)
        sums.sort_indices()
        self.columns = [sums.indices[sums.indptr[i] : sums.indptr[i + 1]] for i in range(len(live))]
        self.values = [sums.data[sums.indptr[i] : sums.indptr[i + 1]] for i in range(len(live))]
        self.size = np.array([len(st.story_members[s]) for s in live], dtype=np.float64)
        self.level = np.array(
            [sum(min(st.article_typical[m], level_cap) for m in st.story_members[s]) for s in live],
            dtype=np.float64,
        )
        self.day = np.array([st.story_last_day[s] for s in live], dtype=np.float64)
        self.scratch = np.zeros(st.vectors.shape[1], dtype=np.float32)

    def scores(self, a: int, others: list[int], window: float) -> np.ndarray:
        """Average link of story a with each of `others`, faded by time, minus the members' mean level."""
        if not others:
            return np.zeros(0)
        self.scratch[self.columns[a]] = self.values[a]
        columns = np.concatenate([self.columns[o] for o in others])
        values = np.concatenate([self.values[o] for o in others])
        owners = np.repeat(np.arange(len(others)), [len(self.columns[o]) for o in others])
        dots = np.bincount(owners, weights=self.scratch[columns] * values, minlength=len(others))
        self.scratch[self.columns[a]] = 0.0
        idx = np.asarray(others)
        mean_level = 0.5 * (self.level[a] / self.size[a] + self.level[idx] / self.size[idx])
        fades = _fades(self.day[a], self.day[idx], window)
        return dots / (self.size[a] * self.size[idx]) * fades - mean_level

    def absorb(self, keep: int, gone: int) -> None:
        """Story `keep` takes over the summed vector, size, level and last day of story `gone`."""
        columns, inverse = np.unique(
            np.concatenate([self.columns[keep], self.columns[gone]]), return_inverse=True
        )
        values = np.bincount(inverse, weights=np.concatenate([self.values[keep], self.values[gone]]))
        self.columns[keep], self.values[keep] = columns, values.astype(np.float32)
        self.size[keep] += self.size[gone]
        self.level[keep] += self.level[gone]
        self.day[keep] = np.fmax(self.day[keep], self.day[gone])


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
    local = {s: i for i, s in enumerate(live)}
    stories = _Stories(st, live, level_cap)
    parent = list(range(len(live)))
    adjacent: list[set[int]] = [set() for _ in live]
    for s, t in pairs:
        adjacent[local[s]].add(local[t])
        adjacent[local[t]].add(local[s])
    heap: list[tuple[float, int, int, float, float]] = []
    for a in range(len(live)):
        later = sorted(b for b in adjacent[a] if b > a)
        for b, value in zip(later, stories.scores(a, later, window), strict=True):
            heap.append((-float(value), a, b, stories.size[a], stories.size[b]))
    heapq.heapify(heap)
    while heap:
        neg, a, b, sa, sb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if parent[a] != a or parent[b] != b:
            continue
        if (sa, sb) != (stories.size[a], stories.size[b]):
            continue  # scored before a merge grew a or b; that merge pushed the pair's current score
        keep, gone = a, b  # local numbers follow story numbers: the older story keeps its id
        if live[gone] < first_new_story:
            continue
        parent[gone] = keep
        stories.absorb(keep, gone)
        s_keep, s_gone = live[keep], live[gone]
        for m in st.story_members[s_gone]:
            st.article_story[m] = s_keep
        st.story_members[s_keep] = sorted(st.story_members[s_keep] + st.story_members[s_gone])
        st.story_members[s_gone] = []
        st.story_last_day[s_keep] = float(stories.day[keep])
        roots = set()
        for other in adjacent[gone] | adjacent[keep]:
            root = other
            while parent[root] != root:
                root = parent[root]
            if root != keep:
                roots.add(root)
        adjacent[gone] = set()
        adjacent[keep] = roots
        ordered = sorted(roots)
        for root, value in zip(ordered, stories.scores(keep, ordered, window), strict=True):
            adjacent[root].discard(gone)
            adjacent[root].add(keep)
            x, y = min(keep, root), max(keep, root)
            heapq.heappush(heap, (-float(value), x, y, stories.size[x], stories.size[y]))
