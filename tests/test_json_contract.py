"""The brief's JSON follows its published schema, keeps the contract's keys, and is deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema

from synoptic.render.json import render_json
from synoptic.render.schema import brief_schema


def test_brief_validates_against_schema(seed_brief_dict):
    jsonschema.Draft202012Validator(brief_schema()).validate(seed_brief_dict)


def test_contract_keys(seed_brief_dict):
    for key in ("articles", "summary", "facts", "single_source"):
        assert key in seed_brief_dict
    article = seed_brief_dict["articles"][0]
    for key in ("id", "source", "outlet", "published", "title", "text", "lines"):
        assert key in article
    assert {"text", "kind", "reason"} <= set(article["lines"][0])


def test_spans_lie_inside_their_articles(seed_brief_dict):
    texts = {a["id"]: a["text"] for a in seed_brief_dict["articles"]}
    for section in ("summary", "facts", "single_source"):
        for item in seed_brief_dict[section]:
            for span in item["support"]:
                assert 0 <= span["start"] < span["end"] <= len(texts[span["article_id"]])


def test_same_input_gives_byte_identical_json_across_processes(seed_brief, settings, seeds_dir, tmp_path):
    """A second brief in a new process (the CLI) equals the in-process one, byte for byte."""
    out = tmp_path / "brief.json"
    env_home = settings.resolved_home
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "synoptic",
            "brief",
            str(seeds_dir),
            "--format",
            "json",
            "--out",
            str(out),
            "--cache",
            str(settings.resolved_cache_path),
        ],
        capture_output=True,
        text=True,
        env={
            "SYNOPTIC_HOME": str(env_home),
            "SYNOPTIC_MODELS": os.environ["SYNOPTIC_MODELS"],
            "PATH": "/usr/bin:/bin",
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == render_json(seed_brief)


def test_schema_command_prints_the_schema():
    result = subprocess.run(
        [sys.executable, "-m", "synoptic", "schema"], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == brief_schema()
