"""`synoptic ingest FILE.jsonl` on growing files: articles/s and peak memory, each size in a fresh process
with a fresh store and embedding cache (cold: every line is embedded for cleaning).

Lines are Multi-News documents from ../shared/benchdata/multinews, each cut in two halves so 50k lines
are all different. Memory flat in the file's length is the claim: the peak should not grow with it.

    .venv/bin/python bench/ingest.py --sizes 1000 10000 50000 [--runner local|process] [--workers 2]
        [--embedder hashing]

`--embedder hashing` swaps the sentence model for the bag-of-words stand-in the unit tests use: it
measures what ingest itself costs (reading, cleaning rules, storing) and whether memory stays flat at
sizes the model would take hours over on two shared cores; the model's own rate is the default run's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MULTINEWS = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "multinews"


def documents() -> Iterator[str]:
    """Every Multi-News document, halved at a sentence end near its middle."""
    for name in ("val.jsonl", "train5k.jsonl"):
        with open(MULTINEWS / name, encoding="utf-8") as handle:
            for line in handle:
                for doc in json.loads(line)["documents"]:
                    words = doc.split()
                    if len(words) < 60:
                        continue
                    middle = len(words) // 2
                    cut = next((i + 1 for i in range(middle, len(words)) if words[i].endswith(".")), middle)
                    for part in (words[:cut], words[cut:]):
                        if len(part) >= 30:
                            yield " ".join(part)


def write_jsonl(path: Path, n: int) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(documents()):
            if written == n:
                break
            out.write(json.dumps({"id": f"d{number}", "text": text}) + "\n")
            written += 1
    return written


_HASHING = (
    "import sys, synoptic.pipeline as p; from synoptic.embed import HashingEmbedder; "
    "p.default_embedder = HashingEmbedder; from synoptic.cli import main; sys.argv[0] = 'synoptic'; main()"
)


def run_one(jsonl: Path, work: Path, runner: str, workers: int, embedder: str) -> tuple[float, int, str]:
    """(seconds, peak RSS in KB of the ingest process and its waited children, its last stderr line)."""
    env = {**os.environ, "SYNOPTIC_HOME": str(work)}
    launch = ["-c", _HASHING] if embedder == "hashing" else ["-m", "synoptic"]
    command = [
        sys.executable, *launch, "ingest", str(jsonl),
        "--db", str(work / "store.sqlite"), "--cache", str(work / "cache.sqlite"),
        "--runner", runner, "--workers", str(workers),
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _pid, _status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    summary = next((ln for ln in err.splitlines() if ln.startswith("ingest:")), err[-300:])
    return seconds, usage.ru_maxrss, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runner", default="local")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm")
    args = parser.parse_args()
    if args.embedder == "hashing" and args.runner != "local":
        parser.error("--embedder hashing patches this process only: use it with --runner local")
    home = Path(os.environ.get("SYNOPTIC_HOME", Path.home() / ".synoptic"))
    cpus = os.cpu_count()
    print(f"runner {args.runner}, workers {args.workers or cpus}, {args.embedder}, cold cache, {cpus} CPUs")
    print(f"{'lines':>7} {'stored':>7} {'seconds':>8} {'articles/s':>10} {'peak MB':>8}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="synoptic-bench-ingest-") as folder:
            work = Path(folder)
            static = home / "minilm-static-v1.npy"  # the clustering table is not what is measured
            if static.exists():
                (work / static.name).symlink_to(static)
            jsonl = work / "lines.jsonl"
            lines = write_jsonl(jsonl, size)
            seconds, peak_kb, summary = run_one(jsonl, work, args.runner, args.workers, args.embedder)
            import sqlite3

            with sqlite3.connect(work / "store.sqlite") as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            print(
                f"{lines:>7} {stored:>7} {seconds:>8.1f} {stored / seconds:>10.1f} {peak_kb / 1024:>8.0f}"
                f"   {summary}",
                flush=True,
            )


if __name__ == "__main__":
    main()
