"""What the Story page shows, computed from the brief's JSON contract (the same data the API serves).

Everything here is plain data for the template; the template escapes every string it prints. Each claim
the page makes (a summary sentence, a matrix row, a timeline entry, a quote, a divergence) carries its
support spans and chips, so any of them opens its sources side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from synoptic.web.charts import NARROW, WIDE, provenance_graph, readable_date, source_links, timeline_chart
from synoptic.web.labels import display_label, letters, outlet_summary

GRAPH_MAX_SOURCES = 24  # past this many sources a drawing is a thicket: the table alone says it better
QUOTES_SHOWN = 3  # statements per speaker shown before "more"


def column_labels(articles: Sequence[dict[str, Any]]) -> dict[str, str]:
    """One readable label per article; two articles of one outlet get numbered, so each is distinct."""
    names = {a["id"]: display_label(a) for a in articles}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for article in articles:
        label = names[article["id"]]
        key = label.casefold()
        if counts[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            label = f"{label} ({seen[key]})"
        labels[article["id"]] = label
    return labels


def paragraphs(article: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The text as paragraphs of pieces; sentence pieces carry their offsets so support can be marked."""
    text: str = article["text"]
    sentences = sorted((s["start"], s["end"]) for s in article.get("sentences", []))
    result: list[list[dict[str, Any]]] = []
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        pieces: list[dict[str, Any]] = []
        cursor = offset
        for start, stop in sentences:
            if start < cursor or stop > end or start < offset:
                continue
            if start > cursor:
                pieces.append({"text": text[cursor:start], "start": None, "end": None})
            pieces.append({"text": text[start:stop], "start": start, "end": stop})
            cursor = stop
        if cursor < end:
            pieces.append({"text": text[cursor:end], "start": None, "end": None})
        if pieces:
            result.append(pieces)
        offset = end + 1
    return result


def encode_support(support: Sequence[dict[str, Any]]) -> str:
    """Spans as 'article:start:end' words, read by the page script to mark the sentences."""
    return " ".join(f"{s['article_id']}:{s['start']}:{s['end']}" for s in support)


def chips(support: Sequence[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """One chip per supporting article (its first span), in column order."""
    first: dict[str, dict[str, Any]] = {}
    for span in support:
        first.setdefault(span["article_id"], span)
    order = {aid: n for n, aid in enumerate(labels)}
    ordered = sorted(first.values(), key=lambda s: order.get(s["article_id"], len(order)))
    return [
        {"article_id": s["article_id"], "label": labels.get(s["article_id"], s["article_id"])}
        for s in ordered
    ]


def claim(
    text: str, support: Sequence[dict[str, Any]], labels: dict[str, str], **extra: Any
) -> dict[str, Any]:
    """A claim the page makes, with what the compare panel needs to open its sources."""
    return {"text": text, "support": encode_support(support), "chips": chips(support, labels), **extra}


def _statement_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def coverage(brief: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Facts × articles, one row per statement (units that share a statement are one row, their
    support joined): widely reported facts first, single-source ones last."""
    merged: dict[str, dict[str, Any]] = {}
    for fact in brief.get("facts", []):
        row = merged.setdefault(
            _statement_key(fact["statement"]), {"statement": fact["statement"], "ids": set(), "support": []}
        )
        row["ids"].update(fact["article_ids"])
        row["support"].extend(s for s in fact["support"] if s not in row["support"])
    rows = []
    for row in merged.values():
        present = row["ids"]
        item = claim(row["statement"], row["support"], labels, n=len(present))
        item["cells"] = [{"on": aid in present, "article_id": aid, "label": labels[aid]} for aid in labels]
        rows.append(item)
    return sorted(rows, key=lambda r: -r["n"])


def timeline(brief: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    events = brief.get("timeline", [])
    wide, narrow = timeline_chart(events, WIDE), timeline_chart(events, NARROW)
    dates = {m["number"]: m["date"] for m in wide["marks"]}
    ordered = sorted(events, key=lambda e: e["date"])
    rows = []
    for number, event in enumerate(_chart_order(events), start=1):
        rows.append(claim(event["text"], event["support"], labels, number=number, date=dates.get(number, "")))
    if not rows:  # undated events (no parsable date) are still listed
        rows = [
            claim(e["text"], e["support"], labels, number=n, date=readable_date(e["date"]))
            for n, e in enumerate(ordered, start=1)
        ]
    return {"wide": wide, "narrow": narrow, "rows": rows}


def _chart_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events in the order the chart numbers them (by start day, longer spans first)."""
    from synoptic.web.charts import date_span

    dated = [(span, e) for e in events if (span := date_span(e["date"])) is not None]
    dated.sort(key=lambda p: (p[0][0], -p[0][1], p[1]["text"]))
    return [e for _, e in dated]


def quotes_by_speaker(brief: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """One entry per speaker (most statements first), each statement once with its wordings in other
    outlets beneath it; unattributed statements last."""
    groups: dict[str, dict[str, Any]] = {}
    for quote in brief.get("quotes", []):
        speaker = quote.get("speaker") or ""
        group = groups.setdefault(
            speaker.casefold(), {"speaker": speaker or "Unknown speaker", "statements": []}
        )
        variants = quote.get("variants", [])
        if not variants:
            continue
        support = [s for v in variants for s in v["support"]]
        head = max(variants, key=lambda v: len(v["article_ids"]))
        others = [{"text": v["text"], "kind": v["kind"]} for v in variants if v is not head]
        group["statements"].append(claim(head["text"], support, labels, kind=head["kind"], others=others))
    named = sorted((g for k, g in groups.items() if k), key=lambda g: -len(g["statements"]))
    ordered = named + ([groups[""]] if "" in groups else [])
    for group in ordered:
        group["shown"], group["more"] = group["statements"][:QUOTES_SHOWN], group["statements"][QUOTES_SHOWN:]
    return [g for g in ordered if g["statements"]]


def divergences(brief: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for item in brief.get("divergences", []):
        positions = [
            {
                "label": labels.get(p["article_id"], p["article_id"]),
                "article_id": p["article_id"],
                "text": p["text"],
            }
            for p in item.get("positions", [])
        ]
        support = [s for p in item.get("positions", []) for s in p["support"]]
        out.append(claim(item["about"], support, labels, positions=positions))
    return out


def build_story_view(brief: dict[str, Any]) -> dict[str, Any]:
    """Everything the Story page template needs, derived once per brief."""
    articles = brief.get("articles", [])
    labels = column_labels(articles)
    keys = dict(zip(labels, letters(len(labels)), strict=True))
    summary = [
        claim(s["text"], s["support"], labels, number=n)
        for n, s in enumerate(brief.get("summary", []), start=1)
    ]
    links = source_links(brief, labels)
    return {
        "brief": brief,
        "labels": labels,
        "keys": keys,
        "outlets": outlet_summary(articles),
        "summary": summary,
        "coverage": coverage(brief, labels),
        "articles": [
            {
                "id": a["id"],
                "key": keys[a["id"]],
                "label": labels[a["id"]],
                "title": a.get("title"),
                "url": a.get("url"),
                "published": a.get("published"),
                "source": a.get("source"),
                "paragraphs": paragraphs(a),
            }
            for a in articles
        ],
        "timeline": timeline(brief, labels),
        "links": links,
        "graph": provenance_graph(links, labels) if len(links) <= GRAPH_MAX_SOURCES else None,
        "quotes": quotes_by_speaker(brief, labels),
        "divergences": divergences(brief, labels),
    }
