"""What makes two fetched pages one article before cleaning: the same address once normalised, the
page's own canonical address (`<link rel="canonical">`, `og:url`), or the same text.

The store already files an article under the hash of its cleaned text, but cleaning looks at the
whole batch, so a page republished at another address in a later round could clean differently; these
keys catch it before it is cleaned, and spare the fetch when the address itself is known.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TAG = re.compile(rb"<(link|meta)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
_SPACE = re.compile(r"\s+")


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(_TRACKING)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


def canonical_url(body: bytes, base: str) -> str | None:
    """The page's declared address: `<link rel="canonical" href>`, else `<meta property="og:url">`."""
    head = body[:200_000]
    found: dict[str, str] = {}
    for tag in _TAG.finditer(head):
        attrs: dict[bytes, bytes] = {}
        for match in _ATTR.finditer(tag.group(0)):
            attrs[match.group(1).lower()] = match.group(2) or match.group(3) or match.group(4) or b""
        if tag.group(1).lower() == b"link" and b"canonical" in attrs.get(b"rel", b"").lower().split():
            found.setdefault("canonical", attrs.get(b"href", b"").decode("utf-8", "replace"))
        if attrs.get(b"property", b"").lower() == b"og:url":
            found.setdefault("og", attrs.get(b"content", b"").decode("utf-8", "replace"))
    for key in ("canonical", "og"):
        value = found.get(key, "").strip()
        if value:
            absolute = urljoin(base, value)
            if absolute.lower().startswith(("http://", "https://")):
                return absolute
    return None


def text_key(text: str) -> str:
    """A key for the page's extracted text, blind to case and spacing."""
    digest = hashlib.sha256(_SPACE.sub(" ", text).strip().lower().encode("utf-8")).hexdigest()[:24]
    return f"text:{digest}"
