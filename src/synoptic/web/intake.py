"""What a user hands the Add form (files, pasted text, URLs, feeds) turned into RawDocuments.

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
from synoptic.ingest import read_html, read_sources, read_text
from synoptic.ingest.encoding import NotText, decode_bytes
from synoptic.model import Problem, RawDocument
from synoptic.settings import Settings
from synoptic.web.config import WebConfig
from synoptic.web.fetch import FetchError, fetch_url

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)
_FEED_TYPES = ("rss", "atom", "xml")


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


def document_from_page(url: str, content_type: str, body: bytes) -> tuple[RawDocument | None, list[Problem]]:
    """HTML through trafilatura; plain text decoded as a file would be."""
    if content_type.startswith("text/plain"):
        try:
            return read_text(decode_bytes(body), url, url=url), []
        except NotText as exc:
            return None, [problem(exc.code, url, exc.detail)]
    if content_type and "html" not in content_type and "xml" not in content_type:
        return None, [problem("E_UNSUPPORTED", url, f"content type {content_type}")]
    return read_html(body, url, url=url)


def read_urls(urls: Sequence[str], config: WebConfig) -> tuple[list[RawDocument], list[Problem]]:
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for url in urls[: config.max_urls]:
        try:
            page = fetch_url(url, config)
        except FetchError as exc:
            problems.append(problem("E_FETCH", url, str(exc)))
            continue
        doc, trouble = document_from_page(page.url, page.content_type, page.body)
        problems.extend(trouble)
        if doc is not None:
            docs.append(doc)
    for url in urls[config.max_urls :]:
        problems.append(problem("E_TOO_MANY", url, f"at most {config.max_urls} URLs per request"))
    return docs, problems


def read_feed(url: str, config: WebConfig) -> tuple[list[RawDocument], list[Problem]]:
    """The feed's entries, each fetched from its link; the entry's own content is the fallback."""
    import feedparser

    try:
        feed = fetch_url(url, config)
    except FetchError as exc:
        return [], [problem("E_FETCH", url, str(exc))]
    parsed = feedparser.parse(feed.body)
    if not parsed.entries:
        return [], [problem("E_FETCH", url, "no feed entries found")]
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for entry in parsed.entries[: config.feed_max_entries]:
        link = str(entry.get("link") or "")
        page_doc: RawDocument | None = None
        if link:
            try:
                page = fetch_url(link, config)
                page_doc, _ = document_from_page(page.url, page.content_type, page.body)
            except FetchError as exc:
                problems.append(problem("E_FETCH", link, str(exc)))
        if page_doc is None:
            content = entry.get("content") or [{}]
            html = str(content[0].get("value") or entry.get("summary") or "")
            if html.strip():
                page_doc, trouble = read_html(
                    f"<html><body><article>{html}</article></body></html>", link or url, url=link or None
                )
                problems.extend(trouble)
        if page_doc is not None:
            title = page_doc.title or str(entry.get("title") or "") or None
            published = page_doc.published or _entry_date(entry)
            docs.append(replace(page_doc, title=title, published=published))
    return docs, problems


def _entry_date(entry) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"


def gather(intake: Intake, settings: Settings, config: WebConfig) -> tuple[list[RawDocument], list[Problem]]:
    """All documents of one Add request, in a fixed order: uploads, pasted text, URLs, feeds."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for found, trouble in (
        read_uploads(intake.uploads, settings),
        read_pasted(intake.texts),
        read_urls(intake.urls, config),
        *(read_feed(url, config) for url in intake.feeds[: config.max_urls]),
    ):
        docs.extend(found)
        problems.extend(trouble)
    return docs, problems
