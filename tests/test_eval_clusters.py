"""B-cubed scoring, and Synoptic against its peers on ECB+ (tuned on train, scored on dev)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from synoptic.eval.clusters import (
    bcubed,
    compare,
    load_ecb,
    run_synoptic,
    run_tfidf_agglomerative,
    subsample,
    sweep_synoptic,
)
from synoptic.settings import Settings

ECB = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "ecbplus" / "documents.jsonl"


def test_bcubed_matches_a_hand_computed_case() -> None:
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    s = bcubed(["x", "x", "y", "y"], ["g", "g", "g", "h"])
    assert s.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert s.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert bcubed(["a", "b"], ["g", "h"]).f1 == 1.0
    with pytest.raises(ValueError):
        bcubed(["a"], [])


def _ecb(split: str, level: str):
    if not ECB.is_file():
        pytest.skip("ECB+ benchmark data is not present")
    return load_ecb(ECB, split, level)


def test_subsample_keeps_whole_gold_groups() -> None:
    data = _ecb("train", "cluster")
    part = subsample(data, 100)
    assert 0 < len(part.gold) <= 100
    full = {g: data.gold.count(g) for g in set(part.gold)}
    assert all(part.gold.count(g) == n for g, n in full.items())


@pytest.mark.slow  # tunes two methods over a grid at two levels: minutes on 2 shared cores
@pytest.mark.parametrize(("level", "floor", "tune"), [("cluster", 0.92, False), ("topic", 0.94, True)])
def test_synoptic_beats_tfidf_agglomerative_on_ecb_dev(level: str, floor: float, tune: bool) -> None:
    """Thresholds from train data only. Events: Synoptic's default, tuned on ECB+ train plus Multi-News
    train streams (see test_default_threshold_is_the_train_tuned_one); topics, a coarser grouping: linkage
    and threshold tuned on ECB+ train at that level (it picks the cosine linkage). The peer is tuned on
    ECB+ train. Measured 0.941 / 0.981."""
    train, dev = _ecb("train", level), _ecb("dev", level)
    rows = compare(train, dev, Settings(), tune_synoptic=tune, peers=False)
    ours = rows[0].scores.f1
    grid = [0.5 + 0.05 * i for i in range(10)]
    best = max(grid, key=lambda t: bcubed(run_tfidf_agglomerative(train, t), train.gold).f1)
    peer = bcubed(run_tfidf_agglomerative(dev, best), dev.gold).f1
    assert ours >= floor, rows
    assert ours > peer, (ours, peer)


@pytest.mark.slow
@pytest.mark.parametrize("linkage", ["pairs", "cosine"])
def test_default_threshold_is_the_train_tuned_one(linkage: str) -> None:
    """Each linkage's default threshold is chosen on train data only, by the summed B-cubed F1 of ECB+
    train (event level) and a fixed 6,000-document sample of the Multi-News train stream, plus for the
    pair linkage the sparse feed it was fitted on (the first 3,000 documents of that stream) and the mean
    of two small dense feeds (600 documents of whole lines; see scripts/train_pair_model.py);
    neighbouring thresholds score no better."""
    from synoptic.eval.clusters import Labelled, load_multinews

    train = _ecb("train", "cluster")
    multinews = ECB.parents[1] / "multinews" / "train5k.jsonl"
    if not multinews.is_file():
        pytest.skip("Multi-News benchmark data is not present")
    full = load_multinews([multinews])
    streams = [(train, 1.0), (subsample(full, 6000), 1.0)]
    if linkage == "pairs":
        streams.append((Labelled(full.articles[:3000], full.gold[:3000]), 1.0))
        streams.extend((subsample(full, 600, seed), 0.5) for seed in (0, 1))
    settings = replace(Settings(), cluster_linkage=linkage)
    th = settings.cluster_pair_threshold if linkage == "pairs" else settings.cluster_threshold
    grid = (th, th - 0.08, th - 0.04, th + 0.04, th + 0.08)
    objective = dict.fromkeys(grid, 0.0)
    for data, weight in streams:  # one sweep per stream: its features are computed once for all five
        for threshold, labels in sweep_synoptic(data, grid, settings).items():
            objective[threshold] += weight * bcubed(labels, data.gold).f1
    for other in grid[1:]:
        assert objective[th] >= objective[other] - 0.005, other


def test_a_threshold_sweep_gives_one_run_per_threshold() -> None:
    """The sweep (features once, merged at each threshold) is what a run at each threshold gives."""
    data = subsample(_ecb("dev", "cluster"), 150)
    for linkage, grid in (("pairs", (0.1, 0.2, 0.35)), ("cosine", (0.2, 0.27))):
        settings = replace(Settings(), cluster_linkage=linkage)
        swept = sweep_synoptic(data, grid, settings)
        for threshold in grid:
            assert swept[threshold] == run_synoptic(data, threshold, settings), (linkage, threshold)
        assert len({tuple(v) for v in swept.values()}) > 1  # the thresholds really partition differently


def _partition(labels) -> set[frozenset[int]]:
    groups: dict = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_scipy_agglomerative_peer_is_sklearn_average_link() -> None:
    """The peer's condensed-matrix path (it must hold a 29k stream) partitions exactly as scikit-learn's
    AgglomerativeClustering(metric="cosine", linkage="average", distance_threshold=...)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    data = subsample(_ecb("train", "cluster"), 150)
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in data.articles]
    )
    for threshold in (0.6, 0.8, 0.95):
        model = AgglomerativeClustering(
            n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
        )
        expected = model.fit_predict(x.toarray())
        assert _partition(run_tfidf_agglomerative(data, threshold)) == _partition(expected), threshold


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sample", "floor", "margin"),
    [("whole lines", 0.82, 0.03), ("first documents", 0.91, 0.01), ("small, whole lines", 0.83, 0.03)],
)
def test_pair_linkage_against_cosine_on_multinews_val(sample: str, floor: float, margin: float) -> None:
    """Val only (the pair model and both thresholds were chosen on train). 3,000 documents of whole val
    lines, where every story has its reports: pairs 0.829, cosine 0.787. The first 3,000 documents of the
    shuffled val stream, where most articles stand alone: 0.919 / 0.902 (0.924 for the pair model before
    it learned small dense feeds, the one score that fell; BENCHMARKS.md). 600 documents of whole lines,
    the small dense feed where both linkages used to trail the peers: pairs 0.840, cosine 0.802."""
    from synoptic.eval.clusters import Labelled, load_multinews

    path = ECB.parents[1] / "multinews" / "val.jsonl"
    if not path.is_file():
        pytest.skip("Multi-News benchmark data is not present")
    val = load_multinews([path])
    if sample == "first documents":
        data = Labelled(val.articles[:3000], val.gold[:3000])
    else:
        data = subsample(val, 3000 if sample == "whole lines" else 600)
    pairs = Settings()
    cosine = replace(pairs, cluster_linkage="cosine")
    ours = bcubed(run_synoptic(data, pairs.cluster_pair_threshold, pairs), data.gold).f1
    plain = bcubed(run_synoptic(data, cosine.cluster_threshold, cosine), data.gold).f1
    assert ours >= floor, (ours, plain)
    assert ours >= plain + margin, (ours, plain)
