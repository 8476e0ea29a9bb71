"""The analysis layer scored against the hand annotation of the seed story (../shared/seeds/gold.json).

Real spaCy model, real MiniLM embedder over a real SQLite cache, real ingest and cleaner
(`pipeline.load_articles`) and the real fact aligner, so these floors hold for what the brief shows.
"""

from __future__ import annotations

import re

import pytest
from rapidfuzz.fuzz import partial_ratio

from seed_articles import load_gold, names_of, pipeline_articles
from synoptic.analyze.entities import name_key
from synoptic.embed import CachedEmbedder, EmbeddingCache, MiniLMEmbedder
from synoptic.settings import Settings
from synoptic.synthesize.align import align_facts
from synoptic.synthesize.story_analysis import StoryAnalysis, analyze_story

_HOME: list[str] = []


def seed_articles():
    """The seeds through the real ingest and cleaner (pipeline.load_articles)."""
    return pipeline_articles(_HOME[0])


def names_by_id() -> dict[str, str]:
    return names_of(seed_articles())


@pytest.fixture(scope="module")
def analysis(tmp_path_factory) -> StoryAnalysis:
    _HOME.append(str(tmp_path_factory.mktemp("home")))
    settings = Settings(home=_HOME[0])
    embedder = CachedEmbedder(MiniLMEmbedder(), EmbeddingCache(settings.resolved_cache_path))
    facts, _ = align_facts(seed_articles(), embedder, settings)
    return analyze_story(seed_articles(), facts, embedder, settings)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _gold_quote_match(analysis: StoryAnalysis, gold_quote: dict):
    """The Quote that best covers a gold quote: one variant overlapping a gold variant, most docs."""
    names = names_by_id()
    best = None
    for quote in analysis.quotes:
        if not any(_overlap(v.text, g) >= 0.6 for v in quote.variants for g in gold_quote["variants"]):
            continue
        docs = {names[a] for v in quote.variants for a in v.article_ids} & set(gold_quote["documents"])
        if best is None or len(docs) > len(best[1]):
            best = (quote, docs)
    return best


def test_every_gold_quote_found_with_an_allowed_speaker(analysis):
    gold = load_gold()
    alternatives = gold["quotes_speaker_alternatives"]
    found_pairs = total_pairs = 0
    for q in gold["quotes"]:
        match = _gold_quote_match(analysis, q)
        assert match is not None, f"gold quote {q['id']} not found"
        quote, docs = match
        allowed = {name_key(s) for s in alternatives.get(q["id"], [q["speaker"]])}
        assert name_key(quote.speaker or "") in allowed, f"{q['id']} speaker {quote.speaker!r}"
        found_pairs += len(docs)
        total_pairs += len(q["documents"])
    assert found_pairs / total_pairs >= 0.9, f"{found_pairs}/{total_pairs} (quote, document) pairs"


def test_no_gold_quote_attributed_to_a_wrong_speaker(analysis):
    """Every quote variant that carries gold quote text names an allowed speaker."""
    gold = load_gold()
    alternatives = gold["quotes_speaker_alternatives"]
    for q in gold["quotes"]:
        allowed = {name_key(s) for s in alternatives.get(q["id"], [q["speaker"]])}
        for quote in analysis.quotes:
            if any(v.kind != "indirect" and _overlap(v.text, g) >= 0.8 and len(_words(v.text)) >= 3
                   for v in quote.variants for g in q["variants"]):  # fmt: skip
                assert name_key(quote.speaker or "") in allowed, (q["id"], quote.speaker)


def test_gold_entities_merged_with_all_variants(analysis):
    names = names_by_id()
    for gold_entity in load_gold()["entities"]:
        keys = {name_key(v) for v in gold_entity["variants"]}
        owners = [e for e in analysis.entities if keys & {name_key(v) for v in e.variants}]
        assert len(owners) == 1, (gold_entity["canonical"], [e.canonical for e in owners])
        entity = owners[0]
        assert keys <= {name_key(v) for v in entity.variants}, (gold_entity["canonical"], entity.variants)
        # mentions count in the cleaned body only (a caption-only mention has no span to cite)
        bodies = {names[a.id]: a.text.lower() for a in seed_articles()}
        variants = [v.lower() for v in gold_entity["variants"]]
        expected = {d for d in gold_entity["documents"] if any(v in bodies[d] for v in variants)}
        assert expected <= {names[a] for a in entity.article_ids}, gold_entity["canonical"]
    canonicals = {name_key(e.canonical) for e in analysis.entities}
    assert canonicals >= {"yuri ushakov", "joe biden", "vladimir putin"}


def test_no_entity_only_in_boilerplate(analysis):
    present = {name_key(v) for e in analysis.entities for v in e.variants}
    for name in load_gold()["entities_only_in_boilerplate"]:
        assert name_key(name) not in present, name


def test_every_gold_date_attached_to_its_event(analysis):
    names = names_by_id()
    for gold_event in load_gold()["timeline"]:
        events = [e for e in analysis.timeline if e.date.iso() == gold_event["date"]]
        docs = {names[s.article_id] for e in events for s in e.support}
        assert docs & set(gold_event["documents"]), gold_event


def test_timeline_is_ordered(analysis):
    dates = [e.date.iso() for e in analysis.timeline]
    assert dates == sorted(dates)
    assert all(e.support for e in analysis.timeline)


def _main_names(label: str) -> list[str]:
    """ "Varnholt (Dmitri Selvin)" -> ["Varnholt", "Selvin"]; "AP (photo)" -> ["AP"]."""
    outer = label.split("(")[0].replace("statement", "").replace("press release", "").strip()
    inner = re.findall(r"\(([^)]*)\)", label)
    found = [outer]
    if inner and inner[0] != "photo":
        found.append(inner[0].split()[-1])
    return found


def test_cited_sources_found_per_document(analysis):
    names = names_by_id()
    for doc, labels in load_gold()["cited_sources"].items():
        cited = [c.cited.replace(" ", "").lower() for c in analysis.provenance if names[c.article_id] == doc]
        hits = 0
        for label in labels:
            wanted = [n.replace(" ", "").lower() for n in _main_names(label)]
            if any(partial_ratio(w, c) >= 85 for w in wanted for c in cited):
                hits += 1
        assert hits / len(labels) >= 0.9, (doc, labels, cited)


def _same_wording(a: str, b: str) -> bool:
    return a.lower() in b.lower() or b.lower() in a.lower()


def test_all_gold_divergences_found(analysis):
    names = names_by_id()
    for gold_div in load_gold()["divergences"]:
        ok = False
        for div in analysis.divergences:
            covered = {
                doc
                for doc, text in gold_div["positions"].items()
                for p in div.positions
                if names[p.article_id] == doc and _same_wording(p.text, text)
            }
            ok = ok or covered == set(gold_div["positions"])
        assert ok, gold_div["about"]


def test_misspelt_name_flagged(analysis):
    names = names_by_id()
    flags = [f for f in analysis.quality_flags if f.code == "name_spelling"]
    assert any(names[f.article_id] == "004_f510462dfd4736ec.txt" and "Oshakov" in f.message for f in flags)
    # Yury / Yuri is a transliteration, not a misspelling
    assert all(names[f.article_id] == "004_f510462dfd4736ec.txt" for f in flags)


def test_unknown_source_flagged_only_where_gold_says(analysis):
    names = names_by_id()
    flagged = {names[f.article_id] for f in analysis.quality_flags if f.code == "unique_source"}
    assert flagged == {"004_f510462dfd4736ec.txt"}
    assert not [f for f in analysis.quality_flags if f.code == "mostly_boilerplate"]


def test_framing_has_voices_and_scare_quotes(analysis):
    by_doc = {names_by_id()[f.article_id]: f for f in analysis.framing}
    assert len(by_doc) == 5
    for framing in by_doc.values():
        assert framing.voices and abs(sum(v.share for v in framing.voices) - 1) < 0.01
    # 'He described the dialogue as “balanced and pragmatic”': words a speaker is said to have said
    assert "balanced and pragmatic" not in by_doc["004_f510462dfd4736ec.txt"].scare_quotes
    assert "invasion" in by_doc["003_38bfc532c499cc8b.txt"].scare_quotes  # 'allegations about … ‘invasion’'
    assert not by_doc["002_6fff0cc9977b9eb1.txt"].scare_quotes  # each of its quoted phrases is attributed
    assert "hysteria" in by_doc["001_e57ae76394c0ff74.txt"].loaded_terms


def test_deterministic(analysis, tmp_path):
    embedder = CachedEmbedder(MiniLMEmbedder(), EmbeddingCache(tmp_path / "c.sqlite"))
    facts, _ = align_facts(seed_articles(), embedder, Settings())
    assert analyze_story(seed_articles(), facts, embedder, Settings()) == analysis
