"""Parses stored beside the embedding cache: a brief made from them is the brief made from fresh parses,
and a warm brief then never loads the spaCy model."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys
import synoptic.analyze.entities as entities
from synoptic.pipeline import brief
from synoptic.render.json import render_json
from synoptic.settings import Settings
result = brief([sys.argv[1]], Settings(cache_path=sys.argv[2]))
print(json.dumps({"json": render_json(result), "model_loaded": entities._nlp is not None,
                  "torch": "torch" in sys.modules}))
"""


def _brief(seeds: Path, cache: Path, home: Path) -> dict:
    env = {**os.environ, "SYNOPTIC_HOME": str(home)}
    command = [sys.executable, "-c", CHILD, str(seeds), str(cache)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_brief_from_stored_parses_is_the_brief_from_fresh_ones(seeds_dir, seed_brief, settings, tmp_path):
    cache = tmp_path / "cache.sqlite"
    shutil.copy(settings.resolved_cache_path, cache)  # the seed vectors, embedded once per run
    with sqlite3.connect(cache) as conn:
        conn.execute("DROP TABLE IF EXISTS parses")
    fresh = _brief(seeds_dir, cache, tmp_path / "home")
    with sqlite3.connect(cache) as conn:
        stored = conn.execute("SELECT count(*) FROM parses").fetchone()[0]
    assert stored == 5  # one parse per seed article
    again = _brief(seeds_dir, cache, tmp_path / "home")
    assert fresh["model_loaded"] and not again["model_loaded"]
    assert not again["torch"]  # warm: neither the sentence model nor spaCy's model
    assert again["json"] == fresh["json"]
