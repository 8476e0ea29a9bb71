"""Date expressions resolved to (partial) absolute dates against a reference date.

Own patterns rather than dateparser: it misreads month abbreviations with a full stop ("Feb. 12") and
cannot say how precise a date is. Month-day without a year takes the reference year, or the year before
when that would put it more than a week after the reference; a month alone ("in April") is the latest
one up to the reference; "March of that year" takes the year the article last named; a year may
stand alone ("his 1974 book") unless it counts something ("2000 people"); "this week" is its month
when the week lies in one. Weekdays are the latest such day on or before the reference, unless a day
the story states falls on that weekday within a week of it; a weekday beside a stated day that falls
on it only restates that day. "last year" is the reference year minus one. Articles without a
publication date count from the story's date, which, when no article has one, is read from the dates
the articles state (see `StoryDates`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from synoptic.model import Article, LineKind, PartialDate, Span

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# a month named in full (or "Sept."), capitalised: "in March", never "mar" or "may" the verb
_FULL_MONTH = (
    r"(?P<m>January|February|March|April|May|June|July|August|September|Sept\.?|October|November|December)"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# counted things: "2000 people" is a number, not a year
_COUNTED = (
    r"people|persons|residents|troops|soldiers|workers|employees|jobs|votes|homes|houses|cars|miles"
    r"|kilometres|kilometers|km|feet|metres|meters|tons|tonnes|acres|pounds|dollars|euros|cases|deaths"
    r"|students|members|units|times"
)
_ANY_MONTH = _MONTH.replace("(?P<m>", "(?:")
# "Thursday, Feb. 21": the weekday only names the date beside it
_WEEKDAY_BEFORE_DATE = re.compile(
    rf",?\s++(?:the\s++)?(?:{_ANY_MONTH}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_ANY_MONTH})", re.I
)
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),
    # "In December of that school year", "that April": the year the article last named
    re.compile(rf"\b{_FULL_MONTH}\s+(?:of\s+)?(?P<that>that)\s+(?:[a-z]+\s+)?year\b"),
    re.compile(rf"\b(?P<that>that)\s+{_FULL_MONTH}\b"),
    re.compile(
        rf"\b(?P<pre>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Tt]his"
        rf"|[Nn]ext|[Tt]hrough)\s+(?:early\s+|late\s+|mid-?)?{_FULL_MONTH}\b(?![ \t]*\d)"
    ),
    re.compile(rf"\b(?:in|since|by|until|of|from|during|early|late|mid)\s+{_YEAR}\b(?![-/]\d)", re.I),
    re.compile(rf"\b(?:on\s+)?(?P<w>{'|'.join(WEEKDAYS)})\b", re.I),  # _WEEKDAY
    re.compile(
        r"\b(?P<rel>today|yesterday|tonight|(?:late |early )?last year|this year|(?:earlier )?this month"
        r"|last month|(?:earlier |later )?this week|last week)\b",
        re.I,
    ),
    # a year standing alone: "the author's 1974 book", "2012's best film", "to at least 2009"
    # but not a model year, "a 2007 Acme Roadster"
    re.compile(
        rf"(?<![\w$€£#.,/-]){_YEAR}(?:['’]s)?"
        rf"(?![\w%]|[.,]\d|\s*[-/–]\s*\d|\s+(?:{_COUNTED})\b)"
    ),
)
_WEEKDAY = next(i for i, p in enumerate(_PATTERNS) if "(?P<w>" in p.pattern)
_BARE_YEAR = len(_PATTERNS) - 1
_MODEL_YEAR = re.compile(r"\ban?\s+$", re.I)


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


@dataclass(frozen=True)
class StoryDates:
    """What relative dates of a story count from.

    `reference` is the most common publication date; when no article has one, the latest day-precise
    date the articles state with its year (a caption's "November 27, 2011", a timestamp), which the
    news cannot predate, so `inferred` is set. A stated date older than a year the articles name
    ("born March 3, 1952" in an obituary of 2014) is history, not the news, and gives no reference.
    `known` holds the day-precise dates stated anywhere in the story: a weekday that falls on one of
    them near the reference is that day ("published Thursday" beside "March 15").
    """

    reference: date | None
    inferred: bool = False
    known: tuple[date, ...] = ()


def _stated_days(texts: Sequence[str], ref: date | None) -> set[date]:
    days: set[date] = set()
    for text in texts:
        for pattern in _PATTERNS[:2]:
            for match in pattern.finditer(text):
                if ref is None and not match.group("y"):
                    continue
                resolved = _resolve(match, ref, text)
                if resolved is not None and resolved.day is not None:
                    days.add(date(resolved.year, resolved.month or 1, resolved.day))
    return days


def _stated_years(texts: Sequence[str]) -> set[int]:
    return {int(m.group("y")) for t in texts for m in _PATTERNS[-1].finditer(t)}


# the signature of an embedded social post: "— Name (@handle) August 17, 2016"
_POST_SIGNATURE = re.compile(rf"\(@\w+\)\s*{_ANY_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d\d\s*$", re.I)


def _all_lines(article: Article) -> list[str]:
    """The body and the lines that carry a date of the news: captions, datelines, metadata, titles,
    and the signatures of embedded social posts (an article cannot predate a post it shows)."""
    keep = (LineKind.CAPTION, LineKind.DATELINE, LineKind.METADATA, LineKind.TITLE, LineKind.DEK)
    lines = [line.text for line in article.lines if line.kind in keep]
    posts = [line.text for line in article.lines if _POST_SIGNATURE.search(line.text)]
    return [article.text, *lines, *posts]


def story_dates(articles: Sequence[Article]) -> StoryDates:
    """The story's reference date, how it was found, and the days its articles state."""
    counts = Counter(d for d in (parse_iso(a.published) for a in articles) if d is not None)
    texts = [t for a in articles for t in _all_lines(a)]
    if counts:
        ref = min(counts, key=lambda d: (-counts[d], d))
        return StoryDates(ref, False, tuple(sorted(_stated_days(texts, ref))))
    explicit = _stated_days(texts, None)
    years = _stated_years([a.text for a in articles])
    if not explicit or max(explicit).year < max(years, default=0):
        return StoryDates(None)
    ref = max(explicit)
    return StoryDates(ref, True, tuple(sorted(_stated_days(texts, ref))))


def story_reference(articles: Sequence[Article]) -> date | None:
    """The story's reference date (see `StoryDates`), else None."""
    return story_dates(articles).reference


def article_reference(article: Article, story: date | StoryDates | None) -> date | None:
    """The date an article's relative expressions count from: its own, else the story's. Against an
    inferred story date (a lower bound on publication) an article that opens on a weekday ("before
    dawn on Monday") was written that weekday, the first one from the story date on."""
    own = parse_iso(article.published)
    if own is not None:
        return own
    if not isinstance(story, StoryDates):
        return story
    if story.reference is None or not story.inferred:
        return story.reference
    for match in _PATTERNS[_WEEKDAY].finditer(article.text):
        if _WEEKDAY_BEFORE_DATE.match(article.text, match.end()):
            continue
        index = WEEKDAYS.index(match.group("w").lower())
        stated = _near(story.known, index, story.reference)
        if stated is not None:
            return stated  # "published Thursday" and the story states Thursday March 15
        return story.reference + timedelta(days=(index - story.reference.weekday()) % 7)
    return story.reference


def _near(known: Sequence[date], index: int, ref: date) -> date | None:
    """The stated day on weekday `index` within a week of `ref`, the closest one."""
    near = [d for d in known if d.weekday() == index and abs((d - ref).days) <= 6]
    return min(near, key=lambda k: (abs((k - ref).days), k)) if near else None


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


def _month_only(month: int, pre: str, ref: date | None) -> PartialDate | None:
    """ "in April": the latest April up to the reference month; "next April" the coming one."""
    if ref is None:
        return None
    if pre.lower() == "next":
        return PartialDate(ref.year if month > ref.month else ref.year + 1, month)
    if pre.lower() == "this":
        return PartialDate(ref.year, month)
    return PartialDate(ref.year if month <= ref.month else ref.year - 1, month)


def _week(ref: date, weeks_back: int) -> PartialDate | None:
    """A week as its month, when the whole week (up to the reference) lies in one month."""
    monday = ref - timedelta(days=ref.weekday() + 7 * weeks_back)
    last = ref if weeks_back == 0 else monday + timedelta(days=6)
    if (monday.year, monday.month) != (last.year, last.month):
        return None
    return PartialDate(monday.year, monday.month)


def _relative(word: str, ref: date | None) -> PartialDate | None:
    if ref is None:
        return None
    word = " ".join(word.lower().split())
    if word in ("today", "tonight"):
        return PartialDate(ref.year, ref.month, ref.day)
    if word == "yesterday":
        d = ref - timedelta(days=1)
        return PartialDate(d.year, d.month, d.day)
    if word.endswith("last year"):
        return PartialDate(ref.year - 1)
    if word == "this year":
        return PartialDate(ref.year)
    if word.endswith("this month"):
        return PartialDate(ref.year, ref.month)
    if word == "last month":
        month, year = (ref.month - 1, ref.year) if ref.month > 1 else (12, ref.year - 1)
        return PartialDate(year, month)
    if word.endswith("this week"):
        return _week(ref, 0)
    if word == "last week":
        return _week(ref, 1)
    return None


def _weekday(name: str, ref: date | None, known: Sequence[date], ahead: bool = False) -> PartialDate | None:
    """A weekday: a stated date of the story that falls on it within a week of the reference, else
    the latest such day on or before the reference, or, said of what is still to come ("next
    Tuesday", "expected before Tuesday"), the first one after it."""
    if ref is None:
        return None
    index = WEEKDAYS.index(name.lower())
    d = _near(known, index, ref)
    if d is None and ahead:
        d = ref + timedelta(days=(index - ref.weekday() - 1) % 7 + 1)
    elif d is None:
        d = ref - timedelta(days=(ref.weekday() - index) % 7)
    return PartialDate(d.year, d.month, d.day)


# what is still to come: "next Tuesday", or "until / before / by Tuesday" after a future cue
_NEXT = re.compile(r"\bnext\s+$", re.I)
_BY = re.compile(r"\b(?:until|before|by)\s+$", re.I)
_FUTURE = re.compile(r"\b(?:will|would|expected|scheduled|set to|plans? to|due to)\b", re.I)


def _ahead(text: str, start: int) -> bool:
    sentence = re.split(r"[.!?\n]", text[max(0, start - 200) : start])[-1]
    return bool(_NEXT.search(sentence) or (_BY.search(sentence) and _FUTURE.search(sentence)))


def _year_before(text: str, pos: int) -> int | None:
    """The last year the text names before `pos` ("in the fall of 1976 ... December of that year")."""
    years = [int(m.group("y")) for m in _PATTERNS[-1].finditer(text, 0, pos)]
    return years[-1] if years else None


def _resolve(
    match: re.Match, ref: date | None, text: str = "", known: Sequence[date] = ()
) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if groups.get("w"):
        return _weekday(groups["w"], ref, known, _ahead(text, match.start("w")))
    if groups.get("rel"):
        return _relative(groups["rel"], ref)
    month = MONTHS[groups["m"][:3].lower()] if groups.get("m") else None
    if month is not None and groups.get("that"):
        before = _year_before(text, match.start())
        return PartialDate(before, month) if before is not None else None
    if month is not None and groups.get("pre"):
        return _month_only(month, groups["pre"], ref)
    if month is not None and groups.get("d"):
        return _month_day(month, int(groups["d"]), year, ref)
    if month is not None and year is not None:
        return PartialDate(year, month)
    return PartialDate(year) if year is not None else None


def _modal_may(match: re.Match) -> bool:
    groups = match.groupdict()
    month = groups.get("m") or ""
    return month.lower() == "may" and not month[0].isupper() and not groups.get("y")


def _names_a_date(match: re.Match, text: str, found: Sequence[DateMention]) -> bool:
    """A weekday beside a stated day that falls on it only restates that day ("On Dec. 11, a quiet
    Saturday night"); read against the reference it would name another day."""
    index = WEEKDAYS.index(match.group("w").lower())
    for m in found:
        if m.date.day is None or m.date.month is None:
            continue
        if m.span.end <= match.start():
            gap = text[m.span.end : match.start()]
        elif match.end() <= m.span.start:
            gap = text[match.end() : m.span.start]
        else:
            continue
        if len(gap) > 25 or re.search(r"[.!?;\n]", gap):
            continue
        if date(m.date.year, m.date.month, m.date.day).weekday() == index:
            return True
    return False


def find_dates(text: str, article_id: str, ref: date | None, known: Sequence[date] = ()) -> list[DateMention]:
    """Date expressions of a text, in order, the most specific reading where patterns overlap.
    `known` are day-precise dates stated elsewhere in the story (see `StoryDates`)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for i, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if _modal_may(match):
                continue  # "may 5" in lower-cased text is too often the verb
            if i == _WEEKDAY and (_WEEKDAY_BEFORE_DATE.match(text, end) or _names_a_date(match, text, found)):
                continue
            if (
                i == _BARE_YEAR
                and _MODEL_YEAR.search(text, max(0, start - 4), start)
                and text[end + 1 : end + 2].isupper()
            ):
                continue  # a model year: "a 2007 Acme Roadster"
            resolved = _resolve(match, ref, text, known)
            if resolved is None:
                continue
            taken.append((start, end))
            found.append(DateMention(Span(article_id, start, end), match.group(0), resolved))
    found.sort(key=lambda m: m.span)
    return found
