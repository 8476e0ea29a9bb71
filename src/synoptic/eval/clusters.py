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
from synoptic.cluster.online import cluster_sweep
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


def _setting(threshold: float, settings: Settings) -> str:
    cap = f", level_cap={settings.cluster_level_cap}" if settings.cluster_linkage == "cosine" else ""
    return f"linkage={settings.cluster_linkage}, threshold={threshold}{cap}"


def _threshold_field(settings: Settings) -> str:
    return "cluster_pair_threshold" if settings.cluster_linkage == "pairs" else "cluster_threshold"


def _threshold_of(settings: Settings) -> float:
    """The threshold the settings' linkage reads."""
    return float(getattr(settings, _threshold_field(settings)))


def run_synoptic(data: Labelled, threshold: float, settings: Settings) -> list[str]:
    """Synoptic at `threshold`, read as the threshold of the settings' linkage."""
    field = _threshold_field(settings)
    assignments, _ = cluster_articles(data.articles, replace(settings, **{field: threshold}))
    return [a.story_id for a in assignments]


def sweep_synoptic(data: Labelled, thresholds: Sequence[float], settings: Settings) -> dict[float, list[str]]:
    """`run_synoptic` at every threshold, the batch's features and pair scores computed once."""
    swept = cluster_sweep(data.articles, settings, thresholds)
    return {t: [a.story_id for a in assignments] for t, assignments in swept.items()}


def _cosine_condensed(x) -> np.ndarray:
    """1 - cosine between every pair of (L2-normalised, sparse) rows in scipy's condensed order: n(n-1)/2
    float64 values (3.4 GB for 29k rows), filled a block of rows at a time."""
    n = x.shape[0]
    out = np.empty(n * (n - 1) // 2, dtype=np.float64)
    xt = x.T.tocsc()
    for start in range(0, n, 1024):
        stop = min(n, start + 1024)
        sims = (x[start:stop] @ xt).toarray()
        for i in range(start, stop):
            offset = i * n - i * (i + 1) // 2
            out[offset : offset + n - i - 1] = 1.0 - sims[i - start, i + 1 :]
    np.clip(out, 0.0, 2.0, out=out)
    return out


def tfidf_linkage(data: Labelled) -> np.ndarray:
    """Average-link merge tree of TF-IDF cosine distances (scipy's nearest-neighbour chain, exact).

    The same clustering as scikit-learn's AgglomerativeClustering(metric="cosine", linkage="average"),
    which needs the dense document-term matrix and cannot hold a 29k-document stream; this holds only the
    condensed distance matrix (and scipy's working copy of it: about 7 GB at 29k documents)."""
    from scipy.cluster.hierarchy import linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1, dtype=np.float32).fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in data.articles]
    )
    return linkage(_cosine_condensed(x.tocsr()), method="average")


def cut_linkage(tree: np.ndarray, n: int, threshold: float) -> list[str]:
    """Flat clusters of a merge tree, joining only below `threshold` (scikit-learn's distance_threshold)."""
    from scipy.cluster.hierarchy import fcluster

    if n < 2:
        return ["0"] * n
    return [str(c) for c in fcluster(tree, t=float(np.nextafter(threshold, -np.inf)), criterion="distance")]


def run_tfidf_agglomerative(data: Labelled, threshold: float) -> list[str]:
    n = len(data.articles)
    return cut_linkage(tfidf_linkage(data), n, threshold) if n >= 2 else ["0"] * n


def embed_articles(data: Labelled, settings: Settings, max_tokens: int | None = None) -> np.ndarray:
    """MiniLM vectors of title + text. `max_tokens` reads only the lead (the model's own limit is 256);
    such vectors are cached under a name of their own, so they never stand in for full-length ones."""
    from synoptic.embed import CachedEmbedder, EmbeddingCache, MiniLMEmbedder

    embedder = CachedEmbedder(MiniLMEmbedder(max_tokens), EmbeddingCache(settings.resolved_cache_path))
    return embedder.embed([f"{a.title or ''}\n{a.text}" for a in data.articles])


def run_hdbscan(vectors: np.ndarray, min_cluster_size: int) -> list[str]:
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_cluster_size, min_samples=1, copy=True).fit_predict(vectors)
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


def tune_agglomerative(train: Labelled) -> float:
    """The peer's distance threshold with the best train F1: one merge tree, cut at every grid value."""
    tree, n = tfidf_linkage(train), len(train.articles)
    grid = [0.5 + 0.05 * i for i in range(10)]
    return float(_tune(lambda t: cut_linkage(tree, n, t), grid, train.gold))  # type: ignore[arg-type]


def _timed_run(
    method: str, run: Callable[[], list[str]], gold: Sequence[str], setting: str
) -> tuple[Row, list[str]]:
    """The scored, timed row of one method, and its clustering."""
    start = time.perf_counter()
    predicted = run()
    seconds = max(time.perf_counter() - start, 1e-9)
    return Row(method, bcubed(predicted, gold), len(gold), len(gold) / seconds, setting), predicted


def _timed(method: str, run: Callable[[], list[str]], gold: Sequence[str], setting: str) -> Row:
    return _timed_run(method, run, gold, setting)[0]


def _tuned_peers(
    train: Labelled, settings: Settings, max_tokens: int | None
) -> list[tuple[str, Callable[[Labelled], list[str]], str]]:
    """(method, run on any data, setting) of both peers, each tuned on `train`."""
    dist = tune_agglomerative(train)
    train_vectors = embed_articles(train, settings, max_tokens)
    size = int(_tune(lambda m: run_hdbscan(train_vectors, m), [2, 3, 4, 5, 8], train.gold))  # type: ignore[arg-type]
    lead = "" if max_tokens is None else f", first {max_tokens} tokens"
    return [
        ("tfidf+agglomerative", lambda data: run_tfidf_agglomerative(data, dist), f"distance={dist:.2f}"),
        (
            "minilm+hdbscan",
            lambda data: run_hdbscan(embed_articles(data, settings, max_tokens), size),
            f"min_cluster_size={size}{lead}",
        ),
    ]


def compare(
    train: Labelled,
    test: Labelled,
    settings: Settings,
    tune_synoptic: bool = False,
    peers: bool = True,
    max_tokens: int | None = None,
) -> list[Row]:
    """Synoptic and (optionally) both peers on `test`, thresholds tuned on `train`. `max_tokens` limits
    what MiniLM reads of each document (None: the model's own 256 tokens)."""
    th = _threshold_of(settings)
    if tune_synoptic:  # both linkages, each over the threshold grid: a coarser gold may want the other one
        thresholds = [round(0.04 + 0.02 * i, 2) for i in range(14)]
        swept = {
            linkage: sweep_synoptic(train, thresholds, replace(settings, cluster_linkage=linkage))
            for linkage in ("pairs", "cosine")
        }
        grid = [(linkage, t) for linkage in ("pairs", "cosine") for t in thresholds]
        linkage, th = _tune(lambda c: swept[c[0]][c[1]], grid, train.gold)  # type: ignore[misc,index]
        settings = replace(settings, cluster_linkage=linkage)
    rows = [_timed("synoptic", lambda: run_synoptic(test, th, settings), test.gold, _setting(th, settings))]
    if not peers:
        return rows
    for method, run, setting in _tuned_peers(train, settings, max_tokens):
        rows.append(_timed(method, lambda run=run: run(test), test.gold, setting))
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


def _line_ids(path: str | Path) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        return {str(json.loads(line)["id"]) for line in handle if line.strip()}


def _restricted(row: Row, predicted: Sequence[str], gold: Sequence[str], keep: set[str], method: str) -> Row:
    """B-cubed of the same clustering over only the documents whose gold line is in `keep`."""
    idx = [i for i, g in enumerate(gold) if g in keep]
    scores = bcubed([predicted[i] for i in idx], [gold[i] for i in idx])
    return Row(method, scores, len(idx), row.docs_per_s, row.setting)


def compare_stream(
    stream: Labelled, train: Labelled, settings: Settings, held_out: set[str], max_tokens: int | None = 128
) -> tuple[list[Row], list[Row]]:
    """All three methods on the whole stream, thresholds tuned on `train`; also each clustering scored
    over the documents of the `held_out` lines only. MiniLM reads the first `max_tokens` tokens: the
    full 256 would cost about an hour of CPU for 29k documents on 2 cores."""
    predictions: list[tuple[Row, list[str]]] = []

    def timed(method: str, run: Callable[[], list[str]], setting: str) -> None:
        predictions.append(_timed_run(method, run, stream.gold, setting))

    th = _threshold_of(settings)
    timed("synoptic", lambda: run_synoptic(stream, th, settings), _setting(th, settings))
    for method, run, setting in _tuned_peers(train, settings, max_tokens):
        timed(method, lambda run=run: run(stream), setting)
    rows = [row for row, _ in predictions]
    held = [_restricted(row, p, stream.gold, held_out, row.method) for row, p in predictions]
    return rows, held


def evaluate_files(
    paths: Sequence[Path], split: str, level: str, settings: Settings, peer_docs: int = 3000
) -> str:
    """ECB+ (records with a `split`): everything tuned on train, scored on `split`.

    Multi-News (records with `documents`): with `peer_docs` <= 0, all three methods on the whole shuffled
    stream of every given file, the peers tuned on a 6,000-document sample of the lines of the file(s)
    named *train* (Synoptic's default threshold was tuned on the same kind of sample), and scored also
    over the other files' documents alone. With `peer_docs` > 0: Synoptic on the whole stream, then all
    three on a `peer_docs` subsample, the peers tuned on a disjoint subsample."""
    with open(paths[0], encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    if "documents" not in first:
        rows = compare(load_ecb(paths[0], "train", level), load_ecb(paths[0], split, level), settings, True)
        return format_table(rows, f"ECB+ {split}, gold={level}, tuned on train")
    stream = load_multinews(paths)
    if peer_docs <= 0:
        train_paths = [p for p in paths if "train" in Path(p).name]
        held_out = set().union(*(_line_ids(p) for p in paths if p not in train_paths))
        if train_paths:
            train = subsample(load_multinews(train_paths), 6000)
        else:
            train = _disjoint(stream, held_out, 6000, seed=1)
        rows, held = compare_stream(stream, train, settings, held_out)
        return (
            format_table(rows, f"Multi-News stream, all {len(stream.gold)} documents (peers tuned on train)")
            + "\n\n"
            + format_table(held, "The same clusterings scored over the held-out (non-train) documents only")
        )
    full = _timed(
        "synoptic",
        lambda: run_synoptic(stream, _threshold_of(settings), settings),
        stream.gold,
        _setting(_threshold_of(settings), settings),
    )
    test = subsample(stream, peer_docs, seed=0)
    train = _disjoint(stream, set(test.gold), peer_docs, seed=1)
    rows = compare(train, test, settings, tune_synoptic=False)
    return (
        format_table([full], f"Multi-News stream, all {len(stream.gold)} documents")
        + "\n\n"
        + format_table(rows, f"Multi-News, {len(test.gold)}-document subsample (peers tuned on another)")
    )
