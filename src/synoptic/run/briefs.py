"""The briefs job and the two things every brief path shares: the Story built from a store row, and
the key a stored brief is filed under (settings fingerprint + members), so `synoptic briefs`, the web
app and `add_documents` find each other's briefs instead of rebuilding them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from synoptic.model import Problem, Story
from synoptic.run.runner import LocalRunner, Runner
from synoptic.run.tasks import Briefed, StoryWork, brief_story
from synoptic.settings import Settings
from synoptic.store import Store, StoryRow

Progress = Callable[[int, int], None]


def brief_key(settings: Settings, article_ids: Sequence[str]) -> str:
    """What a brief was built from (settings and members), not when: equal keys, equal bytes."""
    members = hashlib.sha256("|".join(sorted(article_ids)).encode()).hexdigest()[:16]
    return f"{settings.fingerprint()}:{members}"


def story_from_row(row: StoryRow, article_ids: Sequence[str]) -> Story:
    """The Story of a store row with its members (sorted, as the brief's JSON lists them)."""
    return Story(row.id, tuple(sorted(article_ids)), row.label, row.first_seen, row.last_seen)


@dataclass(frozen=True)
class BriefsReport:
    written: int  # built in this run
    kept: int  # already stored under the same key, not rebuilt
    problems: tuple[Problem, ...]
    story_ids: tuple[str, ...] = ()  # every story briefed or kept, in the order done


def _stories(store: Store, min_articles: int) -> list[StoryRow]:
    rows: list[StoryRow] = []
    offset = 0
    while page := store.list_stories(limit=500, offset=offset):
        offset += len(page)
        rows.extend(r for r in page if r.article_count >= min_articles)
    return rows


def _atomic_write(path: Path, text: str) -> None:
    """Written under a temporary name and renamed (`synoptic.atomic`), so no reader sees half a brief."""
    from synoptic.atomic import write_atomic

    write_atomic(path, text)


def write_briefs(
    store: Store,
    settings: Settings,
    runner: Runner | None = None,
    out: Path | None = None,
    story_ids: Sequence[str] | None = None,
    min_articles: int = 2,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> BriefsReport:
    """Brief every story of at least `min_articles` articles (or those of `story_ids`), on the runner.

    A brief already stored under its key is kept (and still written to `out`) unless `rebuild`. Only
    this driver reads and writes the store; workers get the articles and hand back JSON text.
    """
    runner = runner or LocalRunner()
    if story_ids is None:
        rows = _stories(store, min_articles)
    else:
        rows = [r for r in (store.story(i) for i in dict.fromkeys(story_ids)) if r is not None]
    kept: list[str] = []
    todo: list[tuple[StoryRow, str]] = []
    for row in rows:
        ids = store.story_article_ids(row.id)
        if not ids:
            continue
        key = brief_key(settings, ids)
        stored = None if rebuild else store.get_brief(row.id)
        if stored is not None and stored[1] == key:
            kept.append(row.id)
            if out is not None:
                _atomic_write(out / f"{row.id}.json", stored[0])
        else:
            todo.append((row, key))
    keys = {row.id: key for row, key in todo}

    def work() -> Iterator[StoryWork]:
        for row, _key in todo:
            ids = store.story_article_ids(row.id)
            yield StoryWork(story_from_row(row, ids), tuple(store.articles(ids)))

    written: list[str] = []
    problems: list[Problem] = []
    for number, result in enumerate(runner.map(brief_story, settings, work()), start=1):
        problems.extend(result.problems)
        if result.json_text is not None:
            store.save_brief(result.story_id, result.json_text, keys[result.story_id])
            if out is not None:
                _atomic_write(out / f"{result.story_id}.json", result.json_text)
            written.append(result.story_id)
        if progress is not None:
            progress(number, len(todo))
    return BriefsReport(len(written), len(kept), tuple(problems), (*kept, *written))


def build_one(store: Store, story_id: str, settings: Settings) -> Briefed | None:
    """Brief one story in this process and store it under its key (the web app's cold path)."""
    row = store.story(story_id)
    ids = store.story_article_ids(story_id) if row else []
    if row is None or not ids:
        return None
    result = next(iter(LocalRunner().map(brief_story, settings, _one(store, row, ids))))
    if result.json_text is not None:
        store.save_brief(story_id, result.json_text, brief_key(settings, ids))
    return result


def _one(store: Store, row: StoryRow, ids: Sequence[str]) -> Iterable[StoryWork]:
    yield StoryWork(story_from_row(row, ids), tuple(store.articles(ids)))
