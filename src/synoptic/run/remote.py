"""Web pages and RSS/Atom feeds to RawDocuments, through the guarded fetcher: one path for the CLI's
`synoptic ingest URL` / `--feed URL` and the web app's Add form.

Nothing here raises on bad input: every refused or unreadable address becomes a coded Problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from synoptic.errors import problem
from synoptic.ingest import read_feed, read_html, read_text
from synoptic.ingest.encoding import NotText, decode_bytes
from synoptic.model import Problem, RawDocument
from synoptic.run.fetch import FetchError, FetchLimits, fetch_url


def is_url(text: str) -> bool:
    """An argument that names a web page rather than a path (`synoptic ingest https://…`)."""
    return text.strip().lower().startswith(("http://", "https://"))


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


def read_urls(urls: Sequence[str], rules: FetchLimits) -> tuple[list[RawDocument], list[Problem]]:
    """Each page fetched under the rules' caps; at most `rules.max_urls` of them."""
    docs: list[RawDocument] = []
    problems: list[Problem] = []
    for url in urls[: rules.max_urls]:
        try:
            page = fetch_url(url, rules)
        except FetchError as exc:
            problems.append(problem("E_FETCH", url, str(exc)))
            continue
        doc, trouble = document_from_page(page.url, page.content_type, page.body)
        problems.extend(trouble)
        if doc is not None:
            docs.append(doc)
    for url in urls[rules.max_urls :]:
        problems.append(problem("E_TOO_MANY", url, f"at most {rules.max_urls} URLs per request"))
    return docs, problems


def read_feed_url(url: str, rules: FetchLimits) -> tuple[list[RawDocument], list[Problem]]:
    """The feed's entries, each fetched from its link; the entry's own title and text are the fallback
    (and fill a page's missing title or date)."""
    try:
        feed = fetch_url(url, rules)
    except FetchError as exc:
        return [], [problem("E_FETCH", url, str(exc))]
    entries, trouble = read_feed(feed.body, url)
    if not entries:
        return [], [problem("E_FETCH", url, "no feed entries found"), *trouble]
    docs: list[RawDocument] = []
    problems: list[Problem] = list(trouble)
    for entry in entries[: rules.feed_max_entries]:
        page_doc: RawDocument | None = None
        if entry.url:
            try:
                page = fetch_url(entry.url, rules)
                page_doc, _ = document_from_page(page.url, page.content_type, page.body)
            except FetchError as exc:
                problems.append(problem("E_FETCH", entry.url, str(exc)))
        if page_doc is None:
            docs.append(replace(entry, line_number=None))
            continue
        title = page_doc.title or entry.title
        docs.append(replace(page_doc, title=title, published=page_doc.published or entry.published))
    return docs, problems


def read_remote(
    urls: Sequence[str], feeds: Sequence[str], rules: FetchLimits
) -> tuple[list[RawDocument], list[Problem]]:
    """Pages, then every feed's entries, in the order given."""
    docs, problems = read_urls(urls, rules)
    for url in feeds[: rules.max_urls]:
        found, trouble = read_feed_url(url, rules)
        docs.extend(found)
        problems.extend(trouble)
    return docs, problems
