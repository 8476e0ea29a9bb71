"""Fit the clustering pair model on train splits only; write cluster/pair_model.json and print thresholds.

    .venv/bin/python scripts/train_pair_model.py [--prefix-docs 3000] [--small-docs 600]

Examples are the candidate pairs the clustering itself proposes (ANN neighbours and key-term partners,
`synoptic.cluster.online.pair_table`) in these feeds: ECB+ `train` (label: same event, the `cluster`
field), every document of Multi-News `train5k.jsonl` (label: same line), the first `--prefix-docs`
documents of that shuffled stream, a sparse feed where most articles have no partner (and its first
1,000 and 6,000), three small dense feeds of `--small-docs` documents of whole lines, and the whole
stream again as it arrives in 5 batches of a new store (stored articles keep the levels they had on
arrival, as online clustering sees them). ECB+, the whole stream, each sparse feed and the batched
stream weigh the same in the fit, however many pairs each has, and the small feeds two such shares
between them: ECB+ teaches that the same kind of event on another day is another story, Multi-News
that a lone report's best match is worth more than a crowded one's, the sparse feeds that a lone
article may have no partner at all, the small feeds what a match is worth when few look-alikes
compete, the batches what it is worth to a store that grows day by day. Then the
threshold is chosen by the summed B-cubed F1 of ECB+ train, a 6,000-document sample of Multi-News
lines, the sparse feed and (as one, their mean) two other small dense samples. Dev and val are never read.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synoptic.cluster.online import pair_table  # noqa: E402
from synoptic.cluster.pairs import FEATURES, MODEL_FILE, PairModel, pair_model, save_model  # noqa: E402
from synoptic.eval.clusters import Labelled, bcubed, load_ecb, load_multinews, run_synoptic, subsample  # noqa: E402
from synoptic.settings import Settings  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchdata"
SMALL_FIT_SEEDS = (10, 11, 12)  # the small dense feeds the model is fitted on
SMALL_TUNE_SEEDS = (0, 1)  # and the other two its threshold is chosen on
EXTRA_PREFIX_DOCS = (1000, 6000)  # sparse feeds of other sizes, fitted on beside --prefix-docs
ONLINE_BATCHES = 5  # the whole stream once more, arriving in this many batches of a new store


def examples(data: Labelled, settings: Settings, batches: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-story labels of the candidate pairs of one stream, arriving in `batches`."""
    ids, pairs, features = pair_table(data.articles, settings, batches)
    gold = dict(zip((a.id for a in data.articles), data.gold, strict=True))
    labels = np.array([gold[ids[a]] == gold[ids[b]] for a, b in pairs.tolist()])
    return features, labels


def fit(streams: list[tuple[np.ndarray, np.ndarray]], shares: list[float]) -> PairModel:
    """Logistic regression on standardised features; stream k weighs shares[k] in total."""
    x = np.vstack([f for f, _ in streams])
    y = np.concatenate([labels for _, labels in streams])
    unit = len(y) / sum(shares)
    weight = np.concatenate(
        [
            np.full(len(labels), unit * share / len(labels))
            for (_, labels), share in zip(streams, shares, strict=True)
        ]
    )
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / scale, y, sample_weight=weight)
    return PairModel(FEATURES, mean, scale, model.coef_[0].astype(np.float64), float(model.intercept_[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ecb", type=Path, default=BENCH / "ecbplus" / "documents.jsonl")
    parser.add_argument("--multinews", type=Path, default=BENCH / "multinews" / "train5k.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "synoptic" / "cluster" / MODEL_FILE)
    parser.add_argument(
        "--prefix-docs", type=int, default=3000, help="the sparse feed: this many first documents (0: none)"
    )
    parser.add_argument(
        "--small-docs",
        type=int,
        default=600,
        help="the small dense feeds: this many documents of whole lines",
    )
    args = parser.parse_args()
    settings = replace(Settings(), cluster_linkage="pairs")
    ecb = load_ecb(args.ecb, "train", "cluster")
    multinews = load_multinews([args.multinews])
    heads = {
        docs: Labelled(multinews.articles[:docs], multinews.gold[:docs])
        for docs in sorted({args.prefix_docs, *EXTRA_PREFIX_DOCS} - {0})
    }
    feeds = [("ECB+ train", ecb, 1.0), ("Multi-News train", multinews, 1.0)]
    feeds.extend((f"Multi-News train, first {docs}", head, 1.0) for docs, head in heads.items())
    for seed in SMALL_FIT_SEEDS:
        small = subsample(multinews, args.small_docs, seed)
        feeds.append((f"Multi-News train, {args.small_docs} of whole lines (seed {seed})", small, 2 / 3))
    streams = [examples(data, settings) for _, data, _ in feeds]
    feeds.append((f"Multi-News train in {ONLINE_BATCHES} batches", multinews, 1.0))
    streams.append(examples(multinews, settings, ONLINE_BATCHES))
    for (name, _, _), (_, labels) in zip(feeds, streams, strict=True):
        print(f"{name}: {len(labels)} candidate pairs, {labels.mean():.3f} same story")
    model = fit(streams, [share for _, _, share in feeds])
    save_model(model, args.out)
    print("coefficients:", dict(zip(FEATURES, np.round(model.coef, 3).tolist(), strict=True)))
    pair_model.cache_clear()  # the threshold table reads the model just written
    tuned = [ecb, subsample(multinews, 6000)] + ([heads[args.prefix_docs]] if args.prefix_docs else [])
    small_tuned = [subsample(multinews, args.small_docs, seed) for seed in SMALL_TUNE_SEEDS]
    prefix_head = "sparse prefix F1 | " if args.prefix_docs else ""
    print(f"| threshold | ECB+ train F1 | Multi-News train 6k F1 | {prefix_head}small dense F1 | sum |")
    print("|---" * (len(tuned) + 3) + "|")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        f = [bcubed(run_synoptic(d, threshold, settings), d.gold).f1 for d in tuned]
        f.append(
            float(np.mean([bcubed(run_synoptic(d, threshold, settings), d.gold).f1 for d in small_tuned]))
        )
        print(f"| {threshold} | " + " | ".join(f"{x:.3f}" for x in f) + f" | {sum(f):.3f} |", flush=True)


if __name__ == "__main__":
    main()
