"""Speaker rules added in the third quotes session: each asserts who speaks in an invented sentence."""

from __future__ import annotations

from synoptic.analyze.entities import find_mentions, index_entities, parse_articles, resolve_entity
from synoptic.analyze.quotes import find_quote_spans, find_quotes
from synoptic.model import Article, Entity, Span


def _article(text: str) -> Article:
    return Article(id="a1", source="t", outlet=None, url=None, published=None, title=None, dek=None,
                   lines=(), text=text)  # fmt: skip


def _quotes(text: str, beliefs: bool = False):
    article = _article(text)
    doc = parse_articles([article])[0]
    return find_quotes(article, doc, find_mentions(article, doc), beliefs=beliefs)


def _said(text: str, words: str) -> str | None:
    found = [q for q in _quotes(text) if words in q.text]
    assert found, [q.text for q in _quotes(text)]
    return found[0].speaker


def test_a_mark_lost_to_a_bad_decode_still_closes_the_quote():
    text = "Tom Ashby runs the bakery.\n“It’s bakers helping bakers,\ufffd? said Ashby."
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans == ["It’s bakers helping bakers,"]
    assert _said(text, "bakers helping") == "Tom Ashby"


def test_paragraphs_of_one_quote_run_together_on_one_line():
    text = (
        "Here is what Senator Maria Lopez said to the banker:\n"
        '"This is about trust. You broke it. "And when it all fell apart, you kept your bonus and '
        'blamed the tellers. "You should resign."'
    )
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert len(spans) == 1 and spans[0].startswith("This is about") and spans[0].endswith("resign.")
    assert _said(text, "kept your bonus") == "Maria Lopez"


def test_pointing_a_gun_is_no_cue_and_according_to_names_the_source():
    text = (
        "A robber pointed his gun at the clerk “and fired twice,” according to a Millbrook Police "
        "Department report."
    )
    assert _said(text, "fired twice") == "Millbrook Police Department"


def test_the_report_is_the_report_the_article_named_before():
    text = (
        "The men met the seller in a parking lot, according to a Millbrook Police Department report.\n"
        "Two men then drew their guns.\n"
        "\"The first man said, 'Hand over the keys!' and the seller ran,\" according to the police report."
    )
    assert _said(text, "Hand over the keys") == "Millbrook Police Department"


def test_a_spokesman_for_a_named_body_speaks_for_it():
    text = (
        "Anna Berg taught for ten years at the University of Westmoor.\n"
        'A spokesman for the university said it was "deeply saddened" by her loss, adding that she had '
        '"brought her warmth and wit to every lecture hall."'
    )
    assert _said(text, "warmth and wit") == "University of Westmoor"


def test_a_named_spokesman_stays_the_person():
    text = (
        "Ministry spokesman Ivan Petrov spoke on Monday.\n"
        "“The drills go on as planned,” the spokesman for the ministry said."
    )
    assert _said(text, "drills go on") == "Ivan Petrov"


def test_an_anonymous_officer_is_not_given_the_force():
    text = (
        "The Millbrook Police Department closed the street on Sunday.\n"
        "“Please clear the road now,” an officer said over a loudspeaker."
    )
    assert _said(text, "clear the road") == "an officer"


def test_the_agent_of_a_main_clause_passive_is_the_next_he():
    text = (
        "Tom Ashby directed the film in Ohio.\n"
        "The villain is played by Peter Hale, a lanky 30-year-old Welsh actor with a scowl.\n"
        "“We have lost the town,” he says midway through the film."
    )
    assert _said(text, "lost the town") == "Peter Hale"


def test_the_agent_of_a_clause_below_is_not_the_topic():
    text = (
        "Anna Berg was selling old books when she was spotted by Laura Stone. She liked to say that "
        'she never read them. "They were all good stories," she said.'
    )
    assert _said(text, "good stories") == "Anna Berg"


def test_a_name_in_marks_after_the_cue_is_the_speaker():
    text = (
        "A couple nearby ran to help the driver.\n"
        '"I heard a crash so I ran down the road," said "K," who asked not to be named.\n'
        "K turned to his neighbour, Rosa, who is a nurse.\n"
        '"She told me to press on the wound," he said.'
    )
    assert _said(text, "heard a crash") == "K"
    assert _said(text, "press on the wound") == "K"


def test_words_in_marks_before_the_cue_are_not_a_name():
    text = 'Investigators combed the lot.\n"Forensics," said Dave Marlow. "Look at that. Real detectives."'
    assert _said(text, "Real detectives") == "Dave Marlow"


def test_a_headline_small_clause_gives_no_speaker():
    text = "Photo Campaign lawyer on surveys showing him behind: 'Who says?'\nThe lawyer, Mark Dunn, spoke."
    assert not [q for q in _quotes(text) if "Who says" in q.text]


def test_a_paragraph_opening_she_goes_on_with_the_subject_a_side_voice_spoke_about():
    text = (
        "Anna Berg, the singer who toured with Laura Stone, has died aged 70.\n"
        "Berg died on Saturday in Leeds.\n"
        "“Anna was tireless and funny, and she never gave up,” said agent Maria Lopez.\n"
        "She and Stone were brought together by producer Rosa Diaz in 1990.\n"
        "Speaking on the radio in 2001, after the death of her partner Stone, she said:\n"
        "“She went bravely, and I hope I can go that well.”"
    )
    assert _said(text, "went bravely") == "Anna Berg"


def test_a_quote_right_after_a_side_voice_stays_theirs():
    text = (
        "Anna Berg has died aged 70.\n"
        "“Anna was tireless and funny, and she never gave up,” said agent Maria Lopez.\n"
        "“We will all miss her,” she added."
    )
    assert _said(text, "miss her") == "Maria Lopez"


def test_a_spouse_given_by_first_name_takes_the_family_name_the_text_gives():
    text = (
        "Edith Marsh taught at the school for 20 years.\n"
        "Marsh and her husband, Tom, took the boy in, and the Marshes bought him new clothes.\n"
        "Tom, a quiet man, added, “He has made us very proud.”"
    )
    assert _said(text, "very proud") == "Tom Marsh"


def test_a_spouse_keeps_a_bare_first_name_without_a_family_plural():
    text = (
        "Edith Marsh taught at the school for 20 years.\n"
        "Marsh and her husband, Tom, took the boy in.\n"
        "Tom, a quiet man, added, “He has made us very proud.”"
    )
    assert _said(text, "very proud") == "Tom"


def test_the_voice_goes_on_over_a_short_aside_about_someone_else():
    text = (
        "Producer Rosa Diaz first met Anna Berg in 1990.\n"
        '"Anna was a gifted singer and knew every song ever written," said Diaz.\n'
        'She also had a sharp tongue. "We called her the hornet because she could sting at any time."'
    )
    assert _said(text, "the hornet") == "Rosa Diaz"


def test_the_voice_does_not_go_on_when_the_quote_is_not_about_the_aside():
    text = (
        "Producer Rosa Diaz first met Anna Berg in 1990.\n"
        '"Anna was a gifted singer and knew every song ever written," said Diaz.\n'
        'He also had a sharp tongue. "We called her the hornet because she could sting at any time."'
    )
    assert not [q for q in _quotes(text) if "the hornet" in q.text and q.speaker == "Rosa Diaz"]


def test_first_person_words_in_marks_are_the_sentence_subjects():
    text = (
        "Anna Berg was a singer from Leeds.\n"
        'She never settled down but while working in Rome met Tom, "the friend I would trust above all".'
    )
    assert _said(text, "the friend I would trust") == "Anna Berg"


def test_third_person_words_in_marks_are_not_the_subjects():
    text = 'Anna Berg was a singer from Leeds.\nShe met Tom, "the man everyone in the village admired".'
    assert not [q for q in _quotes(text) if "everyone in the village" in q.text and q.speaker == "Anna Berg"]


def test_a_person_the_article_says_is_unnamed_is_the_next_he():
    text = (
        "Casino manager Tom Ashby said the floor stayed open all night.\n"
        "Inside, the betting went on, with one man, who refused to give his name, working a card table. "
        "“I am staying all night and I am going to win,” he said."
    )
    assert _said(text, "staying all night") == "one man"


def test_an_attribution_sentence_run_on_from_the_paragraph_above_still_gives_the_voice():
    text = (
        "Rosa Diaz spoke at the museum on Monday.\n"
        '"They were not just moving goods short hops," she adds. "Instead we see heavy timber coming in."\n'
        "That kind of trade is a sign of links between distant towns, the historians say. "
        '"In the early Bronze Age, we begin to see the first signs of a regional market."'
    )
    assert _said(text, "first signs of a regional market") == "the historians"


def test_an_unnamed_group_is_shown_without_the_clause_that_describes_it():
    led = "The tools were shaped at the site, a team led by Jane Roe of Tarrow University in Tarrow, said."
    assert _said(led, "shaped at the site") == "a team"
    relative = "The tools were carried far, a team that worked with Jane Roe of Tarrow University said."
    assert _said(relative, "carried far") == "a team"


def test_an_unnamed_speaker_never_resolves_through_its_last_word():
    tarrow = Entity("e1", "Tarrow", "GPE", ("Tarrow",), (Span("a1", 0, 6),))
    roe = Entity("e2", "Jane Roe", "PERSON", ("Jane Roe", "Roe"), (Span("a1", 10, 18),))
    index = index_entities([tarrow, roe])
    assert resolve_entity("Dr. Roe", index) == roe  # a name: its surname says who
    # a description ending in a place is not that place
    assert resolve_entity("a group of Tarrow", index, by_surname=False) is None
    assert resolve_entity("Tarrow", index, by_surname=False) == tarrow  # the whole phrase still matches
