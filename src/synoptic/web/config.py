"""What the web app needs beyond `Settings`: where it listens, who may write, what it may fetch."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from synoptic.run.fetch import FetchLimits


def is_loopback_host(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    name = host.strip("[]").lower()
    if name in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "localhost.localdomain")
_WILDCARDS = {"0.0.0.0", "::", ""}


@dataclass(frozen=True)
class WebConfig(FetchLimits):
    """Limits and permissions of one server. Caps keep one request from exhausting the machine; the
    fetch caps are `FetchLimits`, the same rules `synoptic ingest URL` runs under."""

    host: str = "127.0.0.1"
    token: str | None = None  # SYNOPTIC_TOKEN; required for writes when bound beyond loopback
    # Host header names accepted besides the loopback names and `host` itself; a server bound to all
    # interfaces answers only these (DNS rebinding points a foreign name at this address)
    allowed_hosts: tuple[str, ...] = ()
    read_token: bool | None = None  # reads need the token too; None: only when bound beyond loopback
    max_body_bytes: int = 25_000_000

    @property
    def writes_need_token(self) -> bool:
        return not is_loopback_host(self.host) or bool(self.token)

    @property
    def reads_need_token(self) -> bool:
        return (not is_loopback_host(self.host)) if self.read_token is None else self.read_token

    @property
    def host_names(self) -> frozenset[str]:
        """Names a request's Host header may carry (without port), lower case."""
        names = {*LOOPBACK_NAMES, *(h.lower() for h in self.allowed_hosts)}
        if self.host.lower() not in _WILDCARDS:
            names.add(self.host.strip("[]").lower())
        return frozenset(names)
