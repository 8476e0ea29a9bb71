"""Summaries of document clusters given as plain texts (`synoptic summarize`), by the brief's own path.

Each cluster's texts become RawDocuments, are cleaned like any article, aligned into fact units with
`align_facts` and summarised with `select_summary` in score order under a word budget: the same code
that writes a brief's summary, so what ROUGE measures here is what a brief shows. Support spans are
given back in the *original* text of each document, since cleaning may have changed the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from synoptic.clean import clean_documents
from synoptic.embed.model import Embedder
from synoptic.errors import problem
from synoptic.model import Article, FactUnit, Problem, RawDocument, Span
from synoptic.settings import Settings
from synoptic.synthesize.align import SentenceTable, align_facts
from synoptic.synthesize.summary import Scorer, Selection, select_summary


@dataclass(frozen=True)
class DocSpan:
    """Half-open character range in document `doc` (an index into the cluster's documents)."""

    doc: int
    start: int
    end: int


@dataclass(frozen=True)
class ClusterSentence:
    text: str
    support: tuple[DocSpan, ...]


@dataclass(frozen=True)
class ClusterSummary:
    id: str
    sentences: tuple[ClusterSentence, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def summary(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "summary": self.summary,
            "sentences": [
                {"text": s.text, "support": [_span_json(d) for d in s.support]} for s in self.sentences
            ],
        }


def _span_json(span: DocSpan) -> dict[str, int]:
    return {"doc": span.doc, "start": span.start, "end": span.end}


@dataclass(frozen=True)
class PreparedCluster:
    """A cluster after cleaning and alignment: what selection (and training) works on."""

    id: str
    documents: tuple[str, ...]
    articles: tuple[Article, ...]
    units: tuple[FactUnit, ...]
    table: SentenceTable
    problems: tuple[Problem, ...]
    redundancy: float  # the settings' summary_redundancy, for a scorer that brings no cap of its own


def source_name(cluster_id: str, index: int) -> str:
    return f"{cluster_id}#doc{index}"


def prepare_cluster(
    cluster_id: str, documents: Sequence[str], embedder: Embedder, settings: Settings
) -> PreparedCluster:
    """Clean the documents and align their sentences; a document that cannot be used becomes a problem."""
    raw = [
        RawDocument(source=source_name(cluster_id, k), text=text)
        for k, text in enumerate(documents)
        if isinstance(text, str)
    ]
    problems = [
        problem("E_JSONL_FIELDS", source_name(cluster_id, k), "document is not a string")
        for k, text in enumerate(documents)
        if not isinstance(text, str)
    ]
    articles, cleaning = clean_documents(raw, embedder, settings)
    order = {source_name(cluster_id, k): k for k in range(len(documents))}
    articles = sorted(articles, key=lambda a: (order.get(a.source, len(order)), a.id))
    units, table = align_facts(articles, embedder, settings)
    return PreparedCluster(
        id=cluster_id,
        documents=tuple(t if isinstance(t, str) else "" for t in documents),
        articles=tuple(articles),
        units=tuple(units),
        table=table,
        problems=(*problems, *cleaning),
        redundancy=settings.summary_redundancy,
    )


def summarize_prepared(
    prepared: PreparedCluster, words: int, scorer: Scorer | None = None, redundancy: float | None = None
) -> ClusterSummary:
    """Select under the word budget; the redundancy cap defaults to the one tuned with the scorer."""
    if redundancy is None:
        redundancy = float(getattr(scorer, "redundancy", prepared.redundancy))
    most = max(1, words // 3)
    selection = Selection(most, min_sentences=0, redundancy=redundancy, max_words=words, order="score")
    chosen = select_summary(prepared.table, prepared.units, selection, scorer)
    by_id = {a.id: a for a in prepared.articles}
    doc_of = {source_name(prepared.id, k): k for k in range(len(prepared.documents))}
    sentences = []
    for item in chosen:
        support = []
        for span in item.support:
            article = by_id[span.article_id]
            mapped = locate(span, article, doc_of, prepared.documents)
            if mapped is not None:
                support.append(mapped)
        sentences.append(ClusterSentence(text=item.text, support=tuple(sorted(set(support), key=_doc_key))))
    return ClusterSummary(id=prepared.id, sentences=tuple(sentences), problems=prepared.problems)


def _doc_key(span: DocSpan) -> tuple[int, int, int]:
    return (span.doc, span.start, span.end)


def locate(span: Span, article: Article, doc_of: dict[str, int], documents: Sequence[str]) -> DocSpan | None:
    """The span's text in the original document: same offsets if unchanged, else found by its words."""
    doc = doc_of.get(article.source)
    if doc is None:
        return None
    original = documents[doc]
    text = article.text[span.start : span.end]
    if original[span.start : span.end] == text:
        return DocSpan(doc, span.start, span.end)
    found = original.find(text)
    if found >= 0:
        return DocSpan(doc, found, found + len(text))
    words = re.findall(r"\w+", text)
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    match = re.search(pattern, original)
    return DocSpan(doc, match.start(), match.end()) if match else None


def summarize_cluster(
    cluster_id: str,
    documents: Sequence[str],
    embedder: Embedder,
    settings: Settings,
    words: int,
    scorer: Scorer | None = None,
) -> ClusterSummary:
    """At most `words` words of whole verbatim sentences, best first, each with its support."""
    return summarize_prepared(prepare_cluster(cluster_id, documents, embedder, settings), words, scorer)


def summarize_jsonl(
    path: str | Path, words: int, embedder: Embedder, settings: Settings, scorer: Scorer | None = None
) -> Iterator[ClusterSummary | Problem]:
    """One summary per line of {"id", "documents": [text, ...]}; a bad line yields a Problem and we go on."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:  # deep nesting raises RecursionError
                yield problem("E_JSONL_SYNTAX", str(path), str(exc), number)
                continue
            documents = record.get("documents") if isinstance(record, dict) else None
            if not isinstance(documents, list):
                yield problem("E_JSONL_FIELDS", str(path), "no 'documents' list", number)
                continue
            cluster_id = str(record.get("id", number))
            yield summarize_cluster(cluster_id, documents, embedder, settings, words, scorer)
