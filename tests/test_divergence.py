"""Divergences from slot values: invented sentences, one story each, so each rule is seen on its own."""

from __future__ import annotations

import hashlib
import re

from synoptic.model import Article, Divergence, FactUnit, Sentence, Span
from synoptic.synthesize.divergence import slot_divergences


def _article(name: str, text: str) -> Article:
    aid = hashlib.sha256(name.encode()).hexdigest()[:16]
    sentences, start = [], 0
    for m in [*re.finditer(r"(?<!\b[A-Z]\.)(?<=[.!?\"”])\s+(?=[A-Z\"“])", text), None]:
        end = m.start() if m else len(text)
        sentences.append(Sentence(f"{aid}-{len(sentences)}", Span(aid, start, end), text[start:end]))
        start = m.end() if m else end
    return Article(aid, f"{name}.txt", None, None, None, None, None, (), text, tuple(sentences))


def _story(*texts: str, same_fact: bool = True) -> tuple[list[Article], list[FactUnit]]:
    """One article per text; with `same_fact`, the first sentence of every article is one fact unit."""
    articles = [_article(f"doc{i}", t) for i, t in enumerate(texts)]
    facts = [FactUnit("f1", "", tuple(a.sentences[0].span for a in articles))] if same_fact else []
    return articles, facts


def _divergences(*texts: str, same_fact: bool = True) -> list[Divergence]:
    articles, facts = _story(*texts, same_fact=same_fact)
    return slot_divergences(articles, facts)


def _values(div: Divergence) -> set[str]:
    return {p.text for p in div.positions}


def test_two_times_for_one_event():
    (div,) = _divergences(
        "The van left the quay about 5:10 a.m., police said.",
        "The van left the quay about 5:40 a.m., police said.",
    )
    assert div.about == "time"
    assert any("5:10" in v for v in _values(div)) and any("5:40" in v for v in _values(div))


def test_each_position_carries_its_value_span_and_its_sentence():
    articles, facts = _story(
        "The trial opened on April 14 in Boston, the court said.",
        "The trial opened on April 16 in Boston, the court said.",
    )
    (div,) = slot_divergences(articles, facts)
    texts = {a.id: a.text for a in articles}
    for p in div.positions:
        value, sentence = p.support
        assert texts[p.article_id][value.start : value.end] == p.text
        assert sentence.start <= value.start and value.end <= sentence.end
        assert re.search(r"April 1[46]", p.text)


def test_which_agent_a_name_in_the_same_place():
    (div,) = _divergences(
        "Doctors said the outbreak was caused by Pseudomonas bacteria found in the water.",
        "Doctors said the outbreak was caused by E. coli bacteria found in the water.",
    )
    assert div.about.startswith("name")
    assert any("Pseudomonas" in v for v in _values(div)) and any("E. coli" in v for v in _values(div))


def test_a_figure_with_its_scale():
    (div,) = _divergences(
        "The planet formed four billion years ago, the study found.",
        "The planet formed 4.5 billion years ago, the study found.",
    )
    assert div.about.startswith("number")


def test_a_count_said_to_come_on_top_of_another_is_not_a_divergence():
    assert (
        _divergences(
            "The company will cut 3,000 more jobs this year, it said on Monday.",
            "The company will cut 7,000 jobs this year, it said on Monday.",
        )
        == []
    )
    assert (
        _divergences(
            "The company cut another 3,000 jobs, bringing its cuts to 7,000.",
            "The company cut 7,000 jobs.",
        )
        == []
    )


def test_a_hedged_figure_consistent_with_an_exact_one_is_not_a_divergence():
    assert _divergences("About 300 people attended the vigil.", "Some 312 people attended the vigil.") == []
    assert (
        _divergences("At least 300 people attended the vigil.", "Some 312 people attended the vigil.") == []
    )


def test_two_lower_bounds_that_differ_are_a_divergence():
    (div,) = _divergences(
        "Two people died and at least five were injured in the fire.",
        "Two people died and at least two were injured in the fire.",
    )
    assert len(div.positions) == 2


def test_range_ends_are_not_compared():
    assert (
        _divergences(
            "The tools were used from 740,000 to 610,000 years ago in the valley.",
            "The tools were used until 620,000 years ago in the valley.",
        )
        == []
    )


def test_an_article_that_states_both_values_speaks_of_two_things():
    assert (
        _divergences(
            "The first hearing was held on April 14 in Boston. The second hearing was held on April 16.",
            "The first hearing was held on April 16 in Boston.",
        )
        == []
    )


def test_counts_in_sentences_that_name_different_places_are_not_compared():
    assert (
        _divergences(
            "By Sunday, Fenmoor Green campers had packed up a third of about 250 tents.",
            "Settled there since October, the Westmoor camp had swelled to roughly 350 tents.",
        )
        == []
    )


def test_a_title_before_the_same_name():
    (div,) = _divergences(
        "The series was made by producer Jane Doe in 2003.",
        "The series was made by film director Jane Doe in 2003.",
    )
    assert div.about == "role of Jane Doe"


def test_two_words_for_one_role_agree():
    assert (
        _divergences("The question was put by anchor Jane Doe.", "The question was put by host Jane Doe.")
        == []
    )


def test_a_first_name_spelt_two_ways_is_not_a_divergence():
    assert (
        _divergences(
            "The meeting was described by Varnholt aide Dmitri Selvin as cordial.",
            "The meeting was described by Varnholt aide Dmitry Selvin as cordial.",
        )
        == []
    )


def test_a_quotation_transcribed_differently_in_one_spot():
    (div,) = _divergences(
        '"If a clerk slipped a few notes out of the cash box, they would be fined," she said.',
        '"If a clerk slipped a few notes out of the crash box, they would be fined," she said.',
    )
    assert div.about == "wording of a quotation"


def test_a_quotation_worded_differently_in_many_spots_is_a_paraphrase():
    assert (
        _divergences(
            '"We openly discussed possible heavy tariffs over the trade quarrel," he said.',
            '"We openly discussed potential steep tariffs over the export quarrel," he said.',
        )
        == []
    )


def test_an_elision_is_not_a_different_wording():
    assert (
        _divergences(
            '"The bread was all fresh and warm and she baked it well," he said.',
            '"The bread was all … she baked it well," he said.',
        )
        == []
    )


def test_counts_of_what_happened_are_compared_across_facts():
    (div,) = _divergences(
        "Police cleared the square overnight. No arrests have been made so far.",
        "Police cleared the square at dawn. Four campers were arrested during the operation.",
        same_fact=False,
    )
    assert any("No arrests" in v for v in _values(div)) and any("Four campers" in v for v in _values(div))


def test_sentences_of_two_facts_compare_only_a_pinned_name():
    assert (
        _divergences(
            "The mayor met 300 protesters on Monday.",
            "The mayor met 400 protesters on Friday.",
            same_fact=False,
        )
        == []
    )
    (div,) = _divergences(
        "Kane and his friend Abel Radley (Marcus Whitby) wait at the inn.",
        "Later his friend Abel Hadley (Marcus Whitby) leaves the inn.",
        same_fact=False,
    )
    assert div.about.startswith("name")


def test_a_date_after_the_same_words_across_facts():
    (div,) = _divergences(
        "One wet morning in March 1979, the girl had her last row with her uncle.",
        "But one morning in March 1978, her coach received a letter from her aunt.",
        same_fact=False,
    )
    assert div.about == "date"
    assert not _divergences(
        "The plant opened in March 1979 after years of delay.",
        "Workers went on strike in March 1978 over pay.",
        same_fact=False,
    )


def test_how_a_counted_group_is_described():
    (div,) = _divergences(
        "The report recounts the rescue of three injured Norwegian sailors at the dock.",
        "The report recounts the rescue of three teenage Norwegian sailors at the dock.",
    )
    assert div.about.startswith("description")
    assert not _divergences(
        "The report recounts the rescue of three other sailors at the dock.",
        "The report recounts the rescue of three young sailors at the dock.",
    )


def test_two_sources_for_one_fact_are_not_a_divergence():
    assert not _divergences(
        "The plant will close in June, said Mary Jones, a union leader.",
        "The plant will close in June, said Peter Brown, a union leader.",
    )


def test_a_street_name_after_the_same_number():
    (div,) = _divergences(
        "The fire started just before 9:15 p.m. in the 3200 block of West 31st Street.",
        "The fire was reported about 9:15 p.m. in the area of West 31st Terrace and Yarrow Circle.",
    )
    assert div.about.startswith("name")
