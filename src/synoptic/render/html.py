"""The brief as one self-contained HTML page (no external resources; all text escaped).

Citation chips link to the supporting sentence inside each article's text, highlighted with :target.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from synoptic.model import Article, Brief
from synoptic.render.views import BriefView


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("synoptic.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def anchor(article_id: str, start: int) -> str:
    return f"s-{article_id}-{start}"


def article_paragraphs(article: Article) -> list[list[tuple[str, str | None]]]:
    """The article text as paragraphs of (text, anchor) pieces; sentences get anchors, gaps do not."""
    paragraphs: list[list[tuple[str, str | None]]] = []
    offset = 0
    for line in article.text.split("\n"):
        end = offset + len(line)
        pieces: list[tuple[str, str | None]] = []
        cursor = offset
        for sentence in article.sentences:
            start, stop = sentence.span.start, sentence.span.end
            if start < offset or stop > end:
                continue
            if start > cursor:
                pieces.append((article.text[cursor:start], None))
            pieces.append((article.text[start:stop], anchor(article.id, start)))
            cursor = stop
        if cursor < end:
            pieces.append((article.text[cursor:end], None))
        paragraphs.append(pieces)
        offset = end + 1
    return paragraphs


def render_html(brief: Brief) -> str:
    view = BriefView(brief)
    from synoptic.analyze.citations import provenance_graph

    graph = provenance_graph(view.on_topic, brief.provenance)
    template = _environment().get_template("brief.html")
    return template.render(
        graph=graph,
        labels={n.id: n.label for n in graph.nodes},
        brief=brief,
        view=view,
        anchor=anchor,
        paragraphs={a.id: article_paragraphs(a) for a in brief.articles},
    )
