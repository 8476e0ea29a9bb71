"""Guards that keep one value written two ways, or two tallies, from being reported as a divergence.

Invented sentences; each guard has a case it holds back, next to a near case that is still reported.
"""

from __future__ import annotations

from test_divergence import _divergences


def _abouts(*texts: str, same_fact: bool = True) -> list[str]:
    return [d.about for d in _divergences(*texts, same_fact=same_fact)]


def test_a_title_written_two_ways_is_one_name():
    assert not _abouts(
        "The council was under scrutiny after Mrs Calloway was named the party's candidate.",
        "The council was under scrutiny after Ms. Calloway was named the party's candidate.",
    )


def test_a_street_word_in_full_and_cut_short_is_one_place():
    assert not _abouts(
        "The van hit a cyclist at 12th Avenue and Elm Street in Dunmore, police said.",
        "The van hit a cyclist at 12th Ave and Elm Street in Dunmore, police said.",
    )


def test_a_name_with_and_without_accents_is_one_name():
    assert not _abouts(
        "Thieves robbed a jeweller near Place Vendome on Monday, the prefecture said.",
        "Thieves robbed a jeweller near Place Vendôme on Monday, the prefecture said.",
    )


def test_two_ends_of_a_two_word_name_are_two_entities():
    assert not _abouts(
        "The manager told the Port Harlow Gazette that he had made an offer to the striker.",
        "The manager told the Port Harlow Rovers that he had made an offer to the striker.",
    )


def test_a_surname_after_one_first_name_is_still_compared():
    (div,) = _divergences(
        "Her neighbour Ada Quill found the dog on Tuesday, the shelter said.",
        "Her neighbour Ada Quint found the dog on Tuesday, the shelter said.",
    )
    assert {p.text.split()[1] for p in div.positions} == {"Quill", "Quint"}


def test_a_time_cut_apart_by_spaces_is_no_count():
    abouts = _abouts(
        "The march left the square at 8 p. m. on Wednesday, organisers said.",
        "The march left the square at 9 p. m. on Wednesday, organisers said.",
    )
    assert not any(a.startswith("number") for a in abouts)


def test_a_combined_total_is_not_a_rival_count():
    assert not _abouts(
        "Playing in a combined 140 matches for two clubs, Okafor scored freely.",
        "Playing in 52 matches for the club, Okafor scored freely.",
    )


def test_two_tallies_that_differ_in_every_figure_are_two_stat_lines():
    assert not _abouts(
        "He has 41 catches for 512 yards and four touchdowns this season.",
        "The late run leaves him with 2,950 yards and 19 touchdowns in 14 games.",
    )


def test_one_figure_in_dispute_among_agreeing_ones_is_reported():
    (div,) = _divergences(
        "He has 41 catches for 512 yards and four touchdowns this season.",
        "He has 41 catches for 512 yards and five touchdowns this season.",
    )
    assert div.about.startswith("number")


def test_words_before_a_name_that_end_in_no_title_are_no_role():
    assert not _abouts(
        'He loves the city, " club president Ivo Marlow said.',
        "Okafor, who was fired in May as head coach of the Harlow Rovers, is the fourth head coach since "
        "Marlow took over as the club's president and general manager in 2003.",
    )


def test_two_titles_before_one_name_are_two_roles():
    (div,) = _divergences(
        "The film was made by director Nell Brannigan for the channel.",
        "The film was made by producer Nell Brannigan for the channel.",
    )
    assert div.about == "role of Nell Brannigan"


def test_two_full_names_after_one_title_are_two_people():
    assert not _abouts(
        "He shot and wounded Judge Ada Quill and sheriff's Deputy Hoyle Brannigan in the courtroom.",
        "He escaped by overpowering his guard, sheriff's Deputy Nell Caskey, in the courtroom.",
    )


def test_two_ages_of_one_named_person():
    (div,) = _divergences(
        "Ivo Marsh, 34, was arrested at his home in Dunmore on Friday.",
        "Police arrested Ivo Marsh, 35, at his home in Dunmore late on Friday.",
    )
    assert {p.text.split(",")[0] for p in div.positions} == {"34", "35"}


def test_an_age_before_a_singular_verb_is_no_count_of_arrests():
    assert not _abouts(
        "Ivo Marsh, 34, was arrested at his home in Dunmore on Friday.",
        "Two men were arrested after the fight, police in Dunmore said.",
        same_fact=False,
    )


def test_two_weekdays_for_one_event():
    abouts = _abouts(
        "The footbridge collapsed on Tuesday, the council said.",
        "The footbridge collapsed on Wednesday, the council said.",
    )
    assert abouts == ["day"]


def test_weekdays_in_sentences_of_two_facts_are_not_compared():
    assert not _abouts(
        "The footbridge collapsed on Tuesday, the council said.",
        "The council met on Wednesday to discuss the footbridge.",
        same_fact=False,
    )
