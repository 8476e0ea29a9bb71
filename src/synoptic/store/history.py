"""Every brief a story has had, as numbered versions in the story store's file, so a reader can be told
what changed since they last looked (`synoptic.history.diff_briefs`).

The store's `briefs` table holds only the latest brief; this one appends. A version is recorded only
when the brief's key (settings fingerprint + members) differs from the story's last version, so
recording the same brief twice is a no-op. The JSON is kept zlib-compressed: a brief carries its
articles' text, and most of it repeats from one version to the next.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

from synoptic.store.side_table import SideTable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS brief_versions (
    story_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    brief_key TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    json BLOB NOT NULL,
    PRIMARY KEY (story_id, version)
);
CREATE INDEX IF NOT EXISTS brief_versions_created ON brief_versions(created)
"""


@dataclass(frozen=True)
class Version:
    story_id: str
    version: int  # 1, 2, ... per story
    created: str  # ISO 8601 UTC
    brief_key: str
    article_count: int


class HistoryTable(SideTable):
    """Brief versions in the store file at `path`."""

    SCHEMA = _SCHEMA

    def record(self, story_id: str, json_text: str, brief_key: str) -> Version | None:
        """Append the brief as the story's next version; None when the last version has this key."""
        count = len(json.loads(json_text).get("articles", []))
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            last = self._conn.execute(
                "SELECT version, brief_key FROM brief_versions WHERE story_id = ? "
                "ORDER BY version DESC LIMIT 1",
                (story_id,),
            ).fetchone()
            if last is not None and last[1] == brief_key:
                self._conn.execute("COMMIT")
                return None
            number = 1 if last is None else last[0] + 1
            self._conn.execute(
                "INSERT INTO brief_versions(story_id, version, brief_key, article_count, json) "
                "VALUES (?, ?, ?, ?, ?)",
                (story_id, number, brief_key, count, zlib.compress(json_text.encode("utf-8"), 6)),
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return self.version(story_id, number)

    def find(self, prefix: str) -> list[str]:
        """Story ids with a recorded version that start with `prefix`."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._conn.execute(
            "SELECT DISTINCT story_id FROM brief_versions WHERE story_id LIKE ? ESCAPE '\\' "
            "ORDER BY story_id",
            (escaped + "%",),
        ).fetchall()
        return [r[0] for r in rows]

    def versions(self, story_id: str) -> list[Version]:
        rows = self._conn.execute(
            "SELECT story_id, version, created, brief_key, article_count FROM brief_versions "
            "WHERE story_id = ? ORDER BY version",
            (story_id,),
        ).fetchall()
        return [Version(*r) for r in rows]

    def version(self, story_id: str, number: int) -> Version | None:
        row = self._conn.execute(
            "SELECT story_id, version, created, brief_key, article_count FROM brief_versions "
            "WHERE story_id = ? AND version = ?",
            (story_id, number),
        ).fetchone()
        return Version(*row) if row else None

    def brief_json(self, story_id: str, number: int) -> str | None:
        row = self._conn.execute(
            "SELECT json FROM brief_versions WHERE story_id = ? AND version = ?", (story_id, number)
        ).fetchone()
        return zlib.decompress(row[0]).decode("utf-8") if row else None

    def at(self, story_id: str, when: str) -> Version | None:
        """The last version created at or before `when` (ISO 8601 UTC, compared as text)."""
        row = self._conn.execute(
            "SELECT story_id, version, created, brief_key, article_count FROM brief_versions "
            "WHERE story_id = ? AND created <= ? ORDER BY version DESC LIMIT 1",
            (story_id, when),
        ).fetchone()
        return Version(*row) if row else None

    def updated_since(self, when: str, limit: int = 100) -> list[Version]:
        """The newest version of each story changed after `when`, newest first (the Atom feed)."""
        rows = self._conn.execute(
            "SELECT story_id, max(version), max(created), '', 0 FROM brief_versions WHERE created > ? "
            "GROUP BY story_id ORDER BY max(created) DESC LIMIT ?",
            (when, limit),
        ).fetchall()
        return [v for v in (self.version(r[0], r[1]) for r in rows) if v is not None]
