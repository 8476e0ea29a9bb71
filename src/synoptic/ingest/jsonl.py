"""JSON Lines: one article per line with `text` or `html`; a bad line is a coded problem, not a stop."""

from __future__ import annotations

import json

from synoptic.errors import problem
from synoptic.ingest.datestamps import normalize_date
from synoptic.ingest.encoding import scrub_text
from synoptic.ingest.html import read_html
from synoptic.model import Problem, RawDocument

_OPTIONAL = ("url", "outlet", "published", "title")


def read_jsonl_text(text: str, path: str) -> tuple[list[RawDocument], list[Problem]]:
    """Each line a JSON object; `source` of a record is "path#L<n>" and `line_number` is n (1-based)."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        source = f"{path}#L{number}"
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            problems.append(problem("E_JSONL_SYNTAX", path, str(exc), line=number))
            continue
        if not isinstance(record, dict):
            problems.append(problem("E_JSONL_FIELDS", path, "the line is not a JSON object", line=number))
            continue
        wrong = [k for k in _OPTIONAL if record.get(k) is not None and not isinstance(record[k], str)]
        body, html = record.get("text"), record.get("html")
        if wrong:
            problems.append(problem("E_JSONL_FIELDS", path, f"not a string: {', '.join(wrong)}", line=number))
            continue
        meta = {k: scrub_text(record.get(k) or "") or None for k in _OPTIONAL}
        if isinstance(body, str) and body.strip():
            body = scrub_text(body)
            docs.append(
                RawDocument(
                    source=source,
                    text=body.replace("\r\n", "\n").replace("\r", "\n"),
                    url=meta["url"],
                    outlet=meta["outlet"],
                    published=normalize_date(meta["published"]),
                    title=meta["title"],
                    line_number=number,
                )
            )
        elif isinstance(html, str) and html.strip():
            html = scrub_text(html)
            doc, html_problems = read_html(html, source, url=meta["url"])
            problems.extend(Problem(p.code, p.message, path, number) for p in html_problems)
            if doc is not None:
                docs.append(
                    RawDocument(
                        source=source,
                        text=doc.text,
                        url=doc.url,
                        outlet=meta["outlet"] or doc.outlet,
                        published=normalize_date(meta["published"]) or doc.published,
                        title=meta["title"] or doc.title,
                        line_number=number,
                    )
                )
        else:
            detail = "needs a non-empty string `text` or `html`"
            problems.append(problem("E_JSONL_FIELDS", path, detail, line=number))
    return docs, problems
