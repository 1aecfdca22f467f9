"""What every route shares: the server's settings, a store connection per request, pagination."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Query, Request

from rasad.store.db import Store, open_store

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_TEXT_PARAM = 500  # characters in a query or filter value


@dataclass
class Settings:
    """How the server was started. ``write_token`` None means read-only."""

    db: str
    write_token: str | None = None
    max_body: int = 2 * 1024 * 1024
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Any = None

    def pipeline(self) -> Any:
        """The default pipeline, loaded on first use (loading takes a few seconds)."""
        if self._pipeline is None:
            import rasad

            self._pipeline = rasad.load_pipeline()
        return self._pipeline


def settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Iterator[Store]:
    """A connection for this request (SQLite connections belong to one thread), closed after it."""
    store = open_store(settings(request).db, must_exist=True, migrate=False)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"items to skip (0-{MAX_OFFSET})"),
) -> Paging:
    return Paging(limit, offset)


def link(request: Request, **changes: Any) -> str:
    """This request's path and query with ``changes`` applied (a value of None drops the parameter)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def page(request: Request, items: list[Any], p: Paging, **extra: Any) -> dict[str, Any]:
    """The envelope of every list: ``items`` (at most ``limit``; pass up to limit+1 to learn whether more
    follow), ``limit``, ``offset``, and ``next`` / ``prev`` links (null at either end)."""
    more = len(items) > p.limit
    items = items[: p.limit]
    return {
        **extra,
        "items": items,
        "limit": p.limit,
        "offset": p.offset,
        "next": link(request, offset=p.offset + p.limit) if more and p.offset + p.limit <= MAX_OFFSET else None,
        "prev": link(request, offset=max(0, p.offset - p.limit)) if p.offset > 0 else None,
    }
