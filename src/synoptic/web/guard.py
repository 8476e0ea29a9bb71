"""Security at the edge: one error shape, strict headers on every response, a request body cap, the
Host and Origin checks and the read token (`web.access`), and HEAD answered as GET without a body."""

from __future__ import annotations

import html
import json
from http import HTTPStatus
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from synoptic.web.access import (
    SAFE_METHODS,
    TOKEN_COOKIE,
    bearer,
    cookies,
    foreign_origin,
    host_name,
    token_cookie,
    token_ok,
)
from synoptic.web.config import WebConfig

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # own forms must send their Origin; links say nothing
    (b"cross-origin-opener-policy", b"same-origin"),
]


def error_body(status: int, message: str, code: str | None = None) -> dict:
    """The one error shape: {"error": {"code", "message"}}; code is a stable snake_case name."""
    if code is None:
        try:
            code = HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
        except ValueError:
            code = "error"
    return {"error": {"code": code, "message": message}}


class TooLarge(HTTPException):
    """Raised from inside `receive`; an HTTPException so body parsers pass it on as a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class GuardMiddleware:
    """Every request passes here first. Refuses unknown Host names, cross-site writes, reads without
    the token where reads need one, and bodies over `max_body_bytes` (judged by Content-Length first and
    by the bytes actually received otherwise); adds the security headers to every response."""

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config
        self.max_body_bytes = config.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await send_error(send, scope, *refusal)
            return
        if scope["method"] in SAFE_METHODS and self.config.reads_need_token and _query_token(scope):
            await self._sign_in(scope, send)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await send_error(send, scope, 413, f"request body larger than {self.max_body_bytes} bytes")
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise TooLarge(self.max_body_bytes)
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *[(k, v) for k, v in SECURITY_HEADERS if k not in names],
                ]
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except TooLarge:
            if not started:
                await send_error(send, scope, 413, f"request body larger than {self.max_body_bytes} bytes")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, str | None] | None:
        config = self.config
        host = headers.get("host", "")
        if host_name(host) not in config.host_names:
            return 400, f"host {host[:80]!r} is not served here (see --allowed-host)", "host_not_allowed"
        method = scope["method"]
        if method not in SAFE_METHODS:
            reason = foreign_origin(headers, f"{scope.get('scheme', 'http')}://{host}")
            if reason:
                return 403, f"cross-site request refused: {reason}", "cross_site_request"
        elif config.reads_need_token and not scope["path"].startswith("/static/"):
            if not config.token:
                return 403, "reads are off: this server has no SYNOPTIC_TOKEN", "reads_off"
            given = bearer(headers.get("authorization")) or cookies(headers).get(TOKEN_COOKIE)
            if not token_ok(config.token, given) and not _query_token(scope):
                return 401, "a valid token is required (Authorization: Bearer, or ?token= once)", None
        return None

    async def _sign_in(self, scope: Scope, send: Send) -> None:
        """`/page?token=…` with the right token: the token moves into a cookie the browser keeps for this
        server only, and the page is opened again without it in the address bar (or history)."""
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        if not token_ok(self.config.token, dict(pairs).get("token")):
            await send_error(send, scope, 401, "wrong token")
            return
        rest = urlencode([(k, v) for k, v in pairs if k != "token"])
        location = scope["path"] + (f"?{rest}" if rest else "")
        cookie = token_cookie(self.config.token or "", TOKEN_COOKIE)
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1", "replace")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"content-length", b"0"),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _query_token(scope: Scope) -> bool:
    return any(k == "token" for k, _ in parse_qsl(scope.get("query_string", b"").decode("latin-1")))


async def send_error(send: Send, scope: Scope, status: int, message: str, code: str | None = None) -> None:
    """The one error shape from the edge: JSON for the API, a small page for a browser."""
    path = scope.get("path", "")
    if path.startswith("/api") or path == "/openapi.json":
        body = json.dumps(error_body(status, message, code)).encode()
        kind = b"application/json"
    else:
        body = (
            "<!doctype html><meta charset=utf-8><title>Error</title>"
            f"<h1>{status}</h1><p>{html.escape(message)}</p>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body if scope.get("method") != "HEAD" else b""})
