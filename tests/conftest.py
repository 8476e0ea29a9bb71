"""Shared fixtures: paths to ../shared, one settings object with a session-wide embedding cache, and the
seed brief built once per test session (the sentence model loads once).

Every test runs with its own SYNOPTIC_HOME (a tmp dir), so nothing depends on or changes a user's home
or what an earlier run left. The one thing shared run-wide is the static embedder's distilled table
(SYNOPTIC_MODELS, a tmp dir of this run): deterministic, read-only once built, and a minute to build.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
BENCHDATA = SHARED / "benchdata"


def pytest_configure(config: pytest.Config) -> None:
    """`make test` passes the table scripts/setup.sh distilled; a bare pytest builds one for this run."""
    if os.environ.get("SYNOPTIC_MODELS"):
        return
    models = Path(tempfile.mkdtemp(prefix="synoptic-models-"))
    os.environ["SYNOPTIC_MODELS"] = str(models)
    config.add_cleanup(lambda: shutil.rmtree(models, ignore_errors=True))


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's SYNOPTIC_HOME; subprocesses started with os.environ inherit it."""
    home = tmp_path / "synoptic-home"
    monkeypatch.setenv("SYNOPTIC_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("synoptic-home")


@pytest.fixture(scope="session")
def settings(session_home: Path):
    from synoptic.settings import Settings

    return Settings(home=str(session_home), cache_path=str(session_home / "cache.sqlite"))


@pytest.fixture(scope="session")
def embedder(settings):
    from synoptic.pipeline import make_embedder

    return make_embedder(settings)


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path, settings, embedder):
    from synoptic.pipeline import load_articles

    articles, problems = load_articles([seeds_dir], settings, embedder)
    return articles, problems


@pytest.fixture(scope="session")
def seed_brief(seed_articles, settings, embedder):
    from synoptic.pipeline import build_brief

    articles, problems = seed_articles
    return build_brief(articles, settings, embedder, problems)


@pytest.fixture(scope="session")
def seed_brief_dict(seed_brief) -> dict:
    from synoptic.render.json import brief_to_dict

    return brief_to_dict(seed_brief)
