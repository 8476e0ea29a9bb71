"""The headline: a real title when one exists, never a caption, a widget label or a dangling sentence."""

from __future__ import annotations

import numpy as np

from synoptic.model import Article, Span, SummarySentence
from synoptic.synthesize.headline import choose_headline, title_shaped


class _NoEmbedder:
    def embed(self, texts):  # only reached with two or more titles
        return np.ones((len(texts), 4), dtype=np.float32)


def test_title_shapes():
    assert title_shaped("Council approves budget after marathon session")
    assert not title_shaped("Crowds gather outside the courthouse on Monday. (Jane Roe / Staff Photographer)")
    assert not title_shaped("Photo caption The mayor speaks to reporters outside the town hall")
    assert not title_shaped("He said the council would meet again")
    assert not title_shaped("Budget")


def _sentence(text: str) -> SummarySentence:
    return SummarySentence(text=text, support=(Span("a", 0, len(text)),), fact_id="f")


def test_without_a_usable_title_the_first_self_contained_sentence_heads_the_brief():
    summary = [
        _sentence("This surprising result came after years of work by the team in the north."),
        _sentence("The city council approved a new budget of 3 million dollars on Monday."),
    ]
    caption_titled = Article(
        id="a", source="a.txt", outlet=None, url=None, published=None, dek=None, lines=(), text="x",
        title="Crowds gather on Monday. (Jane Roe / Staff Photographer)",
    )  # fmt: skip
    assert choose_headline([caption_titled], summary, _NoEmbedder()) == summary[1].text


def test_a_sentence_headline_names_who_it_is_about():
    summary = [
        _sentence("One grabbed the courier's satchel and fled in the van, which was later found."),
        _sentence("One bullet struck his 40-year-old brother in the shoulder, a local station reported."),
        _sentence("When they reached the pier, the ferry had already left for the island."),
        _sentence("The 38-year-old man was treated for cuts and bruises and went home."),
        _sentence("Two masked men robbed a Dorwick courier of $2,000 on Friday, police said."),
    ]
    assert choose_headline([], summary, _NoEmbedder()) == summary[4].text
    # without a named one, the first that needs no earlier sentence
    assert choose_headline([], summary[:4], _NoEmbedder()) == summary[3].text
    # a title may drop its nouns the way headlines do
    assert title_shaped("Three killed as a van hits a tram in Dorwick")
