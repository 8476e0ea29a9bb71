"""What the Story page shows, computed from the brief's JSON contract (the same data the API serves).

Everything here is plain data for the template; the template escapes every string it prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synoptic.web.charts import provenance_graph, timeline_chart


def column_labels(articles: Sequence[dict[str, Any]]) -> dict[str, str]:
    """One label per article; two articles of one outlet get numbered, so each column is distinct."""
    counts: dict[str, int] = {}
    for article in articles:
        counts[article["label"]] = counts.get(article["label"], 0) + 1
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for article in articles:
        label = article["label"]
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
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
        {
            "article_id": s["article_id"],
            "label": labels.get(s["article_id"], s["article_id"]),
            "start": s["start"],
            "end": s["end"],
        }
        for s in ordered
    ]


def coverage(brief: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Facts × articles: widely reported facts first, single-source ones last."""
    rows = []
    for fact in brief.get("facts", []):
        present = set(fact["article_ids"])
        rows.append(
            {
                "id": fact["id"],
                "statement": fact["statement"],
                "n": len(present),
                "cells": [aid in present for aid in labels],
                "support": encode_support(fact["support"]),
            }
        )
    return sorted(rows, key=lambda r: -r["n"])


def build_story_view(brief: dict[str, Any]) -> dict[str, Any]:
    """Everything the Story page template needs, derived once per brief."""
    articles = brief.get("articles", [])
    labels = column_labels(articles)
    summary = [
        {
            "number": n,
            "text": s["text"],
            "support": encode_support(s["support"]),
            "chips": chips(s["support"], labels),
        }
        for n, s in enumerate(brief.get("summary", []), start=1)
    ]
    return {
        "brief": brief,
        "labels": labels,
        "outlet_count": len({a["label"] for a in articles}),
        "summary": summary,
        "coverage": coverage(brief, labels),
        "articles": [
            {
                "id": a["id"],
                "label": labels[a["id"]],
                "title": a.get("title"),
                "url": a.get("url"),
                "published": a.get("published"),
                "paragraphs": paragraphs(a),
            }
            for a in articles
        ],
        "timeline": timeline_chart(brief.get("timeline", []), labels),
        "graph": provenance_graph(brief, labels),
    }
