"""The brief as JSON: the contract that the web app and evaluation tools read.

Keys are stable; new keys may be added, none removed. Output is byte-identical for the same brief.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from synoptic.model import Article, Brief, FactUnit, Span


def span_dict(span: Span) -> dict[str, Any]:
    return {"article_id": span.article_id, "start": span.start, "end": span.end}


def spans(items: Sequence[Span]) -> list[dict[str, Any]]:
    return [span_dict(s) for s in items]


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "label": article.label,
        "url": article.url,
        "published": article.published,
        "title": article.title,
        "dek": article.dek,
        "dateline": article.dateline,
        # why the article was set aside as not about the story; null when the brief is written from it
        "off_topic": article.off_topic,
        "text": article.text,
        "lines": [
            {"index": ln.index, "text": ln.text, "kind": str(ln.kind), "reason": ln.reason}
            for ln in article.lines
        ],
        "sentences": [{"id": s.id, "start": s.span.start, "end": s.span.end} for s in article.sentences],
    }


def _outlets(brief: Brief, support: Sequence[Span]) -> list[str]:
    labels = {a.id: a.label for a in brief.articles}
    return sorted({labels.get(s.article_id, s.article_id) for s in support})


def fact_dict(brief: Brief, fact: FactUnit) -> dict[str, Any]:
    return {
        "id": fact.id,
        "statement": fact.statement,
        "article_ids": list(fact.article_ids),
        "outlets": _outlets(brief, fact.support),
        "n_sources": len(fact.article_ids),
        "support": spans(fact.support),
    }


def graph_dict(brief: Brief) -> dict[str, Any]:
    """Outlet -> cited source -> original speaker, as nodes and edges."""
    from synoptic.analyze.citations import provenance_graph

    on_topic = [a for a in brief.articles if a.off_topic is None]
    graph = provenance_graph(on_topic, brief.provenance)
    return {
        "nodes": [{"id": n.id, "label": n.label, "kind": n.kind} for n in graph.nodes],
        "edges": [{"source": e.source, "target": e.target, "how": e.how} for e in graph.edges],
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    story = brief.story
    return {
        "version": brief.version,
        "settings_hash": brief.settings_hash,
        "story": {
            "id": story.id,
            "label": story.label,
            "article_ids": list(story.article_ids),
            "first_seen": story.first_seen,
            "last_seen": story.last_seen,
        },
        "headline": brief.headline,
        "articles": [article_dict(a) for a in brief.articles],
        "summary": [
            {
                "text": s.text,
                "fact_id": s.fact_id,
                "outlets": _outlets(brief, s.support),
                "support": spans(s.support),
            }
            for s in brief.summary
        ],
        "facts": [fact_dict(brief, f) for f in brief.facts],
        "single_source": [
            {
                "article_id": f.article_ids[0],
                "fact_id": f.id,
                "text": f.statement,
                "support": spans(f.support),
            }
            for f in brief.single_source
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "cue": q.cue,
                "variants": [
                    {
                        "text": v.text,
                        "kind": v.kind,
                        "article_ids": list(v.article_ids),
                        "support": spans(v.support),
                    }
                    for v in q.variants
                ],
            }
            for q in brief.quotes
        ],
        "entities": [
            {
                "id": e.id,
                "canonical": e.canonical,
                "type": e.type,
                "variants": list(e.variants),
                "article_ids": list(e.article_ids),
                "mentions": spans(e.mentions),
            }
            for e in brief.entities
        ],
        "timeline": [
            {"date": t.date.iso(), "text": t.text, "support": spans(t.support)} for t in brief.timeline
        ],
        "provenance": [
            {"article_id": c.article_id, "cited": c.cited, "how": c.how, "support": spans(c.support)}
            for c in brief.provenance
        ],
        "provenance_graph": graph_dict(brief),
        "divergences": [
            {
                "about": d.about,
                "positions": [
                    {"article_id": p.article_id, "text": p.text, "support": spans(p.support)}
                    for p in d.positions
                ],
            }
            for d in brief.divergences
        ],
        "quality_flags": [
            {"article_id": f.article_id, "code": f.code, "message": f.message} for f in brief.quality_flags
        ],
        "framing": [
            {
                "article_id": f.article_id,
                "voices": [{"speaker": v.speaker, "share": round(v.share, 4)} for v in f.voices],
                "scare_quotes": list(f.scare_quotes),
                "loaded_terms": list(f.loaded_terms),
            }
            for f in brief.framing
        ],
        "problems": [
            {"code": p.code, "message": p.message, "source": p.source, "line": p.line} for p in brief.problems
        ],
    }


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"
