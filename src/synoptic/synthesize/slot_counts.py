"""Counts of a thing in one sentence ("four men were arrested"), compared across two sentences.

Counts are compared by the noun they count, wherever they stand, because two articles word the rest of
such a sentence differently; additive counts, range ends and a noun counted twice are left out.
"""

from __future__ import annotations

import re

from synoptic.synthesize.slot_values import (
    STOP,
    Clash,
    Member,
    clock_minutes,
    hedge,
    in_range,
    is_additive,
    number_at,
    numbers_differ,
    parse_number,
    says,
    tokens_span,
    tokens_text,
    wordset,
)


def sentence_counts(m: Member) -> dict[str, tuple[float, str, int, int]]:
    """Counted things of a sentence: noun (or what happened to them: "were arrested") -> (value, hedge,
    first token, last token). Additive counts, range ends and a noun counted twice are left out."""
    out: dict[str, tuple[float, str, int, int]] = {}
    twice: set[str] = set()
    for i in range(len(m.tokens)):
        found = number_at(m.tokens, i)
        if not found or m.tokens[i].key == "one" or clock_minutes(m.tokens[i].key) is not None:
            continue
        value, n = found
        j = i + n
        if j >= len(m.tokens) or parse_number(m.tokens[j].key) is not None:
            continue
        k = j if m.tokens[j].key in BE else j + 1  # "three were injured", "four men were arrested"
        start_be = k
        while k < len(m.tokens) and m.tokens[k].key in BE:
            k += 1
        if k > start_be and m.tokens[start_be].key in SINGULAR and value != 1:
            continue  # "Ivo Marsh, 34, was arrested": an age before a singular verb, not a count
        if k > start_be and k < len(m.tokens) and m.tokens[k].key.endswith("ed"):
            j = k  # a count of what happened to them
        elif m.tokens[j].key in STOP:
            continue
        if m.tokens[i].key == "no" and not m.tokens[j].key.endswith("s"):
            continue  # "no arrests" is a count of none; "no doubt" is not a count
        if is_additive(m.tokens[max(0, i - 3) : j + 1]) or m.tokens[i].key.startswith("$"):
            continue
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", m.tokens[i].key) or in_range(m.tokens, i, n):
            continue
        if len(m.tokens[j].key) < 2 or m.tokens[j].key in CLOCK_WORDS:
            continue  # "7 p. m.", "40am": a time cut apart, not a count
        noun = stem(m.tokens[j].key)
        if noun in out or noun in twice:
            twice.add(noun)
            out.pop(noun, None)
            continue
        out[noun] = (value, hedge(m.tokens, i), i, j)
    return out


CLOCK_WORDS = wordset("am pm a.m p.m")
SINGULAR = wordset("was is has")
BE = wordset("were was are is have has had been be")


def stem(word: str) -> str:
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
    events = {stem(w) for w in EVENT_NOUNS}
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
    xa, xb = tokens_text(ta, wa), tokens_text(tb, wb)
    if says(ta, xb) or says(tb, xa):
        return None
    return Clash(f"number of {a.tokens[ja].text.lower()}", tokens_span(a.span.article_id, wa), xa,
                 tokens_span(b.span.article_id, wb), xb, a.span, b.span)  # fmt: skip


def count_clashes(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """Counts of the same thing that differ, wherever they stand in two differently worded sentences."""
    shared = sorted(set(a.counts) & set(b.counts))
    return [c for c in (count_clash(a, b, noun, texts) for noun in shared) if c]


def two_tallies(a: Member, b: Member) -> bool:
    """The sentences count two or more of the same things and every count differs ("605 yards and five
    goals" / "3,907 yards and 26 goals"): two tallies (two players, two seasons), not one in dispute."""
    shared = set(a.counts) & set(b.counts)
    return len(shared) >= 2 and all(a.counts[n][0] != b.counts[n][0] for n in shared)
