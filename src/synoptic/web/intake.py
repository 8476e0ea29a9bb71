"""What a user hands the Add form (files, pasted text, URLs, feeds) turned into RawDocuments; pages
and feeds are read by the library (`synoptic.run.remote`), as `synoptic ingest URL` reads them.

Nothing here raises on bad input: every refused or unreadable item becomes a coded Problem.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from synoptic.errors import problem
from synoptic.ingest import read_sources, read_text
from synoptic.model import Problem, RawDocument
from synoptic.run.remote import read_remote
from synoptic.settings import Settings
from synoptic.web.config import WebConfig

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass
class Intake:
    """Everything one Add request asked for."""

    uploads: list[Upload] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.uploads or self.texts or self.urls or self.feeds)


def safe_name(name: str) -> str:
    """A file name without folders or odd characters, kept recognisable (it becomes the source)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, extension = cleaned.rpartition(".")
    if dot and stem and len(extension) <= 10:  # a long name keeps its extension: it picks the reader
        cleaned = stem[: 120 - len(extension) - 1].rstrip(" .") + "." + extension
    return cleaned[:120] or "upload.txt"


def read_uploads(uploads: Sequence[Upload], settings: Settings) -> tuple[list[RawDocument], list[Problem]]:
    """Uploaded files go through the same readers as files on disk; the source is the file name."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="synoptic-upload-") as folder:
        for number, upload in enumerate(uploads):
            name = safe_name(upload.name)
            path = Path(folder) / f"{number:04d}" / name
            path.parent.mkdir()
            path.write_bytes(upload.data)
            found, trouble = read_sources([path], settings)
            docs.extend(replace(d, source=name) for d in found)
            problems.extend(replace(p, source=name) for p in trouble)
    return docs, problems


def read_pasted(texts: Sequence[str]) -> tuple[list[RawDocument], list[Problem]]:
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for text in texts:
        digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:10]
        source = f"pasted-{digest}"
        if not text.strip():
            problems.append(problem("E_EMPTY", source, "pasted text is empty"))
            continue
        docs.append(read_text(text, source))
    return docs, problems


def gather(intake: Intake, settings: Settings, config: WebConfig) -> tuple[list[RawDocument], list[Problem]]:
    """All documents of one Add request, in a fixed order: uploads, pasted text, URLs, feeds."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for found, trouble in (
        read_uploads(intake.uploads, settings),
        read_pasted(intake.texts),
        read_remote(intake.urls, intake.feeds, config),  # the library's guarded fetcher, as the CLI's
    ):
        docs.extend(found)
        problems.extend(trouble)
    return docs, problems
