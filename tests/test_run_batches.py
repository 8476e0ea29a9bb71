"""Cleaning batches are fixed by the input alone (never by the runner), and JSONL streams a line at a time:
long lines are reported and skipped, a byte-order mark is dropped, binary or UTF-16 files go to the
whole-file reader. No model is loaded here."""

from __future__ import annotations

import json
from pathlib import Path

from synoptic.model import Problem
from synoptic.run.batches import plan_jsonl, plan_paths
from synoptic.settings import Settings


def _tree(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.html", ".hidden.txt", "notes.pdf"):
        (folder / name).write_text("Some words of an article.\n", encoding="utf-8")
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as out:
        for n in range(7):
            out.write(json.dumps({"id": n, "text": f"Line {n} of the feed."}) + "\n")
    return folder


def test_batches_follow_the_input_not_the_machine(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    named = tmp_path / "named.txt"
    named.write_text("A named file.\n", encoding="utf-8")
    settings = Settings(home=str(tmp_path), max_articles_per_brief=3)
    batches = list(plan_paths([str(folder), str(named), str(tmp_path / "missing.txt")], settings))
    assert [p.code for b in batches for p in b.problems] == ["E_NOT_FOUND"]
    files = [b.paths for b in batches if b.paths]
    # the named file first, then the folder's plain files sorted (hidden and unsupported ones skipped)
    in_folder = tuple(str(folder / name) for name in ("a.txt", "b.txt", "sub/c.html"))
    assert files == [(str(named),), in_folder]
    lines = [[n for n, _ in b.lines] for b in batches if b.jsonl_path]
    assert lines == [[1, 2, 3], [4, 5, 6], [7]]  # 3 lines a batch, in file order
    assert batches == list(plan_paths([str(folder), str(named), str(tmp_path / "missing.txt")], settings))


def test_jsonl_streams_skips_long_lines_and_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    good = json.dumps({"id": "g", "text": "A good line."}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + b"x" * 5000 + b"\n\n" + good + b"\n")
    settings = Settings(home=str(tmp_path), max_file_bytes=1000)
    batches = list(plan_jsonl(path, settings))
    lines = [item for b in batches for item in b.lines]
    assert lines == [(1, good + b"\n"), (4, good + b"\n")]
    problems: list[Problem] = [p for b in batches for p in b.problems]
    assert [(p.code, p.line) for p in problems] == [("E_TOO_LARGE", 2)]


def test_binary_or_utf16_jsonl_goes_to_the_whole_file_reader(tmp_path: Path) -> None:
    utf16 = tmp_path / "wide.jsonl"
    utf16.write_bytes(json.dumps({"id": 1, "text": "Wide text."}).encode("utf-16"))
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00" * 10_000)
    settings = Settings(home=str(tmp_path))
    assert [b.paths for b in plan_jsonl(utf16, settings)] == [(str(utf16),)]
    assert [b.paths for b in plan_jsonl(binary, settings)] == [(str(binary),)]
    assert [b.paths for b in plan_paths([str(utf16)], settings)] == [(str(utf16),)]


def test_the_runner_is_chosen_by_settings_toml_or_flag(tmp_path: Path) -> None:
    import pytest

    from synoptic.errors import SettingsError
    from synoptic.run import LocalRunner, ProcessRunner, make_runner, runner_for
    from synoptic.settings import load_settings

    config = tmp_path / "s.toml"
    config.write_text('runner = "process"\nworkers = 3\n', encoding="utf-8")
    chosen = runner_for(load_settings(config))
    assert isinstance(chosen, ProcessRunner) and chosen.workers == 3
    assert isinstance(runner_for(load_settings(config, runner="local")), LocalRunner)  # a flag wins
    assert load_settings(config).fingerprint() == Settings().fingerprint()  # where it runs is not output
    with pytest.raises(SettingsError, match="runner must be one of"):
        make_runner("threads")
