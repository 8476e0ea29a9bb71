"""Counts told as orders of magnitude ("hundreds of fans", "thousands of people") that disagree.

A crowd is rarely counted; it is sized: "dozens", "hundreds", "thousands". Two articles that size one
crowd an order apart disagree even without a figure. Crowds are named with different nouns ("people",
"spectators", "audience members"), so nouns of people present count as one thing; any other noun only
matches itself ("hundreds of flights" / "thousands of flights"). Only sentences the aligner put in one
fact, or that share wording (see `divergence._anchored_pairs`), are compared.
"""

from __future__ import annotations

from synoptic.synthesize.slot_counts import stem
from synoptic.synthesize.slot_values import (
    ADDITIVE,
    STOP,
    Clash,
    Member,
    says,
    tokens_span,
    tokens_text,
    wordset,
)

ORDERS = {"dozens": 1, "scores": 1, "hundreds": 2, "thousands": 3, "tens": 4, "millions": 6}
# Nouns for the people present at an event: one crowd, whichever word an article uses.
PRESENT = wordset(
    "people audience spectators fans attendees guests visitors onlookers participants crowd crowds "
    "viewers concertgoers"
)


def magnitudes(m: Member) -> dict[str, tuple[int, int, int]]:
    """What a sentence sizes, by order: thing -> (order, first token, last token). "Tens of thousands"
    is 4, "hundreds of thousands" 5; a thing sized twice, or in an additive phrase, is left out."""
    out: dict[str, tuple[int, int, int]] = {}
    twice: set[str] = set()
    keys = [t.key for t in m.tokens]
    for i, k in enumerate(keys):
        if k not in ORDERS or i + 2 >= len(keys) or keys[i + 1] != "of":
            continue
        if i >= 2 and keys[i - 1] == "of" and keys[i - 2] in ("tens", "hundreds"):
            continue  # the second word of "tens of thousands": read from the first
        order, first, j = ORDERS[k], i, i + 2
        of_thousands = keys[j] == "thousands" and j + 2 < len(keys) and keys[j + 1] == "of"
        if k in ("tens", "hundreds") and of_thousands:
            order, j = (4 if k == "tens" else 5), j + 2
        elif k == "tens":
            continue
        if keys[j] in STOP or not keys[j].isalpha():
            continue
        noun = keys[j]
        last = j + 1 if noun == "audience" and j + 1 < len(keys) and keys[j + 1] == "members" else j
        if any(x in ADDITIVE for x in keys[max(0, first - 3) : first]):
            continue
        thing = "people" if noun in PRESENT else stem(noun)
        if thing in out or thing in twice:
            twice.add(thing)
            out.pop(thing, None)
            continue
        out[thing] = (order, first, last)
    return out


def magnitude_clashes(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """The things two sentences size an order of magnitude apart."""
    ma, mb = magnitudes(a), magnitudes(b)
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    out = []
    for thing in sorted(set(ma) & set(mb)):
        (oa, ia, ja), (ob, ib, jb) = ma[thing], mb[thing]
        if oa == ob:
            continue
        wa, wb = a.tokens[ia : ja + 1], b.tokens[ib : jb + 1]
        xa, xb = tokens_text(ta, wa), tokens_text(tb, wb)
        if says(ta, xb) or says(tb, xa):
            continue  # an article that sizes it both ways speaks of two groups
        slot = "size of the crowd" if thing == "people" else f"number of {thing}"
        out.append(Clash(slot, tokens_span(a.span.article_id, wa), xa, tokens_span(b.span.article_id, wb), xb,
                         a.span, b.span))  # fmt: skip
    return out
