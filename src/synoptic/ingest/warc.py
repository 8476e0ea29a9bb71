"""WARC archives: every HTML response record becomes a RawDocument through `read_html`."""

from __future__ import annotations

from pathlib import Path

from synoptic.errors import problem
from synoptic.ingest.html import read_html
from synoptic.model import Problem, RawDocument


def read_warc(path: str | Path) -> tuple[list[RawDocument], list[Problem]]:
    """HTML responses of a (possibly gzipped) WARC file; other records are skipped, bad ones reported."""
    from warcio.archiveiterator import ArchiveIterator

    source = str(path)
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    records = 0
    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                records = number
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                kind = record.http_headers.get_header("Content-Type") or ""
                if "html" not in kind.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                name = f"{source}#{url or number}"
                doc, trouble = read_html(body, name, url=url)
                problems.extend(trouble)
                missing = getattr(record.raw_stream, "limit", 0)  # bytes its Content-Length promised
                if missing:
                    detail = f"record {number} lacks {missing} of its bytes"
                    problems.append(problem("E_TRUNCATED", name if doc is not None else source, detail))
                if doc is not None:
                    docs.append(doc)
    except Exception as exc:  # a truncated or corrupt archive keeps what was read before the damage
        problems.append(problem("E_UNREADABLE", source, f"{type(exc).__name__}: {exc}"))
        return docs, problems
    if records == 0:
        problems.append(problem("E_UNREADABLE", source, "no WARC records"))
    elif not docs and not problems:
        problems.append(problem("E_EMPTY", source, "no HTML responses in the archive"))
    return docs, problems
