"""Where a quote's speaker stands when its own sentence gives no plain "X said" around it.

A careful reader looks beyond the quote's sentence in a few set shapes, each a function here: the
sentence before it ends in a colon ("Smith continued:"); an interview transcript ("Smith: “…”"); a quote
that is a paragraph of its own after "Smith paused."; a cue that follows its quote with the speaker as
its object ("replied anchor Jane Smith"); and the one told is never the teller ("telling him, “…”").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from synoptic.analyze.cues import is_cue, subject_of
from synoptic.analyze.entities import Mention
from synoptic.analyze.speakers import Speaker, SpeakerFinder
from synoptic.model import Span

OBJECT_PRONOUNS = frozenset({"him", "them", "me", "us"})  # "her" is also a possessive


def outside_quotes(spans: Sequence[tuple[int, int]]) -> Any:
    """A token test: True for a word outside every quotation (and its marks)."""

    def test(tok: Any) -> bool:
        return not any(s - 1 <= tok.idx < e + 1 for s, e in spans) and not tok.is_space

    return test


TRANSCRIPT = re.compile(r"(?:^|\n)((?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w'’-]+):\s*$")
LABEL_WORDS = 6  # "On the proper way to grease a pan:" before a quote: a label, not a cue


def paragraph_lead(text: str, start: int) -> str:
    """The paragraph's text before the quote's opening mark."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start : max(line_start, start - 1)].strip()


def transcript_speaker(article_id: str, text: str, start: int, finder: SpeakerFinder) -> Speaker | None:
    """ "Smith: “…”" (an interview transcript): the capitalised name before the colon, when it is a
    person the article names (a label such as "Update:" or "Q:" is not)."""
    lead = paragraph_lead(text, start)
    match = TRANSCRIPT.search("\n" + lead)
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


def paused_speaker(doc: Any, text: str, start: int, end: int, finder: SpeakerFinder) -> Speaker | None:
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
    if not prev.strip() or any(m in prev for m in '"“”«»') or len(prev.split()) > 12:
        return None
    span = doc.char_span(prev_start, line_start - 1, alignment_mode="expand")
    if span is None or not len(span) or len({t.sent.start for t in span if not t.is_space}) != 1:
        return None
    subject = subject_of(span[0].sent.root)
    speaker = finder.resolve(subject) if subject is not None else None
    return speaker if speaker is not None and speaker.label == "PERSON" else None


def inverted_subject(verb: Any, end: int, outside: Any) -> Any | None:
    """The speaker of a cue that follows its quote when the parse gives no subject outside the marks:
    "“…,” replied host Jane Smith" (an object), "“Says who?” said Smith" (the subject taken inside)."""
    if verb.idx < end:
        return None
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "dative") and child.pos_ in ("PROPN", "NOUN"):
            return child if outside(child) else None
    return None


def named_in_marks(subject: Any | None, spans: Sequence[tuple[int, int]]) -> bool:
    """A cue's subject that is a name in quotation marks ("“…,” said “R,” who asked not to be named"):
    the marks hold a name of three words at most that the subject opens, not a quotation."""
    if subject is None or subject.pos_ != "PROPN" or not subject.text[:1].isupper():
        return False
    if subject.i < subject.head.i:
        return False  # "“Forensics,” said Neil Penrose": words in marks before the cue are what was said
    text = subject.doc.text
    verb = subject.head
    for s, e in spans:
        if s <= subject.idx < e:
            right_after = not text[verb.idx + len(verb.text) : s].strip(" \"“'‘")  # said “J,”
            return right_after and len(text[s:e].split()) <= 3 and not text[s : subject.idx].strip()
    return False


def not_the_listener(verb: Any, subject: Any, finder: SpeakerFinder) -> Any:
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


def colon_intro(doc: Any, text: str, start: int, spans: Sequence[tuple[int, int]]) -> Any | None:
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
    outside = outside_quotes(spans)
    verbs = [t for t in sent if outside(t) and t.idx < colon.start_char and (is_cue(t) or t.pos_ == "VERB")]
    for verb in reversed(verbs):
        subject = subject_of(verb)
        if subject is not None and subject.lower_ in OBJECT_PRONOUNS:
            return None  # "surveys showing him behind:" (a headline's small clause): "him" says nothing
        if subject is not None:
            return verb, subject
    return None


SCARE_WORDS = 4  # fewer words in marks inside a sentence are a name or a scare quote, not a turn
TRAILING_WORDS = 5  # “…,” she holds. / “…,” the agency's chief scientist explains.


def trailing_cue(doc: Any, text: str, end: int) -> Any | None:
    """A verb outside the cue lists that attributes the quote just before it: “…,” she holds. The
    quote ends in a comma, and right after its closing mark comes a short subject and a verb that ends
    the sentence, which is the shape of an attribution whatever the verb."""
    inside = text[max(0, end - 2) : end + 2]
    if "," not in inside:
        return None
    after = doc.char_span(end, min(len(text), end + 1), alignment_mode="expand")
    if after is None or not len(after):
        return None
    i = after[0].i
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and doc[i].idx < end + 3:
        i += 1
    for tok in doc[i : i + TRAILING_WORDS]:
        if tok.is_space or "\n" in tok.text:
            return None
        if tok.pos_ == "VERB":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            ends = nxt is None or nxt.text in (".", ",", "!", "?") or nxt.is_space
            subject = subject_of(tok)
            if ends and subject is not None and subject.i < tok.i and subject.i >= i:
                return tok
            return None
    return None


def attribution_before(
    doc: Any, text: str, start: int, spans: Sequence[tuple[int, int]]
) -> tuple[Any, Any] | None:
    """(verb, subject) of the sentence right before a quote that opens a sentence in the same paragraph,
    when that sentence is itself an attribution ("Most scientists say the tools travelled far. “We
    see the first networks.”"): the quote goes on with the same voice."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start : max(line_start, start - 1)].rstrip().rstrip("”»’›\"'")
    if not lead or lead[-1] not in ".!?":
        return None
    last = doc.char_span(line_start + len(lead) - 1, line_start + len(lead), alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = last[0].sent
    quoting = [(s, e) for s, e in spans if len(text[s:e].split()) >= SCARE_WORDS]  # not "Mrs. Smith"
    begin, stop = max(sent.start_char, line_start), line_start + len(lead)
    if any(s < stop and begin < e for s, e in quoting):
        return None  # a sentence that quotes is a turn of its own, which `_continues` reads
    # the tagger may run the sentence on from the paragraph above: its root is then read in this one
    toks = [t for t in sent if begin <= t.idx < stop]
    roots = [t for t in toks if t.head.i == t.i or not begin <= t.head.idx < stop]
    root = sent.root if sent.start_char >= line_start else (roots[0] if len(roots) == 1 else None)
    if root is None or not is_cue(root):
        return None
    subject = subject_of(root)
    return (root, subject) if subject is not None else None


ASIDE_WORDS = 12  # "She also had a sharp tongue." between two quotes of one voice
_THIRD = {
    "she": frozenset({"she", "her", "hers", "herself"}),
    "he": frozenset({"he", "him", "his", "himself"}),
}
_FIRST = frozenset({"i", "me", "my", "myself", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d"})


def aside_about(doc: Any, text: str, start: int, end: int, prev: Any, paragraph: int) -> bool:
    """A quote after a short narrative sentence that opens its paragraph, right after a paragraph of
    quotes: the voice goes on when the sentence is about someone else whom the quote speaks of in the
    third person ("“She was a keen gardener.” / She also had a sharp tongue. “We called her Thistle.”")."""
    line_start = text.rfind("\n", 0, start) + 1
    above = text[:line_start].rstrip()
    if prev.paragraph == paragraph or not above or not above.rfind("\n") < prev.end <= len(above) + 1:
        return False  # the quote before must stand in the paragraph right above
    lead = paragraph_lead(text, start)
    if not lead or any(m in lead for m in '"“”«»') or len(lead.split()) > ASIDE_WORDS:
        return False
    span = doc.char_span(line_start, line_start + len(lead), alignment_mode="expand")
    if span is None or not len(span) or len({t.sent.start for t in span if not t.is_space}) != 1:
        return False
    root = span[0].sent.root
    if is_cue(root):
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in _THIRD:
        return False
    quoted = {w.strip(".,;:!?'’\"").lower() for w in text[start:end].split()}
    return bool(quoted & _THIRD[subject.lower_])


def own_words(doc: Any, text: str, start: int, end: int, finder: SpeakerFinder) -> Speaker | None:
    """A phrase in marks in the first person inside a sentence with no cue is the words of that
    sentence's subject ("She met Owen, “the friend I would trust above all others”")."""
    quoted = {w.strip('.,;:!?"').lower() for w in text[start:end].split()}
    if not quoted & _FIRST:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span[0].sent.root
    line_start = text.rfind("\n", 0, start) + 1
    if not paragraph_lead(text, start) or not line_start <= root.idx < start:
        return None  # the sentence's verb must stand before the quote, in its paragraph
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    speaker = finder.resolve(subject) if subject is not None else None
    return speaker if speaker is not None and speaker.label == "PERSON" else None
