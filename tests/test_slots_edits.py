"""Edits between two sentences of one fact, origins of people, and "no comment" against a statement.

Invented sentences: each rule once where it finds a divergence and once where the second figure or
wording is consistent, additive or not a claim, so nothing is reported.
"""

from __future__ import annotations

from synoptic.synthesize.no_comment import comment_divergences
from test_divergence import _article, _divergences, _values


def _abouts(*texts: str, same_fact: bool = True) -> list[str]:
    return [d.about for d in _divergences(*texts, same_fact=same_fact)]


# --- "N things" / "N other things" ---------------------------------------------------------------------


def test_other_in_a_near_copy_changes_the_total():
    (div,) = _divergences(
        "Four boats were damaged in the storm that followed, including the ferry and the tug.",
        "Four other boats were damaged in the storm that followed, including the ferry and the tug.",
    )
    assert div.about == "number of boats"
    assert _values(div) == {"Four boats", "Four other boats"}


def test_other_in_a_differently_worded_sentence_is_not_a_total():
    assert not _abouts(
        "The pilot died and three other passengers were hurt when the glider came down near Brackton.",
        "Three passengers were hurt when the glider came down, the club said.",
    )


def test_the_same_count_with_other_on_both_sides_is_no_divergence():
    assert not _abouts(
        "Four other boats were damaged in the storm that followed, including the ferry.",
        "Four other boats were damaged in the storm that followed, including the ferry.",
    )


# --- a count against "not known how many" ----------------------------------------------------------------


def test_a_count_against_not_known_how_many():
    (div,) = _divergences(
        "Several men were inside the van, the constable said.",
        "It was not known how many men were inside the van, but all were believed to be unarmed.",
    )
    assert div.about == "number of men"
    assert _values(div) == {"Several men", "not known how many men"}


def test_not_known_how_many_of_something_else_is_no_divergence():
    assert not _abouts(
        "Several men were inside the van, the constable said.",
        "It was not known how many shots were fired at the van, the constable said.",
    )


# --- a claim against its denial ----------------------------------------------------------------------------


def test_a_claim_against_its_denial():
    (div,) = _divergences(
        "The ferry might have been overloaded, the harbour master said.",
        "Officials said the ferry that sank was not overloaded, as some had claimed.",
    )
    assert div.about == "whether the ferry … overloaded"
    assert _values(div) == {"ferry might have been overloaded", "not overloaded"}


def test_a_wish_is_no_denial():
    assert not _abouts(
        "Residents hoped the council would not close the library, as other towns have done.",
        "The vote came a week after the council closed the library in Marlow.",
    )


def test_two_negative_wordings_of_one_claim_agree():
    assert not _abouts(
        "Critics said the pumps failed to work during the flood in Easterby.",
        "The pumps did not work during the flood, the engineer said.",
    )


def test_a_negated_report_verb_is_no_denial():
    assert not _abouts(
        "The ferry was overloaded when it left the quay, the harbour master said.",
        "The ferry company did not say whether the ferry was overloaded when it left the quay.",
    )


# --- where people are from ---------------------------------------------------------------------------------


def test_two_origins_of_one_couple_in_sentences_of_two_facts():
    (div,) = _divergences(
        "Robbers shot a Glenford couple who had come to buy their young daughter a piano.",
        "A Marrow Creek couple and their young daughter had driven there to look at a second-hand piano.",
        same_fact=False,
    )
    assert div.about == "where the couple is from"
    assert _values(div) == {"a Glenford couple", "A Marrow Creek couple"}


def test_names_before_a_noun_that_is_not_people_are_not_compared_loosely():
    assert not _abouts(
        "Robbers hit a Glenford bank where their young daughter had worked.",
        "A Marrow Creek bank that their young daughter had used was closed.",
        same_fact=False,
    )


# --- "no comment" against a statement --------------------------------------------------------------------


def test_no_comment_against_a_quoted_statement_of_the_same_actor():
    a = _article(
        "doc0",
        "A spokeswoman for the Harbour Board, Ann Lowe, said the board didn't immediately have a comment "
        "on the sinking.",
    )
    b = _article(
        "doc1",
        "Ann Lowe, a spokeswoman for the Harbour Board, spoke to reporters. "
        '"The quay is safe and the ferries will run tomorrow," she said in a statement.',
    )
    (div,) = comment_divergences([a, b])
    assert div.about.startswith("response of ")
    texts = {p.article_id: p.text for p in div.positions}
    assert texts[b.id] == "The quay is safe and the ferries will run tomorrow"
    assert texts[a.id].startswith("didn't immediately have a comment")
    assert b.text[div.positions[1].support[0].start : div.positions[1].support[0].end] == texts[b.id]


def test_declined_to_comment_further_is_no_divergence():
    a = _article(
        "doc0",
        "The ferry belonged to Lowe Lines, said its owner Ann Lowe. Ann Lowe declined to comment further.",
    )
    b = _article("doc1", 'Ann Lowe said: "The ferry was inspected last month and passed."')
    assert not comment_divergences([a, b])


def test_no_comment_of_someone_the_other_article_does_not_quote():
    a = _article("doc0", "Ann Lowe of the Harbour Board declined to comment on the sinking.")
    b = _article("doc1", 'Piet Marsh said: "The ferry was inspected last month and passed."')
    assert not comment_divergences([a, b])


# --- a crowd sized an order of magnitude apart -----------------------------------------------------------


def test_a_crowd_sized_in_hundreds_and_in_thousands():
    (div,) = _divergences(
        "Inside the hall, hundreds of spectators, all waving paper lanterns, waited for the choir.",
        "Thousands of people waited for the choir, all waving paper lanterns.",
        same_fact=False,
    )
    assert div.about == "size of the crowd"
    assert _values(div) == {"hundreds of spectators", "Thousands of people"}


def test_the_same_order_in_other_words_agrees():
    assert not _abouts(
        "Hundreds of spectators, all waving paper lanterns, waited outside while the choir sang.",
        "Hundreds of people waited outside, all waving paper lanterns.",
        same_fact=False,
    )


def test_thousands_of_one_thing_and_hundreds_of_another_are_no_divergence():
    assert not _abouts(
        "Thousands of flights were delayed at the airport, the ministry said.",
        "Hundreds of passengers were delayed at the airport, the ministry said.",
    )


# --- a record against one among several ------------------------------------------------------------------


def test_the_record_against_one_among_the_records():
    (div,) = _divergences(
        "This is the oldest surviving chart of the valley, says Dr Penhallow.",
        "Surveyors also found a ledger, which makes this among the earliest surviving charts of the region.",
    )
    assert div.about == "the oldest or among the earliest (charts)"
    assert _values(div) == {"the oldest surviving chart", "among the earliest surviving charts"}


def test_the_same_hedged_superlative_is_no_divergence():
    assert not _abouts(
        "This is among the oldest surviving maps of the valley, says Dr Penhallow.",
        "Surveyors also found a chart, which makes this one of the oldest surviving maps of the region.",
    )


def test_a_superlative_of_something_else_is_no_divergence():
    assert not _abouts(
        "This is the oldest surviving map of the valley, says Dr Penhallow.",
        "The chart was found among the oldest farm buildings in the region, surveyors said.",
    )


def test_a_pronoun_subject_is_someone_else():
    assert not _abouts(
        "The warden said some visitors were in the chapel when the alarm sounded.",
        "The warden said he was not in the chapel when the alarm sounded.",
    )


# --- where someone died ----------------------------------------------------------------------------------


def test_died_in_the_car_against_dead_at_a_hospital():
    (div,) = _divergences(
        "The bus driver and a pupil were hurt, and Okoro died in the Vauxhall after it hit the wall.",
        "The bus driver was hurt and the Vauxhall driver was pronounced dead at a hospital.",
    )
    assert div.about == "place of death (Vauxhall)"
    assert _values(div) == {"in the Vauxhall", "at a hospital"}


def test_two_people_dying_in_two_places_are_no_divergence():
    assert not _abouts(
        "The cyclist was killed at the scene and the driver died later at a hospital.",
        "The cyclist was killed at the scene, police said.",
    )


def test_a_town_and_a_hospital_of_that_town_agree():
    assert not _abouts(
        "The singer died in Dunmore on Sunday, her agent said.",
        "The singer died at a Dunmore hospital on Sunday, her agent said.",
    )


def test_the_first_is_a_name_of_things_not_a_record():
    assert not _abouts(
        "The first responders reached the quarry within minutes, the brigade said.",
        "A medic was among the first responders who reached the quarry within minutes.",
    )


def test_a_negation_stops_at_the_next_clause():
    assert not _abouts(
        "The rash does not seem to be severe and quickly fades after treatment.",
        "The doctors said the rash quickly fades after treatment.",
    )
