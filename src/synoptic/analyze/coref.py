"""A small, rule-based coreference step for people: "he"/"she" and role words back to a named person.

Why rules and not a model: a speaker pronoun in news almost always points at the latest person who was
the subject of a clause outside quotation marks ("Smith arrived late. ... “...,” he said."), and the
one thing a reader adds is gender: once "she" has been read as Jones, "he" no longer is. Every subject
pronoun of the article is resolved in text order, so a chain ("Jones ... She ... she said") carries the
person along. Names inside quotation marks are never antecedents: a speaker rarely names herself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synoptic.analyze.entities import Mention

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MALE = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "he", "him", "his", "father", "son"})
_FEMALE = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "lady", "queen", "princess", "she", "her", "mother"})
WINDOW_SENTENCES = 8


def _key(name: str) -> str:
    """A person's key inside one article: the surname, as news refers to people after first mention."""
    words = name.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


class PersonTracker:
    """Person mentions of one article with subject roles and learned genders, for pronoun resolution."""

    def __init__(self, doc: Any, mentions: Sequence[Mention], quote_spans: Sequence[tuple[int, int]]):
        self.doc = doc
        self.quote_spans = sorted(quote_spans)
        people = [m for m in mentions if m.label == "PERSON" and not self._quoted(m.span.start)]
        self.people = sorted(people, key=lambda m: m.span.start)
        self.full: dict[str, Mention] = {}
        for m in self.people:
            best = self.full.get(_key(m.name))
            if best is None or len(m.name.split()) > len(best.name.split()):
                self.full[_key(m.name)] = m
        self.gender: dict[str, str] = {}
        for m in self.people:
            g = self._title_gender(m)
            if g:
                self.gender.setdefault(_key(m.name), g)
        # (char position, sentence index, key, mention, is_subject) in text order
        self.events: list[tuple[int, int, str, Mention, bool]] = []
        for m in self.people:
            tok = self._token(m.span.start, m.span.end)
            if tok is not None:
                self.events.append((m.span.start, tok.sent.start, _key(m.name), m, self._is_subject(tok)))
        self.resolved: dict[int, Mention | None] = {}
        self._resolve_all()

    def _quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_spans)

    def _token(self, start: int, end: int) -> Any | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    @staticmethod
    def _is_subject(tok: Any) -> bool:
        while tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head is not tok:
            tok = tok.head
        return tok.dep_ in SUBJECT_DEPS

    def _title_gender(self, m: Mention) -> str | None:
        words = {w.lower() for w in m.descriptor}
        start = m.span.start
        before = self.doc.text[max(0, start - 6) : start].lower().split()
        words.update(before[-1:])
        if words & _MALE:
            return "m"
        if words & _FEMALE:
            return "f"
        return None

    def _resolve_all(self) -> None:
        """Resolve every he/she subject outside quotes in text order, adding each as a subject event."""
        for tok in self.doc:
            if tok.lower_ not in ("he", "she") or tok.dep_ not in SUBJECT_DEPS or self._quoted(tok.idx):
                continue
            found = self._pick(tok)
            self.resolved[tok.i] = found
            if found is not None:
                key = _key(found.name)
                self.gender.setdefault(key, "m" if tok.lower_ == "he" else "f")
                self.events.append((tok.idx, tok.sent.start, key, found, True))
                self.events.sort(key=lambda e: e[0])

    def _pick(self, tok: Any) -> Mention | None:
        want = "m" if tok.lower_ in ("he", "him") else "f"
        sent_starts = sorted({s.start for s in self.doc.sents if s.start <= tok.i})
        floor = sent_starts[-WINDOW_SENTENCES] if len(sent_starts) >= WINDOW_SENTENCES else 0
        before = [e for e in self.events if e[0] < tok.idx and e[1] >= floor]
        fits = [e for e in before if self.gender.get(e[2], want) == want]
        subjects = [e for e in fits if e[4]]
        chosen = subjects[-1] if subjects else (fits[-1] if fits else None)
        if chosen is None:
            older = [e for e in self.events if e[0] < tok.idx and self.gender.get(e[2], want) == want]
            chosen = older[-1] if older else None
        return self.full.get(chosen[2], chosen[3]) if chosen is not None else None

    def antecedent(self, tok: Any) -> Mention | None:
        """The person a he/she/him/her token refers to."""
        if tok.i not in self.resolved:
            self.resolved[tok.i] = self._pick(tok)
        return self.resolved[tok.i]

    def full_name(self, mention: Mention) -> Mention:
        """The fullest mention of the same person in the article ("Jones" -> "Mary Jones")."""
        return self.full.get(_key(mention.name), mention)

    def described(self, role: str, pos: int) -> Mention | None:
        """The latest person before `pos` whom the article described by `role` ("the spokesman")."""
        found = [m for m in self.people if m.span.end <= pos and role in {d.lower() for d in m.descriptor}]
        return self.full_name(found[-1]) if found else None
