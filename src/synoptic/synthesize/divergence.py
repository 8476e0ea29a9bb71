"""Where sources differ: two articles giving different values for the same thing.

Durations, descriptions and states of progress of an event are found by small patterns and compared
across articles that talk about the same kind of event ("call", "talks"). Everything else is a slot
value (see `slots`, with `slot_values`, `slot_gaps`, `slot_counts`, `slot_wording`): a time, date,
count, amount, name, title or quoted word that two articles give differently in sentences whose words
line up around it: sentences of one fact unit, sentences pinned by shared words on both sides of the
value, and counts of what happened (injured, arrested) anywhere in the story. A divergence needs at
least two articles and two different values; each position carries the span of
its value and of its sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from synoptic.embed import Embedder
from synoptic.model import Article, Divergence, FactUnit, Position, Span
from synoptic.settings import Settings
from synoptic.synthesize.no_comment import comment_divergences
from synoptic.synthesize.slot_counts import count_clash, event_counts
from synoptic.synthesize.slot_values import STOP, Clash, Member, member
from synoptic.synthesize.slots import compare

EVENT_NOUNS = (
    "call", "phone call", "conversation", "talks", "talk", "meeting", "dialogue", "discussion",
    "negotiations", "summit", "interview", "session", "hearing", "speech", "visit",
)  # fmt: skip
_EVENT = r"(?P<event>" + "|".join(sorted((re.escape(e) for e in EVENT_NOUNS), key=len, reverse=True)) + r")"
_NUMBER_WORD = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|half an?|\d+(?:\.\d+)?)"
_HEDGE = (
    r"(?:(?:about|around|roughly|nearly|almost|just over|just under|more than|less than|over|under|some)\s+)?"
)
_DURATION = re.compile(rf"\b{_HEDGE}{_NUMBER_WORD}[\s-](?:hours?|minutes?)\b", re.I)
_LENGTH_ADJ = re.compile(
    rf"\b(?:(?:rather|quite|very|fairly|relatively|extremely|unusually)\s+)?(?:lengthy|brief|short|long)"
    rf"\s+(?:[\w-]+\s+)?{_EVENT}\b",
    re.I,
)
_DESCRIBED = re.compile(
    rf"\b(?:described|characteri[sz]ed|termed|called)\s+(?:the|this|their|his|her|a)\s+(?:[\w-]+\s+){{0,2}}"
    rf"{_EVENT}(?:\s+[\w-]+){{0,5}}?\s+as\s+[“\"‘']?(?P<x>[\w-]+(?:,?\s+and\s+[\w-]+)?)",
    re.I,
)
_NATURE = re.compile(
    rf"\b(?:nature|tone|atmosphere|mood) of the {_EVENT}\s+(?:had been|has been|was|is)\s+"
    rf"[“\"‘']?(?P<x>[\w-]+(?:,?\s+and\s+[\w-]+)?)",
    re.I,
)
# States of progress, most advanced first; the first pattern that matches a sentence decides.
STATES = (
    ("nearly done", r"\b(?:practically|almost|nearly|virtually|all but)\s+"
                    r"(?:finished|completed?|done|ready)\b"),
    ("done", r"\b(?:had|has|have)\s+(?:already\s+)?(?:completed|finished)\b"),
    ("in progress", r"\b(?:in the process of \w+ing|being (?:prepared|drafted|finali[sz]ed)"
                    r"|still (?:working on|preparing))\b"),
)  # fmt: skip
_OBJECT = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:its|the|a|an|their|his|her)\s+(?:[\w-]+\s+)?([a-z]{4,})\b")


@dataclass(frozen=True)
class _Claim:
    kind: str  # what is compared: "length of the meeting", "state", "number of ships"
    value: str  # the normalised wording compared
    text: str  # the wording as written
    span: Span
    sentence: Span
    obj: str = ""  # for a state: what is in that state ("response")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _event_noun(word: str) -> str:
    word = word.lower()
    return "talks" if word in ("talk", "talks") else word.split()[-1]


def _sentence_claims(article: Article) -> list[_Claim]:
    out: list[_Claim] = []
    for sentence in article.sentences:
        text, base = sentence.text, sentence.span.start
        events = [m.group("event") for m in re.finditer(rf"\b{_EVENT}\b", text, re.I)]
        if not events:
            events = []
        spans_taken: list[tuple[int, int]] = []
        for m in list(_DURATION.finditer(text)) + list(_LENGTH_ADJ.finditer(text)):
            if not events or any(m.start() < e and s < m.end() for s, e in spans_taken):
                continue
            spans_taken.append(m.span())
            phrase = m.group(0)
            if m.re is _LENGTH_ADJ:
                phrase = phrase[: m.start("event") - m.start()].strip()
                phrase = " ".join(phrase.split()[:2]) if len(phrase.split()) > 2 else phrase
            noun = _event_noun(m.groupdict().get("event") or events[0])
            span = Span(article.id, base + m.start(), base + m.start() + len(phrase))
            out.append(_Claim("length", _norm(phrase), phrase, span, sentence.span, noun))
        for pattern in (_DESCRIBED, _NATURE):
            for m in pattern.finditer(text):
                noun = _event_noun(m.group("event"))
                span = Span(article.id, base + m.start("x"), base + m.end("x"))
                out.append(_Claim("described", _norm(m.group("x")), m.group("x"), span, sentence.span, noun))
        for state, pattern in STATES:
            m = re.search(pattern, text, re.I)
            if m:
                span = Span(article.id, base + m.start(), base + m.end())
                obj = _OBJECT.match(text, m.end())
                noun = obj.group(1) if obj else ""
                out.append(_Claim("state", state, m.group(0), span, sentence.span, noun))
                break
    return out


def _group_by_meaning(claims: Sequence[_Claim], articles: Sequence[Article], facts: Sequence[FactUnit],
                      embedder: Embedder, similar: float) -> list[list[_Claim]]:  # fmt: skip
    """Claims whose sentences report the same fact: same fact unit, or similar in meaning."""
    if not claims:
        return []
    texts = {a.id: a.text for a in articles}
    fact_of: dict[Span, set[str]] = defaultdict(set)
    for fact in facts:
        for span in fact.support:
            fact_of[span].add(fact.id)
    sentences = [texts[c.sentence.article_id][c.sentence.start : c.sentence.end] for c in claims]
    vectors = embedder.embed(sentences)
    sims = vectors @ vectors.T
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            same_fact = bool(fact_of[claims[i].sentence] & fact_of[claims[j].sentence])
            if same_fact or float(sims[i, j]) >= similar:
                parent[find(j)] = find(i)
    groups: dict[int, list[_Claim]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[find(i)].append(claim)
    return [groups[k] for k in sorted(groups)]


def _divergence(about: str, claims: Sequence[_Claim], texts: dict[str, str]) -> Divergence | None:
    if len({c.span.article_id for c in claims}) < 2 or len({c.value for c in claims}) < 2:
        return None
    seen: set[tuple[str, str]] = set()
    positions: list[Position] = []
    for c in sorted(claims, key=lambda c: c.span):
        if (c.span.article_id, c.value) in seen:
            continue
        seen.add((c.span.article_id, c.value))
        positions.append(Position(c.span.article_id, texts[c.span.article_id][c.span.start : c.span.end],
                                  (c.span,)))  # fmt: skip
    return Divergence(about=about, positions=tuple(positions))


def find_divergences(
    articles: Sequence[Article], facts: Sequence[FactUnit], embedder: Embedder, settings: Settings
) -> tuple[Divergence, ...]:
    """Divergences of the story, each with one position per article and wording."""
    texts = {a.id: a.text for a in articles}
    claims = [c for a in articles for c in _sentence_claims(a)]
    out: list[Divergence] = []
    by_kind: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        by_kind[c.kind].append(c)
    for kind, about in (("described", "how the {} was described"), ("length", "length of the {}")):
        div = _divergence(about.format(_main_noun(by_kind[kind], "event")), by_kind[kind], texts)
        if div:
            out.append(div)
    for group in _group_by_meaning(by_kind["state"], articles, facts, embedder, settings.divergence_similar):
        div = _divergence(f"state of the {_main_noun(group, 'progress')}", group, texts)
        if div:
            out.append(div)
    shown = [s for d in out for p in d.positions for s in p.support]
    for div in slot_divergences(articles, facts):
        if not all(any(_overlap(p.support[0], s) for s in shown) for p in div.positions):
            out.append(div)  # a slot the patterns above already report is not reported twice
    out.extend(comment_divergences(articles))
    return tuple(out)


def _main_noun(claims: Sequence[_Claim], default: str) -> str:
    """The noun most claims are about (alphabetical on ties), so the label reads "length of the meeting"."""
    nouns = sorted(c.obj for c in claims if c.obj)
    return max(sorted(set(nouns)), key=nouns.count) if nouns else default


def slot_divergences(articles: Sequence[Article], facts: Sequence[FactUnit]) -> list[Divergence]:
    """Pairs of sentences of two articles that give one slot different values.

    Sentences of one fact unit are compared fully. Other pairs are compared only where the slot is
    pinned by the words on both sides of it, or is a count of what happened (injured, arrested), since
    the aligner does not put every sentence of one fact together. Clashes that share a value (the same
    words of one article) join, so three articles giving two values for one slot make one divergence.
    """
    texts = {a.id: a.text for a in articles}
    members = {s.span: member(a.text, s.span) for a in articles for s in a.sentences}
    clashes: list[Clash] = []
    paired: set[tuple[Span, Span]] = set()
    for fact in facts:
        spans = sorted({sp for sp in fact.support if sp in members})
        for i, x in enumerate(spans):
            for y in spans[i + 1 :]:
                if x.article_id != y.article_id and (x, y) not in paired:
                    paired.add((x, y))
                    clashes.extend(compare(members[x], members[y], texts))
    for x, y in _anchored_pairs(members):
        if (x, y) not in paired:
            paired.add((x, y))
            clashes.extend(compare(members[x], members[y], texts, strict=True))
    by_noun: dict[str, list[Member]] = defaultdict(list)
    for m in members.values():
        for noun in event_counts(m):
            by_noun[noun].append(m)
    for noun, ms in sorted(by_noun.items()):
        for i, x in enumerate(ms):
            for y in ms[i + 1 :]:
                if x.span.article_id != y.span.article_id:
                    clash = count_clash(x, y, noun, texts)
                    if clash:
                        clashes.append(clash)
    return _join(clashes, texts)


def _anchored_pairs(members: dict[Span, Member]) -> list[tuple[Span, Span]]:
    """Sentence pairs of two articles that share two adjacent content words ("friend Abel"), or three
    words two of which are content words ("morning in March")."""
    by_run: dict[tuple[str, ...], set[Span]] = defaultdict(set)
    for span, m in members.items():
        keys = [t.key for t in m.tokens]
        for x, y in pairwise(keys):
            if x not in STOP and y not in STOP:
                by_run[(x, y)].add(span)
        for run in zip(keys, keys[1:], keys[2:], strict=False):
            if sum(k not in STOP for k in run) == 2 and run[1] in STOP:
                by_run[run].add(span)
    pairs: set[tuple[Span, Span]] = set()
    for spans in by_run.values():
        ordered = sorted(spans)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 :]:
                if x.article_id != y.article_id:
                    pairs.add((x, y))
    return sorted(pairs)


def _overlap(a: Span, b: Span) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _join(clashes: Sequence[Clash], texts: dict[str, str]) -> list[Divergence]:
    parent = list(range(len(clashes)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    seen: list[tuple[str, Span, int]] = []
    for i, c in enumerate(clashes):
        kind = c.slot.split()[0]
        for span in (c.a, c.b):
            for other_kind, other, j in seen:
                if other_kind == kind and _overlap(span, other):
                    parent[find(i)] = find(j)
            seen.append((kind, span, i))
    groups: dict[int, list[Clash]] = defaultdict(list)
    for i, c in enumerate(clashes):
        groups[find(i)].append(c)
    out: list[Divergence] = []
    for members in groups.values():
        positions: dict[tuple[str, str], Position] = {}
        for c in members:
            for span, text, sentence in ((c.a, c.a_text, c.a_sentence), (c.b, c.b_text, c.b_sentence)):
                key = (span.article_id, _norm(text))
                if key not in positions:
                    positions[key] = Position(span.article_id, text, (span, sentence))
        if len({_norm(p.text) for p in positions.values()}) < 2:
            continue
        ordered = tuple(sorted(positions.values(), key=lambda p: p.support[0]))
        out.append(Divergence(about=members[0].slot, positions=ordered))
    return sorted(out, key=lambda d: d.positions[0].support[0])
