"""Quote attribution scored on PolNeAR (Newell et al. 2018), with textacy's direct_quotations as a peer.

A predicted attribution matches a gold one when their content ranges overlap by at least half (characters,
intersection over union) and the speaker matches: the predicted speaker phrase overlaps the gold source
span, or shares a word with the gold source text. "Direct" scores only gold contents that start with a
quotation mark against each system's quotes in marks; "all" scores every gold attribution against every
prediction (Synoptic adds indirect speech; textacy has none). Both systems read the same spaCy parse.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synoptic.analyze.entities import find_mentions, load_nlp
from synoptic.analyze.quotes import find_quotes
from synoptic.model import Article

CONTENT_IOU = 0.5
SCARE_WORDS = 4  # partial quotes shorter than this are scare quotes, which PolNeAR does not annotate
_QUOTE_START = ('"', "“", "‘", "'", "«")


@dataclass(frozen=True)
class Attribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_text: str
    direct: bool


@dataclass(frozen=True)
class QuoteEvalRow:
    system: str
    scope: str  # direct | all
    predicted: int
    gold: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class QuoteEvalResult:
    documents: int
    rows: tuple[QuoteEvalRow, ...]

    def row(self, system: str, scope: str) -> QuoteEvalRow:
        return next(r for r in self.rows if r.system == system and r.scope == scope)


def read_polnear(path: Path, limit: int | None = None) -> Iterator[tuple[str, str, list[Attribution]]]:
    """(id, text, gold attributions) per article of a PolNeAR JSONL file."""
    with Path(path).open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            record = json.loads(line)
            gold: list[Attribution] = []
            for att in record.get("attributions", []):
                content = att.get("content")
                if not content or not content.get("spans"):
                    continue
                spans = content["spans"]
                source = att.get("source") or {}
                src_spans = source.get("spans") or []
                gold.append(
                    Attribution(
                        content=(spans[0][0], spans[-1][1]),
                        source=(src_spans[0][0], src_spans[-1][1]) if src_spans else None,
                        source_text=source.get("text") or "",
                        direct=content["text"].strip()[:1] in _QUOTE_START,
                    )
                )
            yield record["id"], record["text"], gold


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1}


def _speaker_matches(pred: Attribution, gold: Attribution) -> bool:
    if pred.source and gold.source and _iou(pred.source, gold.source) > 0:
        return True
    return bool(_words(pred.source_text) & _words(gold.source_text))


def _score(system: str, scope: str, preds: list[list[Attribution]], golds: list[list[Attribution]]):
    matched = predicted = total = 0
    for doc_preds, doc_golds in zip(preds, golds, strict=True):
        ps = [p for p in doc_preds if scope == "all" or p.direct]
        gs = [g for g in doc_golds if scope == "all" or g.direct]
        predicted += len(ps)
        total += len(gs)
        used: set[int] = set()
        for g in gs:
            for i, p in enumerate(ps):
                if i not in used and _iou(p.content, g.content) >= CONTENT_IOU and _speaker_matches(p, g):
                    used.add(i)
                    matched += 1
                    break
    return QuoteEvalRow(system, scope, predicted, total, matched)


def synoptic_attributions(doc_id: str, text: str, doc: Any) -> list[Attribution]:
    """Synoptic's attributed quotes of one document: direct, partial (4+ words) and indirect.

    Quotes of one turn (`"…," he said. "More words."`) are one attribution, as PolNeAR annotates them:
    its content runs from the first quote to the last.
    """
    article = Article(id=doc_id, source=doc_id, outlet=None, url=None, published=None, title=None,
                      dek=None, lines=(), text=text)  # fmt: skip
    turns: dict[tuple[int, bool], list] = {}
    for q in find_quotes(article, doc, find_mentions(article, doc), beliefs=True):
        if q.speaker_span is None or (q.kind == "partial" and len(q.text.split()) < SCARE_WORDS):
            continue  # an attribution needs a source; short phrases in marks are scare quotes
        turns.setdefault((q.turn, q.kind == "direct"), []).append(q)
    out: list[Attribution] = []
    for (_, direct), quotes in sorted(turns.items(), key=lambda kv: kv[1][0].span.start):
        first = quotes[0]
        surface = (first.speaker_span.start, first.speaker_span.end)
        spans = [q.clause or q.span for q in quotes]
        content = (min(s.start for s in spans), max(s.end for s in spans))
        out.append(
            Attribution(content, surface, f"{text[surface[0] : surface[1]]} {first.speaker or ''}", direct)
        )
    return out


def textacy_attributions(doc: Any) -> list[Attribution]:
    """textacy's direct_quotations over the same parse (ImportError when textacy is missing)."""
    from textacy.extract.triples import direct_quotations

    out: list[Attribution] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []  # textacy gives up on a document with unbalanced quotation marks
    for triple in triples:
        speaker = triple.speaker
        surface = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        content = triple.content
        out.append(Attribution((content.start_char, content.end_char), surface,
                               " ".join(t.text for t in speaker), True))  # fmt: skip
    return out


def evaluate_quotes(path: Path, limit: int | None = None) -> QuoteEvalResult:
    """Precision, recall and F1 of direct quotes and of all attributions, Synoptic and textacy."""
    nlp = load_nlp()
    records = list(read_polnear(path, limit))
    docs = list(nlp.pipe([text for _, text, _ in records], batch_size=8))
    golds = [gold for _, _, gold in records]
    ours = [synoptic_attributions(i, t, d) for (i, t, _), d in zip(records, docs, strict=True)]
    rows = [_score("synoptic", scope, ours, golds) for scope in ("direct", "all")]
    try:
        theirs = [textacy_attributions(d) for d in docs]
    except ImportError:
        theirs = None
    if theirs is not None:
        rows += [_score("textacy", scope, theirs, golds) for scope in ("direct", "all")]
    return QuoteEvalResult(documents=len(records), rows=tuple(rows))


def format_quote_eval(result: QuoteEvalResult) -> str:
    """A plain table of the result, one row per system and scope."""
    lines = [
        f"PolNeAR quote attribution, {result.documents} documents "
        f"(content IoU >= {CONTENT_IOU}, speaker match)",
        f"{'system':<10} {'scope':<7} {'P':>6} {'R':>6} {'F1':>6} {'matched':>8} {'pred':>6} {'gold':>6}",
    ]
    for r in result.rows:
        lines.append(
            f"{r.system:<10} {r.scope:<7} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} "
            f"{r.matched:8d} {r.predicted:6d} {r.gold:6d}"
        )
    return "\n".join(lines)
