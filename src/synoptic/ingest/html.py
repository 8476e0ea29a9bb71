"""HTML pages to RawDocuments with trafilatura: main text one paragraph a line, plus page metadata.

Scripts, styles and iframes are dropped from the tree before extraction, so their content can never
become article text, whatever fallback extractor trafilatura picks.
"""

from __future__ import annotations

from synoptic.errors import problem
from synoptic.ingest.datestamps import normalize_date
from synoptic.model import Problem, RawDocument

_DROP = "//script|//style|//iframe|//noscript|//object|//embed|//template|//svg|//form"


def _load_tree(html: str | bytes):  # returns an lxml element or None
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        return None
    for node in tree.xpath(_DROP):
        node.drop_tree()
    return tree


def read_html(
    html: str | bytes, source: str, url: str | None = None
) -> tuple[RawDocument | None, list[Problem]]:
    """Extract main text (paragraph per line) and title/date/sitename/url; E_HTML_NO_TEXT when empty."""
    try:
        from trafilatura import bare_extraction

        tree = _load_tree(html) if html else None
        if tree is None:
            return None, [problem("E_HTML_NO_TEXT", source, "the page could not be parsed")]
        doc = bare_extraction(tree, url=url, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura/lxml can fail in many ways on hostile markup
        return None, [problem("E_HTML_NO_TEXT", source, f"{type(exc).__name__}: {exc}")]
    if doc is None:
        return None, [problem("E_HTML_NO_TEXT", source)]
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").replace("\r\n", "\n").strip()
    if not text:
        return None, [problem("E_HTML_NO_TEXT", source)]
    title = data.get("title") or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() != title.strip():
        text = title.strip() + "\n" + text  # keep the headline as a line, so the cleaner can classify it
    return (
        RawDocument(
            source=source,
            text=text,
            url=url or data.get("url") or None,
            outlet=data.get("sitename") or None,
            published=normalize_date(data.get("date")),
            title=title,
        ),
        [],
    )
