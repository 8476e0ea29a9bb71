"""Polite GETs for the watcher: conditional requests (ETag / Last-Modified), a per-host delay, a
timeout per request, and every hop through the SSRF guard of `synoptic.run.fetch`.

A feed that is polled every 15 minutes must cost its server almost nothing when nothing changed: the
watcher sends back the validators the server gave last time and takes a 304 as "nothing new". Every
failure is a `PollError` with a problem code, so a round reports "1 feed failed: 503" and goes on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from synoptic.run.fetch import FetchError, _pinned_transport, check_url, resolve_checked

_REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "synoptic-watch/0.1 (+news brief reader; polls politely)"


@dataclass(frozen=True)
class PollRules:
    """How the watcher fetches; `allow_hosts` lifts the SSRF guard for exactly those host names."""

    timeout_s: float = 10.0  # whole request, every hop included
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    host_delay_s: float = 1.0  # at least this long between two requests to one host
    allow_hosts: frozenset[str] = frozenset()
    allow_private_urls: bool = False


class PollError(Exception):
    """A request that gave nothing usable; `code` is a problem code, `reason` the short word for the
    round summary ("503", "timeout", "redirect loop")."""

    def __init__(self, code: str, reason: str, detail: str, retry_after_s: float | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.reason = reason
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Reply:
    url: str  # after redirects
    status: int  # 200 or 304
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Pacer:
    """Per-host spacing of requests: the next request to a host waits until `delay_s` after the last."""

    delay_s: float
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, -1e18) + self.delay_s
            start = max(now, ready)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)


@dataclass
class Counts:
    """What the poller sent, for the round report and the tests."""

    requests: int = 0  # HTTP requests, redirect hops included
    conditional: int = 0  # requests that carried If-None-Match or If-Modified-Since
    not_modified: int = 0


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


class Poller:
    """One poller per round: shares the pacer and the counts across every feed and page it fetches."""

    def __init__(self, rules: PollRules) -> None:
        self.rules = rules
        self.pacer = Pacer(rules.host_delay_s)
        self.counts = Counts()
        self._lock = threading.Lock()
        self._clients: dict[str, httpx.Client] = {}  # one per checked address: TLS context built once

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def __enter__(self) -> Poller:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _client(self, address: str) -> httpx.Client:
        with self._lock:
            client = self._clients.get(address)
            if client is None:
                client = httpx.Client(transport=_pinned_transport(address), trust_env=False)
                self._clients[address] = client
            return client

    def _allowed(self, host: str) -> bool:
        return self.rules.allow_private_urls or host.lower().rstrip(".") in self.rules.allow_hosts

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Reply:
        """GET with the validators given; a 304 comes back as a Reply with no body."""
        rules = self.rules
        deadline = time.monotonic() + rules.timeout_s
        current = url.strip()
        seen: set[str] = set()
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        for _hop in range(rules.max_redirects + 1):
            seen.add(current)
            try:
                _scheme, host, port = check_url(current)
                address = resolve_checked(host, port, self._allowed(host))
            except FetchError as exc:
                raise PollError("E_FETCH", "refused", str(exc)) from exc
            self.pacer.wait(host)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PollError("E_TIMEOUT", "timeout", f"no answer within {rules.timeout_s:g} s: {url}")
            headers = {"User-Agent": USER_AGENT, "Accept": "*/*", **conditional}
            with self._lock:
                self.counts.requests += 1
                self.counts.conditional += bool(conditional)
            try:
                reply = self._one(current, address, headers, remaining, deadline)
            except httpx.TimeoutException as exc:
                raise PollError(
                    "E_TIMEOUT", "timeout", f"no answer within {rules.timeout_s:g} s: {url}"
                ) from exc
            except httpx.HTTPError as exc:
                raise PollError("E_FETCH", "unreachable", f"{type(exc).__name__}: {exc}") from exc
            if isinstance(reply, str):  # a redirect
                target = urljoin(current, reply)
                if target in seen:
                    raise PollError(
                        "E_REDIRECT_LOOP", "redirect loop", f"{current} redirects back to {target}"
                    )
                current = target
                continue
            if reply.not_modified:
                with self._lock:
                    self.counts.not_modified += 1
            return reply
        raise PollError(
            "E_REDIRECT_LOOP", "redirect loop", f"more than {rules.max_redirects} redirects: {url}"
        )

    def _one(
        self, url: str, address: str, headers: Mapping[str, str], remaining: float, deadline: float
    ) -> Reply | str:
        """One hop: a Reply, or the Location of a redirect."""
        limit = self.rules.max_bytes
        with self._client(address).stream("GET", url, headers=headers, timeout=remaining) as response:
            status = response.status_code
            if status in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise PollError("E_FETCH", str(status), f"redirect without Location from {url}")
                return location
            if status == 304 and ("If-None-Match" in headers or "If-Modified-Since" in headers):
                return Reply(
                    url, 304, "", b"", response.headers.get("etag"), response.headers.get("last-modified")
                )
            if not 200 <= status < 300:
                wait = _retry_after(response.headers.get("retry-after"))
                raise PollError("E_FETCH", str(status), f"HTTP {status} from {url}", wait)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise PollError("E_TOO_LARGE", "too large", f"body of {declared} bytes exceeds {limit}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise PollError("E_TOO_LARGE", "too large", f"body exceeds {limit} bytes")
                if time.monotonic() > deadline:
                    raise PollError(
                        "E_TIMEOUT", "timeout", f"body not read within {self.rules.timeout_s:g} s"
                    )
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Reply(
                url,
                status,
                kind,
                bytes(body),
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            )
