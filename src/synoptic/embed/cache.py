"""A SQLite cache of embeddings keyed by (model, sha256 of text), so unchanged text is embedded once."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import numpy as np

from synoptic.embed.model import Embedder

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;
"""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Persistent vector store. WAL mode so concurrent readers and one writer do not block each other."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT text_hash, vector FROM embeddings WHERE model=? AND text_hash IN ({marks})",
                    [model, *chunk],
                ).fetchall()
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR IGNORE INTO embeddings(model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items.items()],
            )

    def count(self, model: str | None = None) -> int:
        with self._lock:
            if model is None:
                return self._conn.execute("SELECT count(*) FROM embeddings").fetchone()[0]
            return self._conn.execute("SELECT count(*) FROM embeddings WHERE model=?", (model,)).fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class CachedEmbedder:
    """Wraps an Embedder: looks each text up by hash, embeds only the misses, stores them.

    Also keeps an in-process dict so a warm second brief does not touch SQLite for repeated text.
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache | None) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.dim = inner.dim
        self._memory: dict[str, np.ndarray] = {}
        self.misses = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        hashes = [text_hash(t) for t in texts]
        wanted = sorted({h for h in hashes if h not in self._memory})
        if wanted and self.cache is not None:
            self._memory.update(self.cache.get_many(self.name, wanted))
        missing: dict[str, str] = {}
        for h, t in zip(hashes, texts, strict=True):
            if h not in self._memory:
                missing.setdefault(h, t)
        if missing:
            keys = list(missing)
            vectors = self.inner.embed([missing[k] for k in keys])
            self.misses += len(keys)
            fresh = {k: vectors[i] for i, k in enumerate(keys)}
            self._memory.update(fresh)
            if self.cache is not None:
                self.cache.put_many(self.name, fresh)
        return np.stack([self._memory[h] for h in hashes]).astype(np.float32)
