"""The API's one error shape: ``{"error": {"code", "message", "detail"}}``, for every status.

``code`` is a stable word (``not_found``, ``invalid_request``...), ``message`` says what was wrong and what to
do, ``detail`` carries the particulars (the fields that failed validation, the offending value) or null.
Pages get the same three fields rendered as HTML; their JSON twins (``?format=json``, ``/api/...``) get JSON.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasad.errors import InputError, RasadError
from rasad.store.errors import AmbiguousActor, SearchError, StoreError, UnknownActor

log = logging.getLogger("rasad.api")

# status -> the code every error with that status carries unless it names a sharper one
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the API answers on purpose: an HTTP status, a code, a message saying what to do."""

    def __init__(self, status: int, message: str, *, code: str | None = None, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.detail = detail
        self.headers = headers


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail}}


def _plain(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (validation details may hold exceptions or bytes)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def wants_html(request: Request) -> bool:
    """A page asked for by a browser gets an HTML error page; the API and JSON twins get JSON."""
    path = request.url.path
    if path == "/api" or path.startswith(("/api/", "/static/")) or request.query_params.get("format") == "json":
        return False
    return "text/html" in request.headers.get("accept", "")


def respond(request: Request, status: int, code: str, message: str, detail: Any = None, headers: dict[str, str] | None = None) -> Response:
    body = error_body(code, message, _plain(detail))
    if wants_html(request):
        from rasad.web.pages import error_page

        return error_page(request, status, body, headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _rasad_error(exc: RasadError) -> tuple[int, str]:
    if isinstance(exc, UnknownActor):
        return 404, "unknown_actor"
    if isinstance(exc, AmbiguousActor):
        return 409, "ambiguous_actor"
    if isinstance(exc, SearchError):
        return 400, "bad_search"
    if isinstance(exc, InputError):
        return 422, "bad_article"
    if isinstance(exc, StoreError):
        return 503, "store_unavailable"
    return 422, "rasad_error"


def install(app: FastAPI) -> None:
    """Route every error, expected or not, through :func:`respond`."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        if status == 404:
            message = f"nothing at {request.url.path}; the API's routes are listed at /api and described at /api/openapi.json"
        elif status == 405:
            allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow") or ""
            message = f"{request.method} is not allowed on {request.url.path}" + (f"; use {allowed}" if allowed else "")
        else:
            message = str(exc.detail)
        return respond(request, status, CODES.get(status, "error"), message, None, dict(exc.headers or {}) or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()))
            problems.append({"where": where, "problem": e.get("msg", ""), "type": e.get("type", "")})
        summary = "; ".join(f"{p['where']}: {p['problem']}" for p in problems[:5])
        return respond(request, 422, "invalid_request", f"the request is not valid: {summary}", problems)

    @app.exception_handler(RasadError)
    async def rasad_error(request: Request, exc: RasadError) -> Response:
        status, code = _rasad_error(exc)
        return respond(request, status, code, exc.args[0] if exc.args else str(exc), {"rasad_code": exc.code})

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error", "the server failed on this request; the error is in the server's log", None)
