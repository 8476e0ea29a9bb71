"""all-MiniLM-L6-v2 run with PyTorch and the tokenizer alone, without sentence-transformers.

Importing sentence-transformers (and the transformers it pulls in) costs seconds before the first
vector, more than encoding a story's sentences. The model is a six-layer BERT with mean pooling and L2
normalisation, small enough to run directly from its safetensors weights: the same tokenizer file, the
same attention kernel, so the vectors agree with sentence-transformers' to float rounding
(tests/test_embed.py checks 1e-6). Unlike sentence-transformers, the batches have fixed shapes, so a
vector never depends on the texts embedded beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

MAX_SEQ_LENGTH = 256  # the model's own limit, from its sentence_bert_config.json
ROWS = 16  # rows of every forward pass (see DirectMiniLM.encode)
WIDTH_STEP = 16  # a pass's width is a text's token count rounded up to this


class DirectMiniLM:
    """A BERT encoder with mean pooling, built from a sentence-transformers model folder."""

    def __init__(self, folder: Path, max_tokens: int | None = None) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.max_len = min(max_tokens or MAX_SEQ_LENGTH, MAX_SEQ_LENGTH)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_len)
        self.tokenizer.no_padding()
        self.filler_id = self.tokenizer.token_to_id("[CLS]")
        self.weights: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        self.torch = torch

    def _ln(self, x: Any, name: str) -> Any:
        w = self.weights
        return self.torch.nn.functional.layer_norm(
            x, x.shape[-1:], w[f"{name}.weight"], w[f"{name}.bias"], self.eps
        )

    def _dense(self, x: Any, name: str) -> Any:
        w = self.weights
        return self.torch.nn.functional.linear(x, w[f"{name}.weight"], w[f"{name}.bias"])

    def _layer(self, x: Any, mask: Any, index: int) -> Any:
        torch, p = self.torch, f"encoder.layer.{index}"
        batch, length, width = x.shape
        size = width // self.heads

        def heads(t: Any) -> Any:
            return t.view(batch, length, self.heads, size).transpose(1, 2)

        q = heads(self._dense(x, f"{p}.attention.self.query"))
        k = heads(self._dense(x, f"{p}.attention.self.key"))
        v = heads(self._dense(x, f"{p}.attention.self.value"))
        context = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        context = context.transpose(1, 2).reshape(batch, length, width)
        attended = self._dense(context, f"{p}.attention.output.dense")
        x = self._ln(attended + x, f"{p}.attention.output.LayerNorm")
        hidden = torch.nn.functional.gelu(self._dense(x, f"{p}.intermediate.dense"))
        return self._ln(self._dense(hidden, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")

    def hidden_states(self, ids: Any, attention: Any) -> Any:
        """The last layer's token vectors (batch x length x 384), as BertModel's last_hidden_state."""
        w = self.weights
        length = ids.shape[1]
        # the sums in BERT's own order (word + type, then + position): float addition is not associative
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][0]
        x = x + w["embeddings.position_embeddings.weight"][:length].unsqueeze(0)
        x = self._ln(x, "embeddings.LayerNorm")
        mask = attention[:, None, None, :].bool().expand(ids.shape[0], 1, length, length)
        for index in range(self.layers):
            x = self._layer(x, mask, index)
        return x

    def _forward(self, ids: Any, attention: Any) -> Any:
        torch = self.torch
        x = self.hidden_states(ids, attention)
        weights = attention.unsqueeze(-1).to(x.dtype)
        pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        # normalised twice, as the model's Normalize module and then encode(normalize_embeddings=True) do
        once = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return torch.nn.functional.normalize(once, p=2, dim=1)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors for `texts`, each a function of its own text alone.

        A float kernel's rounding depends on the shape it runs on: the same sentence embedded in a
        batch of 64 or of 7, or padded to another width, differs in its last bits (tests/test_embed.py),
        and at scale such a bit flips a threshold somewhere, so runners that batch texts differently
        wrote different briefs. Every forward pass therefore has one of a few fixed shapes: ROWS rows
        (unused rows hold a lone [CLS]) of a width rounded up to WIDTH_STEP tokens; a text's vector then
        depends only on the text, whatever it is embedded with, in what order, on how many threads.
        """
        torch = self.torch
        encoded = self.tokenizer.encode_batch(texts)
        by_width: dict[int, list[int]] = {}
        for index, e in enumerate(encoded):
            width = min(-(-max(len(e.ids), 1) // WIDTH_STEP) * WIDTH_STEP, self.max_len)
            by_width.setdefault(max(width, len(e.ids)), []).append(index)
        out: list[Any] = [None] * len(texts)
        with torch.inference_mode():
            for width in sorted(by_width):
                members = by_width[width]
                for start in range(0, len(members), ROWS):
                    chosen = members[start : start + ROWS]
                    ids = torch.zeros((ROWS, width), dtype=torch.long)
                    attention = torch.zeros((ROWS, width), dtype=torch.long)
                    ids[:, 0] = self.filler_id
                    attention[:, 0] = 1
                    for row, index in enumerate(chosen):
                        token_ids = encoded[index].ids
                        ids[row, : len(token_ids)] = torch.tensor(token_ids, dtype=torch.long)
                        attention[row, : len(token_ids)] = 1
                    vectors = self._forward(ids, attention)
                    for row, index in enumerate(chosen):
                        out[index] = vectors[row]
        return torch.stack(out).numpy().astype(np.float32) if out else np.zeros((0, 384), np.float32)
