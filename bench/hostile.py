"""Hostile inputs (issue 20): each case's time and peak memory at growing sizes, with doubling ratios.

Every (case, size) runs in a fresh process, so the peak (ru_maxrss) is that case's alone; "extra" is
the peak above the process after imports and input generation. Inputs are generated
(tests/hostile_inputs.py), never stored. A ratio near 2 for doubled input is linear, near 4 quadratic;
near 1 means the input is cut to a bound (max_article_chars).

    .venv/bin/python bench/hostile.py [--cases sentences entities cluster_word parse brief_long]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

SIZES = {
    "sentences": (25, 50, 100),  # dense "Mr." lines of 20k characters
    "entities": (100_000, 200_000, 400_000),  # characters of one hyphenated word
    "cluster_word": (100_000, 200_000, 400_000),  # the word as one article among the five seeds
    "parse": (200_000, 400_000, 800_000),  # characters of text parsed by spaCy in pieces
    "brief_long": (550_000, 1_100_000, 2_200_000),  # characters of an article briefed beside the seeds
}
UNITS = {
    "sentences": "lines",
    "entities": "chars",
    "cluster_word": "chars",
    "parse": "chars",
    "brief_long": "chars",
}


def _seed_records() -> list[dict]:
    seeds = ROOT.parent / "shared" / "seeds"
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(seeds.glob("*.txt"))]


def prepare(case: str, size: int):
    """The work of one case at one size, as a function of no arguments (input already generated)."""
    import hostile_inputs as gen
    from synoptic.settings import Settings

    if case == "sentences":
        from synoptic.analyze.sentences import split_sentences

        text = gen.dense_mr_text(size, 20_000)
        return lambda: split_sentences(text, "a")
    if case == "entities":
        from synoptic.cluster.features import entity_tokens

        word = gen.long_word(size)
        return lambda: entity_tokens(f"Officials said {word} today.")
    if case == "cluster_word":
        from synoptic.cluster import cluster_articles
        from synoptic.cluster.stream import article_from_record

        records = [*_seed_records(), {"id": "word", "text": "A word: " + gen.long_word(size)}]
        articles = [article_from_record(r, "bench.jsonl") for r in records]
        return lambda: cluster_articles(articles, Settings())
    if case == "parse":
        from synoptic.analyze.entities import load_nlp
        from synoptic.analyze.pieces import parse_texts

        nlp = load_nlp()
        text = gen.long_article(size, seed=9)
        return lambda: parse_texts(nlp, [text])
    if case == "brief_long":
        import tempfile

        from synoptic.pipeline import build_brief, load_articles, make_embedder

        folder = Path(tempfile.mkdtemp(prefix="hostile-"))
        (folder / "long.txt").write_text(gen.long_article(size), encoding="utf-8")
        settings = Settings()
        embedder = make_embedder(settings)
        seeds = ROOT.parent / "shared" / "seeds"

        def work() -> None:
            articles, problems = load_articles([seeds, folder], settings, embedder)
            build_brief(articles, settings, embedder, problems)

        return work
    raise SystemExit(f"unknown case {case}")


def one(case: str, size: int) -> None:
    work = prepare(case, size)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    if seconds < 0.05:  # too short to time once: the best of enough repeats to fill about a second
        for _ in range(int(1.0 / max(seconds, 1e-4))):
            start = time.perf_counter()
            work()
            seconds = min(seconds, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "extra_mb": (peak - base) / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", nargs="*", default=list(SIZES))
    parser.add_argument("--one", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], int(args.one[1]))
        return
    print(f"{'case':<14}{'size':>12} {'unit':<6}{'seconds':>9}{'x time':>8}{'peak MB':>9}{'extra MB':>10}")
    for case in args.cases:
        previous = None
        for size in SIZES[case]:
            done = subprocess.run(
                [sys.executable, __file__, "--one", case, str(size)], capture_output=True, text=True
            )
            if done.returncode != 0:
                print(f"{case:<14}{size:>12} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            ratio = f"{row['seconds'] / previous:.2f}" if previous else "-"
            previous = row["seconds"]
            print(
                f"{case:<14}{size:>12} {UNITS[case]:<6}{row['seconds']:>9.3f}{ratio:>8}"
                f"{row['peak_mb']:>9.0f}{row['extra_mb']:>10.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
