"""The brief's second half for one story: quotes, entities, timeline, provenance, divergences, flags,
framing. One spaCy parse per article is shared by every analysis; one embedding call per kind of text.

Quotes merge across articles (and translations) when their texts are close in meaning and their speakers
agree: the same entity, or an organisation and a person it employs ("the ministry" / "ministry aide X").
A near-identical text merges whoever the speaker, so a statement read out by an aide and by the office
stays one quote. Two statements of one article never merge unless they are the same words.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from synoptic.analyze.citations import find_citations
from synoptic.analyze.entities import (
    Mention,
    find_mentions,
    index_entities,
    merge_entities,
    name_key,
    parse_articles,
    resolve_entity,
)
from synoptic.analyze.parse_store import store_for
from synoptic.analyze.quotes import ROLE_NOUNS, RawQuote, find_quotes
from synoptic.embed import Embedder
from synoptic.errors import problem
from synoptic.model import (
    Article,
    Citation,
    Divergence,
    Entity,
    FactUnit,
    Framing,
    Problem,
    QualityFlag,
    Quote,
    QuoteVariant,
    Span,
    TimelineEvent,
)
from synoptic.settings import Settings
from synoptic.synthesize.divergence import find_divergences
from synoptic.synthesize.framing import frame_articles
from synoptic.synthesize.quality import flag_quality
from synoptic.synthesize.timeline import build_timeline

UNNAMED = frozenset({"ANON", "AUTHOR"})  # speaker labels that are descriptions, not names


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class StoryAnalysis:
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    timeline: tuple[TimelineEvent, ...]
    provenance: tuple[Citation, ...]
    divergences: tuple[Divergence, ...]
    quality_flags: tuple[QualityFlag, ...]
    framing: tuple[Framing, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Item:
    raw: RawQuote
    speaker: str | None  # canonical entity name
    order: int
    via: str | None = None  # canonical name of the "according to" source

    @property
    def voices(self) -> set[str]:
        return {v for v in (self.speaker, self.via) if v}


def _roles(mentions: Sequence[Mention], index: dict[str, Entity]) -> dict[str, set[str]]:
    """Canonical person -> the role words used for them anywhere in the story."""
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        entity = resolve_entity(m.name, index)
        if entity is not None:
            roles[entity.canonical].update(m.descriptor)
    return roles


def _compatible(a: _Item, b: _Item, roles: dict[str, set[str]]) -> bool:
    """Same speaker or source, or an organisation and a person described by it ("ministry aide")."""
    if a.voices & b.voices:
        return True
    return any(
        name_key(x) in roles.get(y, set()) or name_key(y) in roles.get(x, set())
        for x in a.voices
        for y in b.voices
    )


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def _contained(short: str, long: str) -> bool:
    """A short partial quote whose words stand, in order, inside a longer quote."""
    a, b = " ".join(re.findall(r"\w+", short.lower())), " ".join(re.findall(r"\w+", long.lower()))
    return len(a.split()) <= 6 and len(a) < len(b) and f" {a} " in f" {b} "


def merge_quotes(
    items: Sequence[_Item], embedder: Embedder, roles: dict[str, set[str]], settings: Settings
) -> tuple[Quote, ...]:
    """Group quotes from all articles into statements, each with its variants. A merge score is the
    cosine plus a small bonus for shared content words (settings.quote_merge_*)."""
    if not items:
        return ()
    rank = {"direct": 0, "partial": 1, "indirect": 2}
    items = sorted(items, key=lambda it: (rank.get(it.raw.kind, 3), it.order))
    vectors = embedder.embed([it.raw.text for it in items])
    stems = [_stems(it.raw.text) for it in items]
    groups: list[list[int]] = []
    for i, item in enumerate(items):
        best, best_sim = None, 0.0
        for g, members in enumerate(groups):
            agree = any(_compatible(items[m], item, roles) for m in members)
            if agree and any(_contained(item.raw.text, items[m].raw.text) for m in members):
                sim = 2.0  # a phrase quoted again from a longer quote of the same speaker
            else:
                if any(items[m].raw.span.article_id == item.raw.span.article_id for m in members):
                    continue
                bonus = settings.quote_merge_lexical_weight
                sim = max(float(vectors[m] @ vectors[i]) + bonus * _jaccard(stems[m], stems[i])
                          for m in members)  # fmt: skip
            needed = settings.quote_merge_any_speaker
            if agree and item.raw.kind == "indirect":
                needed = settings.quote_merge_indirect
            elif agree:
                needed = settings.quote_merge_same_speaker
            if sim >= needed and sim > best_sim:
                best, best_sim = g, sim
        if best is None:
            groups.append([i])
        else:
            groups[best].append(i)
    return tuple(_quote([items[m] for m in members]) for members in groups)


def _quote(members: Sequence[_Item]) -> Quote:
    """One statement; its speaker is the most frequent one, a person before an organisation on ties."""
    speakers = Counter(m.speaker for m in members if m.speaker)
    people = {m.speaker for m in members if m.raw.speaker_label == "PERSON"}
    speaker = min(speakers, key=lambda s: (-speakers[s], s not in people, s)) if speakers else None
    variants: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for m in members:
        variants[(" ".join(m.raw.text.split()), m.raw.kind)].append(m.raw.span)
    built = [
        QuoteVariant(text, kind, tuple(sorted({s.article_id for s in spans})), tuple(sorted(spans)))
        for (text, kind), spans in variants.items()
    ]
    built.sort(key=lambda v: (v.kind != "direct", v.support[0]))
    cues = Counter(m.raw.cue for m in members if m.raw.cue)
    cue = min(cues, key=lambda c: (-cues[c], c)) if cues else None
    digest = hashlib.sha256((built[0].text + "|" + (speaker or "")).encode()).hexdigest()[:10]
    return Quote(id=f"q{digest}", speaker=speaker, variants=tuple(built), cue=cue)


def _resolve_cited(name: str, article_mentions: Sequence[Mention], index: dict[str, Entity]) -> str:
    """A cited name as its canonical entity; "X's aide" as the person the article calls an aide."""
    entity = resolve_entity(name, index)
    if entity is not None:
        return entity.canonical
    head = name.split()[-1].lower() if name.split() else ""
    if head in ROLE_NOUNS:
        for m in article_mentions:
            if head in m.descriptor:
                found = resolve_entity(m.name, index)
                if found is not None:
                    return found.canonical
    return name


def _provenance(articles, docs, mentions, index, quotes) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for article, doc in zip(articles, docs, strict=True):
        seen: set[tuple[str, str]] = set()
        for c in find_citations(article, doc):
            cited = _resolve_cited(c.cited, mentions[article.id], index)
            if (cited.lower(), c.how) not in seen:
                seen.add((cited.lower(), c.how))
                out.append(Citation(c.article_id, cited, c.how, c.support))
        spoken: dict[str, list[Span]] = defaultdict(list)
        for quote in quotes:
            for variant in quote.variants:
                spoken[quote.speaker or ""].extend(s for s in variant.support if s.article_id == article.id)
        for speaker in sorted(s for s in spoken if s and spoken[s]):
            out.append(Citation(article.id, speaker, "quoted", tuple(sorted(spoken[speaker]))))
    return tuple(out)


def analyze_story(
    articles: Sequence[Article], facts: Sequence[FactUnit], embedder: Embedder, settings: Settings
) -> StoryAnalysis:
    """Everything the brief says beyond its summary, for one story. Deterministic for the same input."""
    problems: list[Problem] = []
    articles = [a for a in articles if a.text.strip()]
    docs = parse_articles(articles, store_for(settings.resolved_cache_path))
    mentions: dict[str, list[Mention]] = {}
    for article, doc in zip(articles, docs, strict=True):
        try:
            mentions[article.id] = find_mentions(article, doc)
        except Exception as exc:
            problems.append(problem("E_INTERNAL", article.source, f"entities: {exc}"))
            mentions[article.id] = []
    all_mentions = [m for a in articles for m in mentions[a.id]]
    entities = merge_entities(all_mentions, {a.id: a.text for a in articles})
    index = index_entities(entities)
    items: list[_Item] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            raws = find_quotes(article, doc, mentions[article.id])
        except Exception as exc:
            problems.append(problem("E_INTERNAL", article.source, f"quotes: {exc}"))
            continue
        for raw in raws:
            # an unnamed speaker's phrase ends in whatever it mentions ("a group led by X of Y
            # University in Tarrow"): its last word is no surname, so only the whole phrase may match
            named = raw.speaker_label not in UNNAMED
            entity = resolve_entity(raw.speaker, index, by_surname=named) if raw.speaker else None
            via = resolve_entity(raw.via, index) if raw.via else None
            speaker = entity.canonical if entity else raw.speaker
            items.append(_Item(raw, speaker, len(items), via.canonical if via else None))
    quotes = merge_quotes(items, embedder, _roles(all_mentions, index), settings)
    provenance = _provenance(articles, docs, mentions, index, quotes)
    return StoryAnalysis(
        quotes=quotes,
        entities=entities,
        timeline=build_timeline(articles, embedder, settings),
        provenance=provenance,
        divergences=find_divergences(articles, facts, embedder, settings),
        quality_flags=flag_quality(articles, entities, provenance, settings),
        framing=frame_articles(articles, quotes),
        problems=tuple(problems),
    )
