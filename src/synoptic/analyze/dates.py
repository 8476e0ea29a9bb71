"""Date expressions resolved to (partial) absolute dates against a reference date.

Own patterns rather than dateparser: it misreads month abbreviations with a full stop ("Feb. 12") and
cannot say how precise a date is. Month-day without a year takes the reference year, or the year before
when that would put it more than a week after the reference; weekdays are the latest such day on or
before the reference; "last year" is the reference year minus one. An article without a publication
date takes the story's reference date (see `story_reference`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from synoptic.model import Article, PartialDate, Span

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b(?:in|since|by|until|of|from|during|early|late|mid)\s+{_YEAR}\b(?![-/]\d)", re.I),
    re.compile(rf"\b(?:on\s+)?(?P<w>{'|'.join(WEEKDAYS)})\b", re.I),
    re.compile(r"\b(?P<rel>today|yesterday|tonight|(?:late |early )?last year|this year|last month)\b", re.I),
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in an article: where it stands, what it says, and the date it resolves to."""

    span: Span
    text: str
    date: PartialDate


def parse_iso(value: str | None) -> date | None:
    """A `date` from "YYYY-MM-DD" (the Article.published form), None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def story_reference(articles: Sequence[Article]) -> date | None:
    """The story's reference date: the most common publication date (earliest on ties), else None."""
    counts = Counter(d for d in (parse_iso(a.published) for a in articles) if d is not None)
    if not counts:
        return None
    return min(counts, key=lambda d: (-counts[d], d))


def _month_day(month: int, day: int, year: int | None, ref: date | None) -> PartialDate | None:
    if year is None:
        if ref is None:
            return None
        year = ref.year
        try:
            if date(year, month, day) > ref + timedelta(days=7):
                year -= 1
        except ValueError:
            return None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _relative(word: str, ref: date | None) -> PartialDate | None:
    if ref is None:
        return None
    word = word.lower()
    if word in ("today", "tonight"):
        return PartialDate(ref.year, ref.month, ref.day)
    if word == "yesterday":
        d = ref - timedelta(days=1)
        return PartialDate(d.year, d.month, d.day)
    if word.endswith("last year"):
        return PartialDate(ref.year - 1)
    if word == "this year":
        return PartialDate(ref.year)
    if word == "last month":
        month, year = (ref.month - 1, ref.year) if ref.month > 1 else (12, ref.year - 1)
        return PartialDate(year, month)
    return None


def _resolve(match: re.Match, ref: date | None) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if groups.get("w"):
        if ref is None:
            return None
        back = (ref.weekday() - WEEKDAYS.index(groups["w"].lower())) % 7
        d = ref - timedelta(days=back)
        return PartialDate(d.year, d.month, d.day)
    if groups.get("rel"):
        return _relative(groups["rel"], ref)
    month = MONTHS[groups["m"][:3].lower()] if groups.get("m") else None
    if month is not None and groups.get("d"):
        return _month_day(month, int(groups["d"]), year, ref)
    if month is not None and year is not None:
        return PartialDate(year, month)
    return PartialDate(year) if year is not None else None


def _modal_may(match: re.Match) -> bool:
    groups = match.groupdict()
    month = groups.get("m") or ""
    return month.lower() == "may" and not month[0].isupper() and not groups.get("y")


def find_dates(text: str, article_id: str, ref: date | None) -> list[DateMention]:
    """Date expressions of a text, in order, the most specific reading where patterns overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if _modal_may(match):
                continue  # "may 5" in lower-cased text is too often the verb
            resolved = _resolve(match, ref)
            if resolved is None:
                continue
            taken.append((start, end))
            found.append(DateMention(Span(article_id, start, end), match.group(0), resolved))
    found.sort(key=lambda m: m.span)
    return found


def article_reference(article: Article, story_ref: date | None) -> date | None:
    """The date an article's relative expressions count from: its own, else the story's."""
    return parse_iso(article.published) or story_ref
