"""The brief as Markdown: every summary sentence followed by the outlets that report it."""

from __future__ import annotations

from synoptic.model import Brief
from synoptic.render.views import BriefView

_INERT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]"})


def inert(markdown: str) -> str:
    """Article text is data, never markup: a CommonMark renderer passes raw HTML (`<script>`, `<b
    onmouseover=…>`) and makes links of `[x](javascript:…)`, so every angle bracket, ampersand and square
    bracket is escaped. The brief itself uses neither HTML nor links, so nothing of its own is lost."""
    return markdown.translate(_INERT)


def _where(view: BriefView, variant) -> str:
    return ", ".join(view.label(a) for a in variant.article_ids)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(brief: Brief) -> str:
    view = BriefView(brief)
    out: list[str] = [f"# {brief.headline}", ""]
    aside = f", {len(view.set_aside)} set aside as off-topic" if view.set_aside else ""
    out.append(
        f"*{len(brief.articles)} articles from {view.outlet_count} outlets{aside} · story `{brief.story.id}`*"
    )
    out += ["", "## Summary", ""]
    for i, sentence in enumerate(brief.summary, 1):
        out.append(f"{i}. {sentence.text} — *{', '.join(view.outlets(sentence.support))}*")
    out += ["", "## Facts and who reports them", "", "| # | Fact | Sources | Outlets |", "|---|---|---|---|"]
    for i, fact in enumerate(view.multi_source_facts, 1):
        outlets = ", ".join(view.outlets(fact.support))
        out.append(f"| {i} | {_cell(fact.statement)} | {len(fact.article_ids)} | {_cell(outlets)} |")
    out += ["", "## Reported by one source only", ""]
    for fact in brief.single_source:
        out.append(f"- **{view.label(fact.article_ids[0])}**: {fact.statement}")
    if brief.quotes:
        out += ["", "## Who said what", ""]
        # one heading per speaker ("police" and "Police" are one), statements in the brief's order
        by_speaker: dict[str, tuple[str, list]] = {}
        for quote in brief.quotes:
            name = quote.speaker or "unknown speaker"
            by_speaker.setdefault(name.casefold(), (name, []))[1].append(quote)
        for speaker, quotes in by_speaker.values():
            out.append(f"- **{speaker}**")
            for quote in quotes:
                first, *others = quote.variants
                out.append(f"  - “{first.text}” ({first.kind}; {_where(view, first)})")
                out += [f"    - also: “{v.text}” ({v.kind}; {_where(view, v)})" for v in others]
    if brief.entities:
        out += [
            "",
            "## Who is involved",
            "",
            "| Entity | Type | Also written | Articles |",
            "|---|---|---|---|",
        ]
        for entity in brief.entities:
            others = ", ".join(v for v in entity.variants if v != entity.canonical)
            out.append(
                f"| {_cell(entity.canonical)} | {entity.type} | {_cell(others)} | {len(entity.article_ids)} |"
            )
    if brief.timeline:
        out += ["", "## Timeline", ""]
        for event in brief.timeline:
            out.append(f"- **{event.date.iso()}** {event.text} — *{', '.join(view.outlets(event.support))}*")
    if brief.provenance:
        out += ["", "## Who cites whom", "", "| Article | Cites | How |", "|---|---|---|"]
        for c in brief.provenance:
            out.append(f"| {_cell(view.label(c.article_id))} | {_cell(c.cited)} | {_cell(c.how)} |")
    if brief.divergences:
        out += ["", "## Where sources differ", ""]
        for d in brief.divergences:
            positions = "; ".join(f"{view.label(p.article_id)}: “{p.text}”" for p in d.positions)
            out.append(f"- **{d.about}** — {positions}")
    if brief.framing:
        out += ["", "## Framing by outlet", "", "| Outlet | Main voices | Scare quotes | Loaded terms |"]
        out.append("|---|---|---|---|")
        for f in brief.framing:
            voices = ", ".join(f"{v.speaker} {v.share:.0%}" for v in f.voices[:3])
            out.append(
                f"| {_cell(view.label(f.article_id))} | {_cell(voices)} | {_cell(', '.join(f.scare_quotes))} "
                f"| {_cell(', '.join(f.loaded_terms))} |"
            )
    if brief.quality_flags:
        out += ["", "## Quality flags", ""]
        out += [f"- **{view.label(f.article_id)}** ({f.code}): {f.message}" for f in brief.quality_flags]
    out += ["", "## Articles", ""]
    for article in brief.articles:
        meta = ", ".join(x for x in (article.published, article.source) if x)
        mark = f" — **OFF-TOPIC, set aside**: {article.off_topic}" if article.off_topic else ""
        out.append(f"- **{article.label}** — {article.title or '(no title)'} ({meta}){mark}")
    if brief.problems:
        out += ["", "## Problems", ""]
        out += [f"- `{p.code}` {p.source}: {p.message}" for p in brief.problems]
    return inert("\n".join(out) + "\n")
