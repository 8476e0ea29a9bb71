"""Two articles quoting the same words with one word different: a slot of its own ("wording")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from synoptic.synthesize.slot_values import MAX_GAP, Member, Token, money_amount, number_at

WORDING = "wording of a quotation"


ELISION = re.compile(r"…|\.\.\.|\[|\]")


def quote_wording(
    a: Member, b: Member, ta: str, tb: str, gaps: Sequence[tuple[range, range, int, int]]
) -> list:
    """One spot where two articles quote the same words differently; elsewhere the quotation is verbatim.

    Two or more differing spots make a paraphrase or a translation, not a transcription to compare; an
    elision mark ("…") is an announced cut, not a difference.
    """
    quoted_a = sum(a.quoted)
    quoted_b = sum(b.quoted)
    if min(quoted_a, quoted_b) < 4:
        return []
    differing = []
    for ga, gb, before, after in gaps:
        if not all(a.quoted[i] for i in ga) or not all(b.quoted[i] for i in gb):
            continue
        if not (before and after):
            if ga and gb and (any(a.quoted[i] for i in ga) and any(b.quoted[i] for i in gb)):
                return []  # the quotation opens or ends in other words: a paraphrase
            continue  # one article quotes a longer stretch
        if _letters(a.tokens, ga) == _letters(b.tokens, gb) or _same_value(a, b, ga, gb):
            continue
        if _contraction(a, b, ga, gb):
            continue
        left_a, right_a = a.tokens[ga.start - 1].end, a.tokens[ga.stop].start
        left_b, right_b = b.tokens[gb.start - 1].end, b.tokens[gb.stop].start
        if ELISION.search(ta[left_a:right_a]) or ELISION.search(tb[left_b:right_b]):
            continue
        if len(ga) > MAX_GAP or len(gb) > MAX_GAP:
            return []
        differing.append((ga, gb))
    ka, kb = [t.key for t in a.tokens], [t.key for t in b.tokens]
    blocks = SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks()
    matched = sum(1 for blk in blocks for k in range(blk.size) if a.quoted[blk.a + k] and b.quoted[blk.b + k])
    if len(differing) != 1 or matched < max(4, 0.6 * min(quoted_a, quoted_b)):
        return []
    ga, gb = differing[0]
    return [(WORDING, ga, gb, 2, 2)]


def _contraction(a: Member, b: Member, ga: range, gb: range) -> bool:
    """One side is the other written with an apostrophe ("it's" / "it is", "don't" / "do not")."""
    sa, sb = [a.tokens[i] for i in ga], [b.tokens[i] for i in gb]
    short, long = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return (
        len(short) == 1
        and len(long) == 2
        and bool(re.search(r"['’]", short[0].text))
        and short[0].text.lower()[:2] == long[0].text.lower()[:2]
    )


def _same_value(a: Member, b: Member, ga: range, gb: range) -> bool:
    """The two gaps give one figure in two forms ("$20" / "20-dollar")."""
    sa, sb = [a.tokens[i] for i in ga], [b.tokens[i] for i in gb]
    ma, mb = money_amount(sa), money_amount(sb)
    if ma is not None and ma == mb:
        return True
    na = [number_at(a.tokens, i) for i in ga]
    nb = [number_at(b.tokens, i) for i in gb]
    va = [v[0] for v in na if v]
    vb = [v[0] for v in nb if v]
    return bool(va) and va == vb


def _letters(tokens: Sequence[Token], gap: range) -> str:
    return "".join(re.sub(r"\W", "", tokens[i].key) for i in gap)
