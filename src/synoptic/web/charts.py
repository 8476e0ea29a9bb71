"""Geometry for the two drawings of the Story page, as inline SVG the template fills in.

The timeline draws a partial date as the span it stands for ("2021" is a bar over the whole year, not a
dot on 1 January) over an axis with calendar ticks. The provenance graph links each outlet to the
sources it cites or quotes, ordered so that few edges cross; where it cannot be read (a narrow screen,
or too many sources) the page shows the same links as a table.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

WIDE = 960  # the drawing's width on a desktop; the narrow version fits a phone at about 1:1
NARROW = 360
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LANE = 20  # vertical distance between lanes of the timeline
MAX_LANES = 6
PALETTE = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a16207")


def date_span(iso: str) -> tuple[int, int] | None:
    """First and last day (ordinals) a partial ISO date stands for: '2021' is the whole year."""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        day = date(year, month, int(parts[2])).toordinal()
        return day, day
    except (ValueError, IndexError):
        return None


def readable_date(iso: str) -> str:
    """'2021' -> 'in 2021', '2021-12' -> 'December 2021', '2021-12-07' -> '7 Dec 2021'."""
    parts = iso.split("-")
    try:
        if len(parts) == 1:
            return f"in {int(parts[0])}"
        if len(parts) == 2:
            return f"{calendar.month_name[int(parts[1])]} {int(parts[0])}"
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        return iso


def _tick_days(first: int, last: int, most: int) -> list[tuple[int, str]]:
    """Calendar ticks (years, months or days) inside [first, last], at most `most` of them, never two."""
    start, end = date.fromordinal(first), date.fromordinal(last)
    candidates: list[tuple[int, str]] = []
    if last - first > 3 * 366:
        candidates = [(date(y, 1, 1).toordinal(), str(y)) for y in range(start.year, end.year + 2)]
    elif last - first > 62:
        y, m = start.year, start.month
        while (y, m) <= (end.year, end.month + 1):
            label = f"{MONTHS[m - 1]} {y}" if m == 1 or not candidates else MONTHS[m - 1]
            candidates.append((date(y, m, 1).toordinal(), label))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        for d in range(first, last + 2):
            day = date.fromordinal(d)
            candidates.append((d, f"{day.day} {MONTHS[day.month - 1]}"))
    inside = [c for c in candidates if first <= c[0] <= last + 1]
    step = max(1, -(-len(inside) // most))
    ticks = inside[::step]
    if len(ticks) < 2:  # a short range: the ends and the middle, as dates
        middle = (first + last) // 2
        ticks = [(d, _short(d)) for d in sorted({first, middle, last + 1 if last == first else last})]
    return ticks


def _short(day: int) -> str:
    d = date.fromordinal(day)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _clusters(spans: list[tuple[int, int]], gap_share: float = 0.2) -> list[tuple[int, int]]:
    """Runs of dates with no gap wider than `gap_share` of the whole range between them: an event in
    1997 and nine in 2021-22 make two runs, so the axis can skip the empty years between them."""
    ordered = sorted(spans)
    whole = max(e for _, e in ordered) + 1 - ordered[0][0]
    runs = [list(ordered[0])]
    for start, end in ordered[1:]:
        if start - runs[-1][1] > gap_share * whole:
            runs.append([start, end])
        else:
            runs[-1][1] = max(runs[-1][1], end)
    return [(a, b) for a, b in runs]


def _scale(runs: list[tuple[int, int]], counts: list[int], left: float, right: float, gap: float):
    """A piecewise-linear day -> x map: each run's width is half by its length in days and half by the
    events it holds (a lone old event does not take the axis from a busy fortnight), with a `gap` px
    break between runs."""
    usable = right - left - gap * (len(runs) - 1)
    lengths = [b + 1 - a for a, b in runs]
    weights = [0.5 * n / sum(lengths) + 0.5 * c / sum(counts) for n, c in zip(lengths, counts, strict=True)]
    widths = [usable * w / sum(weights) for w in weights]
    pieces = []
    x = left
    for (a, b), width in zip(runs, widths, strict=True):
        pieces.append((a, b + 1, x, x + width))
        x += width + gap

    def at(day: float) -> float:
        for a, b, x1, x2 in pieces:
            if day <= b:
                return round(x1 + (max(day, a) - a) * (x2 - x1) / (b - a), 1)
        return round(pieces[-1][3], 1)

    return at, pieces


def timeline_chart(events: list[dict[str, Any]], width: int = WIDE) -> dict[str, Any]:
    """Events on a date axis: a dot for a day, a bar for a month or a year; overlapping marks take the
    next lane up. A long empty stretch between runs of dates is cut out of the axis (drawn as a break).
    Numbers match the table under the drawing."""
    dated = [(span, e) for e in events if (span := date_span(e["date"])) is not None]
    if not dated:
        return {"width": width, "height": 0, "marks": [], "ticks": [], "axis_y": 0, "segments": []}
    dated.sort(key=lambda p: (p[0][0], -p[0][1], p[1]["text"]))
    margin = 24 if width < 500 else 40
    runs = _clusters([s for s, _ in dated])
    counts = [sum(1 for (start, _), _ in dated if a <= start <= b) for a, b in runs]
    x, pieces = _scale(runs, counts, margin, width - margin, 28)

    lanes: list[float] = []  # right edge (px) of the last mark in each lane
    marks = []
    for number, ((start, end), event) in enumerate(dated, start=1):
        x1, x2 = x(start), x(end + 1)
        is_span = end > start
        left, right = (x1, max(x2, x1 + 20)) if is_span else (x1 - 9, x1 + 9)
        lane = next((i for i, edge in enumerate(lanes) if edge + 3 <= left), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else min(range(len(lanes)), key=lanes.__getitem__)
            if lane == len(lanes):
                lanes.append(right)
        lanes[lane] = max(lanes[lane], right)
        marks.append(
            {
                "number": number,
                "span": is_span,
                "x": x1,
                "w": round(max(x2 - x1, 20), 1),
                "lane": lane,
                "date": readable_date(event["date"]),
            }
        )
    axis_y = 20 + LANE * max(len(lanes), 1)
    for mark in marks:
        mark["y"] = axis_y - 12 - LANE * mark["lane"]
    most = 4 if width < 500 else 9
    ticks = []
    for a, b, x1, x2 in pieces:
        share = max(2, round(most * (x2 - x1) / (width - 2 * margin)))
        ticks += [{"x": x(d), "label": label} for d, label in _tick_days(a, b - 1, share)]
    segments = [{"x1": round(x1, 1), "x2": round(x2, 1)} for _, _, x1, x2 in pieces]
    ticks = _spaced(ticks, 64 if width < 500 else 56)
    for tick in ticks:  # a label at either end stays inside the drawing
        tick["anchor"] = "start" if tick["x"] < 45 else ("end" if tick["x"] > width - 45 else "middle")
    return {
        "width": width,
        "height": axis_y + 30,
        "marks": marks,
        "ticks": ticks,
        "axis_y": axis_y,
        "segments": segments,
    }


def _spaced(ticks: list[dict[str, Any]], room: float) -> list[dict[str, Any]]:
    """Drop ticks that would print over the one before."""
    out: list[dict[str, Any]] = []
    for tick in sorted(ticks, key=lambda t: t["x"]):
        if not out or tick["x"] - out[-1]["x"] >= room:
            out.append(tick)
    return out


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def source_links(brief: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Every source (a cited outlet or agency, a quoted speaker: one row per name) with the articles
    that cite it and those that quote it; the most connected sources first."""
    rows: dict[str, dict[str, Any]] = {}

    def row(name: str) -> dict[str, Any]:
        return rows.setdefault(_key(name), {"name": name, "cites": set(), "quotes": set(), "how": set()})

    for c in brief.get("provenance", []):
        if c["article_id"] in labels:
            entry = row(c["cited"])
            entry["cites"].add(c["article_id"])
            entry["how"].add(c["how"])
    for q in brief.get("quotes", []):
        if not q.get("speaker"):
            continue
        entry = row(q["speaker"])
        for variant in q.get("variants", []):
            entry["quotes"].update(a for a in variant["article_ids"] if a in labels)
    order = list(labels)
    out = []
    for entry in rows.values():
        articles = entry["cites"] | entry["quotes"]
        if not articles:
            continue
        out.append(
            {
                "name": entry["name"],
                "articles": sorted(articles, key=order.index),
                "cites": sorted(entry["cites"], key=order.index),
                "quotes": sorted(entry["quotes"], key=order.index),
                "how": sorted(entry["how"] | ({"quotes"} if entry["quotes"] - entry["cites"] else set())),
            }
        )
    out.sort(key=lambda r: (-len(r["articles"]), r["name"].casefold()))
    return out


def provenance_graph(
    links: list[dict[str, Any]], labels: dict[str, str], width: int = WIDE
) -> dict[str, Any]:
    """Outlets on the left, sources on the right, one edge per (outlet, source): solid when the outlet
    cites it, dashed when it only quotes it. Sources sit at the mean height of their outlets, and
    outlets at the mean of their sources (two sweeps), which keeps edges short and crossings few."""
    if not links:
        return {"width": width, "height": 0, "nodes": [], "edges": []}
    outlets = list(labels)
    gap = 26
    rank = {aid: i for i, aid in enumerate(outlets)}
    sources = list(links)
    for _ in range(2):
        sources.sort(key=lambda r: (sum(rank[a] for a in r["articles"]) / len(r["articles"]), r["name"]))
        place = {r["name"]: i for i, r in enumerate(sources)}
        mean = {
            aid: sum(place[r["name"]] for r in sources if aid in r["articles"])
            / max(1, sum(1 for r in sources if aid in r["articles"]))
            for aid in outlets
        }
        outlets.sort(key=lambda aid: (mean[aid], rank[aid]))
        rank = {aid: i for i, aid in enumerate(outlets)}
    rows = max(len(outlets), len(sources))
    height = 34 + gap * rows
    left, right = 210, width - 250

    def spread(count: int, index: int) -> float:
        return round(30 + gap * (index + 0.5) * rows / count, 1)

    y_outlet = {aid: spread(len(outlets), i) for i, aid in enumerate(outlets)}
    y_source = {r["name"]: spread(len(sources), i) for i, r in enumerate(sources)}
    color = {aid: PALETTE[i % len(PALETTE)] for i, aid in enumerate(labels)}
    edges = []
    for r in sources:
        for aid in r["articles"]:
            edges.append(
                {
                    "x1": left + 6,
                    "y1": y_outlet[aid],
                    "x2": right - 6,
                    "y2": y_source[r["name"]],
                    "dashed": aid not in r["cites"],
                    "color": color[aid],
                    "title": f"{labels[aid]} {'cites' if aid in r['cites'] else 'quotes'} {r['name']}",
                }
            )
    nodes = [
        {"x": left, "y": y_outlet[aid], "label": labels[aid], "anchor": "end", "color": color[aid]}
        for aid in outlets
    ] + [
        {
            "x": right,
            "y": y_source[r["name"]],
            "label": r["name"],
            "anchor": "start",
            "color": "#5b6472",
        }
        for r in sources
    ]
    return {"width": width, "height": height, "nodes": nodes, "edges": edges, "left": left, "right": right}
