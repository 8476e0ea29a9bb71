"""Geometry for the two drawings of the Story page, as inline SVG the template fills in: the timeline
(events placed by date) and the provenance graph (outlet → cited source → speaker)."""

from __future__ import annotations

from datetime import date
from typing import Any

WIDTH = 960
MARGIN = 40


def _day(iso: str) -> int | None:
    """A partial ISO date as a day number; a missing month or day counts as the first."""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


def timeline_chart(events: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """Numbered dots on a date axis; events on the same day stack upwards."""
    dated = [(d, e) for e in events if (d := _day(e["date"])) is not None]
    if not dated:
        return {"width": WIDTH, "height": 0, "points": [], "ticks": [], "rows": []}
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    span = max(last - first, 1)
    stacks: dict[int, int] = {}
    points = []
    rows = []
    for number, (day, event) in enumerate(sorted(dated, key=lambda p: (p[0], p[1]["text"])), start=1):
        level = stacks.get(day, 0)
        stacks[day] = level + 1
        x = MARGIN + (WIDTH - 2 * MARGIN) * (day - first) / span if last > first else WIDTH / 2
        points.append({"x": round(x, 1), "y": 70 - 18 * min(level, 3), "number": number})
        outlets = sorted({labels.get(s["article_id"], s["article_id"]) for s in event["support"]})
        rows.append({"number": number, "date": event["date"], "text": event["text"], "outlets": outlets})
    tick_days = sorted({first, last})
    ticks = [
        {
            "x": round(MARGIN + (WIDTH - 2 * MARGIN) * (d - first) / span, 1) if last > first else WIDTH / 2,
            "label": date.fromordinal(d).isoformat(),
        }
        for d in tick_days
    ]
    return {"width": WIDTH, "height": 110, "points": points, "ticks": ticks, "rows": rows}


def _column(names: list[str], x: float, top: float, gap: float) -> dict[str, dict[str, float]]:
    return {name: {"x": x, "y": top + gap * i} for i, name in enumerate(names)}


def _related(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return bool(a) and bool(b) and (a in b or b in a or a.split()[-1] == b.split()[-1])


def provenance_graph(brief: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """Three columns: articles, the sources they cite, the speakers they quote. A speaker hangs off a
    cited source whose name matches it, else straight off each article that quotes it."""
    citations = brief.get("provenance", [])
    quotes = [q for q in brief.get("quotes", []) if q.get("speaker")]
    outlets = [aid for aid in labels]
    cited = sorted({c["cited"] for c in citations})
    speakers = sorted({q["speaker"] for q in quotes})
    if not cited and not speakers:
        return {"width": WIDTH, "height": 0, "nodes": [], "edges": []}
    gap = 34
    rows = max(len(outlets), len(cited), len(speakers))
    height = 40 + gap * rows
    cols = {
        "outlet": _column(outlets, 150, 30, gap),
        "cited": _column(cited, WIDTH / 2, 30, gap),
        "speaker": _column(speakers, WIDTH - 150, 30, gap),
    }
    edges: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str, str]] = set()

    def link(kind_a: str, a: str, kind_b: str, b: str, how: str) -> None:
        key = (kind_a, a, kind_b, b)
        if key in seen:
            return
        seen.add(key)
        p, q = cols[kind_a][a], cols[kind_b][b]
        edges.append({"x1": p["x"] + 6, "y1": p["y"], "x2": q["x"] - 6, "y2": q["y"], "how": how})

    for c in citations:
        if c["article_id"] in cols["outlet"]:
            link("outlet", c["article_id"], "cited", c["cited"], c["how"])
    for q in quotes:
        sources = [c for c in cited if _related(c, q["speaker"])]
        for source in sources:
            link("cited", source, "speaker", q["speaker"], "quoted")
        if not sources:
            for variant in q["variants"]:
                for aid in variant["article_ids"]:
                    if aid in cols["outlet"]:
                        link("outlet", aid, "speaker", q["speaker"], "quotes")
    nodes = (
        [
            {"x": p["x"], "y": p["y"], "label": labels[n], "kind": "outlet", "anchor": "end"}
            for n, p in cols["outlet"].items()
        ]
        + [
            {"x": p["x"], "y": p["y"], "label": n, "kind": "cited", "anchor": "middle"}
            for n, p in cols["cited"].items()
        ]
        + [
            {"x": p["x"], "y": p["y"], "label": n, "kind": "speaker", "anchor": "start"}
            for n, p in cols["speaker"].items()
        ]
    )
    return {"width": WIDTH, "height": height, "nodes": nodes, "edges": edges}
