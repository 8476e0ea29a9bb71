"""The ingest job: sources -> cleaning batches -> (runner) cleaned articles -> the store, a batch per
transaction. A run killed at any moment and run again leaves exactly one copy of every article (ids
are content hashes and the batches depend on the input alone); only the driver writes the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from synoptic.model import Problem, RawDocument
from synoptic.run.batches import Batch, plan_documents, plan_jsonl, plan_paths
from synoptic.run.fetch import FetchLimits
from synoptic.run.remote import read_remote
from synoptic.run.runner import LocalRunner, Runner
from synoptic.run.tasks import Cleaned, clean_batch
from synoptic.settings import Settings
from synoptic.store import Store


@dataclass(frozen=True, slots=True)  # one per article of a run: kept small, a 50k-line file keeps 50k
class ReadArticle:
    """One article a run read: where from, its id, and the JSONL record's own id when it had one."""

    source: str
    article_id: str
    record_id: str | None = None
    new: bool = False  # stored by this run (False: it was in the store already)


@dataclass(frozen=True)
class IngestReport:
    run_id: str
    files: int
    added: int
    present: int
    problems: tuple[Problem, ...]
    read: tuple[ReadArticle, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The source of every article read, for the run report."""
        return tuple(r.source for r in self.read)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(r.article_id for r in self.read)


def store_batches(store: Store, batches: Iterable[Batch], settings: Settings, runner: Runner) -> IngestReport:
    """Clean every batch on the runner and store each as it comes back, in the batches' order."""
    run_id = uuid.uuid4().hex[:12]
    store.start_run(run_id, "ingest")
    files = added = present = 0
    problems: list[Problem] = []
    read: list[ReadArticle] = []

    streamed: set[str] = set()

    def counted(items: Iterable[Batch]) -> Iterable[Batch]:
        nonlocal files
        for batch in items:
            files += batch.files + (bool(batch.jsonl_path) and batch.jsonl_path not in streamed)
            streamed.add(batch.jsonl_path)
            yield batch

    for result in runner.map(clean_batch, settings, counted(batches)):
        stored = store.add_articles(result.articles) if result.articles else None
        if stored is not None:
            added += len(stored.added)
            present += len(stored.present)
        read.extend(_read_articles(result, set(stored.added) if stored else set()))
        problems.extend(result.problems)
        store.record_problems(run_id, result.problems)
    store.finish_run(run_id, read=added + present, failed=len(problems))
    return IngestReport(run_id, files, added, present, tuple(problems), tuple(read))


def _read_articles(result: Cleaned, added: set[str]) -> list[ReadArticle]:
    ids = dict(result.record_ids)
    return [ReadArticle(a.source, a.id, ids.get(a.source), a.id in added) for a in result.articles]


def ingest_sources(
    store: Store,
    paths: Sequence[str | Path],
    settings: Settings,
    runner: Runner | None = None,
    urls: Sequence[str] = (),
    feeds: Sequence[str] = (),
    rules: FetchLimits | None = None,
    jsonl: Sequence[str | Path] = (),
) -> IngestReport:
    """Read, clean and store files, folders, JSONL, HTML, WARC, web pages and feeds; `jsonl` files are
    read as JSONL whatever their names.

    Pages and feeds are fetched on the driver through the SSRF guard (`rules`, default: public
    addresses only) and cleaned as one more group after the files.
    """
    runner = runner or LocalRunner()
    batches: list[Iterable[Batch]] = [plan_paths(paths, settings), *(plan_jsonl(p, settings) for p in jsonl)]
    if urls or feeds:
        docs, trouble = read_remote(urls, feeds, rules or FetchLimits())
        batches.append(plan_documents(docs, trouble, settings.max_articles_per_brief))
    return store_batches(store, (b for group in batches for b in group), settings, runner)


def ingest_documents(
    store: Store,
    documents: Sequence[RawDocument],
    problems: Sequence[Problem],
    settings: Settings,
    runner: Runner | None = None,
) -> IngestReport:
    """Documents already read (the web app's uploads, pasted text and fetched pages), cleaned together."""
    batches = plan_documents(documents, problems, settings.max_articles_per_brief)
    return store_batches(store, batches, settings, runner or LocalRunner())
