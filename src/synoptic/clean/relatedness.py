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

_SAME_STORY = 0.5  # cosine between two documents' prose centroids for them to count as one story


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def score_relatedness(documents: list[list[LineDraft]], embedder: Embedder) -> list[dict[int, float]]:
    """For each document, line position -> cosine with the story reference, for every open line."""
    texts: list[str] = []
    where: list[tuple[int, int]] = []
    for doc_no, drafts in enumerate(documents):
        for pos, draft in enumerate(drafts):
            if draft.kind is None:
                texts.append(draft.text)
                where.append((doc_no, pos))
    if not texts:
        return [{} for _ in documents]
    vectors = embedder.embed(texts)
    by_doc: list[dict[int, np.ndarray]] = [{} for _ in documents]
    for (doc_no, pos), vector in zip(where, vectors, strict=True):
        by_doc[doc_no][pos] = vector
    centroids: list[np.ndarray | None] = []
    for doc_no, drafts in enumerate(documents):
        prose = [by_doc[doc_no][p] for p, d in enumerate(drafts) if d.kind is None and d.prose]
        centroids.append(_unit(np.mean(prose, axis=0)) if prose else None)
    scores: list[dict[int, float]] = []
    for doc_no, own in enumerate(centroids):
        others = [
            c
            for other_no, c in enumerate(centroids)
            if other_no != doc_no and c is not None and (own is None or float(own @ c) >= _SAME_STORY)
        ]
        reference = _unit(np.mean(others, axis=0)) if others else own
        if reference is None:
            scores.append({pos: 0.0 for pos in by_doc[doc_no]})
            continue
        scores.append({pos: round(float(v @ reference), 4) for pos, v in sorted(by_doc[doc_no].items())})
    return scores
