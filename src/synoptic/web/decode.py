"""The brief's JSON contract back into a `Brief`, so cached briefs can be rendered by the library's
renderers (Markdown export) without rebuilding them."""

from __future__ import annotations

from typing import Any

from synoptic.model import (
    Article,
    Brief,
    Citation,
    Divergence,
    Entity,
    FactUnit,
    Framing,
    Line,
    LineKind,
    PartialDate,
    Position,
    Problem,
    QualityFlag,
    Quote,
    QuoteVariant,
    Sentence,
    Span,
    Story,
    SummarySentence,
    TimelineEvent,
    Voice,
)


def _spans(items: list[dict[str, Any]]) -> tuple[Span, ...]:
    return tuple(Span(s["article_id"], s["start"], s["end"]) for s in items)


def _date(iso: str) -> PartialDate:
    parts = [int(p) for p in iso.split("-")]
    return PartialDate(*parts[:3])


def _article(a: dict[str, Any]) -> Article:
    text = a["text"]
    return Article(
        id=a["id"],
        source=a["source"],
        outlet=a.get("outlet"),
        url=a.get("url"),
        published=a.get("published"),
        title=a.get("title"),
        dek=a.get("dek"),
        lines=tuple(
            Line(ln.get("index", i), ln["text"], LineKind(ln["kind"]), ln["reason"])
            for i, ln in enumerate(a.get("lines", []))
        ),
        text=text,
        sentences=tuple(
            Sentence(s["id"], Span(a["id"], s["start"], s["end"]), text[s["start"] : s["end"]])
            for s in a.get("sentences", [])
        ),
        dateline=a.get("dateline"),
        off_topic=a.get("off_topic"),
    )


def brief_from_dict(data: dict[str, Any]) -> Brief:
    """Inverse of `render.json.brief_to_dict` for every field the renderers read."""
    story = data["story"]
    facts = tuple(FactUnit(f["id"], f["statement"], _spans(f["support"])) for f in data.get("facts", []))
    by_id = {f.id: f for f in facts}
    single = tuple(
        by_id.get(s["fact_id"]) or FactUnit(s["fact_id"], s["text"], _spans(s["support"]))
        for s in data.get("single_source", [])
    )
    return Brief(
        story=Story(
            story["id"],
            tuple(story["article_ids"]),
            story["label"],
            story.get("first_seen"),
            story.get("last_seen"),
        ),
        headline=data["headline"],
        articles=tuple(_article(a) for a in data.get("articles", [])),
        summary=tuple(
            SummarySentence(s["text"], _spans(s["support"]), s.get("fact_id"))
            for s in data.get("summary", [])
        ),
        facts=facts,
        single_source=single,
        problems=tuple(
            Problem(p["code"], p["message"], p["source"], p.get("line")) for p in data.get("problems", [])
        ),
        quotes=tuple(
            Quote(
                q["id"],
                q.get("speaker"),
                tuple(
                    QuoteVariant(v["text"], v["kind"], tuple(v["article_ids"]), _spans(v["support"]))
                    for v in q.get("variants", [])
                ),
                q.get("cue"),
            )
            for q in data.get("quotes", [])
        ),
        entities=tuple(
            Entity(e["id"], e["canonical"], e["type"], tuple(e["variants"]), _spans(e["mentions"]))
            for e in data.get("entities", [])
        ),
        timeline=tuple(
            TimelineEvent(_date(t["date"]), t["text"], _spans(t["support"])) for t in data.get("timeline", [])
        ),
        provenance=tuple(
            Citation(c["article_id"], c["cited"], c["how"], _spans(c["support"]))
            for c in data.get("provenance", [])
        ),
        divergences=tuple(
            Divergence(
                d["about"],
                tuple(Position(p["article_id"], p["text"], _spans(p["support"])) for p in d["positions"]),
            )
            for d in data.get("divergences", [])
        ),
        quality_flags=tuple(
            QualityFlag(f["article_id"], f["code"], f["message"]) for f in data.get("quality_flags", [])
        ),
        framing=tuple(
            Framing(
                f["article_id"],
                tuple(Voice(v["speaker"], v["share"]) for v in f["voices"]),
                tuple(f["scare_quotes"]),
                tuple(f["loaded_terms"]),
            )
            for f in data.get("framing", [])
        ),
        settings_hash=data.get("settings_hash", ""),
        version=data.get("version", ""),
    )
