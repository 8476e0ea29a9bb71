"""The `synoptic brief` command end to end: formats, bad inputs beside good ones, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, settings) -> subprocess.CompletedProcess:
    env = {
        "SYNOPTIC_HOME": str(settings.resolved_home),
        "SYNOPTIC_MODELS": os.environ["SYNOPTIC_MODELS"],  # the run's shared model table
        "PATH": "/usr/bin:/bin",
        "HF_HUB_OFFLINE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "synoptic", *args, "--cache", str(settings.resolved_cache_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def dirty_folder(seeds_dir: Path, tmp_path_factory) -> Path:
    """The seed articles plus an empty file, a binary file and a cp1252 file, made here."""
    folder = tmp_path_factory.mktemp("dirty")
    for path in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    cp1252 = "Caf\u00e9 owners in the old town said the new rules were \u201cunfair\u201d.\nThey will appeal."
    (folder / "zz_cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    return folder


def test_bad_files_become_problems_and_the_seed_brief_is_complete(dirty_folder, settings, tmp_path):
    out = tmp_path / "brief.json"
    result = run_cli("brief", str(dirty_folder), "--format", "json", "--out", str(out), settings=settings)
    assert result.returncode == 1, result.stderr
    brief = json.loads(out.read_text(encoding="utf-8"))
    codes = {Path(p["source"]).name: p["code"] for p in brief["problems"]}
    assert codes["empty.txt"] == "E_EMPTY"
    assert codes["binary.txt"] == "E_BINARY"
    assert "E_EMPTY" in result.stderr and "E_BINARY" in result.stderr
    sources = {Path(a["source"]).name for a in brief["articles"]}
    assert {p.name for p in dirty_folder.glob("0*.txt")} <= sources
    (cp,) = [a for a in brief["articles"] if a["source"].endswith("zz_cp1252.txt")]
    # the cp1252 file is read right (whether its lines are kept or set aside as unrelated), never garbled
    lines = "".join(ln["text"] for ln in cp["lines"])
    assert "Café" in lines and "“unfair”" in lines and "Ã" not in lines
    assert 6 <= len(brief["summary"]) <= 10


@pytest.mark.parametrize("fmt,marker", [("md", "## Summary"), ("html", "<!doctype html>")])
def test_other_formats(fmt, marker, seeds_dir, settings, tmp_path):
    out = tmp_path / f"brief.{fmt}"
    result = run_cli("brief", str(seeds_dir), "--format", fmt, "--out", str(out), settings=settings)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert marker in text
    assert "TASS" in text  # outlets are named beside the summary


def test_terminal_output_names_outlets(seeds_dir, settings):
    result = run_cli("brief", str(seeds_dir), settings=settings)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. " in out and "5 articles" in out  # the numbered summary and its panel's count
    assert "Facts and who reports them" in out
    assert "TASS" in out


def test_usage_error_exits_two(settings):
    result = run_cli("brief", "--format", "nope", "x", settings=settings)
    assert result.returncode == 2


def test_no_readable_input_exits_one(tmp_path, settings):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("brief", str(tmp_path), settings=settings)
    assert result.returncode == 1
    assert "E_EMPTY" in result.stderr
