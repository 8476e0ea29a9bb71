"""Quote marks of every style, unbalanced marks, speakers from names, descriptors and pronouns."""

from __future__ import annotations

import pytest

from synoptic.analyze.entities import Mention, find_mentions, parse_articles
from synoptic.analyze.quotes import find_quote_spans, find_quotes
from synoptic.model import Article, Span


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
    text = "Spain’s army and the city's mayor don't agree."
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
        "Senator Margaret Corwin questioned Thomas Pell on Tuesday.\n"
        '“You should step down and repay the money," she said.'
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Margaret Corwin"]
    assert text[quotes[0].speaker_span.start : quotes[0].speaker_span.end] == "she"


def test_description_subject_carries_to_the_next_pronoun():
    text = (
        "President Karl Venner spoke with the Dorvanian leader.\n"
        "“We will weigh the offer carefully,” the Varnholt official said.\n"
        "“But it does not address the main points,” he added."
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert all(q.speaker != "Karl Venner" for q in quotes), [q.speaker for q in quotes]


def _direct(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in _quotes(text) if q.kind != "indirect"]


def test_apposition_beats_a_possessive_subject():
    text = (
        "The singer Anna Berg died on Sunday.\n"
        "Berg's agents, Laura Stone and Peter Hale, said in a statement: "
        "“She was a true original and we will miss her terribly.”"
    )
    assert [s for s, _ in _direct(text)] == ["Laura Stone"]


def test_name_after_a_described_subject_is_the_speaker():
    text = "The Daily Post's food critic Tom Ashby tweeted: “Farewell Anna. A truly gifted singer.”"
    assert [s for s, _ in _direct(text)] == ["Tom Ashby"]


def test_inverted_cue_with_the_name_as_object_and_lower_case_continuation():
    text = (
        "Campaign lawyer Mark Dunn spoke to the network on Monday.\n"
        "“Who told you?” said Dunn, whose work also includes acting as party adviser.\n"
        "“Surveys. Nearly all of them. Every one?” replied anchor Maria Lopez.\n"
        "“You keep saying that but we are up,” an irritated Dunn responded, shaking his head."
    )
    speakers = [s for s, _ in _direct(text)]
    assert speakers == ["Mark Dunn", "Maria Lopez", "Mark Dunn"], speakers


def test_transcript_lines_name_their_speakers():
    text = (
        "Here is how the exchange went.\n"
        'Lopez: "You say it is not a crisis, but you are behind."\n'
        'Dunn: "Who told you? Who told you?"\n'
        'Lopez: "Surveys. Nearly all of them. Every one."\n'
        'Dunn: "Okay. Which surveys are those?"'
    )
    speakers = [s for s, _ in _direct(text)]
    assert speakers == ["Lopez", "Dunn", "Lopez", "Dunn"], speakers


def test_answer_to_a_question_goes_to_the_other_side():
    text = (
        "Dunn was asked about the surveys.\n"
        '"Who told you?" Mr Dunn fired back.\n'
        '"Surveys. Nearly all of them. Every one," replied anchor Maria Lopez.\n'
        '"Which surveys are those?" he asked.\n'
        '"Every one of them, every single one."'
    )
    speakers = [s for s, _ in _direct(text)]
    assert speakers == ["Dunn", "Maria Lopez", "Dunn", "Maria Lopez"], speakers


def test_label_lines_carry_the_speaker_and_a_pause_names_the_next_one():
    text = (
        "On butter: “Just in case you think it is too rich,” Ms. Anna Berg said, “do not hold back.”\n"
        "On garlic: “More cooks give up on garlic than on anything else.”\n"
        "Her friend Carl Weiss spoke of her last years at length.\n"
        "With tears in his eyes, Weiss paused.\n"
        "“She was the best friend I ever had.”"
    )
    speakers = [s for s, _ in _direct(text)]
    assert speakers == ["Anna Berg", "Anna Berg", "Anna Berg", "Carl Weiss"], speakers


def test_role_words_reach_the_title_the_name_carried():
    text = (
        "Sen. Jane Ross, D-Ohio, questioned Acme CEO Paul Grant on Tuesday.\n"
        "The senator asked Grant, “Opening more branches is all about your market value, isn't it?”\n"
        "“No,” the executive replied. “It is about serving customers,” he continued."
    )
    speakers = [s for s, _ in _direct(text)]
    assert speakers == ["Jane Ross", "Paul Grant"], speakers


def test_the_one_told_is_not_the_teller():
    text = (
        "Sen. Jane Ross questioned Acme CEO Paul Grant on Tuesday. She said Grant made millions in the "
        "scheme, telling him, “You should step down and you should be held to account.”"
    )
    assert [s for s, _ in _direct(text)] == ["Jane Ross"]


def test_named_spokesman_for_an_agency_is_the_next_he():
    text = (
        "Police Sgt. Tom Reyes said the road would stay closed.\n"
        "A spokesman for the City Harbour Authority, Owen Brenner, reassured visitors on Friday.\n"
        "“The recent delays, while regrettable, were passing events,” he said in a statement."
    )
    assert [s for s, _ in _direct(text)] == ["Owen Brenner"]


def test_a_thing_tagged_as_a_person_is_no_antecedent():
    text = (
        "Officer Mark Dunn said the truck and a Ferrari were waiting at a crossing.\n"
        "The Ferrari was hit twice, and the driver died at the scene.\n"
        "“Nobody saw the shooter coming,” he said."
    )
    article = _article(text)
    doc = parse_articles([article])[0]
    mentions = [m for m in find_mentions(article, doc) if m.name != "Ferrari"]
    for start in (text.index("Ferrari"), text.rindex("Ferrari")):  # as a small tagger may label it
        mentions.append(Mention("Ferrari", "PERSON", Span("a1", start, start + len("Ferrari"))))
    quotes = find_quotes(article, doc, mentions)
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Mark Dunn"]


def test_more_often_named_of_two_senators_is_the_senator():
    text = (
        "Sen. Jane Ross questioned the banker. Ross said the bank had misled its customers.\n"
        "Ross also cited the bank's own statement. Committee chairman Sen. Tom Hale spoke briefly.\n"
        "The senator asked the banker, “Is this all about your market value?”"
    )
    assert [s for s, _ in _direct(text)] == ["Jane Ross"]


def test_her_agent_is_not_the_next_she():
    text = (
        "The cook Anna Berg died on Saturday, aged 71.\n"
        "“She was one of a kind,” said her agent Laura Stone.\n"
        "She and her partner Rita Gold were paired up for a baking show in 1996.\n"
        "After the loss of her partner Rita Gold, she said: “She went out bravely, a lesson to us all.”"
    )
    assert [s for s, _ in _direct(text)] == ["Laura Stone", "Anna Berg"]


def test_any_verb_after_a_quote_and_its_comma_attributes_it():
    text = (
        "Archaeologist Jane Moss of the city university studied the tools.\n"
        "Smaller tools “show that people were well on their way to settled farming,” she holds."
    )
    quotes = [q for q in _quotes(text) if q.kind != "indirect"]
    assert [q.speaker for q in quotes] == ["Jane Moss"]


def test_a_quote_after_an_attribution_sentence_keeps_its_voice():
    text = (
        "Owen Brenner led the survey for ten years.\n"
        "Moving timber over long distances is a sign of trade between towns, Brenner says. "
        "“We begin to see the first signs of a regional market in this period.”"
    )
    assert [s for s, _ in _direct(text)] == ["Owen Brenner"]


def test_written_things_carry_their_authors_words():
    text = (
        "Her agent Laura Stone spoke on Sunday.\n"
        "“Her warmth and wit will be missed for ever, by all of us,” said a statement from her agent.\n"
        "Greta Marsh held a sign that said, “The whole country is watching this square today.”"
    )
    assert [s for s, _ in _direct(text)] == ["Laura Stone", "Greta Marsh"]


def test_a_long_cue_tail_still_lets_the_next_paragraph_continue():
    text = (
        "“They are much more neatly finished for a use,” says Miriam Hart, a geologist at "
        "the state university and an author of the two reports.\n"
        "“They are quite light in weight, compared to the stones of older sites,” which made them easier "
        "to carry."
    )
    assert [s for s, _ in _direct(text)] == ["Miriam Hart", "Miriam Hart"]


def test_a_long_topic_label_carries_the_speaker():
    text = (
        "On butter: “Just in case you think it is too rich,” Ms. Anna Berg said, “do not hold back.”\n"
        "On the right way to line a cake tin before baking: “You really want to use plenty of paper.”"
    )
    assert [s for s, _ in _direct(text)] == ["Anna Berg", "Anna Berg", "Anna Berg"]


def test_a_quote_inside_a_long_sentence_does_not_take_the_next_sentence_cue():
    text = (
        "Critic Laura Stone liked the film. Some of her complaints, that it makes the guard "
        "“too quiet a figure,” or that it is too long, come from the script. Tom Reyes said he agreed."
    )
    article = _article(text)
    doc = parse_articles([article])[0]
    quotes = [q for q in find_quotes(article, doc, find_mentions(article, doc), beliefs=True)
              if q.kind == "partial"]  # fmt: skip
    assert quotes and all(q.speaker != "Tom Reyes" for q in quotes), [q.speaker for q in quotes]


def test_words_in_marks_that_nothing_attributes_are_no_quote_of_the_brief():
    text = (
        "The event opened with a loud slogan on every screen: a sign above the stage.\n"
        "“After ten thousand years of farming, the next harvest is here.”\n"
        "Anna Berg said the crowd loved it. “It was all very fine,” she said."
    )
    article = _article(text)
    doc = parse_articles([article])[0]
    mentions = find_mentions(article, doc)
    brief = [q.text for q in find_quotes(article, doc, mentions) if q.kind != "indirect"]
    bench = [q.text for q in find_quotes(article, doc, mentions, beliefs=True) if q.kind != "indirect"]
    assert brief == ["It was all very fine"]
    assert len(bench) == 2 and bench[1] == "It was all very fine"


def test_talking_of_a_phrase_attributes_it():
    text = "Anna Berg wrote a memoir. In it, she talked of “a comfortable, sheltered childhood” in Leeds."
    quotes = [q for q in _quotes(text) if q.kind == "partial"]
    assert [q.speaker for q in quotes] == ["Anna Berg"]


def test_gender_learned_from_the_article_own_possessives():
    text = (
        "Teacher Edith Moss had been told about a difficult pupil.\n"
        "By the time Ravi Patel was due to join the fifth grade, she issued a warning: "
        "“I will quit if I get that boy in my room.”\n"
        "Patel, who is only now talking about his childhood, lived with his mother and his stepfather."
    )
    assert [s for s, _ in _direct(text)] == ["Edith Moss"]


def test_a_name_in_marks_is_no_turn_when_the_sentence_before_says_who_speaks():
    text = (
        "Ravi Okafor moved in with the family that year.\n"
        'Edith Moss recalls the day Okafor stopped calling her "Mrs. Moss." “We were at a shoe '
        "shop, and he told the clerk that I was his mother.”"
    )
    assert [s for s, _ in _direct(text) if s and "shoe" in _] == ["Edith Moss"]


def test_a_quote_that_only_closes_reported_speech_is_partial():
    text = (
        "Before arriving, Jane Ross tweeted that she was “going to tell them all to give a thumbs up.”\n"
        "Ross said: “We will be there on Monday with the whole team.”\n"
        "Later she said “the team is ready for anything at all now.”"
    )
    kinds = [q.kind for q in _quotes(text) if q.kind != "indirect"]
    assert kinds == ["partial", "direct", "direct"], kinds


def test_a_passive_cue_speaks_with_its_agent():
    text = "The plan was described by Mayor Tom Reyes as “a disaster for every family in this city.”"
    quotes = [q for q in _quotes(text) if q.kind != "indirect"]
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_a_role_named_only_further_on_is_that_person():
    text = (
        "The cook Anna Berg has died, aged 71.\n"
        "“Her warmth and wit will be missed for ever, by all of us,” said a statement from her agent.\n"
        "“She was one of a kind,” said agent Laura Stone on Sunday."
    )
    assert [s for s, _ in _direct(text)] == ["Laura Stone", "Laura Stone"]


def test_a_message_reading_words_is_its_posters():
    text = "Mayor Tom Reyes posted a message on Twitter reading “Thank you all for coming out tonight.”"
    quotes = [q for q in _quotes(text) if q.kind != "indirect"]
    assert [q.speaker for q in quotes] == ["Tom Reyes"]
