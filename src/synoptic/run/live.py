"""Adding documents to a live store: clean and store them, extend the stories, brief the stories they
joined. The web app's Add form calls this; so can any program that keeps a store current."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from synoptic.model import Problem, RawDocument
from synoptic.run.briefs import write_briefs
from synoptic.run.ingest import ingest_documents
from synoptic.run.runner import LocalRunner, Runner
from synoptic.settings import Settings
from synoptic.store import Store

Progress = Callable[[float, str], None]


@dataclass
class AddReport:
    """Where each new article went, and what could not be used."""

    placed: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _quiet(_fraction: float, _stage: str) -> None:
    pass


def add_documents(
    store: Store,
    documents: Sequence[RawDocument],
    problems: Sequence[Problem],
    settings: Settings,
    runner: Runner | None = None,
    progress: Progress = _quiet,
) -> AddReport:
    """Clean, store and cluster documents; then brief every story they joined (stored under its key)."""
    from synoptic.cluster import cluster_store

    runner = runner or LocalRunner()
    report = AddReport()
    if not documents:
        report.problems.extend(problems)
        progress(1.0, "nothing to add")
        return report
    progress(0.3, f"cleaning and storing {len(documents)} document(s)")
    ingested = ingest_documents(store, documents, problems, settings, runner)
    report.problems.extend(ingested.problems)
    progress(0.65, "grouping into stories")
    assignments = {a.article_id: a for a in cluster_store(store, settings)}
    articles = {a.id: a for a in store.articles(list(ingested.article_ids))}
    story_ids: list[str] = []
    for read in ingested.read:
        article = articles.get(read.article_id)
        story_id = store.story_of(read.article_id)
        row = store.story(story_id) if story_id else None
        assignment = assignments.get(read.article_id)
        report.placed.append(
            {
                "article_id": read.article_id,
                "label": article.label if article else read.source,
                "title": article.title if article else None,
                "already_stored": not read.new,
                "story_id": story_id,
                "story_label": row.label if row else None,
                "new_story": bool(assignment and assignment.new_story),
            }
        )
        if story_id and story_id not in story_ids:
            story_ids.append(story_id)

    def briefed(done: int, total: int) -> None:
        progress(0.7 + 0.3 * done / max(1, total), f"writing brief {done} of {total}")

    briefs = write_briefs(store, settings, runner, story_ids=story_ids, min_articles=1, progress=briefed)
    report.problems.extend(briefs.problems)
    progress(1.0, "done")
    return report
