"""Slot values read off one sentence's words: numbers and their hedges, times, dates, amounts, names.

Kept apart from the comparison (`slots`) so each reading of a value is one small function that a
test can call on invented words; `Member` is one sentence ready to compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    "another additional more other extra further new total bringing brings brought adding added combined "
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


MAX_NAME = 2  # capitalized words of one name value ("Fenmoor City"); more make another entity


MAX_ROLE = 6  # tokens of a title before a name ("Halvorsen Group Executive Vice President")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the article's text
    end: int
    key: str = field(init=False, compare=False)  # the form compared across articles
    capitalized: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        """Lower case, plain apostrophe and hyphen, a name's possessive ending dropped ("Corwin's")."""
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
        """What the sentence counts (see `slot_counts`), worked out once per sentence."""
        from synoptic.synthesize.slot_counts import sentence_counts  # counting reads Member itself

        return sentence_counts(self)


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


def parse_number(key: str) -> float | None:
    key = key.replace(",", "")
    head = re.split(r"[-‐–]", key)[0]
    if re.fullmatch(r"\$?\d+(?:\.\d+)?", head):
        return float(head.lstrip("$"))
    return NUMBER_WORDS.get(head)


def number_at(tokens: Sequence[Token], i: int) -> tuple[float, int] | None:
    """The number starting at token i ("4.5 billion", "four", "3,000") and the tokens it takes."""
    value = parse_number(tokens[i].key)
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


def clock_minutes(key: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2}):(\d\d)", key)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def money_amount(tokens: Sequence[Token]) -> float | None:
    for i, t in enumerate(tokens):
        if t.key.startswith("$"):
            found = number_at(tokens, i)
            return found[0] if found else None
        if re.fullmatch(r"\d[\d,.]*-dollars?", t.key):
            return parse_number(t.key)
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].key in ("dollars", "dollar")
            and parse_number(t.key) is not None
        ):
            return parse_number(t.key)
    return None


def date_parts(tokens: Sequence[Token]) -> dict[str, object]:
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


def is_name(tokens: Sequence[Token], first: int) -> bool:
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


def name_length(m: Member, start: int) -> int:
    """Capitalized words from `start` on, through "of" between them ("Bank of New York" is four)."""
    n, i = 0, start
    while i < len(m.tokens):
        t = m.tokens[i]
        if i > start and t.start - m.tokens[i - 1].end > 1:
            break  # punctuation ends the name: "Abel Radley (Marcus Whitby)"
        if t.capitalized:
            n += 1
        elif not (t.key == "of" and i + 1 < len(m.tokens) and m.tokens[i + 1].capitalized):
            break  # "and" joins two names ("31st Terrace and Yarrow Circle"); "of" lengthens one
        i += 1
    return n


def keyset(tokens: Sequence[Token]) -> set[str]:
    return {t.key for t in tokens}


def tokens_text(article_text: str, tokens: Sequence[Token]) -> str:
    return article_text[tokens[0].start : tokens[-1].end]


def tokens_span(article_id: str, tokens: Sequence[Token]) -> Span:
    return Span(article_id, tokens[0].start, tokens[-1].end)


def is_additive(tokens: Sequence[Token]) -> bool:
    return any(t.key in ADDITIVE for t in tokens)


def in_range(tokens: Sequence[Token], i: int, n: int) -> bool:
    """The number at i is one end of a range ("from 740,000 to 610,000", "between 3 and 5", "280-50")."""
    before = tokens[i - 1].key if i else ""
    after = tokens[i + n].key if i + n < len(tokens) else ""
    after2 = tokens[i + n + 1].key if i + n + 1 < len(tokens) else ""
    if before in ("from", "between") or re.search(r"\d[-‐–]\d", tokens[i].key):
        return True
    if after in ("to", "and", "or") and parse_number(after2) is not None:
        return True
    before2 = tokens[i - 2].key if i >= 2 else ""
    opened = any(t.key in ("from", "between") for t in tokens[max(0, i - 5) : i])
    return before in ("to", "and", "or") and (
        parse_number(before2) is not None or before2 in SCALES or opened
    )


def has_initials(tokens: Sequence[Token]) -> bool:
    """Two single capitals in a row: an abbreviation written with stops ("L.A.", "U.S.")."""
    return any(
        len(x.text) == 1 == len(y.text) and x.capitalized and y.capitalized for x, y in pairwise(tokens)
    )


def is_acronym(t: Token) -> bool:
    letters = re.sub(r"\W", "", t.text)
    return 2 <= len(letters) <= 4 and letters.isupper()  # one capital letter is an initial ("E. coli")


def says(article_text: str, value: str) -> bool:
    """The article states this value too (as a whole word or phrase)."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", article_text, re.I) is not None
