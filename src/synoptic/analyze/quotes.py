"""Quotes in one article: direct, partial and indirect, each with a speaker resolved inside the article.

Quote marks of every style are paired per paragraph; an opening mark left open runs on only when the next
paragraph opens with a mark too (a quote over several paragraphs), otherwise it is ignored, so an
unbalanced mark never swallows the rest of the article.

A quote's speaker is found the way a reader finds it, in this order: the cue of its own sentence and that
cue's subject (`cues.find_cue`, `speakers.SpeakerFinder`); a sentence before it that ends in a colon
("Quill continued:"); else, for a quote with no cue at all, the speaker of the quote just before it in the
same paragraph (`"…," he said. "More words."`) or of the paragraph before when this paragraph is nothing
but the quote. Quotes that share one cue share a `turn`, which is how PolNeAR counts them (one
attribution). Every quote keeps its own span, its speaker's span at the cue and the named mention that
speaker resolves to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from synoptic.analyze.cues import (
    STANCE_VERBS,
    according_clauses,
    according_to,
    find_cue,
    is_cue,
    object_clauses,
    reported_clauses,
    subject_of,
)
from synoptic.analyze.entities import Mention
from synoptic.analyze.quotes_context import (
    LABEL_WORDS,
    SCARE_WORDS,
    TRANSCRIPT,
    aside_about,
    attribution_before,
    colon_intro,
    inverted_subject,
    named_in_marks,
    not_the_listener,
    outside_quotes,
    own_words,
    paused_speaker,
    trailing_cue,
    transcript_speaker,
)
from synoptic.analyze.speakers import ROLE_NOUNS, UNRESOLVED, Speaker, SpeakerFinder
from synoptic.model import Article, Span

__all__ = ["ROLE_NOUNS", "RawQuote", "find_quote_spans", "find_quotes"]

_OPENERS = {"“": "d", "«": "d", "„": "d", "‘": "s", "‹": "s"}
_CLOSERS = {"”": "d", "»": "d", "’": "s", "›": "s"}
_CLOSING = "”»’›\"'"
_LOST = "\ufffd"  # the replacement character a bad decode leaves for a mark


def _mark_kind(line: str, i: int, open_families: list[str]) -> tuple[str, str] | None:
    """('open'|'close', family) for a quote mark at `line[i]`, None for an apostrophe or plain text."""
    ch = line[i]
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if ch in _OPENERS:
        return ("open", _OPENERS[ch]) if not after.isspace() else None
    if ch == _LOST and ("d" in open_families or "D" in open_families) and not before.isspace():
        return "close", "d"  # a closing ” lost to a bad decode ("…,\ufffd? said Smith"): still a close
    if ch in _CLOSERS:
        if ch == "’" and before.isalnum() and after.isalpha():
            return None  # Norway’s, don’t
        if ch == "’" and "s" not in open_families and "S" not in open_families:
            return None
        return "close", _CLOSERS[ch]
    if ch == '"':
        if ("D" in open_families or "d" in open_families) and not before.isspace():
            return "close", "D"  # a straight mark also closes a curly one: “…," she said
        if "D" in open_families and before.isspace() and line[: max(0, i - 1)].rstrip()[-1:] in ".!?":
            return None  # paragraphs of one long quote run together: each reopens, none closes
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


QUOTED_SHARE = (
    0.7  # a clause more quoted than this is its direct quote (PolNeAR train: 0.3 -> 0.7, all F1 +.01)
)
SHORT_SENTENCE = 6  # tokens: "Neil Foley said." after an abbreviation split
CUE_TAIL_WORDS = 8  # "…," said agent Jane Smith of Smith Associates.  (a cue, not a new sentence)
TOPIC_WORDS = frozenset({"on", "about", "of", "regarding", "asked"})  # a label that names a topic
CUE_SENTENCE_WORDS = 30  # the longest cue tail read as the rest of one attribution sentence


@dataclass(frozen=True)
class RawQuote:
    """A quote as found in one article, before merging across articles."""

    text: str
    kind: str  # direct | partial | indirect
    span: Span
    speaker: str | None  # a name as written in the article, resolved within it
    speaker_label: str | None  # PERSON, ORG, ... (spaCy), ANON (unnamed speaker), AUTHOR (the writer)
    cue: str | None
    via: str | None = None  # "according to X": the document or body the words reach us through
    speaker_span: Span | None = None  # the speaker as written at the cue ("he", "the official", "Smith")
    speaker_mention: Span | None = None  # the named mention the speaker resolves to ("Ivan Petrov")
    turn: int = -1  # quotes of one attribution (one cue, continuation in its paragraph) share a turn
    belief: bool = False  # a state of mind ("X believes that ...") rather than speech
    clause: Span | None = None  # a partial quote's reported clause ("says the plan is “a disaster”")


@dataclass
class _Turn:
    speaker: Speaker | None
    cue: str | None
    number: int
    paragraph: int
    end: int
    question: bool = False
    scare: bool = False  # a short phrase in marks inside a sentence


def _paragraph_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _frame(doc: Any, text: str, quoted: Any, outside: Any) -> list[Any]:
    """Tokens around a quote where its cue may stand: the sentences it touches, and the next one when
    the quote ends in a comma or that sentence is short (the tagger splits "Cmdr. Neil Foley said"),
    all inside the quote's paragraph and outside every quotation."""
    para_start = text.rfind("\n", 0, quoted.start_char) + 1
    para_end = text.find("\n", quoted.end_char)
    para_end = len(text) if para_end < 0 else para_end
    first, last = quoted[0].sent, quoted[-1].sent
    stop = last.end
    if stop < len(doc):
        nxt = doc[stop].sent
        tail = text[quoted.end_char : quoted.end_char + 3]
        after = text[quoted.end_char : quoted.end_char + 6].lstrip("”’\"' ")
        rest = text[quoted.end_char : last.end_char].split()  # words of its sentence after the quote
        near_end = len(rest) <= CUE_TAIL_WORDS  # "…," said Cmdr. | Neil Foley: not "…," or that it ...
        if near_end and ("," in tail or len(nxt) <= SHORT_SENTENCE or after[:1].islower()):
            stop = nxt.end  # “…?” an aide asked
    return [t for t in doc[first.start : stop] if para_start <= t.idx < para_end and outside(t)]


def _after_full_stop(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip().rstrip(_CLOSING)
    return bool(lead) and lead[-1] in ".!?"


def _opens_sentence(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip().rstrip(_CLOSING)  # “…Smith.” “We …”
    return not lead or lead[-1] in ".:!?"


def find_quotes(
    article: Article, doc: Any, mentions: Sequence[Mention], beliefs: bool = False
) -> list[RawQuote]:
    """Direct and partial quotes (two words or more) and indirect speech, in text order.

    `beliefs` adds reported states of mind and "according to X, ..." sentences (the attribution
    benchmark counts them; the brief keeps to what people said).
    """
    text = article.text
    spans = find_quote_spans(text)
    finder = SpeakerFinder(doc, mentions, spans)
    found = _direct_quotes(article, doc, finder, spans)
    turns = max((q.turn for q in found), default=-1) + 1
    found += _indirect_quotes(article, doc, finder, spans, beliefs, turns)
    found.sort(key=lambda q: (q.span.start, q.span.end))
    if not beliefs:
        # words in marks that nothing attributes (a sign's slogan, an advert, a title, a chant) are no
        # statement of anyone's: the brief lists who said what; the benchmark path keeps them all
        found = [q for q in found if q.speaker or q.speaker_span or q.via]
    return found


def _direct_quotes(article: Article, doc: Any, finder: SpeakerFinder, spans: list) -> list[RawQuote]:
    text = article.text
    outside = outside_quotes(spans)
    found: list[RawQuote] = []
    prev: _Turn | None = None
    history: list[_Turn] = []
    turns = 0
    for start, end in spans:
        quoted = text[start:end].strip().rstrip(",").strip()
        short = len(quoted.split()) < 2  # single words in marks are scare quotes, not statements ...
        if short and not (text[start:end].rstrip().endswith(",") or text[end + 1 : end + 2] == ","):
            continue
        kind = _kind(text, quoted, start, doc)
        paragraph = _paragraph_of(text, start)
        speaker: Speaker | None = None
        cue: str | None = None
        first = doc.char_span(start, end, alignment_mode="expand")
        frame = _frame(doc, text, first, outside) if first is not None and len(first) else []
        if _after_full_stop(text, start):  # a sentence the tagger ran on from the one before: not its cue
            frame = [t for t in frame if t.idx >= start]
        via_tok, how = according_to(frame)
        verb = find_cue(first, frame, _opens_sentence(text, start)) if frame else None
        if verb is None and first is not None:
            verb = trailing_cue(doc, text, end)
        subject = subject_of(verb) if verb is not None else None
        inside = subject is None or not outside(subject)
        if verb is not None and inside and not named_in_marks(subject, spans):
            subject = inverted_subject(verb, end, outside)
        if verb is not None and subject is not None:
            subject = not_the_listener(verb, subject, finder)
        weak = subject is None or subject.lower_ in ("he", "she")
        if via_tok is not None and how != "according to" and weak:
            subject, cue = via_tok, how
        elif subject is not None:
            cue = verb.lemma_.lower()
        elif via_tok is not None:
            subject, cue = via_tok, "according to"
        continuing = False
        if subject is None and verb is None and _opens_sentence(text, start):
            intro = colon_intro(doc, text, start, spans)
            if intro is not None:
                subject, cue = intro[1], intro[0].lemma_.lower()
        if subject is None and verb is None and _opens_sentence(text, start):
            speaker = transcript_speaker(article.id, text, start, finder)
            cue = "transcript" if speaker is not None else cue
        if speaker is not None:
            pass
        elif subject is not None:
            speaker = finder.resolve(subject)
        elif (
            verb is None
            and prev is not None
            and _continues(text, prev, start, paragraph)
            and not (prev.scare and attribution_before(doc, text, start, spans) is not None)
        ):  # a name in marks is no turn to go on with when the sentence before says who speaks
            speaker, cue, continuing = prev.speaker, prev.cue, prev.paragraph == paragraph
            if not continuing and prev.question:
                # a question, then a new paragraph quoted without a cue: the answer, by the other side
                others = [t for t in history if t.speaker and t.speaker.name != prev.speaker.name]
                other = others[-1] if others else None
                speaker = other.speaker if other is not None else None
                cue = other.cue if other is not None else None
        elif verb is None and (before := attribution_before(doc, text, start, spans)) is not None:
            speaker, cue = finder.resolve(before[1]), before[0].lemma_.lower()
        elif verb is None:
            speaker = paused_speaker(doc, text, start, end, finder)
            voice = prev.speaker if prev is not None else None
            if speaker is None and voice is not None and aside_about(doc, text, start, end, prev, paragraph):
                speaker, cue = voice, prev.cue  # “…” / She had a sharp tongue. “We called her …”
            if speaker is None:
                speaker = own_words(doc, text, start, end, finder)
        number = prev.number if continuing and prev is not None else turns
        turns = max(turns, number + 1)
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        span = Span(article.id, start + lead, start + lead + len(quoted))
        via = finder.resolve(via_tok) if via_tok is not None and how == "according to" else None
        if short:  # ... but a one-word reply with its cue ("“No,” she said.") opens a turn
            if speaker is not None:
                prev = _Turn(speaker, cue, number, paragraph, end, quoted.endswith("?"))
                history.append(prev)
            continue
        raw = _raw(text, span, kind, speaker, cue, via, number)
        if kind == "partial" and verb is not None and subject is not None:
            raw = replace(raw, clause=_clause(article.id, verb, span))
        found.append(raw)
        if kind == "direct" or speaker is not None:
            scare = kind == "partial" and len(quoted.split()) < SCARE_WORDS  # calling her “Mrs. Smith”
            prev = _Turn(speaker, cue, number, paragraph, end, quoted.endswith("?"), scare)
            history.append(prev)
    return found


def _clause(article_id: str, verb: Any, quoted: Span) -> Span:
    """The words a cue verb reports, in its own sentence, around a quote inside them: what the
    attribution is, of which the quoted phrase is a part ("said that the plan “will fail” soon")."""
    sent = verb.sent
    right = [t for c in verb.rights if c.dep_ not in ("punct", "cc") for t in c.subtree if t.i < sent.end]
    right = [t for t in right if not t.is_space]
    while right and right[-1].is_punct and right[-1].text not in "”’\"'":
        right.pop()
    if not right or verb.idx > quoted.start:
        return quoted
    start = min(right[0].idx, quoted.start)
    end = max(right[-1].idx + len(right[-1]), quoted.end)
    return Span(article_id, start, end)


def _continues(text: str, prev: _Turn, start: int, paragraph: int) -> bool:
    """A quote with no cue carries on the previous quote's speaker: in the same paragraph, or as a
    paragraph of its own right after the paragraph that held that quote."""
    if prev.speaker is None:
        return False
    if prev.paragraph == paragraph:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].strip()
    words = lead.split()
    topic = bool(words) and words[0].lower() in TOPIC_WORDS  # "On the proper way to grease a pan:"
    short = len(words) <= (2 * LABEL_WORDS if topic else LABEL_WORDS)
    label = lead.endswith(":") and short and not TRANSCRIPT.search("\n" + lead)
    opens_paragraph = not lead or label
    between = text[prev.end : line_start]
    if len(between.split()) > CUE_TAIL_WORDS:
        # the rest of the previous paragraph may be its cue, however long ("…," says Jane Smith, an
        # anthropologist at the university.), never a second sentence
        tail = between.strip()
        if "\n" in tail or len(tail.split()) > CUE_SENTENCE_WORDS or re.search(r"[.!?][\"”’]?\s+[A-Z]", tail):
            return False
    return opens_paragraph and between.count("\n") <= 2


def _raw(
    text: str,
    span: Span,
    kind: str,
    speaker: Speaker | None,
    cue: str | None,
    via: Speaker | None,
    turn: int,
    belief: bool = False,
) -> RawQuote:
    aid = span.article_id
    if speaker is not None and speaker.label == UNRESOLVED:
        return RawQuote(text[span.start : span.end], kind, span, None, None, cue,
                        speaker_span=Span(aid, *speaker.surface), turn=turn, belief=belief)  # fmt: skip
    return RawQuote(
        text=text[span.start : span.end],
        kind=kind,
        span=span,
        speaker=speaker.name if speaker else None,
        speaker_label=speaker.label if speaker else None,
        cue=cue,
        via=via.name if via is not None and (speaker is None or via.name != speaker.name) else None,
        speaker_span=Span(aid, *speaker.surface) if speaker else None,
        speaker_mention=Span(aid, *speaker.mention) if speaker and speaker.mention else None,
        turn=turn,
        belief=belief,
    )


def _indirect_quotes(
    article: Article,
    doc: Any,
    finder: SpeakerFinder,
    spans: list,
    beliefs: bool,
    turns: int,
) -> list[RawQuote]:
    """Reported speech ("X said (that) ..."), attributed with the same rules as direct quotes.

    A clause that is mostly a direct quote is that quote, not a second statement."""
    out: list[RawQuote] = []
    candidates = reported_clauses(doc, beliefs)
    if beliefs:
        candidates += according_clauses(doc) + object_clauses(doc)
    taken: list[tuple[int, int]] = []
    for start, end, verb in sorted(candidates, key=lambda c: (c[0], -c[1])):
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
        if inside > QUOTED_SHARE * (end - start) or any(s <= start and end <= e for s, e in taken):
            continue
        if verb.lower_ == "to":
            obj = next((c for c in verb.children if c.dep_ == "pobj"), None)
            speaker, cue, belief = (finder.resolve(obj) if obj is not None else None), "according to", False
        else:
            outer = [a for a in verb.ancestors if is_cue(a) and subject_of(a) is not None]
            subject = subject_of(outer[-1] if outer else verb)
            speaker = finder.resolve(subject) if subject is not None else None
            cue, belief = verb.lemma_.lower(), not is_cue(verb) or verb.lemma_.lower() in STANCE_VERBS
        if speaker is None or (speaker.label == UNRESOLVED and not beliefs):
            continue  # reported speech without a speaker is no quote; unresolved only for the benchmark
        taken.append((start, end))
        span = Span(article.id, start, end)
        out.append(_raw(article.text, span, "indirect", speaker, cue, None, turns, belief))
        turns += 1
    return out


def _kind(text: str, quoted: str, start: int, doc: Any) -> str:
    """Direct when the marks hold a whole clause, partial when a phrase is quoted inside a sentence.

    A quote opens a clause after a sentence end, a colon or comma, or right after its speech verb
    ("he said “We will go.”"); one that only closes a sentence inside reported speech ("said he was
    “going to win.”") is a partial quote of that clause, as PolNeAR annotates it (train: these were
    most of the direct quotes with no gold match)."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip().rstrip(_CLOSING)
    opens_clause = not lead or lead[-1] in ".:!?,"
    if not opens_clause and lead[-1:].isalpha():
        before = doc.char_span(line_start + len(lead) - 1, line_start + len(lead), alignment_mode="expand")
        opens_clause = before is not None and len(before) > 0 and is_cue(before[-1])
    return "direct" if opens_clause and len(quoted.split()) >= 4 else "partial"
