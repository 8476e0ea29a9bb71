"""Brief history: every rebrief a version (recorded once per key), and what a new version added, by
spans, on hand-made briefs for every kind of change. `synoptic diff` and the web API on a watched story
that gained an outlet are in tests/test_watch.py, which runs the (costly) watch rounds once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synoptic.history import diff_briefs, format_diff, parse_when
from synoptic.store import Store
from synoptic.store.history import HistoryTable

OLD_TEXT = {
    "a": "Mayor closes bridge. Cracks found. Detour set. Cost unknown.",
    "b": "Bridge shut. Cracks found.",
}
NEW_TEXT = {**OLD_TEXT, "c": "Cracks found on Sunday. Repairs cost 4 million. Mayor: we will reopen."}


def _span(article: str, start: int, end: int) -> dict:
    return {"article_id": article, "start": start, "end": end}


def _brief(
    texts: dict[str, str], facts, quotes=(), divergences=(), timeline=(), headline="Bridge shut"
) -> dict:
    outlets = {"a": "Herald", "b": "Times", "c": "Wire"}
    return {
        "story": {"id": "s1"},
        "headline": headline,
        "articles": [
            {"id": k, "outlet": outlets[k], "title": f"t{k}", "url": None, "text": v}
            for k, v in texts.items()
        ],
        "facts": [
            {"statement": s, "n_sources": len({x["article_id"] for x in sp}), "support": sp}
            for s, sp in facts
        ],
        "quotes": [{"speaker": who, "variants": [{"text": t, "support": sp}]} for who, t, sp in quotes],
        "divergences": [
            {"about": about, "positions": [{"support": sp} for sp in spans]} for about, spans in divergences
        ],
        "timeline": [{"date": d, "text": t, "support": sp} for d, t, sp in timeline],
    }


def test_diff_of_hand_made_briefs_lists_each_kind_with_the_new_spans() -> None:
    cracks = [_span("a", 21, 34), _span("b", 13, 26)]
    old = _brief(
        OLD_TEXT,
        facts=[("Cracks found.", cracks), ("Mayor closes bridge.", [_span("a", 0, 20)])],
        divergences=[("cost", [[_span("a", 47, 60)], [_span("b", 0, 12)]])],
    )
    new = _brief(
        NEW_TEXT,
        facts=[
            ("Cracks found.", [*cracks, _span("c", 0, 23)]),  # now three sources
            ("Mayor closes bridge.", [_span("a", 0, 20)]),  # unchanged
            ("Repairs cost 4 million.", [_span("c", 24, 47)]),  # new
        ],
        quotes=[("Mayor", "we will reopen", [_span("c", 55, 69)])],
        divergences=[("repair cost", [[_span("c", 24, 47)], [_span("a", 35, 46)]])],
        timeline=[("2026-03-01", "Cracks found on Sunday.", [_span("c", 0, 23)])],
        headline="Bridge shut for repairs",
    )
    diff = diff_briefs(old, new, 1, 2)
    kinds = [c.kind for c in diff.changes]
    expected = [
        "article",
        "outlet",
        "headline",
        "fact",
        "more_sources",
        "quote",
        "divergence",
        "resolved",
        "timeline",
    ]
    assert sorted(kinds) == sorted(expected)
    (more,) = diff.of("more_sources")
    assert more.detail == "2 -> 3 sources" and [s.text for s in more.spans] == ["Cracks found on Sunday."]
    assert {s.article_id for s in more.context} == {"a", "b"}
    (fact,) = diff.of("fact")
    assert fact.text == "Repairs cost 4 million." and [s.text for s in fact.spans] == [
        "Repairs cost 4 million."
    ]
    assert diff.of("quote")[0].spans[0].text == "we will reopen"
    assert diff.of("resolved")[0].text == "cost" and not diff.of("resolved")[0].spans
    assert diff.of("outlet")[0].text == "Wire"
    # every span a change says is new lies in the new article
    assert all(s.article_id == "c" for c in diff.changes for s in c.spans)
    text = format_diff(diff)
    assert "Facts now reported by more sources (1):" in text and "c[24:47]" in text
    assert diff_briefs(new, new).changes == ()  # the same brief twice: nothing changed


def test_versions_are_recorded_once_per_key_and_found_by_time(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    Store.open(db).close()
    brief = json.dumps({"story": {"id": "s9"}, "articles": [{"id": "x"}]})
    with HistoryTable(db) as history:
        first = history.record("s9", brief, "k1")
        assert history.record("s9", brief, "k1") is None  # the same key again: no new version
        second = history.record("s9", brief.replace("x", "y"), "k2")
        assert first is not None and second is not None and (first.version, second.version) == (1, 2)
        assert history.brief_json("s9", 2) == brief.replace("x", "y")
        assert history.at("s9", "2999-01-01T00:00:00.000Z").version == 2
        assert history.at("s9", "1999-01-01T00:00:00.000Z") is None
        assert history.find("s") == ["s9"] and history.find("s%") == []
        assert [v.version for v in history.updated_since("1999-01-01")] == [2]


def test_parse_when() -> None:
    assert parse_when("2026-03-02") == "2026-03-02T00:00:00.000Z"
    assert parse_when("2026-03-02T10:30:00+02:00") == "2026-03-02T08:30:00.000Z"
    assert parse_when("2h", now=7200.0) == "1970-01-01T00:00:00.000Z"
    for bad in ("yesterday-ish", "99999999999d"):
        with pytest.raises(ValueError):
            parse_when(bad)
