"""What online clustering remembers between batches, and its byte form for the store."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from synoptic.cluster.features import DENSE_DIM, N_COLUMNS, N_FEATURES, PROJECTION_DIM
from synoptic.errors import StoreError

STATE_VERSION = 4
READABLE_VERSIONS = (3, 4)  # 3 lacks the per-article local level and alone flag


@dataclass
class ClusterState:
    """Document frequencies, every article's vector and sketch, and each story's running centroid.

    A story's centroid is the sum of its members' unit vectors; only its squared norm is kept, since
    the article-to-centroid dot product is the sum of dot products with the members. Per article it also
    keeps how similar it was to its nearest neighbours when it arrived (`article_typical`: the local
    level its matches are measured against) and whether it had too little text to place (`article_alone`).
    """

    df: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, dtype=np.int64))
    n_docs: int = 0
    vectors: sp.csr_matrix = field(default_factory=lambda: sp.csr_matrix((0, N_COLUMNS), dtype=np.float32))
    sketches: np.ndarray = field(default_factory=lambda: np.zeros((0, PROJECTION_DIM), dtype=np.float32))
    article_ids: list[str] = field(default_factory=list)
    article_story: list[int] = field(default_factory=list)
    article_typical: list[float] = field(default_factory=list)
    article_alone: list[bool] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)
    story_labels: list[str] = field(default_factory=list)
    story_members: list[list[int]] = field(default_factory=list)
    story_norm2: list[float] = field(default_factory=list)
    story_last_day: list[float] = field(default_factory=list)
    sentence_counts: dict[int, int] = field(default_factory=dict)
    dense_sum: np.ndarray = field(default_factory=lambda: np.zeros(DENSE_DIM, dtype=np.float64))

    def story_sums(self, stories: Sequence[int]) -> sp.csr_matrix:
        """One row per story in `stories`: the sum of its members' vectors (average link reads it)."""
        rows = [m for s in stories for m in self.story_members[s]]
        owner = np.repeat(np.arange(len(stories)), [len(self.story_members[s]) for s in stories])
        indicator = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (owner, np.arange(len(rows)))),
            shape=(len(stories), len(rows)),
        )
        return (indicator @ self.vectors[rows]).tocsr()

    def story_of(self) -> dict[str, str]:
        """article id -> story id for every article seen so far."""
        return {a: self.story_ids[s] for a, s in zip(self.article_ids, self.article_story, strict=True)}

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez(
            buf,
            version=np.array([STATE_VERSION]),
            df=self.df,
            n_docs=np.array([self.n_docs]),
            data=self.vectors.data,
            indices=self.vectors.indices,
            indptr=self.vectors.indptr,
            sketches=self.sketches,
            article_ids=np.array(self.article_ids, dtype=str),
            article_story=np.array(self.article_story, dtype=np.int64),
            article_typical=np.array(self.article_typical, dtype=np.float64),
            article_alone=np.array(self.article_alone, dtype=bool),
            story_ids=np.array(self.story_ids, dtype=str),
            story_labels=np.array(self.story_labels, dtype=str),
            story_norm2=np.array(self.story_norm2, dtype=np.float64),
            story_last_day=np.array(self.story_last_day, dtype=np.float64),
            dense_sum=self.dense_sum,
            sentence_keys=np.array(sorted(self.sentence_counts), dtype=np.int64),
            sentence_counts=np.array(
                [self.sentence_counts[k] for k in sorted(self.sentence_counts)], dtype=np.int64
            ),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> ClusterState:
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            if int(z["version"][0]) not in READABLE_VERSIONS:
                found = int(z["version"][0])
                raise StoreError(
                    f"the store's cluster state is version {found}, this Synoptic reads {READABLE_VERSIONS}: "
                    "cluster into a new store (synoptic ingest + cluster with another --db)"
                )
            n = len(z["article_ids"])
            vectors = sp.csr_matrix(
                (z["data"], z["indices"], z["indptr"]), shape=(n, N_COLUMNS), dtype=np.float32
            )
            article_story = [int(s) for s in z["article_story"]]
            story_ids = [str(s) for s in z["story_ids"]]
            members: list[list[int]] = [[] for _ in story_ids]
            for row, story in enumerate(article_story):
                members[story].append(row)
            return cls(
                df=z["df"].astype(np.int64),
                n_docs=int(z["n_docs"][0]),
                vectors=vectors,
                sketches=z["sketches"].astype(np.float32),
                article_ids=[str(a) for a in z["article_ids"]],
                article_story=article_story,
                # version 3 predates local levels: held as crowded, and no article was kept alone
                article_typical=[float(x) for x in z["article_typical"]]
                if "article_typical" in z
                else [1.0] * n,
                article_alone=[bool(x) for x in z["article_alone"]] if "article_alone" in z else [False] * n,
                story_ids=story_ids,
                story_labels=[str(s) for s in z["story_labels"]],
                story_members=members,
                story_norm2=[float(x) for x in z["story_norm2"]],
                story_last_day=[float(x) for x in z["story_last_day"]],
                dense_sum=z["dense_sum"].astype(np.float64),
                sentence_counts={
                    int(k): int(c) for k, c in zip(z["sentence_keys"], z["sentence_counts"], strict=True)
                },
            )
