"""spaCy parses kept on disk beside the embedding cache, so a warm brief never loads the spaCy model.

Loading the small English pipeline and parsing a story's articles is most of what a warm brief spends
once its vectors are cached. A parse is a function of the text, the model and spaCy's version, so it
is stored under a hash of the three (DocBin bytes: tokens, tags, lemmas, morphology, dependencies,
entities, whitespace) and read back with a plain English vocabulary, whose lexical attributes (stop
words, number-likeness) are the model's own. tests/test_parse_store.py checks a brief made from
stored parses is byte-identical to one made from fresh ones.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from synoptic.light_imports import import_spacy, torch_hidden

_SCHEMA = "CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, doc BLOB NOT NULL) WITHOUT ROWID"


def parse_key(text: str, model: str) -> str:
    """Where the parse of `text` by `model` (name and version, spaCy's version) is stored."""
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


class ParseStore:
    """Parses by key in a SQLite file (WAL: readers and one writer do not block each other)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._lock = threading.Lock()
        self._vocab: Any = None
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(_SCHEMA)
            self._conn.commit()

    def _english_vocab(self) -> Any:
        if self._vocab is None:
            with torch_hidden():  # the English defaults import modules that probe for PyTorch
                from spacy.lang.en import English

                self._vocab = English().vocab
        return self._vocab

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """The stored Docs among `keys`."""
        if not keys:
            return {}
        with self._lock:
            marks = ",".join("?" * len(keys))
            query = f"SELECT key, doc FROM parses WHERE key IN ({marks})"
            rows = self._conn.execute(query, list(keys)).fetchall()
        if not rows:
            return {}
        import_spacy()  # spaCy without PyTorch, before any of its modules
        from spacy.tokens import Doc

        vocab = self._english_vocab()
        return {key: Doc(vocab).from_bytes(blob) for key, blob in rows}

    def put_many(self, docs: dict[str, Any]) -> None:
        if not docs:
            return
        rows = [(key, doc.to_bytes(exclude=["tensor", "user_data"])) for key, doc in docs.items()]
        try:
            with self._lock, self._conn:
                self._conn.executemany("INSERT OR IGNORE INTO parses(key, doc) VALUES (?, ?)", rows)
        except sqlite3.Error:  # a full or read-only disk: the parses are only not kept
            return

    def close(self) -> None:
        with self._lock:
            self._conn.close()


_stores: dict[tuple[int, Path], ParseStore] = {}
_stores_lock = threading.Lock()


def store_for(path: str | Path) -> ParseStore | None:
    """One store per file and process (the embedding cache's file: one cache for a home); keyed by the
    process id too, since a SQLite connection must not cross a fork. None when the file cannot be
    opened for writing: stored parses only save time, so a brief goes on without them."""
    key = (os.getpid(), Path(path).resolve())
    with _stores_lock:
        if key not in _stores:
            try:
                _stores[key] = ParseStore(key[1])
            except (sqlite3.Error, OSError):
                return None
        return _stores[key]
