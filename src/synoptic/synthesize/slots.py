"""Typed slot values of two sentences that report the same fact, and where they disagree.

Two articles reporting one fact say it in words that mostly line up. Where the words line up on both
sides of a gap and the gap holds a different value in each (a time, a date, a count, an amount, a name,
a person's role, a word inside the same quotation), the two articles give different values for the
same slot. Aligning the words is what makes it the *same* slot: "fled the scene about 4:20 a.m." and
"fled the scene about 4:30 a.m." share the context around the values, while two numbers that merely
sit in similar sentences do not. Counts are also compared by the noun they count ("four half-siblings"
/ "five half-siblings") where the rest of the sentences is worded differently.

Guards keep out what is not a conflict: a value that is one form of the other ("$20" / "20-dollar"), a
hedged figure consistent with an exact one ("about 300" / "312"), a count said to come on top of
another ("3,000 more jobs", "another", "a total of", "bringing"), and a name that is a part of the other
("Reed" / "Larry Reed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from itertools import pairwise

from synoptic.model import Span


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one string, as word lists read best."""
    return frozenset(words.split())


_TOKEN = re.compile(r"\$?\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?(?:[-‐–]\w+)*|\w+(?:[-‐'’]\w+)*")
NUMBER_WORDS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "hundreds": 100, "thousands": 1000, "dozens": 12, "millions": 1e6,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS = {"spring", "summer", "fall", "autumn", "winter"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Words that make a count a part of a larger one, or a larger one the sum of several.
ADDITIVE = wordset(
    "another additional more other extra further new total bringing brings brought adding added "
    "plus including includes included overall cumulative altogether"
)
# Hedges: the figure is a bound or an approximation, not an exact value.
APPROX = wordset("about around roughly nearly almost some approximately estimated nearly")
LOWER = ("at least", "more than", "over", "upwards of", "as many as")
UPPER = ("at most", "less than", "fewer than", "under", "up to", "no more than")
ROLE_WORDS = wordset(
    """
    official aide spokesman spokeswoman spokesperson minister adviser advisor diplomat envoy representative
    secretary ambassador officer lawyer attorney analyst expert member lawmaker agent manager director
    chief commander judge mayor governor senator president ceo chairman chairwoman witness friend teacher
    doctor detective sergeant lieutenant captain investigator prosecutor researcher scientist professor
    author writer producer editor reporter correspondent host anchor presenter actor actress singer executive
    founder owner partner coach player chef cook spokesperson strategist consultant counsel fixer
    vice deputy assistant head leader
    """
)
# Role words that name one role: "anchor" / "host" is not a disagreement.
SAME_ROLE = {
    "attorney": "lawyer", "counsel": "lawyer", "host": "anchor", "presenter": "anchor",
    "spokeswoman": "spokesman", "spokesperson": "spokesman", "advisor": "adviser", "chairwoman": "chairman",
    "actress": "actor", "cook": "chef", "writer": "author",
}  # fmt: skip
STOP = wordset(
    "a an the of in on at to for and or but with by from as is was were be been are that this it its "
    "his her their he she they we you i has have had not no"
)
# Words around a source's name: two articles citing different sources do not disagree.
SPEECH = wordset(
    "said says told tells according added explained stated wrote reported announced confirmed spokesman "
    "spokeswoman spokesperson statement"
)
MAX_GAP = 4  # tokens a differing value may span on one side (a name, a date, an amount)
MAX_NAME = 2  # capitalized words of one name value ("Kansas City"); more make another entity
MAX_ROLE = 6  # tokens of a title before a name ("Trump Organization Executive Vice President")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the article's text
    end: int
    key: str = field(init=False, compare=False)  # the form compared across articles
    capitalized: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        """Lower case, plain apostrophe and hyphen, a name's possessive ending dropped ("Trump's")."""
        capitalized = self.text[:1].isupper()
        k = self.text.lower().replace("’", "'").replace("‐", "-")
        object.__setattr__(self, "key", k[:-2] if k.endswith("'s") and capitalized else k)
        object.__setattr__(self, "capitalized", capitalized)


@dataclass(frozen=True)
class Member:
    """One sentence, ready to compare: its span, its tokens, and per token whether it stands in a quote."""

    span: Span
    tokens: tuple[Token, ...]
    quoted: tuple[bool, ...]  # per token: inside quotation marks

    @cached_property
    def counts(self) -> dict[str, tuple[float, str, int, int]]:
        """What the sentence counts (see `_counts`), worked out once per sentence."""
        return _counts(self)


@dataclass(frozen=True)
class Clash:
    """Two articles' values for one slot: the slot's name, and each side's value span and text."""

    slot: str
    a: Span
    a_text: str
    b: Span
    b_text: str
    a_sentence: Span
    b_sentence: Span


def tokenize(text: str, base: int = 0) -> tuple[Token, ...]:
    return tuple(Token(m.group(0), base + m.start(), base + m.end()) for m in _TOKEN.finditer(text))


def quote_mask(line: str, tokens: Sequence[Token], base: int) -> tuple[bool, ...]:
    """Per token, whether it stands inside a quotation that opened earlier in its paragraph."""
    out = []
    for t in tokens:
        before = line[: t.start - base]
        straight = before.count('"') % 2 == 1
        curly = before.count("“") > before.count("”")
        out.append(straight or curly)
    return tuple(out)


def member(article_text: str, sentence: Span) -> Member:
    """The tokens of one sentence, with its quotation state read from the start of its paragraph."""
    para_start = article_text.rfind("\n", 0, sentence.start) + 1
    tokens = tokenize(article_text[sentence.start : sentence.end], sentence.start)
    return Member(sentence, tokens, quote_mask(article_text[para_start : sentence.end], tokens, para_start))


# --- values ------------------------------------------------------------------------------------------


def _number(key: str) -> float | None:
    key = key.replace(",", "")
    head = re.split(r"[-‐–]", key)[0]
    if re.fullmatch(r"\$?\d+(?:\.\d+)?", head):
        return float(head.lstrip("$"))
    return NUMBER_WORDS.get(head)


def number_at(tokens: Sequence[Token], i: int) -> tuple[float, int] | None:
    """The number starting at token i ("4.5 billion", "four", "3,000") and the tokens it takes."""
    value = _number(tokens[i].key)
    if value is None or ":" in tokens[i].key:
        return None
    n = 1
    while i + n < len(tokens) and tokens[i + n].key in SCALES:
        value *= SCALES[tokens[i + n].key]
        n += 1
    return value, n


def hedge(tokens: Sequence[Token], i: int) -> str:
    """How the number at token i is qualified: "exact", "approx", "lower" or "upper" bound."""
    before = " ".join(t.key for t in tokens[max(0, i - 2) : i])
    if any(before.endswith(h) for h in LOWER):
        return "lower"
    if any(before.endswith(h) for h in UPPER):
        return "upper"
    if i and tokens[i - 1].key in APPROX:
        return "approx"
    return "exact"


def numbers_differ(a: float, ha: str, b: float, hb: str) -> bool:
    """Two figures for one slot conflict unless a hedge makes them consistent ("about 300" / "312")."""
    if a == b:
        return False
    if ha == hb:
        return ha != "approx" or abs(a - b) > 0.1 * max(a, b)
    lo, hi = sorted((a, b))
    kinds = {ha, hb}
    if "approx" in kinds:
        return abs(a - b) > 0.1 * max(a, b)
    if kinds == {"exact", "lower"}:
        bound = a if ha == "lower" else b
        other = b if ha == "lower" else a
        return other < bound
    if kinds == {"exact", "upper"}:
        bound = a if ha == "upper" else b
        other = b if ha == "upper" else a
        return other > bound
    return lo != hi and kinds != {"lower", "upper"}


def _time(key: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2}):(\d\d)", key)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def _money(tokens: Sequence[Token]) -> float | None:
    for i, t in enumerate(tokens):
        if t.key.startswith("$"):
            found = number_at(tokens, i)
            return found[0] if found else None
        if re.fullmatch(r"\d[\d,.]*-dollars?", t.key):
            return _number(t.key)
        if i + 1 < len(tokens) and tokens[i + 1].key in ("dollars", "dollar") and _number(t.key) is not None:
            return _number(t.key)
    return None


def _date_parts(tokens: Sequence[Token]) -> dict[str, object]:
    parts: dict[str, object] = {}
    for t in tokens:
        k = t.key.strip(".")
        if k in MONTHS and (k != "may" or t.capitalized):
            parts["month"] = MONTHS[k]
        elif k in SEASONS:
            parts["month"] = k
        elif k in WEEKDAYS:
            parts["weekday"] = k
        elif re.fullmatch(r"(?:1[6-9]|20)\d\d", k):
            parts["year"] = k
        elif re.fullmatch(r"[0-3]?\d(?:st|nd|rd|th)?", k) and "month" in parts:
            parts["day"] = int(re.sub(r"\D", "", k))
    return parts


def _is_name(tokens: Sequence[Token], first: int) -> bool:
    """Capitalized words that are not the sentence's first word nor a role, nor all small words; a
    lower-case word after an initial belongs to the name ("E. coli")."""

    def part(i: int) -> bool:
        t = tokens[i]
        after_initial = i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].capitalized
        return t.capitalized or after_initial or (0 < i < len(tokens) - 1 and t.key in NAME_LINKS)

    return (
        bool(tokens)
        and first > 0
        and all(part(i) for i in range(len(tokens)))
        and tokens[0].capitalized
        and not all(t.key in STOP or t.key in ROLE_WORDS for t in tokens)
    )


NAME_LINKS = ("of", "de", "van", "von", "al", "and")


def _name_length(m: Member, start: int) -> int:
    """Capitalized words from `start` on, through "of" between them ("Bank of New York" is four)."""
    n, i = 0, start
    while i < len(m.tokens):
        t = m.tokens[i]
        if i > start and t.start - m.tokens[i - 1].end > 1:
            break  # punctuation ends the name: "Fred Simple (Jacob Latimore)"
        if t.capitalized:
            n += 1
        elif not (t.key == "of" and i + 1 < len(m.tokens) and m.tokens[i + 1].capitalized):
            break  # "and" joins two names ("84th Terrace and Drury Circle"); "of" lengthens one
        i += 1
    return n


def _words(tokens: Sequence[Token]) -> set[str]:
    return {t.key for t in tokens}


# --- comparing two members ---------------------------------------------------------------------------


def _text(article_text: str, tokens: Sequence[Token]) -> str:
    return article_text[tokens[0].start : tokens[-1].end]


def _span(article_id: str, tokens: Sequence[Token]) -> Span:
    return Span(article_id, tokens[0].start, tokens[-1].end)


def _additive(tokens: Sequence[Token]) -> bool:
    return any(t.key in ADDITIVE for t in tokens)


def _in_range(tokens: Sequence[Token], i: int, n: int) -> bool:
    """The number at i is one end of a range ("from 615,000 to 499,000", "between 3 and 5", "280-50")."""
    before = tokens[i - 1].key if i else ""
    after = tokens[i + n].key if i + n < len(tokens) else ""
    after2 = tokens[i + n + 1].key if i + n + 1 < len(tokens) else ""
    if before in ("from", "between") or re.search(r"\d[-‐–]\d", tokens[i].key):
        return True
    if after in ("to", "and", "or") and _number(after2) is not None:
        return True
    before2 = tokens[i - 2].key if i >= 2 else ""
    opened = any(t.key in ("from", "between") for t in tokens[max(0, i - 5) : i])
    return before in ("to", "and", "or") and (_number(before2) is not None or before2 in SCALES or opened)


def _initials(tokens: Sequence[Token]) -> bool:
    """Two single capitals in a row: an abbreviation written with stops ("L.A.", "U.S.")."""
    return any(
        len(x.text) == 1 == len(y.text) and x.capitalized and y.capitalized for x, y in pairwise(tokens)
    )


def _acronym(t: Token) -> bool:
    letters = re.sub(r"\W", "", t.text)
    return 2 <= len(letters) <= 4 and letters.isupper()  # one capital letter is an initial ("E. coli")


def _gap_clash(a: Member, b: Member, ga: range, gb: range) -> tuple[str, int, int] | None:
    """What slot the two gaps fill and how far the shown value reaches (tokens before/after), or None."""
    sa, sb = [a.tokens[i] for i in ga], [b.tokens[i] for i in gb]
    left = a.tokens[ga.start - 1].key if ga.start else ""
    right = a.tokens[ga.stop].key if ga.stop < len(a.tokens) else ""
    near_a = a.tokens[max(0, ga.start - 3) : ga.stop + 2]
    near_b = b.tokens[max(0, gb.start - 3) : gb.stop + 2]
    # times of day
    ka, kb = [_time(t.key) for t in sa], [_time(t.key) for t in sb]
    if any(v is not None for v in ka) or any(v is not None for v in kb):
        va, vb = next((v for v in ka if v is not None), None), next((v for v in kb if v is not None), None)
        if va is not None and vb is not None and va != vb:
            return "time", 1, 2
        return None
    # dates: a month or a year on both sides, and a part they both give that differs
    da, db = _date_parts(sa), _date_parts(sb)
    if da or db:
        shared = set(da) & set(db)
        dated = {"month", "year"}
        if dated & set(da) and dated & set(db) and shared and any(da[k] != db[k] for k in shared):
            return "date", 1, 1
        return None
    # amounts of money
    ma, mb = _money(sa), _money(sb)
    if ma is not None or mb is not None:
        if ma is not None and mb is not None and ma != mb:
            return f"amount{' of ' + right if right and right not in STOP else ''}", 1, 1
        return None
    # counts: the figure stands right before the same noun, or right after the same words
    fa, fb = _figure_at_edge(a, ga), _figure_at_edge(b, gb)
    if fa or fb:
        if not (fa and fb) or fa[2] != fb[2] or _additive(near_a) or _additive(near_b):
            return None
        (va, ha, edge) = fa
        (vb, hb, _) = fb
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
        ra = {SAME_ROLE.get(w, w) for w in _words(sa) & ROLE_WORDS}
        rb = {SAME_ROLE.get(w, w) for w in _words(sb) & ROLE_WORDS}
        if ra and rb and not (ra & rb) and not possessive:
            name = a.tokens[ga.stop : ga.stop + 2]
            who = " ".join(t.text for t in name if t.capitalized)
            return f"role of {who}", 0, 2
    # names in the same place: after the same name part ("Fred _"), or before the same noun ("a _ couple")
    if _is_name(sa, ga.start) and _is_name(sb, gb.start):
        wa, wb = _words(sa), _words(sb)
        if any(_acronym(t) for t in (*sa, *sb)) or _initials(sa) or _initials(sb):
            return None  # "US" / "American", "SUV" / "Sport": an abbreviation is too often a variant
        if name_a and name_a.capitalized and name_a.start - sa[-1].end <= 1:
            return None  # before the same name: a spelling of a first name ("Juri" / "Jury"), "the city's X"
        if max(_name_length(a, ga.start), _name_length(b, gb.start)) > MAX_NAME:
            return None  # a longer stretch of capitalized words is a title or another name altogether
        if any(t.text.endswith(("'s", "’s")) for t in (sa[-1], sb[-1])):
            return None  # "Russia's" / "Moscow's": a capital stands for its country
        if not (_joined(a, ga) and _joined(b, gb)):
            return None  # "Larry (Algee Smith)": after punctuation, not the rest of the same name
        if left in SPEECH or right in SPEECH or (ga.start >= 2 and a.tokens[ga.start - 2].key in SPEECH):
            return None  # "said Smith" / "said Jones": two sources for one fact, not two values
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


def _figure_at_edge(m: Member, gap: range) -> tuple[float, str, str] | None:
    """A figure that ends the gap (before its noun) or opens it (after the same words), not a range end."""
    for i in gap:
        found = number_at(m.tokens, i)
        if not found or m.tokens[i].key == "no" or re.fullmatch(r"(?:1[6-9]|20)\d\d", m.tokens[i].key):
            continue
        value, n = found
        if _in_range(m.tokens, i, n):
            return None
        if i + n == gap.stop:
            return value, hedge(m.tokens, i), "before"
        if i == gap.start:
            return value, hedge(m.tokens, i), "after"
    return None


def _same_name(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """One form of the other: the same letters, or a word and its derivative ("Russia" / "Russian")."""
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
            break  # a small word, or punctuation other than the comma of "the attorney, Michael Cohen,"
        start -= 1
    return range(start, stop)


def _sub_gaps(a: Member, b: Member, ga: range, gb: range) -> list[tuple[range, range]]:
    """The parts of a long gap that can hold one value: the title words before the same name, the
    name words after the same capitalized word, the figure right after or right before the same words."""
    out: list[tuple[range, range]] = []
    if ga.stop < len(a.tokens) and a.tokens[ga.stop].capitalized:
        out.append((_role_gap(a, ga.stop), _role_gap(b, gb.stop)))
    left = a.tokens[ga.start - 1] if ga.start > 1 else None
    left_b = b.tokens[gb.start - 1] if gb.start > 1 else None
    if left and left_b and left.key not in STOP and _name_part(left) and _name_part(left_b):
        out.append((_name_run(a, ga), _name_run(b, gb)))  # "Hyundai _", "East 84th _"
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
    """The capitalized words that open a gap ("Sonesta" in "Hyundai Sonesta they had spotted")."""
    stop = gap.start
    while stop < gap.stop and stop - gap.start < MAX_GAP and m.tokens[stop].capitalized:
        stop += 1
    return range(gap.start, stop)


def _figure_run(m: Member, start: int) -> range:
    """A number, time or amount that opens a gap, with its scale words."""
    found = number_at(m.tokens, start) if start < len(m.tokens) else None
    if found:
        return range(start, start + found[1])
    if start < len(m.tokens) and (_time(m.tokens[start].key) is not None or m.tokens[start].key[:1] == "$"):
        return range(start, start + 1)
    return range(start, start)


def _gaps(ka: Sequence[str], kb: Sequence[str]) -> list[tuple[range, range, int, int]]:
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


def _content_anchor(keys: Sequence[str], gap: range, before: int, after: int) -> bool:
    """A word that is not a small word stands right before or right after the gap, in both sentences."""
    return (before and gap.start > 0 and keys[gap.start - 1] not in STOP) or (
        after and gap.stop < len(keys) and keys[gap.stop] not in STOP
    )


def compare(a: Member, b: Member, texts: dict[str, str], strict: bool = False) -> list[Clash]:
    """The slots where two sentences of different articles, aligned word by word, give different values.

    The word alignment depends on which sentence comes first, so both orders are tried."""
    out = _compare(a, b, texts, strict)
    for c in _compare(b, a, texts, strict):
        swapped = Clash(c.slot, c.b, c.b_text, c.a, c.a_text, c.b_sentence, c.a_sentence)
        if not any(o.a == swapped.a and o.b == swapped.b for o in out):
            out.append(swapped)
    return out if strict else out + _count_clashes(a, b, texts)


def _compare(a: Member, b: Member, texts: dict[str, str], strict: bool) -> list[Clash]:
    """One order of `compare`.

    `strict` is for two sentences the aligner did not put in one fact: then only a value enclosed in
    shared words on both sides, two of them content words ("his friend Fred _ (Jacob Latimore)"), counts,
    and no quotation wording or loosely placed count is compared."""
    ka, kb = [t.key for t in a.tokens], [t.key for t in b.tokens]
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    gaps = _gaps(ka, kb)
    found: list[tuple[str, range, range, int, int]] = []
    for ga, gb, before, after in gaps:
        if not ga or not gb:
            continue
        if not (_content_anchor(ka, ga, before, after) or _anchor_run(before, after)):
            continue
        pinned_date = strict and _after_dated_words(ka, ga, before)
        if strict and not (
            _enclosed(ka, ga, before, after) or _before_full_name(a, ga, after) or pinned_date
        ):
            continue
        short = len(ga) <= MAX_GAP and len(gb) <= MAX_GAP
        for x, y in [(ga, gb)] if short else _sub_gaps(a, b, ga, gb):
            clash = _gap_clash(a, b, x, y)
            if clash and clash[0].startswith("number") and min(before, after) == 0 and max(before, after) < 2:
                continue  # a figure held by one word of shared context ("years") may count two things
            if (
                clash
                and strict
                and not (clash[0].startswith(("name", "role")) or (clash[0] == "date" and pinned_date))
            ):
                continue  # figures and dates in sentences of two facts are too often two events
            if clash:
                found.append((clash[0], x, y, clash[1], clash[2]))
                break
    if not strict:
        found.extend(_wording(a, b, ta, tb, gaps))
    out: list[Clash] = []
    for slot, ga, gb, before, after in found:
        if slot != WORDING:
            named = slot.startswith("name")
            va, vb = _value_text(ta, a, ga, named), _value_text(tb, b, gb, named)
            if (vb and _says(ta, vb)) or (va and _says(tb, va)):
                continue  # an article that states both values is speaking of two things
        wa, wb = _window(ta, a, ga, before, after), _window(tb, b, gb, before, after)
        out.append(Clash(slot, _span(a.span.article_id, wa), _text(ta, wa), _span(b.span.article_id, wb),
                         _text(tb, wb), a.span, b.span))  # fmt: skip
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


def _after_dated_words(keys: Sequence[str], gap: range, before: int) -> bool:
    """The gap follows three or more shared words that end in a month ("one day in February _")."""
    run = keys[gap.start - before : gap.start]
    return before >= 3 and run[-1].strip(".") in MONTHS and sum(k not in STOP for k in run) >= 2


def _before_full_name(m: Member, gap: range, after: int) -> bool:
    """The gap stands right before a shared name of two or more words: its title ("TV director")."""
    name = m.tokens[gap.stop : gap.stop + 2]
    return after >= 2 and len(name) == 2 and all(t.capitalized for t in name)


def _enclosed(keys: Sequence[str], gap: range, before: int, after: int) -> bool:
    """Shared words on both sides of the gap, at least two of them not small words."""
    if not (before and after):
        return False
    around = [*keys[gap.start - before : gap.start], *keys[gap.stop : gap.stop + after]]
    return sum(k not in STOP for k in around) >= 2


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
    return re.sub(r"['’]s$", "", _text(text, keep)) if keep else ""


def _anchor_run(before: int, after: int) -> bool:
    """Two or more words line up right before or after the gap ("of the" before "cash drawer")."""
    return before >= 2 or after >= 2


WORDING = "wording of a quotation"
ELISION = re.compile(r"…|\.\.\.|\[|\]")


def _wording(a: Member, b: Member, ta: str, tb: str, gaps: Sequence[tuple[range, range, int, int]]) -> list:
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
    ma, mb = _money(sa), _money(sb)
    if ma is not None and ma == mb:
        return True
    na = [number_at(a.tokens, i) for i in ga]
    nb = [number_at(b.tokens, i) for i in gb]
    va = [v[0] for v in na if v]
    vb = [v[0] for v in nb if v]
    return bool(va) and va == vb


def _letters(tokens: Sequence[Token], gap: range) -> str:
    return "".join(re.sub(r"\W", "", tokens[i].key) for i in gap)


def _says(article_text: str, value: str) -> bool:
    """The article states this value too (as a whole word or phrase)."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", article_text, re.I) is not None


def _counts(m: Member) -> dict[str, tuple[float, str, int, int]]:
    """Counted things of a sentence: noun (or what happened to them: "were arrested") -> (value, hedge,
    first token, last token). Additive counts, range ends and a noun counted twice are left out."""
    out: dict[str, tuple[float, str, int, int]] = {}
    twice: set[str] = set()
    for i in range(len(m.tokens)):
        found = number_at(m.tokens, i)
        if not found or m.tokens[i].key == "one" or _time(m.tokens[i].key) is not None:
            continue
        value, n = found
        j = i + n
        if j >= len(m.tokens) or _number(m.tokens[j].key) is not None:
            continue
        k = j if m.tokens[j].key in BE else j + 1  # "three were injured", "four men were arrested"
        start_be = k
        while k < len(m.tokens) and m.tokens[k].key in BE:
            k += 1
        if k > start_be and k < len(m.tokens) and m.tokens[k].key.endswith("ed"):
            j = k  # a count of what happened to them
        elif m.tokens[j].key in STOP:
            continue
        if m.tokens[i].key == "no" and not m.tokens[j].key.endswith("s"):
            continue  # "no arrests" is a count of none; "no doubt" is not a count
        if _additive(m.tokens[max(0, i - 3) : j + 1]) or m.tokens[i].key.startswith("$"):
            continue
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", m.tokens[i].key) or _in_range(m.tokens, i, n):
            continue
        noun = _stem(m.tokens[j].key)
        if noun in out or noun in twice:
            twice.add(noun)
            out.pop(noun, None)
            continue
        out[noun] = (value, hedge(m.tokens, i), i, j)
    return out


BE = wordset("were was are is have has had been be")


def _stem(word: str) -> str:
    """A crude lemma so "arrests", "arrested" and "arrest" compare equal."""
    for ending in ("ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _names(m: Member) -> set[str]:
    """The capitalized words of a sentence after its first word."""
    return {t.key for t in m.tokens[1:] if t.capitalized and t.key not in STOP}


def event_counts(m: Member) -> dict[str, tuple[float, str, int, int]]:
    """Counts of what happened to people or things ("six injured", "four were arrested", "no arrests"):
    the figures news reports most often disagree on, comparable across a story wherever they stand."""
    events = {_stem(w) for w in EVENT_NOUNS}
    return {k: v for k, v in m.counts.items() if m.tokens[v[3]].key.endswith("ed") or k in events}


EVENT_NOUNS = ("arrests", "deaths", "casualties", "injuries", "fatalities", "victims")


def count_clash(a: Member, b: Member, noun: str, texts: dict[str, str]) -> Clash | None:
    """The two sentences' counts of `noun` when they conflict, else None.

    Sentences that name different things (one names a city, the other another) are not compared: the
    aligner may put two camps, two teams or two years side by side."""
    ca, cb = a.counts, b.counts
    if noun not in ca or noun not in cb:
        return None
    na, nb = _names(a), _names(b)
    if na and nb and not (na & nb):
        return None
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    va, ha, ia, ja = ca[noun]
    vb, hb, ib, jb = cb[noun]
    if not numbers_differ(va, ha, vb, hb):
        return None
    wa, wb = a.tokens[ia : ja + 1], b.tokens[ib : jb + 1]
    xa, xb = _text(ta, wa), _text(tb, wb)
    if _says(ta, xb) or _says(tb, xa):
        return None
    return Clash(f"number of {a.tokens[ja].text.lower()}", _span(a.span.article_id, wa), xa,
                 _span(b.span.article_id, wb), xb, a.span, b.span)  # fmt: skip


def _count_clashes(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """Counts of the same thing that differ, wherever they stand in two differently worded sentences."""
    shared = sorted(set(a.counts) & set(b.counts))
    return [c for c in (count_clash(a, b, noun, texts) for noun in shared) if c]
