"""Synoptic: group news articles into stories and write checkable, cited briefs of them.

The public API is small and loads lazily, so `import synoptic` is cheap and heavy dependencies
(the sentence model, spaCy) load only when a brief is made.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "brief": "synoptic.pipeline",
    "build_brief": "synoptic.pipeline",
    "load_articles": "synoptic.pipeline",
    "read_articles": "synoptic.pipeline",
    "read_sources": "synoptic.ingest",
    "clean_documents": "synoptic.clean",
    "align_facts": "synoptic.synthesize.align",
    "render_json": "synoptic.render.json",
    "render_markdown": "synoptic.render.markdown",
    "render_html": "synoptic.render.html",
    "brief_schema": "synoptic.render.schema",
    "Settings": "synoptic.settings",
    "load_settings": "synoptic.settings",
    "SynopticError": "synoptic.errors",
    "Article": "synoptic.model",
    "Brief": "synoptic.model",
    "FactUnit": "synoptic.model",
    "Problem": "synoptic.model",
    "Span": "synoptic.model",
    "Story": "synoptic.model",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'synoptic' has no attribute {name!r}")
    return getattr(import_module(module), name)
