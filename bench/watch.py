"""Time one watch round over many local feeds, then a second round with nothing new.

A local HTTP server (tests/watch_site.py, threads of this process) serves F feeds of N items each and
every item's article page; the articles are made up from templates, S stories told by N*F/S outlets.
Prints a Markdown table: round, feeds, requests (conditional), pages fetched, new articles, stories
updated, briefs written, seconds, peak RSS MB of the process so far.

Usage: .venv/bin/python bench/watch.py [--feeds 50] [--items 20] [--stories 100] [--briefs]
Without --briefs the round stops after clustering (min_articles set out of reach): briefing hundreds of
stories is `bench/brief.py`'s business and would swamp the watcher's own cost.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from watch_site import RSS_TYPE, LocalSite, Route, page, rss, serve

CITIES = ["Eastport", "Brookfield", "Marlow", "Kestrel Bay", "Ashford", "Pinecrest", "Dunmore", "Halvik"]
EVENTS = [
    ("bridge", "closed", "after inspectors found cracks in its supports"),
    ("factory", "shut down", "after a chemical leak was reported by workers"),
    ("school", "evacuated", "after a gas smell was reported in a classroom"),
    ("airport", "halted flights", "after a power failure hit the control tower"),
    ("hospital", "opened a new wing", "after three years of building work"),
    ("harbor", "closed to ships", "after a storm damaged two piers"),
    ("stadium", "was sold", "after months of talks between the club and the city"),
    ("library", "reopened", "after a fire gutted its reading rooms last year"),
]
FIRST = ["Dana", "Marco", "Ruth", "Iris", "Tomas", "Lena", "Omar", "Petra", "Felix", "Nadia"]
LAST = ["Whitlock", "Lindqvist", "Okafor", "Brandt", "Soler", "Achebe", "Novak", "Hale", "Moreau", "Quist"]


def _story(rng: random.Random, number: int) -> tuple[str, list[str]]:
    city = rng.choice(CITIES)
    thing, did, why = EVENTS[number % len(EVENTS)]
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    count = rng.randint(12, 900) * 10
    weeks = rng.randint(2, 9)
    cost = rng.randint(2, 40)
    title = f"{city} {thing} {did} {why.split(' after ')[0]}".strip()
    sentences = [
        f"The {city} {thing} {did} on Monday {why}.",
        f"Officials said about {count} people were affected by the decision.",
        f"{who}, who leads the city's works department, said the work would take {weeks} weeks.",
        f'"We will not take risks with anyone\'s safety," {who.split()[1]} said.',
        f"The repairs are expected to cost about {cost} million dollars, according to the council.",
        f"Residents of {city} were told to follow updates from the council.",
        f"It was the second such case in {city} this year, local records show.",
        f"A full report on the {thing} is due within {weeks + 2} weeks.",
    ]
    return f"{title} (story {number})", sentences


def build_site(feeds: int, items: int, stories: int, seed: int = 7) -> tuple[LocalSite, list[str]]:
    """Feeds and pages; item i of feed f is story (f * items + i) % stories as told by outlet f."""
    rng = random.Random(seed)
    site = LocalSite()
    serve(site)
    told = [_story(rng, n) for n in range(stories)]
    urls: list[str] = []
    for f in range(feeds):
        outlet = f"Outlet {f:02d} News"
        entries = []
        for i in range(items):
            number = (f * items + i) % stories
            title, sentences = told[number]
            chosen = sorted(rng.sample(range(len(sentences)), 6))
            paragraphs = [sentences[c] for c in chosen]
            paragraphs[0] = f"{title.split()[0].upper()} ({outlet}) - {paragraphs[0]}"  # a dateline
            path = f"/o{f}/story-{number}.html"
            site.routes[path] = Route(page(title, outlet, paragraphs, "2026-03-02T10:00:00Z"))
            entries.append((title, site.url(path), "Mon, 02 Mar 2026 10:00:00 GMT"))
        site.routes[f"/o{f}/feed.xml"] = Route(rss(outlet, entries), RSS_TYPE)
        urls.append(site.url(f"/o{f}/feed.xml"))
    return site, urls


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--briefs", action="store_true", help="brief stories of 2+ articles as well")
    parser.add_argument("--warm-cache", action="store_true", help="use SYNOPTIC_HOME's embedding cache")
    args = parser.parse_args()

    from synoptic.settings import Settings
    from synoptic.store import Store
    from synoptic.watch import PollRules, Source, WatchConfig, poll_round

    site, urls = build_site(args.feeds, args.items, args.stories)
    rules = PollRules(host_delay_s=0.0, timeout_s=10.0, allow_hosts=frozenset({"127.0.0.1"}))
    config = WatchConfig(rules=rules, max_entries=args.items, min_articles=2 if args.briefs else 10**9)
    settings = Settings()  # the models from SYNOPTIC_HOME / SYNOPTIC_MODELS
    sources = [Source(u) for u in urls]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "news.sqlite") as store:
        if not args.warm_cache:  # a cold embedding cache, as a new installation has
            settings = replace(settings, cache_path=str(Path(tmp) / "cache.sqlite"))
        for label in ("first", "nothing new"):
            site.clear()
            start = time.perf_counter()
            report = poll_round(store, sources, settings, config)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rows.append((label, report, len(site.hits), seconds, peak))
            print(f"{label}: {report.summary()}; seconds {report.seconds}", file=sys.stderr)
    print(
        "| round | feeds | requests (conditional) | served | pages | new articles | stories updated "
        "| briefs | seconds | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, r, served, seconds, peak in rows:
        print(
            f"| {label} | {r.feeds} | {r.requests} ({r.conditional}) | {served} | {r.pages_fetched} "
            f"| {r.new_articles} | {r.stories_updated} | {r.briefs_written} | {seconds:.1f} | {peak:.0f} |"
        )


if __name__ == "__main__":
    main()
