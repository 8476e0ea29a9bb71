"""The brief's headline: a document's title when titles exist, else a self-contained summary sentence.

A headline is the first line a reader trusts, so a candidate must look like what it claims to be. What
cleaning takes for a title is sometimes page furniture (a photo caption with its credit, a widget's
label), and a summary sentence may lean on the sentence before it ("He said…", "this conclusion").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synoptic.clean.shapes import describe_line, is_caption, match_furniture, match_link
from synoptic.embed import Embedder
from synoptic.model import Article, SummarySentence
from synoptic.synthesize.readable import (
    balanced_quotes,
    headline_worthy,
    names_something,
    needs_context,
    opens_cleanly,
)

# "Image caption …", "Photo credit …", "Video copyright …": a caption's label run into its text
_LABELLED_CAPTION = re.compile(
    r"^\s*(?:image|photo|picture|video|media)\s+(?:caption|credit|copyright)\b", re.I
)
_TRAILING_PARENTHETICAL = re.compile(r"\([^()]*\)\s*$")  # a credit or a tag: "(Name / Agency)", "(VIDEO)"
TITLE_WORDS = (3, 30)


def title_shaped(title: str) -> bool:
    """Reads as a headline: not a caption, credit or widget label, opens cleanly, of a title's length."""
    shape = describe_line(title)
    return (
        TITLE_WORDS[0] <= shape.words <= TITLE_WORDS[1]
        and not is_caption(title, shape)
        and not match_furniture(title, shape)
        and not match_link(title, shape)
        and not _LABELLED_CAPTION.match(title)
        and not _TRAILING_PARENTHETICAL.search(title)
        and opens_cleanly(title)
        and balanced_quotes(title)
        and not needs_context(title)
    )


def choose_headline(
    articles: Sequence[Article], summary: Sequence[SummarySentence], embedder: Embedder
) -> str:
    """The title closest to what the summary says, else the first summary sentence fit to head it.

    Question titles ("What did X say?") tease rather than tell, so a statement is preferred.
    """
    titles = sorted({a.title.strip() for a in articles if a.title and title_shaped(a.title.strip())})
    statements = [t for t in titles if not t.endswith("?")]
    titles = statements or titles
    if not titles:
        return _sentence_headline(summary)
    if len(titles) == 1 or not summary:
        return titles[0]
    title_vectors = embedder.embed(titles)
    gist = embedder.embed([s.text for s in summary]).mean(axis=0)
    scores = title_vectors @ gist
    best = max(range(len(titles)), key=lambda i: (round(float(scores[i]), 6), titles[i]))
    return titles[best]


def _sentence_headline(summary: Sequence[SummarySentence]) -> str:
    """The first fit summary sentence that names someone or somewhere ("The 40-year-old man was hurt"
    says less than "Gunmen robbed a Dover couple"), else the first fit one."""
    fit = [s.text for s in summary if headline_worthy(s.text) and not _LABELLED_CAPTION.match(s.text)]
    named = [text for text in fit if names_something(text)]
    if named or fit:
        return (named or fit)[0]
    return summary[0].text if summary else "Untitled story"
