"""Line cleaning: classify every line of a document (body, title, dek, boilerplate...) and keep the body."""

from synoptic.clean.articles import clean_documents

__all__ = ["clean_documents"]
