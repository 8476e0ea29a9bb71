"""Quotes in one article: direct, partial and indirect, each with a speaker resolved inside the article.

Quote marks of every style are paired per paragraph; an opening mark left open runs on only when the next
paragraph opens with a mark too (a quote over several paragraphs), otherwise it is ignored, so an
unbalanced mark never swallows the rest of the article.

A quote's speaker is found the way a reader finds it, in this order: the cue of its own sentence and that
cue's subject (`cues.find_cue`, `speakers.SpeakerFinder`); a sentence before it that ends in a colon
("Cruz continued:"); else, for a quote with no cue at all, the speaker of the quote just before it in the
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
from synoptic.analyze.speakers import ROLE_NOUNS, UNRESOLVED, Speaker, SpeakerFinder
from synoptic.model import Article, Span

__all__ = ["ROLE_NOUNS", "RawQuote", "find_quote_spans", "find_quotes"]

_OPENERS = {"“": "d", "«": "d", "„": "d", "‘": "s", "‹": "s"}
_CLOSERS = {"”": "d", "»": "d", "’": "s", "›": "s"}


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
        if ch == "’" and "s" not in open_families and "S" not in open_families:
            return None
        return "close", _CLOSERS[ch]
    if ch == '"':
        if ("D" in open_families or "d" in open_families) and not before.isspace():
            return "close", "D"  # a straight mark also closes a curly one: “…," she said
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
SHORT_SENTENCE = 6  # tokens: "Andy Smith said." after an abbreviation split
CUE_TAIL_WORDS = 8  # "…," said agent Jane Smith of Smith Associates.  (a cue, not a new sentence)


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


def _paragraph_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _outside(spans: Sequence[tuple[int, int]]) -> Any:
    def test(tok: Any) -> bool:
        return not any(s - 1 <= tok.idx < e + 1 for s, e in spans) and not tok.is_space

    return test


def _frame(doc: Any, text: str, quoted: Any, outside: Any) -> list[Any]:
    """Tokens around a quote where its cue may stand: the sentences it touches, and the next one when
    the quote ends in a comma or that sentence is short (the tagger splits "Cmdr. Andy Smith said"),
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
        if "," in tail or len(nxt) <= SHORT_SENTENCE or after[:1].islower():  # “…?” an aide asked
            stop = nxt.end
    return [t for t in doc[first.start : stop] if para_start <= t.idx < para_end and outside(t)]


def _opens_sentence(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip()
    return not lead or lead[-1] in ".:!?"


_TRANSCRIPT = re.compile(r"(?:^|\n)((?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w'’-]+):\s*$")
LABEL_WORDS = 6  # "On the proper way to grease a pan:" before a quote: a label, not a cue


def _paragraph_lead(text: str, start: int) -> str:
    """The paragraph's text before the quote's opening mark."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start : max(line_start, start - 1)].strip()


def _transcript_speaker(article_id: str, text: str, start: int, finder: SpeakerFinder) -> Speaker | None:
    """ "Smith: “…”" (an interview transcript): the capitalised name before the colon, when it is a
    person the article names (a label such as "Update:" or "Q:" is not)."""
    lead = _paragraph_lead(text, start)
    match = _TRANSCRIPT.search("\n" + lead)
    if match is None or match.start(1) != 1 or len(match.group(1)) < 2:
        return None
    end = text.rfind(":", 0, start)
    label = match.group(1)
    span = Span(article_id, end - len(label), end)
    found = finder.mention_at(span.start, span.end)
    if found is not None and found.label not in ("PERSON", "ORG"):
        return None  # "Washington:" is a dateline
    bare = Mention(label, "PERSON", span) if found is None or found.label != "PERSON" else found
    full = finder.tracker.full_name(bare)
    named = (found is not None and found.label == "PERSON") or full.name != bare.name
    if not named and text.count(f"\n{label}:") + text.startswith(f"{label}:") < 2:
        return None  # a lone label is no transcript; a name that opens two lines is one
    mention = (full.span.start, full.span.end) if named else None
    return Speaker(full.name, "PERSON", (span.start, span.end), mention)


def _paused_speaker(doc: Any, text: str, start: int, end: int, finder: SpeakerFinder) -> Speaker | None:
    """A paragraph that is nothing but a quote, after a one-sentence paragraph whose subject is a person
    and which quotes nothing ("Smith paused." / "“…”"): that person speaks."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : max(line_start, start - 1)].strip() or len(text[end:line_end].strip()) > 2:
        return None
    if line_start < 2:
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    prev = text[prev_start : line_start - 1]
    if not prev.strip() or any(m in prev for m in "\"“”«»") or len(prev.split()) > 12:
        return None
    span = doc.char_span(prev_start, line_start - 1, alignment_mode="expand")
    if span is None or not len(span) or len({t.sent.start for t in span if not t.is_space}) != 1:
        return None
    subject = subject_of(span[0].sent.root)
    speaker = finder.resolve(subject) if subject is not None else None
    return speaker if speaker is not None and speaker.label == "PERSON" else None


def _inverted_subject(verb: Any, end: int, outside: Any) -> Any | None:
    """The speaker of a cue that follows its quote when the parse gives no subject outside the marks:
    "“…,” replied host Jane Smith" (an object), "“Says who?” said Smith" (the subject taken inside)."""
    if verb.idx < end:
        return None
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "dative") and child.pos_ in ("PROPN", "NOUN"):
            return child if outside(child) else None
    return None


def _not_the_listener(verb: Any, subject: Any, finder: SpeakerFinder) -> Any:
    """ "She said Smith lied, telling him, “…”": the one told is not the teller. When the parse gives
    the cue a subject that is the same person as its object pronoun, the speaker is the subject of the
    speech verb above it."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.lower_ in ("him", "her")]
    obj = objs[0] if objs else None
    if obj is None:
        return subject
    teller, told = finder.resolve(subject), finder.resolve(obj)
    if teller is None or told is None or teller.name != told.name:
        return subject
    for above in verb.ancestors:
        outer = subject_of(above) if is_cue(above) else None
        if outer is not None and outer.i != subject.i:
            return outer
    return subject


def _colon_intro(doc: Any, text: str, start: int, spans: Sequence[tuple[int, int]]) -> Any | None:
    """The subject of "X said:" / "X continued:" / "In a statement, X wrote:" right before the quote."""
    lead = text[: max(0, start - 1)].rstrip()
    if not lead.endswith(":"):
        return None
    if any(s <= len(lead) - 1 < e for s, e in spans):
        return None
    colon = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    outside = _outside(spans)
    verbs = [t for t in sent if outside(t) and t.idx < colon.start_char and (is_cue(t) or t.pos_ == "VERB")]
    for verb in reversed(verbs):
        subject = subject_of(verb)
        if subject is not None:
            return verb, subject
    return None


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
    return found


def _direct_quotes(article: Article, doc: Any, finder: SpeakerFinder, spans: list) -> list[RawQuote]:
    text = article.text
    outside = _outside(spans)
    found: list[RawQuote] = []
    prev: _Turn | None = None
    history: list[_Turn] = []
    turns = 0
    for start, end in spans:
        quoted = text[start:end].strip().rstrip(",").strip()
        short = len(quoted.split()) < 2  # single words in marks are scare quotes, not statements ...
        if short and not (text[start:end].rstrip().endswith(",") or text[end + 1 : end + 2] == ","):
            continue
        kind = _kind(text, quoted, start, end)
        paragraph = _paragraph_of(text, start)
        speaker: Speaker | None = None
        cue: str | None = None
        first = doc.char_span(start, end, alignment_mode="expand")
        frame = _frame(doc, text, first, outside) if first is not None and len(first) else []
        via_tok, how = according_to(frame)
        verb = find_cue(first, frame, _opens_sentence(text, start)) if frame else None
        subject = subject_of(verb) if verb is not None else None
        if verb is not None and (subject is None or not outside(subject)):
            subject = _inverted_subject(verb, end, outside)
        if verb is not None and subject is not None:
            subject = _not_the_listener(verb, subject, finder)
        weak = subject is None or subject.lower_ in ("he", "she")
        if via_tok is not None and how != "according to" and weak:
            subject, cue = via_tok, how
        elif subject is not None:
            cue = verb.lemma_.lower()
        elif via_tok is not None:
            subject, cue = via_tok, "according to"
        continuing = False
        if subject is None and verb is None and _opens_sentence(text, start):
            intro = _colon_intro(doc, text, start, spans)
            if intro is not None:
                subject, cue = intro[1], intro[0].lemma_.lower()
        if subject is None and verb is None and _opens_sentence(text, start):
            speaker = _transcript_speaker(article.id, text, start, finder)
            cue = "transcript" if speaker is not None else cue
        if speaker is not None:
            pass
        elif subject is not None:
            speaker = finder.resolve(subject)
        elif verb is None and prev is not None and _continues(text, prev, start, paragraph):
            speaker, cue, continuing = prev.speaker, prev.cue, prev.paragraph == paragraph
            if not continuing and prev.question:
                # a question, then a new paragraph quoted without a cue: the answer, by the other side
                others = [t for t in history if t.speaker and t.speaker.name != prev.speaker.name]
                other = others[-1] if others else None
                speaker = other.speaker if other is not None else None
                cue = other.cue if other is not None else None
        elif verb is None:
            speaker = _paused_speaker(doc, text, start, end, finder)
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
            prev = _Turn(speaker, cue, number, paragraph, end, quoted.endswith("?"))
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
    label = lead.endswith(":") and len(lead.split()) <= LABEL_WORDS and not _TRANSCRIPT.search("\n" + lead)
    opens_paragraph = not lead or label
    between = text[prev.end : line_start]
    return opens_paragraph and between.count("\n") <= 2 and len(between.split()) <= CUE_TAIL_WORDS


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


def _kind(text: str, quoted: str, start: int, end: int) -> str:
    """Direct when the marks hold a whole clause, partial when a phrase is quoted inside a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip()
    opens_clause = not lead or lead[-1] in ".:!?,"
    closes_clause = quoted.rstrip()[-1:] in (",", ".", "!", "?")
    return "direct" if (opens_clause or closes_clause) and len(quoted.split()) >= 4 else "partial"
