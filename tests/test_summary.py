"""Summary selection, cluster summaries with spans into the original documents, the learned scorer,
the static embedder and the peers. Real models (the static table distilled from the installed MiniLM);
the hashing embedder only as an extra fast check beside them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from synoptic.embed import HashingEmbedder
from synoptic.embed.static import StaticEmbedder
from synoptic.eval import peers
from synoptic.model import Problem
from synoptic.settings import Settings
from synoptic.synthesize.learned import (
    ensemble_from_json,
    ensemble_from_sklearn,
    learned_scorer,
    summary_scorer,
)
from synoptic.synthesize.multidoc import summarize_cluster, summarize_jsonl
from synoptic.synthesize.summary import FEATURES, HeuristicScorer

VAL = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "multinews" / "val.jsonl"


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    # the user's Synoptic home: the distilled table is built once (minutes) and reused
    return StaticEmbedder(Settings().resolved_models_dir)


@pytest.fixture(scope="module")
def clusters() -> list[dict]:
    if not VAL.is_file():
        pytest.skip("../shared/benchdata/multinews/val.jsonl is not present")
    with VAL.open(encoding="utf-8") as handle:
        return [json.loads(next(handle)) for _ in range(12)]


def test_static_embedder_is_normalised_deterministic_and_meaningful(static):
    texts = [
        "The central bank raised interest rates by half a point on Tuesday.",
        "On Tuesday the central bank lifted its interest rate by 0.5 percentage points.",
        "The team won the championship after a late goal in extra time.",
        "",
    ]
    first, second = static.embed(texts), static.embed(texts)
    assert first.shape == (4, static.dim) and first.dtype == np.float32
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first[:3], axis=1), 1.0, atol=1e-5)
    assert not first[3].any()
    assert float(first[0] @ first[1]) > float(first[0] @ first[2]) + 0.1


@pytest.mark.parametrize("words", [40, 120, 250])
def test_cluster_summary_is_verbatim_within_budget_and_cited(static, clusters, words):
    settings = Settings()
    for record in clusters:
        result = summarize_cluster(
            record["id"], record["documents"], static, settings, words, summary_scorer()
        )
        total = sum(len(s.text.split()) for s in result.sentences)
        assert total <= words
        assert result.sentences, record["id"]
        assert result.summary == " ".join(s.text for s in result.sentences)
        for sentence in result.sentences:
            assert sentence.support
            own = [
                s for s in sentence.support if record["documents"][s.doc][s.start : s.end] == sentence.text
            ]
            assert own, (record["id"], sentence.text)  # the sentence itself, at its exact place
            for span in sentence.support:
                assert 0 <= span.start < span.end <= len(record["documents"][span.doc])


def test_summary_is_deterministic_and_json_shaped(static, clusters):
    settings = Settings()
    record = clusters[0]
    once = summarize_cluster(record["id"], record["documents"], static, settings, 250, summary_scorer())
    twice = summarize_cluster(record["id"], record["documents"], static, settings, 250, summary_scorer())
    assert once.to_json() == twice.to_json()
    data = once.to_json()
    assert set(data) == {"id", "summary", "sentences"}
    assert set(data["sentences"][0]) == {"text", "support"}
    assert set(data["sentences"][0]["support"][0]) == {"doc", "start", "end"}


def test_spans_found_in_original_when_cleaning_changed_the_text(static):
    documents = [
        "Officials said   the bridge would reopen next month after repairs.  Traffic was diverted "
        "through the town centre for weeks. Engineers found cracks in two supports during an inspection.",
        "The bridge will reopen next month, officials said on Monday. Engineers had found cracks in "
        "two of its supports. Local shops said the closure cost them customers.",
    ]
    result = summarize_cluster("c1", documents, static, Settings(), 60, HeuristicScorer())
    assert result.sentences
    for sentence in result.sentences:
        for span in sentence.support:
            found = documents[span.doc][span.start : span.end]
            assert found.split()[:3] == documents[span.doc][span.start :].split()[:3]
            assert len(found.split()) >= 3


def test_bad_lines_become_problems_and_the_rest_goes_on(static, tmp_path):
    path = tmp_path / "clusters.jsonl"
    good = {
        "id": "ok",
        "documents": ["The river flooded the valley on Sunday. Hundreds of homes were evacuated."],
    }
    path.write_text(
        "{not json\n" + json.dumps({"id": "x", "documents": "a string"}) + "\n" + json.dumps(good) + "\n\n",
        encoding="utf-8",
    )
    items = list(summarize_jsonl(path, 50, static, Settings()))
    assert [type(i).__name__ for i in items] == ["Problem", "Problem", "ClusterSummary"]
    assert {p.code for p in items if isinstance(p, Problem)} == {"E_JSONL_SYNTAX", "E_JSONL_FIELDS"}
    assert items[2].sentences


def test_hashing_embedder_runs_the_same_path_quickly(clusters):
    record = clusters[1]
    result = summarize_cluster(record["id"], record["documents"], HashingEmbedder(), Settings(), 100)
    assert 0 < sum(len(s.text.split()) for s in result.sentences) <= 100


def test_shipped_model_matches_features_and_scores_finitely():
    model = learned_scorer()
    assert model.features == FEATURES
    rng = np.random.default_rng(0)
    scores = model.score(rng.random((50, len(FEATURES)), dtype=np.float64).astype(np.float32))
    assert scores.shape == (50,) and np.isfinite(scores).all()
    assert float(scores.std()) > 0
    assert 0.3 <= model.redundancy <= 1.0


def test_flattened_trees_predict_like_sklearn():
    from sklearn.ensemble import GradientBoostingRegressor

    rng = np.random.default_rng(1)
    x = rng.random((400, len(FEATURES))).astype(np.float32)
    y = x[:, 0] * 2 - x[:, 4] + 0.3 * (x[:, 2] > 0.5)
    model = GradientBoostingRegressor(n_estimators=20, max_depth=3, random_state=0).fit(x, y)
    flat = ensemble_from_sklearn(model)
    assert np.allclose(flat.score(x), model.predict(x), atol=1e-5)
    again = ensemble_from_json(json.loads(json.dumps(flat.to_json())))
    assert np.allclose(again.score(x), model.predict(x), atol=1e-4)


def test_model_for_other_features_is_refused():
    data = learned_scorer().to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError):
        ensemble_from_json(data)


def test_peers_fill_the_budget_with_whole_sentences(static, clusters):
    record = clusters[2]
    sentences = {t for doc in peers.document_sentences(record["documents"]) for t in doc}
    outputs = {
        "lead": peers.lead_summary(record["documents"], 120),
        "lexrank": peers.lexrank_summary(record["documents"], 120),
        "textrank": peers.textrank_summary(record["documents"], 120),
        "lsa": peers.lsa_summary(record["documents"], 120),
        "centroid": peers.centroid_summary(record["documents"], 120, static),
    }
    for name, chosen in outputs.items():
        assert chosen, name
        assert set(chosen) <= sentences, name
        assert sum(len(t.split()) for t in chosen) <= 120, name
    first = [doc[0] for doc in peers.document_sentences(record["documents"]) if doc]
    assert outputs["lead"][0] == first[0]
