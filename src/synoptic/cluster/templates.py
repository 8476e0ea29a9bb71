"""Cross-article template sentences: text that recurs verbatim across many articles of a stream
(archive notices, newsletter sign-ups, share widgets) says nothing about the event, so it is dropped
from the clustering features once it has been seen in `min_count` earlier articles.

Online by construction: whether a sentence is a template depends only on articles that came before.
The cost: the copies of one wire story beyond `min_count` lose their repeated sentences too.
"""

from __future__ import annotations

import hashlib
import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SPACE = re.compile(r"\s+")
MIN_WORDS = 5  # shorter sentences repeat by chance; part of the pair model's features (online.py)


def _key(sentence: str) -> int:
    norm = _SPACE.sub(" ", sentence.lower()).strip()
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def strip_templates(text: str, counts: dict[int, int], min_count: int) -> str:
    """Text without sentences already seen in >= min_count articles; counts this article's sentences."""
    kept: list[str] = []
    seen_here: set[int] = set()
    for sentence in _SENTENCE_END.split(text):
        if len(sentence.split()) < MIN_WORDS:
            kept.append(sentence)
            continue
        key = _key(sentence)
        if counts.get(key, 0) < min_count:
            kept.append(sentence)
        if key not in seen_here:
            seen_here.add(key)
            counts[key] = counts.get(key, 0) + 1
    return " ".join(kept)
