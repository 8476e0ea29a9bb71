"""Clean a batch of RawDocuments into Articles: classify every line, keep the body, read metadata.

Cleaning needs the batch: a line's relatedness is measured against the story the other documents
tell. The body is re-cleaned until nothing more comes off, so cleaning an article's text again gives
the same text (idempotent).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from synoptic.analyze.sentences import split_sentences
from synoptic.clean.contained import drop_contained
from synoptic.clean.drafts import LineDraft, draft_lines
from synoptic.clean.layout import Layout, settle_lines
from synoptic.clean.limits import bound_document
from synoptic.clean.metadata import Dateline, infer_year, outlet_from_source, read_dateline
from synoptic.clean.relatedness import score_relatedness
from synoptic.embed.model import Embedder
from synoptic.errors import problem
from synoptic.ingest.datestamps import to_iso
from synoptic.ingest.encoding import scrub_text
from synoptic.model import Article, Line, LineKind, Problem, RawDocument
from synoptic.settings import Settings


@dataclass
class _Work:
    """One document through cleaning: its drafts (original lines) and the final layout."""

    doc: RawDocument
    drafts: list[LineDraft]
    layout: Layout | None = None


def _body(drafts: list[LineDraft]) -> list[LineDraft]:
    return [d for d in drafts if d.kind == LineKind.BODY]


def _settle_batch(works: list[_Work], embedder: Embedder, settings: Settings) -> None:
    """Classify all documents, then re-clean each body until it is a fixpoint of the cleaner."""
    sims = score_relatedness([w.drafts for w in works], embedder, settings)
    for work, doc_sims in zip(works, sims, strict=True):
        work.layout = settle_lines(work.drafts, doc_sims, settings)
    for _ in range(settings.clean_max_rounds):
        rounds = [
            draft_lines("\n".join(d.text for d in _body(w.drafts)), w.doc.source, settings)[0] for w in works
        ]
        sims = score_relatedness(rounds, embedder, settings)
        changed = False
        for work, again, doc_sims in zip(works, rounds, sims, strict=True):
            settle_lines(again, doc_sims, settings)
            for original, redone in zip(_body(work.drafts), again, strict=True):
                if redone.kind != LineKind.BODY:
                    original.decide(redone.kind or LineKind.BOILERPLATE, redone.reason + " (on re-cleaning)")
                    changed = True
        if not changed:
            return


def _published(work: _Work, context: list[str]) -> str | None:
    if work.doc.published:
        return work.doc.published
    for draft in work.drafts:
        if "date" in draft.facts and draft.kind == LineKind.METADATA:
            return draft.facts["date"]
    dateline = _dateline_of(work)
    if dateline and dateline.month_day:
        month, day = dateline.month_day
        if dateline.year:
            return to_iso(dateline.year, month, day)
        text = "\n".join(d.text for d in _body(work.drafts))
        return infer_year(dateline.month_day, text, [c for c in context if c])
    return None


def _dateline_of(work: _Work) -> Dateline | None:
    if work.layout is None or work.layout.dateline is None:
        return None
    draft = work.drafts[work.layout.dateline]
    return read_dateline(draft.text) if draft.kind == LineKind.BODY else None


def _outlet(work: _Work) -> str | None:
    if work.doc.outlet:
        return work.doc.outlet
    for draft in work.drafts:
        if "source" in draft.facts:
            name = outlet_from_source(draft.facts["source"])
            if name:
                return name
    dateline = _dateline_of(work)
    return dateline.agency if dateline and dateline.agency else None


def _own_date(work: _Work) -> str | None:
    """A date the document states outright (metadata, a date line, a dateline with its year)."""
    if work.doc.published:
        return work.doc.published
    for draft in work.drafts:
        if draft.kind == LineKind.METADATA and "date" in draft.facts:
            return draft.facts["date"]
    dateline = _dateline_of(work)
    if dateline and dateline.month_day and dateline.year:
        return to_iso(dateline.year, *dateline.month_day)
    return None


def _build(work: _Work, context: list[str]) -> Article | None:
    body = _body(work.drafts)
    if not body:
        return None
    text = "\n".join(d.text for d in body)
    article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    layout = work.layout or Layout(None, None, None)
    title = work.drafts[layout.title].text if layout.title is not None else work.doc.title
    dek = work.drafts[layout.dek].text if layout.dek is not None else None
    dateline = _dateline_of(work)
    return Article(
        id=article_id,
        source=work.doc.source,
        outlet=_outlet(work),
        url=work.doc.url,
        published=_published(work, context),
        title=title,
        dek=dek,
        lines=tuple(Line(d.index, d.text, d.kind or LineKind.BOILERPLATE, d.reason) for d in work.drafts),
        text=text,
        sentences=split_sentences(text, article_id),
        dateline=dateline.place if dateline else None,
    )


def clean_documents(
    docs: Sequence[RawDocument], embedder: Embedder, settings: Settings
) -> tuple[list[Article], list[Problem]]:
    """Classify every line of every document and return the Articles with a body, plus Problems."""
    problems: list[Problem] = []
    works: list[_Work] = []
    for doc in docs:
        doc = replace(doc, text=scrub_text(doc.text), source=scrub_text(doc.source))
        doc, cut = bound_document(doc, settings.max_article_chars)
        problems.extend(cut)
        try:
            drafts, trouble = draft_lines(doc.text, doc.source, settings)
        except Exception as exc:  # bad input must not stop the batch
            problems.append(
                problem("E_INTERNAL", doc.source, f"{type(exc).__name__}: {exc}", doc.line_number)
            )
            continue
        problems.extend(trouble)
        works.append(_Work(doc, drafts))
    _settle_batch(works, embedder, settings)
    articles: list[Article] = []
    seen: set[str] = set()
    for number, work in enumerate(works):
        context = [d for other, w in enumerate(works) if other != number and (d := _own_date(w))]
        try:
            article = _build(work, context)
        except Exception as exc:
            problems.append(problem("E_INTERNAL", work.doc.source, f"{type(exc).__name__}: {exc}"))
            continue
        if article is None:
            problems.append(problem("E_NO_BODY", work.doc.source, line=work.doc.line_number))
        elif article.id in seen:
            problems.append(problem("E_DUPLICATE", work.doc.source, f"same text as article {article.id}"))
        else:
            seen.add(article.id)
            articles.append(article)
    articles, contained = drop_contained(articles)
    return articles, [*problems, *contained]
