"""The jobs, for the CLI, the web app and any program: ingest sources into a store, cluster it, brief
every story, add documents to a live store; each takes a Runner (local, process pool, Ray) for its
parallel parts, and only the driver writes the store."""

from synoptic.cluster.stream import cluster_store
from synoptic.run.briefs import BriefsReport, brief_key, build_one, story_from_row, write_briefs
from synoptic.run.fetch import FetchError, FetchLimits, fetch_url
from synoptic.run.ingest import IngestReport, ReadArticle, ingest_documents, ingest_sources
from synoptic.run.live import AddReport, add_documents
from synoptic.run.remote import is_url, read_feed_url, read_remote, read_urls
from synoptic.run.runner import RUNNERS, LocalRunner, ProcessRunner, Runner, make_runner, runner_for

__all__ = [
    "RUNNERS",
    "AddReport",
    "BriefsReport",
    "FetchError",
    "FetchLimits",
    "IngestReport",
    "LocalRunner",
    "ProcessRunner",
    "ReadArticle",
    "Runner",
    "add_documents",
    "brief_key",
    "build_one",
    "cluster_store",
    "fetch_url",
    "ingest_documents",
    "ingest_sources",
    "is_url",
    "make_runner",
    "read_feed_url",
    "read_remote",
    "read_urls",
    "runner_for",
    "story_from_row",
    "write_briefs",
]
