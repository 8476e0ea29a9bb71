"""Time the brief: cold (a new process, model load included) and warm (a second brief in-process).

Prints a Markdown table: input, articles, sentences, cold s, warm s, sentences/s (warm), peak RSS MB.
Usage: .venv/bin/python bench/brief.py [--clusters 100] [--skip-multinews] [--startup [--repeat 5]]
The Multi-News rows use the N largest val clusters (by words), each written to its own folder.
`--startup` times whole `synoptic` processes instead (median of --repeat runs, peak RSS by GNU time):
`--help`, the seed brief with a warm cache, and the seed brief in an empty home; and checks that every
run wrote the same JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from synoptic.pipeline import brief
from synoptic.settings import Settings
settings = Settings(cache_path=sys.argv[2])
folders = json.loads(sys.argv[1])
first = brief([folders[0]], settings)
cold = time.perf_counter() - t0
warm_times, sentences = [], 0
for folder in folders:
    t = time.perf_counter()
    b = brief([folder], settings)
    warm_times.append(time.perf_counter() - t)
    sentences += sum(len(a.sentences) for a in b.articles)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cold": cold, "warm": sum(warm_times), "sentences": sentences, "peak_mb": peak}))
"""


def largest_clusters(n: int, out: Path) -> list[str]:
    rows = [json.loads(line) for line in (SHARED / "benchdata/multinews/val.jsonl").open(encoding="utf-8")]
    rows.sort(key=lambda r: (-sum(len(d.split()) for d in r["documents"]), r["id"]))
    folders = []
    for row in rows[:n]:
        folder = out / row["id"]
        folder.mkdir(parents=True)
        for k, doc in enumerate(row["documents"]):
            (folder / f"doc{k:02d}.txt").write_text(doc, encoding="utf-8")
        folders.append(str(folder))
    return folders


def measure(folders: list[str], cache: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(folders), cache], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _timed_process(args: list[str], home: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS MB and a hash of stdout of one whole `synoptic` process."""
    env = {**os.environ, "SYNOPTIC_HOME": str(home)}
    env.pop("SYNOPTIC_MODELS", None)
    synoptic = str(Path(sys.executable).with_name("synoptic"))
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", synoptic, *args], capture_output=True, env=env, check=True
    )
    wall, rss_kb = done.stderr.decode().strip().splitlines()[-1].split()
    return float(wall), int(rss_kb) / 1024, hashlib.sha256(done.stdout).hexdigest()[:12]


def startup(repeat: int) -> None:
    seeds = str(SHARED / "seeds")
    brief_args = ["brief", seeds, "--format", "json"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm_home = Path(tmp) / "warm"
        _timed_process(brief_args, warm_home)  # fills the embedding cache
        cases = [("synoptic --help", ["--help"], None), ("seed brief, warm cache", brief_args, warm_home)]
        cases.append(("seed brief, empty home", brief_args, Path(tmp) / "empty"))
        for name, args, home in cases:
            runs = []
            for k in range(repeat):
                where = home if home is not None else Path(tmp) / f"help{k}"
                if name.endswith("empty home"):
                    shutil.rmtree(where, ignore_errors=True)
                runs.append(_timed_process(args, where))
            outputs = {r[2] for r in runs}
            rows.append((name, statistics.median(r[0] for r in runs), max(r[1] for r in runs), len(outputs)))
    print(f"| process ({repeat} runs) | median wall s | peak RSS MB | distinct outputs |")
    print("|---|---|---|---|")
    for name, wall, rss, distinct in rows:
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {distinct} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--skip-multinews", action="store_true")
    parser.add_argument("--startup", action="store_true", help="whole-process start-up figures instead")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.startup:
        startup(args.repeat)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "cold-cache.sqlite")
        seeds = measure([str(SHARED / "seeds")], cache)
        rows.append(("seeds (5 articles)", seeds, 1))
        if not args.skip_multinews:
            folders = largest_clusters(args.clusters, Path(tmp) / "mn")
            mn = measure(folders, str(Path(tmp) / "cold-cache-mn.sqlite"))
            rows.append((f"multinews val, {args.clusters} largest clusters", mn, len(folders)))
    print(
        "| input | briefs | sentences | cold s (1st brief, new process) | warm s (all briefs) "
        "| warm s/brief | sentences/s warm | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, r, n in rows:
        print(
            f"| {name} | {n} | {r['sentences']} | {r['cold']:.2f} | {r['warm']:.2f} | {r['warm'] / n:.3f} "
            f"| {r['sentences'] / max(r['warm'], 1e-9):.0f} | {r['peak_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
