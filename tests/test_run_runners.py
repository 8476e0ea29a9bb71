"""Same input, same settings: the same store, story assignments and brief files on every runner.

Three real stories (the seeds and two goldset folders) go through ingest, clustering and briefs with
the local runner, a process pool and a real local Ray cluster that this module starts (2 CPUs, no
dashboard) and shuts down after; the briefs of the pool and of Ray also go through the CLI
(`synoptic briefs --runner ...`). Slow: one Ray cluster for the module, two spawned pools.
"""

from __future__ import annotations

import filecmp
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED
from synoptic.cli import app
from synoptic.run import ProcessRunner, cluster_store, ingest_sources, make_runner, write_briefs
from synoptic.run.runner import LocalRunner
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.store.codec import ARTICLE_COLUMNS

pytestmark = pytest.mark.slow
FOLDERS = [SHARED / "seeds", SHARED / "goldset" / "lb022", SHARED / "goldset" / "lb080"]


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Everything a run leaves that must not depend on the runner (not run ids or timestamps)."""
    queries = {
        "articles": f"SELECT {','.join(ARTICLE_COLUMNS)} FROM articles ORDER BY id",
        "members": "SELECT article_id, story_id FROM story_members ORDER BY 1",
        "stories": "SELECT id, label, first_seen, last_seen FROM stories ORDER BY 1",
        "briefs": "SELECT story_id, json, settings_hash FROM briefs ORDER BY 1",
        "problems": "SELECT code, message, source, line FROM problems ORDER BY seq",
    }
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


def _run_all(runner, settings: Settings, db: Path, out: Path) -> None:
    with Store.open(db) as store:
        report = ingest_sources(store, [str(f) for f in FOLDERS], settings, runner)
        assert report.added >= 10 and not [p for p in report.problems if p.code == "E_INTERNAL"]
        cluster_store(store, settings)
        briefs = write_briefs(store, settings, runner, out=out)
        assert briefs.written >= 1 and briefs.problems == ()


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[Path, Path]:
    if not all(f.is_dir() for f in FOLDERS):
        pytest.skip("../shared seeds or goldset folders are not present")
    base = tmp_path_factory.mktemp("local")
    _run_all(LocalRunner(), settings, base / "store.sqlite", base / "out")
    return base / "store.sqlite", base / "out"


def _same_files(left: Path, right: Path) -> None:
    names = sorted(p.name for p in left.iterdir())
    assert names and names == sorted(p.name for p in right.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    assert mismatch == [] and errors == [] and match == names


@pytest.mark.parametrize("name", ["process", "ray"])
def test_every_runner_gives_the_local_store_and_files(
    name: str, local_run: tuple[Path, Path], settings: Settings, tmp_path: Path, request
) -> None:
    if name == "ray":
        request.getfixturevalue("ray_cluster")
    runner = ProcessRunner(workers=2) if name == "process" else make_runner("ray")
    try:
        _run_all(runner, settings, tmp_path / "store.sqlite", tmp_path / "out")
    finally:
        runner.close()
    local_db, local_out = local_run
    assert _dump(tmp_path / "store.sqlite") == _dump(local_db)
    _same_files(local_out, tmp_path / "out")


@pytest.mark.parametrize("name", ["process", "ray"])
def test_cli_briefs_on_a_runner_match_local_files(
    name: str, local_run: tuple[Path, Path], settings: Settings, tmp_path: Path, request
) -> None:
    """`synoptic briefs --db X --runner ray|process --rebuild` writes the files `--runner local` wrote."""
    if name == "ray":
        request.getfixturevalue("ray_cluster")  # the CLI's Ray runner joins the running cluster
    local_db, local_out = local_run
    db = tmp_path / "copy.sqlite"
    with sqlite3.connect(local_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    out = tmp_path / "out"
    args = ["briefs", "--db", str(db), "--cache", str(settings.resolved_cache_path), "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--runner", name, "--workers", "2", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert f"briefs: {len(list(local_out.iterdir()))} written" in result.output
    _same_files(local_out, out)
