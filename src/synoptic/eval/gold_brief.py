"""Score a brief (its JSON form) against a hand annotation such as ../shared/seeds/gold.json.

Documents are matched by file name: an article's `source` ends with the gold document's key.
Text matching folds case, quote marks and apostrophes, so typography does not decide a match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_FOLD)).casefold().strip()


def document_of(brief: Mapping[str, Any], gold_docs: Mapping[str, Any]) -> dict[str, str]:
    """article id -> gold document key, by the article's source path ending in that key."""
    mapping: dict[str, str] = {}
    for article in brief["articles"]:
        source = article["source"].replace("\\", "/")
        for key in gold_docs:
            if source.endswith("/" + key) or source == key:
                mapping[article["id"]] = key
    return mapping


def _span_texts(brief: Mapping[str, Any], support: list[Mapping[str, Any]], doc_of: dict[str, str]):
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    for span in support:
        doc = doc_of.get(span["article_id"])
        if doc is not None:
            yield doc, fold(texts[span["article_id"]][span["start"] : span["end"]])


def unit_score(
    brief: Mapping[str, Any], support: list, fact: Mapping[str, Any], doc_of: dict[str, str]
) -> float:
    """Share of the fact's documents in which the unit has a sentence with one of the doc's key phrases."""
    hit: set[str] = set()
    for doc, text in _span_texts(brief, support, doc_of):
        phrases = fact["key_phrases"].get(doc, [])
        if any(fold(p) in text for p in phrases):
            hit.add(doc)
    return len(hit & set(fact["documents"])) / len(fact["documents"])


@dataclass(frozen=True)
class FactRecall:
    recall: float
    per_fact: dict[str, float]


def fact_recall(brief: Mapping[str, Any], gold: Mapping[str, Any]) -> FactRecall:
    """Each gold fact gets its best unit, one unit per fact at most (an optimal assignment)."""
    doc_of = document_of(brief, gold["documents"])
    facts, units = gold["facts"], brief["facts"]
    scores = np.zeros((len(facts), max(len(units), 1)))
    for i, fact in enumerate(facts):
        for j, unit in enumerate(units):
            scores[i, j] = unit_score(brief, unit["support"], fact, doc_of)
    rows, cols = linear_sum_assignment(-scores)
    per_fact = {facts[r]["id"]: float(scores[r, c]) for r, c in zip(rows, cols, strict=True)}
    return FactRecall(recall=sum(per_fact.values()) / len(facts), per_fact=per_fact)


@dataclass(frozen=True)
class SummaryCheck:
    covered: list[str]  # gold facts (with >= min_docs documents) that a summary sentence states
    wide_facts: list[str]  # all gold facts with >= min_docs documents
    support_errors: list[str]  # human-readable reasons a summary sentence's support is off


def summary_check(brief: Mapping[str, Any], gold: Mapping[str, Any], min_docs: int = 3) -> SummaryCheck:
    doc_of = document_of(brief, gold["documents"])
    covered: list[str] = []
    errors: list[str] = []
    for sentence in brief["summary"]:
        text = fold(sentence["text"])
        matches = [
            f for f in gold["facts"] if any(fold(p) in text for ps in f["key_phrases"].values() for p in ps)
        ]
        if not matches:
            continue
        support_docs = {doc_of[s["article_id"]] for s in sentence["support"] if s["article_id"] in doc_of}
        best = max(matches, key=lambda f: len(support_docs & set(f["documents"])))
        gold_docs = set(best["documents"])
        found = len(support_docs & gold_docs) / len(gold_docs)
        extra = len(support_docs - gold_docs)
        if found < 0.8 or extra > 1:
            errors.append(f"{best['id']}: support {sorted(support_docs)} vs gold {sorted(gold_docs)}")
        if len(gold_docs) >= min_docs and best["id"] not in covered:
            covered.append(best["id"])
    wide = [f["id"] for f in gold["facts"] if len(f["documents"]) >= min_docs]
    return SummaryCheck(covered=covered, wide_facts=wide, support_errors=errors)
