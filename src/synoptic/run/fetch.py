"""Fetching URLs and feeds for every job (CLI, web, library) without becoming a proxy into the private
network (SSRF).

Every hop is checked: the host name is resolved, every address it resolves to must be public (unless
private URLs are allowed), the connection goes to the checked address, redirects are followed by hand
up to a bound, and the body is read under a byte cap and a time cap.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchLimits:
    """The fetch rules of `synoptic ingest URL` and (as `WebConfig`'s base) of the web app: one guard."""

    allow_private_urls: bool = False
    fetch_max_bytes: int = 5_000_000
    fetch_timeout_s: float = 10.0
    fetch_max_redirects: int = 5
    feed_max_entries: int = 20
    max_urls: int = 50


class FetchError(Exception):
    """A URL was refused or could not be fetched; the message says why, for the Problem record."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content_type: str
    body: bytes


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo client, NAT64): traffic to it ends up
    at that IPv4 host, so it is the one to judge."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and not _is_public(inner):
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def resolve_checked(host: str, port: int, allow_private: bool) -> str:
    """One address of `host` to connect to; refuses when any resolved address is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not allow_private and not _is_public(address):
            raise FetchError(f"refused: {host} resolves to non-public address {address}")
    return addresses[0]


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or FetchError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"bad URL {url!r}: {exc}") from exc
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
    if not parts.hostname:
        raise FetchError(f"URL has no host: {url!r}")
    if parts.username or parts.password:
        raise FetchError("URLs with credentials are refused")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


class _PinnedBackend:
    """httpcore network backend that connects to the checked address whatever DNS says next, so a
    rebinding name cannot swap in a private address between the check and the connection. TLS still
    verifies (and sends SNI for) the URL's host name."""

    def __init__(self, backend, address: str) -> None:
        self._backend = backend
        self._address = address

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return self._backend.connect_tcp(self._address, port, timeout, local_address, socket_options)

    def __getattr__(self, name: str):
        return getattr(self._backend, name)


def _pinned_transport(address: str) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(retries=0)
    pool = transport._pool
    pool._network_backend = _PinnedBackend(pool._network_backend, address)
    return transport


def fetch_url(url: str, config: FetchLimits) -> Fetched:
    """GET `url` under the config's caps, following at most `fetch_max_redirects` checked hops."""
    deadline = time.monotonic() + config.fetch_timeout_s
    current = url.strip()
    for _hop in range(config.fetch_max_redirects + 1):
        _scheme, host, port = check_url(current)
        address = resolve_checked(host, port, config.allow_private_urls)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {config.fetch_timeout_s:g} s")
        headers = {"User-Agent": "synoptic/0.1 (+news brief reader)", "Accept": "*/*"}
        transport = _pinned_transport(address)
        try:
            with (
                httpx.Client(transport=transport, timeout=remaining, trust_env=False) as client,
                client.stream("GET", current, headers=headers) as response,
            ):
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"redirect without Location from {current}")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} from {current}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > config.fetch_max_bytes:
                    raise FetchError(f"body of {declared} bytes exceeds {config.fetch_max_bytes}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > config.fetch_max_bytes:
                        raise FetchError(f"body exceeds {config.fetch_max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out after {config.fetch_timeout_s:g} s")
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Fetched(url=current, content_type=kind, body=bytes(body))
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    raise FetchError(f"more than {config.fetch_max_redirects} redirects")
