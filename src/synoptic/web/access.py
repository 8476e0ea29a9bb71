"""Who may talk to the server: the Host it is addressed by, the origin a write comes from, the token.

A page on another site can make a browser send requests to a server on loopback: a form that posts to
`/add` (cross-site request forgery) or, with a DNS name rebound to 127.0.0.1, scripts that read the store.
The Host header, the Origin/Referer of writes and a form token that a foreign page cannot read close
those doors; non-browser clients, which send no Origin, are judged by the token rules alone.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_COOKIE = "synoptic_token"
FORM_COOKIE = "synoptic_form"
FORM_FIELD = "form_token"


def host_name(host_header: str) -> str:
    """A Host header's name without the port: 'example.org:8000' -> 'example.org', '[::1]:80' -> '::1'."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def origin_of(url: str) -> str | None:
    """'scheme://host[:port]' of a URL, or None when it has none ('null', garbage)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def foreign_origin(headers: Mapping[str, str], own_origin: str) -> str | None:
    """Why a state-changing request is refused as cross-site, or None.

    A browser names the page that sent a request in Origin (and Referer); when either names another
    origin, or Sec-Fetch-Site says cross-site, the request did not come from this app's own pages.
    """
    for name in ("origin", "referer"):
        value = headers.get(name)
        if value is None:
            continue
        origin = origin_of(value)
        if origin != own_origin.lower():
            return f"{name} {value[:80]!r} is not this server's origin"
        return None
    if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
        return "the request was sent from another site"
    return None


def cookies(headers: Mapping[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no cookie
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None


def token_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; no expected token means nothing matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def token_cookie(value: str, name: str, path: str = "/") -> str:
    """A Set-Cookie value a foreign site can neither read nor make the browser send."""
    return f"{name}={value}; Path={path}; HttpOnly; SameSite=Strict"
