"""Issue 7: a folder of bad input (generated here, see tests/bad_inputs.py) costs only the bad files.

Every bad input gives its coded problem with the file (and line, where one means something), every
valid input is read, the run report counts both, and no command raises: the CLI exits 0 or 1 with no
traceback. Limits (file size, line length, articles per brief) are enforced and configurable in TOML.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from bad_inputs import CASES, FIFTY_MB, READ, SKIPPED, STORY, write_bad_folder
from synoptic.analyze.quotes import find_quote_spans
from synoptic.embed import HashingEmbedder
from synoptic.ingest import read_sources
from synoptic.model import Article, Problem
from synoptic.pipeline import load_articles
from synoptic.report import summarize_run
from synoptic.settings import Settings, load_settings


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bad_folder(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def bad_run(bad_folder: Path, settings: Settings, embedder) -> tuple[list[Article], list[Problem]]:
    """The bad folder read and cleaned with the real sentence model."""
    return load_articles([bad_folder], settings, embedder)


def _name(source: str) -> str:
    return Path(source).name


def _article(articles: list[Article], name: str) -> Article:
    (found,) = [a for a in articles if _name(a.source) == name]
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_input_gives_its_code_or_is_read(case, bad_run) -> None:
    articles, problems = bad_run
    wanted = case.name if case.expect != READ or case.line is None else f"{case.name}#L{case.line}"
    mine = [a for a in articles if _name(a.source) == wanted]
    if case.expect == READ:
        assert len(mine) == 1, [(p.code, p.source) for p in problems if _name(p.source) == case.name]
        return
    if case.expect == SKIPPED:
        assert not mine and not [p for p in problems if _name(p.source) == case.name]
        return
    hits = [p for p in problems if _name(p.source) == case.name and p.code == case.expect]
    if case.line is not None:
        hits = [p for p in hits if p.line == case.line]
    assert len(hits) == 1, [(p.code, _name(p.source), p.line) for p in problems]
    assert hits[0].message  # a message to read, beyond the code
    assert len(mine) == (1 if case.read else 0)


def test_valid_inputs_are_read_right(bad_run) -> None:
    articles, _ = bad_run
    assert "Café" in _article(articles, "western_cp1252.txt").text
    assert "€" in _article(articles, "western_cp1252.txt").text
    assert "harbour ✓" in _article(articles, "utf16_bom.txt").text
    assert "продолжался третий день" in _article(articles, "utf16_nobom.txt").text
    russian = _article(articles, "russian.txt")
    assert "Пожар на топливном складе" in russian.text and len(russian.sentences) >= 3
    chinese = _article(articles, "chinese.txt")
    assert "港务局说" in chinese.text and len(chinese.sentences) >= 3
    assert all(s.text.endswith("。") for s in chinese.sentences)
    framed = _article(articles, "framed.html")
    assert "SCRIPT" not in framed.text and "IFRAME" not in framed.text
    assert "Wednesday" in framed.text
    assert len(_article(articles, "one_sentence.txt").sentences) == 1
    odd = _article(articles, "odd_name_\\xff\\xfe.txt")
    odd.source.encode("utf-8")  # printable and storable: no lone surrogates from the raw file name
    assert "third day" in odd.text


def test_repaired_and_cut_text_keep_the_rest(bad_run, settings: Settings) -> None:
    articles, problems = bad_run
    damaged = _article(articles, "damaged_utf8.txt")
    assert "Café owners" in damaged.text and "“hurts everyone”" in damaged.text
    assert "\ufffd" in damaged.text and "promised an answer" in damaged.text
    long_line = _article(articles, "long_line.txt")
    assert max(len(line) for line in long_line.text.split("\n")) <= settings.max_line_chars
    assert STORY[3] in long_line.text  # the line after the long one is kept
    (cut,) = [p for p in problems if p.code == "E_LINE_TOO_LONG"]
    assert f"max_line_chars={settings.max_line_chars}" in cut.message


def test_duplicate_names_the_kept_copy(bad_run) -> None:
    articles, problems = bad_run
    (dup,) = [p for p in problems if p.code == "E_DUPLICATE"]
    assert _article(articles, "story.txt").id in dup.message


def test_unbalanced_quotes_give_spans_inside_the_text(bad_run) -> None:
    articles, _ = bad_run
    text = _article(articles, "unbalanced_quotes.txt").text
    spans = find_quote_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert any(text[s:e] == "no one was hurt" for s, e in spans)


def test_every_span_lies_inside_its_text(bad_run) -> None:
    articles, _ = bad_run
    for article in articles:
        for sentence in article.sentences:
            assert article.text[sentence.span.start : sentence.span.end] == sentence.text


def test_run_report_counts_read_failed_and_warned(bad_run) -> None:
    articles, problems = bad_run
    report = summarize_run(articles, problems)
    failing = {(c.name, c.line) for c in CASES if c.expect not in (READ, SKIPPED) and not c.read}
    warned = {(c.name, c.line) for c in CASES if c.read}
    assert report.read == len(articles) == sum(1 for c in CASES if c.expect == READ) + len(warned)
    assert report.failed == len(failing)
    assert report.warned == len(warned)
    assert dict(report.by_code)["E_JSONL_FIELDS"] == 4
    assert sum(n for _, n in report.by_code) == len(problems)
    assert report.lines()[0].startswith(f"read {report.read} article(s); {report.failed} input(s) failed")


def test_a_50mb_file_is_refused_by_size_before_reading(bad_folder: Path) -> None:
    """The sparse 50 MB file is all NUL bytes: read, it would be E_BINARY; refused by size, E_TOO_LARGE."""
    tracemalloc.start()
    try:
        docs, problems = read_sources([bad_folder / "huge.txt"], Settings())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert docs == [] and [p.code for p in problems] == ["E_TOO_LARGE"]
    assert f"{FIFTY_MB} bytes > max_file_bytes=20000000" in problems[0].message
    assert peak < 1_000_000


def test_a_50mb_text_file_with_a_raised_limit_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Read whole (one RawDocument) with peak memory a small multiple of the file. The full brief of a
    50 MB "article" is not run here: it would embed some 500,000 sentences, which is why the default
    limit refuses such files."""
    path = tmp_path / "huge.txt"
    paragraph = "Crews worked through the night to contain the fire near the quay. " * 6
    with open(path, "w", encoding="utf-8") as out:
        number = 0
        while out.tell() < FIFTY_MB:
            out.write(f"Paragraph {number}. {paragraph}\n")
            number += 1
    size = path.stat().st_size
    tracemalloc.start()
    try:
        docs, problems = read_sources([path], Settings(max_file_bytes=60_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == []
    (doc,) = docs
    assert len(doc.text) == size and doc.text.count("\n") == number
    assert peak < 4 * size


def test_limits_come_from_a_toml_file(tmp_path: Path) -> None:
    config = tmp_path / "synoptic.toml"
    config.write_text(
        "[synoptic]\nmax_file_bytes = 2000\nmax_line_chars = 300\nmax_articles_per_brief = 2\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(4):
        lines = [line.replace("400", str(400 + number)) for line in STORY]
        (folder / f"a{number}.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "b_long.txt").write_text("Long\n" + "The smoke spread. " * 40, encoding="utf-8")
    (folder / "c_big.txt").write_text("x " * 1500, encoding="utf-8")
    articles, problems = load_articles([folder], settings, HashingEmbedder())
    codes = {(p.code, _name(p.source)) for p in problems}
    assert ("E_TOO_LARGE", "c_big.txt") in codes
    assert ("E_LINE_TOO_LONG", "b_long.txt") in codes
    assert [a.source for a in articles] == sorted(a.source for a in articles)
    assert len(articles) == 2
    too_many = [p for p in problems if p.code == "E_TOO_MANY"]
    assert len(too_many) == 3  # four story files and the cut long-line file, two kept
    assert all("max_articles_per_brief=2" in p.message for p in too_many)
    messages = " ".join(p.message for p in problems)
    assert "max_file_bytes=2000" in messages and "max_line_chars=300" in messages


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {
        "SYNOPTIC_HOME": str(home),
        "SYNOPTIC_MODELS": os.environ["SYNOPTIC_MODELS"],  # the run's shared model table
        "PATH": "/usr/bin:/bin",
        "HF_HUB_OFFLINE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "synoptic", *args], capture_output=True, text=True, env=env, check=False
    )


def test_cli_brief_reports_and_exits_one(bad_folder: Path, settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    cache = str(settings.resolved_cache_path)
    result = run_cli("brief", str(bad_folder), "-f", "json", "-o", str(out), "--cache", cache, home=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    brief = json.loads(out.read_text(encoding="utf-8"))
    codes = {p["code"] for p in brief["problems"]}
    expected = {c.expect for c in CASES if c.expect not in (READ, SKIPPED)}
    assert codes == expected
    for code in expected:
        assert code in result.stderr
    assert "damaged_utf8.txt:3" in result.stderr and "batch.jsonl:7" in result.stderr
    assert "input(s) failed" in result.stderr
    assert brief["summary"], "the good articles still make a brief"


def test_cli_terminal_output_survives_odd_names(bad_folder: Path, settings: Settings, tmp_path: Path) -> None:
    cache = str(settings.resolved_cache_path)
    result = run_cli("brief", str(bad_folder), "--cache", cache, home=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "read " in result.stderr


def test_cli_with_only_bad_input_exits_one(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "only_bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bin.txt").write_bytes(bytes(range(256)) * 4)
    result = run_cli("brief", str(folder), "--cache", str(settings.resolved_cache_path), home=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "read 0 article(s); 2 input(s) failed" in result.stderr


def _commands() -> set[str]:
    from synoptic.cli import app

    return {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}


SUMMARIZE_JSONL = "\n".join(
    [
        json.dumps({"id": "a", "documents": [1, None, {"a": 1}]}),
        json.dumps({"id": "b", "documents": []}),
        json.dumps({"id": "c", "documents": ["", "   "]}),
        json.dumps({"id": [1], "documents": [" ".join(STORY[1:3])]}),
        '{"id": "e", "documents": ["\\ud800 a lone surrogate. Then a sentence that is fine."]}',
        json.dumps({"id": "f", "documents": "not a list"}),
        "[" * 100_000,
        "{broken",
    ]
)


@pytest.mark.parametrize(
    "name", ["batch.jsonl", "image.txt", "huge.txt", "damaged_utf8.txt", "empty.txt", "summaries.jsonl"]
)
def test_cli_summarize_never_raises(name: str, bad_folder: Path, tmp_path: Path) -> None:
    if "summarize" not in _commands():
        pytest.skip("no summarize command")
    path = bad_folder / name
    if name == "summaries.jsonl":
        path = tmp_path / name
        path.write_text(SUMMARIZE_JSONL + "\n", encoding="utf-8")
    # The default home holds the distilled static table (built once, as tests/test_summary.py uses it).
    result = run_cli("summarize", "--jsonl", str(path), home=Settings().resolved_home)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    if name in ("batch.jsonl", "summaries.jsonl"):
        assert result.returncode == 1 and "E_JSONL_SYNTAX" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("ingest", "{folder}", "--db", "{db}"),
        ("cluster", "--jsonl", "{folder}/batch.jsonl", "--db", "{db}"),
        ("cluster", "--jsonl", "{folder}/image.txt", "--db", "{db}"),
        ("cluster", "--jsonl", "{folder}/huge.txt", "--db", "{db}"),
    ],
    ids=["ingest-folder", "cluster-jsonl", "cluster-binary", "cluster-50mb"],
)
def test_cli_store_commands_never_raise(
    command, bad_folder: Path, tmp_path: Path, settings: Settings
) -> None:
    """`synoptic ingest PATHS --db` and `synoptic cluster --jsonl FILE --db`, where they exist."""
    if command[0] not in _commands():
        pytest.skip(f"no {command[0]} command yet")
    args = [part.format(folder=bad_folder, db=tmp_path / "store.sqlite") for part in command]
    if command[0] == "ingest":
        args += ["--cache", str(settings.resolved_cache_path)]
    result = run_cli(*args, home=tmp_path)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    if command[0] == "ingest":
        assert result.returncode == 1 and "E_BINARY" in result.stderr
        assert "damaged_utf8.txt:3" in result.stderr and "input(s) failed" in result.stderr
