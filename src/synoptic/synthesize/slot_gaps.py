"""Gaps between the aligned words of two sentences, and which slot a gap's two values fill.

The guards live here: a value that is one form of the other, a hedged figure consistent with an exact
one, an additive count, a name that is part of the other, two sources named for one fact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from synoptic.synthesize.slot_values import (
    ADDITIVE,
    MAX_GAP,
    MAX_NAME,
    MAX_ROLE,
    MONTHS,
    ROLE_WORDS,
    SAME_ROLE,
    SPEECH,
    STOP,
    Member,
    Token,
    clock_minutes,
    date_parts,
    has_initials,
    hedge,
    in_range,
    is_acronym,
    is_additive,
    is_name,
    keyset,
    money_amount,
    name_length,
    number_at,
    numbers_differ,
    wordset,
)


def gap_clash(a: Member, b: Member, ga: range, gb: range) -> tuple[str, int, int] | None:
    """What slot the two gaps fill and how far the shown value reaches (tokens before/after), or None."""
    sa, sb = [a.tokens[i] for i in ga], [b.tokens[i] for i in gb]
    left = a.tokens[ga.start - 1].key if ga.start else ""
    right = a.tokens[ga.stop].key if ga.stop < len(a.tokens) else ""
    near_a = a.tokens[max(0, ga.start - 3) : ga.stop + 2]
    near_b = b.tokens[max(0, gb.start - 3) : gb.stop + 2]
    # times of day
    ka, kb = [clock_minutes(t.key) for t in sa], [clock_minutes(t.key) for t in sb]
    if any(v is not None for v in ka) or any(v is not None for v in kb):
        va, vb = next((v for v in ka if v is not None), None), next((v for v in kb if v is not None), None)
        if va is not None and vb is not None and va != vb:
            return "time", 1, 2
        return None
    # dates: a month or a year on both sides, and a part they both give that differs
    da, db = date_parts(sa), date_parts(sb)
    if da or db:
        shared = set(da) & set(db)
        dated = {"month", "year"}
        if dated & set(da) and dated & set(db) and shared and any(da[k] != db[k] for k in shared):
            return "date", 1, 1
        if set(da) == set(db) == {"weekday"} and da["weekday"] != db["weekday"] and len(sa) == len(sb) == 1:
            return "day", 1, 1  # "collapsed on Tuesday" / "collapsed on Wednesday": one event, two days
        return None
    # amounts of money
    ma, mb = money_amount(sa), money_amount(sb)
    if ma is not None or mb is not None:
        if ma is not None and mb is not None and ma != mb:
            return f"amount{' of ' + right if right and right not in STOP else ''}", 1, 1
        return None
    # counts: the figure stands right before the same noun, or right after the same words
    fa, fb = _figure_at_edge(a, ga), _figure_at_edge(b, gb)
    if fa or fb:
        if right and (len(right) < 2 or right in ("am", "pm")):
            return None  # "7 p. m.": a time cut apart by spaces, not a count
        if not (fa and fb) or is_additive(near_a) or is_additive(near_b):
            return None
        (va, ha, edge) = fa
        (vb, hb, edge_b) = fb
        if "both" not in (edge, edge_b) and edge != edge_b:
            return None
        edge = edge_b if edge == "both" else edge
        edge = "before" if edge == "both" else edge  # two lone figures: read as counts of the next word
        if numbers_differ(va, ha, vb, hb):
            what = right if edge == "before" and right not in STOP else ""
            return f"number{' of ' + what if what else ''}", 2, 1
        return None
    if any(number_at(a.tokens, i) for i in ga if a.tokens[i].key != "no") or any(
        number_at(b.tokens, i) for i in gb if b.tokens[i].key != "no"
    ):
        return None
    # a person's role: the title words before the same name
    name_a = a.tokens[ga.stop] if ga.stop < len(a.tokens) else None
    name_b = b.tokens[gb.stop] if gb.stop < len(b.tokens) else None
    if (
        name_a
        and name_b
        and name_a.capitalized
        and name_b.capitalized
        and name_b.key == right
        and right not in ROLE_WORDS
    ):
        possessive = name_a.text.endswith(("'s", "’s")) or b.tokens[gb.stop].text.endswith(("'s", "’s"))
        ra = {SAME_ROLE.get(w, w) for w in keyset(sa) & ROLE_WORDS}
        rb = {SAME_ROLE.get(w, w) for w in keyset(sb) & ROLE_WORDS}
        titled = all(g[-1].key in ROLE_WORDS or g[-1].capitalized for g in (sa, sb))
        if ra and rb and not (ra & rb) and not possessive and titled:  # "coach since King": no title
            name = a.tokens[ga.stop : ga.stop + 2]
            who = " ".join(t.text for t in name if t.capitalized)
            return f"role of {who}", 0, 2
    # names in the same place: after the same name part ("Abel _"), or before the same noun ("a _ couple")
    if is_name(sa, ga.start) and is_name(sb, gb.start):
        wa, wb = keyset(sa), keyset(sb)
        if any(is_acronym(t) for t in (*sa, *sb)) or has_initials(sa) or has_initials(sb):
            return None  # "US" / "American", "GT" / "Grand": an abbreviation is too often a variant
        if name_a and name_a.capitalized and name_a.start - sa[-1].end <= 1:
            return None  # before the same name: a spelling of a first name ("Juri" / "Jury"), "the city's X"
        if max(name_length(a, ga.start), name_length(b, gb.start)) > MAX_NAME:
            return None  # a longer stretch of capitalized words is a title or another name altogether
        if any(t.text.endswith(("'s", "’s")) for t in (sa[-1], sb[-1])):
            return None  # "Spain's" / "Madrid's": a capital stands for its country
        if not (_joined(a, ga) and _joined(b, gb)):
            return None  # "Rufus (Dorian Ashe)": after punctuation, not the rest of the same name
        if left in SPEECH or right in SPEECH or (ga.start >= 2 and a.tokens[ga.start - 2].key in SPEECH):
            return None  # "said Smith" / "said Jones": two sources for one fact, not two values
        if _name_continues(a, ga.start) or _name_continues(b, gb.start):
            return None  # "New York _": the rest of a longer name is another entity ("Times", "Yankees")
        if (left in ROLE_WORDS or left in HONORIFICS) and min(len(sa), len(sb)) >= 2:
            return None  # "Deputy Ann Lowe" / "Deputy Ivo Marsh": two people with one title, not one name
        if _spelled_alike(sa, sb):
            return None  # "Mrs" / "Ms", "Avenue" / "Ave", "Vendome" / "Vendôme": one name written two ways
        if not (wa <= wb or wb <= wa) and not _same_name(sa, sb):
            after_word = a.tokens[ga.start - 1].text if left and left not in STOP else ""
            return (f"name after “{after_word}”" if after_word else "name"), 1, 1
        return None
    # how a counted group is described: one word after the same figure, before the same noun
    if (
        len(sa) == len(sb) == 1
        and ga.start
        and number_at(a.tokens, ga.start - 1)
        and right not in ("", *STOP)
    ):
        x, y = sa[0], sb[0]
        plain = all(t.key.isalpha() and not t.capitalized and t.key not in STOP | ADDITIVE for t in (x, y))
        if plain and not (a.quoted[ga.start] or b.quoted[gb.start]) and not _same_name(sa, sb):
            return f"description of the {a.tokens[ga.start - 1].text} … {a.tokens[ga.stop].text}", 1, 2
    return None


# Titles and street words written in full or cut short; none is a value of a name.
HONORIFICS = wordset("mr mrs ms miss dr sen rep gov rev sgt lt capt prof mx sir dame lord lady")
SHORT_FORMS = {
    "street": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr", "lane": "ln",
    "place": "pl", "court": "ct", "mount": "mt", "saint": "st", "fort": "ft", "highway": "hwy",
    "terrace": "ter", "square": "sq", "parkway": "pkwy", "senator": "sen", "governor": "gov",
    "representative": "rep", "reverend": "rev", "doctor": "dr", "professor": "prof",
}  # fmt: skip


def _name_continues(m: Member, start: int) -> bool:
    """Two capitalized words run into the gap ("New York _", "North Carolina _"): the gap is the rest
    of a longer name, and two different rests make two entities, not two values of one."""
    prev = m.tokens[max(0, start - 2) : start]
    return (
        len(prev) == 2
        and all(t.capitalized and t.key.isalpha() for t in prev)
        and all(m.tokens[i].start - m.tokens[i - 1].end <= 1 for i in range(start - 1, start + 1))
    )


def _plain_key(t: Token) -> str:
    """A word without accents and stops, in its short form ("Avenue" -> "ave", "Vendôme" -> "vendome")."""
    folded = unicodedata.normalize("NFKD", t.key)
    key = "".join(c for c in folded if not unicodedata.combining(c)).strip(".")
    return SHORT_FORMS.get(key, key)


def _spelled_alike(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """The two gaps differ only in titles, short forms and accents."""
    ka = [k for k in map(_plain_key, a) if k not in HONORIFICS]
    kb = [k for k in map(_plain_key, b) if k not in HONORIFICS]
    return ka == kb or not ka or not kb


def _figure_at_edge(m: Member, gap: range) -> tuple[float, str, str] | None:
    """A figure that ends the gap (before its noun) or opens it (after the same words), not a range end."""
    for i in gap:
        found = number_at(m.tokens, i)
        if not found or m.tokens[i].key == "no" or re.fullmatch(r"(?:1[6-9]|20)\d\d", m.tokens[i].key):
            continue
        value, n = found
        if in_range(m.tokens, i, n):
            return None
        if i == gap.start and i + n == gap.stop:
            return value, hedge(m.tokens, i), "both"  # the figure is the whole gap: either edge
        if i + n == gap.stop:
            return value, hedge(m.tokens, i), "before"
        if i == gap.start:
            return value, hedge(m.tokens, i), "after"
    return None


def _same_name(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """One form of the other: the same letters, or a word and its derivative ("Norway" / "Norwegian")."""
    x = "".join(re.sub(r"\W", "", t.key) for t in a)
    y = "".join(re.sub(r"\W", "", t.key) for t in b)
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def _role_gap(m: Member, stop: int) -> range:
    """The title words right before a name at token `stop` ("TV director", "Executive Vice President")."""
    start = stop
    while start > 0 and stop - start < MAX_ROLE:
        t = m.tokens[start - 1]
        between = m.tokens[start].start - t.end
        if t.key in STOP or (between > 1 and start != stop):
            break  # a small word, or punctuation other than the comma of "the attorney, Tobias Varga,"
        start -= 1
    return range(start, stop)


def sub_gaps(a: Member, b: Member, ga: range, gb: range) -> list[tuple[range, range]]:
    """The parts of a long gap that can hold one value: the title words before the same name, the
    name words after the same capitalized word, the figure right after or right before the same words."""
    out: list[tuple[range, range]] = []
    if ga.stop < len(a.tokens) and a.tokens[ga.stop].capitalized:
        out.append((_role_gap(a, ga.stop), _role_gap(b, gb.stop)))
    left = a.tokens[ga.start - 1] if ga.start > 1 else None
    left_b = b.tokens[gb.start - 1] if gb.start > 1 else None
    if left and left_b and left.key not in STOP and _name_part(left) and _name_part(left_b):
        out.append((_name_run(a, ga), _name_run(b, gb)))  # "Kestrel _", "West 31st _"
    if ga.start and a.tokens[ga.start - 1].key not in STOP:
        out.append((_figure_run(a, ga.start), _figure_run(b, gb.start)))
    return [(x, y) for x, y in out if x and y]


def _joined(m: Member, gap: range) -> bool:
    """The gap follows its left neighbour with a space only, or its neighbour is not part of a name."""
    if not gap.start or not m.tokens[gap.start - 1].capitalized:
        return True
    return m.tokens[gap.start].start - m.tokens[gap.start - 1].end <= 1


def _name_part(t: Token) -> bool:
    """A word that can stand inside a name: capitalized, or an ordinal ("84th")."""
    return t.capitalized or re.fullmatch(r"\d+(?:st|nd|rd|th)", t.key) is not None


def _name_run(m: Member, gap: range) -> range:
    """The capitalized words that open a gap ("Vanesta" in "Kestrel Vanesta they had spotted")."""
    stop = gap.start
    while stop < gap.stop and stop - gap.start < MAX_GAP and m.tokens[stop].capitalized:
        stop += 1
    return range(gap.start, stop)


def _figure_run(m: Member, start: int) -> range:
    """A number, time or amount that opens a gap, with its scale words."""
    found = number_at(m.tokens, start) if start < len(m.tokens) else None
    if found:
        return range(start, start + found[1])
    if start < len(m.tokens) and (
        clock_minutes(m.tokens[start].key) is not None or m.tokens[start].key[:1] == "$"
    ):
        return range(start, start + 1)
    return range(start, start)


def word_gaps(ka: Sequence[str], kb: Sequence[str]) -> list[tuple[range, range, int, int]]:
    """The stretches between matching runs of two token lists: (gap in a, gap in b, length of the
    matching run before, of the run after)."""
    blocks = [blk for blk in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks() if blk.size]
    out = []
    for prev, nxt in zip([None, *blocks], [*blocks, None], strict=True):
        a0, b0 = (prev.a + prev.size, prev.b + prev.size) if prev else (0, 0)
        a1, b1 = (nxt.a, nxt.b) if nxt else (len(ka), len(kb))
        if (a1 > a0 or b1 > b0) and (prev or nxt):
            out.append((range(a0, a1), range(b0, b1), prev.size if prev else 0, nxt.size if nxt else 0))
    return out


def content_anchor(keys: Sequence[str], gap: range, before: int, after: int) -> bool:
    """A word that is not a small word stands right before or right after the gap, in both sentences."""
    return (before and gap.start > 0 and keys[gap.start - 1] not in STOP) or (
        after and gap.stop < len(keys) and keys[gap.stop] not in STOP
    )


def after_dated_words(keys: Sequence[str], gap: range, before: int) -> bool:
    """The gap follows three or more shared words that end in a month ("one morning in March _")."""
    run = keys[gap.start - before : gap.start]
    return before >= 3 and run[-1].strip(".") in MONTHS and sum(k not in STOP for k in run) >= 2


def before_full_name(m: Member, gap: range, after: int) -> bool:
    """The gap stands right before a shared name of two or more words: its title ("TV director")."""
    name = m.tokens[gap.stop : gap.stop + 2]
    return after >= 2 and len(name) == 2 and all(t.capitalized for t in name)


# People told apart by where they are from ("a Springfield couple"): the name before one is their origin.
ORIGIN_NOUNS = wordset(
    "couple man woman men women family families boy girl teen teenager student resident residents native "
    "mother father husband wife pair"
)


def before_origin_noun(keys: Sequence[str], gap: range, before: int, after: int) -> bool:
    """The gap is the name between an article and a noun of people in both sentences: "a _ couple"."""
    return (
        before >= 1
        and after >= 1
        and keys[gap.start - 1] in ("a", "an", "the")
        and gap.stop < len(keys)
        and keys[gap.stop] in ORIGIN_NOUNS
    )


def enclosed(keys: Sequence[str], gap: range, before: int, after: int) -> bool:
    """Shared words on both sides of the gap, at least two of them not small words."""
    if not (before and after):
        return False
    around = [*keys[gap.start - before : gap.start], *keys[gap.stop : gap.stop + after]]
    return sum(k not in STOP for k in around) >= 2


def anchor_run(before: int, after: int) -> bool:
    """Two or more words line up right before or after the gap ("of the" before "cash drawer")."""
    return before >= 2 or after >= 2
