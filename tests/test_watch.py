"""`synoptic watch` against a real HTTP server on 127.0.0.1 (reached only through --allow-host /
allow_hosts): conditional requests and 304s, errors as coded problems, backoff, duplicates caught
before ingest, a second round with nothing new that costs only conditional requests, SIGTERM; and the
history of a watched story that gained an outlet (`synoptic diff`, the API, the Atom feed), here so
that the rounds run once per test worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synoptic.cli import app
from synoptic.store import Store
from synoptic.store.feeds import FeedTable
from synoptic.watch import (
    Poller,
    PollError,
    PollRules,
    Source,
    WatchConfig,
    parse_every,
    parse_feed_list,
    poll_round,
)
from synoptic.watch.pages import canonical_url, normalize_url
from watch_rounds import run_rounds
from watch_site import RSS_TYPE, LocalSite, Route, http_date, rss, serve

LOOPBACK = frozenset({"127.0.0.1"})


@pytest.fixture(scope="module")
def site() -> LocalSite:
    site = LocalSite()
    server = serve(site)
    yield site
    server.shutdown()


@pytest.fixture(scope="module")
def rounds(settings, tmp_path_factory):
    return run_rounds(settings, tmp_path_factory.mktemp("watch"))


def _poller(**rules) -> Poller:
    return Poller(PollRules(**{"host_delay_s": 0.0, "timeout_s": 1.0, "allow_hosts": LOOPBACK, **rules}))


# -- the poller -------------------------------------------------------------------------------------


def test_etag_and_last_modified_give_304_and_are_counted(site: LocalSite) -> None:
    site.routes["/p/etag"] = Route(b"<html><body><p>one</p></body></html>")
    stamp = http_date(1_772_000_000)
    site.routes["/p/dated"] = Route(b"<html><body><p>two</p></body></html>", etag=False, last_modified=stamp)
    poller = _poller()
    first = poller.get(site.url("/p/etag"))
    dated = poller.get(site.url("/p/dated"))
    assert first.status == 200 and first.etag and dated.last_modified == stamp and dated.etag is None
    again = poller.get(site.url("/p/etag"), etag=first.etag)
    dated_again = poller.get(site.url("/p/dated"), last_modified=dated.last_modified)
    assert again.not_modified and dated_again.not_modified and again.body == b""
    assert (poller.counts.requests, poller.counts.conditional, poller.counts.not_modified) == (4, 2, 2)
    site.routes["/p/etag"] = Route(b"<html><body><p>changed</p></body></html>")
    assert poller.get(site.url("/p/etag"), etag=first.etag).status == 200  # a changed page is sent whole


@pytest.mark.parametrize(
    ("route", "code", "reason"),
    [
        (Route(status=503, retry_after="120"), "E_FETCH", "503"),
        (Route(b"late", delay_s=2.5), "E_TIMEOUT", "timeout"),
        (Route(status=404), "E_FETCH", "404"),
    ],
)
def test_failures_are_coded(site: LocalSite, route: Route, code: str, reason: str) -> None:
    site.routes["/p/fail"] = route
    with pytest.raises(PollError) as caught:
        _poller().get(site.url("/p/fail"))
    assert (caught.value.code, caught.value.reason) == (code, reason)
    if route.retry_after:
        assert caught.value.retry_after_s == 120.0


def test_redirect_loop_and_redirect_chains(site: LocalSite) -> None:
    site.routes["/r/a"] = Route(status=301, location="/r/b")
    site.routes["/r/b"] = Route(status=302, location="/r/a")
    with pytest.raises(PollError) as caught:
        _poller().get(site.url("/r/a"))
    assert caught.value.code == "E_REDIRECT_LOOP"
    for n in range(4):  # a chain without a loop, longer than allowed
        site.routes[f"/r/chain{n}"] = Route(status=307, location=f"/r/chain{n + 1}")
    site.routes["/r/chain4"] = Route(b"end")
    with pytest.raises(PollError) as chain:
        _poller(max_redirects=2).get(site.url("/r/chain0"))
    assert chain.value.code == "E_REDIRECT_LOOP"
    reply = _poller(max_redirects=5).get(site.url("/r/chain0"))
    assert reply.body == b"end" and reply.url.endswith("/r/chain4")


def test_the_ssrf_guard_is_lifted_for_the_allowed_hosts_only(site: LocalSite) -> None:
    site.routes["/g/page"] = Route(b"hello")
    with pytest.raises(PollError) as refused:
        _poller(allow_hosts=frozenset()).get(site.url("/g/page"))
    assert refused.value.reason == "refused" and "non-public" in str(refused.value)
    # allowing 127.0.0.1 by name does not allow another name for the same address
    with pytest.raises(PollError):
        _poller().get(f"http://localhost:{site.port}/g/page")
    # nor does a redirect from an allowed host reach one that is not
    site.routes["/g/out"] = Route(status=302, location=f"http://localhost:{site.port}/g/page")
    with pytest.raises(PollError) as hop:
        _poller().get(site.url("/g/out"))
    assert hop.value.reason == "refused"
    assert _poller().get(site.url("/g/page")).body == b"hello"


def test_requests_to_one_host_are_spaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from synoptic.watch import http

    waits: list[float] = []
    monkeypatch.setattr(http.time, "sleep", waits.append)
    pacer = http.Pacer(5.0)
    pacer.wait("a.example")
    pacer.wait("b.example")
    pacer.wait("a.example")
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0  # only the second request to a.example waited


def test_feed_list_and_interval_parsing() -> None:
    text = (
        "# feeds\n\nhttps://a.example/rss.xml  Example Daily\nftp://b.example/x\nhttps://a.example/rss.xml\n"
    )
    sources, problems = parse_feed_list(text, "feeds.txt")
    assert sources == [Source("https://a.example/rss.xml", "Example Daily", 3)]
    assert [(p.code, p.line) for p in problems] == [("E_UNSUPPORTED", 4)]
    assert (parse_every("15m"), parse_every("90s"), parse_every("2h"), parse_every("30")) == (
        900,
        90,
        7200,
        30,
    )
    with pytest.raises(ValueError):
        parse_every("soon")


def test_page_keys() -> None:
    assert normalize_url("HTTP://Example.ORG:80/a?utm_source=x&id=3#top") == "http://example.org/a?id=3"
    body = b'<html><head><link href="/story/1" rel="canonical"></head></html>'
    assert canonical_url(body, "https://example.org/amp/1") == "https://example.org/story/1"
    og = b"<meta content='https://example.org/s/2' property='og:url'>"
    assert canonical_url(og, "https://example.org/x") == "https://example.org/s/2"
    assert canonical_url(b"<html></html>", "https://example.org/x") is None


# -- rounds over a store --------------------------------------------------------------------------------


def test_backoff_defers_a_failing_feed_and_honours_retry_after(
    site: LocalSite, tmp_path: Path, settings
) -> None:
    site.routes["/b/down.xml"] = Route(status=503)
    site.routes["/b/busy.xml"] = Route(status=503, retry_after="3600")
    config = WatchConfig(rules=PollRules(host_delay_s=0.0, allow_hosts=LOOPBACK), backoff_base_s=60.0)
    sources = [Source(site.url("/b/down.xml")), Source(site.url("/b/busy.xml"))]
    with Store.open(tmp_path / "s.sqlite") as store:
        first = poll_round(store, sources, settings, config)
        site.clear()
        second = poll_round(store, sources, settings, config)
        with FeedTable(store.path) as table:
            down, busy = table.state(sources[0].url), table.state(sources[1].url)
    assert first.summary() == "2 feeds, 0 new articles, 0 stories updated, 2 feeds failed: 503"
    assert {p.code for p in first.problems} == {"E_FETCH"}
    assert second.deferred == [s.url for s in sources] and second.requests == 0 and site.hits == []
    assert second.summary() == "0 feeds, 0 new articles, 0 stories updated, 2 feeds waiting (backoff)"
    assert down.failures == 1 and 50 < down.next_try - time.time() <= 60
    assert busy.next_try - time.time() > 3000  # the server asked for an hour


def test_first_round_reads_the_good_feeds_and_codes_every_failure(rounds) -> None:
    report = rounds.reports[0]
    assert report.summary() == (
        "6 feeds, 4 new articles, 2 stories updated, "
        "4 feeds failed: malformed XML, 503, timeout, redirect loop"
    )
    assert report.briefs_written == 2 and report.versions == 2 and rounds.versions_after[0] == 2
    codes = {p.code for p in report.problems}
    assert {"E_FEED_XML", "E_FETCH", "E_TIMEOUT", "E_REDIRECT_LOOP"} <= codes
    with Store.open(rounds.db) as store:
        articles = store.articles()[:4]  # those of the first round
    assert rounds.story_sizes_after[0] == [2, 2]  # the bridge and the fire
    assert {a.outlet for a in articles} == {
        "Eastport Herald",
        "Coastal Times",
        "Valley Gazette",
        "Northern Post",
    }
    assert all(a.url and a.url.startswith("http://127.0.0.1:") for a in articles)
    assert all(a.published and a.published.startswith("2026-03-0") for a in articles)


def test_second_round_with_nothing_new_makes_only_conditional_requests(rounds) -> None:
    report = rounds.reports[1]
    hits = rounds.hits[1]
    assert report.summary() == "2 feeds, 0 new articles, 0 stories updated"
    assert (report.requests, report.conditional, report.not_modified) == (2, 2, 2)
    assert len(hits) == 2 and all(h.conditional and h.status == 304 for h in hits)
    assert {bool(h.if_none_match) for h in hits} == {True, False}  # one by ETag, one by date only
    assert report.pages_fetched == 0 and report.new_articles == 0
    assert report.briefs_written == 0 and report.versions == 0
    assert rounds.articles_after[1] == rounds.articles_after[0]
    assert rounds.versions_after[1] == rounds.versions_after[0]


def test_third_round_takes_the_new_article_once_and_skips_duplicates(rounds) -> None:
    report = rounds.reports[2]
    paths = [h.path for h in rounds.hits[2]]
    assert report.summary() == "4 feeds, 1 new article, 1 story updated, 1 feed failed: malformed XML"
    assert report.failed == [(rounds.sources[2].url, "malformed XML")]
    assert report.duplicates == 2  # the mirror (same text) and the AMP page (canonical address)
    assert report.briefs_written == 1 and rounds.articles_after[2] == rounds.articles_after[0] + 1
    assert "/metro-wire" in paths and "/mirror/eastport-herald" in paths and "/amp/coastal-times" in paths
    # a page taken in an earlier round is never fetched again, whichever feed lists it
    assert "/eastport-herald" not in paths and "/valley-gazette" not in paths
    assert all(not h.conditional for h in rounds.hits[2] if h.path == "/down.xml")  # it never gave validators
    with Store.open(rounds.db) as store:
        (story,) = [s for s in store.list_stories() if s.article_count == 3]
    assert report.story_ids == [story.id] and story.outlet_count == 3


def test_watch_finishes_the_round_on_sigterm(site: LocalSite, tmp_path: Path) -> None:
    """SIGTERM while a request is in flight: the round completes (its summary is printed) and no second
    round starts. allow_hosts comes from the TOML settings file."""
    site.routes["/t/slow.xml"] = Route(rss("Slow", []), RSS_TYPE, status=503, delay_s=1.5)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# one slow feed\n{site.url('/t/slow.xml')}\n", encoding="utf-8")
    config = tmp_path / "synoptic.toml"
    config.write_text('[synoptic]\nallow_hosts = "127.0.0.1"\n', encoding="utf-8")
    site.clear()
    args = ["--feeds", str(feeds), "--db", str(tmp_path / "n.sqlite"), "--config", str(config)]
    command = [sys.executable, "-m", "synoptic", "watch", *args, "--every", "1h", "--host-delay", "0"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        assert site.received.wait(60), "the watcher never reached the server"
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert out.decode().strip() == "1 feed, 0 new articles, 0 stories updated, 1 feed failed: 503", err
    assert child.returncode == 1 and len(site.hits) == 1


def test_a_feed_whose_page_failed_keeps_no_validators_so_the_page_is_retried(
    site: LocalSite, tmp_path: Path, settings
) -> None:
    site.routes["/v/page.html"] = Route(status=500)
    site.routes["/v/gone.html"] = Route(status=404)
    date = "Mon, 02 Mar 2026 10:00:00 GMT"
    items = [("A page", site.url("/v/page.html"), date), ("Gone", "/v/gone.html", date)]  # a relative link
    site.routes["/v/feed.xml"] = Route(rss("V", items), RSS_TYPE)
    config = WatchConfig(rules=PollRules(host_delay_s=0.0, allow_hosts=LOOPBACK), backoff_base_s=0.0)
    sources = [Source(site.url("/v/feed.xml"))]
    with Store.open(tmp_path / "v.sqlite") as store:
        site.clear()
        first = poll_round(store, sources, settings, config)
        second = poll_round(store, sources, settings, config)
        with FeedTable(store.path) as table:
            state = table.state(sources[0].url)
            seen = table.seen_count()
    assert first.failed == [] and [p.code for p in first.problems] == ["E_FETCH", "E_FETCH"]
    assert state.etag is None and seen == 1  # only the page that is gone is remembered
    paths = [(h.path, h.conditional) for h in site.hits]
    feed, page, gone = ("/v/feed.xml", False), ("/v/page.html", False), ("/v/gone.html", False)
    assert paths == [feed, page, gone, feed, page]  # the failed page is asked again, the gone one not
    assert second.new_articles == 0 and store.path.exists()


# -- the history of a watched story: synoptic diff, the API and the Atom feed -----------------------


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
