"""Fact alignment: clause splitting, standardized similarity, unit merging, and units on small made-up
stories with the real MiniLM model behind the real SQLite cache."""

from __future__ import annotations

import numpy as np
import pytest

from synoptic.model import Article, Sentence, Span
from synoptic.settings import Settings
from synoptic.synthesize.align import align_facts, clauses, merge_units, standardized, statements

CLAUSE_MIN = Settings().align_clause_min_words


def make_article(name: str, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    spans, start = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(
            Sentence(id=f"{name}-{index}", span=Span(name, start, start + len(sentence)), text=sentence)
        )
        start += len(sentence) + 1
    return Article(
        id=name, source=f"{name}.txt", outlet=None, url=None, published=None, title=None, dek=None,
        lines=(), text=text, sentences=tuple(spans),
    )  # fmt: skip


STORY = [
    make_article(
        "a",
        [
            "A rail bridge over the Elster river collapsed on Tuesday morning, injuring twelve commuters.",
            "The regional transport minister promised a full inquiry into the bridge's maintenance records.",
            "Local bakeries reported brisk sales of pastries during the holiday weekend.",
            "Engineers said corrosion in the steel supports had been flagged in an inspection two years ago.",
        ],
    ),
    make_article(
        "b",
        [
            "Twelve people were hurt when a railway bridge across the Elster gave way early on Tuesday.",
            "The football club announced a new stadium sponsor for next season.",
            "A 2021 inspection had already warned of rusting steel supports, engineers told reporters.",
        ],
    ),
    make_article(
        "c",
        [
            "The city's annual flower show opened with record attendance.",
            "A bridge carrying trains over the Elster river fell on Tuesday, leaving twelve commuters "
            "injured, adding the transport minister vowed a complete investigation of its upkeep.",
            "Ticket prices for the city museum will rise in the spring.",
        ],
    ),
]


@pytest.fixture(scope="module")
def embedder(settings):
    from synoptic.pipeline import make_embedder

    return make_embedder(settings)


@pytest.fixture(scope="module")
def aligned(embedder, settings):
    return align_facts(STORY, embedder, settings)


def texts_of(unit, articles=STORY) -> set[str]:
    by_id = {a.id: a for a in articles}
    return {by_id[s.article_id].text[s.start : s.end] for s in unit.support}


def test_clauses_split_at_reporting_participle_without_comma():
    parts = clauses(
        "Officials will publish the full report next week, the spokesman said adding the two mayors "
        "agreed to meet again in June.",
        CLAUSE_MIN,
    )
    assert len(parts) == 2
    assert parts[1].startswith("adding the two mayors")


def test_clauses_split_glued_sentences_but_not_abbreviations():
    glued = clauses(
        "He said he would study the proposal with care.\xa0Unfortunately, it ignores the main issue.",
        CLAUSE_MIN,
    )
    assert glued == [
        "He said he would study the proposal with care.",
        "Unfortunately, it ignores the main issue.",
    ]
    abbreviated = "The U.S. President met the Prime Minister in Paris to talk about the new trade deal."
    assert clauses(abbreviated, CLAUSE_MIN) == []


def test_standardized_marks_the_pair_that_stands_out_and_ignores_same_article_pairs():
    article_index = np.repeat([0, 1, 2], 8)  # three articles of eight sentences
    rng = np.random.default_rng(0)
    similarity = 0.4 + 0.02 * rng.standard_normal((24, 24))
    similarity = (similarity + similarity.T) / 2
    similarity[0, 8] = similarity[8, 0] = 0.8  # a true match across articles 0 and 1
    similarity[0, 1] = similarity[1, 0] = 0.95  # same article: must not count as a match or baseline
    z = standardized(similarity.astype(np.float32), article_index)
    assert np.allclose(z, z.T)
    assert z[0, 8] > 2.0
    other = article_index[:, None] != article_index[None, :]
    background = other.copy()
    background[[0, 8], :] = False
    background[:, [0, 8]] = False
    assert z[background].max() < 2.0 < z[0, 8]


def test_merge_units_needs_shared_sentences_in_two_articles():
    article_index = np.asarray([0, 0, 1, 1, 2, 2])
    # units 0 and 1 share sentences 0 (article 0) and 2 (article 1): one fact told in parts
    # unit 2 shares only sentence 4 (article 2) with unit 1: one writer's double sentence, kept apart
    merged = merge_units(article_index, [[0, 2, 4], [0, 2, 5], [1, 3, 5]])
    assert merged == [[0, 2, 4, 5], [1, 3, 5]]


def test_a_sentence_opening_with_but_continues_the_statement_before_it():
    article = make_article(
        "a",
        [
            "The minister said the plan would be studied with care.",
            '"But unfortunately, it misses the main point," he added.',
            "However, talks will go on next week.",
            "Markets closed higher on Friday.",
        ],
    )
    other = make_article("b", ["But this sentence opens the second article."])
    sentences = [*article.sentences, *other.sentences]
    said = statements(sentences, np.asarray([0, 0, 0, 0, 1]))
    # the "But" and "However" sentences carry on statement 0; a new article starts its own statement
    assert said.tolist() == [0, 0, 0, 3, 4]


def test_merge_units_joins_parts_that_two_articles_state_in_one_statement():
    article_index = np.asarray([0, 0, 1, 1, 2, 2])
    # unit 0 holds sentence 0 and 2, unit 1 their continuations 1 and 3, in articles 0 and 1
    units = [[0, 2, 4], [1, 3]]
    assert merge_units(article_index, units) == [[0, 2, 4], [1, 3]]
    said = np.asarray([0, 0, 2, 2, 4, 5])
    assert merge_units(article_index, units, said) == [[0, 1, 2, 3, 4]]
    # one article's continuation alone does not join them
    said_once = np.asarray([0, 0, 2, 3, 4, 5])
    assert merge_units(article_index, units, said_once) == [[0, 2, 4], [1, 3]]


def test_merged_units_stop_growing_past_a_few_statements_of_one_article():
    # article 0 has sentences 0-4, article 1 has 5-9; each unit pairs one sentence of each, and each
    # next unit shares two statements with the one before, so the joins chain through all of them
    article_index = np.asarray([0] * 5 + [1] * 5)
    units = [[0, 1, 5, 6], [1, 2, 6, 7], [2, 3, 7, 8], [3, 4, 8, 9]]
    assert merge_units(article_index, units) == [list(range(10))]
    capped = merge_units(article_index, units, max_per_article=3)
    assert capped == [[0, 1, 2, 5, 6, 7], [2, 3, 4, 7, 8, 9]]
    assert all(max(np.bincount(article_index[u])) <= 3 for u in capped)


SHORT_STORY_GAP = pytest.mark.xfail(
    strict=True,
    reason="known gap: in a story whose few sentences are nearly all about one fact, a paraphrase does not "
    "stand 2 spreads above its sentence's usual similarity (z ~1.1-1.5 here), so it is not aligned",
)


@SHORT_STORY_GAP
def test_widely_reported_fact_is_one_unit_with_every_paraphrase(aligned):
    units, _ = aligned
    collapse = [u for u in units if any("collapsed" in t for t in texts_of(u))]
    assert collapse, "the collapse sentence belongs to some unit"
    widest = max(collapse, key=lambda u: len(u.article_ids))
    assert set(widest.article_ids) == {"a", "b", "c"}
    texts = texts_of(widest)
    assert not any("bakeries" in t or "football" in t or "flower show" in t for t in texts)


def test_two_article_fact_is_found_and_stays_apart_from_the_lead(aligned):
    units, _ = aligned
    corrosion = [u for u in units if any("corrosion" in t for t in texts_of(u))]
    assert any(set(u.article_ids) == {"a", "b"} for u in corrosion)
    assert not any(
        "collapsed" in t for u in corrosion for t in texts_of(u) if set(u.article_ids) == {"a", "b"}
    )


@SHORT_STORY_GAP
def test_a_sentence_with_two_clauses_joins_both_facts(aligned):
    units, _ = aligned
    two_fact = next(s for s in STORY[2].sentences if "adding" in s.text)
    holding = [u for u in units if two_fact.span in u.support]
    partners = set().union(*(texts_of(u) for u in holding))
    assert any("collapsed" in t for t in partners)
    assert any("inquiry" in t for t in partners)


def test_units_are_ordered_by_reach_and_deterministic(aligned, embedder, settings):
    units, _ = aligned
    reach = [len(u.article_ids) for u in units]
    assert reach[0] == max(reach)
    again, _ = align_facts(STORY, embedder, settings)
    assert [(u.id, u.support) for u in again] == [(u.id, u.support) for u in units]


def test_story_without_sentences_gives_no_units(embedder, settings):
    empty = make_article("e", [])
    units, table = align_facts([empty], embedder, settings)
    assert units == [] and table.sentences == ()
