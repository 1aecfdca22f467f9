"""The web application: the JSON API under /api, the pages, and the pages' own scripts and styles."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from rasad.api import errors, routes, write
from rasad.api.deps import Settings
from rasad.api.limits import MAX_BODY, Limits
from rasad.store.db import DEFAULT_DB, open_store


def create_app(db: str | Path = DEFAULT_DB, *, write_token: str | None = None, max_body: int = MAX_BODY, pipeline: object = None) -> FastAPI:
    """The app serving the store at ``db``. Read-only unless ``write_token`` is given (then
    ``POST /api/ingest`` accepts requests that carry it). The store is opened (and migrated) once here,
    so a missing or unreadable store fails at start-up, not on the first request."""
    import rasad
    from rasad.web import pages, static

    from rasad.api.serve import check_token

    db = str(db)
    if write_token:
        check_token(write_token)
    with open_store(db, must_exist=write_token is None):
        pass
    app = FastAPI(
        title="Rasad",
        version=rasad.__version__,
        description="Persian and Arabic news as structured records: articles, actors, events, quotes, every fact "
        "with its offsets into the original text. Errors: `{\"error\": {\"code\", \"message\", \"detail\"}}`.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN; the pages here work offline
        redoc_url=None,
    )
    app.state.settings = Settings(db=db, write_token=write_token or None, max_body=max_body, _pipeline=pipeline)
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(write.router)
    app.include_router(static.router)
    app.include_router(pages.router)
    app.add_middleware(Limits, max_body=max_body)
    return app
