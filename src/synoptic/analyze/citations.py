"""Who an article cites: agencies and outlets, official statements, metadata lines and photo credits.

Patterns over the spaCy parse: "according to X", "as per a X report", "X reported, citing/quoting Y",
"X said in a statement" / "X's statement"; over the raw lines: a "SOURCE: X" line, a "/X/" dateline and
a caption credit ("... / AP"). Speakers an article quotes are added by the story layer. The provenance
graph links outlet -> cited source -> original speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from synoptic.analyze.entities import clean_name
from synoptic.model import Article, Citation, LineKind, Span

GENERIC_SOURCES = frozenset(
    {"statement", "report", "reports", "source", "sources", "official", "officials", "media", "data",
     "him", "her", "them", "it", "he", "she", "they", "documents", "analysts", "experts", "people"}
)  # fmt: skip
_STATEMENT_NOUNS = frozenset({"statement", "release", "readout", "communique", "communiqué", "report"})
_SOURCE_LINE = re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<x>.{2,80}?)\s*$", re.I)
_DATELINE = re.compile(r"/\s*(?P<x>[A-Z][A-Za-z.&-]{1,20}(?: [A-Z][A-Za-z.&-]{1,20}){0,2})\s*/")
_CREDIT = re.compile(r"(?:/|\(|photo:|credit:)\s*(?P<x>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})\s*\)?\s*$")


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    kind: str  # outlet | source | speaker


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    how: str


@dataclass(frozen=True)
class ProvenanceGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _phrase(tok: Any) -> tuple[str, int, int]:
    """The noun phrase a token heads, without a leading article, and its character range."""
    toks = [t for t in tok.subtree if not (t.dep_ == "det" and t.i == tok.left_edge.i)]
    toks = [t for t in toks if t.dep_ not in ("cc", "conj", "punct", "prep", "relcl", "acl")
            or t.i < tok.i]  # fmt: skip
    if not toks:
        return tok.text, tok.idx, tok.idx + len(tok)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return tok.doc[toks[0].i : toks[-1].i + 1].text, start, end  # a Span's text, not the whole Doc's


def _name_of(tok: Any) -> tuple[str, int, int] | None:
    """A citable name for the phrase headed by `tok`: "a White House press release" -> White House."""
    text, start, end = _phrase(tok)
    if tok.lower_ in _STATEMENT_NOUNS or tok.lemma_.lower() in _STATEMENT_NOUNS:
        owners = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i < tok.i]
        if not owners:
            return None
        start, end = owners[0].idx, owners[-1].idx + len(owners[-1])
        text = tok.doc[owners[0].i : owners[-1].i + 1].text
    elif tok.lower_ in GENERIC_SOURCES or tok.pos_ == "PRON":
        return None
    name = clean_name(text, person=False).replace("’s", "").strip()
    return (name, start, end) if name else None


def _conjuncts(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def find_citations(article: Article, doc: Any) -> list[Citation]:
    """Citations of one article, in text order, without repeating the same (source, how)."""
    found: list[tuple[str, str, Span | None]] = []
    for tok in doc:
        low = tok.lower_
        if low == "to" and tok.i > 0 and doc[tok.i - 1].lower_ == "according":
            for obj in (c for c in tok.children if c.dep_ == "pobj"):
                found.extend(_cite(article, o, "according to") for o in _conjuncts(obj))
        elif low == "per" and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
            for obj in (c for c in tok.children if c.dep_ == "pobj"):
                found.append(_cite(article, obj, "as per"))
        elif low in ("citing", "quoting"):
            for obj in (c for c in tok.children if c.dep_ in ("dobj", "pobj")):
                found.extend(_cite(article, o, low) for o in _conjuncts(obj))
        elif tok.lemma_.lower() in ("report", "announce") and tok.pos_ == "VERB":
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                found.append(_cite(article, subj, "reported"))
        elif low in ("statement", "release", "readout") and tok.pos_ == "NOUN":
            found.extend(_statement(article, tok))
    found.extend(_line_citations(article))
    seen: set[tuple[str, str]] = set()
    out: list[Citation] = []
    for name, how, span in found:
        if not name or (name.lower(), how) in seen:
            continue
        seen.add((name.lower(), how))
        out.append(Citation(article.id, name, how, (span,) if span else ()))
    return out


def _cite(article: Article, tok: Any, how: str) -> tuple[str, str, Span | None]:
    named = _name_of(tok)
    if named is None:
        return "", how, None
    name, start, end = named
    return name, how, Span(article.id, start, end)


def _statement(article: Article, tok: Any) -> list[tuple[str, str, Span | None]]:
    """ "X said in a statement", "X issued a statement", "X's statement", "a X press release"."""
    owners = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i < tok.i]
    if owners:
        start, end = owners[0].idx, owners[-1].idx + len(owners[-1])
        name = clean_name(article.text[start:end], person=False)
        return [(name, "statement", Span(article.id, start, end))]
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        named = _name_of(subj)
        if named is not None:
            return [(named[0], "statement", Span(article.id, named[1], named[2]))]
    return []


def _line_citations(article: Article) -> list[tuple[str, str, Span | None]]:
    """Sources named in lines: "SOURCE: X" metadata, a "/X/" dateline, a caption's photo credit."""
    out: list[tuple[str, str, Span | None]] = []
    for line in article.lines:
        if line.kind in (LineKind.METADATA, LineKind.BOILERPLATE, LineKind.DATELINE):
            m = _SOURCE_LINE.match(line.text)
            if m:
                out.append((m.group("x").strip(), "source line", None))
        if line.kind is LineKind.CAPTION:
            m = _CREDIT.search(line.text)
            if m:
                out.append((m.group("x").strip(), "photo credit", None))
    head = article.text[:200]
    m = _DATELINE.search(head)
    if m:
        out.append((m.group("x").strip(), "dateline", Span(article.id, m.start("x"), m.end("x"))))
    elif article.dateline:
        d = _DATELINE.search(article.dateline)
        if d:
            out.append((d.group("x").strip(), "dateline", None))
    return out


def provenance_graph(articles: Sequence[Article], citations: Sequence[Citation]) -> ProvenanceGraph:
    """Outlet -> cited source -> original speaker. A speaker quoted in the same sentence as an agency
    ("an agency reported, quoting X") hangs under that agency; other speakers hang under the outlet."""
    nodes: dict[str, GraphNode] = {}
    edges: set[GraphEdge] = set()
    labels = {a.id: a.label for a in articles}
    texts = {a.id: a.text for a in articles}
    for article in articles:
        nodes[f"outlet:{article.id}"] = GraphNode(f"outlet:{article.id}", article.label, "outlet")
    by_article: dict[str, list[Citation]] = {}
    for c in citations:
        by_article.setdefault(c.article_id, []).append(c)
    for article_id, cites in by_article.items():
        if article_id not in labels:
            continue
        agencies = [c for c in cites if c.how in ("reported", "as per", "according to", "citing")]
        for c in cites:
            kind = "speaker" if c.how in ("quoted", "quoting") else "source"
            node = f"{kind}:{c.cited.lower()}"
            nodes.setdefault(node, GraphNode(node, c.cited, kind))
            parent = f"outlet:{article_id}"
            if kind == "speaker":
                for agency in agencies:
                    if _same_line(texts[article_id], agency, c) and agency.cited != c.cited:
                        parent = f"source:{agency.cited.lower()}"
            edges.add(GraphEdge(parent, node, c.how))
    return ProvenanceGraph(
        nodes=tuple(sorted(nodes.values(), key=lambda n: n.id)),
        edges=tuple(sorted(edges, key=lambda e: (e.source, e.target, e.how))),
    )


def _same_line(text: str, a: Citation, b: Citation) -> bool:
    if not a.support or not b.support:
        return False
    line_of = lambda pos: text.count("\n", 0, pos)  # noqa: E731
    return line_of(a.support[0].start) == line_of(b.support[0].start)
