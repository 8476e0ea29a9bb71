"""Outlet, publication date and dateline read from the text itself.

Datelines: "CITY, Month D. /AGENCY/. ...", "CITY, Month D (Agency) - ...", "CITY (Agency) — ...",
"CITY--...", "Place/Place: ...". A "SOURCE: X" line names the outlet ("ABCNews and agencies" -> "ABC News").
A dateline date without a year takes it from context: another document's date, else the years the
article itself mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synoptic.ingest.datestamps import MONTHS, parse_month_day, to_iso

# possessive words: "A-B-C-..." could otherwise be split between word and separator in n^4 ways
_PLACE = r"[A-Z][\w.'’-]*+(?:[ /-][A-Z][\w.'’-]*+){0,3}"
_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}),\s*(?P<date>[A-Z][a-z]+\.?\s+\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\.?\s*"
    r"/(?P<agency>[A-Z][\w .&-]{0,30})/\.?\s+\S"
)
_PAREN_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*(?P<date>[A-Z][a-z]+\.?\s+\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?\s*"
    r"\((?P<agency>[A-Z][\w .&-]{0,30})\)\s*[-—–:]+\s*\S"
)
_COLON_DATELINE = re.compile(rf"^(?P<place>{_PLACE}):\s+[A-Z“\"‘']")
_DASH_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]*[A-Z.'’](?:[ /][A-Z][A-Z.'’-]*[A-Z.'’]){0,3})(?:\s+[—–]\s+|\s*--\s*)[A-Z“\"]"
)
# Labels that look like "Word:" openings but are not places.
_NOT_PLACES = frozenset(
    [
        "note",
        "update",
        "editor",
        "editors",
        "correction",
        "watch",
        "read",
        "breaking",
        "exclusive",
        "analysis",
        "opinion",
        "live",
        "video",
        "photo",
        "source",
        "sources",
        "warning",
        "disclaimer",
        "related",
        "q",
        "a",
    ]
)
_AGENCY_TAIL = re.compile(
    r"(?<!\s)\s*+(?:[,&+]|\band\b|\bwith\b)?\s*+(?:news\s++)?agenc(?:y|ies)\s*+$",
    re.I,  # linear: one start
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_MONTH_YEAR = re.compile(
    r"\b(?P<month>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?:\s+\d{1,2},?)?\s+(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Dateline:
    """What a dateline opening a body line says."""

    place: str
    agency: str | None
    month_day: tuple[int, int] | None
    year: int | None

    @property
    def strong(self) -> bool:
        """A wire dateline (an agency, or the place in capitals): the story's first line."""
        return self.agency is not None or self.place.isupper()


def read_dateline(line: str) -> Dateline | None:
    """The dateline at the start of a body line, else None."""
    for pattern in (_AGENCY_DATELINE, _PAREN_DATELINE):
        match = pattern.match(line)
        if match:
            date = match.group("date")
            year = match.group("year")
            return Dateline(
                place=match.group("place"),
                agency=match.group("agency").strip(),
                month_day=parse_month_day(date) if date else None,
                year=int(year) if year else None,
            )
    for pattern in (_COLON_DATELINE, _DASH_DATELINE):
        match = pattern.match(line)
        if match and match.group("place").split("/")[0].split()[0].lower() not in _NOT_PLACES:
            return Dateline(place=match.group("place"), agency=None, month_day=None, year=None)
    return None


def outlet_from_source(value: str) -> str | None:
    """ "ABCNews and agencies" -> "ABC News": drop the agencies tail, split CamelCase words."""
    name = _AGENCY_TAIL.sub("", value.strip()).strip(" ,.;-")
    if not name:
        return None
    return " ".join(_CAMEL.sub(" ", word) for word in name.split())


def infer_year(month_day: tuple[int, int], text: str, context_dates: list[str]) -> str | None:
    """ISO date for a dateline's month and day, the year taken from other documents or the text.

    Other documents' dates (same story) win: the year that puts the day nearest to one of them. Else the
    latest year the text mentions, moved one year on when the text dates an event after that day
    (news is published after the events it reports).
    """
    month, day = month_day
    if context_dates:
        best: tuple[int, str] | None = None
        for iso in sorted(context_dates):
            year = int(iso[:4])
            for candidate_year in (year - 1, year, year + 1):
                candidate = to_iso(candidate_year, month, day)
                if candidate is None:
                    continue
                distance = abs(_ordinal(candidate) - _ordinal(iso))
                if best is None or distance < best[0]:
                    best = (distance, candidate)
        if best is not None and best[0] <= 183:
            return best[1]
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None
    year = max(years)
    mentioned = [(int(m.group("year")), MONTHS[m.group("month").lower()]) for m in _MONTH_YEAR.finditer(text)]
    if any((y, m) > (year, month) for y, m in mentioned):
        year += 1
    return to_iso(year, month, day)


def _ordinal(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso).toordinal()
