"""Sources planned into cleaning batches, the parallel unit of ingest.

Cleaning needs the batch (a line's relatedness is judged against the story the other documents of the
batch tell), so the batches are fixed by the input alone, never by the runner: the files named on
the command line form one group, each folder another, each JSONL file and WARC archive its own, the
fetched pages one more; a group is cut into batches of `max_articles_per_brief` documents in order.
`synoptic ingest seeds/` therefore cleans the seeds together, as `synoptic brief seeds/` does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from synoptic.errors import problem
from synoptic.ingest.encoding import name_of_path
from synoptic.ingest.files import SUPPORTED
from synoptic.ingest.jsonl import needs_whole_read, stream_lines
from synoptic.model import Problem, RawDocument
from synoptic.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Batch:
    """One cleaning batch: files for the worker to read, JSONL lines to parse, or documents already
    read (uploads, fetched pages). `problems` were met while planning it (a missing path)."""

    paths: tuple[str, ...] = ()
    jsonl_path: str = ""
    lines: tuple[tuple[int, bytes], ...] = ()
    warc_path: str = ""
    documents: tuple[RawDocument, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def files(self) -> int:
        return len(self.paths) + bool(self.warc_path)


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(".jsonl") and not needs_whole_read(path):
        return "jsonl"
    return "file"


def _walk(folder: Path) -> list[Path]:
    """Readable files under a folder, sorted by path; hidden files and folders skipped (as `brief`)."""
    found = []
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_file() and (path.suffix.lower() in SUPPORTED or path.name.lower().endswith(WARC_SUFFIXES)):
            found.append(path)
    return sorted(found, key=lambda p: p.as_posix())


def _chunks(items: Sequence, size: int) -> Iterator[tuple]:
    for start in range(0, len(items), size):
        yield tuple(items[start : start + size])


def _jsonl_batches(path: Path, size: int, max_line_bytes: int) -> Iterator[Batch]:
    """A JSONL file a batch of lines at a time, read as the batches are taken (streaming)."""
    source = str(path)
    lines: list[tuple[int, bytes]] = []
    trouble: list[Problem] = []
    try:
        for number, item in stream_lines(path, max_line_bytes):
            if isinstance(item, Problem):
                trouble.append(item)
                continue
            lines.append((number, item))
            if len(lines) >= size:
                yield Batch(jsonl_path=source, lines=tuple(lines), problems=tuple(trouble))
                lines, trouble = [], []
    except OSError as exc:
        trouble.append(problem("E_UNREADABLE", source, str(exc)))
    if lines or trouble:
        yield Batch(jsonl_path=source, lines=tuple(lines), problems=tuple(trouble))


def _group(files: list[Path], size: int, settings: Settings) -> Iterator[Batch]:
    """Plain files of one group in batches; JSONL files and archives each stream on their own."""
    plain = [str(p) for p in files if _kind(p) == "file"]
    for chunk in _chunks(plain, size):
        yield Batch(paths=chunk)
    for path in files:
        kind = _kind(path)
        if kind == "jsonl":
            yield from _jsonl_batches(path, size, settings.max_file_bytes)
        elif kind == "warc":
            yield Batch(warc_path=str(path))


def plan_paths(paths: Sequence[str | Path], settings: Settings) -> Iterator[Batch]:
    """Batches of every file and folder given, in a fixed order: the named files, then each folder."""
    size = max(1, settings.max_articles_per_brief)
    named: list[Path] = []
    folders: list[Path] = []
    for given in paths:
        path = Path(given)
        try:
            if not path.exists():
                yield Batch(problems=(problem("E_NOT_FOUND", name_of_path(given)),))
            elif path.is_dir():
                folders.append(path)
            else:
                named.append(path)
        except OSError as exc:
            yield Batch(problems=(problem("E_UNREADABLE", name_of_path(given), str(exc)),))
    yield from _group(named, size, settings)
    for folder in folders:
        try:
            files = _walk(folder)
        except OSError as exc:
            yield Batch(problems=(problem("E_UNREADABLE", name_of_path(folder), str(exc)),))
            continue
        yield from _group(files, size, settings)


def plan_documents(
    documents: Sequence[RawDocument], problems: Sequence[Problem], size: int
) -> Iterator[Batch]:
    """Documents already read (uploads, pasted text, fetched pages), in batches of `size`."""
    if problems:
        yield Batch(problems=tuple(problems))
    for chunk in _chunks(list(documents), max(1, size)):
        yield Batch(documents=chunk)


def plan_jsonl(path: str | Path, settings: Settings) -> Iterator[Batch]:
    """A file read as JSONL whatever its name (`cluster --jsonl FILE`); one the line reader cannot take
    apart (binary, UTF-16) goes to the whole-file reader, which reports it."""
    path = Path(path)
    if not path.is_file():
        yield Batch(problems=(problem("E_NOT_FOUND", name_of_path(path)),))
    elif needs_whole_read(path):
        yield Batch(paths=(str(path),))
    else:
        yield from _jsonl_batches(path, max(1, settings.max_articles_per_brief), settings.max_file_bytes)
