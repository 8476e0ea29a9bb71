"""The work a runner ships to its workers: top-level functions of (Settings, item), picklable by name.

Each builds its models from the Settings (once per process: `pipeline.make_embedder` keeps them), reads
nothing from the store and writes nothing to it, and turns its own failures into coded problems, so
one bad batch or story never ends a job. Vectors come from the shared content-hash cache (SQLite WAL,
busy timeout). A vector depends on its text alone (embed/minilm.py runs fixed-shape batches), so
runners agree byte for byte whatever each worker's cache held when it embedded a text.
"""

from __future__ import annotations

from dataclasses import dataclass

from synoptic.errors import problem
from synoptic.model import Article, Problem, RawDocument, Story
from synoptic.run.batches import Batch
from synoptic.settings import Settings


@dataclass(frozen=True)
class Cleaned:
    """A batch's articles and problems; `record_ids` maps a JSONL document's source to its record id."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    record_ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StoryWork:
    """What a worker needs to brief one story: the story and its members, read by the driver."""

    story: Story
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Briefed:
    story_id: str
    json_text: str | None
    problems: tuple[Problem, ...] = ()


def _read(batch: Batch, settings: Settings) -> tuple[list[RawDocument], list[Problem], list[tuple[str, str]]]:
    from synoptic.ingest import read_sources, read_warc
    from synoptic.ingest.jsonl import decode_line, parse_line, record_id

    docs: list[RawDocument] = list(batch.documents)
    problems: list[Problem] = list(batch.problems)
    ids: list[tuple[str, str]] = []
    if batch.paths:
        found, trouble = read_sources(list(batch.paths), settings)
        docs.extend(found)
        problems.extend(trouble)
    if batch.warc_path:
        found, trouble = read_warc(batch.warc_path)
        docs.extend(found)
        problems.extend(trouble)
    for number, data in batch.lines:
        text, trouble = decode_line(data, batch.jsonl_path, number)
        problems.extend(trouble)
        if text is None:
            continue
        doc, trouble = parse_line(text, batch.jsonl_path, number)
        problems.extend(trouble)
        if doc is not None:
            docs.append(doc)
            if (rid := record_id(text)) is not None:
                ids.append((doc.source, rid))
    return docs, problems, ids


def clean_batch(settings: Settings, batch: Batch) -> Cleaned:
    """Read a batch's sources and clean its documents together."""
    from synoptic.clean import clean_documents
    from synoptic.pipeline import make_embedder

    where = batch.jsonl_path or batch.warc_path or (batch.paths[0] if batch.paths else "documents")
    try:
        docs, problems, ids = _read(batch, settings)
        articles, trouble = clean_documents(docs, make_embedder(settings), settings) if docs else ([], [])
    except Exception as exc:  # a worker's failure is the batch's problem, never the job's end
        return Cleaned((), (*batch.problems, problem("E_INTERNAL", where, f"{type(exc).__name__}: {exc}")))
    return Cleaned(tuple(articles), (*problems, *trouble), tuple(ids))


def brief_story(settings: Settings, work: StoryWork) -> Briefed:
    """The story's brief as its JSON text (the bytes every runner must agree on)."""
    from synoptic.pipeline import build_brief, make_embedder
    from synoptic.render.json import render_json

    try:
        built = build_brief(list(work.articles), settings, make_embedder(settings), story=work.story)
        return Briefed(work.story.id, render_json(built))
    except Exception as exc:  # one story that cannot be briefed is reported; the others go on
        detail = f"no brief: {type(exc).__name__}: {exc}"
        return Briefed(work.story.id, None, (problem("E_INTERNAL", work.story.id, detail),))
