"""Clustering from JSONL streams and from the store: reading records, persisting state and membership."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from synoptic.cluster.online import Assignment, cluster_articles
from synoptic.cluster.state import ClusterState
from synoptic.errors import problem
from synoptic.model import Article, Line, LineKind, Problem
from synoptic.settings import Settings
from synoptic.store import Store

STATE_KEY = "cluster_state"


@dataclass(frozen=True)
class JsonlRecord:
    """One usable JSONL line: the article built from it and the raw record (gold labels live there)."""

    article: Article
    record: dict


def article_from_record(record: dict, source: str) -> Article:
    """A minimal Article from {"id", "text", "title"?, "published"?|"date"?, "outlet"?, "url"?}."""
    text = str(record["text"])
    lines = tuple(
        Line(index=i, text=line, kind=LineKind.BODY, reason="jsonl")
        for i, line in enumerate(text.split("\n"))
    )

    def opt(*keys: str) -> str | None:
        for key in keys:
            value = record.get(key)
            if isinstance(value, str) and value:
                return value
        return None

    return Article(
        id=str(record["id"]),
        source=source,
        outlet=opt("outlet", "publisher"),
        url=opt("url"),
        published=opt("published", "date"),
        title=opt("title"),
        dek=None,
        lines=lines,
        text=text,
    )


def read_jsonl_records(path: str | Path) -> tuple[list[JsonlRecord], list[Problem]]:
    """Every line with an id and a text becomes a record; others become coded problems."""
    records: list[JsonlRecord] = []
    problems: list[Problem] = []
    source = str(path)
    try:
        handle = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
    except OSError as exc:
        return [], [problem("E_UNREADABLE", source, str(exc))]
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:  # deep nesting raises RecursionError
                problems.append(problem("E_JSONL_SYNTAX", source, str(exc), number))
                continue
            if (
                not isinstance(data, dict)
                or not isinstance(data.get("text"), str)
                or not isinstance(data.get("id"), str | int)
            ):
                problems.append(problem("E_JSONL_FIELDS", source, "needs a string text and an id", number))
                continue
            records.append(JsonlRecord(article_from_record(data, source), data))
    return records, problems


def load_state(store: Store) -> ClusterState | None:
    blob = store.get_state(STATE_KEY)
    return ClusterState.from_bytes(blob) if blob else None


def cluster_store(store: Store, settings: Settings) -> list[Assignment]:
    """Cluster the stored articles that belong to no story yet, extending yesterday's stories."""
    pending = store.articles(store.unassigned_article_ids())
    if not pending:
        return []
    state = load_state(store)
    assignments, new_state = cluster_articles(pending, settings, state)
    labels = dict(zip(new_state.story_ids, new_state.story_labels, strict=True))
    by_id = {a.id: a for a in pending}
    rows = [
        (a.article_id, a.story_id, labels[a.story_id], by_id[a.article_id].published) for a in assignments
    ]
    store.put_state({STATE_KEY: new_state.to_bytes()}, rows)
    return assignments
