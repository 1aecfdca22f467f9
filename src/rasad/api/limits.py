"""Request limits and response headers, as plain ASGI middleware (they act before any route reads a byte).

- A body larger than ``max_body`` bytes is refused with 413: at once when its Content-Length says so, else
  as soon as the bytes received pass the limit (the rest is never read).
- A URL whose query string is longer than ``MAX_QUERY`` is refused with 414.
- Every response carries a Content-Security-Policy that allows only this server's own scripts, styles and
  requests (defence in depth: pages escape everything anyway), and nosniff / no-referrer / no-framing.
"""

from __future__ import annotations

import json
from typing import Any

from rasad.api.errors import error_body

MAX_BODY = 2 * 1024 * 1024
MAX_QUERY = 8192
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


async def _send_error(send: Any, status: int, code: str, message: str, detail: Any = None) -> None:
    body = json.dumps(error_body(code, message, detail)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *SECURITY_HEADERS],
    })
    await send({"type": "http.response.body", "body": body})


class Limits:
    """Refuses oversized bodies (413) and query strings (414) before the app sees them; adds security headers."""

    def __init__(self, app: Any, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            await _send_error(send, 414, "uri_too_long", f"the query string is longer than {MAX_QUERY} bytes; shorten it", {"limit": MAX_QUERY})
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_error(send, 400, "bad_request", "the Content-Length header is not a number")
                    return
        too_big = f"the request body is larger than the limit of {self.max_body} bytes; send a smaller article or split the batch"
        if declared is not None and declared > self.max_body:
            await _send_error(send, 413, "payload_too_large", too_big, {"limit": self.max_body, "content_length": declared})
            return
        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # no length given (chunked): read up to the limit here, refuse past it, replay what was read
            chunks: list[bytes] = []
            size = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await _send_error(send, 413, "payload_too_large", too_big, {"limit": self.max_body})
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay() -> dict:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            receive = replay

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message = dict(message)
                message["headers"] = list(message.get("headers", ())) + [h for h in SECURITY_HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
