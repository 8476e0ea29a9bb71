"""spaCy parses of texts of any length: a long text is parsed in pieces cut at line breaks and the
pieces joined into one Doc whose text, and so every token offset, is the original text's.

spaCy refuses texts over `nlp.max_length` (error E088) and its parser needs memory in proportion to a
Doc's length; a line of cleaned text is one paragraph, so cutting between lines loses no sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synoptic.clean.limits import cut_point

PIECE_CHARS = 100_000  # spaCy's own guidance: about 1 GB of parser memory per 100k characters


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` as consecutive pieces of at most `limit` characters, cut after line breaks when possible."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + cut_point(text[start : start + limit + 1], limit)
        end = end + 1 if text[end : end + 1] in {"\n", " "} else end  # the break stays with its line
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse_texts(nlp: Any, texts: Sequence[str], limit: int = PIECE_CHARS, batch_size: int = 16) -> list[Any]:
    """One Doc per text, in order; texts longer than `limit` are parsed piece by piece and joined."""
    from spacy.tokens import Doc

    split = [pieces(t, limit) for t in texts]
    parsed = iter(nlp.pipe([p for parts in split for p in parts], batch_size=batch_size))
    docs = []
    for text, parts in zip(texts, split, strict=True):
        part_docs = [next(parsed) for _ in parts]
        doc = part_docs[0] if len(part_docs) == 1 else Doc.from_docs(part_docs, ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - from_docs keeps texts; a guard for spans, not a path
            raise ValueError("joined pieces do not give the article's text back")
        docs.append(doc)
    return docs
