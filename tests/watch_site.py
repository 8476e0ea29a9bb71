"""Private test helper: a real HTTP server on 127.0.0.1 serving feeds and article pages whose answers a
test changes between rounds (ETag / Last-Modified and 304s, errors, delays, redirects), and a log of
every request it received. Used by tests/test_watch.py, tests/test_history.py and bench/watch.py.
"""

from __future__ import annotations

import hashlib
import html
import http.server
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: bool = True  # send an ETag and answer If-None-Match with 304
    last_modified: str | None = None  # send this Last-Modified and honour If-Modified-Since
    delay_s: float = 0.0
    location: str | None = None  # for 3xx
    retry_after: str | None = None


@dataclass(frozen=True)
class Hit:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int

    @property
    def conditional(self) -> bool:
        return bool(self.if_none_match or self.if_modified_since)


@dataclass
class LocalSite:
    """Routes by path; `hits` lists every request in the order served."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    received: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()
        self.received.clear()

    def answer(self, path: str, headers) -> tuple[int, dict[str, str], bytes, float]:
        route = self.routes.get(path)
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found", 0.0
        out = {"Content-Type": route.content_type}
        if route.location:
            out["Location"] = route.location
        if route.retry_after:
            out["Retry-After"] = route.retry_after
        if route.status != 200:
            return route.status, out, route.body, route.delay_s
        tag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        if route.etag:
            out["ETag"] = tag
            if headers.get("If-None-Match") == tag:
                return 304, {"ETag": tag}, b"", route.delay_s
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
            if headers.get("If-Modified-Since") == route.last_modified:
                return 304, {}, b"", route.delay_s
        return 200, out, route.body, route.delay_s


def serve(site: LocalSite) -> http.server.ThreadingHTTPServer:
    """Start the site on a free loopback port in a daemon thread; the caller shuts it down."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body, delay = site.answer(self.path, self.headers)
            with site._lock:
                tag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                site.hits.append(Hit(self.path, tag, since, status))
            site.received.set()
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def http_date(epoch: float) -> str:
    return formatdate(epoch, usegmt=True)


def page(
    title: str, outlet: str, paragraphs: list[str], published: str, canonical: str | None = None
) -> bytes:
    """An article page with the metadata a news site gives (site name, publication time, canonical)."""
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(outlet)}">'
        f'<meta property="article:published_time" content="{published}">{link}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>"
        f"<pubDate>{date}</pubDate><description>{html.escape(t)}</description></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
        f"<channel><title>{html.escape(title)}</title>"
        f"<link>http://127.0.0.1/</link><description>news</description>{entries}</channel></rss>"
    ).encode()


RSS_TYPE = "application/rss+xml"
