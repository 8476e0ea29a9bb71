"""One watch round: poll every source, fetch the pages not seen before, ingest what is new, cluster it
into the store's stories, rebrief the stories that changed and keep each brief as a version.

A round with nothing new costs one conditional request per feed and nothing else: no page is fetched
twice (seen addresses live in the store), nothing is cleaned, and no brief is rebuilt. Feed state
(validators, failure streak) is saved only after the round's articles are stored, so a round killed
half-way is redone rather than lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from synoptic.errors import problem
from synoptic.model import Problem, RawDocument
from synoptic.run.remote import document_from_page
from synoptic.run.runner import LocalRunner, Runner
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.store.feeds import FeedState, FeedTable
from synoptic.watch.feedlist import Source
from synoptic.watch.http import Poller, PollError, PollRules, Reply
from synoptic.watch.pages import canonical_url, normalize_url, text_key

Progress = Callable[[str], None]
_XML_TYPES = ("xml", "rss", "atom")
_GONE = {"404", "410"}  # a page the server says is not there; other failures are retried next round


@dataclass(frozen=True)
class WatchConfig:
    """How the watcher polls and what it rebriefs; the CLI fills it from flags and Settings."""

    rules: PollRules = field(default_factory=PollRules)
    backoff_base_s: float = 60.0  # first wait after a failure; doubles with each failure in a row
    backoff_max_s: float = 6 * 3600.0
    max_entries: int = 50  # newest entries of a feed looked at per round
    min_articles: int = 2  # stories with fewer articles are clustered but not briefed


@dataclass
class RoundReport:
    feeds: int = 0
    not_modified: int = 0  # feeds that answered 304
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    deferred: list[str] = field(default_factory=list)  # in backoff, not polled this round
    pages_fetched: int = 0
    duplicates: int = 0  # pages that were an article already stored
    new_articles: int = 0
    stories_updated: int = 0  # stories that gained an article
    briefs_written: int = 0
    versions: int = 0
    requests: int = 0
    conditional: int = 0
    problems: list[Problem] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)  # stories that gained an article
    article_ids: list[str] = field(default_factory=list)  # articles stored by this round
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of poll, ingest, cluster, briefs

    def summary(self) -> str:
        """The round in one line: '3 feeds, 41 new articles, 6 stories updated, 1 feed failed: 503'."""

        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        parts = [
            count(self.feeds, "feed", "feeds"),
            count(self.new_articles, "new article", "new articles"),
            count(self.stories_updated, "story updated", "stories updated"),
        ]
        if self.failed:
            reasons = ", ".join(dict.fromkeys(reason for _url, reason in self.failed))
            parts.append(f"{count(len(self.failed), 'feed', 'feeds')} failed: {reasons}")
        if self.deferred:
            parts.append(f"{count(len(self.deferred), 'feed', 'feeds')} waiting (backoff)")
        return ", ".join(parts)


def _is_feed(reply: Reply) -> bool:
    if "html" in reply.content_type:
        return False
    if any(t in reply.content_type for t in _XML_TYPES):
        return True
    start = reply.body[:512].lstrip().lower()
    return start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start


@dataclass
class _Pending:
    """A page fetched this round, waiting to be ingested; `keys` are marked seen once it is stored."""

    doc: RawDocument
    keys: list[str]
    feed_url: str


class _Round:
    def __init__(self, store: Store, table: FeedTable, config: WatchConfig, progress: Progress) -> None:
        self.store = store
        self.table = table
        self.config = config
        self.poller = Poller(config.rules)
        self.progress = progress
        self.report = RoundReport()
        self.pending: list[_Pending] = []
        self.taken: dict[str, str | None] = {}  # keys seen in earlier rounds -> article id (or None)
        self.owner: dict[str, _Pending] = {}  # keys taken this round -> the page that took them
        self.states: list[FeedState] = []
        self.marks: list[tuple[str, str | None, str]] = []

    def _known(self, keys: Sequence[str]) -> bool:
        fresh = [k for k in keys if k not in self.taken and k not in self.owner]
        self.taken.update(self.table.seen(fresh))
        return any(k in self.taken or k in self.owner for k in keys)

    def _fail(self, state: FeedState, error: PollError, now: float) -> None:
        failures = state.failures + 1
        wait = min(self.config.backoff_max_s, self.config.backoff_base_s * 2 ** (failures - 1))
        wait = max(wait, error.retry_after_s or 0.0)
        self.states.append(replace(state, failures=failures, next_try=now + wait, last_status=error.reason))
        self.report.failed.append((state.url, error.reason))
        self.report.problems.append(problem(error.code, state.url, str(error)))

    def poll(self, source: Source) -> None:
        state = self.table.state(source.url)
        now = time.time()
        if state.next_try > now:
            self.report.deferred.append(source.url)
            self.progress(f"  {source.url}: waiting {state.next_try - now:.0f} s more (backoff)")
            return
        self.report.feeds += 1
        if self._known([normalize_url(source.url)]):  # an article page listed by itself, taken before
            self.report.not_modified += 1
            return
        try:
            reply = self.poller.get(source.url, state.etag, state.last_modified)
        except PollError as exc:
            self._fail(state, exc, now)
            self.progress(f"  {source.url}: failed: {exc.reason}")
            return
        if reply.not_modified:
            self.report.not_modified += 1
            self.states.append(replace(state, failures=0, next_try=0.0, last_status="304"))
            self.progress(f"  {source.url}: not modified")
            return
        if _is_feed(reply):
            complete = self._entries(source, reply, now, state)
            if complete is None:
                return
        else:
            complete = self._page(source, normalize_url(source.url), reply, None)
        validators = (reply.etag, reply.last_modified) if complete else (state.etag, state.last_modified)
        self.states.append(
            replace(
                state,
                etag=validators[0],
                last_modified=validators[1],
                failures=0,
                next_try=0.0,
                last_status=str(reply.status),
            )
        )

    def _entries(self, source: Source, reply: Reply, now: float, state: FeedState) -> bool | None:
        """Fetch the feed's unseen entries; True when every one was handled, None when the feed failed."""
        import feedparser

        from synoptic.ingest import read_feed

        parsed = feedparser.parse(reply.body)
        if not parsed.entries:
            detail = str(parsed.get("bozo_exception") or "no entries")
            code = "E_FEED_XML" if parsed.get("bozo") else "E_UNSUPPORTED"
            reason = "malformed XML" if parsed.get("bozo") else "no entries"
            self._fail(state, PollError(code, reason, f"{source.url}: {detail}"), now)
            self.progress(f"  {source.url}: failed: {reason}")
            return None
        if parsed.get("bozo"):
            detail = f"read leniently: {parsed.get('bozo_exception')}"
            self.report.problems.append(problem("E_FEED_XML", source.url, detail))
        entries, trouble = read_feed(reply.body, source.url)
        self.report.problems.extend(trouble)
        complete = True
        new = 0
        for entry in entries[: self.config.max_entries]:
            address = urljoin(reply.url, entry.url) if entry.url else None  # links may be relative
            link = normalize_url(address) if address else None
            key = link or f"entry:{entry.source}"
            if self._known([key]):
                continue
            new += 1
            if link is None:  # an entry with no page: its own text is the article
                self._take(entry, [key], source)
                continue
            try:
                page = self.poller.get(address or link)
            except PollError as exc:
                self.report.problems.append(problem(exc.code, address or link, str(exc)))
                if exc.reason in _GONE:  # asking again will not help: remembered as giving nothing
                    self.marks.append((key, None, source.url))
                    self.taken[key] = None
                else:
                    complete = False
                continue
            complete = self._page(source, key, page, entry) and complete
        self.progress(f"  {source.url}: {len(entries)} entries, {new} not seen before")
        return complete

    def _page(self, source: Source, key: str, page: Reply, entry: RawDocument | None) -> bool:
        """Queue a fetched page unless it is an article already taken; True when it was handled."""
        self.report.pages_fetched += 1
        doc, trouble = document_from_page(page.url, page.content_type, page.body)
        self.report.problems.extend(trouble)
        if doc is None:
            self.marks.append((key, None, source.url))
            return True
        canonical = canonical_url(page.body, page.url)
        address = canonical or page.url
        keys = list(dict.fromkeys([key, normalize_url(page.url), normalize_url(address), text_key(doc.text)]))
        if self._known(keys):
            self.report.duplicates += 1
            first = next((self.owner[k] for k in keys if k in self.owner), None)
            if first is not None:  # the same article twice in this round: its keys are marked with it
                first.keys.extend(k for k in keys if k not in first.keys)
                for k in keys:
                    self.owner.setdefault(k, first)
                return True
            seen_as = next((self.taken[k] for k in keys if self.taken.get(k)), None)
            self.marks.extend((k, seen_as, source.url) for k in keys if k not in self.taken)
            return True
        feed_outlet = entry.outlet if entry is not None else None
        doc = replace(
            doc,
            source=address,
            url=address,
            outlet=source.outlet or doc.outlet or feed_outlet,
            title=doc.title or (entry.title if entry else None),
            published=doc.published or (entry.published if entry else None),
        )
        self._take(doc, keys, source)
        return True

    def _take(self, doc: RawDocument, keys: list[str], source: Source) -> None:
        if source.outlet and not doc.outlet:
            doc = replace(doc, outlet=source.outlet)
        item = _Pending(doc, keys, source.url)
        for k in keys:
            self.owner[k] = item
        self.pending.append(item)


def poll_round(
    store: Store,
    sources: Sequence[Source],
    settings: Settings,
    config: WatchConfig | None = None,
    runner: Runner | None = None,
    progress: Progress | None = None,
) -> RoundReport:
    """Poll, ingest, cluster, rebrief and record versions; a failing source never stops the round."""
    from synoptic.cluster import cluster_store
    from synoptic.history import record_briefs
    from synoptic.run import ingest_documents, write_briefs

    config = config or WatchConfig()
    say = progress or (lambda _line: None)
    runner = runner or LocalRunner()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 3)
        clock = now

    with FeedTable(store.path) as table:
        work = _Round(store, table, config, say)
        report = work.report
        with work.poller:
            for source in sources:
                work.poll(source)
        lap("poll")
        report.requests = work.poller.counts.requests
        report.conditional = work.poller.counts.conditional
        if work.pending:
            say(f"  ingesting {len(work.pending)} page(s)")
            docs = [p.doc for p in work.pending]
            ingested = ingest_documents(store, docs, [], settings, runner)
            report.problems.extend(ingested.problems)
            by_source = {r.source: r for r in ingested.read}
            for item in work.pending:
                read = by_source.get(item.doc.source)
                work.marks.extend((k, read.article_id if read else None, item.feed_url) for k in item.keys)
                if read is not None and read.new:
                    report.article_ids.append(read.article_id)
                elif read is not None:
                    report.duplicates += 1
        table.mark(work.marks)
        lap("ingest")
        report.new_articles = len(report.article_ids)
        if report.article_ids:
            say(f"  clustering {report.new_articles} new article(s)")
            cluster_store(store, settings)
            lap("cluster")
            changed = [store.story_of(a) for a in report.article_ids]
            report.story_ids = [s for s in dict.fromkeys(changed) if s]
            report.stories_updated = len(report.story_ids)
            rows = [store.story(s) for s in report.story_ids]
            todo = [r.id for r in rows if r is not None and r.article_count >= config.min_articles]
            if todo:
                say(f"  briefing {len(todo)} stor{'y' if len(todo) == 1 else 'ies'}")
                briefs = write_briefs(store, settings, runner, story_ids=todo, min_articles=1)
                report.briefs_written = briefs.written
                report.problems.extend(briefs.problems)
                report.versions = len(record_briefs(store, briefs.story_ids))
                lap("briefs")
        for state in work.states:
            table.save(state)
    return report
