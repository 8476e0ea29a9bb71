"""The web app's view of the store: thread-local connections, cached briefs, adding new articles.

Briefs are cached in the store under a key made of the settings fingerprint and the story's
membership, so a brief is rebuilt exactly when the settings or the set of articles change. Work that
uses the sentence model runs under one lock: the model is loaded once and the machine is small.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from synoptic.model import Article, Problem, RawDocument, Story
from synoptic.settings import Settings
from synoptic.store import Store, StoryRow

Progress = Callable[[float, str], None]
MEMO_BRIEFS = 128  # decoded briefs kept in memory, least recently used dropped first; the store keeps all


def brief_key(settings: Settings, article_ids: Sequence[str]) -> str:
    """The cache key of a brief: what it was built from (settings and members), not when."""
    members = hashlib.sha256("|".join(sorted(article_ids)).encode()).hexdigest()[:16]
    return f"{settings.fingerprint()}:{members}"


@dataclass
class AddReport:
    """Where each new article went, and what could not be used."""

    placed: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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
        from synoptic.pipeline import build_brief, make_embedder
        from synoptic.render.json import brief_to_dict, render_json

        ids = self.store.story_article_ids(row.id)
        articles = self.store.articles(ids)
        if not articles:
            return None
        story = Story(
            id=row.id,
            article_ids=tuple(sorted(a.id for a in articles)),
            label=row.label,
            first_seen=row.first_seen,
            last_seen=row.last_seen,
        )
        built = build_brief(articles, self.settings, make_embedder(self.settings), story=story)
        key = brief_key(self.settings, ids)
        self.store.save_brief(row.id, render_json(built), key)
        data = brief_to_dict(built)
        self._remember(row.id, key, data)
        return data

    # -- writing --------------------------------------------------------------------------------
    def add_documents(
        self, documents: Sequence[RawDocument], problems: Sequence[Problem], progress: Progress
    ) -> AddReport:
        """Clean, store and cluster documents; then build the briefs of the stories they joined."""
        from synoptic.clean import clean_documents
        from synoptic.cluster import cluster_store
        from synoptic.pipeline import make_embedder

        report = AddReport(problems=list(problems))
        if not documents:
            progress(1.0, "nothing to add")
            return report
        with self._model_lock:
            progress(0.3, f"cleaning {len(documents)} document(s)")
            articles, trouble = clean_documents(documents, make_embedder(self.settings), self.settings)
            report.problems.extend(trouble)
            progress(0.55, f"storing {len(articles)} article(s)")
            added = self.store.add_articles(articles)
            progress(0.65, "grouping into stories")
            assignments = {a.article_id: a for a in cluster_store(self.store, self.settings)}
        fresh = set(added.added)
        story_ids: list[str] = []
        for article in articles:
            story_id = self.store.story_of(article.id)
            row = self.store.story(story_id) if story_id else None
            assignment = assignments.get(article.id)
            report.placed.append(
                {
                    "article_id": article.id,
                    "label": article.label,
                    "title": article.title,
                    "already_stored": article.id not in fresh,
                    "story_id": story_id,
                    "story_label": row.label if row else None,
                    "new_story": bool(assignment and assignment.new_story),
                }
            )
            if story_id and story_id not in story_ids:
                story_ids.append(story_id)
        for number, story_id in enumerate(story_ids):
            progress(0.7 + 0.3 * number / len(story_ids), f"writing brief {number + 1} of {len(story_ids)}")
            self.brief(story_id)
        progress(1.0, "done")
        return report


def rename_source(document: RawDocument, source: str) -> RawDocument:
    return replace(document, source=source)
