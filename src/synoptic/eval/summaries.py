"""ROUGE of Synoptic's summaries against human references, beside the usual peers, in one process.

Every method gets the same clusters and the same word budget; ROUGE-1/2/L are F1 with Porter stemming
(`rouge-score`; ROUGE-L is the sentence-level LCS variant, `rougeL`). Speed is clusters per second of
summarising alone (scoring excluded), with models already loaded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from synoptic.embed.model import Embedder
from synoptic.eval import peers
from synoptic.settings import Settings
from synoptic.synthesize.multidoc import summarize_cluster
from synoptic.synthesize.summary import Scorer

METHODS = ("synoptic", "lead", "lexrank", "textrank", "lsa", "centroid")


@dataclass(frozen=True)
class Cluster:
    id: str
    documents: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class MethodScore:
    method: str
    rouge1: float
    rouge2: float
    rougeL: float
    clusters_per_second: float
    clusters: int


def read_clusters(path: str | Path, limit: int | None = None, offset: int = 0) -> list[Cluster]:
    """Clusters from a JSONL file of {"id", "documents", "summary"}; lines without a reference are skipped."""
    clusters: list[Cluster] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < offset:
                continue
            if limit is not None and len(clusters) >= limit:
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            documents = record.get("documents") if isinstance(record, dict) else None
            summary = record.get("summary") if isinstance(record, dict) else None
            if not isinstance(documents, list) or not isinstance(summary, str):
                continue
            texts = tuple(d for d in documents if isinstance(d, str))
            clusters.append(Cluster(id=str(record.get("id", number)), documents=texts, summary=summary))
    return clusters


def method_runner(
    method: str,
    embedder: Embedder,
    settings: Settings,
    scorer: Scorer | None,
) -> Callable[[Cluster, int], str]:
    """A function cluster, words -> summary text for one method."""
    if method == "synoptic":
        return lambda c, w: summarize_cluster(c.id, c.documents, embedder, settings, w, scorer).summary
    if method == "centroid":
        return lambda c, w: " ".join(peers.centroid_summary(c.documents, w, embedder))
    function = {
        "lead": peers.lead_summary,
        "lexrank": peers.lexrank_summary,
        "textrank": peers.textrank_summary,
        "lsa": peers.lsa_summary,
    }[method]
    return lambda c, w: " ".join(function(c.documents, w))


def evaluate_summaries(
    clusters: Sequence[Cluster],
    words: int,
    embedder: Embedder,
    settings: Settings,
    scorer: Scorer | None = None,
    methods: Sequence[str] = METHODS,
) -> list[MethodScore]:
    """Mean ROUGE F1 (x100) of each method over the clusters, with its summarising speed."""
    from rouge_score import rouge_scorer

    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    embedder.embed(["warm up"])  # load the model before timing
    results = []
    for method in methods:
        run = method_runner(method, embedder, settings, scorer)
        started = time.perf_counter()
        outputs = [run(c, words) for c in clusters]
        elapsed = time.perf_counter() - started
        totals = [0.0, 0.0, 0.0]
        for cluster, output in zip(clusters, outputs, strict=True):
            score = rouge.score(cluster.summary, output)
            for k, key in enumerate(("rouge1", "rouge2", "rougeL")):
                totals[k] += score[key].fmeasure
        n = max(len(clusters), 1)
        results.append(
            MethodScore(
                method=method,
                rouge1=100 * totals[0] / n,
                rouge2=100 * totals[1] / n,
                rougeL=100 * totals[2] / n,
                clusters_per_second=len(clusters) / elapsed if elapsed > 0 else float("inf"),
                clusters=len(clusters),
            )
        )
    return results


def format_table(scores: Sequence[MethodScore]) -> str:
    """A Markdown table: method, R-1, R-2, R-L, clusters/s."""
    lines = ["| method | R-1 | R-2 | R-L | clusters/s |", "|---|---|---|---|---|"]
    for s in scores:
        lines.append(
            f"| {s.method} | {s.rouge1:.2f} | {s.rouge2:.2f} | {s.rougeL:.2f} | {s.clusters_per_second:.1f} |"
        )
    return "\n".join(lines) + "\n"
