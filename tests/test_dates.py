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
        ("The White House warned on Friday.", "2022-02-11"),
        ("It happened on Feb. 3 in the capital.", "2022-02-03"),
        ("It was handed over on January 26.", "2022-01-26"),
        ("They held talks on December 7.", "2021-12-07"),
        ("They met on June 16, 2021, in a city.", "2021-06-16"),
        ("They met in June 2021.", "2021-06"),
        ("The demands were made late last year.", "2021"),
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
    assert [m.date.iso() for m in find_dates("They met on June 16, 2021.", "a", None)] == ["2021-06-16"]


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
