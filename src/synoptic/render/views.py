"""Read-side helpers shared by the renderers: outlet labels for spans, facts worth listing."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from synoptic.model import Article, Brief, FactUnit, Span


class BriefView:
    """Answers the questions every renderer asks of a brief, in one place."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self._labels = {a.id: a.label for a in brief.articles}

    def label(self, article_id: str) -> str:
        return self._labels.get(article_id, article_id)

    def outlets(self, support: Sequence[Span]) -> list[str]:
        return sorted({self.label(s.article_id) for s in support})

    @cached_property
    def outlet_count(self) -> int:
        return len(set(self._labels.values()))

    @cached_property
    def on_topic(self) -> list[Article]:
        """The articles the brief is written from; set-aside (off-topic) ones are only listed."""
        return [a for a in self.brief.articles if a.off_topic is None]

    @cached_property
    def set_aside(self) -> list[Article]:
        return [a for a in self.brief.articles if a.off_topic is not None]

    @cached_property
    def multi_source_facts(self) -> list[FactUnit]:
        return [f for f in self.brief.facts if not f.single_source]

    def sentence_text(self, span: Span) -> str:
        for article in self.brief.articles:
            if article.id == span.article_id:
                return article.text[span.start : span.end]
        return ""
