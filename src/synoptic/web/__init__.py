"""The web app: server-rendered pages and a JSON API over the story store."""

from synoptic.web.app import create_app
from synoptic.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
