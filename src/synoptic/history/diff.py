"""What changed between two versions of a story's brief: new articles and outlets, new facts, facts now
reported by more sources, new quotes, new and resolved divergences, timeline entries added.

Matching is by spans, not by ids or wording: a stored article's cleaned text never changes, so a fact
of the old brief and one of the new brief are the same fact when they cite overlapping text of the
same older article. Each change carries the spans the new articles added (`spans`) apart from the
spans in articles the reader had already seen (`context`), so "what did the new article add" is
answered exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

KINDS = (
    "article",
    "outlet",
    "headline",
    "fact",
    "more_sources",
    "quote",
    "quote_sources",
    "divergence",
    "resolved",
    "timeline",
)


@dataclass(frozen=True)
class Cited:
    """A span with the text it covers, so a diff reads without the brief beside it."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    text: str
    spans: tuple[Cited, ...] = ()  # evidence in the articles this version added
    context: tuple[Cited, ...] = ()  # evidence in articles already in the older version
    detail: str = ""


@dataclass(frozen=True)
class BriefDiff:
    story_id: str
    old_version: int | None
    new_version: int | None
    changes: tuple[Change, ...]

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "changes": [asdict(c) for c in self.changes],
        }


_Span = tuple[str, int, int]


def _spans(items: Iterable[dict]) -> list[_Span]:
    return [(s["article_id"], int(s["start"]), int(s["end"])) for s in items]


def _overlap(a: Sequence[_Span], b: Sequence[_Span]) -> int:
    return sum(1 for x in a for y in b if x[0] == y[0] and x[1] < y[2] and y[1] < x[2])


class _Texts:
    def __init__(self, *briefs: dict) -> None:
        self._text: dict[str, str] = {}
        for brief in briefs:
            for article in brief.get("articles", []):
                self._text.setdefault(article["id"], article.get("text") or "")

    def cite(self, spans: Iterable[_Span]) -> tuple[Cited, ...]:
        unique = sorted(set(spans))
        return tuple(Cited(a, s, e, self._text.get(a, "")[s:e]) for a, s, e in unique)


def _label(article: dict) -> str:
    return article.get("outlet") or article.get("label") or article.get("source") or article["id"]


def _best(spans: Sequence[_Span], candidates: Sequence[tuple[Any, list[_Span]]]) -> Any | None:
    """The candidate whose spans overlap `spans` most (None if none overlaps)."""
    best, score = None, 0
    for item, theirs in candidates:
        shared = _overlap(spans, theirs)
        if shared > score:
            best, score = item, shared
    return best


def _split(spans: Sequence[_Span], added: set[str]) -> tuple[list[_Span], list[_Span]]:
    return [s for s in spans if s[0] in added], [s for s in spans if s[0] not in added]


def _quote_spans(quote: dict) -> list[_Span]:
    return [s for v in quote.get("variants", []) for s in _spans(v.get("support", []))]


def _divergence_spans(item: dict) -> list[_Span]:
    return [s for p in item.get("positions", []) for s in _spans(p.get("support", []))]


def _facts(old: dict, new: dict, added: set[str], texts: _Texts) -> list[Change]:
    before = [(f, _spans(f.get("support", []))) for f in old.get("facts", [])]
    changes: list[Change] = []
    for fact in new.get("facts", []):
        spans = _spans(fact.get("support", []))
        fresh, seen = _split(spans, added)
        if not fresh:
            continue
        match = _best(seen, before)
        if match is None:
            changes.append(Change("fact", fact["statement"], texts.cite(fresh), texts.cite(seen)))
            continue
        was, now = int(match.get("n_sources", 0)), int(fact.get("n_sources", 0))
        if now > was:
            detail = f"{was} -> {now} sources"
            changes.append(
                Change("more_sources", fact["statement"], texts.cite(fresh), texts.cite(seen), detail)
            )
    return changes


def _quotes(old: dict, new: dict, added: set[str], texts: _Texts) -> list[Change]:
    before = [(q, _quote_spans(q)) for q in old.get("quotes", [])]
    changes: list[Change] = []
    for quote in new.get("quotes", []):
        fresh, seen = _split(_quote_spans(quote), added)
        if not fresh:
            continue
        variants = quote.get("variants") or [{}]
        words = variants[0].get("text", "")
        text = f"{quote.get('speaker') or 'unattributed'}: {words}"
        kind = "quote" if _best(seen, before) is None else "quote_sources"
        changes.append(Change(kind, text, texts.cite(fresh), texts.cite(seen)))
    return changes


def _divergences(old: dict, new: dict, added: set[str], texts: _Texts) -> list[Change]:
    before = [(d, _divergence_spans(d)) for d in old.get("divergences", [])]
    after = [(d, _divergence_spans(d)) for d in new.get("divergences", [])]
    old_about = {d.get("about") for d in old.get("divergences", [])}
    new_about = {d.get("about") for d in new.get("divergences", [])}
    changes: list[Change] = []
    for item, spans in after:
        fresh, seen = _split(spans, added)
        if _best(seen, before) is None and item.get("about") not in old_about:
            changes.append(Change("divergence", item.get("about", ""), texts.cite(fresh), texts.cite(seen)))
    for item, spans in before:
        if _best(spans, after) is None and item.get("about") not in new_about:
            changes.append(Change("resolved", item.get("about", ""), (), texts.cite(spans)))
    return changes


def _timeline(old: dict, new: dict, added: set[str], texts: _Texts) -> list[Change]:
    before = [(t, _spans(t.get("support", []))) for t in old.get("timeline", [])]
    known = {(t.get("date"), t.get("text")) for t in old.get("timeline", [])}
    changes: list[Change] = []
    for entry in new.get("timeline", []):
        fresh, seen = _split(_spans(entry.get("support", [])), added)
        if not fresh or (entry.get("date"), entry.get("text")) in known or _best(seen, before) is not None:
            continue
        text = f"{entry.get('date')}: {entry.get('text')}"
        changes.append(Change("timeline", text, texts.cite(fresh), texts.cite(seen)))
    return changes


def diff_briefs(
    old: dict | str | None,
    new: dict | str,
    old_version: int | None = None,
    new_version: int | None = None,
) -> BriefDiff:
    """The changes from brief `old` (None: the story is new) to brief `new` (JSON dicts or text)."""
    old_brief: dict = json.loads(old) if isinstance(old, str) else (old or {})
    new_brief: dict = json.loads(new) if isinstance(new, str) else new
    texts = _Texts(new_brief, old_brief)
    old_articles = {a["id"]: a for a in old_brief.get("articles", [])}
    added_articles = [a for a in new_brief.get("articles", []) if a["id"] not in old_articles]
    added = {a["id"] for a in added_articles}
    changes: list[Change] = []
    for article in added_articles:
        title = article.get("title") or article.get("url") or article["id"]
        changes.append(
            Change("article", title, detail=f"{_label(article)}; {article.get('url') or ''}".strip("; "))
        )
    old_outlets = {_label(a) for a in old_articles.values()}
    for outlet in dict.fromkeys(_label(a) for a in added_articles):
        if outlet not in old_outlets:
            changes.append(Change("outlet", outlet))
    if old_brief and old_brief.get("headline") != new_brief.get("headline"):
        changes.append(
            Change("headline", new_brief.get("headline") or "", detail=old_brief.get("headline") or "")
        )
    changes.extend(_facts(old_brief, new_brief, added, texts))
    changes.extend(_quotes(old_brief, new_brief, added, texts))
    changes.extend(_divergences(old_brief, new_brief, added, texts))
    changes.extend(_timeline(old_brief, new_brief, added, texts))
    story_id = (new_brief.get("story") or {}).get("id", "")
    return BriefDiff(story_id, old_version, new_version, tuple(changes))


_TITLES = {
    "article": "New articles",
    "outlet": "New outlets",
    "headline": "Headline",
    "fact": "New facts",
    "more_sources": "Facts now reported by more sources",
    "quote": "New quotes",
    "quote_sources": "Quotes now reported by more sources",
    "divergence": "New divergences",
    "resolved": "Resolved divergences",
    "timeline": "Timeline entries added",
}


def _where(spans: Sequence[Cited]) -> str:
    return ", ".join(f"{s.article_id}[{s.start}:{s.end}]" for s in spans)


def format_diff(diff: BriefDiff) -> str:
    """The diff as text: a heading per kind of change, a line per change, its spans beneath."""
    old = f"v{diff.old_version}" if diff.old_version else "nothing"
    lines = [f"story {diff.story_id}: {old} -> v{diff.new_version}"]
    if not diff.changes:
        lines.append("no changes")
    for kind in KINDS:
        items = diff.of(kind)
        if not items:
            continue
        lines.append(f"{_TITLES[kind]} ({len(items)}):")
        for change in items:
            extra = f"  ({change.detail})" if change.detail else ""
            lines.append(f"  + {change.text}{extra}")
            if change.spans:
                lines.append(f"      new: {_where(change.spans)}")
            if change.context:
                lines.append(f"      seen: {_where(change.context)}")
    return "\n".join(lines) + "\n"
