"""Framing per outlet: whose words fill the article, which words stand in scare quotes, loaded terms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from synoptic.analyze.cues import SPEECH_VERBS
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


_WORD = re.compile(r"[A-Za-z]+")
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak"}
_ATTRIBUTION = re.compile(r"\baccording to\b|\bas per\b", re.I)


def _speech_verb(word: str) -> bool:
    """`word` is an inflected speech verb ('said', 'described', 'calls', 'warning')."""
    w = word.casefold()
    if w in _IRREGULAR:
        return True
    stems = {w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-3] + "y", w[:-4]}  # -s -d -ed -es -ing -ied -ting
    return any(stem in SPEECH_VERBS for stem in stems if len(stem) >= 3)


def _attributed(text: str, start: int, end: int, bounds: Sequence[tuple[int, int]]) -> bool:
    """The sentence around [start, end) says someone said something: a speech verb or 'according to'
    outside the quoted words."""
    around = next(((s, e) for s, e in bounds if s <= start and end <= e), None)
    if around is None:
        return False
    rest = text[around[0] : start] + " " + text[end : around[1]]
    return bool(_ATTRIBUTION.search(rest)) or any(_speech_verb(w) for w in _WORD.findall(rest))


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _scare_quotes(article: Article, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """Short phrases (1-4 words) in quotation marks that no speaker is said to have said: not part of
    a quote the brief attributes (in any outlet's wording), not in a sentence that reports speech."""
    said = [
        (s.start, s.end) for q in quotes for v in q.variants for s in v.support if s.article_id == article.id
    ]
    wordings = [_norm(v.text) for q in quotes for v in q.variants]
    bounds = [(s.span.start, s.span.end) for s in article.sentences]
    found: list[str] = []
    for start, end in find_quote_spans(article.text):
        phrase = article.text[start:end].strip(" ,.")
        if not phrase or len(phrase.split()) > SCARE_MAX_WORDS:
            continue
        if any(s < end and start < e for s, e in said):
            continue  # the article's own attributed quote, or part of one
        key = _norm(phrase)
        if key and any(key == w or (" " in key and f" {key} " in f" {w} ") for w in wordings):
            continue  # a speaker is said to have said these words (here or in another outlet)
        if _attributed(article.text, start - 1, end + 1, bounds):
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
