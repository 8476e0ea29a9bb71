"""B-cubed scoring of story clusters against gold labels, with two peers run on the same data.

Peers: TF-IDF + agglomerative clustering (average link, cosine distance threshold tuned on train) and
MiniLM embeddings + HDBSCAN (min_cluster_size tuned on train). Synoptic's own threshold is the one
in Settings unless `tune` is asked for, in which case it is tuned on train like the peers.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from synoptic.cluster import article_from_record, cluster_articles
from synoptic.model import Article
from synoptic.settings import Settings


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Row:
    method: str
    scores: Scores
    docs: int
    docs_per_s: float
    setting: str


@dataclass(frozen=True)
class Labelled:
    articles: list[Article]
    gold: list[str]


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> Scores:
    """B-cubed precision, recall and F1 (Bagga & Baldwin) of one clustering against gold labels."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold differ in length")
    if not gold:
        return Scores(0.0, 0.0, 0.0)
    pred_size, gold_size = Counter(predicted), Counter(gold)
    both = Counter(zip(predicted, gold, strict=True))
    n = len(gold)
    p = sum(both[(a, b)] / pred_size[a] for a, b in zip(predicted, gold, strict=True)) / n
    r = sum(both[(a, b)] / gold_size[b] for a, b in zip(predicted, gold, strict=True)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f)


def load_ecb(path: str | Path, split: str, level: str) -> Labelled:
    """ECB+ documents of one split; gold is the `cluster` (event) or `topic` field."""
    articles, gold = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            if rec.get("split") == split:
                articles.append(article_from_record(rec, str(path)))
                gold.append(str(rec[level]))
    return Labelled(articles, gold)


def load_multinews(paths: Sequence[str | Path], seed: int = 0) -> Labelled:
    """Every document of every line as one undated stream, shuffled with a fixed seed; gold = line id."""
    docs: list[tuple[str, str, str]] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                for i, text in enumerate(rec["documents"]):
                    docs.append((f"{rec['id']}-{i}", text, rec["id"]))
    random.Random(seed).shuffle(docs)
    articles = [article_from_record({"id": i, "text": t}, "multinews") for i, t, _ in docs]
    return Labelled(articles, [g for _, _, g in docs])


def subsample(data: Labelled, max_docs: int, seed: int = 0) -> Labelled:
    """Whole gold groups, drawn at random until max_docs, so the subsample keeps its stories intact."""
    groups = sorted(set(data.gold))
    random.Random(seed).shuffle(groups)
    keep: set[str] = set()
    size = Counter(data.gold)
    total = 0
    for g in groups:
        if total + size[g] > max_docs:
            break
        keep.add(g)
        total += size[g]
    idx = [i for i, g in enumerate(data.gold) if g in keep]
    return Labelled([data.articles[i] for i in idx], [data.gold[i] for i in idx])


def run_synoptic(data: Labelled, threshold: float, settings: Settings) -> list[str]:
    assignments, _ = cluster_articles(data.articles, replace(settings, cluster_threshold=threshold))
    return [a.story_id for a in assignments]


def run_tfidf_agglomerative(data: Labelled, threshold: float) -> list[str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in data.articles]
    )
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return [str(c) for c in model.fit_predict(x.toarray())]


def embed_articles(data: Labelled, settings: Settings) -> np.ndarray:
    from synoptic.embed import CachedEmbedder, EmbeddingCache, MiniLMEmbedder

    embedder = CachedEmbedder(
        MiniLMEmbedder(settings.embed_batch_size), EmbeddingCache(settings.resolved_cache_path)
    )
    return embedder.embed([f"{a.title or ''}\n{a.text}" for a in data.articles])


def run_hdbscan(vectors: np.ndarray, min_cluster_size: int) -> list[str]:
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_cluster_size, min_samples=1).fit_predict(vectors)
    # noise points are stories of their own
    return [f"c{c}" if c >= 0 else f"n{i}" for i, c in enumerate(labels)]


def _tune(run: Callable[[object], list[str]], grid: Sequence[object], gold: Sequence[str]) -> object:
    """The grid value with the best train F1 (first one on ties, so the choice is deterministic)."""
    best, best_f = grid[0], -1.0
    for value in grid:
        f = bcubed(run(value), gold).f1
        if f > best_f:
            best, best_f = value, f
    return best


def _timed(method: str, run: Callable[[], list[str]], gold: Sequence[str], setting: str) -> Row:
    start = time.perf_counter()
    predicted = run()
    seconds = max(time.perf_counter() - start, 1e-9)
    return Row(method, bcubed(predicted, gold), len(gold), len(gold) / seconds, setting)


def compare(
    train: Labelled,
    test: Labelled,
    settings: Settings,
    tune_synoptic: bool = False,
    peers: bool = True,
) -> list[Row]:
    """Synoptic and (optionally) both peers on `test`, thresholds tuned on `train`."""
    th = settings.cluster_threshold
    if tune_synoptic:
        grid = [round(0.04 + 0.02 * i, 2) for i in range(14)]
        th = float(_tune(lambda t: run_synoptic(train, t, settings), grid, train.gold))  # type: ignore[arg-type]
    rows = [_timed("synoptic", lambda: run_synoptic(test, th, settings), test.gold, f"threshold={th}")]
    if not peers:
        return rows
    dist = float(
        _tune(lambda t: run_tfidf_agglomerative(train, t), [0.5 + 0.05 * i for i in range(10)], train.gold)  # type: ignore[arg-type]
    )
    rows.append(
        _timed(
            "tfidf+agglomerative",
            lambda: run_tfidf_agglomerative(test, dist),
            test.gold,
            f"distance={dist:.2f}",
        )
    )
    train_vectors = embed_articles(train, settings)
    size = int(_tune(lambda m: run_hdbscan(train_vectors, m), [2, 3, 4, 5, 8], train.gold))  # type: ignore[arg-type]

    def run_test() -> list[str]:
        return run_hdbscan(embed_articles(test, settings), size)

    rows.append(_timed("minilm+hdbscan", run_test, test.gold, f"min_cluster_size={size}"))
    return rows


def format_table(rows: Sequence[Row], title: str = "") -> str:
    """A markdown table: method, P, R, F1, docs, docs/s, setting."""
    lines = [f"### {title}"] if title else []
    lines += ["| method | P | R | F1 | docs | docs/s | setting |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        s = r.scores
        lines.append(
            f"| {r.method} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {r.docs} | "
            f"{r.docs_per_s:.0f} | {r.setting} |"
        )
    return "\n".join(lines)


def _disjoint(data: Labelled, exclude: set[str], max_docs: int, seed: int) -> Labelled:
    keep = [i for i, g in enumerate(data.gold) if g not in exclude]
    return subsample(Labelled([data.articles[i] for i in keep], [data.gold[i] for i in keep]), max_docs, seed)


def evaluate_files(
    paths: Sequence[Path], split: str, level: str, settings: Settings, peer_docs: int = 3000
) -> str:
    """ECB+ (records with a `split`): everything tuned on train, scored on `split`. Multi-News (records
    with `documents`): Synoptic on the whole shuffled stream with default settings, then all three on a
    `peer_docs` subsample (peers tuned on a disjoint subsample) because agglomerative clustering is
    quadratic in memory."""
    with open(paths[0], encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    if "documents" not in first:
        rows = compare(load_ecb(paths[0], "train", level), load_ecb(paths[0], split, level), settings, True)
        return format_table(rows, f"ECB+ {split}, gold={level}, tuned on train")
    stream = load_multinews(paths)
    full = _timed(
        "synoptic",
        lambda: run_synoptic(stream, settings.cluster_threshold, settings),
        stream.gold,
        f"threshold={settings.cluster_threshold}",
    )
    test = subsample(stream, peer_docs, seed=0)
    train = _disjoint(stream, set(test.gold), peer_docs, seed=1)
    rows = compare(train, test, settings, tune_synoptic=False)
    return (
        format_table([full], f"Multi-News stream, all {len(stream.gold)} documents")
        + "\n\n"
        + format_table(rows, f"Multi-News, {len(test.gold)}-document subsample (peers tuned on another)")
    )
