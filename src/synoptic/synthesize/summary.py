"""Choose the summary: verbatim sentences, the most widely reported facts first, nothing said twice.

Each candidate sentence gets a feature vector (how many outlets report its fact, how central it is to
the story, where it stands in its article, its length, whether it reads on its own). A `Scorer` turns
features into a score; the default weighs them by hand, and `synoptic.synthesize.learned` can supply a
model trained on human reference summaries. Selection is greedy with a redundancy cap, deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np

from synoptic.model import FactUnit, Sentence, Span, SummarySentence
from synoptic.settings import Settings
from synoptic.synthesize.align import SentenceTable, content_words, standardized
from synoptic.synthesize.readable import attributed, stands_alone
from synoptic.synthesize.support import verified_support

FEATURES = (
    "coverage",  # share of the story's articles that report the sentence's fact
    "n_articles",  # the same as a count
    "centrality",  # cosine to the story's centroid
    "unit_centrality",  # mean similarity to the other sentences of its fact unit
    "position",  # 0 = first sentence of its article
    "first",  # 1 for an article's first sentence
    "words",  # length in words, scaled
    "short",  # 1 when under 8 words
    "long",  # 1 when over 45 words
    "dangling",  # 1 when it starts with a pronoun or connective that needs the sentence before
    "quote_only",  # 1 when most of it is inside quotation marks
    "n_articles_story",  # how many articles the story has
    "index",  # sentence number in its article, capped at 20, scaled
    "cross_mean",  # mean similarity to the sentences of the other articles
    "cross_reach",  # mean over the other articles of the closest sentence's similarity (soft coverage)
    "word_spread",  # mean share of the story's articles that use each of its content words
    "word_weight",  # mean story frequency of its content words, scaled by the story's most frequent word
    # the same signals against the rest of the story: a ranker compares sentences of one story
    "centrality_rank",  # 0..1 rank of centrality within the story (1 = most central)
    "centrality_gap",  # how far below the story's most central sentence
    "cross_mean_rank",
    "cross_mean_gap",
    "cross_reach_rank",
    "cross_reach_gap",
    "word_spread_rank",
    "word_spread_gap",
    "story_sentences",  # sentences in the story, capped at 400, scaled: how much choice there is
)
_RELATIVE = ("centrality", "cross_mean", "cross_reach", "word_spread")

_DANGLING = re.compile(
    r"^(?:[\"“‘']\s*)?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|also|however|"
    r"meanwhile|still|yet|so|then|there|here|such)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“«‘][^\"”»’]*[\"”»’]")


class Scorer(Protocol):
    def score(self, features: np.ndarray) -> np.ndarray: ...


class HeuristicScorer:
    """Hand weights: reach across outlets first, then typicality, then a readable sentence."""

    weights: ClassVar[dict[str, float]] = {
        "coverage": 2.0,
        "centrality": 2.0,
        "cross_reach": 1.5,
        "unit_centrality": 0.3,
        "position": -0.3,
        "first": 0.15,
        "short": -0.6,
        "long": -0.3,
        "dangling": -0.5,
        "quote_only": -0.2,
    }

    def score(self, features: np.ndarray) -> np.ndarray:
        vector = np.asarray([self.weights.get(name, 0.0) for name in FEATURES], dtype=np.float32)
        return features @ vector


@dataclass(frozen=True)
class Candidates:
    """Every sentence of the story with its fact unit and features, in the table's order."""

    unit_of: np.ndarray  # index into units for each sentence: the widest unit it belongs to
    features: np.ndarray  # shape (n_sentences, len(FEATURES))
    units_of: tuple[frozenset[int], ...] = ()  # every unit each sentence belongs to


def sentence_features(table: SentenceTable, units: Sequence[FactUnit]) -> Candidates:
    n = len(table.sentences)
    n_articles = int(table.article_index.max()) + 1 if n else 0
    index_of = {s.span: i for i, s in enumerate(table.sentences)}
    unit_of = np.zeros(n, dtype=np.int32)
    units_of: list[set[int]] = [set() for _ in range(n)]
    unit_articles = np.zeros(n, dtype=np.float32)
    unit_centrality = np.zeros(n, dtype=np.float32)
    for u, unit in enumerate(units):
        members = [index_of[span] for span in unit.support]
        count = len(unit.article_ids)
        for m in members:
            units_of[m].add(u)
            if count > unit_articles[m]:  # a sentence in several units speaks for the widest
                unit_of[m] = u
                unit_articles[m] = count
        if len(members) > 1:
            sub = table.similarity[np.ix_(members, members)]
            unit_centrality[members] = (sub.sum(axis=1) - 1.0) / (len(members) - 1)
    cross_mean, cross_reach = _cross_article(table, n_articles)
    spread, weight = _word_statistics(table)
    index = np.zeros(n, dtype=np.float32)
    for i in range(1, n):
        same = table.article_index[i] == table.article_index[i - 1]
        index[i] = index[i - 1] + 1 if same else 0
    centroid = table.vectors.mean(axis=0) if n else np.zeros(1)
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = table.vectors @ (centroid / norm) if n else np.zeros(0)
    rows = []
    for i, sentence in enumerate(table.sentences):
        text = sentence.text
        words = len(text.split())
        quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
        rows.append(
            [
                unit_articles[i] / max(n_articles, 1),
                unit_articles[i],
                centrality[i],
                unit_centrality[i],
                table.position[i],
                1.0 if table.position[i] == 0 else 0.0,
                min(words, 60) / 60.0,
                1.0 if words < 8 else 0.0,
                1.0 if words > 45 else 0.0,
                1.0 if _DANGLING.match(text) else 0.0,
                1.0 if quoted > 0.6 * len(text) else 0.0,
                float(n_articles),
                min(float(index[i]), 20.0) / 20.0,
                cross_mean[i],
                cross_reach[i],
                spread[i],
                weight[i],
            ]
        )
    absolute = np.asarray(rows, dtype=np.float32).reshape(n, len(FEATURES) - 2 * len(_RELATIVE) - 1)
    features = np.column_stack([absolute, *_relative(absolute), np.full(n, min(n, 400) / 400.0)])
    return Candidates(
        unit_of=unit_of,
        features=features.astype(np.float32).reshape(n, len(FEATURES)),
        units_of=tuple(frozenset(m) for m in units_of),
    )


def _relative(absolute: np.ndarray) -> list[np.ndarray]:
    """Rank (0..1, ties in table order) and gap to the story's best, for each of the _RELATIVE features."""
    columns = []
    for name in _RELATIVE:
        values = absolute[:, FEATURES.index(name)]
        rank = values.argsort(kind="stable").argsort(kind="stable") / max(len(values) - 1, 1)
        columns += [rank, values.max(initial=0.0) - values]
    return columns


def _cross_article(table: SentenceTable, n_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """How close each sentence is to the other articles: on average, and to each one's nearest sentence."""
    n = len(table.sentences)
    mean = np.zeros(n, dtype=np.float32)
    reach = np.zeros(n, dtype=np.float32)
    if n == 0 or n_articles < 2:
        return mean, reach
    nearest = np.zeros((n, n_articles), dtype=np.float32)
    for a in range(n_articles):
        columns = table.article_index == a
        if columns.any():
            nearest[:, a] = table.similarity[:, columns].max(axis=1)
    other = table.article_index[:, None] != table.article_index[None, :]
    counts = other.sum(axis=1)
    mean = np.where(counts > 0, (table.similarity * other).sum(axis=1) / np.maximum(counts, 1), 0.0)
    own = np.zeros_like(nearest, dtype=bool)
    own[np.arange(n), table.article_index] = True
    present = np.asarray([bool((table.article_index == a).any()) for a in range(n_articles)])
    valid = ~own & present[None, :]
    reach = (nearest * valid).sum(axis=1) / np.maximum(valid.sum(axis=1), 1)
    return mean.astype(np.float32), reach.astype(np.float32)


def _word_statistics(table: SentenceTable) -> tuple[np.ndarray, np.ndarray]:
    """Words the whole story repeats are what a summary of it says: mean spread and weight per sentence."""
    words = [content_words(s.text) for s in table.sentences]
    articles: dict[str, set[int]] = {}
    frequency: Counter[str] = Counter()
    for i, bag in enumerate(words):
        frequency.update(bag)
        for w in bag:
            articles.setdefault(w, set()).add(int(table.article_index[i]))
    n_articles = int(table.article_index.max()) + 1 if len(words) else 1
    top = max(frequency.values(), default=1)
    spread = np.zeros(len(words), dtype=np.float32)
    weight = np.zeros(len(words), dtype=np.float32)
    for i, bag in enumerate(words):
        if bag:
            spread[i] = sum(len(articles[w]) for w in bag) / (len(bag) * n_articles)
            weight[i] = sum(frequency[w] for w in bag) / (len(bag) * top)
    return spread, weight


def _same_fact(a: FactUnit, b: FactUnit) -> bool:
    """Two units that share half the sentences of the smaller one state the same fact."""
    shared = len(set(a.support) & set(b.support))
    return shared > 0 and shared >= 0.5 * min(len(a.support), len(b.support))


@dataclass(frozen=True)
class Selection:
    """How a summary is chosen. The brief's comes from Settings (`for_brief`); the summary benchmark
    builds its own (a word budget, score order). Off by default: the consensus rule and the checks."""

    max_sentences: int
    min_sentences: int
    redundancy: float
    max_words: int | None = None
    order: str = "coverage"
    consensus_share: float = 0.0
    checked: bool = False
    standout: float = 0.0  # used only when checked
    support_floor: float = 0.0  # used only when checked
    support_shared: float = 0.0  # used only when checked: `support.shared_content` a citation needs
    # used only when checked: where the articles quote someone directly; a sentence inside a quotation
    # is that speaker's words, lifted only with its attribution
    quoted: tuple[Span, ...] = ()

    @classmethod
    def for_brief(cls, settings: Settings) -> Selection:
        return cls(
            max_sentences=settings.summary_max_sentences,
            min_sentences=settings.summary_min_sentences,
            redundancy=settings.summary_redundancy,
            consensus_share=settings.summary_consensus_share,
            checked=True,
            standout=settings.align_standout,
            support_floor=settings.citation_support_floor,
            support_shared=settings.citation_min_shared,
        )


_N_ARTICLES = FEATURES.index("n_articles")


def select_summary(
    table: SentenceTable, units: Sequence[FactUnit], selection: Selection, scorer: Scorer | None = None
) -> list[SummarySentence]:
    """Greedy choice of at most one sentence per fact unit, best first, skipping near-repeats.

    `order="coverage"` puts the most widely reported facts first (the brief); `order="score"` keeps the
    scorer's order (what ROUGE evaluation wants). With `max_words`, whole sentences only are added while
    they fit, and words left over once every fact has its sentence go to further sentences of the same
    facts that are not near-repeats. `min_sentences` lets a sentence of an already used unit in when
    distinct units run out.
    Past `min_sentences`, a sentence whose fact fewer than `consensus_share` of the articles report
    stays out: the thinner a fact's support, the likelier it restates one already said. When checked,
    such a sentence fills the minimum only in the second pass, after further sentences of widely
    reported facts: what one article alone says is the likeliest to be colour or background.
    `checked` is the brief's mode: only sentences that stand alone are lifted (while enough remain), an
    unattributed claim gives way to a sentence of its unit that says whose claim it is, and each
    sentence cites only the articles whose sentence verifiably states it (`synthesize.support`): a
    member of its unit, or a sentence the alignment missed that stands `standout` spreads above what the
    cited sentence usually scores against other articles (the alignment's own rule, sentence by sentence).
    """
    if not table.sentences:
        return []
    max_sentences, min_sentences = selection.max_sentences, selection.min_sentences
    max_words, redundancy, checked = selection.max_words, selection.redundancy, selection.checked
    candidates = sentence_features(table, units)
    n_articles = int(table.article_index.max()) + 1
    scores = (scorer or HeuristicScorer()).score(candidates.features)
    ranking = sorted(range(len(scores)), key=lambda i: (-round(float(scores[i]), 6), i))
    if checked:
        ranking = _readable_first(table, ranking, min_sentences, selection.quoted)
    z = standardized(table.similarity, table.article_index) if checked else None
    # checked: one article alone is no consensus, even when it is half of a two-article story
    widely = max(selection.consensus_share * n_articles, 2.0 if checked and n_articles > 1 else 0.0)
    chosen: list[int] = []
    used_units: set[int] = set()
    words = 0
    filling = max_words is not None  # the second pass fills the word budget rather than a count
    for second_pass in (False, True):
        for i in ranking:
            enough = len(chosen) >= min_sentences and not filling
            if len(chosen) >= max_sentences or (second_pass and enough):
                break
            unit = int(candidates.unit_of[i])
            if i in chosen or (unit in used_units and not second_pass):
                continue
            thin = candidates.features[i, _N_ARTICLES] < widely
            # checked: a thin fact waits until another wording of a widely reported one had its chance
            if thin and (len(chosen) >= min_sentences or (checked and not second_pass)):
                continue
            if chosen and float(table.similarity[i, chosen].max()) >= redundancy:
                continue
            said = any(_same_fact(units[unit], units[int(candidates.unit_of[c])]) for c in chosen)
            if said and not (second_pass and filling):
                continue
            length = len(table.sentences[i].text.split())
            if max_words is not None and words + length > max_words:
                continue
            chosen.append(i)
            used_units.update(candidates.units_of[i])  # a sentence says every fact it is part of
            words += length
    if checked:
        said: list[int] = []
        for i in chosen:
            said.append(_attributed_member(table, units, candidates, scores, i, chosen, said))
        chosen = said
    citations = {}
    for i in chosen:
        unit = units[int(candidates.unit_of[i])]
        citations[i] = _verified(table, unit, i, z, selection) if z is not None else unit.support
    if selection.order == "coverage":
        rank = {i: r for r, i in enumerate(ranking)}
        reach = {i: len({s.article_id for s in citations[i]}) for i in chosen}
        chosen.sort(key=lambda i: (-reach[i], rank.get(i, len(rank))))
    return [
        SummarySentence(
            text=table.sentences[i].text, support=citations[i], fact_id=units[int(candidates.unit_of[i])].id
        )
        for i in chosen
    ]


def inside_quotation(span: Span, quoted: Sequence[Span]) -> bool:
    """Most of the sentence (four fifths) lies within one of the quotation spans of its article."""
    length = max(span.end - span.start, 1)
    return any(
        q.article_id == span.article_id and min(q.end, span.end) - max(q.start, span.start) >= 0.8 * length
        for q in quoted
    )


def _readable_first(
    table: SentenceTable, ranking: list[int], min_sentences: int, quoted: Sequence[Span] = ()
) -> list[int]:
    """Sentences that stand alone, in score order; the others only if too few stand alone. A sentence
    within someone's quotation that does not itself say whose words they are does not stand alone:
    lifted, it would state the speaker's claim as the brief's own."""

    def fit(sentence: Sentence) -> bool:
        someone_said = inside_quotation(sentence.span, quoted) and not attributed(sentence.text)
        return stands_alone(sentence.text) and not someone_said

    good = [i for i in ranking if fit(table.sentences[i])]
    if len(good) >= min_sentences:
        return good
    return good + [i for i in ranking if i not in set(good)]


def _attributed_member(
    table: SentenceTable,
    units: Sequence[FactUnit],
    candidates: Candidates,
    scores: np.ndarray,
    i: int,
    chosen: Sequence[int] = (),
    said: Sequence[int] = (),
) -> int:
    """When the chosen sentence states a claim bare but another source's sentence of the same fact says
    whose claim it is ("the company said"), the attributed sentence speaks for the fact instead.

    Never one already in the summary (`said`), and only one closer to this sentence than to any other
    chosen one: several chosen sentences of one broad unit must not all turn into the same sentence."""
    text = table.sentences[i].text
    if attributed(text):
        return i
    others = [c for c in chosen if c != i]
    index_of = {s.span: k for k, s in enumerate(table.sentences)}
    unit = int(candidates.unit_of[i])
    members = [index_of[span] for span in units[unit].support]
    options = [
        m
        for m in members
        if m != i
        and int(candidates.unit_of[m]) == unit
        and attributed(table.sentences[m].text)
        and stands_alone(table.sentences[m].text)
        and float(table.similarity[i, m]) >= 0.5
        and m not in said
        and m not in others
        and all(float(table.similarity[i, m]) >= float(table.similarity[c, m]) for c in others)
    ]
    if not options:
        return i
    return max(options, key=lambda m: (round(float(scores[m]), 6), -m))


def _verified(
    table: SentenceTable, unit: FactUnit, i: int, z: np.ndarray, selection: Selection
) -> tuple[Span, ...]:
    index_of = {s.span: k for k, s in enumerate(table.sentences)}
    members = {index_of[span] for span in unit.support} | {i}
    own = table.article_index == table.article_index[i]
    for k in np.flatnonzero(z[i] >= selection.standout):
        # and only when, of all the cited article's sentences, the cited one is the closest to it
        if int(np.argmax(np.where(own, table.similarity[k], -np.inf))) == i:
            members.add(int(k))
    spans = [s.span for s in table.sentences]
    texts = [s.text for s in table.sentences]
    return verified_support(
        i, sorted(members), texts, spans, table.similarity, selection.support_floor, selection.support_shared
    )
