"""Cost of story clustering at 3k, 10k and 30k articles of the Multi-News stream.

Each size runs in a fresh subprocess so its peak RSS is its own. Prints a markdown table with time,
peak memory, docs/s and B-cubed scores against the Multi-News line ids.

    .venv/bin/python bench/cluster.py [--sizes 3000,10000,30000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

MULTINEWS = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "multinews"


def measure(size: int) -> dict:
    """Cluster the first `size` documents of the shuffled stream; time excludes reading the files."""
    from synoptic.cluster import cluster_articles
    from synoptic.eval.clusters import Labelled, bcubed, load_multinews
    from synoptic.settings import Settings

    data = load_multinews([MULTINEWS / "train5k.jsonl", MULTINEWS / "val.jsonl"])
    data = Labelled(data.articles[:size], data.gold[:size])
    start = time.perf_counter()
    assignments, _ = cluster_articles(data.articles, Settings())
    seconds = time.perf_counter() - start
    scores = bcubed([a.story_id for a in assignments], data.gold)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "docs": len(data.articles),
        "seconds": seconds,
        "rss_mb": rss_mb,
        "p": scores.precision,
        "r": scores.recall,
        "f1": scores.f1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="3000,10000,30000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print("| docs | seconds | docs/s | peak RSS (MB) | B-cubed P | R | F1 |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True
        )
        m = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {m['docs']} | {m['seconds']:.1f} | {m['docs'] / m['seconds']:.0f} | {m['rss_mb']:.0f} | "
            f"{m['p']:.3f} | {m['r']:.3f} | {m['f1']:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
