"""Line cleaning scored against the hand annotation of the seeds, with the real MiniLM embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synoptic.clean import clean_documents
from synoptic.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder, MiniLMEmbedder
from synoptic.ingest import read_sources, read_text
from synoptic.model import Article, LineKind
from synoptic.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["documents"]
LISTED = {
    "title": LineKind.TITLE,
    "dek": LineKind.DEK,
    "caption_lines": LineKind.CAPTION,
    "metadata_lines": LineKind.METADATA,
    "subheading_lines": LineKind.SUBHEADING,
    "duplicate_lines": LineKind.DUPLICATE,
    "boilerplate_lines": LineKind.BOILERPLATE,
}


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> CachedEmbedder:
    cache = EmbeddingCache(tmp_path_factory.mktemp("cache") / "cache.sqlite")
    return CachedEmbedder(MiniLMEmbedder(), cache)


@pytest.fixture(scope="module")
def seeds(embedder: CachedEmbedder) -> dict[str, Article]:
    docs, problems = read_sources([SEEDS], Settings())
    assert problems == []
    articles, problems = clean_documents(docs, embedder, Settings())
    assert problems == []
    return {Path(a.source).name: a for a in articles}


def _listed(gold: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in LISTED:
        values = gold[key] if isinstance(gold[key], list) else [gold[key]] if gold[key] else []
        out[key] = set(values)
    return out


def test_every_seed_is_cleaned(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == sorted(GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_boilerplate_is_gone_and_body_is_kept(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    listed = _listed(gold)
    raw_lines = [ln.strip() for ln in (SEEDS / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert [ln.text for ln in article.lines] == raw_lines  # every non-blank line classified, in order
    assert all(ln.reason for ln in article.lines)
    body_lines = article.text.split("\n")
    for line in listed["boilerplate_lines"]:
        kinds = {ln.kind for ln in article.lines if ln.text == line}
        assert LineKind.BODY not in kinds, line
        assert line not in article.text, line
    not_body = set().union(*listed.values())
    for line in raw_lines:
        if line not in not_body:
            assert line in body_lines, f"body line lost: {line}"
    for line in listed["duplicate_lines"]:
        assert article.text.count(line) <= 1, line
        assert body_lines.count(line) <= 1


@pytest.mark.parametrize("name", sorted(GOLD))
def test_named_kinds_match_gold(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    for key, kind in LISTED.items():
        for line in _listed(gold)[key]:
            kinds = [ln.kind for ln in article.lines if ln.text == line]
            assert kinds, f"{key} line missing: {line}"
            if key == "title":
                assert kinds[0] is kind, line  # a repeated title: the first copy is the title
            elif key == "duplicate_lines":
                assert kind in kinds, line  # the other copy may be title or body
            else:
                assert set(kinds) == {kind}, (line, kinds)
    assert article.title == gold["title"]
    assert article.dek == gold["dek"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_outlet_date_and_dateline_match_gold(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    for field in ("outlet", "published", "dateline"):
        if gold[field] is not None:
            assert getattr(article, field) == gold[field], field


def test_dateline_line_stays_whole_in_body(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        if article.dateline:
            first = article.text.split("\n")[0]
            assert first.startswith(article.dateline)


def test_sentence_spans_and_ids(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert article.sentences
        for index, sentence in enumerate(article.sentences):
            assert article.text[sentence.span.start : sentence.span.end] == sentence.text
            assert sentence.id == f"{article.id}:{index}"


def test_cleaning_is_idempotent(seeds: dict[str, Article], embedder: CachedEmbedder) -> None:
    again_docs = [read_text(a.text, a.source) for a in seeds.values()]
    batch, problems = clean_documents(again_docs, embedder, Settings())
    assert problems == []
    assert [a.text for a in batch] == [a.text for a in seeds.values()]
    for article in seeds.values():
        (alone,), _ = clean_documents([read_text(article.text, article.source)], embedder, Settings())
        assert alone.text == article.text
        assert alone.id == article.id


def test_deterministic(seeds: dict[str, Article], embedder: CachedEmbedder) -> None:
    docs, _ = read_sources([SEEDS], Settings())
    again, _ = clean_documents(docs, embedder, Settings())
    assert [(a.id, a.lines, a.outlet, a.published) for a in again] == [
        (a.id, a.lines, a.outlet, a.published) for a in seeds.values()
    ]


def test_no_body_and_duplicates_are_problems(embedder: CachedEmbedder) -> None:
    only_furniture = read_text(
        "WORLD\n4 min read\nShare this article\n0 Comments\nContact us", "furniture.txt"
    )
    story = (SEEDS / "000_9f6a503c4a537dc5.txt").read_text(encoding="utf-8")
    docs = [read_text(story, "a.txt"), only_furniture, read_text(story, "b.txt")]
    articles, problems = clean_documents(docs, embedder, Settings())
    assert [a.source for a in articles] == ["a.txt"]
    assert [(p.code, p.source) for p in problems] == [
        ("E_NO_BODY", "furniture.txt"),
        ("E_DUPLICATE", "b.txt"),
    ]


FLOOD_A = """Flood waters rise in river town
Residents of the river town were moved to higher ground on Tuesday as the flood rose past its banks.
The regional governor said 1,200 people had spent the night in schools and sports halls.
Rescue crews in boats searched the lower streets for people trapped in their homes, officials said.
Celebrity chef opens a new restaurant in the capital's fashion district
Dams upstream
Engineers said two dams upstream were holding but that water would be released on Wednesday.
The weather service expects more rain over the catchment area until the weekend.
Popular now
Pop star announces world tour with stadium dates in 40 cities
Tech giant unveils folding phone at annual developer conference
Local football club signs striker in record transfer deal"""

FLOOD_B = """Thousands leave homes as river floods town
Rescue teams evacuated about 1,200 residents of the riverside town on Tuesday after the river burst its banks.
Officials said people were sheltering in school buildings and a sports hall overnight.
Boats were used to reach families trapped in flooded streets, the rescue service said.
More rain is forecast for the region until the weekend, meteorologists warned."""


def test_unrelated_headline_block_on_a_new_story(embedder: CachedEmbedder) -> None:
    docs = [read_text(FLOOD_A, "flood_a.txt"), read_text(FLOOD_B, "flood_b.txt")]
    (a, b), problems = clean_documents(docs, embedder, Settings())
    assert problems == []
    kinds = {ln.text: ln.kind for ln in a.lines}
    assert kinds["Flood waters rise in river town"] is LineKind.TITLE
    assert kinds["Dams upstream"] is LineKind.SUBHEADING
    chef = "Celebrity chef opens a new restaurant in the capital's fashion district"
    assert kinds[chef] is LineKind.BOILERPLATE  # unrelated headline between paragraphs
    assert kinds["Popular now"] is not LineKind.BODY
    for line in FLOOD_A.split("\n")[-3:]:
        assert kinds[line] is LineKind.BOILERPLATE
        assert line not in a.text
    assert "Engineers said two dams upstream" in a.text
    assert b.title == "Thousands leave homes as river floods town"
    assert len(b.text.split("\n")) == 4


def test_hashing_embedder_fast_path() -> None:
    """Shape rules do not need the real model: a fast fake embedder gives the same furniture decisions."""
    docs, _ = read_sources([SEEDS], Settings())
    articles, problems = clean_documents(docs, HashingEmbedder(), Settings())
    assert problems == []
    for article in articles:
        for line in GOLD[Path(article.source).name]["boilerplate_lines"]:
            if line.lower().startswith(("also read", "read more", "0 comments", "leave a comment")):
                assert line not in article.text
