"""Two sentences of one fact that read alike but state a different thing: an edit, not a typed value.

Wire copy and its rewrites keep most words of a sentence and change the one that matters:
"Five cars were involved" / "Five other cars were involved" (a total with or without the one already
named), "Several men were aboard the boat" / "It was not known how many men were aboard the boat"
(a count against no count), "The ferry might have been overloaded" / "the ferry was not overloaded"
(a claim against its denial), "the oldest bridge in the county" / "among the oldest bridges" (a
record against a place among the first). Each is found only in sentences the aligner put in one fact, and only
where the rest of the two sentences lines up, since a lone "other" or "not" in loosely related
sentences is about something else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from synoptic.synthesize.slot_counts import stem
from synoptic.synthesize.slot_values import (
    SPEECH,
    STOP,
    Clash,
    Member,
    Token,
    number_at,
    tokens_span,
    tokens_text,
    wordset,
)

# Quantities that answer "how many" without a figure.
VAGUE = wordset("several many few dozens hundreds thousands scores numerous multiple some")
# Words that make "how many" unknown: "it was not known how many", "it is unclear how many".
UNKNOWN = wordset("unclear unknown known clear certain sure determined")
NEGATION = wordset("not never no")
# A negation of these says nothing about the claim: "did not say", "could not confirm", "not known".
NOT_A_DENIAL = wordset(
    "say said says comment commented confirm confirmed know known clear immediately respond responded "
    "return returned release released disclose disclosed identify identified elaborate specify provide "
    "provided yet only just sure certain believe think expect expected want wanted"
)
# Words that make a clause a wish, a plan or a condition rather than a claim ("hoped police would not").
HYPOTHETICAL = wordset(
    "would will should must shall hope hoped hopes hoping want wants wanted wanting urge urged "
    "urging ask asked asking plan plans planned expect expects if unless whether when avoid avoided"
)
# Words that state a claim in the negative without "not": "failed to address", "refused to", "without".
IMPLICIT_NEGATIVE = wordset(
    "fail fails failed failing refuse refused refuses decline declined declines deny denied denies "
    "without lack lacked lacking unable neither nor none"
)
# Verbs too common to pin a claim ("was not going", "did not have").
LIGHT = wordset("been being have has had do does did done going get got make made take took gone come")
PRONOUNS = wordset("he she they it we i you who")
MAX_CLAUSE = 6  # tokens between a negation and the word it denies, or the subject and the negation


def edit_clashes(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """The count and polarity edits between two sentences of one fact, in either order."""
    out: list[Clash] = []
    for x, y, swap in ((a, b, False), (b, a, True)):
        found = (*_other_counts(x, y, texts), *_unknown_counts(x, y, texts), *_denials(x, y, texts),
                 *_superlatives(x, y, texts))  # fmt: skip
        for c in found:
            out.append(Clash(c.slot, c.b, c.b_text, c.a, c.a_text, c.b_sentence, c.a_sentence) if swap else c)
    return out


def _clash(
    slot: str, a: Member, wa: Sequence[Token], b: Member, wb: Sequence[Token], texts: dict[str, str]
) -> Clash:
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    sa, sb = tokens_span(a.span.article_id, wa), tokens_span(b.span.article_id, wb)
    return Clash(slot, sa, tokens_text(ta, wa), sb, tokens_text(tb, wb), a.span, b.span)


def _blocks(a: Member, b: Member) -> list:
    ka, kb = [t.key for t in a.tokens], [t.key for t in b.tokens]
    return [blk for blk in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks() if blk.size]


def _other_counts(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """ "N things" in `a` where `b`, otherwise the same sentence, says "N other things": one total counts
    the thing already named, the other does not. Only for near-copies: elsewhere "other" may set apart
    something the other article never counted ("the driver died and three other people were hurt")."""
    if not any(t.key == "other" for t in b.tokens):
        return []
    blocks = _blocks(a, b)
    matched = sum(blk.size for blk in blocks)
    if matched < 0.8 * max(len(a.tokens), len(b.tokens)):
        return []
    out = []
    for prev, nxt in pairwise(blocks):
        a_end, b_end = prev.a + prev.size, prev.b + prev.size
        if not (nxt.a == a_end and nxt.b == b_end + 1 and b.tokens[b_end].key == "other"):
            continue
        i = a_end - 1  # the figure, the last word before the gap
        start = next((s for s in range(max(0, i - 2), i + 1) if number_at(a.tokens, s)), None)
        if start is None or a.tokens[i].key in STOP or a.tokens[start].key in ("no", "one"):
            continue
        if start + number_at(a.tokens, start)[1] != a_end:
            continue
        noun = a.tokens[a_end]
        if noun.key in STOP or not noun.key.isalpha():
            continue
        wa = a.tokens[start : a_end + 1]
        wb = b.tokens[prev.b + (start - prev.a) : b_end + 2]
        out.append(_clash(f"number of {noun.key}", a, wa, b, wb, texts))
    return out


def _unknown_counts(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """A count of a thing in `a` ("several men were aboard") where `b` says it is not known how many,
    with the words after the thing in common ("men were aboard the boat")."""
    out = []
    kb = [t.key for t in b.tokens]
    if "how" not in kb:
        return []
    for j in range(2, len(kb) - 2):
        if not (kb[j - 2] == "how" and kb[j - 1] == "many"):
            continue
        cue = kb[max(0, j - 6) : j - 2]
        if not (any(k in UNKNOWN for k in cue) and (any(k in NEGATION for k in cue) or "unclear" in cue or
                                                      "unknown" in cue)):  # fmt: skip
            continue
        tail = kb[j : j + 3]
        for i in range(1, len(a.tokens) - 2):
            if [t.key for t in a.tokens[i : i + 3]] != tail or tail[0] in STOP:
                continue
            q = a.tokens[i - 1]
            if q.key not in VAGUE and not (number_at(a.tokens, i - 1) and q.key not in ("no", "one")):
                continue
            start_b = next(k for k in range(max(0, j - 6), j) if kb[k] in UNKNOWN | NEGATION)
            wb = b.tokens[start_b : j + 1]
            out.append(_clash(f"number of {tail[0]}", a, a.tokens[i - 1 : i + 1], b, wb, texts))
            break
    return out


def _negated(tokens: Sequence[Token], i: int) -> bool:
    k = tokens[i].key
    return k in ("not", "never") or k.endswith(("n't", "n’t"))


def _content(t: Token) -> bool:
    """A lower-case word that can carry a claim: a name is who, not what is claimed."""
    return (
        not t.capitalized
        and t.key not in STOP
        and t.key not in LIGHT
        and len(t.key) >= 4
        and t.key.replace("-", "").isalpha()
    )


def _parts(t: Token) -> set[str]:
    """A word, its stem and those of a hyphenated one's parts ("gas-powered" -> gas, power); the word
    itself too, since the crude stem of "address" is not that of "addressed"."""
    words = [t.key, *(p for p in re.split(r"-", t.key) if len(p) >= 4)]
    return {*words, *(stem(w) for w in words)}


def _clause_break(text: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    """Punctuation between tokens i and j that ends a clause (a comma, a semicolon, a dash)."""
    return re.search(r"[,;:—–()]", text[tokens[i].end : tokens[j].start]) is not None


def _denials(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """`b` denies what `a` states: a negation in `b` right before a word `a` states without one, with the
    same subject word before both ("the ferry ... not overloaded" / "the ferry ... overloaded")."""
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    if not any(_negated(b.tokens, n) for n in range(len(b.tokens))):
        return []
    if any(_negated(a.tokens, i) for i in range(len(a.tokens))):
        return []  # both sentences negate something: which clause denies which is not read here
    a_index: dict[str, list[int]] = {}
    for i, t in enumerate(a.tokens):
        if _content(t):
            for p in _parts(t):
                a_index.setdefault(p, []).append(i)
    for n in range(len(b.tokens)):
        if not _negated(b.tokens, n):
            continue
        after = b.tokens[n + 1 : n + 1 + MAX_CLAUSE]
        if after and (after[0].key in NOT_A_DENIAL or any(t.key in NOT_A_DENIAL for t in after[:2])):
            continue
        if _hypothetical(b.tokens, n):
            continue
        for k, t in enumerate(after, start=n + 1):
            if k > n + 1 and _clause_break(tb, b.tokens, k - 1, k):
                break
            if t.key in ("and", "but", "while", "because", "although"):
                break  # "not severe and rapidly resolve": the negation stops at the next clause
            if b.tokens[k - 1].capitalized and k - 1 > n:
                continue  # a word of a name's phrase ("the Board administration") is not the claim
            hits = [i for p in (_parts(t) if _content(t) else ()) for i in a_index.get(p, [])]
            if not hits:
                continue
            subject = _subject(a, b, n, min(hits), ta, tb)
            if subject is None or _hypothetical(a.tokens, min(hits)):
                continue
            sa, j = subject
            if _implicit(a.tokens, sa, min(hits)):
                continue
            wa = a.tokens[sa : max(hits) + 1]
            wb = b.tokens[n : k + 1]
            return [_clash(f"whether the {b.tokens[j].key} … {t.key}", a, wa, b, wb, texts)]
    return []


def _hypothetical(tokens: Sequence[Token], i: int) -> bool:
    """A wish, plan, condition or future among the words before token i ("hoped police would not")."""
    return any(t.key in HYPOTHETICAL for t in tokens[max(0, i - MAX_CLAUSE) : i])


def _implicit(tokens: Sequence[Token], start: int, i: int) -> bool:
    """A verb of refusal or failure between the subject and the stated word ("the pumps failed to work
    during the flood"): the sentence denies it too."""
    return any(t.key in IMPLICIT_NEGATIVE for t in tokens[min(start, max(0, i - 3)) : i])


def _subject(a: Member, b: Member, n: int, hit: int, ta: str, tb: str) -> tuple[int, int] | None:
    """A content word shared by both sentences in the clause before the negation in `b` and before the
    stated word in `a`: (its index in `a`, in `b`), or None. A pronoun before the negation is its
    subject ("Smith said he was not there"), which names nothing to match; a report verb is no subject."""
    for j in range(n - 1, max(-1, n - 1 - MAX_CLAUSE), -1):
        if j < n - 1 and _clause_break(tb, b.tokens, j, j + 1):
            break
        t = b.tokens[j]
        if t.key in PRONOUNS:
            return None
        if not _content(t) or t.key in SPEECH:
            continue
        for i in range(hit - 1, max(-1, hit - 1 - MAX_CLAUSE), -1):
            if i < hit - 1 and _clause_break(ta, a.tokens, i, i + 1):
                break
            if a.tokens[i].key == t.key:
                return i, j
    return None


# Superlatives that make the same kind of record claim: "the earliest" and "among the oldest" compare.
# Not "first" nor "latest": "the first responders", "the latest incident" name things, not records.
SUPERLATIVE_KIND = {
    "earliest": "oldest", "oldest": "oldest", "largest": "largest", "biggest": "largest",
    "smallest": "smallest", "highest": "highest", "tallest": "highest", "deadliest": "deadliest",
    "worst": "worst", "longest": "longest", "best": "best", "fastest": "fastest", "newest": "newest",
    "youngest": "youngest", "strongest": "strongest", "busiest": "busiest",
}  # fmt: skip
HEDGED_SUPERLATIVE = (("among", "the"), ("one", "of", "the"), ("some", "of", "the"))
MAX_HEAD = 6  # tokens from a superlative to the noun both sentences use


def _superlative_at(m: Member, i: int) -> str | None:
    """ "plain", "hedged" or None for the superlative at token i ("the oldest", "among the oldest")."""
    if m.tokens[i].key not in SUPERLATIVE_KIND:
        return None
    keys = [t.key for t in m.tokens[max(0, i - 3) : i + 1]]
    i = len(keys) - 1
    if keys[i] not in SUPERLATIVE_KIND or i == 0 or keys[i - 1] != "the":
        return None
    if any(tuple(keys[max(0, i - len(h)) : i]) == h for h in HEDGED_SUPERLATIVE):
        return "hedged"
    return "plain" if not (i >= 2 and keys[i - 2] == "of") else None


def _superlatives(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """`a` calls a thing the record ("the earliest evidence of glass beads"), `b` one of several ("among the
    oldest known glass beads"): the same kind of superlative, with a word of what it qualifies in common."""
    for i in range(len(a.tokens)):
        if _superlative_at(a, i) != "plain":
            continue
        head_a = {stem(t.key) for t in a.tokens[i + 1 : i + 1 + MAX_HEAD] if _content(t)}
        for j in range(len(b.tokens)):
            if _superlative_at(b, j) != "hedged":
                continue
            if SUPERLATIVE_KIND[a.tokens[i].key] != SUPERLATIVE_KIND[b.tokens[j].key]:
                continue
            head_b = [t for t in b.tokens[j + 1 : j + 1 + MAX_HEAD] if _content(t)]
            shared = [t for t in head_b if stem(t.key) in head_a]
            if not shared:
                continue
            ka = [t.key for t in a.tokens]
            end_a = max(
                k for k in range(i + 1, min(len(ka), i + 1 + MAX_HEAD)) if stem(ka[k]) == stem(shared[-1].key)
            )
            end_b = b.tokens.index(shared[-1])
            start_b = j - (2 if b.tokens[j - 2].key == "among" else 3)
            wa, wb = a.tokens[i - 1 : end_a + 1], b.tokens[start_b : end_b + 1]
            about = f"the {a.tokens[i].key} or among the {b.tokens[j].key} ({shared[-1].key})"
            return [_clash(about, a, wa, b, wb, texts)]
    return []
