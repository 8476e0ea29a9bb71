"""Typed slot values of two sentences that report the same fact, and where they disagree.

Two articles reporting one fact say it in words that mostly line up. Where the words line up on both
sides of a gap and the gap holds a different value in each (a time, a date, a count, an amount, a name,
a person's role, a word inside the same quotation), the two articles give different values for the
same slot. Aligning the words is what makes it the *same* slot: "left the quay about 5:10 a.m." and
"left the quay about 5:40 a.m." share the context around the values, while two numbers that merely
sit in similar sentences do not. Counts are also compared by the noun they count ("four stepbrothers"
/ "five stepbrothers") where the rest of the sentences is worded differently.

Guards keep out what is not a conflict: a value that is one form of the other ("$50" / "50-dollar"), a
hedged figure consistent with an exact one ("about 250" / "262"), a count said to come on top of
another ("3,000 more jobs", "another", "a total of", "bringing"), and a name that is a part of the other
("Kane" / "Rufus Kane").
"""

from __future__ import annotations

import re

from synoptic.synthesize.slot_counts import count_clashes, two_tallies
from synoptic.synthesize.slot_deaths import death_place_clashes
from synoptic.synthesize.slot_edits import edit_clashes
from synoptic.synthesize.slot_gaps import (
    after_dated_words,
    anchor_run,
    before_full_name,
    before_origin_noun,
    content_anchor,
    enclosed,
    gap_clash,
    sub_gaps,
    word_gaps,
)
from synoptic.synthesize.slot_magnitudes import magnitude_clashes
from synoptic.synthesize.slot_values import (
    APPROX,
    MAX_GAP,
    STOP,
    Clash,
    Member,
    Token,
    says,
    tokens_span,
    tokens_text,
)
from synoptic.synthesize.slot_wording import WORDING, quote_wording


def compare(a: Member, b: Member, texts: dict[str, str], strict: bool = False) -> list[Clash]:
    """The slots where two sentences of different articles, aligned word by word, give different values.

    The word alignment depends on which sentence comes first, so both orders are tried."""
    out = _compare(a, b, texts, strict)
    for c in _compare(b, a, texts, strict):
        swapped = Clash(c.slot, c.b, c.b_text, c.a, c.a_text, c.b_sentence, c.a_sentence)
        if not any(o.a == swapped.a and o.b == swapped.b for o in out):
            out.append(swapped)
    out += magnitude_clashes(a, b, texts)
    if not strict:
        out += count_clashes(a, b, texts) + edit_clashes(a, b, texts) + death_place_clashes(a, b, texts)
    if two_tallies(a, b):
        out = [c for c in out if not c.slot.startswith("number")]
    return out


def _compare(a: Member, b: Member, texts: dict[str, str], strict: bool) -> list[Clash]:
    """One order of `compare`.

    `strict` is for two sentences the aligner did not put in one fact: then only a value enclosed in
    shared words on both sides, two of them content words ("his friend Abel _ (Marcus Whitby)"), counts,
    and no quotation wording or loosely placed count is compared."""
    ka, kb = [t.key for t in a.tokens], [t.key for t in b.tokens]
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    gaps = word_gaps(ka, kb)
    found: list[tuple[str, range, range, int, int]] = []
    for ga, gb, before, after in gaps:
        if not ga or not gb:
            continue
        if not (content_anchor(ka, ga, before, after) or anchor_run(before, after)):
            continue
        pinned_date = strict and after_dated_words(ka, ga, before)
        origin = strict and before_origin_noun(ka, ga, before, after)
        pinned = enclosed(ka, ga, before, after) or before_full_name(a, ga, after) or pinned_date or origin
        if strict and not pinned:
            continue
        short = len(ga) <= MAX_GAP and len(gb) <= MAX_GAP
        for x, y in [(ga, gb)] if short else sub_gaps(a, b, ga, gb):
            clash = gap_clash(a, b, x, y)
            if clash and clash[0].startswith("number") and min(before, after) == 0 and max(before, after) < 2:
                continue  # a figure held by one word of shared context ("years") may count two things
            if (
                clash
                and strict
                and not (clash[0].startswith(("name", "role")) or (clash[0] == "date" and pinned_date))
            ):
                continue  # figures and dates in sentences of two facts are too often two events
            if clash and origin and clash[0] == "name":
                clash = (f"where the {ka[ga.stop]} is from", *clash[1:])
            if clash:
                found.append((clash[0], x, y, clash[1], clash[2]))
                break
    if not strict:
        found.extend(quote_wording(a, b, ta, tb, gaps))
    out: list[Clash] = []
    for slot, ga, gb, before, after in found:
        if slot != WORDING:
            named = slot.startswith(("name", "where"))
            va, vb = _value_text(ta, a, ga, named), _value_text(tb, b, gb, named)
            if (vb and says(ta, vb)) or (va and says(tb, va)):
                continue  # an article that states both values is speaking of two things
        wa, wb = _window(ta, a, ga, before, after), _window(tb, b, gb, before, after)
        sa, sb = tokens_span(a.span.article_id, wa), tokens_span(b.span.article_id, wb)
        out.append(Clash(slot, sa, tokens_text(ta, wa), sb, tokens_text(tb, wb), a.span, b.span))
    return out


def _window(text: str, m: Member, gap: range, before: int, after: int) -> list[Token]:
    """The value with up to `before` / `after` words around it, not across punctuation ("4:30 a.m")."""

    def plain(i: int) -> bool:  # tokens i-1 and i are joined by a space, a stop of "a.m." or nothing
        between = text[m.tokens[i - 1].end : m.tokens[i].start]
        return between.strip() == "" or (between == "." and len(m.tokens[i - 1].text) == 1)

    start, stop = gap.start, gap.stop
    while start > 0 and gap.start - start < before and plain(start):
        start -= 1
    while stop < len(m.tokens) and stop - gap.stop < after and plain(stop):
        stop += 1
    if start == stop:  # nothing between two shared words: show the words around the gap
        start, stop = max(0, gap.start - 1), min(len(m.tokens), gap.stop + 1)
    return list(m.tokens[start:stop])


def _value_text(text: str, m: Member, gap: range, named: bool = False) -> str:
    """The value of a gap without the small words and hedges around it ("roughly 320,000" -> "320,000");
    a name with the shared word next to it ("84th Street"), since a single name word recurs in other
    names."""
    keep = [m.tokens[i] for i in gap if m.tokens[i].key not in STOP and m.tokens[i].key not in APPROX]
    if named and keep:
        if gap.start and m.tokens[gap.start - 1].key not in STOP:
            keep = [m.tokens[gap.start - 1], *keep]
        elif gap.stop < len(m.tokens) and m.tokens[gap.stop].key not in STOP:
            keep = [*keep, m.tokens[gap.stop]]
    return re.sub(r"['’]s$", "", tokens_text(text, keep)) if keep else ""
