"""A small, rule-based coreference step for people: "he"/"she" and role words back to a named person.

Why rules and not a model: a speaker pronoun in news almost always points at the latest person who was
the subject of a clause outside quotation marks ("Smith arrived late. ... “...,” he said."), and the
one thing a reader adds is gender: from the given name ("Maria Lopez" is "she"), a title or a
gendered role noun ("Mr.", "spokeswoman"), and once "she" has been read as Jones, "he" no longer is.
Every subject pronoun of the article is resolved in text order, so a chain ("Jones ... She ... she
said") carries the person along. Names inside quotation marks are never antecedents: a speaker rarely
names herself.

A short form ("Marlowe", "Edith") stands for the full name the article gave first that ends (surname) or
begins (given name) with it; words the tagger glued to the front of a name ("Sometimes Quill") are not
part of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from synoptic.analyze.cues import SPEECH_VERBS
from synoptic.analyze.entities import NAME_TITLES, Mention
from synoptic.analyze.quote_gender import FEMALE_NOUNS, MALE_NOUNS, gender_of_name, gender_of_words
from synoptic.model import Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
WINDOW_SENTENCES = 8
KIN_NOUNS = frozenset("husband wife son daughter brother sister father mother".split())  # noqa: SIM905
SHORT_QUOTE_WORDS = 4
_WITHHOLD = frozenset({"refuse", "decline", "ask", "want", "wish"})  # ... to give his name
_NAMING = frozenset({"name", "identify", "identified", "named"})  # a quote shorter than this names no topic
GENDER_MAJORITY = 0.75
_COLLECTIVE = frozenset({"police"})
# Role words a description may use for what the name's title abbreviates or states otherwise: "the
# senator" for "Sen. Jane Smith", "the executive" for "Acme CEO John Smith".
ROLE_ALIASES = {
    "senator": frozenset({"sen", "senator"}),
    "representative": frozenset({"rep", "representative", "congressman", "congresswoman"}),
    "governor": frozenset({"gov", "governor"}),
    "sergeant": frozenset({"sgt", "sergeant"}),
    "lieutenant": frozenset({"lt", "lieutenant"}),
    "captain": frozenset({"capt", "captain"}),
    "detective": frozenset({"det", "detective"}),
    "professor": frozenset({"prof", "professor"}),
    "general": frozenset({"gen", "general"}),
    "executive": frozenset({"executive", "ceo", "cfo", "coo", "chairman", "chairwoman"}),
    "host": frozenset({"host", "anchor"}),
    "anchor": frozenset({"host", "anchor"}),
}
_NAME_POS = frozenset({"PROPN"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
_RETAG_LABELS = frozenset({"ORG", "LAW", "PRODUCT", "WORK_OF_ART", "FAC"})
_APPOSITION = re.compile(r",\s+(?:a|an)\s+((?:[\w’'-]+,?\s+){0,7}[\w’'-]+)")
PERSON_NOUNS = NAME_TITLES | FEMALE_NOUNS | MALE_NOUNS | frozenset({"person", "veteran", "resident"})


def _own_possessives(name: Any) -> list[tuple[str, int]]:
    """('f'|'m', position) for each "her"/"his" in the clause whose subject is the name token, and in a
    relative clause on the name ("Smith, who lost his job, sold his house"); a nested clause with a
    subject of its own is someone else's."""
    head = name
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head is not head:
        head = head.head
    roots = [head.head] + [c for c in name.children if c.dep_ == "relcl"]
    out: list[tuple[str, int]] = []
    for root in roots:
        for tok in root.subtree:
            if tok.dep_ != "poss" or tok.lower_ not in ("her", "his") or tok.i == name.i:
                continue
            up, nested = tok.head, False
            while up.i != root.i and up.head is not up:
                if up.i != head.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in up.children):
                    nested = True
                    break
                up = up.head
            if not nested and not (name.idx <= tok.idx < name.idx + len(name.text)):
                out.append(("f" if tok.lower_ == "her" else "m", tok.idx))
    return out


def _owner_gender(tok: Any) -> str | None:
    """'f' / 'm' when the name's phrase holds "her" / "his" ("her agent Jane Smith", "his son Tom")."""
    while tok.dep_ in ("compound", "flat", "appos") and tok.head is not tok:
        tok = tok.head
    for left in tok.lefts:
        for t in left.subtree:
            if t.dep_ == "poss" and t.lower_ in ("her", "his"):
                return "f" if t.lower_ == "her" else "m"
    return None


def _things(doc: Any) -> set[str]:
    """One-word names the article also writes as a whole noun phrase after an article ("the
    Varenna", "a Tolland"): things, whatever the tagger says, because people are not "the Smith"
    ("the Smith campaign" is a modifier and does not count)."""
    out: set[str] = set()
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat") or not tok.text[:1].isupper():
            continue
        lefts = list(tok.lefts)
        if lefts and all(t.dep_ == "det" for t in lefts) and lefts[0].lower_ in ("the", "a", "an"):
            out.add(tok.lower_)
    return out


def _family_names(doc: Any, text: str, people: Sequence[Mention]) -> dict[str, str]:
    """Full names of relatives the article gives by first name only, where the text itself links them to
    a family: "Marlowe and her husband, Ansel," in an article that speaks of "the Marlowes" is Ansel Marlowe.
    Both are needed, the kin apposition and the family plural: a spouse may keep another name."""
    out: dict[str, str] = {}
    for m in people:
        words = m.name.split()
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if len(words) != 1 or span is None or not len(span):
            continue
        tok = span.root
        if tok.dep_ != "appos" or tok.head.lemma_.lower() not in KIN_NOUNS:
            continue
        start = tok.sent.start_char
        owners = [
            p for p in people if start <= p.span.start and p.span.end <= m.span.start and p.name != m.name
        ]
        for owner in reversed(owners):
            surname = owner.name.split()[-1]
            if re.search(rf"\b[Tt]he {re.escape(surname)}(?:e?s)\b", text):
                out.setdefault(words[0].lower(), f"{words[0]} {surname}")
                break
    return out


def _span(start: int, end: int) -> Span:
    return Span("", start, end)


def _words(name: str) -> list[str]:
    return name.lower().replace("’s", "").replace("'s", "").split()


class PersonTracker:
    """Person mentions of one article with subject roles and learned genders, for pronoun resolution."""

    def __init__(
        self,
        doc: Any,
        mentions: Sequence[Mention],
        quote_spans: Sequence[tuple[int, int]],
        roles: frozenset[str] = frozenset(),
    ):
        self.doc = doc
        self.text = doc.text  # spaCy joins a Doc's text anew on every `.text`: build it once
        self.quote_spans = sorted(quote_spans)
        things = _things(doc)
        people = [
            self._tidy(m)
            for m in mentions
            if m.label == "PERSON" and not self._quoted(m.span.start) and m.name.lower() not in things
        ]
        self.people = sorted((m for m in people if m.name), key=lambda m: m.span.start)
        self.fulls: list[Mention] = []  # first full mention of each multi-word name, in text order
        seen: set[str] = set()
        for m in self.people:
            if len(m.name.split()) > 1 and m.name.lower() not in seen:
                seen.add(m.name.lower())
                self.fulls.append(m)
        extra = self._retagged(mentions) + self._untagged_speakers(mentions, things)
        self.people = sorted(self.people + extra, key=lambda m: m.span.start)
        self.family = _family_names(doc, self.text, self.people)
        self.gender: dict[str, str] = {}
        for m in self.people:
            g = self._title_gender(m) or gender_of_name(self.full_name(m).name)
            if g:
                self.gender.setdefault(self._key(m), g)
        self._learn_gender()
        self.owned: dict[int, str] = {}  # mention start -> gender of "her"/"his" in its phrase
        # (char position, sentence index, key, mention, is_subject) in text order
        self.events: list[tuple[int, int, str, Mention, bool]] = []
        for m in self.people:
            tok = self._token(m.span.start, m.span.end)
            if tok is not None:
                owner = _owner_gender(tok)
                if owner:
                    self.owned[m.span.start] = owner
                subject = self._is_subject(tok) and owner is None  # "her agent Jane Smith said": a side
                self.events.append((m.span.start, tok.sent.start, self._key(m), m, subject))
        self._add_described(roles)
        self._add_unnamed()
        self.resolved: dict[int, Mention | None] = {}
        self._resolve_all()

    def _learn_gender(self) -> None:
        """Gender from the article's own possessives before any pronoun is resolved: "Quill, who is
        talking about his childhood, lived with his mother" makes Quill "he", so an earlier "she" in
        the story cannot be him. Only a possessive in the clause the name is the subject of counts, twice
        at least and three to one ("Smith called her sister" is someone else's sister now and then)."""
        votes: dict[str, list[str]] = {}
        for m in self.people:
            tok = self._token(m.span.start, m.span.end)
            if tok is None or not self._is_subject(tok):
                continue
            found = [g for g in _own_possessives(tok) if not self._quoted(g[1])]
            votes.setdefault(self._key(m), []).extend(g for g, _ in found)
        for key, seen in votes.items():
            top = max(("m", "f"), key=seen.count)
            won = seen.count(top)
            if key not in self.gender and won >= 2 and won >= GENDER_MAJORITY * len(seen):
                self.gender[key] = top

    def _retagged(self, mentions: Sequence[Mention]) -> list[Mention]:
        """A lone surname the tagger labelled an organisation or a law ("Smith" as ORG after "John
        Smith" as a person): the person, when a full name the article gave before it ends with it."""
        out: list[Mention] = []
        for m in mentions:
            words = m.name.split()
            if m.label not in _RETAG_LABELS or self._quoted(m.span.start):
                continue
            if 1 < len(words) <= 3 and self._person_apposition(m):
                out.append(replace(m, label="PERSON"))
                continue
            if len(words) != 1:
                continue
            full = next((f for f in self.fulls if f.span.start < m.span.start
                         and _words(f.name)[-1] == words[0].lower()), None)  # fmt: skip
            if full is not None:
                out.append(replace(m, label="PERSON"))
        return out

    def _short_quote(self, pos: int) -> bool:
        """Inside a quotation of three words at most: a name in marks (said “R,” who asked ...)."""
        return any(s <= pos < e and len(self.text[s:e].split()) <= 3 for s, e in self.quote_spans)

    def _untagged_speakers(self, mentions: Sequence[Mention], things: set[str]) -> list[Mention]:
        """A name in marks that the article makes a speaker, which the tagger missed ("“…,” said “R,” who
        asked not to be named" / "R turned to his brother"): a person, at every place it is written."""

        def free(tok: Any) -> bool:
            return not any(m.span.start <= tok.idx < m.span.end for m in mentions) and tok.text[:1].isupper()

        names = {
            tok.text
            for tok in self.doc
            if tok.pos_ == "PROPN" and tok.dep_ in SUBJECT_DEPS and free(tok)
            and tok.head.lemma_.lower() in SPEECH_VERBS and tok.lower_ not in things
            and not any(c.dep_ in ("compound", "flat") for c in tok.children) and tok.dep_ != "compound"
            and self._short_quote(tok.idx)
        }  # fmt: skip
        return [
            Mention(tok.text, "PERSON", _span(tok.idx, tok.idx + len(tok.text)))
            for tok in self.doc
            if tok.text in names and tok.pos_ == "PROPN" and free(tok)
            and (not self._quoted(tok.idx) or self._short_quote(tok.idx))
        ]  # fmt: skip

    def _person_apposition(self, m: Mention) -> bool:
        """A name the tagger called an organisation that the text itself calls a person: "Jane Smith,
        a 24-year-old English actor," (an apposition headed by a person noun)."""
        tok = self._token(m.span.start, m.span.end)
        if tok is None or tok.pos_ != "PROPN":
            return False
        if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in tok.children):
            return True
        # the parse often breaks a long apposition ("a redheaded, freckled actor"): read the words
        after = _APPOSITION.match(self.text, m.span.end)
        return after is not None and bool(PERSON_NOUNS & set(after.group(1).lower().split()))

    def _add_described(self, roles: frozenset[str]) -> None:
        """Subjects that are role descriptions ("the Tarrow official said") are antecedents too: a reader
        reads the next "he added" as that official, not as a named person further back. A description
        the article gave a named person ("the spokesman" for "spokesman Ivan Petrov") stands for them."""
        for tok in self.doc:
            if (
                tok.pos_ != "NOUN"
                or tok.tag_ != "NN"
                or tok.lower_ not in roles
                or tok.dep_ not in SUBJECT_DEPS
            ):
                continue
            if tok.head.lemma_.lower() not in SPEECH_VERBS or tok.lower_ in _COLLECTIVE:
                continue  # only one person who speaks: "the official said", not "his co-worker is"
            if self._quoted(tok.idx) or any(c.lower_ in ("a", "an") for c in tok.lefts):
                continue
            if any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in tok.lefts):
                continue  # "her agent said": the agent of the person the article is about, not a new topic
            person = self.described(tok.lower_, tok.idx)
            left = [t for t in tok.lefts if t.dep_ in ("det", "compound", "amod", "poss")]
            start = min([tok.idx] + [t.idx for t in left])
            if person is None:
                name = self.text[start : tok.idx + len(tok.text)]
                person = Mention(name, "ANON", _span(start, tok.idx + len(tok.text)))
                g = gender_of_words([tok.lower_])
                if g:
                    self.gender.setdefault(self._key(person), g)
            self.events.append((start, tok.sent.start, self._key(person), person, True))
        self.events.sort(key=lambda e: e[0])

    def _add_unnamed(self) -> None:
        """People the article says are unnamed ("one driver, who refused to give his name, ...", "a
        woman who declined to be identified"): an antecedent like any named subject, so the next "he
        said" is theirs and not a name further back; their gender comes from the clause."""
        for tok in self.doc:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PERSON_NOUNS or self._quoted(tok.idx):
                continue
            clauses = [c for c in tok.children if c.dep_ == "relcl"]
            words = {t.lemma_.lower() for c in clauses for t in c.subtree}
            if not (words & _WITHHOLD and words & _NAMING):
                continue
            owned = [t.lower_ for c in clauses for t in c.subtree if t.lower_ in ("his", "her")]
            left = [t for t in tok.lefts if t.dep_ in ("det", "nummod", "amod")]
            start = min([tok.idx] + [t.idx for t in left])
            person = Mention(
                self.text[start : tok.idx + len(tok.text)], "ANON", _span(start, tok.idx + len(tok.text))
            )
            g = gender_of_words([tok.lower_]) or ({"his": "m", "her": "f"}[owned[0]] if owned else None)
            if g:
                self.gender.setdefault(self._key(person), g)
            self.events.append((start, tok.sent.start, self._key(person), person, True))
        self.events.sort(key=lambda e: e[0])

    def _quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_spans)

    def _token(self, start: int, end: int) -> Any | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _tidy(self, m: Mention) -> Mention:
        """The mention without leading words that are not part of a name ("Sometimes Quill" -> "Quill")."""
        span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return m
        toks = list(span)
        while len(toks) > 1 and (toks[0].pos_ not in _NAME_POS or not toks[0].text[:1].isupper()):
            toks = toks[1:]
        if toks[0].i == span[0].i:
            return m
        words = m.name.split()
        drop = len(span) - len(toks)
        name = " ".join(words[drop:]) if len(words) > drop else m.name
        return replace(m, name=name, span=replace(m.span, start=toks[0].idx))

    @staticmethod
    def _is_subject(tok: Any) -> bool:
        appos = False
        while tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head is not tok:
            appos = appos or tok.dep_ == "appos"
            tok = tok.head
        if appos and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            tok = tok.head.head  # "A spokesman for the agency, Jane Smith, said": parsed onto the agency
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            # "the part is played by Jane Smith": the agent of a main-clause passive is who acts; in a
            # clause below ("X was working when she was found by Smith") X stays the topic, and so does
            # a person the passive is about ("She and Jones were brought together by Smith")
            verb = tok.head.head
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            about = [c for c in verb.children if c.dep_ == "nsubjpass"]
            return main and not any(c.pos_ in ("PROPN", "PRON") for c in about)
        return tok.dep_ in SUBJECT_DEPS

    def _title_gender(self, m: Mention) -> str | None:
        words = set(m.descriptor)
        before = self.text[max(0, m.span.start - 6) : m.span.start].lower().split()
        words.update(before[-1:])
        return gender_of_words(words)

    def _key(self, m: Mention) -> str:
        return self.full_name(m).name.lower()

    def _resolve_all(self) -> None:
        """Resolve every he/she subject outside quotes in text order, adding each as a subject event."""
        for tok in self.doc:
            if tok.lower_ not in ("he", "she") or tok.dep_ not in SUBJECT_DEPS or self._quoted(tok.idx):
                continue
            found = self._pick(tok)
            self.resolved[tok.i] = found
            if found is not None:
                key = self._key(found)
                self.gender.setdefault(key, "m" if tok.lower_ == "he" else "f")
                self.events.append((tok.idx, tok.sent.start, key, found, True))
                self.events.sort(key=lambda e: e[0])

    def _pick(self, tok: Any) -> Mention | None:
        want = "m" if tok.lower_ in ("he", "him") else "f"
        sent_starts = sorted({s.start for s in self.doc.sents if s.start <= tok.i})
        floor = sent_starts[-WINDOW_SENTENCES] if len(sent_starts) >= WINDOW_SENTENCES else 0
        # "after her partner Jane Smith died, she said": "her" is "she", so Jane Smith is not
        here = tok.sent.start_char
        other = {e[2] for e in self.events if here <= e[0] < tok.idx and self.owned.get(e[0]) == want}
        before = [e for e in self.events if e[0] < tok.idx and e[1] >= floor and e[2] not in other]
        fits = [e for e in before if self.gender.get(e[2], want) == want]
        subjects = [e for e in fits if e[4]]
        chosen = subjects[-1] if subjects else (fits[-1] if fits else None)
        if chosen is not None:
            topic = self._quoted_topic(tok, chosen[3], want)
            chosen = (0, 0, self._key(topic), topic, True) if topic is not None else chosen
        if chosen is None:
            older = [e for e in self.events if e[0] < tok.idx and self.gender.get(e[2], want) == want]
            chosen = older[-1] if older else None
        return self.full_name(chosen[3]) if chosen is not None else None

    def _quoted_topic(self, tok: Any, speaker: Mention, want: str) -> Mention | None:
        """The article's subject, when a paragraph opens with "she" right after a paragraph in which a
        side voice spoke about that subject by name (“Rosalind was tireless,” said agent Jane Smith. /
        She and ... ): the pronoun goes on with whom the article and the quote are about, not with the
        one quoted. The subject is the first person the article names in full."""
        line_start = self.text.rfind("\n", 0, tok.idx) + 1
        if self.text[line_start : tok.idx].strip() or line_start < 2 or not self.fulls:
            return None
        prev_start = self.text.rfind("\n", 0, line_start - 1) + 1
        if not prev_start <= speaker.span.start < line_start or self._quoted(speaker.span.start):
            return None
        topic = self.fulls[0]
        key = self._key(topic)
        if key == self._key(speaker) or self.gender.get(key, want) != want:
            return None
        words = set(_words(topic.name))
        for s, e in self.quote_spans:
            if prev_start <= s < line_start and len(self.text[s:e].split()) >= SHORT_QUOTE_WORDS:
                said = {w.strip(".,;:!?’'\"").lower() for w in self.text[s:e].split() if w[:1].isupper()}
                if words & said:
                    return topic
        return None

    def antecedent(self, tok: Any) -> Mention | None:
        """The person a he/she/him/her token refers to."""
        if tok.i not in self.resolved:
            self.resolved[tok.i] = self._pick(tok)
        return self.resolved[tok.i]

    def full_name(self, mention: Mention) -> Mention:
        """The fullest mention of the same person in the article ("Jones" -> "Mary Jones").

        A surname goes to the first full name that ends with it, a lone given name to the first that
        begins with it; a longer name to a still longer one that ends with it ("Ted Quill" for "Quill").
        """
        if mention.label != "PERSON":
            return mention
        words = _words(self._tidy(mention).name)
        if not words:
            return mention
        best = next((f for f in self.fulls if self._ends_with(_words(f.name), words)), None)
        if best is None and len(words) == 1:
            best = next((f for f in self.fulls if _words(f.name)[0] == words[0]), None)
        if best is None and len(words) == 1 and words[0] in self.family:
            return replace(mention, name=self.family[words[0]], span=self._tidy(mention).span)
        return best if best is not None else self._tidy(mention)

    @staticmethod
    def _ends_with(full: list[str], words: list[str]) -> bool:
        return len(full) > len(words) and full[-len(words) :] == words

    def _one_key(self, mentions: Sequence[Mention]) -> bool:
        return len({self._key(m) for m in mentions}) == 1

    def described(self, role: str, pos: int) -> Mention | None:
        """The person before `pos` whom the article described by `role` ("the spokesman"): of two
        senators, the one the article has named more often so far (its subject), else the latest; with
        none before, the one person the article describes so further on."""
        wanted = ROLE_ALIASES.get(role, frozenset({role}))
        described = [m for m in self.people if wanted & {d.strip(".") for d in m.descriptor}]
        found = [m for m in described if m.span.end <= pos]
        if not found:  # "…,” said a statement from her lawyer. … lawyer Jane Smith: named further on
            later = [m for m in described if m.span.start > pos]
            return self.full_name(later[0]) if later and self._one_key(later) else None
        counts: dict[str, int] = {}
        for m in self.people:
            if m.span.end <= pos:
                counts[self._key(m)] = counts.get(self._key(m), 0) + 1
        order = {self._key(m): n for n, m in enumerate(found)}  # the latest mention of each
        best = max(order, key=lambda k: (counts.get(k, 0), order[k]))
        return self.full_name(found[order[best]])
