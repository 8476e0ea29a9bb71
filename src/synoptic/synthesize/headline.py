"""The brief's headline: a document's title when titles exist, else a self-contained summary sentence."""

from __future__ import annotations

from collections.abc import Sequence

from synoptic.embed import Embedder
from synoptic.model import Article


def choose_headline(articles: Sequence[Article], summary: Sequence, embedder: Embedder) -> str:
    """The article title closest to what the summary says, else the summary's lead sentence.

    Question titles ("What did X say?") tease rather than tell, so a statement is preferred.
    """
    titles = sorted({a.title for a in articles if a.title})
    statements = [t for t in titles if not t.rstrip().endswith("?")]
    titles = statements or titles
    if not titles:
        return summary[0].text if summary else "Untitled story"
    if len(titles) == 1 or not summary:
        return titles[0]
    title_vectors = embedder.embed(titles)
    gist = embedder.embed([s.text for s in summary]).mean(axis=0)
    scores = title_vectors @ gist
    best = max(range(len(titles)), key=lambda i: (round(float(scores[i]), 6), titles[i]))
    return titles[best]
