"""The methods people would pick instead of Synoptic, run on the same clusters and the same word budget.

lead (first sentences of each document in turn), LexRank, TextRank and LSA from `sumy`, and a centroid
method on Synoptic's own embeddings. Every peer sees the documents split by Synoptic's sentence splitter
(sumy's default tokenizer needs NLTK punkt data, which must not be downloaded at run time) and fills the
budget the same way: sentences in the method's rank order, whole sentences only, skipped when they do
not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from synoptic.analyze.sentences import split_sentences
from synoptic.embed.model import Embedder

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def document_sentences(documents: Sequence[str]) -> list[list[str]]:
    """Each document's sentences, by the same splitter the brief uses."""
    return [[s.text for s in split_sentences(d, f"doc{k}")] for k, d in enumerate(documents)]


def fill_budget(
    ranked: Sequence[str],
    words: int,
    redundant: Callable[[int, list[int]], bool] | None = None,
) -> list[str]:
    """Whole sentences in rank order while they fit in `words`; an optional redundancy test skips repeats."""
    chosen: list[int] = []
    used = 0
    for i, text in enumerate(ranked):
        length = len(text.split())
        if length == 0 or used + length > words:
            continue
        if redundant is not None and chosen and redundant(i, chosen):
            continue
        chosen.append(i)
        used += length
    return [ranked[i] for i in chosen]


def lead_summary(documents: Sequence[str], words: int) -> list[str]:
    """The first sentence of each document in turn, then the second of each, and so on."""
    per_doc = document_sentences(documents)
    depth = max((len(s) for s in per_doc), default=0)
    ranked = [doc[k] for k in range(depth) for doc in per_doc if k < len(doc)]
    return fill_budget(ranked, words)


class _Tokenizer:
    """A sumy tokenizer that needs no NLTK data: Synoptic's sentence splitter and a regex for words."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s.text for s in split_sentences(paragraph, "p")]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def _sumy_ranked(documents: Sequence[str], method: str) -> list[str]:
    """Every sentence of the cluster in the sumy method's rating order (ties by position)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    paragraphs = [
        Paragraph([Sentence(text, tokenizer) for text in doc]) for doc in document_sentences(documents) if doc
    ]
    document = ObjectDocumentModel(paragraphs)
    sentences = list(document.sentences)
    if not sentences:
        return []
    base = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}[method]
    ratings: list[float] = []

    class Rating(base):  # type: ignore[misc, valid-type]
        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else rating
            ratings.extend(float(rate(s, *args, **kwargs)) for s in sentences)
            return ()

    summarizer = Rating(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    summarizer(document, len(sentences))
    if len(ratings) != len(sentences):  # e.g. no vocabulary at all: fall back to document order
        ratings = [0.0] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: (-round(ratings[i], 9), i))
    return [str(sentences[i]) for i in order]


def lexrank_summary(documents: Sequence[str], words: int) -> list[str]:
    return fill_budget(_sumy_ranked(documents, "lexrank"), words)


def textrank_summary(documents: Sequence[str], words: int) -> list[str]:
    return fill_budget(_sumy_ranked(documents, "textrank"), words)


def lsa_summary(documents: Sequence[str], words: int) -> list[str]:
    return fill_budget(_sumy_ranked(documents, "lsa"), words)


def centroid_summary(
    documents: Sequence[str],
    words: int,
    embedder: Embedder,
    redundancy: float = 0.9,
) -> list[str]:
    """Sentences closest to the cluster's mean vector, skipping near-duplicates of chosen ones."""
    texts = [t for doc in document_sentences(documents) for t in doc]
    if not texts:
        return []
    vectors = embedder.embed(texts)
    centroid = vectors.mean(axis=0)
    centroid /= float(np.linalg.norm(centroid)) or 1.0
    scores = vectors @ centroid
    order = sorted(range(len(texts)), key=lambda i: (-round(float(scores[i]), 6), i))
    ranked_vectors = vectors[order]

    def redundant(i: int, chosen: list[int]) -> bool:
        return float((ranked_vectors[chosen] @ ranked_vectors[i]).max()) >= redundancy

    return fill_budget([texts[i] for i in order], words, redundant)
