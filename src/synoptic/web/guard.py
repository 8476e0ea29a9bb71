"""Security at the edge: one error shape, strict headers on every response, a request body cap, and a
token for writes when the server is reachable from other machines."""

from __future__ import annotations

import hmac
import json
from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
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


def token_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; no expected token means nothing matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None


class TooLarge(HTTPException):
    """Raised from inside `receive`; an HTTPException so body parsers pass it on as a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class GuardMiddleware:
    """Adds security headers to every response and answers 413 when a body exceeds `max_body_bytes`,
    judged by Content-Length first and by the bytes actually received otherwise."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._reject(send, scope)
            return
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
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except TooLarge:
            if not started:
                await self._reject(send, scope)

    async def _reject(self, send: Send, scope: Scope) -> None:
        limit = self.max_body_bytes
        body = json.dumps(error_body(413, f"request body larger than {limit} bytes")).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
