"""Date expressions resolved against a reference date; the story date for undated articles."""

from __future__ import annotations

from datetime import date

import pytest

from synoptic.analyze.dates import find_dates, story_reference
from synoptic.model import Article

REF = date(2022, 2, 12)  # a Saturday


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("They spoke on Saturday.", "2022-02-12"),
        ("The ministry warned on Friday.", "2022-02-11"),
        ("It happened on Feb. 3 in the capital.", "2022-02-03"),
        ("It was delivered on January 26.", "2022-01-26"),
        ("They held talks on December 7.", "2021-12-07"),
        ("They met on June 9, 2021, in a city.", "2021-06-09"),
        ("They met in June 2021.", "2021-06"),
        ("The plans were made late last year.", "2021"),
        ("In December 2021, a draft was published.", "2021-12"),
        ("It happened on 4 March 2020.", "2020-03-04"),
    ],
)
def test_resolves(text, iso):
    found = find_dates(text, "a", REF)
    assert [m.date.iso() for m in found] == [iso]
    assert text[found[0].span.start : found[0].span.end] == found[0].text


def test_relative_dates_need_a_reference():
    assert find_dates("They spoke on Saturday.", "a", None) == []
    assert [m.date.iso() for m in find_dates("They met on June 9, 2021.", "a", None)] == ["2021-06-09"]


def test_modal_may_is_not_a_month_in_lower_case():
    assert find_dates("it may 5 times fail", "a", REF) == []


def _article(aid: str, published: str | None) -> Article:
    return Article(id=aid, source=aid, outlet=None, url=None, published=published, title=None, dek=None,
                   lines=(), text="x")  # fmt: skip


def test_story_reference_is_the_most_common_publication_date():
    dates = ["2022-02-12", None, "2022-02-12", "2022-02-13"]
    arts = [_article(str(n), d) for n, d in enumerate(dates)]
    assert story_reference(arts) == REF
    assert story_reference([_article("b", None)]) is None


@pytest.mark.parametrize(
    ("text", "isos"),
    [
        ("It drew on Owen Quarrie's 1974 book.", ["1974"]),
        ("It is as divisive as 2012's big film.", ["2012"]),
        ("Acts that date to at least 2009 were fined.", ["2009"]),
        ("Some 2000 people marched in the 1990s.", []),
        ("It ran from 2012 to 2014.", ["2012", "2014"]),
        ("He was only hired in April.", ["2021-04"]),
        ("The vote was held in February.", ["2022-02"]),
        ("The talks resume next March.", ["2022-03"]),
        ("Rallies grew this week.", ["2022-02"]),
        ("On Dec. 11, a quiet Saturday night, the hall shut.", ["2021-12-11"]),
        ("It began early Thursday, Feb. 10, 2022 in the city.", ["2022-02-10"]),
        ("They test drove a 2009 Kestrel Vanta.", []),
        ("It would fail a 2017 test of taste.", ["2017"]),
        ("No vote was expected before Tuesday.", ["2022-02-15"]),
        ("The vote is next Friday.", ["2022-02-18"]),
    ],
)
def test_years_months_weeks_and_restated_weekdays(text, isos):
    assert [m.date.iso() for m in find_dates(text, "a", REF)] == isos


def test_a_month_of_that_year_takes_the_year_the_article_last_named():
    text = "She taught him in the fall of 1976. In December of that school year, he left."
    assert [m.date.iso() for m in find_dates(text, "a", REF)] == ["1976", "1976-12"]


def test_a_weekday_on_a_day_the_story_states_is_that_day():
    ref = date(2019, 5, 22)  # a Wednesday; the story also states Thursday May 16
    found = find_dates("The papers were published Thursday.", "a", ref, known=[date(2019, 5, 16)])
    assert [m.date.iso() for m in found] == ["2019-05-16"]


def _undated(aid: str, text: str) -> Article:
    return Article(id=aid, source=aid, outlet=None, url=None, published=None, title=None, dek=None,
                   lines=(), text=text)  # fmt: skip


def test_undated_story_counts_from_the_latest_day_it_states():
    from synoptic.analyze.dates import article_reference, story_dates

    first = _undated("a", "The fair ran past the deadline on October 13, 2013, as a crowd grew Sunday.")
    second = _undated("b", "Bailiffs arrived early on Monday. The deadline passed late Sunday.")
    story = story_dates([first, second])
    assert story.reference == date(2013, 10, 13) and story.inferred
    assert article_reference(second, story) == date(2013, 10, 14)  # it opens on the Monday after
    found = find_dates(second.text, "b", article_reference(second, story), story.known)
    assert [m.date.iso() for m in found] == ["2013-10-14", "2013-10-13"]


def test_a_stated_date_older_than_a_named_year_is_history_not_the_reference():
    from synoptic.analyze.dates import story_dates

    obituary = _undated(
        "a", "She was born on March 3, 1952, in Leeds. In 2012 she wrote a book. She died Monday."
    )
    assert story_dates([obituary]).reference is None


def test_an_embedded_post_signature_dates_an_undated_story():
    from synoptic.analyze.dates import article_reference, story_dates
    from synoptic.model import Line, LineKind

    post = "Rain. All day long. — Jo Quarles (@joquarles) September 6, 2017"
    article = Article(
        id="a", source="a", outlet=None, url=None, published=None, title=None, dek=None,
        lines=(Line(0, post, LineKind.BOILERPLATE, "post"),), text="The aide spoke on Wednesday.",
    )  # fmt: skip
    story = story_dates([article])
    assert story.reference == date(2017, 9, 6)
    found = find_dates(article.text, "a", article_reference(article, story), story.known)
    assert [m.date.iso() for m in found] == ["2017-09-06"]
