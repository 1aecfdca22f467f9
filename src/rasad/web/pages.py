"""The pages: search, articles, actors, the meeting network, the timeline of events.

Each page takes the same query parameters as its API route and answers ``?format=json`` with exactly
that route's JSON (its twin, also linked from the page). Templates are Jinja2 with autoescape on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from rasad.api import queries
from rasad.api import routes as data
from rasad.api.deps import MAX_TEXT_PARAM, Paging, get_store, paging
from rasad.api.models import DATE, EventFilters, NetworkFilters, SearchFilters, event_filters, network_filters, search_filters
from rasad.store import resolve_actor
from rasad.store.db import Store
from rasad.web import views

router = APIRouter(include_in_schema=False)
Format = Literal["html", "json", ""] | None

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True,  # every {{ value }} is escaped; only rasad.web.highlight's output is marked safe
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(actor_url=views.actor_url, article_url=views.article_url, direction=views.direction, display_name=views.display_name)
templates = Jinja2Templates(env=_env)


def _render(request: Request, name: str, twin: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"twin": twin, **context}, status_code=status)


def _twin(request: Request, api_path: str) -> str:
    """The API route with this page's query (less ``format``)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    return api_path + ("?" + urlencode(params) if params else "")


def error_page(request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(request, "error.html", {"twin": "", "status": status, "error": body["error"]}, status_code=status, headers=headers)


def _json(value: Any) -> JSONResponse:
    return JSONResponse(value)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, p: Paging = Depends(paging), format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    listing = data.articles_data(request, store, p, None, None, None, None)
    if format == "json":
        return _json(listing)
    return _render(request, "home.html", _twin(request, "/api/articles"), listing=listing, counts=queries.counts(store), f=SearchFilters())


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, f: SearchFilters = Depends(search_filters), p: Paging = Depends(paging), format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    if f.empty:
        if format == "json":
            return _json(data.search_data(request, store, f, p))  # the API's own answer: an error saying what to give
        return _render(request, "search.html", _twin(request, "/api/search"), f=f, results=None, hits=[])
    results = data.search_data(request, store, f, p)
    if format == "json":
        return _json(results)
    words, prefixes = views.query_words(f.q)
    named = set(resolve_actor(store, f.q)) if f.q and f.q.strip() else set()
    if f.actor:
        named.update(resolve_actor(store, f.actor))
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for aid, s, e, actor_id in queries.mentions_of(store, [h["id"] for h in results["items"]], sorted(named)):
        mentions.setdefault(aid, []).append((s, e, actor_id))
    hits = []
    for h in results["items"]:
        own = mentions.get(h["id"], [])
        matches = [
            {**m, "html": views.match_html(m["text"], m["start"], words, prefixes, [x for x in own if m["start"] <= x[0] and x[1] <= m["end"]])}
            for m in h["matches"]
        ]
        hits.append({**h, "matches": matches, "dir": views.direction(h.get("language"))})
    return _render(request, "search.html", _twin(request, "/api/search"), f=f, results=results, hits=hits)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    record = data.article_data(store, article_id)
    if format == "json":
        return _json(record)
    names = queries.actor_names(store, views.referenced_actors(record))
    return _render(request, "article.html", _twin(request, f"/api/articles/{article_id}"), a=record, v=views.article_view(record, names))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    p: Paging = Depends(paging),
    q: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    type: str | None = Query(None, pattern=r"^(PER|ORG|GPE|LOC|per|org|gpe|loc)?$"),  # noqa: A002
    country: str | None = Query(None, pattern=r"^[A-Za-z]{0,3}$"),
    format: Format = None,  # noqa: A002
    store: Store = Depends(get_store),
) -> Response:
    listing = data.actors_data(request, store, p, q, type or None, country or None)
    if format == "json":
        return _json(listing)
    return _render(request, "actors.html", _twin(request, "/api/actors"), listing=listing, q=q or "", type=type or "", country=country or "")


@router.get("/actors/{actor:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor: str, format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    if len(actor) > MAX_TEXT_PARAM:
        from rasad.api.errors import ApiError

        raise ApiError(422, f"the actor name is longer than {MAX_TEXT_PARAM} characters", code="invalid_request")
    record = data.actor_data(store, actor)
    if format == "json":
        return _json(record)
    actor_id = record["actor"]["id"]
    return _render(request, "actor.html", _twin(request, views.actor_url(actor_id).replace("/actors/", "/api/actors/", 1)), r=record, v=views.actor_view(record))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, f: NetworkFilters = Depends(network_filters), format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    graph = data.network_data(store, f)
    if format == "json":
        return _json(graph)
    labels = {n["id"]: n.get("label") or n["id"] for n in graph.get("nodes", [])}
    edges = sorted(graph.get("edges", []), key=lambda e: (-e.get("weight", 0), e["source"], e["target"]))
    return _render(request, "network.html", _twin(request, "/api/network"), graph=graph, edges=edges, labels=labels, f=f, date_pattern=DATE)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: EventFilters = Depends(event_filters), p: Paging = Depends(paging), format: Format = None, store: Store = Depends(get_store)) -> Response:  # noqa: A002
    listing = data.events_data(request, store, f, p)
    if format == "json":
        return _json(listing)
    days: dict[str, list[dict[str, Any]]] = {}
    for ev in listing["items"]:
        days.setdefault(ev.get("date") or "undated", []).append(ev)
    return _render(request, "timeline.html", _twin(request, "/api/events"), listing=listing, days=days, f=f)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    speaker: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    topic: str | None = Query(None, max_length=MAX_TEXT_PARAM),
    p: Paging = Depends(paging),
    format: Format = None,  # noqa: A002
    store: Store = Depends(get_store),
) -> Response:
    listing = data.quotes_data(request, store, speaker or None, topic or None, p)
    if format == "json":
        return _json(listing)
    return _render(request, "quotes.html", _twin(request, "/api/quotes"), listing=listing, speaker=speaker or "", topic=topic or "")
