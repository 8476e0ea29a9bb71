"""The brief in the terminal (rich): summary with outlet citations, facts by reach, single-source facts."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from synoptic.model import Brief
from synoptic.render.views import BriefView

SINGLE_SOURCE_SHOWN = 12


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=True)
    for column in columns:
        table.add_column(column)
    return table


def render_terminal(brief: Brief, console: Console) -> None:
    view = BriefView(brief)
    summary = Text()
    for i, sentence in enumerate(brief.summary, 1):
        summary.append(f"{i}. ", style="bold")
        summary.append(sentence.text)
        summary.append(f"  [{', '.join(view.outlets(sentence.support))}]\n", style="cyan")
    subtitle = f"{len(brief.articles)} articles · {view.outlet_count} outlets"
    if view.set_aside:
        labels = ", ".join(a.label for a in view.set_aside)
        subtitle += f" · set aside as off-topic: {labels}"
    console.print(Panel(summary, title=escape(brief.headline), subtitle=subtitle, title_align="left"))

    facts = _table("Facts and who reports them", "#", "Fact", "Sources", "Outlets")
    for i, fact in enumerate(view.multi_source_facts, 1):
        outlets = ", ".join(view.outlets(fact.support))
        facts.add_row(str(i), escape(fact.statement), str(len(fact.article_ids)), escape(outlets))
    single = _table("Reported by one source only", "Outlet", "Fact")
    for fact in brief.single_source[:SINGLE_SOURCE_SHOWN]:
        single.add_row(escape(view.label(fact.article_ids[0])), escape(fact.statement))
    extra = len(brief.single_source) - SINGLE_SOURCE_SHOWN
    if extra > 0:
        single.caption = f"… and {extra} more (see --format json or md)"
    parts = [facts, single]

    if brief.quotes:
        quotes = _table("Who said what", "Speaker", "Quote", "Kind · where")
        for quote in brief.quotes:
            for variant in quote.variants:
                where = ", ".join(view.label(a) for a in variant.article_ids)
                quotes.add_row(
                    escape(quote.speaker or "?"), escape(variant.text), escape(f"{variant.kind} · {where}")
                )
        parts.append(quotes)
    if brief.entities:
        entities = _table("Who is involved", "Entity", "Type", "Also written", "Articles")
        for e in brief.entities:
            others = ", ".join(v for v in e.variants if v != e.canonical)
            entities.add_row(escape(e.canonical), e.type, escape(others), str(len(e.article_ids)))
        parts.append(entities)
    if brief.timeline:
        timeline = _table("Timeline", "Date", "Event", "Outlets")
        for event in brief.timeline:
            timeline.add_row(
                event.date.iso(), escape(event.text), escape(", ".join(view.outlets(event.support)))
            )
        parts.append(timeline)
    if brief.provenance:
        provenance = _table("Who cites whom", "Article", "Cites", "How")
        for c in brief.provenance:
            provenance.add_row(escape(view.label(c.article_id)), escape(c.cited), escape(c.how))
        parts.append(provenance)
    if brief.divergences:
        divergences = _table("Where sources differ", "About", "Outlet", "Says")
        for d in brief.divergences:
            for p in d.positions:
                divergences.add_row(escape(d.about), escape(view.label(p.article_id)), escape(p.text))
        parts.append(divergences)
    if brief.framing:
        framing = _table("Framing by outlet", "Outlet", "Main voices", "Scare quotes", "Loaded terms")
        for f in brief.framing:
            voices = ", ".join(f"{v.speaker} {v.share:.0%}" for v in f.voices[:3])
            framing.add_row(
                escape(view.label(f.article_id)),
                escape(voices),
                escape(", ".join(f.scare_quotes)),
                escape(", ".join(f.loaded_terms)),
            )
        parts.append(framing)
    if brief.quality_flags:
        flags = _table("Quality flags", "Outlet", "Code", "Message")
        for flag in brief.quality_flags:
            flags.add_row(escape(view.label(flag.article_id)), flag.code, escape(flag.message))
        parts.append(flags)
    if brief.problems:
        problems = _table("Problems (inputs not used)", "Code", "Source", "Message")
        for p in brief.problems:
            problems.add_row(p.code, escape(p.source), escape(p.message))
        parts.append(problems)
    console.print(Group(*parts))
