"""Off-topic documents are set aside, flagged and listed; real articles of a story are never lost.

Invented documents (no real story): four reports of one footbridge collapse, a generic health explainer,
a product page and a web-archive crawl notice. The real sentence model runs (tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import replace

import jsonschema
import pytest

from synoptic.clean import clean_documents
from synoptic.model import Article, Brief, RawDocument
from synoptic.pipeline import build_brief
from synoptic.render.json import brief_to_dict
from synoptic.render.markdown import render_markdown
from synoptic.render.schema import brief_schema
from synoptic.synthesize.off_topic import CODE, Relatedness, _isolated, find_off_topic
from synoptic.web.decode import brief_from_dict

BRIDGE = {
    "bridge_a.txt": (
        "A pedestrian footbridge over the Harwick River in Glenmoor collapsed on Tuesday evening, "
        "injuring four people, one of them seriously.\n\n"
        "The Alder Street bridge gave way shortly after 6 p.m. as commuters were crossing it, "
        "police said.\n\n"
        "The injured were taken to St. Brigid's Hospital; one man remains in serious condition.\n\n"
        "Mayor Celia Ostrander said the city would commission an independent inspection of all 14 "
        "pedestrian bridges in Glenmoor.\n\n"
        "A 2019 engineering report had warned of corrosion in the bridge's steel supports.\n\n"
        "The bridge, built in 1971, was scheduled for repairs next spring.\n\n"
        "Divers searched the river overnight and found no one else in the water."
    ),
    "bridge_b.txt": (
        "Four people were hurt when the Alder Street footbridge in Glenmoor collapsed into the Harwick River "
        "on Tuesday.\n\n"
        "Police said the span fell just after 6 p.m. while people were walking home from work.\n\n"
        "One of the injured, a man in his forties, was in serious condition at St. Brigid's Hospital.\n\n"
        "Fire Chief Daniel Okafor said divers had searched the river and found no other victims.\n\n"
        "An engineering report in 2019 found corrosion in the steel supports of the bridge, city records "
        "show.\n\n"
        "Mayor Celia Ostrander promised an independent inspection of every pedestrian bridge in the city."
    ),
    "bridge_c.txt": (
        "Glenmoor Mayor Celia Ostrander on Wednesday ordered an independent inspection of the city's 14 "
        "pedestrian bridges, a day after the Alder Street footbridge collapsed.\n\n"
        "The collapse on Tuesday evening sent commuters into the Harwick River and injured four people.\n\n"
        "City records show that a 2019 engineering report had warned of corroded steel supports on the "
        "bridge.\n\n"
        "Repairs to the 1971 bridge had been planned for next spring, the mayor's office said.\n\n"
        "Police have closed the riverside path while the wreckage is removed."
    ),
    "bridge_d.txt": (
        "The Alder Street footbridge, which collapsed into the Harwick River on Tuesday, had been flagged "
        "for corrosion in a 2019 engineering report.\n\n"
        "Four people were injured in the collapse, which happened shortly after 6 p.m., police said.\n\n"
        "One man was in serious condition at St. Brigid's Hospital on Wednesday.\n\n"
        "Fire Chief Daniel Okafor said divers had searched the Harwick River through the night.\n\n"
        "Mayor Celia Ostrander said an independent inspection of all the city's pedestrian bridges would "
        "begin next week."
    ),
}
EXPLAINER = (
    "Getting enough sleep matters for your health in many ways.\n\n"
    "Most adults need between seven and nine hours of sleep every night to feel rested.\n\n"
    "Keeping a regular bedtime helps the body's internal clock stay on schedule.\n\n"
    "Caffeine late in the day can make it harder to fall asleep, so limit coffee after lunch.\n\n"
    "A cool, dark and quiet bedroom makes restful sleep more likely.\n\n"
    "If you often feel tired during the day, talk to your doctor about your sleep habits."
)
PRODUCT = (
    "The ProBlend 900 blender crushes ice in seconds with its 1,200-watt motor and six stainless blades.\n\n"
    "Its 64-ounce jar is dishwasher safe and made of shatter-resistant plastic.\n\n"
    "Choose from five speed settings and a pulse function for smoothies, soups and sauces.\n\n"
    "Free shipping on orders over $50, and every blender comes with a two-year warranty."
)
CRAWL_NOTICE = (
    "This page is part of a web archive collection captured by automated crawlers.\n\n"
    "Captured pages are added to the public archive after an embargo period."
)


def _articles(docs: dict[str, str], settings, embedder) -> list[Article]:
    raw = [RawDocument(source=name, text=text) for name, text in docs.items()]
    articles, _ = clean_documents(raw, embedder, settings)
    assert len(articles) == len(docs), "the cleaner must keep every invented document"
    return articles


def _by_source(articles: list[Article]) -> dict[str, str]:
    return {a.source: a.id for a in articles}


@pytest.mark.parametrize("stray", [EXPLAINER, PRODUCT])
def test_an_unrelated_document_among_related_ones_is_set_aside(stray, settings, embedder):
    articles = _articles({**BRIDGE, "stray.txt": stray}, settings, embedder)
    off = find_off_topic(articles, embedder, settings)
    assert set(off) == {_by_source(articles)["stray.txt"]}
    assert "off-topic" in off[_by_source(articles)["stray.txt"]]


def _cited_ids(brief: Brief) -> set[str]:
    ids: set[str] = set()
    for sentence in brief.summary:
        ids |= {s.article_id for s in sentence.support}
    for fact in brief.facts:
        ids |= set(fact.article_ids)
    for quote in brief.quotes:
        for variant in quote.variants:
            ids |= set(variant.article_ids)
    for entity in brief.entities:
        ids |= set(entity.article_ids)
    for event in brief.timeline:
        ids |= {s.article_id for s in event.support}
    ids |= {c.article_id for c in brief.provenance}
    ids |= {p.article_id for d in brief.divergences for p in d.positions}
    return ids


def test_the_brief_flags_lists_and_never_cites_the_set_aside_document(settings, embedder):
    articles = _articles({**BRIDGE, "stray.txt": EXPLAINER}, settings, embedder)
    stray = _by_source(articles)["stray.txt"]
    brief = build_brief(articles, settings, embedder)
    flags = [f for f in brief.quality_flags if f.code == CODE]
    assert [f.article_id for f in flags] == [stray]
    listed = {a.id: a for a in brief.articles}
    assert set(listed) == {a.id for a in articles}, "every article stays in the list"
    assert listed[stray].off_topic and listed[stray].text == ""
    assert all(ln.kind != "body" for ln in listed[stray].lines)
    assert all(listed[a].off_topic is None for a in listed if a != stray)
    assert stray not in _cited_ids(brief)
    assert stray not in brief.story.article_ids
    assert "sleep" not in " ".join(s.text for s in brief.summary).lower()
    data = brief_to_dict(brief)
    jsonschema.Draft202012Validator(brief_schema()).validate(data)
    marks = {a["source"]: a["off_topic"] for a in data["articles"]}
    assert marks["stray.txt"] and all(v is None for k, v in marks.items() if k != "stray.txt")
    assert "OFF-TOPIC" in render_markdown(brief)
    decoded = {a.id: a.off_topic for a in brief_from_dict(data).articles}  # the web app's stored briefs
    assert decoded == {a.id: a.off_topic for a in brief.articles}


def test_a_two_article_story_keeps_both(settings, embedder):
    pair = {k: BRIDGE[k] for k in ("bridge_b.txt", "bridge_c.txt")}
    articles = _articles(pair, settings, embedder)
    assert find_off_topic(articles, embedder, settings) == {}
    brief = build_brief(articles, settings, embedder)
    assert not [f for f in brief.quality_flags if f.code == CODE]
    assert {s.article_id for f in brief.facts for s in f.support} == {a.id for a in articles}


def test_two_unrelated_articles_of_like_size_are_both_kept(settings, embedder):
    """With nothing shared there is no telling which one is the story: neither is dropped."""
    articles = _articles({"bridge_a.txt": BRIDGE["bridge_a.txt"], "sleep.txt": EXPLAINER}, settings, embedder)
    assert find_off_topic(articles, embedder, settings) == {}


def test_a_crawl_notice_beside_one_article_is_set_aside(settings, embedder):
    """Nothing shared, and the notice is a small fraction of the article (a report of 12 sentences)."""
    report = BRIDGE["bridge_a.txt"] + "\n\n" + BRIDGE["bridge_c.txt"]
    docs = {"report.txt": report, "notice.txt": CRAWL_NOTICE}
    articles = _articles(docs, settings, embedder)
    assert set(find_off_topic(articles, embedder, settings)) == {_by_source(articles)["notice.txt"]}


def test_the_check_can_be_turned_off(settings, embedder):
    articles = _articles({**BRIDGE, "stray.txt": PRODUCT}, settings, embedder)
    assert find_off_topic(articles, embedder, replace(settings, off_topic_max_share=0.0)) == {}


def test_a_document_using_the_story_words_is_not_isolated(settings):
    """Low sentence overlap and a distant centroid are not enough when it names what the story is about."""
    facet = Relatedness("x", sentences=8, reported_share=0.0, nearest=0.3, topic_coverage=0.4)
    stray = Relatedness("y", sentences=8, reported_share=0.0, nearest=0.3, topic_coverage=0.02)
    assert not _isolated(facet, settings)
    assert _isolated(stray, settings)
