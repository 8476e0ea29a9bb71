"""Recording a story's stored brief as a version, and diffing versions by number or by time."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from synoptic.history.diff import BriefDiff, diff_briefs
from synoptic.store import Store
from synoptic.store.history import HistoryTable, Version

_AGO = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def record_briefs(store: Store, story_ids: Sequence[str]) -> list[Version]:
    """Each story's current stored brief as its next version (skipped when the key is unchanged)."""
    recorded: list[Version] = []
    with HistoryTable(store.path) as history:
        for story_id in dict.fromkeys(story_ids):
            stored = store.get_brief(story_id)
            if stored is None:
                continue
            version = history.record(story_id, stored[0], stored[1])
            if version is not None:
                recorded.append(version)
    return recorded


def parse_when(text: str, now: float | None = None) -> str:
    """An ISO 8601 UTC time from "2026-01-05", "2026-01-05T10:00", or a span ago ("90m", "2h", "1d")."""
    match = _AGO.match(text)
    if match:
        moment = datetime.fromtimestamp(now if now is not None else time.time(), UTC)
        try:
            moment -= timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])
        except OverflowError as exc:
            raise ValueError(f"too long ago: {text!r}") from exc
    else:
        try:
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(f"not a time: {text!r} (give ISO 8601 or 30m / 2h / 1d)") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    except OverflowError as exc:
        raise ValueError(f"not a time: {text!r}") from exc


def story_diff(
    store: Store,
    story_id: str,
    since: str | None = None,
    old: int | None = None,
    new: int | None = None,
) -> BriefDiff | None:
    """The diff from version `old` (or the last one at or before `since`, or the one before `new`) to
    version `new` (default: the latest). None when the story has no recorded version."""
    record_briefs(store, [story_id])  # a brief written by `synoptic briefs` or the web app counts too
    with HistoryTable(store.path) as history:
        versions = history.versions(story_id)
        if not versions:
            return None
        target = new if new is not None else versions[-1].version
        if since is not None:
            before = history.at(story_id, since)
            base = before.version if before is not None else None
        elif old is not None:
            base = old
        else:
            base = target - 1 if target > 1 else None
        new_json = history.brief_json(story_id, target)
        old_json = history.brief_json(story_id, base) if base else None
    if new_json is None:
        return None
    return diff_briefs(old_json, new_json, base, target)
