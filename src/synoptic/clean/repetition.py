"""Repetition inside one article: a line repeated, or a truncated/near copy of another line.

Pages repeat their headline, print a standfirst that is the lede cut short, or paste a paragraph twice.
One copy is kept (the longer; for equal copies the first) and the others are duplicates.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def find_duplicates(texts: list[str], min_words: int, near: float) -> dict[int, tuple[int, str]]:
    """Map position -> (position of the kept copy, reason) for every line that copies another line.

    Lines under `min_words` words ("Share") repeat for reasons other than copying; a near copy has a
    rapidfuzz ratio of at least `near` (punctuation and a word or two may differ)."""
    normals = [_normal(t) for t in texts]
    buckets: dict[str, list[int]] = defaultdict(list)
    for pos, norm in enumerate(normals):
        words = norm.split()
        if len(words) >= min_words:
            buckets[" ".join(words[:min_words])].append(pos)
    result: dict[int, tuple[int, str]] = {}
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a in result or b in result:
                    continue
                na, nb = normals[a], normals[b]
                if na == nb:
                    result[b] = (a, "repeats")
                    continue
                short, long_ = (a, b) if len(na) < len(nb) else (b, a)
                ns, nl = normals[short], normals[long_]
                if nl.startswith(ns):
                    result[short] = (long_, "truncated copy of")
                elif fuzz.ratio(ns, nl[: len(ns)]) >= near and len(ns) >= 0.5 * len(nl):
                    result[short] = (long_, "near copy of")
    return result
