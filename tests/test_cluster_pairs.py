"""The learned pair linkage: its features, the shipped model and the merge over candidate pairs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from synoptic.cluster import ClusterState
from synoptic.cluster.features import N_COLUMNS, N_FEATURES
from synoptic.cluster.merge import merge_by_pairs
from synoptic.cluster.pairs import (
    FEATURES,
    FEED_SIZES,
    block_cosines,
    local_levels,
    pair_features,
    pair_model,
)
from synoptic.errors import SettingsError
from synoptic.settings import Settings


def _probability(blocks: list[float], levels: tuple[float, float], feed: int, median: float = 0.3) -> float:
    """The shipped model's probability for one pair in a feed of `feed` articles."""
    all_levels = np.full(feed, median)
    all_levels[:2] = levels
    pairs = np.array([[0, 1]])
    return float(pair_model().probability(pair_features(np.array([blocks]), pairs, all_levels))[0])


@pytest.mark.parametrize("feed", [FEED_SIZES[0], 3000, FEED_SIZES[1]])
def test_the_shipped_model_matches_the_features_and_rewards_similarity(feed: int) -> None:
    """At every feed size it was fitted on, raising any block's cosine (which raises the total cosine
    with it) raises the same-story probability, a more crowded neighbourhood (a higher level, the feed's
    median unchanged) lowers it, and a close pair is likelier than not while a far one is not: a refit
    that learned otherwise would be fitting noise."""
    assert pair_model().features == FEATURES
    for base in ([0.1, 0.05, 0.03, 0.05], [0.2, 0.1, 0.05, 0.1], [0.05, 0.0, 0.0, 0.02]):
        for low, high in ((0.3, 0.35), (0.1, 0.2), (0.5, 0.6)):
            p = _probability(base, (low, high), feed)
            for k in range(4):
                raised = list(base)
                raised[k] += 0.1
                assert _probability(raised, (low, high), feed) > p, (FEATURES[k], base, low, high)
            assert _probability(base, (low + 0.05, high), feed) < p, (base, low, high)
            assert _probability(base, (low, high + 0.05), feed) < p, (base, low, high)
    assert _probability([0.3, 0.1, 0.05, 0.1], (0.3, 0.35), feed) > 0.5
    assert _probability([0.02, 0.0, 0.0, 0.03], (0.3, 0.35), feed) < 0.5


def test_block_cosines_sum_to_the_cosine() -> None:
    rng = np.random.default_rng(0)
    columns = [1, 7, N_FEATURES + 3, 2 * N_FEATURES + 5, 3 * N_FEATURES + 1]
    dense = np.zeros((3, N_COLUMNS), dtype=np.float32)
    dense[:, columns] = rng.random((3, len(columns)))
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    vectors = sp.csr_matrix(dense)
    pairs = np.array([[0, 1], [1, 2]])
    blocks = block_cosines(vectors, pairs)
    assert blocks.shape == (2, 4)
    assert np.allclose(blocks.sum(axis=1), [dense[0] @ dense[1], dense[1] @ dense[2]], atol=1e-6)
    assert blocks[0, 1] == pytest.approx(dense[0, N_FEATURES + 3] * dense[1, N_FEATURES + 3], abs=1e-6)


def test_local_levels_count_missing_neighbours_as_close() -> None:
    """Article 0 has two candidates (0.4, 0.2): three missing ones count 1, negatives count 0."""
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    levels = local_levels(3, pairs, np.array([0.4, 0.2, -0.1]))
    assert levels[0] == pytest.approx((0.4 + 0.2 + 3) / 5)
    assert levels[2] == pytest.approx((0.2 + 0.0 + 3) / 5)
    features = pair_features(np.array([[0.1, 0.1, 0.1, 0.1]]), pairs[:1], levels)
    low, high, median = min(levels[:2]), max(levels[:2]), float(np.median(levels))
    size = math.log(FEED_SIZES[0])  # a 3-article feed reads as the smallest train feed
    relative = [low - median, high - median]
    expected = [0.4, low, high, *relative, size, size * 0.4, *(size * r for r in relative)]
    assert features.tolist()[0][4:] == pytest.approx(expected)


def _state(n: int, stored: int) -> ClusterState:
    """n single-article stories, the first `stored` of them from an earlier batch."""
    return ClusterState(
        vectors=sp.csr_matrix((n, N_COLUMNS), dtype=np.float32),
        article_ids=[f"a{i}" for i in range(n)],
        article_story=list(range(n)),
        article_typical=[0.3] * n,
        article_alone=[False] * n,
        story_ids=[f"s{i}" for i in range(n)],
        story_labels=[f"s{i}" for i in range(n)],
        story_members=[[i] for i in range(n)],
        story_norm2=[1.0] * n,
        story_last_day=[float("nan")] * n,
    )


def test_merge_by_pairs_is_average_link_over_candidate_pairs() -> None:
    """0-1 merge (0.9); 2 is a candidate of 1 only (0.5): after the merge its average link is
    (0.5 + 0) / 2 = 0.25, enough at 0.2, not at 0.3; 3 (0.1 with 0) never joins."""
    pairs = np.array([[0, 1], [1, 2], [0, 3]])
    for threshold, joined in ((0.2, True), (0.3, False)):
        state = _state(4, stored=0)
        merge_by_pairs(state, pairs, np.array([0.9, 0.5, 0.1]), 0, threshold, 3.0)
        assert state.article_story[1] == state.article_story[0] == 0
        assert (state.article_story[2] == 0) is joined
        assert state.article_story[3] == 3


def test_merge_by_pairs_never_merges_two_stored_stories() -> None:
    state = _state(3, stored=2)
    merge_by_pairs(state, np.array([[0, 1], [1, 2]]), np.array([0.95, 0.9]), 2, 0.2, 3.0)
    assert state.article_story[0] != state.article_story[1]
    assert state.article_story[2] == state.article_story[1]


def test_an_unknown_linkage_is_a_settings_error() -> None:
    with pytest.raises(SettingsError):
        Settings(cluster_linkage="single")


def test_an_unrelated_article_added_to_a_small_store_opens_its_own_story() -> None:
    """Five reports of one event, then an article about something else in a second batch: it shares no
    words with them, so however far below the feed's median level it sits, it must not join them."""
    from pathlib import Path

    from synoptic.cluster import cluster_articles
    from synoptic.model import Article

    seeds = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))
    if len(seeds) < 3:
        pytest.skip("seed articles are not present")
    story = [Article(p.stem, str(p), None, None, None, None, None, (), p.read_text()) for p in seeds]
    first, state = cluster_articles(story, Settings())
    assert len({a.story_id for a in first}) == 1
    other = (
        "Harbour reopens after storm repairs\n"
        "The harbour reopened on Tuesday after two weeks of repairs, the port authority said.\n"
        "Fishing boats returned to the quay in the morning and trade resumed by noon."
    )
    lone = Article("h", "h.txt", None, None, None, None, None, (), other)
    added, _ = cluster_articles([lone], Settings(), state)
    assert added[0].new_story and added[0].story_id != first[0].story_id
