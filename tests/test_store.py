"""The SQLite store: exact Article round-trip, idempotent adds, stories, briefs, problems, migrations."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from synoptic.errors import problem
from synoptic.model import Article, Line, LineKind, Sentence, Span
from synoptic.store import Store
from synoptic.store.schema import MIGRATIONS

_text = st.text(max_size=60)
_opt = st.one_of(st.none(), _text)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    aid = draw(st.text(min_size=1, max_size=20))
    text = draw(_text)
    lines = tuple(
        Line(i, draw(_text), draw(st.sampled_from(list(LineKind))), draw(_text))
        for i in range(draw(st.integers(0, 3)))
    )
    sentences = []
    for i in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        sentences.append(Sentence(f"{aid}:{i}", Span(aid, start, end), text[start:end]))
    return Article(
        id=aid,
        source=draw(_text),
        outlet=draw(_opt),
        url=draw(_opt),
        published=draw(_opt),
        title=draw(_opt),
        dek=draw(_opt),
        lines=lines,
        text=text,
        sentences=tuple(sentences),
        dateline=draw(_opt),
    )


def _article(aid: str, title: str, text: str, published: str | None = None, outlet: str = "A") -> Article:
    return Article(aid, f"{aid}.txt", outlet, None, published, title, None, (), text)


@settings(max_examples=60, deadline=None)
@given(article=articles())
def test_article_round_trips_exactly(article: Article) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "rt.sqlite") as store:
        store.add_articles([article])
        assert store.get_article(article.id) == article


def test_add_is_idempotent_and_reports_what_was_present(tmp_path: Path) -> None:
    a, b = _article("a", "T1", "one"), _article("b", "T2", "two")
    with Store.open(tmp_path / "s.sqlite") as store:
        first = store.add_articles([a])
        second = store.add_articles([a, b])
        assert first.added == ("a",) and first.present == ()
        assert second.added == ("b",) and second.present == ("a",)
        assert store.article_count() == 2
        assert [x.id for x in store.articles(["b", "missing", "a"])] == ["b", "a"]


def test_migrations_are_recorded_and_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with Store.open(path) as store:
        store.add_articles([_article("a", "T", "x")])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    with Store.open(path) as store:
        assert store.article_count() == 1
        assert store.integrity_ok()


def test_stories_list_newest_first_with_counts_and_search(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.add_articles(
            [
                _article("a1", "Flood in the valley", "Rivers rose overnight.", "2024-03-01", "A"),
                _article("a2", "Valley flood worsens", "More rain fell.", "2024-03-02", "B"),
                _article("b1", "Election results", "Votes were counted.", "2024-03-05", "A"),
            ]
        )
        store.assign("a1", "s-flood", "Flood", "2024-03-01")
        store.assign("a2", "s-flood", "Flood", "2024-03-02")
        store.assign("b1", "s-vote", "Election", "2024-03-05")
        rows = store.list_stories()
        assert [r.id for r in rows] == ["s-vote", "s-flood"]
        flood = store.story("s-flood")
        assert flood is not None
        assert (flood.article_count, flood.outlet_count) == (2, 2)
        assert (flood.first_seen, flood.last_seen) == ("2024-03-01", "2024-03-02")
        assert [r.id for r in store.list_stories("rain")] == ["s-flood"]
        assert store.list_stories("rain votes") == []
        assert store.story_article_ids("s-flood") == ["a1", "a2"]
        assert store.list_stories(limit=1, offset=1)[0].id == "s-flood"
        assert store.unassigned_article_ids() == []


def test_briefs_and_problems_are_kept(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.add_articles([_article("a", "T", "x")])
        store.assign("a", "s1")
        assert store.get_brief("s1") is None
        store.save_brief("s1", '{"v": 1}', "h1")
        store.save_brief("s1", '{"v": 2}', "h2")
        assert store.get_brief("s1") == ('{"v": 2}', "h2")
        store.start_run("r1", "ingest")
        store.record_problems(
            "r1", [problem("E_EMPTY", "f.txt"), problem("E_JSONL_SYNTAX", "g.jsonl", "x", 3)]
        )
        got = store.problems("r1")
        assert [(p.code, p.line) for p in got] == [("E_EMPTY", None), ("E_JSONL_SYNTAX", 3)]
