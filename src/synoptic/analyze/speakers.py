"""Who a speaker phrase names, read the way a careful reader does it, inside one article.

A subject phrase of a speech cue is one of: a name (a spaCy mention, or a capitalised proper noun the
tagger missed), a pronoun ("he", "she": resolved by `coref.PersonTracker` to the nearest compatible person;
"I"/"we": the writer or the group), a definite description ("the spokesman": the latest person the article
described by that role word, else the description itself), or an anonymous one ("an officer", "a White
House official", "one witness"): kept as written, never given a nearby name. An organisation keeps its
own voice: "the White House said" is the White House's, not its president's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from synoptic.analyze.coref import PersonTracker
from synoptic.analyze.cues import WRITTEN, subject_of
from synoptic.analyze.entities import TITLES, Mention
from synoptic.model import Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"})
DOCUMENTS = WRITTEN | frozenset("report readout filing memo document complaint transcript".split())  # noqa: SIM905
TITLE_CASE = 0.6  # a sentence with more capitalised words than this is a headline
ORG_LABELS = frozenset({"ORG", "GPE", "FAC"})  # who can speak as a body (not "Norwegian")
SELF_PRONOUNS = frozenset({"i", "we", "me", "us"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "you"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
UNRESOLVED = "UNRESOLVED"  # a pronoun the article does not let us resolve: its span is kept, no name
ANONYMOUS_DETERMINERS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "many"})
ROLE_NOUNS = frozenset(
    """
    official aide spokesman spokeswoman spokesperson minister adviser advisor diplomat source envoy
    representative secretary ambassador officer lawyer attorney analyst expert member lawmaker agent
    manager director chief commander judge mayor governor senator president ceo chairman chairwoman
    witness resident neighbor neighbour friend relative student worker teacher doctor police detective
    sergeant lieutenant captain investigator prosecutor researcher scientist professor author writer
    executive host anchor correspondent reporter critic chef coach producer editor columnist
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name to show, its kind, the phrase at the cue and the named mention."""

    name: str
    label: str  # PERSON | ORG | GPE | NORP | ... | ANON (an unnamed speaker) | AUTHOR (the writer)
    surface: tuple[int, int]  # the speaker as written at the cue ("he", "the official", "Smith")
    mention: tuple[int, int] | None = None  # the named mention it resolves to, where there is one


def _phrase_tokens(head: Any) -> list[Any]:
    """The subject phrase without trailing relative clauses or appositions that run far."""
    toks = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") or t.i < head.i]
    left = [t for t in toks if t.i <= head.i]
    right = [t for t in toks if t.i > head.i and t.i - head.i <= 8]
    out = left + right
    while len(out) > 1 and (out[0].is_punct or out[0].is_space):
        out = out[1:]  # the surface is the speaker's words, not the quote mark before them
    while len(out) > 1 and (out[-1].is_punct or out[-1].is_space):
        out = out[:-1]
    return out


def _proper_name(head: Any) -> str:
    """A name the tagger missed: the head proper noun with its proper-noun compounds, titles dropped."""
    parts = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    parts += [head] + [t for t in head.rights if t.dep_ == "flat" and t.pos_ == "PROPN"]
    words = [t.text for t in sorted(parts, key=lambda t: t.i) if t.lower_.strip(".") not in TITLES]
    return " ".join(words) or head.text


def _headline(sent: Any) -> bool:
    """A sentence in title case ("Post Hit Piece Exploits Mayor"): its capitalised runs are no names."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) > TITLE_CASE * len(words)


def _clean_anon(tokens: Sequence[Any], head: Any | None = None) -> str:
    """An unnamed speaker as shown: the phrase up to a clause that describes it ("a group led by ..."
    is "a group"; the surface span keeps the whole phrase)."""
    kept = list(tokens)
    if head is not None:
        clauses = [t.left_edge.i for t in head.children if t.dep_ in ("relcl", "acl") and t.i > head.i]
        kept = [t for t in tokens if not clauses or t.i < min(clauses)]
    words = [t.text for t in kept if not (t.is_punct and t.text not in "-'’")]
    return " ".join(words).strip(" ,")


class SpeakerFinder:
    """Resolves subject tokens to speakers; one per article, used in text order."""

    def __init__(self, doc: Any, mentions: Sequence[Mention], quote_spans: Sequence[tuple[int, int]]):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.tracker = PersonTracker(doc, self.mentions, quote_spans, ROLE_NOUNS)

    def _at(self, start: int, end: int, person_first: bool = True) -> Mention | None:
        hits = [m for m in self.mentions if m.span.start < end and start < m.span.end]
        hits.sort(key=lambda m: (person_first and m.label != "PERSON", m.label != "ORG", m.span.start))
        return hits[0] if hits else None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The tagged mention overlapping a character range, a person first."""
        return self._at(start, end)

    def _named(self, mention: Mention, surface: tuple[int, int]) -> Speaker:
        label = mention.label
        if label != "PERSON" and len(mention.name.split()) == 1:
            # the tagger calls a lone surname an organisation now and then ("Smith replied"); the
            # article's own full name of a person ending in it says who it is
            as_person = replace(mention, label="PERSON")
            if self.tracker.full_name(as_person).name != as_person.name:
                mention, label = as_person, "PERSON"
        full = self.tracker.full_name(mention) if label == "PERSON" else mention
        return Speaker(full.name, label, surface, (mention.span.start, mention.span.end))

    def resolve(self, head: Any, depth: int = 0) -> Speaker | None:
        """The speaker a subject (or "according to" object) token stands for, or None."""
        low = head.lower_
        surface = (head.idx, head.idx + len(head.text))
        if low in PERSON_PRONOUNS:
            found = self.tracker.antecedent(head)
            if found is None:
                return Speaker(head.text, UNRESOLVED, surface)
            if found.label != "PERSON":  # "the Tarrow official said ... he added": still unnamed
                return Speaker(found.name, found.label, surface)
            return Speaker(found.name, "PERSON", surface, (found.span.start, found.span.end))
        if low in SELF_PRONOUNS:
            return Speaker("the author" if low in ("i", "me") else "we", "AUTHOR", surface)
        if low in GROUP_PRONOUNS:
            return Speaker(head.text, UNRESOLVED, surface)
        if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and depth < 2:
            found = self.resolve(head.head.head, depth + 1)  # "Smith, who said ...": Smith
            return replace(found, surface=surface) if found is not None else None
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        if head.lemma_.lower() in WRITTEN and depth < 2:
            author = self._author(head)
            if author is not None:
                found = self.resolve(author, depth + 1)
                if found is not None:
                    return found
        toks = _phrase_tokens(head)
        span = (toks[0].idx, toks[-1].idx + len(toks[-1]))
        own = self._at(head.idx, head.idx + len(head.text))
        if own is not None:
            return self._named(own, span)
        det = next((t for t in toks if t.dep_ in ("det", "nummod") and t.i < head.i), None)
        anonymous = det is not None and det.lower_ in ANONYMOUS_DETERMINERS
        if head.pos_ == "PROPN" and not anonymous:
            bare = Mention(_proper_name(head), "PERSON", Span("", head.idx, head.idx + len(head.text)))
            full = self.tracker.full_name(bare)  # a surname the tagger missed still gets its full name
            mention = (full.span.start, full.span.end) if full is not bare else None
            return Speaker(full.name, "PERSON", span, mention)
        inside = [m for m in self.mentions if span[0] <= m.span.start and m.span.end <= span[1]]
        person = [m for m in inside if m.label == "PERSON" and self._named_in_apposition(m, head)]
        if person:  # "a spokesman, Jane Smith, said" names the spokesman
            return self._named(person[0], span)
        definite = det is not None and det.lower_ == "the"
        known = self.tracker.described(low, head.idx) if definite and low in SPOKES else None
        voice = self._spoken_for(head, inside, depth) if low in SPOKES and known is None else None
        if voice is not None:  # "a spokesman for the agency said": the agency's word
            return replace(voice, surface=span)
        orgs = [m for m in inside if m.label != "PERSON"]
        if anonymous and orgs and head.lemma_.lower() in DOCUMENTS:
            return self._named(orgs[0], span)  # "a Millbrook Police report": a body's own paper
        if anonymous:
            return Speaker(_clean_anon(toks, head), "ANON", span)
        if low in ROLE_NOUNS or low in TITLES:
            found = self.tracker.described(low, head.idx)
            if found is not None:
                return Speaker(found.name, "PERSON", span, (found.span.start, found.span.end))
        if orgs and low not in ROLE_NOUNS:
            return self._named(orgs[0], span)  # "the Tarrow press office", "the ministry"
        if definite and not inside and low not in ROLE_NOUNS:
            named = self._described_org(head)
            if named is not None:  # "the university" after "the University of Tarnwick"
                return self._named(named, span)
        return Speaker(_clean_anon(toks, head), "ANON", span)

    def _spoken_for(self, head: Any, inside: Sequence[Mention], depth: int) -> Speaker | None:
        """The organisation a spokesperson speaks for: "a spokesman for the agency", "an Acme
        spokeswoman". Their words are the organisation's; a person or an unnamed group is no answer."""
        orgs = [m for m in inside if m.label in ORG_LABELS and m.span.end <= head.idx]
        if orgs:
            return self._named(orgs[-1], (head.idx, head.idx + len(head.text)))
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at"):
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            found = self.resolve(obj, depth + 1) if obj is not None and depth < 2 else None
            if found is not None and found.label in ORG_LABELS:
                return found
        return None

    def _described_org(self, head: Any) -> Mention | None:
        """A definite description of an organisation the article named before: "the university" for
        "the University of Tarnwick" (the head noun is a word of the name), "the police report" for "a
        Smithville Police Department report" (the same head noun, there with the name on it)."""
        before = [m for m in self.mentions if m.label in ORG_LABELS and m.span.end <= head.idx]
        named = [m for m in before if head.lower_ in m.name.lower().split() and not self._in_headline(m)]
        best = named[-1] if named else None
        for tok in self.doc[: head.i]:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() != head.lemma_.lower():
                continue
            lo, hi = tok.left_edge.idx, tok.idx
            held = [m for m in before if lo <= m.span.start and m.span.end <= hi]
            if held and (best is None or held[-1].span.start > best.span.start):
                best = held[-1]
        if best is None:
            best = self._untagged_name(head)
        return best

    def _in_headline(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and _headline(span[0].sent)

    def _untagged_name(self, head: Any) -> Mention | None:
        """A capitalised name the tagger missed whose head word the description repeats ("the Provost of
        the University of Tarnwick" ... "the university"): the proper nouns around it, "of X" included."""
        for tok in reversed(self.doc[: head.i]):
            if tok.lower_ != head.lower_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if tok.dep_ == "compound" or _headline(tok.sent):
                return None
            parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
            for prep in (t for t in tok.rights if t.lower_ == "of"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "PROPN":
                    parts += [prep] + [t for t in obj.subtree if t.pos_ == "PROPN" or t.i == obj.i]
            if len(parts) < 2:
                return None
            parts.sort(key=lambda t: t.i)
            start, end = parts[0].idx, parts[-1].idx + len(parts[-1].text)
            return Mention(" ".join(t.text for t in parts), "ORG", Span("", start, end))
        return None

    @staticmethod
    def _author(head: Any) -> Any | None:
        """Whose words a written thing carries: "a statement from his lawyer" is the lawyer's, "held a
        banner that read" the holder's."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return subject_of(head.head)
        return None

    def _named_in_apposition(self, mention: Mention, head: Any) -> bool:
        """ "The spokesman, John Smith," / "spokesman John Smith" / "her agents, A and B,": the name is
        the head's. A possessive is not ("Smith's agents, A and B, said" is the agents speaking)."""
        toks = [t for t in head.subtree if mention.span.start <= t.idx < mention.span.end]
        roots = [t for t in toks if not mention.span.start <= t.head.idx < mention.span.end or t.head is t]
        if not roots:
            return False
        root = roots[0]
        if root.dep_ in ("appos", "compound", "flat") and root.head.i == head.i:
            return True
        above = root.head
        if root.dep_ == "appos" and above.dep_ == "pobj" and above.head.head.i == head.i:
            return True  # "a spokesman for the agency, Jane Smith": the parse hangs her on the agency
        return root.dep_ == "conj" and above.dep_ == "appos" and above.head.i == head.i
