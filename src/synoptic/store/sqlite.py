"""The SQLite story store: WAL, busy retry, one transaction per write call, idempotent by article id."""

from __future__ import annotations

import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from synoptic.errors import StoreError
from synoptic.model import Article, Problem
from synoptic.settings import Settings
from synoptic.store.codec import ARTICLE_COLUMNS, article_row, decode_article
from synoptic.store.failures import guard_methods, store_error
from synoptic.store.schema import check_version, migrate

T = TypeVar("T")
_RETRIES = 60
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...]
    present: tuple[str, ...]


@dataclass(frozen=True)
class StoryRow:
    id: str
    label: str
    first_seen: str | None
    last_seen: str | None
    updated: str
    article_count: int
    outlet_count: int


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _assign_rows(conn: sqlite3.Connection, rows: Sequence[tuple[str, str, str, str | None]]) -> None:
    """Upsert stories and membership; first_seen/last_seen widen to cover every member date."""
    for article_id, story_id, label, published in rows:
        conn.execute(
            "INSERT INTO stories(id, label, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET "
            "first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen "
            "  WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
            "  THEN excluded.first_seen ELSE first_seen END, "
            "last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen "
            "  WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
            "  THEN excluded.last_seen ELSE last_seen END, "
            "label = CASE WHEN label = '' THEN excluded.label ELSE label END, "
            "updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (story_id, label, published, published),
        )
        conn.execute(
            "INSERT INTO story_members(article_id, story_id) VALUES (?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            (article_id, story_id),
        )


class StateMoved(StoreError):
    """The clustering state changed since it was read: cluster again from the new state."""

    def __init__(self, key: str) -> None:
        super().__init__(f"{key} changed while this run clustered", "E_STORE_MOVED")


@guard_methods
class Store:
    """One connection per Store; writes run in `BEGIN IMMEDIATE` transactions retried while busy."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None, settings: Settings | None = None) -> Store:
        """Open (creating and migrating) the store; default path is `Settings.resolved_db_path`."""
        target = Path(path) if path is not None else (settings or Settings()).resolved_db_path
        conn = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            folder = f"cannot create the folder {target.parent}: {exc.strerror or exc}"
            raise StoreError(folder, "E_STORE_OPEN", str(target)) from exc
        try:
            conn = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
            store = cls(conn, target)
            # a store already in WAL at the current schema is opened without taking the write lock, so a
            # reader never waits behind a writer's open transaction
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                store._retry(lambda: conn.execute("PRAGMA journal_mode=WAL"))
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            if check_version(conn):
                store._retry(lambda: migrate(conn))
            conn.execute("SELECT count(*) FROM articles WHERE 0").fetchone()  # a renamed table fails here
        except (sqlite3.Error, OSError, StoreError) as exc:
            if conn is not None:
                conn.close()
            raise store_error(exc, target) from exc
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------------------------
    def _retry(self, action: Callable[[], T]) -> T:
        """SQLITE_BUSY survives the connect timeout under heavy contention; back off and try again."""
        for attempt in range(_RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == _RETRIES - 1:
                    raise
                time.sleep(min(1.0, 0.02 * (attempt + 1)) * (1 + random.random()))
        raise AssertionError("unreachable")

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one immediate transaction: all of it lands, or none of it."""

        def attempt() -> T:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._conn)
                self._conn.execute("COMMIT")
                return result
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

        return self._retry(attempt)

    # -- articles -------------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Insert articles not yet stored, all in one transaction (so a file lands whole or not at all)."""
        batch = list(articles)

        def work(conn: sqlite3.Connection) -> AddResult:
            added: list[str] = []
            present: list[str] = []
            marks = ",".join("?" * len(ARTICLE_COLUMNS))
            for article in batch:
                cur = conn.execute(
                    f"INSERT OR IGNORE INTO articles({','.join(ARTICLE_COLUMNS)}) VALUES ({marks})",
                    article_row(article),
                )
                if cur.rowcount == 1:
                    conn.execute(
                        "INSERT INTO article_search(rowid, title, text) VALUES (?, ?, ?)",
                        (cur.lastrowid, article.title or "", article.text),
                    )
                    added.append(article.id)
                else:
                    present.append(article.id)
            return AddResult(added=tuple(added), present=tuple(present))

        return self._write(work)

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute(
            f"SELECT {','.join(ARTICLE_COLUMNS)} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return decode_article(row) if row else None

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles by id in the order asked (missing ids skipped); all, in insertion order, if None."""
        cols = ",".join(ARTICLE_COLUMNS)
        if ids is None:
            rows = self._conn.execute(f"SELECT {cols} FROM articles ORDER BY rowid").fetchall()
            return [decode_article(r) for r in rows]
        found: dict[str, Article] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT {cols} FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = decode_article(row)
        return [found[i] for i in ids if i in found]

    def article_count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def unassigned_article_ids(self) -> list[str]:
        """Articles not yet in any story, in the order they were stored."""
        rows = self._conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY a.rowid"
        ).fetchall()
        return [r[0] for r in rows]

    # -- stories --------------------------------------------------------------------------------
    def assign(self, article_id: str, story_id: str, label: str = "", published: str | None = None) -> None:
        """Put one article in one story (moving it if it was elsewhere); the story is created if new."""
        self.assign_many([(article_id, story_id, label, published)])

    def assign_many(self, rows: Sequence[tuple[str, str, str, str | None]]) -> None:
        """(article_id, story_id, label, published) rows in one transaction; first_seen/last_seen follow."""

        self._write(lambda conn: _assign_rows(conn, rows))

    def _story_rows(self, where: str, params: Sequence[object], limit: int, offset: int) -> list[StoryRow]:
        sql = (
            "SELECT s.id, s.label, s.first_seen, s.last_seen, s.updated, count(m.article_id), "
            "count(DISTINCT coalesce(a.outlet, a.source)) "
            "FROM stories s LEFT JOIN story_members m ON m.story_id = s.id "
            "LEFT JOIN articles a ON a.id = m.article_id "
            f"{where} GROUP BY s.id "
            "ORDER BY coalesce(s.last_seen, '') DESC, s.updated DESC, s.id LIMIT ? OFFSET ?"
        )
        rows = self._conn.execute(sql, [*params, limit, offset]).fetchall()
        return [StoryRow(*r) for r in rows]

    def list_stories(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """Stories newest first; `query` keeps those with an article matching every word of it."""
        words = _WORD.findall(query or "")
        if not words:
            return self._story_rows("", (), limit, offset)
        match = " AND ".join('"' + w.replace('"', "") + '"' for w in words)
        where = (
            "WHERE s.id IN (SELECT m2.story_id FROM story_members m2 "
            "JOIN articles a2 ON a2.id = m2.article_id "
            "WHERE a2.rowid IN (SELECT rowid FROM article_search WHERE article_search MATCH ?))"
        )
        return self._story_rows(where, (match,), limit, offset)

    def story(self, story_id: str) -> StoryRow | None:
        rows = self._story_rows("WHERE s.id = ?", (story_id,), 1, 0)
        return rows[0] if rows else None

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT m.article_id FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY coalesce(a.published, ''), a.rowid",
            (story_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    # -- briefs, problems, runs, state ----------------------------------------------------------
    def save_brief(self, story_id: str, json_text: str, settings_hash: str) -> None:
        self._write(
            lambda c: c.execute(
                "INSERT INTO briefs(story_id, json, settings_hash) VALUES (?, ?, ?) "
                "ON CONFLICT(story_id) DO UPDATE SET json = excluded.json, "
                "settings_hash = excluded.settings_hash, updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (story_id, json_text, settings_hash),
            )
        )

    def get_brief(self, story_id: str) -> tuple[str, str] | None:
        """(json_text, settings_hash) of the stored brief, or None."""
        row = self._conn.execute(
            "SELECT json, settings_hash FROM briefs WHERE story_id = ?", (story_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def start_run(self, run_id: str, command: str) -> None:
        self._write(
            lambda c: c.execute("INSERT OR IGNORE INTO runs(id, command) VALUES (?, ?)", (run_id, command))
        )

    def finish_run(self, run_id: str, read: int, failed: int) -> None:
        self._write(
            lambda c: c.execute(
                "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), read = ?, failed = ? "
                "WHERE id = ?",
                (read, failed, run_id),
            )
        )

    def record_problems(self, run_id: str, problems: Iterable[Problem]) -> None:
        rows = [(run_id, p.code, p.message, p.source, p.line) for p in problems]
        if rows:
            self._write(
                lambda c: c.executemany(
                    "INSERT INTO problems(run_id, code, message, source, line) VALUES (?, ?, ?, ?, ?)", rows
                )
            )

    def problems(self, run_id: str | None = None) -> list[Problem]:
        sql = "SELECT code, message, source, line FROM problems"
        params: tuple[str, ...] = ()
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params = (run_id,)
        return [Problem(*r) for r in self._conn.execute(sql + " ORDER BY seq", params)]

    def get_state(self, key: str) -> bytes | None:
        row = self._conn.execute("SELECT value FROM cluster_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_state(
        self,
        items: dict[str, bytes],
        assignments: Sequence[tuple[str, str, str, str | None]],
        expect: dict[str, bytes | None] | None = None,
    ) -> None:
        """Save clustering state and the assignments it produced in one transaction, so they agree.

        `expect` maps keys to the values they held when the run read them (None: absent); when one has
        moved (another run saved its state meanwhile) nothing is written and StateMoved is raised."""

        def work(conn: sqlite3.Connection) -> None:
            for key, value in (expect or {}).items():
                row = conn.execute("SELECT value FROM cluster_state WHERE key = ?", (key,)).fetchone()
                if (bytes(row[0]) if row else None) != value:
                    raise StateMoved(key)
            _assign_rows(conn, assignments)
            for key, value in sorted(items.items()):
                conn.execute(
                    "INSERT INTO cluster_state(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

        self._write(work)

    def integrity_ok(self) -> bool:
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]
