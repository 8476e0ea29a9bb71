"""A sentence scorer learned from human reference summaries (Multi-News train), shipped as small JSON.

`scripts/train_summary_model.py` fits gradient-boosted regression trees that predict how much of a
sentence a human summary would also say (its ROUGE-1/2 precision against the reference) from the
features of `synoptic.synthesize.summary`. The trees are stored as plain arrays and evaluated here with
numpy, so using the model needs no scikit-learn pickle and gives the same scores everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from synoptic.synthesize.summary import FEATURES, HeuristicScorer, Scorer

MODEL_FILE = "summary_model.json"
MODEL_VERSION = 1
_WORDS = FEATURES.index("words")
_CENTRALITY = FEATURES.index("centrality")


def _standardized(values: np.ndarray) -> np.ndarray:
    """Scores of one story on a common scale, so two rankings can be mixed."""
    values = values.astype(np.float64)
    return (values - values.mean()) / (values.std() + 1e-6)


@dataclass(frozen=True)
class TreeEnsemble:
    """Regression trees in flat arrays: node -> feature, threshold, left, right, value (leaf: left = -1)."""

    features: tuple[str, ...]
    init: float
    rate: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    redundancy: float = 0.72  # the selection's similarity cap, tuned with the model on held-out clusters
    length_bonus: float = 0.0  # added per unit of the `words` feature: whole long sentences keep word order
    # share of the story-standardized centrality in the final score, beside the standardized trees:
    # the trees learn what references say, the centroid what the story is about, and the blend of the
    # two ranks better than either (tuned on held-out training clusters)
    centroid_blend: float = 0.0

    def score(self, features: np.ndarray) -> np.ndarray:
        rows = features.shape[0]
        total = np.full(rows, self.init, dtype=np.float64)
        for root in self.roots:
            node = np.full(rows, root, dtype=np.int64)
            while True:
                inner = self.left[node] >= 0
                if not inner.any():
                    break
                values = features[np.arange(rows), np.maximum(self.feature[node], 0)]
                goes_left = values <= self.threshold[node]
                step = np.where(goes_left, self.left[node], self.right[node])
                node = np.where(inner, step, node)
            total += self.rate * self.value[node]
        total += self.length_bonus * features[:, _WORDS]
        if self.centroid_blend > 0 and rows > 1:
            blend = self.centroid_blend
            total = (1 - blend) * _standardized(total) + blend * _standardized(features[:, _CENTRALITY])
        return total.astype(np.float32)

    def to_json(self) -> dict:
        return {
            "version": MODEL_VERSION,
            "features": list(self.features),
            "init": self.init,
            "rate": self.rate,
            "roots": self.roots.tolist(),
            "feature": self.feature.tolist(),
            "threshold": [round(float(t), 7) for t in self.threshold],
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [round(float(v), 7) for v in self.value],
            "redundancy": self.redundancy,
            "length_bonus": self.length_bonus,
            "centroid_blend": self.centroid_blend,
        }


def ensemble_from_json(data: dict) -> TreeEnsemble:
    if data.get("version") != MODEL_VERSION or tuple(data.get("features", ())) != FEATURES:
        raise ValueError("summary model was trained on other features; rerun scripts/train_summary_model.py")
    return TreeEnsemble(
        features=tuple(data["features"]),
        init=float(data["init"]),
        rate=float(data["rate"]),
        roots=np.asarray(data["roots"], dtype=np.int64),
        feature=np.asarray(data["feature"], dtype=np.int64),
        threshold=np.asarray(data["threshold"], dtype=np.float64),
        left=np.asarray(data["left"], dtype=np.int64),
        right=np.asarray(data["right"], dtype=np.int64),
        value=np.asarray(data["value"], dtype=np.float64),
        redundancy=float(data.get("redundancy", 0.72)),
        length_bonus=float(data.get("length_bonus", 0.0)),
        centroid_blend=float(data.get("centroid_blend", 0.0)),
    )


def ensemble_from_sklearn(model, features: tuple[str, ...] = FEATURES) -> TreeEnsemble:
    """Flatten a fitted sklearn GradientBoostingRegressor (squared error) into a TreeEnsemble."""
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        offset = len(feature)
        roots.append(offset)
        for node in range(tree.node_count):
            leaf = tree.children_left[node] < 0
            feature.append(-1 if leaf else int(tree.feature[node]))
            threshold.append(0.0 if leaf else float(tree.threshold[node]))
            left.append(-1 if leaf else offset + int(tree.children_left[node]))
            right.append(-1 if leaf else offset + int(tree.children_right[node]))
            value.append(float(tree.value[node].ravel()[0]))
    return TreeEnsemble(
        features=features,
        init=float(np.ravel(model.init_.constant_)[0]),
        rate=float(model.learning_rate),
        roots=np.asarray(roots, dtype=np.int64),
        feature=np.asarray(feature, dtype=np.int64),
        threshold=np.asarray(threshold, dtype=np.float64),
        left=np.asarray(left, dtype=np.int64),
        right=np.asarray(right, dtype=np.int64),
        value=np.asarray(value, dtype=np.float64),
    )


def save_ensemble(ensemble: TreeEnsemble, path: str | Path) -> None:
    Path(path).write_text(json.dumps(ensemble.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def learned_scorer() -> TreeEnsemble:
    """The shipped model (package data); raises ValueError when it does not match the feature list."""
    text = resources.files("synoptic.synthesize").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return ensemble_from_json(json.loads(text))


def summary_scorer() -> Scorer:
    """The learned scorer when its file matches the features, else the hand weights."""
    try:
        return learned_scorer()
    except (OSError, ValueError, KeyError):
        return HeuristicScorer()
