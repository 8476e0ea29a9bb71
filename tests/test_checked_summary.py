"""The checks behind the brief's summary: sentences that stand alone, and citations that state the claim."""

from __future__ import annotations

import numpy as np

from synoptic.model import Span
from synoptic.settings import Settings
from synoptic.synthesize.readable import attributed, headline_worthy, stands_alone
from synoptic.synthesize.support import (
    conflicts,
    content_words,
    counts,
    moments_ago,
    numbers,
    shared_content,
    verified_support,
)


def test_a_sentence_that_needs_its_neighbours_does_not_stand_alone():
    assert stands_alone("The council approved the new budget after a long debate on Monday.")
    assert not stands_alone("He said the council approved the new budget on Monday night.")
    assert not stands_alone('approved the new budget," the mayor said on Monday night.')
    assert not stands_alone('"The budget is fair and balanced, the mayor said on Monday night.')
    assert not stands_alone("But the council approved it.")
    assert not stands_alone("Speaking to reporters after the vote on Monday, the mayor said:")


def test_a_headline_does_not_point_back_at_an_earlier_sentence():
    assert headline_worthy("The council approved the new budget after a long debate on Monday.")
    assert not headline_worthy("The council approved this surprising plan after a long debate on Monday.")
    assert headline_worthy("The council met this week and approved the new budget after a debate.")


def test_attribution_is_seen():
    assert attributed("The budget is balanced, the mayor said.")
    assert attributed("According to the ministry, 40 people died.")
    assert not attributed("The budget is balanced and fair to all residents.")


def test_quantities_are_read_however_they_are_spelled():
    assert numbers("3,000 jobs") == numbers("three thousand jobs") == numbers("3 thousand jobs")
    assert counts("The firm cut 3,000 jobs over 20 years.") == {"job": {"3000"}}


def test_conflicts_are_numbers_weekdays_and_an_outcome_still_to_come():
    assert conflicts("The firm cut 3,000 jobs.", "The firm cut 7,000 jobs.") == "numbers"
    assert conflicts("The firm cut 3,000 jobs.", "The firm cut 3,000 jobs in 2020.") is None
    assert conflicts("The vote took place on Monday.", "The vote took place on Friday.") == "weekday"
    assert conflicts("The senate passed the bill.", "The senate will vote on the bill.") == "modality"
    # a claim reported as intent may be supported by a future
    assert conflicts("The council would review the ideas.", "The council will review the ideas.") is None


def test_verified_support_cites_one_non_conflicting_sentence_per_article():
    texts = ["The firm cut 3,000 jobs.", "The firm cut 7,000 jobs.", "The company cut 3,000 jobs.", "Rain."]
    spans = [Span("a", 0, 10), Span("b", 0, 10), Span("c", 0, 10), Span("d", 0, 10)]
    similarity = np.array(
        [[1.0, 0.9, 0.8, 0.2], [0.9, 1.0, 0.7, 0.2], [0.8, 0.7, 1.0, 0.2], [0.2, 0.2, 0.2, 1.0]]
    )
    cited = verified_support(0, [0, 1, 2, 3], texts, spans, similarity, Settings().citation_support_floor)
    assert [s.article_id for s in cited] == ["a", "c"]


def test_a_sentence_on_the_same_topic_that_says_something_else_is_not_cited():
    texts = [
        "During her years at sea, Venn ran a chandlery, crewed a schooner and cooked for forty sailors.",
        "Venn was a gifted navigator and deeply learned about tides.",  # the story's name only
        "Venn ran a chandlery and crewed a schooner during her years at sea.",  # says the same
        "Her favourite vessels include:",  # announces a list: its words are in the lines after it
        *(f"Venn gave talk number {n} of the winter." for n in range(20)),  # a story all about her
    ]
    spans = [Span(f"a{n}", 0, 10) for n in range(len(texts))]
    similarity = np.full((len(texts), len(texts)), 0.6)
    np.fill_diagonal(similarity, 1.0)
    floor, shared = Settings().citation_support_floor, Settings().citation_min_shared
    uniform = {w: 1.0 for t in texts for w in content_words(t)}
    assert shared_content(texts[0], texts[2], uniform) > 0.5
    cited = verified_support(0, [0, 1, 2, 3], texts, spans, similarity, floor, shared)
    assert [s.article_id for s in cited] == ["a0", "a2", "a3"]
    # without the check every member close enough is cited, the topic-only sentence too
    assert len(verified_support(0, [0, 1, 2, 3], texts, spans, similarity, floor)) == 4


def test_a_heading_of_one_or_two_words_verifies_no_claim():
    texts = [
        "The studio's racing game lets players steer with their hands.",
        "Racing Game",  # a heading in another article: close, shares the words, states nothing
        "Lambert: “Steer, hands.”",  # three words: a short line can still state something
    ]
    spans = [Span("a", 0, 10), Span("b", 0, 10), Span("c", 0, 10)]
    similarity = np.full((3, 3), 0.8)
    np.fill_diagonal(similarity, 1.0)
    floor, shared = Settings().citation_support_floor, Settings().citation_min_shared
    cited = verified_support(0, [0, 1, 2], texts, spans, similarity, floor, shared)
    assert [s.article_id for s in cited] == ["a", "c"]


def test_distances_back_in_time_must_agree_and_conjunctions_count_nothing():
    cited = "By 410,000 years ago the new tools were in wide use across the basin."
    assert moments_ago(cited) == {("410000", "year")}
    assert moments_ago("It happened two weeks ago.") == {("2", "week")}
    assert conflicts(cited, "The species arose between 420,000 and 380,000 years ago.") == "date"
    assert conflicts(cited, "Tools in use by 410,000 years ago were found at the site.") is None
    assert conflicts(cited, "The tools were found in the basin.") is None  # nothing dated: no conflict
    assert counts("between 420,000 and 380,000 years") == {}


def test_a_line_without_a_closing_stop_does_not_stand_alone():
    assert not stands_alone("Whether the board knew about the accounts before the vote")
    assert stands_alone('The mayor said the plan was "a good first step for the city."')
    assert stands_alone("Did the board know about the accounts before the vote on Monday?")


def test_an_opening_demonstrative_or_linking_phrase_points_back():
    assert not stands_alone("Some of these boats were found near the river bank last spring.")
    assert not stands_alone("Asked about those plans, the minister said the plan was sound.")
    assert not stands_alone("Sure enough, the ferry left the harbour two hours late on Friday.")
    assert not stands_alone("At the time, the bridge was the longest in the region by far.")
    assert stands_alone("Most of those who stayed behind helped rebuild the village school.")
    assert stands_alone("Early this week the council approved the new budget after a debate.")
    assert not stands_alone("Conversely, the ferry kept running through the storm on Friday.")
    assert not stands_alone("My view, as I mentioned above, is that the ferry plan will fail.")
    assert not stands_alone("As we wrote earlier, the ferry left the harbour two hours late.")
    assert stands_alone("The ferry, as the harbour master said earlier, left two hours late.")


def test_a_list_a_joined_title_or_a_non_comment_reports_nothing():
    assert not stands_alone("Rowing, cycling, archery, sailing and table tennis.")
    assert stands_alone("Smith, Jones, Brown and Lee were arrested on Friday night.")
    assert stands_alone("Rowing, cycling and sailing were added to the games on Friday.")
    assert not stands_alone("Ferry strikes spread along the coast | The ferry left two hours late.")
    assert not stands_alone("A spokesman for the ferry company said it did not immediately have a comment.")
    assert not stands_alone("The company declined to comment on the lawsuit filed on Monday.")
    assert not stands_alone("The harbour master could not be reached on Friday evening.")
    assert stands_alone("The mayor commented on the plan at length during Monday's meeting.")


def test_a_quotation_needs_a_speaker_the_sentence_names():
    assert not stands_alone('"The ferry will run again by the summer," she said.')
    assert not stands_alone("“We were never told about the closure,” they added on Friday.")
    assert stands_alone('"The ferry will run again by the summer," the harbour master said.')
    assert not stands_alone("Several people were on the quay when the ferry left, the sergeant said.")
    assert stands_alone('"The ferry will run again by the summer," Jane Holm said after the vote.')
