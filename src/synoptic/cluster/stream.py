"""Clustering the store (state and membership persisted together), and the raw Article of a gold
record for the clustering benchmarks. Reading JSONL for the store is `ingest.jsonl`'s (cleaned, through
`synoptic.run`); `article_from_record` keeps the benchmarks' uncleaned input as it was scored."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from synoptic.cluster.online import Assignment, cluster_articles
from synoptic.cluster.state import ClusterState
from synoptic.model import Article, Line, LineKind
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.store.sqlite import StateMoved

STATE_KEY = "cluster_state"
TOKEN_KEY = "cluster_state_token"  # changes with every saved state: a run checks it before saving


def article_from_record(record: dict, source: str) -> Article:
    """A minimal, uncleaned Article from {"id", "text", "title"?, "published"?|"date"?, "outlet"?, "url"?}
    (every line body): the clustering benchmarks' input, not the store's."""
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


def load_state(store: Store) -> ClusterState | None:
    blob = store.get_state(STATE_KEY)
    return ClusterState.from_bytes(blob) if blob else None


def cluster_store(
    store: Store, settings: Settings, before_write: Callable[[], None] | None = None
) -> list[Assignment]:
    """Cluster the stored articles that belong to no story yet, extending yesterday's stories.

    Optimistic: the state is read, the batch clustered, and the state saved only if no other run saved
    one meanwhile; otherwise the run starts again from the newer state (and only what is still pending),
    so concurrent runs and ingests give the partition of one run after the other. `before_write` is a
    test hook between clustering and saving.
    """
    while True:
        token = store.get_state(TOKEN_KEY)  # read first: a newer token than state only forces a retry
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
        if before_write is not None:
            before_write()
        blob = new_state.to_bytes()
        items = {STATE_KEY: blob, TOKEN_KEY: hashlib.sha256(blob).hexdigest().encode()}
        try:
            store.put_state(items, rows, expect={TOKEN_KEY: token})
        except StateMoved:
            continue
        return assignments
