"""Quote marks of every style, unbalanced marks, speakers from names, descriptors and pronouns."""

from __future__ import annotations

import pytest

from synoptic.analyze.entities import find_mentions, parse_articles
from synoptic.analyze.quotes import find_quote_spans, find_quotes
from synoptic.model import Article


def _article(text: str) -> Article:
    return Article(id="a1", source="t", outlet=None, url=None, published=None, title=None, dek=None,
                   lines=(), text=text)  # fmt: skip


def _quotes(text: str):
    article = _article(text)
    doc = parse_articles([article])[0]
    return find_quotes(article, doc, find_mentions(article, doc))


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said “we will go home now” today.", "we will go home now"),
        ('He said "we will go home now" today.', "we will go home now"),
        ("He said ‘we will go home now’ today.", "we will go home now"),
        ("He said 'we will go home now' today.", "we will go home now"),
        ("He said «we will go home now» today.", "we will go home now"),
    ],
)
def test_every_mark_style(text, inside):
    spans = find_quote_spans(text)
    assert [text[s:e] for s, e in spans] == [inside]


def test_apostrophes_are_not_quote_marks():
    text = "Russia’s army and the city's mayor don't agree."
    assert find_quote_spans(text) == []


def test_unbalanced_mark_does_not_swallow_the_rest():
    text = "He said “this never closes.\nSecond paragraph says “a real quote” here."
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans == ["a real quote"]


def test_multi_paragraph_quote_runs_on():
    text = "“First part of the quote.\n“Second part,” she said."
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert len(spans) == 1 and "First part" in spans[0] and "Second part" in spans[0]


def test_speaker_from_name_descriptor_and_pronoun():
    text = (
        "Defence ministry spokesman Ivan Petrov spoke on Monday.\n"
        "“The drills will continue as planned next week,” the spokesman told reporters.\n"
        "“Nobody should be alarmed by the exercises,” he added.\n"
        "Mary Jones, a senator from Ohio, was not convinced.\n"
        "“These drills are a provocation and a danger,” Jones said."
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    speakers = [q.speaker for q in quotes]
    assert speakers == ["Ivan Petrov", "Ivan Petrov", "Mary Jones"], speakers
    assert quotes[0].cue == "tell"


def test_partial_and_indirect_speech():
    text = "Ivan Petrov described the talks as “frank and useful”. Petrov said the sides would meet again."
    quotes = _quotes(text)
    kinds = {(q.kind, q.speaker) for q in quotes}
    assert ("partial", "Ivan Petrov") in kinds
    assert ("indirect", "Ivan Petrov") in kinds
    assert all(text[q.span.start : q.span.end] == q.text for q in quotes)


def test_mixed_marks_pair_and_gender_picks_the_speaker():
    text = (
        "Senator Elizabeth Warren questioned John Stumpf on Tuesday.\n"
        '“You should resign and give the money back," she said.'
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Elizabeth Warren"]
    assert text[quotes[0].speaker_span.start : quotes[0].speaker_span.end] == "she"


def test_description_subject_carries_to_the_next_pronoun():
    text = (
        "President Joe Biden spoke with the Russian leader.\n"
        "“We will study the proposals carefully,” the Kremlin official said.\n"
        "“But they do not touch the key elements,” he added."
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert all(q.speaker != "Joe Biden" for q in quotes), [q.speaker for q in quotes]
