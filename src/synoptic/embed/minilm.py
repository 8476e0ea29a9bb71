"""all-MiniLM-L6-v2 run with PyTorch and the tokenizer alone, without sentence-transformers.

Importing sentence-transformers (and the transformers it pulls in) costs seconds before the first
vector, more than encoding a story's sentences. The model is a six-layer BERT with mean pooling and L2
normalisation, small enough to run directly from its safetensors weights: the same tokenizer file, the
same length-sorted batching, the same attention kernel, so the vectors agree with sentence-transformers'
to float rounding (tests/test_embed.py checks 1e-6).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

MAX_SEQ_LENGTH = 256  # the model's own limit, from its sentence_bert_config.json


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

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Vectors for `texts`, longest first in batches as sentence-transformers does (less padding)."""
        torch = self.torch
        order = np.argsort([-len(t) for t in texts])
        out: list[Any] = [None] * len(texts)
        with torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                chosen = order[start : start + batch_size]
                encoded = self.tokenizer.encode_batch([texts[i] for i in chosen])
                width = max(len(e.ids) for e in encoded)
                ids = torch.zeros((len(encoded), width), dtype=torch.long)
                attention = torch.zeros((len(encoded), width), dtype=torch.long)
                for row, e in enumerate(encoded):
                    ids[row, : len(e.ids)] = torch.tensor(e.ids, dtype=torch.long)
                    attention[row, : len(e.ids)] = 1
                vectors = self._forward(ids, attention)
                for row, index in enumerate(chosen):
                    out[int(index)] = vectors[row]
        return torch.stack(out).numpy().astype(np.float32) if out else np.zeros((0, 384), np.float32)
