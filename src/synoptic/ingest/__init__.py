"""Read sources (files, folders, HTML, JSONL) into RawDocuments; bad input becomes coded Problems."""

from synoptic.ingest.files import read_sources, read_text
from synoptic.ingest.html import read_html

__all__ = ["read_html", "read_sources", "read_text"]
