"""Ingest into the store file by file: each file's articles land in one transaction, so a run killed at
any moment and run again leaves exactly one copy of every article (ids are content hashes)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from synoptic.errors import problem
from synoptic.model import Problem
from synoptic.settings import Settings
from synoptic.store.sqlite import Store


@dataclass(frozen=True)
class IngestReport:
    run_id: str
    files: int
    added: int
    present: int
    problems: tuple[Problem, ...]
    sources: tuple[str, ...] = ()  # the source of every article read, for the run report


def expand_paths(paths: Sequence[str | Path]) -> list[str]:
    """Files as given, folders as their supported files in sorted order (hidden ones skipped).

    A file named directly is always tried (an unsupported one becomes a coded problem); inside a folder,
    files of other types (a `gold.json` beside the articles) are not articles and are passed over.
    """
    from synoptic.ingest.files import SUPPORTED

    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(str(raw))
    return out


def ingest_paths(store: Store, paths: Sequence[str | Path], settings: Settings) -> IngestReport:
    """Read, clean and store every source; one bad file is a coded problem, never the end of the run."""
    from synoptic.pipeline import load_articles, make_embedder

    run_id = uuid.uuid4().hex[:12]
    store.start_run(run_id, "ingest")
    embedder = make_embedder(settings)
    files = expand_paths(paths)
    added = present = 0
    problems: list[Problem] = []
    read: list[str] = []
    for source in files:
        try:
            articles, found = load_articles([source], settings, embedder)
            result = store.add_articles(articles)
        except Exception as exc:  # one bad file must not stop the run
            found = [problem("E_INTERNAL", source, f"{type(exc).__name__}: {exc}")]
            articles = []
            result = None
        if result is not None:
            read.extend(a.source for a in articles)
            added += len(result.added)
            present += len(result.present)
        problems.extend(found)
        store.record_problems(run_id, found)
    store.finish_run(run_id, read=added + present, failed=len(problems))
    return IngestReport(run_id, len(files), added, present, tuple(problems), tuple(read))
