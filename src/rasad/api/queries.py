"""The few reads the API needs that the store's library does not offer: lists of articles and actors,
and the store's counts. Every value reaches SQL as a bound parameter; table and column names are fixed."""

from __future__ import annotations

from typing import Any

from rasad.store.db import Store
from rasad.store.query import LANGS, _date_bound, resolve_actor
from rasad.store.errors import SearchError

ARTICLE_COLUMNS = ("id", "title", "language", "published_date", "outlet_id", "agency_id", "source", "url", "content_hash")


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching itself anywhere (its own % and _ escaped)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_articles(
    store: Store, *, lang: str | None = None, outlet: str | None = None, date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored articles, newest first (undated last), with the fields lists show."""
    where: list[str] = []
    params: list[Any] = []
    if lang:
        if lang not in LANGS:
            raise SearchError(f"lang {lang!r} is not one of {', '.join(LANGS)}", value=lang)
        where.append("language = ?")
        params.append(lang)
    if outlet:
        where.append("(outlet_id = ? OR agency_id = ?)")
        params += [outlet.strip(), outlet.strip()]
    if date_from:
        where.append("published_date >= ?")
        params.append(_date_bound(date_from, "from"))
    if date_to:
        where.append("published_date <= ?")
        params.append(_date_bound(date_to, "to"))
    sql = (
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY published_date DESC NULLS LAST, id LIMIT ? OFFSET ?"
    )
    rows = store.query(sql, params + [limit, offset])
    return [dict(zip(ARTICLE_COLUMNS, r)) for r in rows]


def list_actors(
    store: Store, *, q: str | None = None, type: str | None = None, country: str | None = None,  # noqa: A002
    limit: int = 20, offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors the store holds, the most often reported first, with the number of articles naming each.
    ``q`` matches any spelling the knowledge base knows, or part of a stored name."""
    where: list[str] = []
    params: list[Any] = []
    if q and q.strip():
        ids = resolve_actor(store, q)
        pattern = _like(q.strip())
        names = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in ("ac.name", "ac.name_en", "ac.name_fa", "ac.name_ar"))
        clause = f"({names}"
        params += [pattern] * 4
        if ids:
            clause += f" OR ac.id IN ({', '.join('?' * len(ids))})"
            params += ids
        where.append(clause + ")")
    if type:
        where.append("ac.type = ?")
        params.append(type.strip().upper())
    if country:
        where.append("ac.country = ?")
        params.append(country.strip().upper())
    sql = (
        "SELECT ac.id, ac.type, ac.name, ac.name_en, ac.name_fa, ac.name_ar, ac.country, ac.in_kb, "
        "(SELECT count(*) FROM article_actors aa WHERE aa.actor_id = ac.id) AS n FROM actors ac"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY n DESC, ac.id LIMIT ? OFFSET ?"
    )
    rows = store.query(sql, params + [limit, offset])
    return [
        {"id": r[0], "type": r[1], "name": {"en": r[3], "fa": r[4], "ar": r[5]}, "label": r[2], "country": r[6], "in_kb": bool(r[7]), "articles": r[8]}
        for r in rows
    ]


def counts(store: Store) -> dict[str, int]:
    """How much the store holds."""
    tables = ("articles", "actors", "events", "quotes", "mentions")
    return {t: int(store.value(f"SELECT count(*) FROM {t}") or 0) for t in tables}


def actor_names(store: Store, ids: set[str]) -> dict[str, str]:
    """Actor id -> display name, for the ids the store holds."""
    ids_list = sorted(ids)[:500]
    if not ids_list:
        return {}
    return dict(store.query(f"SELECT id, name FROM actors WHERE id IN ({', '.join('?' * len(ids_list))})", ids_list))


def mentions_of(store: Store, article_ids: list[str], actor_ids: list[str]) -> list[tuple[str, int, int, str]]:
    """(article id, start, end, actor id) of every mention of ``actor_ids`` in ``article_ids``."""
    if not article_ids or not actor_ids:
        return []
    sql = (
        "SELECT article_id, start_char, end_char, actor_id FROM mentions "
        f"WHERE article_id IN ({', '.join('?' * len(article_ids))}) AND actor_id IN ({', '.join('?' * len(actor_ids))})"
    )
    return [tuple(r) for r in store.query(sql, list(article_ids) + list(actor_ids))]
