"""The web layer fetches through the library's guarded fetcher (`synoptic.run.fetch`); names kept here."""

from synoptic.run.fetch import (
    Fetched,
    FetchError,
    FetchLimits,
    _is_public,
    check_url,
    embedded_ipv4,
    fetch_url,
    resolve_checked,
)

__all__ = [
    "FetchError",
    "FetchLimits",
    "Fetched",
    "_is_public",
    "check_url",
    "embedded_ipv4",
    "fetch_url",
    "resolve_checked",
]
