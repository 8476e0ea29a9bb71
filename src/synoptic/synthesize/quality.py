"""Quality flags per article: a name spelt unlike every other source, a source nobody else knows, an
input that is mostly boilerplate. Transliteration differences (Andrei / Andrey) are not misspellings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from synoptic.model import Article, Citation, Entity, LineKind, QualityFlag
from synoptic.settings import Settings

# Citation kinds that name a publisher of record; these are known outlets even when cited once.
OUTLET_HOWS = frozenset({"reported", "as per", "dateline", "source line", "photo credit"})


def _transliteration_key(name: str) -> str:
    """A spelling key under which common romanisation variants coincide."""
    key = name.lower()
    for a, b in (("kh", "h"), ("iy", "i"), ("yy", "y"), ("ii", "i"), ("y", "i"), ("j", "i"), ("w", "v")):
        key = key.replace(a, b)
    return re.sub(r"(.)\1", r"\1", key)


def _surname_spellings(entity: Entity, texts: dict[str, str]) -> dict[str, set[str]]:
    """Surname spelling -> the articles that use it, for a person entity."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for span in entity.mentions:
        words = texts[span.article_id][span.start : span.end].split()
        if words:
            spellings[words[-1].strip("’'s.,")].add(span.article_id)
    return spellings


def flag_name_spellings(articles: Sequence[Article], entities: Sequence[Entity]) -> list[QualityFlag]:
    texts = {a.id: a.text for a in articles}
    flags: list[QualityFlag] = []
    for entity in entities:
        if entity.type != "PERSON":
            continue
        spellings = _surname_spellings(entity, texts)
        if len(spellings) < 2:
            continue
        keys = defaultdict(set)
        for spelling, ids in spellings.items():
            keys[_transliteration_key(spelling)] |= ids
        for key, ids in sorted(keys.items()):
            others = set().union(*(v for k, v in keys.items() if k != key))
            if len(ids) == 1 and len(others - ids) >= 2:
                article_id = next(iter(ids))
                used = sorted(s for s, v in spellings.items() if _transliteration_key(s) == key)
                flags.append(QualityFlag(article_id, "name_spelling",
                    f"spells {entity.canonical!r} as {used[0]!r}; {len(others)} other sources spell it "
                    "differently"))  # fmt: skip
    return flags


def flag_unique_sources(
    articles: Sequence[Article], citations: Sequence[Citation], entities: Sequence[Entity]
) -> list[QualityFlag]:
    """A source cited by one article that no other article names, and not as a publisher of record."""
    flags: list[QualityFlag] = []
    lowered = {a.id: a.text.lower() for a in articles}
    known = {v.lower() for e in entities if len(e.article_ids) >= 2 for v in e.variants}
    for c in citations:
        if c.how in OUTLET_HOWS or c.how == "quoted":
            continue
        name = c.cited.lower()
        elsewhere = any(name in text for aid, text in lowered.items() if aid != c.article_id)
        if elsewhere or name in known:
            continue
        message = f"attributes to {c.cited!r} ({c.how}), a source no other article names"
        flags.append(QualityFlag(c.article_id, "unique_source", message))
    return flags


def flag_boilerplate(articles: Sequence[Article], most: float) -> list[QualityFlag]:
    """Articles of which more than `most` of the input was boilerplate or duplicate lines."""
    flags: list[QualityFlag] = []
    for a in articles:
        total = sum(len(line.text) for line in a.lines)
        noise = sum(len(ln.text) for ln in a.lines if ln.kind in (LineKind.BOILERPLATE, LineKind.DUPLICATE))
        if total and noise / total > most:
            message = f"{noise / total:.0%} of the input is boilerplate or duplicate lines"
            flags.append(QualityFlag(a.id, "mostly_boilerplate", message))
    return flags


def flag_quality(
    articles: Sequence[Article], entities: Sequence[Entity], citations: Sequence[Citation], settings: Settings
) -> tuple[QualityFlag, ...]:
    """All flags, sorted by article, code and message, without repeats."""
    flags = {
        *flag_name_spellings(articles, entities),
        *flag_unique_sources(articles, citations, entities),
        *flag_boilerplate(articles, settings.quality_boilerplate_share),
    }
    return tuple(sorted(flags, key=lambda f: (f.article_id, f.code, f.message)))
