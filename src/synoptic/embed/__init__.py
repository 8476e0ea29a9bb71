"""Sentence embeddings: an Embedder protocol, the offline MiniLM model, and a content-hash cache."""

from synoptic.embed.cache import CachedEmbedder, EmbeddingCache
from synoptic.embed.model import Embedder, HashingEmbedder, MiniLMEmbedder, default_embedder

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "EmbeddingCache",
    "HashingEmbedder",
    "MiniLMEmbedder",
    "default_embedder",
]
