"""The SQLite story store: articles, stories, membership, briefs, problems, runs and clustering state."""

from synoptic.store.sqlite import AddResult, Store, StoryRow

__all__ = ["AddResult", "Store", "StoryRow"]
