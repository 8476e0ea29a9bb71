"""Private test helper: three watch rounds over a local site, run once per test session and shared by
tests/test_watch.py and tests/test_history.py (each full round cleans, clusters and briefs for real).

Round 1: two good feeds (four articles, two stories), a malformed feed, a 503, a slow feed past the
timeout, a redirect loop. Round 2: the good feeds again, unchanged. Round 3: one good feed gained a new
outlet's article, a copy of a stored page at another address and a page whose canonical address is a
stored one; the 503 feed recovered and lists a page already taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from watch_articles import BRIDGE, FIRE
from watch_site import RSS_TYPE, Hit, LocalSite, Route, http_date, page, rss, serve

DATE = "Mon, 02 Mar 2026 10:00:00 GMT"


@dataclass
class Rounds:
    site: LocalSite
    db: Path
    sources: list
    reports: list = field(default_factory=list)
    hits: list[list[Hit]] = field(default_factory=list)
    articles_after: list[int] = field(default_factory=list)
    versions_after: list[int] = field(default_factory=list)
    story_sizes_after: list[list[int]] = field(default_factory=list)


_DONE: dict[str, Rounds] = {}


def _page(site: LocalSite, slug: str, story: dict, canonical: str | None = None, extra: str = "") -> Route:
    outlet, title, published, paragraphs = story[slug]
    return Route(page(title, outlet, [*paragraphs, *([extra] if extra else [])], published, canonical))


def _item(site: LocalSite, story: dict, slug: str, path: str | None = None) -> tuple[str, str, str]:
    return (story[slug][1], site.url(path or f"/{slug}"), DATE)


def build_site() -> LocalSite:
    site = LocalSite()
    serve(site)
    for story in (BRIDGE, FIRE):
        for slug in story:
            if slug != "metro-wire":
                site.routes[f"/{slug}"] = _page(site, slug, story)
    site.routes["/herald.xml"] = Route(
        rss("Eastport Herald", [_item(site, BRIDGE, "eastport-herald"), _item(site, FIRE, "valley-gazette")]),
        RSS_TYPE,
    )
    site.routes["/wire.xml"] = Route(  # validators by date only
        rss("The Wire", [_item(site, BRIDGE, "coastal-times"), _item(site, FIRE, "northern-post")]),
        RSS_TYPE,
        etag=False,
        last_modified=http_date(1_772_445_600),
    )
    site.routes["/broken.xml"] = Route(b"<?xml version='1.0'?><rss><channel>&&&<<</rss", RSS_TYPE)
    site.routes["/down.xml"] = Route(status=503)
    site.routes["/slow.xml"] = Route(rss("Slow", []), RSS_TYPE, delay_s=3.0)
    site.routes["/loop-a"] = Route(status=302, location="/loop-b")
    site.routes["/loop-b"] = Route(status=302, location="/loop-a")
    return site


def change_site(site: LocalSite) -> None:
    """What happened between round 2 and round 3."""
    site.routes["/metro-wire"] = _page(site, "metro-wire", BRIDGE)
    site.routes["/mirror/eastport-herald"] = site.routes["/eastport-herald"]
    site.routes["/amp/coastal-times"] = _page(
        site, "coastal-times", BRIDGE, canonical=site.url("/coastal-times"), extra="Read more on our app."
    )
    items = [
        _item(site, BRIDGE, "metro-wire"),
        _item(site, BRIDGE, "eastport-herald", "/mirror/eastport-herald"),
        _item(site, BRIDGE, "coastal-times", "/amp/coastal-times"),
        _item(site, BRIDGE, "eastport-herald"),
        _item(site, FIRE, "valley-gazette"),
    ]
    site.routes["/herald.xml"] = Route(rss("Eastport Herald", items), RSS_TYPE)
    site.routes["/down.xml"] = Route(rss("Recovered", [_item(site, BRIDGE, "eastport-herald")]), RSS_TYPE)


def watch_config():
    from synoptic.watch import PollRules, WatchConfig

    rules = PollRules(timeout_s=1.0, host_delay_s=0.0, allow_hosts=frozenset({"127.0.0.1"}))
    return WatchConfig(rules=rules, backoff_base_s=0.0, min_articles=2)


def run_rounds(settings, directory: Path) -> Rounds:
    """The three rounds, once per session."""
    if "rounds" in _DONE:
        return _DONE["rounds"]
    from synoptic.store import Store
    from synoptic.store.history import HistoryTable
    from synoptic.watch import Source, poll_round

    site = build_site()
    paths = ["/herald.xml", "/wire.xml", "/broken.xml", "/down.xml", "/slow.xml", "/loop-a"]
    sources = [Source(site.url(p)) for p in paths]
    done = Rounds(site, directory / "news.sqlite", sources)
    config = watch_config()
    plan = [sources, sources[:2], sources[:4]]
    with Store.open(done.db) as store:
        for number, chosen in enumerate(plan, start=1):
            if number == 3:
                change_site(site)
            site.clear()
            done.reports.append(poll_round(store, chosen, settings, config))
            done.hits.append(list(site.hits))
            done.articles_after.append(store.article_count())
            done.story_sizes_after.append(sorted(s.article_count for s in store.list_stories(limit=100)))
            with HistoryTable(done.db) as history:
                total = sum(len(history.versions(s.id)) for s in store.list_stories(limit=100))
            done.versions_after.append(total)
    _DONE["rounds"] = done
    return done
