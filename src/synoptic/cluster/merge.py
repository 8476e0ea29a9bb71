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

from synoptic.cluster.features import pair_dots
from synoptic.cluster.state import ClusterState


def fade(article_day: float, story_day: float, window_days: float) -> float:
    """1 within the window; past it the match decays exponentially with the extra days of silence."""
    if math.isnan(article_day) or math.isnan(story_day) or window_days <= 0:
        return 1.0
    gap = abs(article_day - story_day)
    return 1.0 if gap <= window_days else math.exp(-(gap - window_days) / window_days)


def _fades(day: float | np.ndarray, days: np.ndarray, window: float) -> np.ndarray:
    """1 within the window; past it the link decays with the extra days of silence (NaN days: 1)."""
    if window <= 0:
        return np.ones(len(days))
    gap = np.abs(days - day)
    out = np.where(gap <= window, 1.0, np.exp(-(gap - window) / window))
    return np.where(np.isnan(gap), 1.0, out)


def _move_members(st: ClusterState, keep: int, gone: int, last_day: float) -> None:
    """Story `gone` joins story `keep` in the state; its member list is emptied, not removed."""
    for m in st.story_members[gone]:
        st.article_story[m] = keep
    st.story_members[keep] = sorted(st.story_members[keep] + st.story_members[gone])
    st.story_members[gone] = []
    st.story_last_day[keep] = last_day


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
        self.sums = sums

    def dots(self, a: int, others: list[int]) -> np.ndarray:
        """Dot products of story a's summed vector with each of `others`': summed member cosines."""
        self.scratch[self.columns[a]] = self.values[a]
        columns = np.concatenate([self.columns[o] for o in others])
        values = np.concatenate([self.values[o] for o in others])
        owners = np.repeat(np.arange(len(others)), [len(self.columns[o]) for o in others])
        out = np.bincount(owners, weights=self.scratch[columns] * values, minlength=len(others))
        self.scratch[self.columns[a]] = 0.0
        return out

    def scores(
        self, a: int | np.ndarray, others: list[int] | np.ndarray, totals: np.ndarray, window: float
    ) -> np.ndarray:
        """Average link from summed member cosines, faded by time, minus the members' mean level."""
        idx = np.asarray(others, dtype=np.int64)
        fades = _fades(self.day[a], self.day[idx], window)
        mean_level = 0.5 * (self.level[a] / self.size[a] + self.level[idx] / self.size[idx])
        return totals / (self.size[a] * self.size[idx]) * fades - mean_level

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
    adjacent: list[set[int]] = [set() for _ in live]
    for s, t in pairs:
        adjacent[local[s]].add(local[t])
        adjacent[local[t]].add(local[s])
    first = np.array(sorted((local[s], local[t]) for s, t in pairs), dtype=np.int64)
    totals = pair_dots(stories.sums, first[:, 0], first[:, 1])
    scores = stories.scores(first[:, 0], first[:, 1], totals, window)
    # a pair below the threshold is never queued: it can only rise when a merge grows it, and that
    # merge scores it anew
    heap = [
        (-score, a, b, stories.size[a], stories.size[b])
        for (a, b), score in zip(first.tolist(), scores.tolist(), strict=True)
        if score >= threshold
    ]
    heapq.heapify(heap)
    alive = [True] * len(live)
    while heap:
        _, a, b, sa, sb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or (sa, sb) != (stories.size[a], stories.size[b]):
            continue  # merged away, or scored before a merge grew a or b (that merge scored it anew)
        if live[b] < first_new_story:  # local numbers follow story numbers: b is the younger story
            continue
        alive[b] = False
        stories.absorb(a, b)
        _move_members(st, live[a], live[b], float(stories.day[a]))
        neighbours = sorted((adjacent[a] | adjacent[b]) - {a, b})
        adjacent[a], adjacent[b] = set(neighbours), set()
        for c in neighbours:
            adjacent[c].discard(b)
            adjacent[c].add(a)
        if not neighbours:
            continue
        grown = stories.scores(a, neighbours, stories.dots(a, neighbours), window)
        for c, score in zip(neighbours, grown.tolist(), strict=True):
            if score >= threshold:
                x, y = min(a, c), max(a, c)
                heapq.heappush(heap, (-score, x, y, stories.size[x], stories.size[y]))


def merge_by_pairs(
    st: ClusterState,
    article_pairs: np.ndarray,
    probability: np.ndarray,
    first_new_story: int,
    threshold: float,
    window: float,
) -> None:
    """Average link over candidate pairs: stories A and B score the summed same-story probability of
    their candidate member pairs over |A| |B| (a pair never proposed counts 0), faded by time, and merge
    best first while that stays >= threshold. The sums add up when two stories merge (Lance-Williams),
    so nothing is reread. As in `merge_stories`, only a story of this batch is merged away."""
    links: dict[int, dict[int, float]] = {}
    for (row, other), p in zip(article_pairs.tolist(), probability.tolist(), strict=True):
        if st.article_alone[row] or st.article_alone[other]:
            continue
        s, t = st.article_story[row], st.article_story[other]
        if s != t:
            links.setdefault(s, {})[t] = links.setdefault(t, {}).get(s, 0.0) + p
            links[t][s] = links[s][t]
    size = {s: len(st.story_members[s]) for s in links}
    day = {s: st.story_last_day[s] for s in links}

    def score(a: int, b: int) -> float:
        return links[a][b] / (size[a] * size[b]) * fade(day[a], day[b], window)

    heap = [(-score(a, b), a, b, size[a], size[b]) for a in sorted(links) for b in sorted(links[a]) if a < b]
    heap = [entry for entry in heap if -entry[0] >= threshold]
    heapq.heapify(heap)
    while heap:
        _, a, b, sa, sb = heapq.heappop(heap)
        if a not in links or b not in links or (sa, sb) != (size[a], size[b]):
            continue  # merged away, or scored before a merge grew a or b (that merge scored it anew)
        if b < first_new_story:  # b, the younger story, would be merged away
            continue
        for c, total in links.pop(b).items():
            links[c].pop(b)
            if c != a:
                links[a][c] = links[c][a] = links[a].get(c, 0.0) + total
        size[a] += size.pop(b)
        day[a] = float(np.fmax(day[a], day.pop(b)))
        _move_members(st, a, b, day[a])
        for c in sorted(links[a]):
            value = score(a, c)
            if value >= threshold:
                x, y = min(a, c), max(a, c)
                heapq.heappush(heap, (-value, x, y, size[x], size[y]))
