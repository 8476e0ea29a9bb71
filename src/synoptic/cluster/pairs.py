"""How likely two candidate articles report the same story: a small logistic model over pair features.

The plain cosine treats every article alike, but a match means more for an article whose nearest
neighbours are all far (Multi-News: a line's lone report among thousands) than for one in a crowd of
look-alikes (ECB+: the same kind of event, another day). The model reads the cosine of each block of
the article vectors (body, title + lead, names, static MiniLM), their sum, and both articles' local
levels (mean cosine of their 5 nearest candidates), also relative to the feed's median level, and how
many articles the feed holds (alone and times the cosine and the relative levels: a 600-article feed of
whole stories and a 14,000-article one ask for different evidence). It was fitted by
`scripts/train_pair_model.py` on train splits only (ECB+, Multi-News whole lines, small dense Multi-News
feeds and a sparse one). No document length is read: in the truncated Multi-News release a line's
documents share one length budget, so length would leak the gold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from synoptic.cluster.features import N_FEATURES, PAIR_CHUNK

FEATURES = (
    "body",
    "title_lead",
    "names",
    "dense",
    "cosine",
    "level_low",
    "level_high",
    "level_low_vs_feed",
    "level_high_vs_feed",
    "feed_size",
    "feed_size_x_cosine",
    "feed_size_x_level_low_vs_feed",
    "feed_size_x_level_high_vs_feed",
)
MODEL_FILE = "pair_model.json"
MODEL_VERSION = 3
# The feed size is read as log(articles), clipped to the sizes of the train feeds (ECB+ train 575,
# Multi-News train 13,974 articles): a linear model must not extrapolate its size terms to a store of
# five articles or of a million.
FEED_SIZES = (500, 15_000)
LEVEL_NEIGHBOURS = 5  # a pair feature of the fitted model (like LEXICAL_FLOOR below): not a knob
# Below this summed cosine of the lexical blocks (body, title + lead, names) a pair is never one story,
# whatever the model says: under 1% of the same-story candidate pairs of every train stream fall below it
# (ECB+ 0.1%, Multi-News 0.4%, its sparse feed 0.6%), while a lone unrelated article added to a small
# store shares no words with the one story there, only a static-MiniLM likeness that a few-article feed
# cannot centre away, and its level far below the feed's median would otherwise lift it in.
LEXICAL_FLOOR = 0.03


@dataclass(frozen=True)
class PairModel:
    """Standardised logistic regression: p = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Same-story probability of each row of FEATURES; 0 where the pair shares too few words."""
        z = self.intercept + ((x - self.mean) / self.scale) @ self.coef
        lexical = x[:, :3].sum(axis=1)
        return np.where(lexical >= LEXICAL_FLOOR, 1.0 / (1.0 + np.exp(-z)), 0.0)

    def to_json(self) -> dict:
        return {
            "version": MODEL_VERSION,
            "features": list(self.features),
            "mean": [round(float(v), 7) for v in self.mean],
            "scale": [round(float(v), 7) for v in self.scale],
            "coef": [round(float(v), 7) for v in self.coef],
            "intercept": round(float(self.intercept), 7),
        }


def model_from_json(data: dict) -> PairModel:
    if data.get("version") != MODEL_VERSION or tuple(data.get("features", ())) != FEATURES:
        raise ValueError("pair model was fitted on other features; rerun scripts/train_pair_model.py")
    return PairModel(
        features=FEATURES,
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
    )


def save_model(model: PairModel, path: str | Path) -> None:
    Path(path).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def pair_model() -> PairModel:
    """The shipped model (package data)."""
    text = resources.files("synoptic.cluster").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


def unique_pairs(pairs: list[tuple[int, int]]) -> np.ndarray:
    """Candidate pairs as sorted (low, high) rows, each once, self-pairs dropped."""
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    rows = np.sort(np.asarray(pairs, dtype=np.int64), axis=1)
    rows = np.unique(rows, axis=0)
    return rows[rows[:, 0] != rows[:, 1]]


def block_cosines(vectors: sp.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """pairs x 4: the dot product of the two unit vectors within each block; the four sum to the cosine."""
    out = np.zeros((len(pairs), 4), dtype=np.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):
        chunk = pairs[start : start + PAIR_CHUNK]
        product = vectors[chunk[:, 0]].multiply(vectors[chunk[:, 1]]).tocsr()
        owner = np.repeat(np.arange(len(chunk)), np.diff(product.indptr))
        block = np.minimum(product.indices // N_FEATURES, 3)
        sums = np.bincount(owner * 4 + block, weights=product.data, minlength=4 * len(chunk))
        out[start : start + len(chunk)] = sums.reshape(-1, 4)
    return out


def local_levels(n_rows: int, pairs: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """Each article's mean cosine to its LEVEL_NEIGHBOURS nearest candidates; a neighbour it does not have
    counts as 1, so an article in a feed too small to have neighbours is not made easier to join."""
    ends = np.concatenate([pairs[:, 0], pairs[:, 1]])
    sims = np.concatenate([cosine, cosine])
    order = np.lexsort((-sims, ends))
    ends, sims = ends[order], sims[order]
    rank = np.arange(len(ends)) - np.searchsorted(ends, ends, side="left")
    keep = rank < LEVEL_NEIGHBOURS
    top = np.ones((n_rows, LEVEL_NEIGHBOURS))
    top[ends[keep], rank[keep]] = np.clip(sims[keep], 0.0, None)
    return top.mean(axis=1)


def pair_features(blocks: np.ndarray, pairs: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """pairs x FEATURES, in FEATURES order, from `block_cosines` and the `local_levels` of every article
    of the feed. The levels are given twice: as they are, and above the feed's median level, because a
    low level means "partners far away" in a feed where every story has several reports, and "no partner
    at all" in one where most articles stand alone, whose median level is low too. The feed's size is
    the number of levels: every article of the feed has one."""
    cosine = blocks.sum(axis=1)
    a, b = levels[pairs[:, 0]], levels[pairs[:, 1]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    median = float(np.median(levels)) if len(levels) else 0.0
    size = np.full(len(pairs), math.log(min(max(len(levels), FEED_SIZES[0]), FEED_SIZES[1])))
    relative = (low - median, high - median)
    return np.column_stack(
        [blocks, cosine, low, high, *relative, size, size * cosine, *(size * r for r in relative)]
    )
