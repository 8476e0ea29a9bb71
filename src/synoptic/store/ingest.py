"""Ingest into the store: the job lives in `synoptic.run.ingest` (one path for the CLI, the web app and
the runners); this name stays for callers of the earlier API."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from synoptic.settings import Settings

if TYPE_CHECKING:
    from synoptic.run.ingest import IngestReport
    from synoptic.store.sqlite import Store


def ingest_paths(store: Store, paths: Sequence[str | Path], settings: Settings) -> IngestReport:
    """Read, clean and store every source in this process (`synoptic.run.ingest_sources`)."""
    from synoptic.run.ingest import ingest_sources

    return ingest_sources(store, paths, settings)
