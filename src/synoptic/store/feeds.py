"""What the watcher remembers between rounds, kept in the story store's own file: per feed its HTTP
validators and failure streak, and every URL (and page text) already taken, so a page is fetched once
and the same article at another address is one article.

The tables live beside the store's migrated schema (CREATE TABLE IF NOT EXISTS on a second connection
to the same WAL file): the watcher's state is its own, and a store that was never watched has none.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from synoptic.store.side_table import SideTable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_status TEXT,
    last_polled TEXT
);
CREATE TABLE IF NOT EXISTS watch_seen (
    key TEXT PRIMARY KEY,
    article_id TEXT,
    feed_url TEXT NOT NULL,
    seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)
"""


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_try: float = 0.0  # epoch seconds before which the feed is not polled (backoff)
    last_status: str | None = None
    last_polled: str | None = None


class FeedTable(SideTable):
    """Feed state and seen keys in the store file at `path`."""

    SCHEMA = _SCHEMA

    def state(self, url: str) -> FeedState:
        row = self._conn.execute(
            "SELECT url, etag, last_modified, failures, next_try, last_status, last_polled "
            "FROM watch_feeds WHERE url = ?",
            (url,),
        ).fetchone()
        return FeedState(*row) if row else FeedState(url)

    def states(self) -> list[FeedState]:
        rows = self._conn.execute(
            "SELECT url, etag, last_modified, failures, next_try, last_status, last_polled "
            "FROM watch_feeds ORDER BY url"
        ).fetchall()
        return [FeedState(*r) for r in rows]

    def save(self, state: FeedState) -> None:
        polled = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self._conn.execute(
            "INSERT INTO watch_feeds(url, etag, last_modified, failures, next_try, last_status, last_polled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, failures = excluded.failures, "
            "next_try = excluded.next_try, last_status = excluded.last_status, "
            "last_polled = excluded.last_polled",
            (
                state.url,
                state.etag,
                state.last_modified,
                state.failures,
                state.next_try,
                state.last_status,
                polled,
            ),
        )

    def seen(self, keys: Iterable[str]) -> dict[str, str | None]:
        """The keys already taken, each with the article it gave (None: it gave no article)."""
        found: dict[str, str | None] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, article_id in self._conn.execute(
                f"SELECT key, article_id FROM watch_seen WHERE key IN ({marks})", chunk
            ):
                found[key] = article_id
        return found

    def mark(self, rows: Iterable[tuple[str, str | None, str]]) -> None:
        """(key, article_id, feed_url) rows, in one transaction; a key seen before keeps its article."""
        batch = list(rows)
        if not batch:
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                "INSERT OR IGNORE INTO watch_seen(key, article_id, feed_url) VALUES (?, ?, ?)", batch
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def seen_count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM watch_seen").fetchone()[0]
