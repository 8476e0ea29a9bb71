"""JSON Lines: one article per line with `text` or `html`; a bad line is a coded problem, not a stop.

The one JSONL reader: `read_jsonl_text` (a file read whole, as `brief` reads it) and `stream_lines`
(`ingest` and `cluster --jsonl`, a line at a time, memory flat in the file's length) both end in
`parse_line`, so a line means the same thing on every path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from synoptic.errors import problem
from synoptic.ingest.datestamps import normalize_date
from synoptic.ingest.encoding import NotText, decode_bytes, scrub_text
from synoptic.ingest.html import read_html
from synoptic.model import Problem, RawDocument

_OPTIONAL = ("url", "outlet", "published", "title")
_BOM = b"\xef\xbb\xbf"


def record_id(raw: str) -> str | None:
    """The record's own `id` field (a string or a number), for callers that print it back."""
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        return None
    value = record.get("id") if isinstance(record, dict) else None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def parse_line(raw: str, path: str, number: int) -> tuple[RawDocument | None, list[Problem]]:
    """One line as a RawDocument whose source is "path#L<n>", or the coded problems it has."""
    if not raw.strip():
        return None, []
    source = f"{path}#L{number}"
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:  # deep nesting raises RecursionError
        return None, [problem("E_JSONL_SYNTAX", path, str(exc), line=number)]
    if not isinstance(record, dict):
        return None, [problem("E_JSONL_FIELDS", path, "the line is not a JSON object", line=number)]
    wrong = [k for k in _OPTIONAL if record.get(k) is not None and not isinstance(record[k], str)]
    body, html = record.get("text"), record.get("html")
    if wrong:
        return None, [problem("E_JSONL_FIELDS", path, f"not a string: {', '.join(wrong)}", line=number)]
    meta = {k: scrub_text(record.get(k) or "") or None for k in _OPTIONAL}
    if isinstance(body, str) and body.strip():
        body = scrub_text(body)
        doc = RawDocument(
            source=source,
            text=body.replace("\r\n", "\n").replace("\r", "\n"),
            url=meta["url"],
            outlet=meta["outlet"],
            published=normalize_date(meta["published"]),
            title=meta["title"],
            line_number=number,
        )
        return doc, []
    if isinstance(html, str) and html.strip():
        page, html_problems = read_html(scrub_text(html), source, url=meta["url"])
        problems = [Problem(p.code, p.message, path, number) for p in html_problems]
        if page is None:
            return None, problems
        doc = RawDocument(
            source=source,
            text=page.text,
            url=page.url,
            outlet=meta["outlet"] or page.outlet,
            published=normalize_date(meta["published"]) or page.published,
            title=meta["title"] or page.title,
            line_number=number,
        )
        return doc, problems
    detail = "needs a non-empty string `text` or `html`"
    return None, [problem("E_JSONL_FIELDS", path, detail, line=number)]


def read_jsonl_text(text: str, path: str) -> tuple[list[RawDocument], list[Problem]]:
    """Each line a JSON object; `source` of a record is "path#L<n>" and `line_number` is n (1-based)."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        doc, trouble = parse_line(raw, path, number)
        problems.extend(trouble)
        if doc is not None:
            docs.append(doc)
    return docs, problems


def decode_line(data: bytes, path: str, number: int) -> tuple[str | None, list[Problem]]:
    """A line's bytes as text: UTF-8, else the detected encoding with an E_ENCODING warning."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = decode_bytes(data)
    except NotText as exc:
        return None, [problem(exc.code, path, exc.detail, line=number)]
    return text, [problem("E_ENCODING", path, "the line is not valid UTF-8; decoded as detected", number)]


def needs_whole_read(path: str | Path) -> bool:
    """True for a file the line reader cannot take apart (UTF-16, NUL bytes in its opening): those go
    through the whole-file reader, which detects encodings and refuses binaries."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return True
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head


def stream_lines(path: str | Path, max_line_bytes: int) -> Iterator[tuple[int, bytes | Problem]]:
    """(line number, bytes) for every non-blank line, read a block at a time; a line longer than
    `max_line_bytes` is skipped to its end and yields an E_TOO_LARGE problem instead."""
    source = str(path)
    with open(path, "rb") as handle:
        number = 0
        while True:
            data = handle.readline(max_line_bytes + 1)
            if not data:
                return
            number += 1
            if number == 1 and data.startswith(_BOM):
                data = data[len(_BOM) :]
            if len(data) > max_line_bytes and not data.endswith(b"\n"):
                while data and not data.endswith(b"\n"):  # the rest of the line, a block at a time
                    data = handle.readline(1 << 20)
                detail = f"line over max_file_bytes={max_line_bytes}"
                yield number, problem("E_TOO_LARGE", source, detail, line=number)
                continue
            if data.strip():
                yield number, data
