"""Attribution cues: the speech verb (or "according to" / "quoting") that says who a quote belongs to.

The cue of a quote is looked for in the sentences the quote touches, outside every quotation: the verb
that governs the quoted words in the parse first ("“…,” she said" / "He said: “…”"), else the nearest
speech verb. Its subject is the speaker; "saying"/"adding" climb to the clause that governs them, and a
passive "was quoted as saying" climbs to "quoted". Cue words beyond say/tell are the ones PolNeAR train
annotates as cues of direct quotes (continued, responded, concluded, shouted, chanted, recalled, ...);
verbs of belief (think, believe, hope, want) are attributions too, but of a state of mind, not speech:
they are kept for the attribution benchmark and out of the brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """
    say tell add note stress warn insist claim state explain announce declare reveal describe complain
    deny argue assert suggest admit acknowledge confirm report write tweet urge accuse call denounce
    reiterate underline emphasise emphasize remark recall mention threaten vow predict quote
    cite read reply ask estimate caution concede contend maintain point observe put continue conclude
    respond answer shout chant yell scream exclaim joke quip confess assure testify plead whisper tout
    boast brag retort counter lament muse wonder promise pledge post blog text email inform recount
    sing cry declare proclaim allege charge advise agree disagree hint signal predict repeat begin
    """
)
BELIEF_VERBS = _words(
    """
    think believe hope fear know feel expect want worry doubt suspect reckon guess realize realise
    show find indicate suggest imagine understand assume agree see
    """
)
_QUOTE_VERBS = _words("quote cite")


def is_cue(tok: Any, beliefs: bool = False) -> bool:
    """A verb that introduces speech (or, with `beliefs`, a state of mind)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in SPEECH_VERBS or (beliefs and lemma in BELIEF_VERBS)


def subject_of(verb: Any) -> Any | None:
    """The subject of a cue verb, climbing from "saying"/"adding"/"quoted as saying" to its clause."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and verb.head is not verb:
            verb = verb.head
        elif verb.dep_ == "pobj" and verb.head.head is not verb.head:
            verb = verb.head.head
        else:
            return None
    return None


def according_to(tokens: Sequence[Any]) -> tuple[Any, str] | tuple[None, None]:
    """(object, cue) of "quoting X" / "citing X", else of "according to X", among `tokens`."""
    found: tuple[Any, str] | tuple[None, None] = (None, None)
    for tok in tokens:
        if tok.lower_ in ("quoting", "citing") and tok.lemma_.lower() in _QUOTE_VERBS | {"quoting", "citing"}:
            for child in tok.children:
                if child.dep_ in ("dobj", "pobj"):
                    return child, tok.lower_
        if tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according":
            for child in tok.children:
                if child.dep_ == "pobj" and found[0] is None:
                    found = (child, "according to")
    return found


def _governs(verb: Any, quoted: Any) -> bool:
    """The verb is an ancestor of the quoted words' root (the parse attaches the quote to its cue)."""
    return any(a.i == verb.i for a in quoted.root.ancestors)


def find_cue(quoted: Any, frame: Sequence[Any], opens_sentence: bool) -> Any | None:
    """The speech verb introducing the `quoted` tokens, among the `frame` tokens around them."""
    verbs = [t for t in frame if is_cue(t)]
    if not verbs:
        return None
    start, end = quoted.start_char, quoted.end_char
    governing = [v for v in verbs if _governs(v, quoted)]
    if governing:
        return min(governing, key=lambda v: _distance(v, start, end))
    after = [v for v in verbs if v.idx >= end]
    before = [v for v in verbs if v.idx < start]
    if opens_sentence and after:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _distance(tok: Any, start: int, end: int) -> int:
    return start - tok.idx if tok.idx < start else tok.idx - end


def reported_clauses(doc: Any, beliefs: bool) -> list[tuple[int, int, Any]]:
    """Reported speech without marks: (start, end, cue verb) for each cue verb's clausal complement."""
    out: list[tuple[int, int, Any]] = []
    for verb in doc:
        if not is_cue(verb, beliefs):
            continue
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if not comps:
            continue
        toks = list(comps[0].subtree)
        if toks and toks[0].dep_ == "mark":
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        if len(toks) < 4 or toks[0].i <= verb.i < toks[-1].i:
            continue
        if "\n" in doc.text[min(verb.idx, toks[0].idx) : max(verb.idx, toks[-1].idx)]:
            continue  # a parse that runs over a paragraph break is not one statement
        out.append((toks[0].idx, toks[-1].idx + len(toks[-1]), verb))
    return out


def according_clauses(doc: Any) -> list[tuple[int, int, Any]]:
    """ "According to X, ...": the rest of the sentence, with the "according to" token as its cue."""
    out: list[tuple[int, int, Any]] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        for n, tok in enumerate(toks[:-1]):
            if tok.lower_ != "according" or toks[n + 1].lower_ != "to":
                continue
            pp = list(toks[n + 1].subtree)
            pp_end = max(t.i for t in pp) if pp else toks[n + 1].i
            rest = [t for t in toks if (t.i > pp_end or t.i < tok.i) and not t.is_punct]
            if len(rest) >= 4:
                out.append((rest[0].idx, rest[-1].idx + len(rest[-1]), toks[n + 1]))
            break
    return out
