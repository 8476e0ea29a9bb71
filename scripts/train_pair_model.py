"""Fit the clustering pair model on train splits only; write cluster/pair_model.json and print thresholds.

    .venv/bin/python scripts/train_pair_model.py [--prefix-docs 3000]

Examples are the candidate pairs the clustering itself proposes (ANN neighbours and key-term partners,
`synoptic.cluster.online.pair_table`) in three streams: ECB+ `train` (label: same event, the `cluster`
field), every document of Multi-News `train5k.jsonl` (label: same line), and the first `--prefix-docs`
documents of that shuffled stream, a sparse feed where most articles have no partner. Each stream weighs
the same in the fit, however many pairs it has: ECB+ teaches that the same kind of event on another day
is another story, Multi-News that a lone report's best match is worth more than a crowded one's, the
sparse feed that a lone article may have no partner at all. Then the threshold is chosen on the same
three streams (the Multi-News one as a 6,000-document sample of whole lines) by summed B-cubed F1.
Dev and val are never read.
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


def examples(data: Labelled, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-story labels of the candidate pairs of one stream."""
    ids, pairs, features = pair_table(data.articles, settings)
    gold = dict(zip((a.id for a in data.articles), data.gold, strict=True))
    labels = np.array([gold[ids[a]] == gold[ids[b]] for a, b in pairs.tolist()])
    return features, labels


def fit(streams: list[tuple[np.ndarray, np.ndarray]]) -> PairModel:
    x = np.vstack([f for f, _ in streams])
    y = np.concatenate([labels for _, labels in streams])
    share = len(y) / len(streams)  # every stream weighs the same in total
    weight = np.concatenate([np.full(len(labels), share / len(labels)) for _, labels in streams])
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
    args = parser.parse_args()
    settings = replace(Settings(), cluster_linkage="pairs")
    ecb = load_ecb(args.ecb, "train", "cluster")
    multinews = load_multinews([args.multinews])
    names = ["ECB+ train", "Multi-News train"]
    streams = [examples(ecb, settings), examples(multinews, settings)]
    prefix = Labelled(multinews.articles[: args.prefix_docs], multinews.gold[: args.prefix_docs])
    if args.prefix_docs:
        names.append(f"Multi-News train, first {args.prefix_docs}")
        streams.append(examples(prefix, settings))
    for name, (_, labels) in zip(names, streams, strict=True):
        print(f"{name}: {len(labels)} candidate pairs, {labels.mean():.3f} same story")
    model = fit(streams)
    save_model(model, args.out)
    print("coefficients:", dict(zip(FEATURES, np.round(model.coef, 3).tolist(), strict=True)))
    pair_model.cache_clear()  # the threshold table reads the model just written
    sample = subsample(multinews, 6000)
    tuned = [ecb, sample] + ([prefix] if args.prefix_docs else [])
    head = "| threshold | ECB+ train F1 | Multi-News train 6k F1 | "
    print(head + ("prefix F1 | " if args.prefix_docs else "") + "sum |")
    print("|---" * (len(tuned) + 2) + "|")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        f = [bcubed(run_synoptic(d, threshold, settings), d.gold).f1 for d in tuned]
        print(f"| {threshold} | " + " | ".join(f"{x:.3f}" for x in f) + f" | {sum(f):.3f} |", flush=True)


if __name__ == "__main__":
    main()
