"""The jobs on every runner, in one run: ingest Multi-News documents (cleaning: the parallel part), cluster
them (one sequential pass on the driver), brief every story of two or more (parallel); wall time,
docs/s, briefs/s and peak memory per runner, with the ratio to the local runner.

Each runner runs in a fresh process with a fresh store and a cold embedding cache of its own, so every
runner pays for every vector. Peak memory is the largest sum of RSS over the process and all its
descendants (pool workers, Ray's raylet and workers), sampled every 0.2 s from /proc: shared library
pages count once per process, so it overstates what the pool and Ray really use.

    .venv/bin/python bench/scale.py --docs 300 [--runners local process ray] [--workers 2] [--batch 50]
        [--briefs N]

`--briefs N` briefs the first N stories of two or more articles (by story id, the same on every
runner) instead of all of them, so a large ingest need not mean thousands of briefs.

`--batch` is `max_articles_per_brief`, which is also the size of a cleaning batch (the parallel unit of
ingest): at the default 500, a few hundred documents would be one batch and nothing to share out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MULTINEWS = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "multinews" / "val.jsonl"


def write_docs(path: Path, n: int) -> int:
    """The documents of the first Multi-News val clusters, whole clusters only, up to `n` documents."""
    written = 0
    with MULTINEWS.open(encoding="utf-8") as handle, path.open("w", encoding="utf-8") as out:
        for line in handle:
            record = json.loads(line)
            docs = [d for d in record["documents"] if len(d.split()) >= 30]
            if written + len(docs) > n:
                break
            for number, doc in enumerate(docs):
                out.write(json.dumps({"id": f"{record['id']}-{number}", "text": doc}) + "\n")
            written += len(docs)
    return written


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


class PeakSampler:
    def __init__(self) -> None:
        self.peak_kb = 0
        self.loads: list[float] = []  # the 1-minute load average while sampling: how shared the CPUs were
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))
            self.loads.append(os.getloadavg()[0])
            self._stop.wait(0.2)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _first_stories(store: object, limit: int | None) -> list[str] | None:
    """The ids of the first `limit` stories of 2+ articles by id; None (all of them) without a limit."""
    if limit is None:
        return None
    ids: list[str] = []
    offset = 0
    while page := store.list_stories(limit=500, offset=offset):  # type: ignore[attr-defined]
        offset += len(page)
        ids.extend(row.id for row in page if row.article_count >= 2)
    return sorted(ids)[:limit]


def one_runner(name: str, docs: Path, work: Path, workers: int, batch: int, limit: int | None = None) -> dict:
    """Ingest, cluster and brief on one runner in this process; the timings and counts as a dict."""
    from synoptic.run import cluster_store, ingest_sources, make_runner, write_briefs
    from synoptic.settings import Settings
    from synoptic.store import Store

    settings = Settings(
        home=str(work),
        cache_path=str(work / "cache.sqlite"),
        db_path=str(work / "s.sqlite"),
        max_articles_per_brief=batch,
    )
    with PeakSampler() as sampler:
        started = time.perf_counter()
        runner = make_runner(name, workers=workers)
        start_s = time.perf_counter() - started
        with Store.open(settings.resolved_db_path) as store:
            t0 = time.perf_counter()
            ingested = ingest_sources(store, [], settings, runner, jsonl=[docs])
            t1 = time.perf_counter()
            cluster_store(store, settings)
            t2 = time.perf_counter()
            chosen = _first_stories(store, limit)
            briefs = write_briefs(store, settings, runner, out=work / "briefs", story_ids=chosen)
            t3 = time.perf_counter()
        runner.close()
    return {
        "runner": name,
        "start_s": start_s,
        "docs": ingested.added,
        "ingest_s": t1 - t0,
        "cluster_s": t2 - t1,
        "briefs": briefs.written,
        "problems": len(ingested.problems) + len(briefs.problems),
        "problem_codes": sorted({x.code for x in (*ingested.problems, *briefs.problems)}),
        "briefs_s": t3 - t2,
        "peak_mb": sampler.peak_kb / 1024,
        "load": sum(sampler.loads) / max(len(sampler.loads), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--runners", nargs="+", default=["local", "process", "ray"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--briefs", type=int, default=None, help="brief only the first N stories")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one runner, print its JSON
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--keep", help="keep every runner's store, cache and briefs in this folder")
    parser.add_argument("--docs-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        work = Path(args.work)
        result = one_runner(args.one, Path(args.docs_file), work, args.workers, args.batch, args.briefs)
        print(json.dumps(result), flush=True)
        return
    static = Path(os.environ.get("SYNOPTIC_HOME", Path.home() / ".synoptic")) / "minilm-static-v1.npy"
    rows = []
    count = 0
    with tempfile.TemporaryDirectory(prefix="synoptic-bench-scale-") as temporary:
        folder = args.keep or temporary
        Path(folder).mkdir(parents=True, exist_ok=True)
        docs = Path(folder) / "docs.jsonl"  # one file for all: an article's source names its path
        for name in args.runners:
            work = Path(folder) / name
            work.mkdir()
            if static.exists():  # the clustering table is distilled once, not measured
                (work / static.name).symlink_to(static)
            count = write_docs(docs, args.docs) if not docs.exists() else count
            command = [sys.executable, __file__, "--one", name, "--work", str(work), "--docs-file", str(docs)]
            command += ["--workers", str(args.workers), "--batch", str(args.batch)]
            command += ["--briefs", str(args.briefs)] if args.briefs is not None else []
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"done: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)  # a partial run still tells
        same = _same_briefs(Path(folder), [r["runner"] for r in rows])
        same_store = _same_stores(Path(folder), [r["runner"] for r in rows])
    print(
        f"{count} Multi-News val documents, batches of {args.batch}, {args.workers} workers, "
        f"{os.cpu_count()} CPUs, cold caches"
    )
    print(
        f"{'runner':<8} {'start s':>7} {'ingest s':>8} {'docs/s':>7} {'x':>5} {'cluster s':>9} "
        f"{'briefs':>6} {'briefs s':>8} {'briefs/s':>8} {'x':>5} {'peak MB':>8} {'load':>5}"
    )
    base = rows[0] if rows else None
    for r in rows:
        docs_rate, brief_rate = r["docs"] / r["ingest_s"], r["briefs"] / max(r["briefs_s"], 1e-9)
        print(
            f"{r['runner']:<8} {r['start_s']:>7.1f} {r['ingest_s']:>8.1f} {docs_rate:>7.2f} "
            f"{base['ingest_s'] / r['ingest_s']:>5.2f} {r['cluster_s']:>9.1f} {r['briefs']:>6} "
            f"{r['briefs_s']:>8.1f} {brief_rate:>8.2f} {base['briefs_s'] / max(r['briefs_s'], 1e-9):>5.2f} "
            f"{r['peak_mb']:>8.0f} {r.get('load', 0.0):>5.1f}"
        )
    print(f"brief files identical to the first runner's: {same}")
    print(f"store contents identical to the first runner's: {same_store}")
    for r in rows:
        print(f"{r['runner']}: {r.get('problems', 0)} problems {' '.join(r.get('problem_codes', []))}")


def _same_briefs(folder: Path, names: list[str]) -> str:
    if len(names) < 2:
        return "n/a"
    first = {p.name: p.read_bytes() for p in (folder / names[0] / "briefs").glob("*.json")}
    verdicts = []
    for name in names[1:]:
        other = {p.name: p.read_bytes() for p in (folder / name / "briefs").glob("*.json")}
        same = sum(1 for k in first.keys() & other.keys() if first[k] == other[k])
        verdicts.append(f"{name} {same}/{len(first)} (it wrote {len(other)})")
    return ", ".join(verdicts)


def _store_digest(path: Path) -> dict[str, str]:
    """A digest per table of what a runner wrote: articles (every column but the time it was added),
    story memberships and stored briefs, each in key order."""
    queries = {
        "articles": "SELECT id, source, outlet, url, published, title, dek, dateline, text, lines, sentences"
        " FROM articles ORDER BY id",
        "memberships": "SELECT article_id, story_id FROM story_members ORDER BY article_id",
        "briefs": "SELECT story_id, json, settings_hash FROM briefs ORDER BY story_id",
    }
    digests = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for table, query in queries.items():
            digest = hashlib.sha256()
            for row in conn.execute(query):
                digest.update(json.dumps(row).encode())
            digests[table] = digest.hexdigest()
    return digests


def _same_stores(folder: Path, names: list[str]) -> str:
    if len(names) < 2:
        return "n/a"
    first = _store_digest(folder / names[0] / "s.sqlite")
    verdicts = []
    for name in names[1:]:
        other = _store_digest(folder / name / "s.sqlite")
        differ = [table for table in first if first[table] != other[table]]
        verdicts.append(f"{name} {'same' if not differ else 'differs in ' + ', '.join(differ)}")
    return ", ".join(verdicts)


if __name__ == "__main__":
    main()
