"""`synoptic eval briefs` on the ten real goldset stories and on the seeds: the scorer's definitions, and
quality floors on the totals that may only go up (issue 14, issue 15)."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, SHARED
from synoptic.eval.goldset import (
    evaluate_folders,
    gold_folders,
    is_fragment,
    opens_badly,
    quote_match,
    same_speaker,
    score_story,
    total,
)

GOLDSET = SHARED / "goldset"

# Totals over the ten goldset stories. "up" metrics are floors, "down" metrics are ceilings.
FLOORS = {
    "junk_removed": 1.0,
    "body_kept": 0.99,
    "summary_mapped": 0.775,  # 67 of 86 (2026-12-04: merged units capped at 3 statements an article)
    "citation_precision": 0.985,  # 158 of 160 (2026-12-04: a two-word label verifies nothing)
    # Lowered from 0.91 to 0.905 on purpose (2026-12-03): the shared-words check dropped six cited
    # spans that state another claim ("This is done through an app" for a claim about body tracking),
    # all six wrong when read; one sat in an article gold lists for the fact through another sentence,
    # so the document-level metric counted it right. See NOTES.md, "Citations".
    "citation_recall": 0.915,  # 158 of 172 (2026-12-04, raised again: smaller merged units)
    "headline_ok": 1.0,
    "quote_recall": 0.91,  # 152 of 167
    "speaker_accuracy": 0.95,  # 211 of 222
    "entity_merge_recall": 0.85,  # 57 of 67
    "timeline_recall": 1.0,
    "divergence_recall": 0.64,  # 22 of 34
    "divergence_precision": 1.0,
    "off_topic_flagged": 1.0,
    "off_topic_excluded": 1.0,
}
CEILINGS = {
    "summary_junk_rate": 0.0,
    "summary_fragment_rate": 0.0,
    "entity_wrong_merge_rate": 0.0,
}


@pytest.fixture(scope="module")
def goldset_total(settings):
    if not GOLDSET.is_dir():
        pytest.skip("../shared/goldset is not present")
    return total(evaluate_folders(gold_folders([GOLDSET]), settings))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_goldset_floor(goldset_total, metric):
    assert goldset_total.ratios[metric].value >= FLOORS[metric]


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_goldset_ceiling(goldset_total, metric):
    assert goldset_total.ratios[metric].value <= CEILINGS[metric]


def test_seeds_score_full_on_the_checks_they_passed(seed_brief_dict, gold):
    score = score_story("seeds", seed_brief_dict, gold, SEEDS)
    full = (
        "junk_removed",
        "body_kept",
        "headline_ok",
        "quote_recall",
        "timeline_recall",
        "summary_mapped",
        "speaker_accuracy",
        "entity_merge_recall",
        "divergence_recall",
        "divergence_precision",
    )
    for metric in full:
        assert score.ratios[metric].value == 1.0, (metric, score.misses.get(metric))
    assert score.ratios["summary_junk_rate"].value == 0.0


def test_gold_folders_expands_a_folder_of_stories(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "gold.json").write_text("{}")
    (tmp_path / "not-a-story").mkdir()
    assert [p.name for p in gold_folders([tmp_path])] == ["a", "b"]
    assert gold_folders([tmp_path / "a"]) == [tmp_path / "a"]


def test_fragments_and_headlines():
    assert is_fragment("and then it rained.")
    assert is_fragment("- Image copyright PA")
    assert is_fragment('He said "we will go.')
    assert not is_fragment('"We will go," he said.')
    assert not is_fragment("2,000 people marched on Sunday.")
    assert opens_badly("He arrived at this conclusion after a year.")
    assert opens_badly("But the council voted no.")
    assert not opens_badly("The council voted no on Monday.")


def test_quote_and_speaker_matching():
    assert quote_match("we will not back down", "We will not back down, ever.")
    assert not quote_match("we", "we will not back down")
    assert quote_match("the plan is dead and buried now", "the plan is dead and buried")
    assert same_speaker("Mayor Antonio Villaraigosa", ["Antonio Villaraigosa"])
    assert same_speaker("Villaraigosa", ["Antonio Villaraigosa"])
    assert not same_speaker("Charlie Beck", ["Antonio Villaraigosa"])
    assert not same_speaker(None, ["Antonio Villaraigosa"])


def test_a_wrong_citation_and_a_junk_sentence_count_against_the_brief(tmp_path):
    (tmp_path / "a.txt").write_text("The council voted 5-2 to close the plant on Monday.\nShare this story\n")
    (tmp_path / "b.txt").write_text("Nothing about any plant here.\n")
    gold = {
        "documents": {
            "a.txt": {"title": None, "dek": None, "boilerplate_lines": ["Share this story"]},
            "b.txt": {"title": None, "dek": None, "boilerplate_lines": [], "off_topic": True},
        },
        "facts": [
            {"id": "F1", "documents": ["a.txt"], "key_phrases": {"a.txt": ["voted 5-2 to close the plant"]}}
        ],
    }
    text_a = "The council voted 5-2 to close the plant on Monday.\nShare this story"
    brief = {
        "headline": "Share this story",
        "articles": [
            {"id": "A", "source": str(tmp_path / "a.txt"), "text": text_a, "lines": []},
            {
                "id": "B",
                "source": str(tmp_path / "b.txt"),
                "text": "Nothing about any plant here.",
                "lines": [],
            },
        ],
        "summary": [
            {
                "text": "The council voted 5-2 to close the plant on Monday.",
                "support": [
                    {"article_id": "A", "start": 0, "end": 51},
                    {"article_id": "B", "start": 0, "end": 5},
                ],
            },
        ],
        "facts": [],
        "quotes": [],
        "entities": [],
        "timeline": [],
        "divergences": [],
        "quality_flags": [],
    }
    score = score_story("toy", brief, gold, tmp_path)
    assert score.ratios["citation_precision"].value == 0.5
    assert score.ratios["citation_recall"].value == 1.0
    assert score.ratios["junk_removed"].value == 0.0
    assert score.ratios["headline_ok"].value == 0.0
    assert score.ratios["off_topic_flagged"].value == 0.0
    assert score.ratios["off_topic_excluded"].value == 0.0
    assert json.dumps(score.misses)
