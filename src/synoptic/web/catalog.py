"""The web app's view of the store: thread-local connections, cached briefs, adding new articles.

Briefs are stored under `synoptic.run.brief_key` (settings fingerprint and the story's members), the
key `synoptic briefs` files them under, so a brief that command wrote is served as it is, and one is
rebuilt exactly when the settings or the set of articles change. The jobs (building a brief, adding
documents) are the library's (`synoptic.run`); work that uses the sentence model runs under one lock:
the model is loaded once and the machine is small.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from synoptic.model import Article, Problem, RawDocument
from synoptic.run import AddReport, add_documents, brief_key, build_one
from synoptic.settings import Settings
from synoptic.store import Store, StoryRow

Progress = Callable[[float, str], None]
MEMO_BRIEFS = 128  # decoded briefs kept in memory, least recently used dropped first; the store keeps all


__all__ = ["MEMO_BRIEFS", "AddReport", "Catalog", "brief_key", "rename_source"]


class Catalog:
    """Stories, articles and briefs for the web layer; safe to call from many threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._model_lock = threading.Lock()
        self._memo_lock = threading.Lock()
        self._memo: OrderedDict[str, tuple[str, dict[str, Any]]] = OrderedDict()
        Store.open(settings.resolved_db_path).close()  # create and migrate once, up front

    @property
    def store(self) -> Store:
        """This thread's own connection: one sqlite3 connection must not serve two threads at once."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.settings.resolved_db_path)
            self._local.store = store
        return store

    # -- reading --------------------------------------------------------------------------------
    def stories(self, query: str | None, entity: str | None, limit: int, offset: int) -> list[StoryRow]:
        """Newest first; `query` matches article words; `entity` matches a brief's entity names."""
        words = " ".join(part for part in (query, entity) if part) or None
        if not entity:
            return self.store.list_stories(words, limit=limit, offset=offset)
        rows = self.store.list_stories(words, limit=1000, offset=0)
        rows = [r for r in rows if self._names_entity(r.id, entity)]
        return rows[offset : offset + limit]

    def _names_entity(self, story_id: str, entity: str) -> bool:
        """True if the cached brief lists an entity named so; a story without a brief yet matches on
        its text (the word search already required that)."""
        cached = self.store.get_brief(story_id)
        if cached is None:
            return True
        wanted = entity.casefold().strip()
        for item in json.loads(cached[0]).get("entities", []):
            names = [item.get("canonical", ""), *item.get("variants", [])]
            if any(wanted in str(name).casefold() for name in names):
                return True
        return False

    def article(self, article_id: str) -> Article | None:
        return self.store.get_article(article_id)

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of(article_id)

    def story(self, story_id: str) -> StoryRow | None:
        return self.store.story(story_id)

    def cached_brief(self, story_id: str) -> dict[str, Any] | None:
        """The brief if one is cached for the story's current members and settings; never builds."""
        ids = self.store.story_article_ids(story_id)
        if not ids:
            return None
        key = brief_key(self.settings, ids)
        with self._memo_lock:
            hit = self._memo.get(story_id)
            if hit:
                self._memo.move_to_end(story_id)
        if hit and hit[0] == key:
            return hit[1]
        stored = self.store.get_brief(story_id)
        if stored is None or stored[1] != key:
            return None
        data = json.loads(stored[0])
        self._remember(story_id, key, data)
        return data

    def _remember(self, story_id: str, key: str, data: dict[str, Any]) -> None:
        """Keep a decoded brief for the next request, within MEMO_BRIEFS."""
        with self._memo_lock:
            self._memo[story_id] = (key, data)
            self._memo.move_to_end(story_id)
            while len(self._memo) > MEMO_BRIEFS:
                self._memo.popitem(last=False)

    def brief(self, story_id: str) -> dict[str, Any] | None:
        """The story's brief as its JSON contract, built and cached if needed; None if no such story.

        Blocking (seconds when cold): call it from a worker thread, never on the event loop.
        """
        data = self.cached_brief(story_id)
        if data is not None:
            return data
        row = self.store.story(story_id)
        if row is None:
            return None
        with self._model_lock:
            data = self.cached_brief(story_id)  # another thread may have built it meanwhile
            if data is not None:
                return data
            return self._build(row)

    def _build(self, row: StoryRow) -> dict[str, Any] | None:
        """Build, store (under the shared key) and remember one story's brief."""
        built = build_one(self.store, row.id, self.settings)
        if built is None:
            return None
        if built.json_text is None:
            raise RuntimeError("; ".join(p.message for p in built.problems) or "no brief")
        data = json.loads(built.json_text)
        self._remember(row.id, brief_key(self.settings, self.store.story_article_ids(row.id)), data)
        return data

    # -- writing --------------------------------------------------------------------------------
    def add_documents(
        self, documents: Sequence[RawDocument], problems: Sequence[Problem], progress: Progress
    ) -> AddReport:
        """Clean, store and cluster documents, then brief the stories they joined (`synoptic.run`)."""
        with self._model_lock:
            return add_documents(self.store, documents, problems, self.settings, progress=progress)


def rename_source(document: RawDocument, source: str) -> RawDocument:
    return replace(document, source=source)
