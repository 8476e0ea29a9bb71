"""Migrations as an ordered list of functions; `PRAGMA user_version` records how many have run."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from synoptic.errors import StoreError


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript would commit the open migration transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _create_core(conn: sqlite3.Connection) -> None:
    """Articles, stories, membership, problems, runs and briefs."""
    _run(
        conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            title TEXT,
            dek TEXT,
            dateline TEXT,
            text TEXT NOT NULL,
            lines TEXT NOT NULL,
            sentences TEXT NOT NULL,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL DEFAULT '',
            first_seen TEXT,
            last_seen TEXT,
            updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            story_id TEXT NOT NULL REFERENCES stories(id)
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            command TEXT NOT NULL,
            started TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            finished TEXT,
            read INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE problems (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            source TEXT NOT NULL,
            line INTEGER
        );
        CREATE INDEX problems_run ON problems(run_id);
        CREATE TABLE briefs (
            story_id TEXT PRIMARY KEY REFERENCES stories(id),
            json TEXT NOT NULL,
            settings_hash TEXT NOT NULL,
            updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """,
    )


def _create_search(conn: sqlite3.Connection) -> None:
    """Full-text search over article titles and text, kept in step by the store's writes."""
    _run(
        conn,
        """
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, text, content='articles', content_rowid='rowid'
        );
        INSERT INTO article_search(rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM articles;
        """,
    )


def _create_cluster_state(conn: sqlite3.Connection) -> None:
    """What clustering must keep so tomorrow's batch extends today's stories."""
    _run(
        conn,
        """
        CREATE TABLE cluster_state (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        """,
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _create_core,
    _create_search,
    _create_cluster_state,
)


def check_version(conn: sqlite3.Connection) -> bool:
    """Whether migrations are due (read without a lock); a store from a newer schema is refused."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(
            f"schema version {version}, this Synoptic knows versions up to {len(MIGRATIONS)}: "
            "open it with a newer Synoptic",
            "E_STORE_NEWER",
        )
    return version < len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Run every migration not yet recorded, each in its own transaction; return the new version."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):  # another process upgraded it meanwhile
                raise StoreError(f"schema version {version} is newer than {len(MIGRATIONS)}", "E_STORE_NEWER")
            if version >= len(MIGRATIONS):
                conn.execute("COMMIT")
                return version
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
