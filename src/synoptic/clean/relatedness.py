"""How related each undecided line is to the story the other documents tell.

A document's story vector is the mean of its prose lines. A line is compared with the mean story
vector of the other documents that tell the same story as this one (their story vectors are close to
this one's); with no such document, with the document's own prose. Headline lists of unrelated news
then score near zero while a subheading of the story scores high.
"""

from __future__ import annotations

import numpy as np

from synoptic.clean.drafts import LineDraft
from synoptic.embed.model import Embedder
from synoptic.settings import Settings


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _needs_judging(drafts: list[LineDraft]) -> bool:
    """True when a line waits on relatedness: an open short line, or a last paragraph after a gap."""
    open_lines = [p for p, d in enumerate(drafts) if d.kind is None]
    if any(not drafts[p].prose for p in open_lines):
        return True
    return len(open_lines) >= 2 and open_lines[-1] - open_lines[-2] > 1  # the tail pruning looks at this


def _clip(text: str, limit: int) -> str:
    """The first words of a line: enough for its topic, and cheap to embed (MiniLM reads 256 word
    pieces at most)."""
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit])


def _centroid_members(drafts: list[LineDraft], settings: Settings) -> list[int]:
    """Prose lines stand for the story; a document without prose is stood for by its long lines.
    The first paragraphs tell the story; more only cost time."""
    most = settings.clean_centroid_lines
    prose = [p for p, d in enumerate(drafts) if d.kind is None and d.prose]
    if prose:
        return prose[:most]
    long_lines = settings.clean_long_line_words
    return [p for p, d in enumerate(drafts) if d.kind is None and d.shape.words > long_lines][:most]


def score_relatedness(
    documents: list[list[LineDraft]], embedder: Embedder, settings: Settings
) -> list[dict[int, float]]:
    """For each document, line position -> cosine with the story reference, for every line that needs it."""
    if not any(_needs_judging(drafts) for drafts in documents):
        return [{} for _ in documents]
    wanted: list[set[int]] = []
    for drafts in documents:
        positions = set(_centroid_members(drafts, settings))
        if _needs_judging(drafts):
            positions |= {p for p, d in enumerate(drafts) if d.kind is None}
        wanted.append(positions)
    where = [(doc_no, pos) for doc_no, positions in enumerate(wanted) for pos in sorted(positions)]
    if not where:
        return [{} for _ in documents]
    clip = settings.clean_clip_words
    vectors = embedder.embed([_clip(documents[doc_no][pos].text, clip) for doc_no, pos in where])
    by_doc: list[dict[int, np.ndarray]] = [{} for _ in documents]
    for (doc_no, pos), vector in zip(where, vectors, strict=True):
        by_doc[doc_no][pos] = vector
    centroids: list[np.ndarray | None] = []
    for doc_no, drafts in enumerate(documents):
        members = [by_doc[doc_no][p] for p in _centroid_members(drafts, settings)]
        centroids.append(_unit(np.mean(members, axis=0)) if members else None)
    scores: list[dict[int, float]] = []
    same_story = settings.clean_same_story
    for doc_no, own in enumerate(centroids):
        others = [
            c
            for other_no, c in enumerate(centroids)
            if other_no != doc_no and c is not None and (own is None or float(own @ c) >= same_story)
        ]
        reference = _unit(np.mean(others, axis=0)) if others else own
        if reference is None:
            scores.append({pos: 0.0 for pos in by_doc[doc_no]})
            continue
        scores.append({pos: round(float(v @ reference), 4) for pos, v in sorted(by_doc[doc_no].items())})
    return scores
