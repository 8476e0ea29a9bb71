"""Verify that a cited sentence states the claim, instead of assuming it from similarity.

Alignment groups sentences that are about the same thing; a citation needs more: the other article's
sentence must state the same event in the same state. Cheap checks catch what similarity cannot
see: the numbers (a 3,000 and a 7,000 are different claims), the weekday, and modality (a vote
"expected on Monday" is not the vote's result). A sentence that passes them and is close enough to
the cited one supports it; the rest only relate to it and are not cited.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from synoptic.light_imports import sklearn_stop_words
from synoptic.model import Span

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMERIC = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion)\b)?", re.I
)
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?:\s+(thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# an event still to come: "will vote", "is expected to", "plans to"; hedges (would, could, may) are left
# alone, since reported speech is full of them on both sides
_FUTURE = re.compile(
    r"\b(?:will|shall|expected\s+to|set\s+to|plans?\s+to|planning\s+to|scheduled\s+to|poised\s+to|"
    r"is\s+to|are\s+to|going\s+to|upcoming|ahead\s+of)\b|['’]ll\b",
)  # case-sensitive: a capitalised "Will" mid-sentence is a name
_HEDGE = re.compile(r"\b(?:would|could|may|might|should|must|can)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\s*(?:more|additional|other|new|of\s+the|of)?\s*([a-z]{3,})", re.IGNORECASE)
# words after a figure that are not what it counts: "between 420,000 and 380,000", "12 in all"
_NOT_COUNTED = frozenset(
    {"and", "the", "for", "from", "than", "was", "were", "are", "ago", "that", "with", "into", "over"}
    | {"per", "all", "who", "which", "has", "had", "have"}
)
# a point in time told by its distance: "320,000 years ago", "two weeks ago"
_AGO = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s+(thousand|million|billion))?\s+(year|month|week|day|hour)s?\s+ago\b",
    re.IGNORECASE,
)
# "20 years ago" and "320,000 years" date different things in one sentence: spans of time count nothing
_SPANS_OF_TIME = frozenset(
    ["year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes"]
)


def numbers(text: str) -> set[str]:
    """The quantities a sentence states, spelled one way: '3,000', 'three thousand', '3 thousand'."""
    found: set[str] = set()
    for value, scale in _NUMERIC.findall(text):
        found.add(_canonical(float(value.replace(",", "")) * _SCALE.get(scale.lower(), 1.0)))
    for word, scale in _WORD_NUMBER.findall(text):
        found.add(_canonical(float(_NUMBER_WORDS[word.lower()]) * _SCALE.get(scale.lower(), 1.0)))
    return found


def _canonical(value: float) -> str:
    return f"{value:.6g}"


def counts(text: str) -> dict[str, set[str]]:
    """Quantities by what they count: '3,000 jobs' -> {'job': {'3000'}}; a bare figure counts nothing."""
    out: dict[str, set[str]] = {}
    for match in _NUMERIC.finditer(text):
        value = float(match.group(1).replace(",", "")) * _SCALE.get((match.group(2) or "").lower(), 1.0)
        _add_count(out, text[match.end() :], value)
    for match in _WORD_NUMBER.finditer(text):
        value = float(_NUMBER_WORDS[match.group(1).lower()]) * _SCALE.get((match.group(2) or "").lower(), 1.0)
        _add_count(out, text[match.end() :], value)
    return out


def _add_count(out: dict[str, set[str]], after: str, value: float) -> None:
    noun = _COUNTED.match(after)
    if noun and noun.group(1).lower() not in _SPANS_OF_TIME | _NOT_COUNTED:
        word = noun.group(1).lower()
        out.setdefault(word[:-1] if word.endswith("s") else word, set()).add(_canonical(value))


def moments_ago(text: str) -> set[tuple[str, str]]:
    """The points in time a sentence dates by distance: {('320000', 'year')} for '320,000 years ago'."""
    found: set[tuple[str, str]] = set()
    for value, scale, unit in _AGO.findall(text):
        number = _NUMBER_WORDS.get(value.lower(), value).replace(",", "")
        found.add((_canonical(float(number) * _SCALE.get(scale.lower(), 1.0)), unit.lower()))
    return found


def conflicts(cited: str, other: str) -> str | None:
    """Why `other` does not state the claim of `cited`, or None when nothing contradicts it.

    Counts conflict only when both count the same thing ("3,000 jobs" / "7,000 jobs"); weekdays and
    distances back in time ("300,000 years ago" / "100,000 years ago") when both date something; an
    event told as still to come does not support its outcome (a claim itself hedged or reported as
    intent, "would review", may be supported by "will review"). Negation is not
    checked: a news sentence packs several clauses ("held a call, but it ended without a deal"), and
    the polarity of one says nothing about the claim of another.
    """
    a, b = counts(cited), counts(other)
    if any(a[k] and b[k] and not (a[k] & b[k]) for k in a.keys() & b.keys()):
        return "numbers"
    days_a = {d.lower() for d in _WEEKDAY.findall(cited)}
    days_b = {d.lower() for d in _WEEKDAY.findall(other)}
    if days_a and days_b and not (days_a & days_b):
        return "weekday"
    ago_a, ago_b = moments_ago(cited), moments_ago(other)
    if ago_a and ago_b and not (ago_a & ago_b):
        return "date"
    if _FUTURE.search(other) and not (_FUTURE.search(cited) or _HEDGE.search(cited)):
        return "modality"
    return None


_WORD = re.compile(r"[a-z0-9]+")
_CLAIM_MIN_WORDS = 3  # "Cohen: “No.”" can state a claim; a two-word heading cannot
_STEM = 5  # a word's first letters stand for it: "resigned" / "resignation", "cooks" / "cooking"


def content_words(text: str) -> frozenset[str]:
    """The stems of a sentence's content words (no stop words, three letters or more)."""
    stop = sklearn_stop_words()
    return frozenset(w[:_STEM] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop)


@lru_cache(maxsize=8)
def _weights(texts: tuple[str, ...]) -> dict[str, float]:
    """Inverse document frequency of each stem over the story's sentences: the story's own subject
    ("the company", the protagonist's name) is in most of them and weighs little."""
    frequency: dict[str, int] = {}
    for text in texts:
        for word in content_words(text):
            frequency[word] = frequency.get(word, 0) + 1
    return {w: math.log((len(texts) + 1) / (n + 1)) + 1.0 for w, n in frequency.items()}


def shared_content(cited: str, other: str, weights: dict[str, float]) -> float:
    """The weighted share of what `cited` says (its content words) that `other` also says."""
    claim = content_words(cited)
    total = sum(weights.get(w, 1.0) for w in claim)
    if total == 0:
        return 1.0
    return sum(weights.get(w, 1.0) for w in claim & content_words(other)) / total


def _announces(text: str) -> bool:
    """A sentence ending in a colon ("The new rules include:") says its content in the lines after it."""
    return text.rstrip().endswith(":")


def _is_label(text: str) -> bool:
    """A line of one or two words ("Racing Game", "Photos") names something and states no claim."""
    return len(text.split()) < _CLAIM_MIN_WORDS


def verified_support(
    cited: int,
    members: Sequence[int],
    texts: Sequence[str],
    spans: Sequence[Span],
    similarity: np.ndarray,
    floor: float,
    min_shared: float = 0.0,
) -> tuple[Span, ...]:
    """For each article of `members`, its sentence that best states what sentence `cited` states.

    The cited sentence stands for its own article. Another article is cited through its closest
    member that is close enough (blended similarity `floor` or more), says enough of the same things
    (`shared_content` of `min_shared` or more, unless it announces a list: a sentence on the same
    topic that states another claim shares the story's names but little else), is more than a label
    and contradicts nothing; an article with no such sentence only relates to the claim and is not cited.
    """
    own = spans[cited].article_id
    weights = _weights(tuple(texts)) if min_shared > 0 else {}
    best: dict[str, tuple[float, int]] = {}
    for m in members:
        article = spans[m].article_id
        if m == cited or article == own:
            continue
        sim = float(similarity[cited, m])
        if sim < floor or _is_label(texts[m]) or conflicts(texts[cited], texts[m]) is not None:
            continue
        if (
            min_shared > 0
            and not _announces(texts[m])
            and shared_content(texts[cited], texts[m], weights) < min_shared
        ):
            continue
        if article not in best or (sim, -m) > (best[article][0], -best[article][1]):
            best[article] = (sim, m)
    return tuple(sorted([spans[cited], *(spans[m] for _, m in best.values())]))
