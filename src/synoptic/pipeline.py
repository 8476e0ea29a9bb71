"""The brief, end to end: sources -> articles -> off-topic set aside -> fact units -> summary
(+ story analysis) -> Brief.

Each step is a plain function over frozen dataclasses; this module only wires them and owns the
process-wide embedder so the sentence model loads once per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from synoptic import __version__
from synoptic.clean import clean_documents
from synoptic.embed import CachedEmbedder, Embedder, EmbeddingCache, default_embedder
from synoptic.errors import problem
from synoptic.ingest import read_sources
from synoptic.model import Article, Brief, Problem, Story
from synoptic.settings import Settings
from synoptic.synthesize.align import align_facts
from synoptic.synthesize.headline import choose_headline
from synoptic.synthesize.off_topic import find_off_topic, off_topic_flags, set_aside
from synoptic.synthesize.story_analysis import analyze_story
from synoptic.synthesize.summary import Selection, select_summary

_embedders: dict[str, CachedEmbedder] = {}


def make_embedder(settings: Settings) -> CachedEmbedder:
    """The MiniLM model behind the SQLite content-hash cache named by the settings; one per cache path."""
    path = str(settings.resolved_cache_path)
    if path not in _embedders:
        _embedders[path] = CachedEmbedder(default_embedder(), EmbeddingCache(path))
    return _embedders[path]


def load_articles(
    paths: Sequence[str | Path], settings: Settings, embedder: Embedder | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read and clean every source; bad inputs become problems, the rest go on."""
    embedder = embedder or make_embedder(settings)
    documents, problems = read_sources(paths, settings)
    articles, cleaning_problems = clean_documents(documents, embedder, settings)
    problems = [*problems, *cleaning_problems]
    if len(articles) > settings.max_articles_per_brief:
        limit = settings.max_articles_per_brief
        for article in articles[limit:]:
            detail = f"left out, max_articles_per_brief={limit}"
            problems.append(problem("E_TOO_MANY", article.source, detail))
        articles = articles[: settings.max_articles_per_brief]
    return articles, problems


def story_for(articles: Sequence[Article], headline: str) -> Story:
    ids = tuple(sorted(a.id for a in articles))
    dates = sorted(a.published for a in articles if a.published)
    story_id = "s" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12]
    return Story(
        id=story_id,
        article_ids=ids,
        label=headline,
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
    )


def build_brief(
    articles: Sequence[Article],
    settings: Settings,
    embedder: Embedder | None = None,
    problems: Sequence[Problem] = (),
    story: Story | None = None,
) -> Brief:
    """Write the brief of one story's articles. Deterministic for the same articles and settings."""
    embedder = embedder or make_embedder(settings)
    articles = sorted(articles, key=lambda a: (a.source, a.id))
    # documents that are not about the story the others tell are listed, marked, but feed nothing
    off_topic = find_off_topic(articles, embedder, settings)
    listed = [set_aside(a, off_topic[a.id]) if a.id in off_topic else a for a in articles]
    articles = [a for a in articles if a.id not in off_topic]
    facts, table = align_facts(articles, embedder, settings)
    analysis = analyze_story(articles, facts, embedder, settings)
    quoted = tuple(s for q in analysis.quotes for v in q.variants if v.kind == "direct" for s in v.support)
    summary = select_summary(table, facts, replace(Selection.for_brief(settings), quoted=quoted))
    headline = choose_headline(articles, summary, embedder)
    return Brief(
        story=story or story_for(articles, headline),
        headline=headline,
        articles=tuple(listed),
        summary=tuple(summary),
        facts=tuple(facts),
        single_source=tuple(f for f in facts if f.single_source),
        problems=(*problems, *analysis.problems),
        quotes=analysis.quotes,
        entities=analysis.entities,
        timeline=analysis.timeline,
        provenance=analysis.provenance,
        divergences=analysis.divergences,
        quality_flags=(*off_topic_flags(listed), *analysis.quality_flags),
        framing=analysis.framing,
        settings_hash=settings.fingerprint(),
        version=__version__,
    )


def read_articles(
    paths: Sequence[str | Path], settings: Settings | None = None
) -> tuple[list[Article], list[Problem]]:
    """Library entry point: the cleaned articles found at `paths`, and the problems met."""
    settings = settings or Settings()
    return load_articles(paths, settings, make_embedder(settings))


def brief(paths: Sequence[str | Path], settings: Settings | None = None) -> Brief:
    """Library entry point: the brief of the articles found at `paths`."""
    settings = settings or Settings()
    embedder = make_embedder(settings)
    articles, problems = load_articles(paths, settings, embedder)
    return build_brief(articles, settings, embedder, problems)
