"""Article features for same-event clustering: weighted TF-IDF over body, title+lead and entity-like tokens.

Hashed so the vocabulary never has to be fixed: a later batch shares the feature space of today's.
Entity-like tokens (capitalised words, acronyms, numbers) get their own block because two events of
the same kind share topic words but not names, places and figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from synoptic.model import Article

N_FEATURES = 2**18
DENSE_DIM = 256  # the static MiniLM block (synoptic.embed.static.STATIC_DIM)
N_COLUMNS = 3 * N_FEATURES + DENSE_DIM
PROJECTION_DIM = 256
LEAD_WORDS = 60
BODY_WORDS = 400
# block weights: body, title + lead, entity-like tokens (measured on the ECB+ train split)
WEIGHTS = (1.0, 0.6, 0.8)

_ENTITY = re.compile(r"\b(?:[A-Z][\w'’-]*[a-z]\w*|[A-Z]{2,}\w*|\d[\d,.:]*\d)\b")
# Every character an _ENTITY match can hold. _ENTITY backtracks over a whole run from each capital in it
# ("A-B-C-..." costs the square of its length), so it is only run inside runs short enough to be a word.
_RUN = re.compile(r"[\w'’,.:-]++")
LONGEST_RUN = 100
# a capitalised word right after a sentence break (or an opening quote) is capitalised by position, not
# because it names something
_SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)\]]*\s+|\n\s*|[\"“(]\s*)$")
_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES,
    alternate_sign=False,
    norm=None,
    lowercase=True,
    stop_words="english",
    token_pattern=r"(?u)\b\w\w+\b|\b\d\b",
    dtype=np.float32,
)


def article_day(article: Article) -> float:
    """The article's date as a day number, NaN when undated or unparseable."""
    if not article.published:
        return float("nan")
    try:
        return float(date.fromisoformat(article.published[:10]).toordinal())
    except ValueError:
        return float("nan")


def _fields(article: Article, text: str) -> tuple[str, str, str]:
    """(body, title + lead, entity tokens) texts of one article whose template-free text is `text`."""
    words = text.split()
    body = " ".join(words[:BODY_WORDS])
    head = " ".join(x for x in (article.title, article.dek) if x)
    lead_words = words[:LEAD_WORDS]
    if head and lead_words and " ".join(lead_words).startswith(head):
        lead_words = words[len(head.split()) : len(head.split()) + LEAD_WORDS]
    title_lead = f"{head} {head} " + " ".join(lead_words)
    return body, title_lead, " ".join(entity_tokens(f"{head}\n{body}"))


def entity_tokens(text: str) -> list[str]:
    """Names, acronyms and multi-digit figures: capitalised words only where the capital is not owed
    to a sentence start, so a lower-cased text yields figures and acronyms alone."""
    out = []
    matches = (
        match
        for run in _RUN.finditer(text)
        if run.end() - run.start() <= LONGEST_RUN
        for match in _ENTITY.finditer(text, run.start(), run.end())
    )
    for match in matches:
        token = match.group(0)
        initial = _SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()])
        if token[0].isupper() and not token.isupper() and initial:
            continue
        out.append(token)
    return out


def count_matrix(texts: Sequence[str]) -> sp.csr_matrix:
    """Hashed raw term counts, one row per text."""
    return _VECTORIZER.transform(texts).tocsr()


def document_frequency(counts: sp.csr_matrix) -> np.ndarray:
    """How many rows hold each hashed term."""
    present = counts.copy()
    present.data[:] = 1
    return np.asarray(present.sum(axis=0)).ravel().astype(np.int64)


def idf_weights(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed IDF, the same formula as scikit-learn's TfidfTransformer."""
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    out = counts.copy()
    out.data = (1.0 + np.log(out.data)) * idf[out.indices]
    return out


def _weigh(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    return normalize(_tfidf(counts, idf), norm="l2", copy=False)


def _row_norms(matrix: sp.csr_matrix) -> np.ndarray:
    return np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())


def count_blocks(
    articles: Sequence[Article], texts: Sequence[str]
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """Raw hashed counts of the three blocks (body, title + lead, entities)."""
    fields = [_fields(a, t) for a, t in zip(articles, texts, strict=True)]
    return tuple(count_matrix([f[i] for f in fields]) for i in range(3))  # type: ignore[return-value]


def vectorize(
    blocks: tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix],
    idf: np.ndarray,
    weights=WEIGHTS,
    dense: np.ndarray | None = None,
    dense_weight: float = 0.0,
) -> sp.csr_matrix:
    """Unit-length rows [lexical | dense] whose dot product is (1 - a) * lexical cos + a * dense cos.

    Lexical is [w_b * body | w_t * title+lead | w_e * entities]; dense is a centred sentence
    embedding that links reports of one story told in different words. With a = 0 the dense
    columns stay empty, so the space keeps one shape either way.
    """
    body, title_lead, entities = (_tfidf(block, idf) for block in blocks)
    # the entity block is measured against the body, not normalised on its own: one shared figure in a
    # text with no names must not weigh as much as a dozen shared names
    scale = _row_norms(body)
    own = _row_norms(entities)
    scale[scale == 0] = own[scale == 0]
    scale[scale == 0] = 1.0
    parts = [
        normalize(body, norm="l2", copy=False) * weights[0],
        normalize(title_lead, norm="l2", copy=False) * weights[1],
        sp.diags((weights[2] / scale).astype(np.float32)) @ entities,
    ]
    lexical = normalize(sp.hstack(parts, format="csr", dtype=np.float32), norm="l2", copy=False)
    n = lexical.shape[0]
    if dense is None or dense_weight <= 0:
        tail = sp.csr_matrix((n, DENSE_DIM), dtype=np.float32)
        return sp.hstack([lexical, tail], format="csr", dtype=np.float32)
    unit = normalize(np.asarray(dense, dtype=np.float32), norm="l2")
    tail = sp.csr_matrix(unit * np.float32(math.sqrt(dense_weight)))
    head = lexical * np.float32(math.sqrt(1.0 - dense_weight))
    return sp.hstack([head, tail], format="csr", dtype=np.float32)


KEY_TERM_CHUNK = 1024  # articles whose shared key terms are counted at once
PAIR_CHUNK = 20_000  # row pairs whose dot products are taken at once: bounds the transient memory


def pair_dots(matrix: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dot product of rows a[i] and b[i] of a sparse matrix for every i, in chunks of PAIR_CHUNK."""
    return np.concatenate(
        [np.zeros(0)]
        + [
            np.asarray(
                matrix[a[k : k + PAIR_CHUNK]].multiply(matrix[b[k : k + PAIR_CHUNK]]).sum(axis=1),
                dtype=np.float64,
            ).ravel()
            for k in range(0, len(a), PAIR_CHUNK)
        ]
    )


def projection_matrix(seed: int = 0, per_feature: int = 4) -> sp.csr_matrix:
    """A fixed sparse sign projection (each feature to a few dims) to dense sketches for the ANN index."""
    rng = np.random.default_rng(seed)
    n_in = N_COLUMNS
    rows = np.repeat(np.arange(n_in), per_feature)
    cols = rng.integers(0, PROJECTION_DIM, n_in * per_feature)
    signs = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), n_in * per_feature)
    return sp.csr_matrix((signs, (rows, cols)), shape=(n_in, PROJECTION_DIM), dtype=np.float32)


def project(vectors: sp.csr_matrix, projection: sp.csr_matrix) -> np.ndarray:
    """Dense unit-length sketches whose cosine approximates the sparse cosine."""
    dense = np.asarray((vectors @ projection).todense(), dtype=np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return dense / norms


def _top_per_row(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Each row's k largest positive entries (ties broken by column order): deterministic and vectorised.

    One stable sort on a single key, row number minus the value scaled into [0, 0.5), keeps rows apart
    and orders each row by value; it is several times faster than a two-key lexsort."""
    matrix = matrix.tocsr()
    counts = np.diff(matrix.indptr)
    owner = np.repeat(np.arange(matrix.shape[0]), counts)
    scale = 2.0 * float(np.abs(matrix.data).max()) if matrix.nnz else 1.0
    order = np.argsort(owner - matrix.data.astype(np.float64) / scale, kind="stable")
    rank = np.arange(len(order)) - matrix.indptr[owner[order]]
    chosen = order[(rank < k) & (matrix.data[order] > 0)]
    return sp.csr_matrix(
        (matrix.data[chosen], (owner[chosen], matrix.indices[chosen])), shape=matrix.shape, dtype=np.float32
    )


def key_term_neighbours(
    vectors: sp.csr_matrix, rows: Sequence[int], terms: int = 30, max_df: int = 3000, neighbours: int = 32
) -> list[tuple[int, int]]:
    """Candidate pairs (row, other) from an inverted index over each article's heaviest lexical terms.

    The dense sketches of the ANN index approximate the cosine with an error of about 1/sqrt(256),
    enough to hide an article's true partner among thousands of look-alikes in a large stream; two
    reports of one event share their rarest heavy words. Terms held by more than `max_df` articles are
    left out of the index so the cost per article stays bounded as the stream grows; the partners are
    ranked by the summed weights of the shared key terms.
    """
    if not len(rows) or vectors.shape[0] < 2:
        return []
    lexical = vectors[:, : 3 * N_FEATURES].tocsr()
    df = np.bincount(lexical.indices, minlength=lexical.shape[1])
    lexical = lexical.copy()
    lexical.data = np.where(df[lexical.indices] <= max_df, lexical.data, 0.0).astype(np.float32)
    keys = _top_per_row(lexical, terms)
    keys_t = keys.T.tocsr()
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(rows), KEY_TERM_CHUNK):  # chunks keep the shared-term matrix small and cached
        chunk = np.asarray(rows[start : start + KEY_TERM_CHUNK])
        shared = (keys[chunk] @ keys_t).tocsr()
        own = sp.csr_matrix(
            (np.ones(len(chunk), dtype=np.float32), (np.arange(len(chunk)), chunk)), shape=shared.shape
        )
        shared = shared - shared.multiply(own)  # an article is not its own partner
        shared.eliminate_zeros()
        best = _top_per_row(shared, neighbours).tocoo()
        pairs.extend((int(chunk[i]), int(j)) for i, j in zip(best.row, best.col, strict=True))
    return pairs
