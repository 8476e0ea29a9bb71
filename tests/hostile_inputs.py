"""Hostile inputs generated on demand (never stored): shared by tests/test_hostile.py and bench/hostile.py.

Every generator is seeded, so a case is the same text on every run; the words are invented.
"""

from __future__ import annotations

import random

_SYLLABLES = ("ka", "lo", "mi", "ren", "to", "va", "zu", "bri", "sel", "dor", "pha", "quen", "ist", "mar")
_VERBS = ("reviewed", "opened", "closed", "praised", "measured", "painted", "moved", "counted", "sold")
_NOUNS = ("harbour", "bridge", "orchard", "archive", "tram line", "market", "lighthouse", "garden")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def _sentence(rng: random.Random) -> str:
    return (
        f"The {rng.choice(_NOUNS)} of {_name(rng)} was {rng.choice(_VERBS)} by {_name(rng)} "
        f"on a quiet {rng.choice(('morning', 'evening', 'afternoon'))} near {_name(rng)}."
    )


def long_article(chars: int = 1_100_000, seed: int = 7) -> str:
    """A plain-text article of about `chars` characters: a title and paragraphs of 400-1,500 characters."""
    rng = random.Random(seed)
    lines = [f"The long chronicle of {_name(rng)} and {_name(rng)}", ""]
    size = sum(len(x) + 1 for x in lines)
    while size < chars:
        paragraph = []
        target = rng.randint(400, 1500)
        while sum(len(s) + 1 for s in paragraph) < target:
            paragraph.append(_sentence(rng))
        line = " ".join(paragraph)
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def dense_mr_line(chars: int = 20_000, seed: int = 0) -> str:
    """One line of unique "Mr. X" mentions: every full stop is an abbreviation, so no sentence ends."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        part = f"Mr. {_name(rng)} met Mr. {_name(rng)}"
        parts.append(part)
        size += len(part) + 2
    return ", ".join(parts)[:chars]


def dense_mr_text(lines: int = 50, chars: int = 20_000) -> str:
    """`lines` dense "Mr." lines, each of `chars` characters."""
    return "\n".join(dense_mr_line(chars, seed) for seed in range(lines)) + "\n"


def long_word(chars: int = 200_000, seed: int = 3) -> str:
    """One hyphenated word of `chars` characters of upper-case parts ("KALO-REN-MIZU"): every capital
    after a hyphen could open a name that never finds its lower-case letter, the worst case for a
    backtracking name pattern."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        part = _name(rng).upper()
        parts.append(part)
        size += len(part) + 1
    return "-".join(parts)[:chars]
