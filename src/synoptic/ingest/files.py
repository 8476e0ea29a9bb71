"""Files and folders to RawDocuments. One bad file is one coded Problem; the others are still read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from synoptic.errors import problem
from synoptic.ingest.datestamps import normalize_date
from synoptic.ingest.encoding import NotText, decode_document, name_of_path, scrub_text
from synoptic.ingest.html import read_html
from synoptic.ingest.jsonl import read_jsonl_text
from synoptic.model import Problem, RawDocument
from synoptic.settings import Settings

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)


def read_text(text: str, source: str, **meta: str | None) -> RawDocument:
    """A RawDocument from pasted text; `meta` may give url, outlet, published, title."""
    return RawDocument(
        source=source,
        text=scrub_text(text.replace("\r\n", "\n").replace("\r", "\n")),
        url=scrub_text(meta.get("url") or "") or None,
        outlet=scrub_text(meta.get("outlet") or "") or None,
        published=normalize_date(meta.get("published")),
        title=scrub_text(meta.get("title") or "") or None,
    )


def _walk(folder: Path) -> list[Path]:
    """Supported files under a folder, recursively, sorted by path; hidden files and folders skipped."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED:
            found.append(path)
    return sorted(found, key=lambda p: p.as_posix())


def _read_file(path: Path, settings: Settings) -> tuple[list[RawDocument], list[Problem]]:
    source = name_of_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return [], [problem("E_UNSUPPORTED", source, f"suffix {suffix or '(none)'}")]
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], [problem("E_UNREADABLE", source, str(exc))]
    if size > settings.max_file_bytes:
        detail = f"{size} bytes > max_file_bytes={settings.max_file_bytes}"
        return [], [problem("E_TOO_LARGE", source, detail)]
    if size == 0:
        return [], [problem("E_EMPTY", source, "zero bytes")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [problem("E_UNREADABLE", source, str(exc))]
    if suffix in HTML_SUFFIXES:
        doc, problems = read_html(data, source)
        return ([doc] if doc else []), problems
    try:
        decoded = decode_document(data)
    except NotText as exc:
        return [], [problem(exc.code, source, exc.detail)]
    text = decoded.text
    if not text.strip():
        return [], [problem("E_EMPTY", source, "only whitespace")]
    damage = [problem("E_ENCODING", source, decoded.damage, decoded.line)] if decoded.damage else []
    if suffix in JSONL_SUFFIXES:
        docs, problems = read_jsonl_text(text, source)
        return docs, [*damage, *problems]
    if suffix == ".md":
        text = _MD_HEADING.sub("", text)
    return [read_text(text, source)], damage


def read_sources(paths: Sequence[str | Path], settings: Settings) -> tuple[list[RawDocument], list[Problem]]:
    """Read files and folders (recursively, sorted); never raises, every failure is a coded Problem."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        try:
            if not path.exists():
                problems.append(problem("E_NOT_FOUND", name_of_path(given)))
                continue
            files = _walk(path) if path.is_dir() else [path]
        except OSError as exc:
            problems.append(problem("E_UNREADABLE", name_of_path(given), str(exc)))
            continue
        for file in files:
            try:
                found, trouble = _read_file(file, settings)
            except Exception as exc:  # one file must never stop the batch
                detail = f"{type(exc).__name__}: {exc}"
                found, trouble = [], [problem("E_INTERNAL", name_of_path(file), detail)]
            docs.extend(found)
            problems.extend(trouble)
    return docs, problems
