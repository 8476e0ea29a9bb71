"""The shared part of the tables that live beside the store's migrated schema in the same file (the
watcher's feed state, the brief history): one autocommit connection with a busy timeout, their own
CREATE ... IF NOT EXISTS schema applied on open, and closing as a context manager.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar, Self


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection to the store file (autocommit; writes take BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def ensure(conn: sqlite3.Connection, schema: str) -> None:
    for statement in schema.split(";"):
        if statement.strip():
            conn.execute(statement)


class SideTable:
    """A table kept in the store file at `path` under its own `SCHEMA`."""

    SCHEMA: ClassVar[str] = ""

    def __init__(self, path: str | Path) -> None:
        self._conn = connect(path)
        ensure(self._conn, self.SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
