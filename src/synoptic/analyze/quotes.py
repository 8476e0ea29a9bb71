"""Quotes in one article: direct, partial and indirect, each with a speaker resolved inside the article.

Quote marks of every style are paired per paragraph; an opening mark left open runs on only when the next
paragraph opens with a mark too (a quote over several paragraphs), otherwise it is ignored, so an
unbalanced mark never swallows the rest of the article. The speaker comes from the speech verb next to
the quote (its subject), "quoting X" or "according to X"; a descriptor ("the ministry aide") resolves to
the latest person in the article described by the same role, a pronoun to the latest person speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from synoptic.analyze.entities import Mention
from synoptic.model import Article, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """
    say tell add note stress warn insist claim state explain announce declare reveal describe complain
    deny argue assert suggest admit acknowledge confirm report write tweet urge accuse call denounce
    reiterate underline emphasise emphasize believe remark recall mention threaten vow predict quote
    cite read reply ask estimate caution concede contend maintain point observe put
    """
)
ROLE_NOUNS = _words(
    """
    official aide spokesman spokeswoman spokesperson minister adviser advisor diplomat source envoy
    representative secretary ambassador officer lawyer attorney analyst expert member lawmaker
    """
)
PRONOUNS = frozenset({"he", "she", "him", "her"})
_OPENERS = {"“": "d", "«": "d", "„": "d", "‘": "s", "‹": "s"}
_CLOSERS = {"”": "d", "»": "d", "’": "s", "›": "s"}


@dataclass(frozen=True)
class RawQuote:
    """A quote as found in one article, before merging across articles."""

    text: str
    kind: str  # direct | partial | indirect
    span: Span
    speaker: str | None  # a name as written in the article, resolved within it
    speaker_label: str | None  # spaCy label of that name (PERSON, ORG, ...)
    cue: str | None
    via: str | None = None  # "according to X": the document or body the words reach us through
    speaker_span: Span | None = None  # the speaker as written here ("he", "the official", "Smith")


def _mark_kind(line: str, i: int, open_families: list[str]) -> tuple[str, str] | None:
    """('open'|'close', family) for a quote mark at `line[i]`, None for an apostrophe or plain text."""
    ch = line[i]
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if ch in _OPENERS:
        return ("open", _OPENERS[ch]) if not after.isspace() else None
    if ch in _CLOSERS:
        if ch == "’" and before.isalnum() and after.isalpha():
            return None  # Russia’s, don’t
        if ch == "’" and "s" not in open_families:
            return None
        return "close", _CLOSERS[ch]
    if ch == '"':
        if "D" in open_families and not before.isspace():
            return "close", "D"
        return ("open", "D") if not after.isspace() else None
    if ch == "'":
        if before.isalnum() and after.isalpha():
            return None
        if "S" in open_families and not before.isspace() and not after.isalnum():
            return "close", "S"
        if (before.isspace() or before in "([—–-") and after.isalnum():
            return "open", "S"
    return None


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted content (inside the marks), in text order, never overlapping."""
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    offset = 0
    carry: int | None = None  # start of a quote left open at the end of the previous paragraph
    for n, line in enumerate(lines):
        stack: list[tuple[str, int]] = []
        if carry is not None:
            stack.append(("D", carry))
        for i in range(len(line)):
            if i == 0 and carry is not None:
                continue  # the mark that reopens a quote running over paragraphs
            kind = _mark_kind(line, i, [f for f, _ in stack])
            if kind is None:
                continue
            action, family = kind
            if action == "open":
                if stack and family == "S" and stack[-1][0] != "S":
                    continue  # nested single quotes inside a double quote: keep the outer quote
                stack.append((family, offset + i + 1))
            else:
                opened = [k for k, (f, _) in enumerate(stack) if f.lower() == family.lower()]
                if opened:
                    k = opened[-1]
                    if k == 0:
                        spans.append((stack[0][1], offset + i))
                    del stack[k:]
        nxt = lines[n + 1] if n + 1 < len(lines) else ""
        outer = stack[0] if stack else None
        carry = outer[1] if outer and outer[0] in "dD" and nxt[:1] in ("“", '"', "«") else None
        offset += len(line) + 1
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            continue
        if e > s:
            merged.append((s, e))
    return merged


def _subject(verb: Any) -> Any | None:
    """The subject of a speech verb, climbing from "saying"/"adding" to the clause that governs it."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def _is_speech(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS


class _Resolver:
    """Resolves a speaker phrase to a named mention of the article, remembering the latest speaker."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.last_person: Mention | None = None
        self.surface: tuple[int, int] | None = None  # the phrase behind the latest resolution

    def at(self, start: int, end: int) -> Mention | None:
        hits = [m for m in self.mentions if m.span.start < end and start < m.span.end]
        hits.sort(key=lambda m: (m.label != "PERSON", m.label != "ORG", m.span.start))
        return hits[0] if hits else None

    def before(self, pos: int, test: Any) -> Mention | None:
        found = [m for m in self.mentions if m.span.end <= pos and test(m)]
        return found[-1] if found else None

    def phrase(self, head: Any, pos: int) -> Mention | None:
        """A speaker from the subject token: a name, a pronoun or a descriptor."""
        sub = list(head.subtree) if head.lower_ not in PRONOUNS else [head]
        self.surface = (sub[0].idx, sub[-1].idx + len(sub[-1]))
        head_mention = self.at(head.idx, head.idx + len(head.text))
        if head_mention is not None:
            return head_mention
        if head.lower_ in PRONOUNS:
            return self.last_person or self.before(pos, lambda m: m.label == "PERSON")
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        words = {t.lower_ for t in head.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")} - {head.lower_}
        person = self.before(pos, lambda m: m.label == "PERSON" and head.lower_ in m.descriptor)
        if person is None and head.lower_ in ROLE_NOUNS:
            person = self.last_person
        if person is not None:
            return person
        start, end = min(t.idx for t in head.subtree), max(t.idx + len(t) for t in head.subtree)
        inner = self.at(start, end)
        if inner is not None and inner.label != "PERSON" and words:
            return inner
        return None

    def remember(self, mention: Mention | None) -> None:
        if mention is not None and mention.label == "PERSON":
            self.last_person = mention


def _according_to(sent: Any, skip: tuple[int, int]) -> tuple[Any, str] | tuple[None, None]:
    """(object, cue) of "quoting X" / "citing X", else of "according to X", outside the quote."""
    found: tuple[Any, str] | tuple[None, None] = (None, None)
    for tok in sent:
        if skip[0] <= tok.idx < skip[1]:
            continue
        if tok.lower_ in ("quoting", "citing"):
            for child in tok.children:
                if child.dep_ in ("dobj", "pobj"):
                    return child, tok.lower_
        if tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according":
            for child in tok.children:
                if child.dep_ == "pobj" and found[0] is None:
                    found = (child, "according to")
    return found


def _speech_verb(doc: Any, start: int, end: int, prefer_after: bool) -> Any | None:
    """The speech verb that introduces the quote at [start, end): after it for a direct quote that
    opens the sentence, else the nearest one before it."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    sent_open, sent_close = first[0].sent, first[-1].sent
    after = [t for t in sent_close if t.idx >= end and _is_speech(t)]
    before = [t for t in sent_open if t.idx + len(t) <= start and _is_speech(t)]
    if prefer_after and after:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _kind(text: str, quoted: str, start: int, end: int) -> str:
    """Direct when the marks hold a whole clause, partial when a phrase is quoted inside a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip()
    opens_clause = not lead or lead[-1] in ".:!?,"
    closes_clause = quoted.rstrip()[-1:] in (",", ".", "!", "?")
    return "direct" if (opens_clause or closes_clause) and len(quoted.split()) >= 4 else "partial"


def find_quotes(article: Article, doc: Any, mentions: Sequence[Mention]) -> list[RawQuote]:
    """Direct and partial quotes (two words or more) and indirect speech, in text order.

    Candidates are resolved in text order, so a pronoun finds the speaker named just before it.
    """
    resolver = _Resolver(mentions)
    text = article.text
    quote_spans = find_quote_spans(text)
    candidates: list[tuple[int, int, Any]] = [(s, e, None) for s, e in quote_spans]
    candidates.extend(_indirect_candidates(doc, quote_spans))
    candidates.sort(key=lambda c: (c[0], c[1]))
    found: list[RawQuote] = []
    for start, end, verb in candidates:
        quote = _direct(article, doc, resolver, start, end) if verb is None else None
        if verb is not None:
            quote = _indirect(article, resolver, start, end, verb)
        if quote is not None:
            found.append(quote)
    return found


def _direct(article: Article, doc: Any, resolver: _Resolver, start: int, end: int) -> RawQuote | None:
    text = article.text
    quoted = text[start:end].strip().rstrip(",").strip()
    if len(quoted.split()) < 2:
        return None  # single words in marks are scare quotes, not statements
    kind = _kind(text, quoted, start, end)
    resolver.surface = None
    speaker, cue = _attribute(doc, resolver, start, end, prefer_after=kind == "direct")
    surface = resolver.surface if speaker is not None else None
    resolver.remember(speaker)
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    span = Span(article.id, start + lead, start + lead + len(quoted))
    first = doc.char_span(start, end, alignment_mode="expand")
    according, how = _according_to(first[0].sent, (start, end)) if first is not None else (None, None)
    via = resolver.phrase(according, start) if according is not None and how == "according to" else None
    return _raw(text, span, kind, speaker, cue, via, surface)


def _raw(
    text: str,
    span: Span,
    kind: str,
    speaker: Mention | None,
    cue: str | None,
    via: Mention | None = None,
    surface: tuple[int, int] | None = None,
) -> RawQuote:
    return RawQuote(
        text=text[span.start : span.end],
        kind=kind,
        span=span,
        speaker=speaker.name if speaker else None,
        speaker_label=speaker.label if speaker else None,
        cue=cue,
        via=via.name if via is not None and via is not speaker else None,
        speaker_span=Span(span.article_id, *surface) if surface else None,
    )


def _attribute(doc: Any, resolver: _Resolver, start: int, end: int, prefer_after: bool) -> tuple:
    """(speaker mention or None, cue word or None) for the quote at [start, end)."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None, None
    quoted, how = _according_to(first[0].sent, (start, end))
    if quoted is not None and how != "according to":
        speaker = resolver.phrase(quoted, start)
        if speaker is not None:
            return speaker, how
    verb = _speech_verb(doc, start, end, prefer_after)
    if verb is not None:
        subject = _subject(verb)
        if subject is not None:
            speaker = resolver.phrase(subject, start)
            if speaker is not None and not (subject.lower_ in PRONOUNS and quoted is not None):
                return speaker, verb.lemma_.lower()
    if quoted is not None:
        return resolver.phrase(quoted, start), "according to"
    return None, verb.lemma_.lower() if verb is not None else None


def _indirect_candidates(doc: Any, quote_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, Any]]:
    """Reported speech: a speech verb with a clausal complement ("X said (that) ..."), no quote marks."""
    out: list[tuple[int, int, Any]] = []
    for sent in doc.sents:
        for verb in sent:
            if not _is_speech(verb):
                continue
            comps = [c for c in verb.children if c.dep_ == "ccomp"]
            if not comps:
                continue
            toks = list(comps[0].subtree)
            if toks and toks[0].dep_ == "mark":
                toks = toks[1:]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
            if len(toks) < 4:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
            inside = sum(max(0, min(end, e) - max(start, s)) for s, e in quote_spans)
            if inside > 0.3 * (end - start):
                continue
            out.append((start, end, verb))
            break
    return out


def _indirect(article: Article, resolver: _Resolver, start: int, end: int, verb: Any) -> RawQuote | None:
    outer = [a for a in verb.ancestors if _is_speech(a) and _subject(a) is not None]
    subject = _subject(outer[-1] if outer else verb)
    speaker = resolver.phrase(subject, start) if subject is not None else None
    according, how = _according_to(verb.sent, (start, end))
    if according is not None and (speaker is None or subject.lower_ in PRONOUNS or how != "according to"):
        speaker = resolver.phrase(according, start) or speaker
    if speaker is None:
        return None
    resolver.remember(speaker)
    span = Span(article.id, start, end)
    return _raw(article.text, span, "indirect", speaker, verb.lemma_.lower(), None, resolver.surface)
