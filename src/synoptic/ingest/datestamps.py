"""Parse the publication dates that news pages print ("February 12, 2022", "12 Feb 2022", ISO stamps).

Small and strict on purpose: a whole line must be a date (plus an optional "Published"/"Updated" label
and time of day) to count as a date line, so body sentences that mention dates are never taken for one.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_LABEL = r"(?:(?:published|updated|posted|last updated|date|first published)(?:\s+on)?\s*:?\s*)?"
_TIME = (
    r"(?:\s*(?:,|at|[-|•])?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_WHOLE_LINE = [
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}\.?$", re.I),
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}\.?$", re.I),
    re.compile(
        rf"^{_LABEL}{_YEAR}-(?P<mnum>\d{{1,2}})-{_DAY}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?$", re.I
    ),
]
_ISO_PREFIX = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+{_DAY}$", re.I)


def to_iso(year: int, month: int, day: int) -> str | None:
    """ISO "YYYY-MM-DD" for a real calendar day, else None."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> str | None:
    """The ISO date when the whole line is a date stamp, else None."""
    text = line.strip().replace("\u00a0", " ")
    if len(text) > 80:
        return None
    for pattern in _WHOLE_LINE:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
            return to_iso(int(groups["year"]), month, int(groups["day"]))
    return None


def parse_month_day(text: str) -> tuple[int, int] | None:
    """(month, day) from "February 12" or "Feb. 12", else None."""
    match = _MONTH_DAY.match(text.strip())
    if not match:
        return None
    return MONTHS[match.group("month").lower()], int(match.group("day"))


def normalize_date(value: str | None) -> str | None:
    """Any metadata date (ISO timestamp or printed date) as ISO "YYYY-MM-DD", else None."""
    if not value:
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        return to_iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return parse_date_line(value)
