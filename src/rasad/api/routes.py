"""The read-only API: articles, search, actors, events, quotes, clusters, the meeting network, exports.

Each route is a thin wrapper over a ``*_data`` function; the pages (rasad.web.pages) call the same
functions, so a page and its JSON twin always show the same facts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from rasad.api import queries
from rasad.api.deps import MAX_TEXT_PARAM, Paging, get_store, page, paging, settings
from rasad.api.errors import ApiError
from rasad.api.models import DATE, EventFilters, NetworkFilters, SearchFilters, event_filters, network_filters, search_filters
from rasad.store import search
from rasad.store.db import Store, open_store

router = APIRouter(prefix="/api")
EXPORT_MAX = 10_000
EXPORT_CHUNK = 50


def analysis():  # imported late: the module is optional at import time of the app
    from rasad.store import analysis as module

    return module


# ------------------------------------------------------------------ data (shared with the pages)


def index_data(request: Request, store: Store) -> dict[str, Any]:
    s = settings(request)
    return {
        "name": "rasad",
        "read_only": s.write_token is None,
        "counts": queries.counts(store),
        "openapi": "/api/openapi.json",
        "endpoints": {
            "articles": "/api/articles", "article": "/api/articles/{id}", "search": "/api/search?q=",
            "actors": "/api/actors", "actor": "/api/actors/{id}", "events": "/api/events", "quotes": "/api/quotes",
            "clusters": "/api/clusters", "network": "/api/network", "said_about": "/api/said-about?topic=",
            "export_articles": "/api/export/articles.jsonl", "export_events": "/api/export/events.jsonl",
            "export_quotes": "/api/export/quotes.jsonl", "extract": "POST /api/extract", "ingest": "POST /api/ingest (write token)",
        },
    }


def articles_data(request: Request, store: Store, p: Paging, lang: str | None, outlet: str | None, date_from: str | None, date_to: str | None) -> dict[str, Any]:
    items = queries.list_articles(store, lang=lang, outlet=outlet, date_from=date_from, date_to=date_to, limit=p.limit + 1, offset=p.offset)
    return page(request, items, p)


def article_data(store: Store, article_id: str) -> dict[str, Any]:
    record = analysis().get_article(store, article_id)
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}; list them at /api/articles or search at /api/search", code="article_not_found", detail={"id": article_id})
    return record


def search_data(request: Request, store: Store, f: SearchFilters, p: Paging) -> dict[str, Any]:
    hits = search(store, f.q, **f.kwargs(), limit=p.offset + p.limit + 1)[p.offset :]
    out = page(request, [h.to_json() for h in hits], p)
    out["query"] = {"q": f.q, **f.kwargs()}
    return out


def actors_data(request: Request, store: Store, p: Paging, q: str | None, type_: str | None, country: str | None) -> dict[str, Any]:
    return page(request, queries.list_actors(store, q=q, type=type_, country=country, limit=p.limit + 1, offset=p.offset), p)


def actor_data(store: Store, name: str) -> dict[str, Any]:
    """An actor's record by id or any spelling (unknown -> 404 unknown_actor, ambiguous -> 409 ambiguous_actor)."""
    return analysis().actor_record(store, name)


def events_data(request: Request, store: Store, f: EventFilters, p: Paging) -> dict[str, Any]:
    items = analysis().list_events(store, type=f.type, actor=f.actor, date_from=f.date_from, date_to=f.date_to, limit=p.limit + 1, offset=p.offset)
    return page(request, list(items), p)


def quotes_data(request: Request, store: Store, speaker: str | None, topic: str | None, p: Paging) -> dict[str, Any]:
    items = analysis().list_quotes(store, speaker=speaker, topic=topic, limit=p.limit + 1, offset=p.offset)
    return page(request, list(items), p)


def network_data(store: Store, f: NetworkFilters) -> dict[str, Any]:
    return analysis().network(store, date_from=f.date_from, date_to=f.date_to, country=f.country, min_weight=f.min_weight)


# ------------------------------------------------------------------ routes


@router.get("", summary="What this server offers: endpoints, counts, whether it accepts writes")
def api_index(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return index_data(request, store)


@router.get("/articles", summary="Stored articles, newest first")
def api_articles(
    request: Request,
    p: Paging = Depends(paging),
    lang: str | None = Query(None, pattern=r"^(fa|ar)?$"),
    outlet: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    date_from: str | None = Query(None, alias="from", pattern=DATE),
    date_to: str | None = Query(None, alias="to", pattern=DATE),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return articles_data(request, store, p, lang or None, outlet or None, date_from or None, date_to or None)


@router.get("/articles/{article_id}", summary="One article: the same JSON as `rasad extract`, original text included")
def api_article(article_id: str = Path(..., max_length=64), store: Store = Depends(get_store)) -> dict[str, Any]:
    return article_data(store, article_id)


@router.get("/search", summary="Articles matching words and filters, with the matching sentences (as `rasad search`)")
def api_search(request: Request, f: SearchFilters = Depends(search_filters), p: Paging = Depends(paging), store: Store = Depends(get_store)) -> dict[str, Any]:
    return search_data(request, store, f, p)


@router.get("/actors", summary="Actors the store holds, most reported first")
def api_actors(
    request: Request,
    p: Paging = Depends(paging),
    q: str | None = Query(None, max_length=MAX_TEXT_PARAM, description="a name in any script, or part of one"),
    type: str | None = Query(None, pattern=r"^(PER|ORG|GPE|LOC|per|org|gpe|loc)?$"),  # noqa: A002
    country: str | None = Query(None, pattern=r"^[A-Za-z]{0,3}$"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return actors_data(request, store, p, q, type or None, country or None)


@router.get("/actors/{actor:path}", summary="One actor's record: names, offices, meetings, quotes by topic and stance")
def api_actor(actor: str = Path(..., max_length=MAX_TEXT_PARAM), store: Store = Depends(get_store)) -> dict[str, Any]:
    return actor_data(store, actor)


@router.get("/events", summary="Events (meetings, coded statements), newest first")
def api_events(request: Request, f: EventFilters = Depends(event_filters), p: Paging = Depends(paging), store: Store = Depends(get_store)) -> dict[str, Any]:
    return events_data(request, store, f, p)


@router.get("/quotes", summary="Quotes, with speaker, topics and stance")
def api_quotes(
    request: Request,
    speaker: str | None = Query(None, max_length=MAX_TEXT_PARAM, description="the speaker (id or any spelling)"),
    topic: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    p: Paging = Depends(paging),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return quotes_data(request, store, speaker or None, topic or None, p)


@router.get("/clusters", summary="Groups of reports of the same event, and near-duplicates")
def api_clusters(
    request: Request,
    kind: str | None = Query(None, max_length=40),
    p: Paging = Depends(paging),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    items = analysis().list_clusters(store, kind=kind or None, limit=p.limit + 1, offset=p.offset)
    return page(request, list(items), p)


@router.get("/network", summary="Who met whom: actors as nodes, meetings as weighted edges")
def api_network(f: NetworkFilters = Depends(network_filters), store: Store = Depends(get_store)) -> dict[str, Any]:
    return network_data(store, f)


@router.get("/said-about", summary="What was said on a topic, by whom, for and against, by language and month")
def api_said_about(
    topic: str = Query(..., min_length=1, max_length=MAX_TEXT_PARAM, description="a topic id (lang/common/topics.json) or its English label"),
    date_from: str | None = Query(None, alias="from", pattern=DATE),
    date_to: str | None = Query(None, alias="to", pattern=DATE),
    lang: str | None = Query(None, pattern=r"^(fa|ar)?$"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return analysis().said_about(store, topic, date_from=date_from or None, date_to=date_to or None, language=lang or None)


# ------------------------------------------------------------------ exports (JSON Lines)


def _jsonl(chunks: Iterator[list[Any]], name: str) -> StreamingResponse:
    def lines() -> Iterator[str]:
        for chunk in chunks:
            if chunk:
                yield "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in chunk)

    return StreamingResponse(lines(), media_type="application/x-ndjson; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _chunked(db: str, read) -> Iterator[list[Any]]:
    """Chunks from ``read(store, offset)`` until one comes back empty. Each chunk opens its own connection:
    a streamed response may be iterated on a different thread per chunk."""
    offset = 0
    while True:
        with open_store(db, must_exist=True, migrate=False) as store:
            chunk = read(store, offset)
        if not chunk:
            return
        yield chunk
        offset += len(chunk)
        if offset >= EXPORT_MAX:
            return


@router.get("/export/articles.jsonl", summary="Articles as JSON Lines (the records of `rasad extract`): all of them, or a search's hits")
def api_export_articles(
    request: Request,
    f: SearchFilters = Depends(search_filters),
    limit: int = Query(1000, ge=1, le=EXPORT_MAX),
    store: Store = Depends(get_store),
) -> StreamingResponse:
    if f.empty:
        if f.type or f.topic:
            raise ApiError(400, "type and topic filter a search: give q or actor with them", code="bad_search")
        k = f.kwargs()
        ids = [a["id"] for a in queries.list_articles(store, lang=k["lang"], outlet=k["outlet"], date_from=k["date_from"], date_to=k["date_to"], limit=limit)]
    else:
        ids = [h.id for h in search(store, f.q, **f.kwargs(), limit=limit)]
    db = settings(request).db

    def read(s: Store, offset: int) -> list[Any]:
        return [r for r in (analysis().get_article(s, i) for i in ids[offset : offset + EXPORT_CHUNK]) if r is not None] if offset < len(ids) else []

    return _jsonl(_chunked(db, read), "rasad-articles.jsonl")


@router.get("/export/events.jsonl", summary="Events as JSON Lines, with the filters of /api/events")
def api_export_events(request: Request, f: EventFilters = Depends(event_filters), store: Store = Depends(get_store)) -> StreamingResponse:
    analysis().list_events(store, type=f.type, actor=f.actor, date_from=f.date_from, date_to=f.date_to, limit=1, offset=0)  # errors now, not mid-stream
    db = settings(request).db

    def read(s: Store, offset: int) -> list[Any]:
        return list(analysis().list_events(s, type=f.type, actor=f.actor, date_from=f.date_from, date_to=f.date_to, limit=EXPORT_CHUNK, offset=offset))

    return _jsonl(_chunked(db, read), "rasad-events.jsonl")


@router.get("/export/quotes.jsonl", summary="Quotes as JSON Lines, with the filters of /api/quotes")
def api_export_quotes(
    request: Request,
    speaker: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    topic: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    store: Store = Depends(get_store),
) -> StreamingResponse:
    analysis().list_quotes(store, speaker=speaker or None, topic=topic or None, limit=1, offset=0)
    db = settings(request).db

    def read(s: Store, offset: int) -> list[Any]:
        return list(analysis().list_quotes(s, speaker=speaker or None, topic=topic or None, limit=EXPORT_CHUNK, offset=offset))

    return _jsonl(_chunked(db, read), "rasad-quotes.jsonl")
