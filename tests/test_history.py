"""Brief history: every rebrief a version (recorded once per key), and `synoptic diff` saying what a
new version added, by spans: on hand-made briefs for every kind of change, and on a story of the watch
rounds that gained an outlet (the diff lists exactly what the new article added)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synoptic.cli import app
from synoptic.history import diff_briefs, format_diff, parse_when
from synoptic.store import Store
from synoptic.store.history import HistoryTable
from watch_rounds import run_rounds

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


@pytest.fixture(scope="module")
def rounds(settings, tmp_path_factory):
    return run_rounds(settings, tmp_path_factory.mktemp("watch"))


def test_synoptic_diff_lists_exactly_what_the_new_outlet_added(rounds) -> None:
    story_id = rounds.reports[2].story_ids[0]
    new_id = rounds.reports[2].article_ids[0]
    with Store.open(rounds.db) as store:
        new_article = store.get_article(new_id)
        old_ids = set(store.story_article_ids(story_id)) - {new_id}
    runner = CliRunner()
    listed = runner.invoke(app, ["diff", story_id[:6], "--db", str(rounds.db), "--versions"])
    assert listed.exit_code == 0 and [line.split()[0] for line in listed.stdout.splitlines()] == ["v1", "v2"]
    result = runner.invoke(app, ["diff", story_id, "--db", str(rounds.db), "--format", "json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert (diff["old_version"], diff["new_version"]) == (1, 2)
    changes = diff["changes"]
    assert [c["detail"].split(";")[0] for c in changes if c["kind"] == "article"] == ["Metro Wire"]
    assert [c["text"] for c in changes if c["kind"] == "outlet"] == ["Metro Wire"]
    added = [c for c in changes if c["spans"]]
    assert added and any(c["kind"] in {"fact", "more_sources"} for c in added)
    for change in added:  # every new span is text of the new article, every older one of an older one
        assert {s["article_id"] for s in change["spans"]} == {new_id}
        assert all(new_article.text[s["start"] : s["end"]] == s["text"] for s in change["spans"])
        assert {s["article_id"] for s in change["context"]} <= old_ids
    quoted = " ".join(c["text"] for c in changes if c["kind"] in {"quote", "quote_sources"})
    assert "Okafor" in quoted or "Repairs will begin" in quoted  # the mayor's quote came with it
    text = runner.invoke(app, ["diff", story_id, "--db", str(rounds.db)])
    assert text.exit_code == 0 and "New outlets (1):\n  + Metro Wire" in text.stdout
    nothing = runner.invoke(app, ["diff", story_id, "--db", str(rounds.db), "--since", "2h", "--to", "1"])
    assert nothing.exit_code == 0 and "nothing -> v1" in nothing.stdout


def test_web_versions_diff_and_atom_feed(rounds, tmp_path: Path) -> None:
    import feedparser
    import httpx

    from synoptic.settings import Settings
    from synoptic.web import WebConfig, create_app
    from web_server import ThreadServer

    story_id = rounds.reports[2].story_ids[0]
    settings = Settings(home=str(tmp_path), db_path=str(rounds.db), cache_path=str(tmp_path / "c.sqlite"))
    with ThreadServer(create_app(settings, WebConfig(host="127.0.0.1"))) as live:
        versions = httpx.get(f"{live.url}/api/stories/{story_id}/versions").json()
        diff = httpx.get(f"{live.url}/api/stories/{story_id}/diff").json()
        missing = httpx.get(f"{live.url}/api/stories/{story_id}/diff", params={"from": 1, "to": 9})
        unknown = httpx.get(f"{live.url}/api/stories/nosuchstory/versions")
        feed = httpx.get(f"{live.url}/feed.xml")
    assert [v["version"] for v in versions["versions"]] == [1, 2]
    assert [v["article_count"] for v in versions["versions"]] == [2, 3]
    assert [c["text"] for c in diff["changes"] if c["kind"] == "outlet"] == ["Metro Wire"]
    assert missing.status_code == 404 and missing.json()["error"]["code"]
    assert unknown.status_code == 404
    assert feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo and len(parsed.entries) == 2  # one entry per story, its latest version
    first = parsed.entries[0]
    assert first.link.endswith(f"/stories/{story_id}")  # the story updated last comes first
    assert "version 2" in first.summary and "Metro Wire" in first.summary
