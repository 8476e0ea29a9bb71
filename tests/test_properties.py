"""Property tests (hypothesis) over cleaning, quotes, dates and the store (issue 7).

These are about robustness, not quality: no exception on any Unicode text, every span inside its text,
cleaning idempotent, an article round-trips through SQLite. Cleaning runs with `HashingEmbedder` (a fast
bag-of-words fake) because relatedness scores only steer line decisions and the properties must hold
whatever the scores are; the real model is used for quality in tests/test_clean.py. Sentence-splitter
properties live in tests/test_sentences.py and are not repeated here. Example counts are kept modest.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synoptic.analyze.dates import find_dates
from synoptic.analyze.entities import find_mentions, load_nlp
from synoptic.analyze.quotes import find_quote_spans, find_quotes
from synoptic.clean import clean_documents
from synoptic.embed import HashingEmbedder
from synoptic.ingest import read_text
from synoptic.ingest.datestamps import normalize_date, parse_date_line
from synoptic.model import Article
from synoptic.settings import Settings
from synoptic.store import Store

EMBEDDER = HashingEmbedder()
UNICODE = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
# Lines shaped like news pages, so that the cleaner's rules (titles, furniture, captions, datelines,
# quotes, dates) are exercised, mixed with arbitrary Unicode lines.
NEWSY_LINES = st.sampled_from(
    [
        "Harbour fire closes port",
        "PORT CITY, May 3 (Wire) - A fire closed the port on Tuesday, officials said.",
        "“We will reopen soon,” the port chief said on Friday.",
        'He said "the damage is large and the repairs will take weeks.',
        "Also read | Markets close higher",
        "Share this article",
        "0 Comments",
        "February 12, 2022",
        "Photo: A ship at the quay / Wire",
        "SOURCE: Wire",
        "By Jane Doe",
        "Residents were moved to a sports hall late last year, according to the city.",
        "“It is a disaster,” said Mayor Ann Lee, adding that “help is coming” soon.",
        "The minister said that the port would reopen next week after repairs.",
        "港务局说，没有人受伤。",
        "Около 400 жителей были эвакуированы.",
        "",
        "   ",
        "\t",
    ]
)
DOCUMENT = st.lists(st.one_of(NEWSY_LINES, UNICODE), max_size=14).map("\n".join)
ARTICLE_LIKE = st.lists(st.one_of(NEWSY_LINES, NEWSY_LINES, UNICODE), min_size=3, max_size=14).map("\n".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(texts: list[str], limits: Settings | None = None) -> tuple[list[Article], list]:
    docs = [read_text(text, f"doc{number}.txt") for number, text in enumerate(texts)]
    return clean_documents(docs, EMBEDDER, limits or Settings())


def _assert_article_spans(article: Article) -> None:
    assert article.text and article.text == article.text.strip("\n")
    for sentence in article.sentences:
        assert sentence.span.article_id == article.id
        assert 0 <= sentence.span.start < sentence.span.end <= len(article.text)
        assert article.text[sentence.span.start : sentence.span.end] == sentence.text


@FAST
@given(texts=st.lists(st.one_of(DOCUMENT, UNICODE), min_size=1, max_size=4))
def test_cleaning_never_raises_and_spans_lie_inside(texts: list[str]) -> None:
    articles, problems = _clean(texts)
    assert all(p.code.startswith("E_") for p in problems)
    assert len(articles) <= len(texts)
    for article in articles:
        _assert_article_spans(article)
        body_lines = [ln.text for ln in article.lines if ln.kind == "body"]
        assert article.text == "\n".join(body_lines)


@FAST
@given(text=DOCUMENT)
def test_cleaning_is_idempotent(text: str) -> None:
    """Cleaning an article's cleaned text again gives the same text (and so the same id)."""
    articles, _ = _clean([text])
    for article in articles:
        (again,), problems = _clean([article.text])
        assert problems == []
        assert again.text == article.text and again.id == article.id


@settings(max_examples=30, deadline=None)
@given(text=DOCUMENT, max_line_chars=st.integers(min_value=0, max_value=40))
def test_line_limit_holds_for_any_limit(text: str, max_line_chars: int) -> None:
    articles, problems = _clean([text], Settings(max_line_chars=max_line_chars))
    for article in articles:
        assert all(len(line) <= max_line_chars for line in article.text.split("\n"))
    too_long = [p for p in problems if p.code == "E_LINE_TOO_LONG"]
    assert all(p.line is not None and p.line >= 1 for p in too_long)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(UNICODE, DOCUMENT))
def test_quote_spans_lie_inside_and_do_not_overlap(text: str) -> None:
    spans = find_quote_spans(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        previous = end


@settings(max_examples=25, deadline=None)
@given(text=ARTICLE_LIKE)
def test_quotes_with_spacy_never_raise_and_point_into_the_text(text: str) -> None:
    """The real spaCy pipeline over generated articles: every quote's support lies inside its text."""
    articles, _ = _clean([text])
    nlp = load_nlp()
    for article in articles:
        doc = nlp(article.text)
        for quote in find_quotes(article, doc, find_mentions(article, doc)):
            assert 0 <= quote.span.start < quote.span.end <= len(article.text)
            assert quote.span.article_id == article.id


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(UNICODE, DOCUMENT),
    ref=st.one_of(st.none(), st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 12, 31))),
)
def test_dates_never_raise_and_spans_match_their_text(text: str, ref: date | None) -> None:
    previous = 0
    for mention in find_dates(text, "a", ref):
        assert previous <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        iso = mention.date.iso()  # a real (partial) calendar date
        if mention.date.day is not None:
            date.fromisoformat(iso)
        previous = mention.span.end


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(UNICODE, st.text(alphabet="0123456789-:TZ+ ,.JanFebMayjuly", max_size=40)))
def test_date_stamps_never_raise(text: str) -> None:
    for value in (parse_date_line(text), normalize_date(text)):
        assert value is None or date.fromisoformat(value).isoformat() == value


OPTIONAL_TEXT = st.one_of(st.none(), st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60))


@settings(max_examples=30, deadline=None)
@given(text=DOCUMENT, outlet=OPTIONAL_TEXT, title=OPTIONAL_TEXT, url=OPTIONAL_TEXT)
def test_store_round_trips_articles(text: str, outlet, title, url) -> None:
    """Whatever the cleaner makes, with any metadata, comes back from SQLite equal."""
    articles, _ = _clean([text])
    articles = [replace(a, outlet=outlet, title=title, url=url) for a in articles]
    with tempfile.TemporaryDirectory() as home, Store.open(Path(home) / "store.sqlite") as store:
        result = store.add_articles(articles)
        assert list(result.added) == [a.id for a in articles]
        for article in articles:
            assert store.get_article(article.id) == article
        again = store.add_articles(articles)
        assert again.added == () and store.article_count() == len(articles)


@settings(max_examples=12, deadline=None)
@given(texts=st.lists(ARTICLE_LIKE, min_size=1, max_size=3))
def test_whole_brief_never_raises(texts: list[str]) -> None:
    """Any articles the cleaner lets through make a brief (alignment, summary, quotes, dates...)."""
    from synoptic.pipeline import build_brief

    articles, _ = _clean(texts)
    brief = build_brief(articles, Settings(), EMBEDDER)
    assert len(brief.articles) == len(articles)
    texts_by_id = {a.id: a.text for a in articles}
    for sentence in brief.summary:
        for span in sentence.support:
            assert span.end <= len(texts_by_id[span.article_id])
