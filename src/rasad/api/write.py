"""The two routes that run the pipeline: ``POST /api/extract`` (anyone; returns what `rasad extract` prints,
stores nothing) and ``POST /api/ingest`` (stores articles; only with the write token set at start-up).

The token travels as ``Authorization: Bearer TOKEN`` and is compared with :func:`hmac.compare_digest`
(time independent of where the strings differ). No token -> 401, a wrong one -> 403, a server started
without one -> 403 ``read_only``; the token is checked before the body is read.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from rasad.api.deps import Settings, settings
from rasad.api.errors import ApiError
from rasad.api.models import ArticleIn, IngestIn
from rasad.doc import Article
from rasad.errors import InputError

router = APIRouter(prefix="/api")


def read_article(item: ArticleIn) -> Article:
    """The pipeline's input, made as `rasad extract` makes it from a .txt file or an .html page."""
    from rasad.ingest.readers import from_html, from_text

    if item.html is not None:
        return from_html(item.html, item.source)
    return from_text(item.text or "", item.source, url=item.url)


def check_token(request: Request) -> None:
    token = settings(request).write_token
    if token is None:
        raise ApiError(403, "this server is read-only; start it with `rasad serve --token-env NAME` to accept writes", code="read_only")
    header = request.headers.get("authorization")
    scheme, _, given = (header or "").partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "writing needs the write token: send the header `Authorization: Bearer TOKEN`", code="unauthorized", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(403, "the write token is wrong", code="forbidden")


def _extract(s: Settings, item: ArticleIn) -> dict[str, Any]:
    from rasad.serialize import to_dict

    article = read_article(item)
    with s.pipeline_lock:
        return to_dict(s.pipeline()(article))


@router.post("/extract", summary="Run the pipeline on one article and return the same JSON as `rasad extract` (nothing is stored)")
def api_extract(request: Request, item: ArticleIn) -> dict[str, Any]:
    return _extract(settings(request), item)


def _ingest(s: Settings, body: IngestIn) -> dict[str, Any]:
    from rasad.store import ingest, open_store
    from rasad.store.rows import store_id
    from rasad.store.write import exists

    items: list[Article | InputError] = []
    stored: list[dict[str, str]] = []
    for n, a in enumerate(body.articles):
        try:
            article = read_article(a)
        except InputError as exc:
            items.append(exc)
            continue
        items.append(article)
        stored.append({"index": n, "source": article.source, "id": store_id(article.id, article.url)})
    with s.write_lock, s.pipeline_lock, open_store(s.db) as store:
        report = ingest(store, items, s.pipeline())
        stored = [x for x in stored if exists(store, x["id"])]
    return {
        "added": report.added,
        "existing": report.existing,
        "skipped": [{"source": src, "reason": reason} for src, reason in report.skipped],
        "articles": stored,
    }


def _ingest_schema() -> dict[str, Any]:
    schema = IngestIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)  # ArticleIn is in the components already (POST /api/extract takes it)
    return schema


@router.post(
    "/ingest",
    summary="Store articles (needs the write token: Authorization: Bearer TOKEN)",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _ingest_schema()}}}},
)
async def api_ingest(request: Request) -> dict[str, Any]:
    check_token(request)
    raw = await request.body()
    try:
        body = IngestIn.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()]) from None
    return await run_in_threadpool(_ingest, settings(request), body)
