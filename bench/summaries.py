"""ROUGE and speed of Synoptic's summaries beside lead, LexRank, TextRank, LSA and centroid on Multi-News val.

    .venv/bin/python bench/summaries.py [--words 250] [--limit K] [--offset 0]

Prints the machine, the command and one Markdown table (method, R-1, R-2, R-L, clusters/s), the same as
`synoptic eval summaries`. The whole val split (5,622 clusters) takes tens of minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synoptic.embed.static import StaticEmbedder  # noqa: E402
from synoptic.eval.summaries import METHODS, evaluate_summaries, format_table, read_clusters  # noqa: E402
from synoptic.settings import Settings  # noqa: E402
from synoptic.synthesize.learned import summary_scorer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/benchdata/multinews/val.jsonl"))
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--methods", default=",".join(METHODS))
    args = parser.parse_args()
    started = time.perf_counter()
    settings = Settings()
    clusters = read_clusters(args.data, limit=args.limit, offset=args.offset)
    scores = evaluate_summaries(
        clusters,
        args.words,
        StaticEmbedder(settings.resolved_models_dir),
        settings,
        summary_scorer(),
        methods=tuple(args.methods.split(",")),
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"command: {' '.join(sys.argv)}")
    elapsed = time.perf_counter() - started
    print(f"{len(clusters)} clusters of {args.data}, {args.words} words, {elapsed:.0f} s in all")
    print(format_table(scores))


if __name__ == "__main__":
    main()
