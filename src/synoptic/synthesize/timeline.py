"""The story's timeline: dated sentences grouped across articles by date and meaning, in date order.

A sentence that carries a resolved date is an event candidate; candidates with the same date and
similar meaning are one event with every supporting span. A caption date ("met on June 9, 2021, in
Paris") may sharpen a body event with a coarser date of the same meaning ("in June 2021"), but never
makes an event of its own: captions are not part of the cleaned text, so they cannot be cited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from synoptic.analyze.dates import DateMention, article_reference, find_dates, story_dates
from synoptic.embed import Embedder
from synoptic.model import Article, LineKind, PartialDate, Span, TimelineEvent
from synoptic.settings import Settings


@dataclass(frozen=True)
class _Candidate:
    date: PartialDate
    text: str
    span: Span


def _sentence_of(article: Article, mention: DateMention) -> tuple[str, Span]:
    for sentence in article.sentences:
        if sentence.span.start <= mention.span.start < sentence.span.end:
            return sentence.text, sentence.span
    start = article.text.rfind("\n", 0, mention.span.start) + 1
    end = article.text.find("\n", mention.span.end)
    end = len(article.text) if end < 0 else end
    return article.text[start:end], Span(article.id, start, end)


def date_mentions(articles: Sequence[Article]) -> dict[str, list[DateMention]]:
    """Every article's resolved date expressions, keyed by article id."""
    story = story_dates(articles)
    return {a.id: find_dates(a.text, a.id, article_reference(a, story), story.known) for a in articles}


def _candidates(articles: Sequence[Article], mentions: dict[str, list[DateMention]]) -> list[_Candidate]:
    out: dict[tuple[str, Span], _Candidate] = {}
    for article in articles:
        for mention in mentions.get(article.id, []):
            text, span = _sentence_of(article, mention)
            out.setdefault((mention.date.iso(), span), _Candidate(mention.date, text.strip(), span))
    return [out[k] for k in sorted(out)]


def _captions(articles: Sequence[Article]) -> list[tuple[PartialDate, str]]:
    """Dates in caption lines, resolved like body dates."""
    story = story_dates(articles)
    found: list[tuple[PartialDate, str]] = []
    for article in articles:
        for line in article.lines:
            if line.kind is LineKind.CAPTION:
                for m in find_dates(line.text, article.id, article_reference(article, story), story.known):
                    if m.date.day is not None:
                        found.append((m.date, line.text))
    return found


def _refines(coarse: PartialDate, fine: PartialDate) -> bool:
    """True when `fine` names a day inside the month `coarse` names (2021-06 -> 2021-06-16)."""
    return coarse.month is not None and coarse.day is None and fine.iso().startswith(coarse.iso())


def build_timeline(
    articles: Sequence[Article],
    embedder: Embedder,
    settings: Settings,
    mentions: dict[str, list[DateMention]] | None = None,
) -> tuple[TimelineEvent, ...]:
    """Events with resolved dates, ordered by date, each with its supporting spans."""
    mentions = date_mentions(articles) if mentions is None else mentions
    candidates = _candidates(articles, mentions)
    if not candidates:
        return ()
    captions = _captions(articles)
    vectors = embedder.embed([c.text for c in candidates] + [t for _, t in captions])
    cand_vecs, cap_vecs = vectors[: len(candidates)], vectors[len(candidates) :]
    groups: list[list[int]] = []
    for i, cand in enumerate(candidates):
        best, best_sim = None, settings.timeline_same_event
        for g, members in enumerate(groups):
            if candidates[members[0]].date != cand.date:
                continue
            sim = float(np.max(cand_vecs[members] @ cand_vecs[i]))
            if sim >= best_sim:
                best, best_sim = g, sim
        if best is None:
            groups.append([i])
        else:
            groups[best].append(i)
    events: list[TimelineEvent] = []
    for members in groups:
        date = candidates[members[0]].date
        for (cap_date, _), cap_vec in zip(captions, cap_vecs, strict=True):
            close = float(np.max(cand_vecs[members] @ cap_vec)) >= settings.timeline_caption_match
            if close and _refines(date, cap_date):
                date = cap_date
        text = min((candidates[m].text for m in members), key=lambda t: (len(t), t))
        support = tuple(sorted({candidates[m].span for m in members}))
        events.append(TimelineEvent(date=date, text=text, support=support))
    events.sort(key=lambda e: (e.date.iso(), e.support[0].article_id, e.support[0].start))
    return tuple(events)
