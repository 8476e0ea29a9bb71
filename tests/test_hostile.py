"""Hostile inputs (issue 20): every case is generated here (tests/hostile_inputs.py), none is stored.

Costs are compared as ratios measured in one run (an input four times as long may cost about four
times as much, not sixteen), never against a clock. Store failures are real: a zeroed file, a raised
`user_version`, a renamed table, a read-only tmpfs and a full one (both need root for `mount`; skipped
with the reason otherwise).
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile_inputs import dense_mr_line, dense_mr_text, long_article, long_word
from synoptic.analyze.sentences import split_sentences
from synoptic.cluster.features import entity_tokens
from synoptic.errors import OutputError, StoreError
from synoptic.settings import Settings
from synoptic.store.schema import MIGRATIONS

REPO = Path(__file__).resolve().parents[1]
SYNOPTIC = [sys.executable, "-m", "synoptic"]


def _growth_ratio(make: Callable[[int], str], run: Callable[[str], object], size: int) -> float:
    """cost(4n) / cost(n): about 4 for linear work, 16 for quadratic, so a bound of 8 (their geometric
    middle) tells them apart with room for a noisy machine. Sizes alternate and the best of five runs
    each is kept, so a busy machine slows both alike."""
    while True:  # grow the input until one run takes long enough to be measured above the noise
        start = time.perf_counter()
        run(make(size))
        if time.perf_counter() - start > 0.02 or size >= 8_000_000:
            break
        size *= 2
    inputs = (make(size), make(4 * size))
    best = [float("inf"), float("inf")]
    for _ in range(5):
        for k, text in enumerate(inputs):
            start = time.perf_counter()
            run(text)
            best[k] = min(best[k], time.perf_counter() - start)
    return best[1] / max(best[0], 1e-6)


LINEAR_BOUND = 8.0  # cost(4n) / cost(n): 4 when linear, 16 when quadratic


# -- cost linear in the input ----------------------------------------------------------------------------
def test_fifty_dense_mr_lines_split_whole_and_a_longer_line_costs_in_proportion() -> None:
    text = dense_mr_text(50, 20_000)
    sentences = split_sentences(text, "a")
    assert len(sentences) == 50  # every full stop is an abbreviation: one sentence per line
    assert all(text[s.span.start : s.span.end] == s.text for s in sentences)
    assert _growth_ratio(dense_mr_line, lambda t: split_sentences(t, "a"), 40_000) < LINEAR_BOUND


def test_a_200k_character_word_yields_its_tokens_in_linear_time() -> None:
    word = long_word(200_000)
    assert entity_tokens(f"Officials said {word} today.") == []  # a run no name is that long
    assert entity_tokens("The pro-Kalomi ministry and KLM paid 1,200.5 in Renvato.")[:2] == ["Kalomi", "KLM"]
    assert _growth_ratio(long_word, entity_tokens, 100_000) < LINEAR_BOUND


def _module_pattern(module: str, name: str) -> re.Pattern[str]:
    import importlib

    return getattr(importlib.import_module(module), name)


# (pattern, the unit repeated to grow an input it used to be quadratic or worse on)
LINEAR_PATTERNS = [
    ("synoptic.analyze.sentences", "_BOUNDARY", "."),
    ("synoptic.analyze.sentences", "_BOUNDARY", " "),
    ("synoptic.clean.shapes", "_EMAIL", "a"),
    ("synoptic.clean.shapes", "_CONTACT_ONLY", "- "),
    ("synoptic.clean.shapes", "_FULL_STOP", "a"),
    ("synoptic.clean.metadata", "_AGENCY_TAIL", " "),
    ("synoptic.clean.metadata", "_AGENCY_DATELINE", "A-"),
    ("synoptic.clean.metadata", "_PAREN_DATELINE", "A-"),
    ("synoptic.clean.metadata", "_COLON_DATELINE", "A-"),
]


@pytest.mark.parametrize(("module", "name", "unit"), LINEAR_PATTERNS)
def test_regexes_are_linear_on_growing_runs(module: str, name: str, unit: str) -> None:
    pattern = _module_pattern(module, name)

    def make(size: int) -> str:
        return "A" + unit * (size // len(unit)) + "!"

    assert _growth_ratio(make, lambda t: list(pattern.finditer(t)), 200_000) < LINEAR_BOUND


# -- a long article next to the seeds -------------------------------------------------------------------
def test_a_long_article_next_to_the_seeds_is_cut_with_a_code_and_the_seed_brief_stands(
    tmp_path: Path, seeds_dir: Path, seed_brief, settings: Settings, embedder
) -> None:
    from dataclasses import replace

    from synoptic.pipeline import build_brief, load_articles

    long_dir = tmp_path / "long"
    long_dir.mkdir()
    (long_dir / "chronicle.txt").write_text(long_article(1_100_000), encoding="utf-8")
    assert (long_dir / "chronicle.txt").stat().st_size > 1_100_000
    bounded = replace(settings, max_article_chars=30_000)  # the default (100k) takes minutes here
    articles, problems = load_articles([seeds_dir, long_dir], bounded, embedder)
    brief = build_brief(articles, bounded, embedder, problems)
    cut = [p for p in problems if p.code == "E_ARTICLE_TOO_LONG"]
    assert [p.source for p in cut] == [str(long_dir / "chronicle.txt")]
    long_one = next(a for a in articles if a.source.endswith("chronicle.txt"))
    assert len(long_one.text) <= 30_000
    assert [s.text for s in brief.summary] == [s.text for s in seed_brief.summary]
    assert len(brief.articles) == 6


def test_a_long_text_is_parsed_in_pieces_whose_offsets_point_into_it() -> None:
    from synoptic.analyze.entities import load_nlp
    from synoptic.analyze.pieces import parse_texts, pieces

    text = long_article(12_000, seed=11)
    assert len(pieces(text, 3_000)) >= 4 and "".join(pieces(text, 3_000)) == text
    (whole,) = parse_texts(load_nlp(), [text], limit=3_000)
    assert whole.text == text
    ents = list(whole.ents)
    assert ents and all(text[e.start_char : e.end_char] == e.text for e in ents)
    assert ents[-1].start_char > 9_000  # the last piece's entities are offset into the whole text


# -- the same article twice, inside another ------------------------------------------------------------
def test_an_article_contained_in_another_counts_once() -> None:
    from synoptic.clean.contained import drop_contained
    from synoptic.cluster.stream import article_from_record

    paragraphs = long_article(3_000, seed=5).split("\n")[2:6]
    base = article_from_record({"id": "a1", "text": "\n".join(paragraphs)}, "one.txt")
    extended = article_from_record({"id": "a2", "text": "\n".join([*paragraphs, "An extra paragraph."])}, "b")
    other = article_from_record({"id": "a3", "text": "\n".join([*paragraphs[:1], "Not the same. " * 5])}, "c")
    for order in ([base, extended, other], [other, extended, base]):
        kept, problems = drop_contained(order)
        assert {a.id for a in kept} == {"a2", "a3"}
        assert [(p.code, p.source) for p in problems] == [("E_DUPLICATE", "one.txt")]


# -- the store: concurrent clustering, readers, failures ---------------------------------------------
def _records(prefix: str, n: int, day: int) -> list:
    from synoptic.cluster.stream import article_from_record

    topics = ["harbour of Kalomi reopened after the storm", "orchard festival of Renvato postponed"]
    return [
        article_from_record(
            {
                "id": f"{prefix}{i}",
                "text": f"The {topics[i % 2]}, officials of {prefix.upper()}vale said. Boats {i} were seen.",
                "published": f"2024-05-{day:02d}",
            },
            f"{prefix}.jsonl",
        )
        for i in range(n)
    ]


def test_two_cluster_runs_and_an_ingest_interleaved_lose_nothing(tmp_path: Path) -> None:
    from synoptic.cluster.stream import cluster_store, load_state
    from synoptic.store import Store

    settings = Settings(cluster_dense_weight=0.0)
    path = tmp_path / "store.db"
    with Store.open(path) as first, Store.open(path) as second:
        first.add_articles(_records("a", 6, 1))
        moved = []

        def meanwhile() -> None:  # between run A's clustering and its save: an ingest and a whole run B
            if not moved:
                moved.append(True)
                second.add_articles(_records("b", 4, 2))
                cluster_store(second, settings)

        cluster_store(first, settings, before_write=meanwhile)
        assert moved
        state = load_state(first)
        members = {a: first.story_of(a) for a in (r.id for r in [*_records("a", 6, 1), *_records("b", 4, 2)])}
        assert None not in members.values()
        assert sorted(state.article_ids) == sorted(members)  # state and membership agree
        assert state.story_of() == members
        assert first.unassigned_article_ids() == []
    with Store.open(tmp_path / "one-run.db") as alone:  # the partition one run after the other gives
        alone.add_articles([*_records("a", 6, 1), *_records("b", 4, 2)])
        cluster_store(alone, settings)
        assert load_state(alone).story_of() == members


def test_story_ids_do_not_depend_on_the_input_order() -> None:
    from synoptic.cluster import cluster_articles

    settings = Settings(cluster_dense_weight=0.0)
    articles = _records("a", 6, 1) + _records("b", 6, 1)
    forward, _ = cluster_articles(articles, settings)
    backward, _ = cluster_articles(articles[::-1], settings)
    assert {a.article_id: a.story_id for a in forward} == {a.article_id: a.story_id for a in backward}


def test_a_reader_opens_and_reads_while_a_writer_holds_its_transaction(tmp_path: Path) -> None:
    from synoptic.store import Store

    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.add_articles(_records("a", 2, 1))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO runs(id, command) VALUES ('w', 'write')")
    try:
        with Store.open(path) as reader:  # used to wait for the write lock (migrations) and fail busy
            assert reader.article_count() == 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SYNOPTIC, *args], capture_output=True, text=True, cwd=REPO, timeout=600)


def _assert_coded(result: subprocess.CompletedProcess[str], code: str, path: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert code in result.stderr and str(path) in result.stderr.replace("\n", "")
    assert "Traceback" not in result.stderr + result.stdout


def _store_with_articles(path: Path) -> None:
    from synoptic.store import Store

    with Store.open(path) as store:
        store.add_articles(_records("a", 3, 1))


def test_corrupt_renamed_and_newer_stores_give_coded_errors(tmp_path: Path) -> None:
    zeroed = tmp_path / "zeroed.db"
    _store_with_articles(zeroed)
    size = zeroed.stat().st_size
    with open(zeroed, "r+b") as handle:
        handle.write(b"\0" * size)
    renamed = tmp_path / "renamed.db"
    _store_with_articles(renamed)
    with sqlite3.connect(renamed) as conn:
        conn.execute("ALTER TABLE articles RENAME TO old_articles")
    newer = tmp_path / "newer.db"
    _store_with_articles(newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 9")
    for path, code in ((zeroed, "E_STORE_CORRUPT"), (renamed, "E_STORE_CORRUPT"), (newer, "E_STORE_NEWER")):
        _assert_coded(_cli("cluster", "--db", str(path)), code, path)
    newer_said = " ".join(_cli("cluster", "--db", str(newer)).stderr.split())
    assert "schema version 9" in newer_said and f"versions up to {len(MIGRATIONS)}" in newer_said
    with sqlite3.connect(newer) as conn:  # refused, not written
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9


def _mount_tmpfs(where: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; read-only and full disks are not simulated otherwise")
    where.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)]
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs failed: {done.stderr.decode(errors='replace').strip()}")


def _unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_read_only_store_and_missing_folder_give_coded_errors(tmp_path: Path) -> None:
    disk = tmp_path / "ro"
    _mount_tmpfs(disk, "4m")
    try:
        _store_with_articles(disk / "store.db")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        _assert_coded(_cli("cluster", "--db", str(disk / "store.db")), "E_STORE_READONLY", disk / "store.db")
        missing = disk / "no" / "such" / "store.db"
        _assert_coded(_cli("cluster", "--db", str(missing)), "E_STORE_OPEN", missing)
    finally:
        _unmount(disk)


def test_a_full_disk_gives_coded_errors_and_leaves_old_outputs_whole(tmp_path: Path) -> None:
    from synoptic.atomic import write_atomic
    from synoptic.store import Store

    disk = tmp_path / "full"
    _mount_tmpfs(disk, "1m")
    try:
        store = Store.open(disk / "store.db")
        out = write_atomic(disk / "brief.json", '{"old": true}')
        with open(disk / "filler", "wb") as handle:  # fill what is left
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        with pytest.raises(StoreError) as failure:
            store.add_articles([*_records("a", 40, 1), _big_article()])
        assert failure.value.code == "E_STORE_FULL" and str(disk / "store.db") in str(failure.value)
        with pytest.raises(OutputError) as written:
            write_atomic(out, "x" * 200_000)
        assert written.value.code == "E_OUTPUT_FULL"
        assert out.read_text() == '{"old": true}'  # the old file is whole, no temporary left beside it
        assert sorted(p.name for p in disk.iterdir() if p.name.startswith(".brief")) == []
        store.close()
    finally:
        _unmount(disk)


def _big_article():
    from synoptic.cluster.stream import article_from_record

    return article_from_record({"id": "big", "text": long_article(400_000, seed=2)}, "big.jsonl")


# -- inputs that name themselves hostile -------------------------------------------------------------------
def test_names_are_shown_escaped() -> None:
    from synoptic.report import shown

    assert shown("a\nE_FORGED  b") == "a\\nE_FORGED  b"
    assert shown("x\x1b[31mred") == "x\\x1b[31mred" and "\x1b" not in shown("\x1b]0;title\x07")
    assert shown("name\u202etxt.exe") == "name\\u202etxt.exe"
    assert shown("plain é name.txt") == "plain é name.txt"


def test_a_warc_record_cut_short_is_a_coded_problem(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from synoptic.ingest.warc import read_warc

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = "".join(f"<p>{line}</p>" for line in long_article(6_000, seed=4).split("\n")[2:])
    page = f"<html><head><title>A chronicle</title></head><body><article>{body}</article></body></html>"
    for n in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        record = writer.create_warc_record(
            f"http://example.test/{n}", "response", payload=io.BytesIO(page.encode()), http_headers=headers
        )
        writer.write_record(record)
    whole = buffer.getvalue()
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: len(whole) - 2_000])
    docs, problems = read_warc(path)
    assert [p.code for p in problems] == ["E_TRUNCATED"]
    assert problems[0].source.endswith("http://example.test/1") and len(docs) == 2
    path.write_bytes(whole)
    assert read_warc(path)[1] == []
