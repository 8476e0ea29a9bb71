"""Framing per outlet: whose words fill the article, which words stand in scare quotes, loaded terms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from synoptic.analyze.quotes import find_quote_spans
from synoptic.model import Article, Framing, Quote, Voice

# A small generic lexicon of loaded words; matched as whole words, case-insensitively.
LOADED_TERMS = (
    "regime", "hysteria", "hysterical", "aggression", "aggressor", "terrorist", "terrorists", "thugs",
    "puppet", "propaganda", "invasion", "invader", "occupiers", "junta", "genocide", "massacre",
    "provocation", "provocations", "crackdown", "radical", "extremist", "extremists", "militants",
    "slaughter", "atrocity", "atrocities", "brutal", "tyrant", "dictator", "war criminal", "illegal",
    "misinformation", "disinformation", "fake news", "warmonger", "sabotaging", "sabotage",
)  # fmt: skip
_LOADED = re.compile(r"\b(" + "|".join(re.escape(t) for t in LOADED_TERMS) + r")\b", re.I)
SCARE_MAX_WORDS = 4


def _voices(article: Article, quotes: Sequence[Quote]) -> tuple[Voice, ...]:
    words: Counter = Counter()
    for quote in quotes:
        for variant in quote.variants:
            for span in variant.support:
                if span.article_id == article.id:
                    words[quote.speaker or "unattributed"] += len(article.text[span.start : span.end].split())
    total = sum(words.values())
    if not total:
        return ()
    ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Voice(speaker, round(count / total, 3)) for speaker, count in ranked)


def _scare_quotes(article: Article, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """Short quoted phrases (1-4 words) that are not a full direct quote."""
    direct = {
        (s.start, s.end)
        for q in quotes
        for v in q.variants
        if v.kind == "direct"
        for s in v.support
        if s.article_id == article.id
    }
    found: list[str] = []
    for start, end in find_quote_spans(article.text):
        phrase = article.text[start:end].strip(" ,.")
        if not phrase or len(phrase.split()) > SCARE_MAX_WORDS:
            continue
        if any(s <= start and end <= e for s, e in direct):
            continue
        if phrase.lower() not in (f.lower() for f in found):
            found.append(phrase)
    return tuple(found)


def frame_articles(articles: Sequence[Article], quotes: Sequence[Quote]) -> tuple[Framing, ...]:
    """One Framing per article, in article order."""
    out: list[Framing] = []
    for article in articles:
        terms = sorted({m.group(1).lower() for m in _LOADED.finditer(article.text)})
        voices, scare = _voices(article, quotes), _scare_quotes(article, quotes)
        out.append(Framing(article.id, voices, scare, tuple(terms)))
    return tuple(out)
