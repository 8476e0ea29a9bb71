"""Citations: according to, as per, reported/citing/quoting, statements, source lines, credits."""

from __future__ import annotations

from synoptic.analyze.citations import find_citations, provenance_graph
from synoptic.analyze.entities import parse_articles
from synoptic.model import Article, Citation, Line, LineKind, Span


def _article(text: str, lines: tuple[Line, ...] = ()) -> Article:
    return Article(id="a1", source="t", outlet="Daily Paper", url=None, published=None, title=None,
                   dek=None, lines=lines, text=text)  # fmt: skip


def _cited(article: Article) -> set[tuple[str, str]]:
    doc = parse_articles([article])[0]
    return {(c.cited, c.how) for c in find_citations(article, doc)}


def test_agencies_and_statements():
    text = (
        "As per a Globe report, the talks failed.\n"
        "The meeting ended early, Orbis news agency reported, citing the Foreign Ministry.\n"
        "According to Nordpress, the minister left.\n"
        "The Senate said in a statement that it would vote."
    )
    cited = _cited(_article(text))
    names = {name for name, _ in cited}
    assert {"Globe", "Nordpress", "Senate"} <= names
    assert any("Orbis" in n for n in names)
    assert any("Foreign Ministry" in n for n in names)


def test_lines_source_caption_credit_and_dateline():
    lines = (
        Line(0, "SOURCE: Metro Wire and agencies", LineKind.METADATA, "x"),
        Line(1, "The two leaders met in 2021. / AFPX", LineKind.CAPTION, "x"),
    )
    cited = _cited(_article("PARIS, May 3. /NEWSWIRE/. The leaders met on Monday.", lines))
    assert ("Metro Wire and agencies", "source line") in cited
    assert ("AFPX", "photo credit") in cited
    assert ("NEWSWIRE", "dateline") in cited


def test_generic_sources_are_not_cited():
    cited = _cited(_article("According to the statement, the talks failed. According to reports, it rained."))
    assert cited == set()


def test_graph_links_agency_to_the_speaker_it_quotes():
    text = "Talks failed, Orbis reported, quoting aide Ivan Petrov."
    article = _article(text)
    agency = Citation("a1", "Orbis", "reported", (Span("a1", 14, 19),))
    speaker = Citation("a1", "Ivan Petrov", "quoted", (Span("a1", 43, 54),))
    graph = provenance_graph([article], [agency, speaker])
    edges = {(e.source, e.target) for e in graph.edges}
    assert ("outlet:a1", "source:orbis") in edges
    assert ("source:orbis", "speaker:ivan petrov") in edges
