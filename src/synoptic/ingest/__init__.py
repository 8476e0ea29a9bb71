"""Read sources (files, folders, HTML, JSONL, feeds, WARC) into RawDocuments; bad input becomes Problems."""

from synoptic.ingest.feeds import read_feed
from synoptic.ingest.files import read_sources, read_text
from synoptic.ingest.html import read_html
from synoptic.ingest.warc import read_warc

__all__ = ["read_feed", "read_html", "read_sources", "read_text", "read_warc"]
