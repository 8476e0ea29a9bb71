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
    clarify
    """
)
BELIEF_VERBS = _words(
    """
    think believe hope fear know feel expect want worry doubt suspect reckon guess realize realise
    show find indicate suggest imagine understand assume agree see
    """
)
# Verbs whose object is what a source said or stood for ("endorsed Rubio", "called for a ban"): the most
# frequent single-verb cues of PolNeAR train whose content is a noun phrase, not a clause. Attributions
# for the benchmark; the brief keeps to statements.
STANCE_VERBS = _words(
    """
    call endorse criticize criticise support defend praise accuse urge propose oppose seek reject dismiss
    blame attack denounce back mock discuss mention cite announce describe refer blast slam decry
    question compare highlight list name order plan want show find reveal recommend
    welcome applaud condemn challenge demand request offer pledge vow promise push tout
    """
)
# Speech verbs whose object is seldom a statement ("put it", "continued the tour", "posted a video"):
# below 0.3 precision as object cues on PolNeAR train.
_NO_OBJECT_CUES = _words("put continue maintain begin post charge speak talk sign thank identify")
_OBJECT_DEPS = frozenset({"dobj", "prep", "oprd", "xcomp", "dative", "attr", "ccomp"})
_QUOTE_VERBS = _words("quote cite")
_SUBJECT_CONTROL = _words("promise vow pledge threaten")  # "promised voters to say": the subject speaks
# Things that carry someone's words ("a statement saying", "a sign reading"): their author speaks.
WRITTEN = _words("statement release email letter note message sign banner placard poster tweet post")
_TOPIC_CUES = _words("talk speak")
_BACK_CUES = _words("fire shoot hit snap push")  # "“Says who?” Smith fired back": a retort
_OUT_CUES = _words("point")  # "pointed out that ..." speaks; "pointed his gun" does not


def is_cue(tok: Any, beliefs: bool = False) -> bool:
    """A verb that introduces speech (or, with `beliefs`, a state of mind)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in _BACK_CUES:
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)
    if lemma in _OUT_CUES:
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if lemma in _TOPIC_CUES:  # "she talked of “a sheltered childhood”", not "they talked for hours"
        return any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in tok.children)
    return lemma in SPEECH_VERBS or (beliefs and lemma in BELIEF_VERBS)


def subject_of(verb: Any) -> Any | None:
    """The subject of a cue verb, climbing from "saying"/"adding"/"quoted as saying" to its clause."""
    for _ in range(4):
        if verb.lemma_.lower() not in _QUOTE_VERBS:  # "was criticised by Smith as “…”": Smith speaks
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if by is not None and by.pos_ in ("PROPN", "NOUN", "PRON"):
                return by
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # "The paper's critic Jane Smith wrote" parsed as two subjects: the name is the speaker
            return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
        head = verb.head
        reported = head.dep_ == "ccomp" and is_cue(head.head) and not is_cue(head) and head.head.i < head.i
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and reported:
            verb = head.head  # "said it was pleased, adding that ...": the one who said adds
            continue
        if verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() not in _SUBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "led Marlowe to tell", "asked the aide to read": the object speaks
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in WRITTEN:
            return verb.head  # "posted a message reading “…”": the message, whose author speaks
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
    text = doc.text  # spaCy joins a Doc's text anew on every `.text`: once per call
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
        if "\n" in text[min(verb.idx, toks[0].idx) : max(verb.idx, toks[-1].idx)]:
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


def object_clauses(doc: Any) -> list[tuple[int, int, Any]]:
    """What a speech or stance verb takes as its object when that is a noun phrase: (start, end, verb)
    for "criticized the plan", "called for a ban", "described the field as “all very good”"."""
    out: list[tuple[int, int, Any]] = []
    text = doc.text
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (lemma in STANCE_VERBS or lemma in SPEECH_VERBS):
            continue
        if lemma in _NO_OBJECT_CUES:
            continue
        if any(c.dep_ == "ccomp" for c in verb.children):
            continue  # a reported clause: `reported_clauses` has it
        rights = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
        if not rights or not any(c.dep_ in ("dobj", "prep", "oprd") for c in rights):
            continue
        toks = [t for c in rights for t in c.subtree if t.i < verb.sent.end and not t.is_space]
        while toks and toks[-1].is_punct and toks[-1].text not in "”’\"'":
            toks = toks[:-1]
        if len(toks) < 2 or "\n" in text[verb.idx : toks[-1].idx]:
            continue
        out.append((toks[0].idx, toks[-1].idx + len(toks[-1]), verb))
    return out
