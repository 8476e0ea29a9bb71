"""Train the summary sentence scorer on Multi-News train clusters; write synthesize/summary_model.json.

    .venv/bin/python scripts/train_summary_model.py [--data ../shared/benchdata/multinews/train5k.jsonl]

Every cluster goes through the brief's own path (clean -> align_facts -> sentence_features); each sentence's
label is how much of it the human reference also says: (ROUGE-1 precision + 2 x ROUGE-2 precision) / 3,
stemmed as rouge-score does. Under a fixed word budget, summary ROUGE grows with exactly that. The last
`--holdout` clusters of the training file are kept out of fitting and used to compare the learned scorer
with the hand weights at the summary level; validation data is never touched. Deterministic (fixed seeds).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer
from rouge_score.tokenizers import DefaultTokenizer
from sklearn.ensemble import GradientBoostingRegressor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synoptic.embed.static import StaticEmbedder  # noqa: E402
from synoptic.eval.summaries import read_clusters  # noqa: E402
from synoptic.settings import Settings  # noqa: E402
from synoptic.synthesize.learned import MODEL_FILE, ensemble_from_sklearn, save_ensemble  # noqa: E402
from synoptic.synthesize.multidoc import prepare_cluster, summarize_prepared  # noqa: E402
from synoptic.synthesize.summary import HeuristicScorer, sentence_features  # noqa: E402

_TOKENIZER = DefaultTokenizer(use_stemmer=True)


def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_label(sentence: str, reference: tuple[Counter, Counter]) -> float:
    tokens = _TOKENIZER.tokenize(sentence)
    scores = []
    for n, ref in zip((1, 2), reference, strict=True):
        own = ngrams(tokens, n)
        total = sum(own.values())
        scores.append(sum(min(c, ref[g]) for g, c in own.items()) / total if total else 0.0)
    return (scores[0] + 2 * scores[1]) / 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/benchdata/multinews/train5k.jsonl"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--holdout", type=int, default=500)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--out", default=str(ROOT / "src/synoptic/synthesize" / MODEL_FILE))
    args = parser.parse_args()

    settings = Settings()
    embedder = StaticEmbedder(settings.resolved_models_dir)
    clusters = read_clusters(args.data, limit=args.limit)
    started = time.perf_counter()
    prepared, x_rows, y_rows = [], [], []
    for number, cluster in enumerate(clusters):
        item = prepare_cluster(cluster.id, cluster.documents, embedder, settings)
        prepared.append(item)
        tokens = _TOKENIZER.tokenize(cluster.summary)
        reference = (ngrams(tokens, 1), ngrams(tokens, 2))
        features = sentence_features(item.table, item.units).features
        x_rows.append(features)
        y_rows.append(np.asarray([precision_label(s.text, reference) for s in item.table.sentences]))
        if number % 500 == 0:
            print(f"prepared {number}/{len(clusters)} in {time.perf_counter() - started:.0f}s", flush=True)
    fit = len(clusters) - args.holdout
    x = np.concatenate(x_rows[:fit])
    y = np.concatenate(y_rows[:fit])
    print(f"fitting on {len(x)} sentences of {fit} clusters", flush=True)
    model = GradientBoostingRegressor(
        n_estimators=150, max_depth=4, learning_rate=0.08, subsample=0.8, min_samples_leaf=50, random_state=0
    )
    model.fit(x, y)
    ensemble = ensemble_from_sklearn(model)
    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    held = list(zip(prepared[fit:], clusters[fit:], strict=True))

    def score_on_held(scorer, redundancy: float) -> np.ndarray:
        totals = np.zeros(3)
        for item, cluster in held:
            summary = summarize_prepared(item, args.words, scorer, redundancy).summary
            score = rouge.score(cluster.summary, summary)
            totals += [score[k].fmeasure for k in ("rouge1", "rouge2", "rougeL")]
        return 100 * totals / max(len(held), 1)

    hand = score_on_held(HeuristicScorer(), 0.72)
    print(f"held-out train clusters ({len(held)}), hand weights: R-1/2/L {hand}", flush=True)
    best = None
    for redundancy in (0.7, 0.8):
        for bonus in (0.0, 0.02):
            for blend in (0.0, 0.3, 0.5, 0.7):
                candidate = replace(ensemble, redundancy=redundancy, length_bonus=bonus, centroid_blend=blend)
                scores = score_on_held(candidate, redundancy)
                print(
                    f"learned, redundancy {redundancy}, length bonus {bonus}, centroid blend {blend}: "
                    f"R-1/2/L {scores}",
                    flush=True,
                )
                if best is None or scores.sum() > best[0]:
                    best = (scores.sum(), candidate)
    ensemble = best[1]
    print(
        f"chose redundancy {ensemble.redundancy}, length bonus {ensemble.length_bonus}, "
        f"centroid blend {ensemble.centroid_blend}"
    )
    save_ensemble(ensemble, args.out)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
