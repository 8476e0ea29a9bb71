"""Crash safety and concurrency of `synoptic ingest` for real: subprocesses, SIGKILL, two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from synoptic.store import Store

pytestmark = pytest.mark.slow  # about a minute on 2 cores: every file is embedded for cleaning

# enough files that ingest runs several cleaning batches and the kill lands mid-run, few enough that
# embedding them for cleaning stays a small part of the suite
N_FILES = 300
WORDS = ("river", "council", "budget", "school", "bridge", "market", "harbor", "station", "library", "museum")


def _write_files(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        r = random.Random(i)
        w = [r.choice(WORDS) for _ in range(6)]
        (folder / f"a{i:04d}.txt").write_text(
            f"Item {i}: the {w[0]} plan moves ahead\n"
            f"The {w[1]} committee approved the {w[0]} plan number {i} on Monday after a debate on the "
            f"{w[2]}.\nOfficials said work on the {w[3]} would start within {i % 9 + 2} weeks at a cost of "
            f"{i * 7 + 13} thousand dollars.\n"
            f"Residents near the {w[4]} asked about the schedule for the {w[5]} and its effect on traffic.\n",
            encoding="utf-8",
        )


def _ingest(folder: Path, db: Path, home: Path) -> subprocess.Popen:
    """`synoptic ingest` in cleaning batches of 50 files, so a kill can land between stored batches."""
    env = {**os.environ, "SYNOPTIC_HOME": str(home)}
    config = home.parent / "batches.toml"
    config.write_text("max_articles_per_brief = 50\n", encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "synoptic", "ingest", str(folder), "--db", str(db), "--config", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created or migrated yet


def _ids_once(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    finally:
        conn.close()
    return total, distinct


def test_sigkill_mid_ingest_then_rerun_leaves_each_article_once(tmp_path: Path) -> None:
    folder, db, home = tmp_path / "in", tmp_path / "store.sqlite", tmp_path / "home"
    _write_files(folder, N_FILES)
    kill_after = random.Random().randint(20, N_FILES // 2)
    proc = _ingest(folder, db, home)
    deadline = time.monotonic() + 900
    while _count(db) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"ingest ended before the kill at {kill_after}: {proc.stderr.read()!r}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < N_FILES, (kill_after, partial)

    rerun = _ingest(folder, db, home)
    _, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err.decode(errors="replace")[-2000:]
    assert _ids_once(db) == (N_FILES, N_FILES), (kill_after, partial)
    with Store.open(db) as store:
        assert store.integrity_ok()


def test_two_concurrent_ingests_both_finish_and_lose_nothing(tmp_path: Path) -> None:
    """Both writers ingest the same files at once (each process embeds every file for cleaning)."""
    folder, db, home = tmp_path / "in", tmp_path / "store.sqlite", tmp_path / "home"
    n = 150
    _write_files(folder, n)
    first, second = _ingest(folder, db, home), _ingest(folder, db, home)
    out = [p.communicate(timeout=900) for p in (first, second)]
    for proc, (_, err) in zip((first, second), out, strict=True):
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    assert _ids_once(db) == (n, n)
    with Store.open(db) as store:
        assert store.integrity_ok()
        assert store.list_stories() == []
