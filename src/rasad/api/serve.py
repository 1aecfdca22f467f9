"""`rasad serve`: the app under uvicorn."""

from __future__ import annotations

import os
import sys

from rasad.errors import RasadError


class ServeError(RasadError):
    """`rasad serve` was started in a way that cannot work (a token variable that is not set...)."""

    code = "E600"


def check_token(token: str) -> str:
    """``token`` if it can travel in an HTTP header (printable ASCII, no spaces, 16 characters or more)."""
    if not token.isascii() or not token.isprintable() or " " in token:
        raise ServeError("the write token must be printable ASCII without spaces (it travels in an HTTP header)", value=None)
    if len(token) < 16:
        raise ServeError(f"the write token is {len(token)} characters; use 16 or more (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')", value=None)
    return token


def token_from(env: str | None, value: str | None) -> str | None:
    """The write token: from the environment variable named ``env`` (preferred: a command line shows in
    the process list), or given as ``value``; None for a read-only server."""
    if env:
        token = os.environ.get(env, "")
        if not token.strip():
            raise ServeError(f"--token-env {env}: the environment variable {env} is not set or empty; set it to the write token", value=env)
        return check_token(token.strip())
    if value is not None:
        if not value.strip():
            raise ServeError("--write-token is empty; give a token (or leave it out for a read-only server)", value=value)
        return check_token(value.strip())
    return None


def serve(db: str, host: str, port: int, token: str | None, log_level: str = "info") -> None:
    import uvicorn

    from rasad.api.app import create_app
    from rasad.store.db import redact

    app = create_app(db, write_token=token)
    mode = "read-write (POST /api/ingest with the token)" if token else "read-only"
    print(f"rasad: serving {redact(db)} at http://{host}:{port}/ ({mode}); the API is under /api", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)
