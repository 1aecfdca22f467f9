"""Cluster rows: ids, the row of each cluster, and its figures (members, outlets, independent reports).

A cluster's id comes from its smallest member key, so the same members give the same id however they
were gathered (one batch at a time or by a rebuild). Figures are read back from the member rows, so they
are right whichever way the members changed.

Independent reports: two articles are one report when they come from the same origin (the news agency
an article credits, else its outlet) or are near-duplicates of each other; an article of no known
origin is a report of its own unless it is a near-duplicate of another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rasad.cluster.groups import UnionFind
from rasad.store.db import Store

CHUNK = 500
COLUMNS = ("id", "kind", "type", "members", "articles", "outlets", "reports", "languages", "first_date", "last_date", "label")
# an event's date for grouping: its own day, else its article's publication date
EVENT_DATE = "coalesce(CASE WHEN length(e.date) = 10 THEN e.date END, a.published_date)"


def chunks(items: Sequence[Any] | Iterable[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def marks(n: int) -> str:
    return ", ".join("?" * n)


def cluster_id(kind: str, members: Iterable[Any]) -> str:
    """'e' or 'd' and 15 hex digits of the smallest member key."""
    first = min(members)
    text = "/".join(first) if isinstance(first, tuple) else str(first)
    return ("e" if kind == "events" else "d") + hashlib.sha256(text.encode("utf-8")).hexdigest()[:15]


def upsert_sql() -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
    return f"INSERT INTO clusters ({', '.join(COLUMNS)}) VALUES ({marks(len(COLUMNS))}) ON CONFLICT (id) DO UPDATE SET {updates}"


def new_cluster(store: Store, cid: str, kind: str) -> None:
    """A cluster row to hang members on; ``refresh`` fills in its figures."""
    store.execute(upsert_sql(), (cid, kind, None, 0, 0, 0, 0, None, None, None, None))


def independent_reports(articles: Iterable[tuple[str, str | None, str | None]]) -> int:
    """How many independent reports (article_id, origin, near-duplicate group) make."""
    groups = UnionFind()
    ids = []
    for aid, origin, dup in articles:
        ids.append(aid)
        groups.add(aid)
        if origin:
            groups.union(aid, "\x00o" + origin)
        if dup:
            groups.union(aid, "\x00d" + dup)
    return len({groups.find(a) for a in ids})


def _figures(kind: str, cid: str, rows: list[tuple]) -> tuple:
    """rows: (sort key, article_id, outlet_id, agency_id, dup group, language, date, label, type)."""
    rows.sort(key=lambda r: r[0])
    articles = {r[1]: r for r in rows}
    outlets = {r[2] or "\x00" + r[1] for r in articles.values()}
    reports = independent_reports((r[1], r[3] or r[2], r[4]) for r in articles.values())
    if kind == "duplicates":
        reports = 1  # one story, however often it was republished
    languages = ",".join(sorted({r[5] for r in rows if r[5]})) or None
    dates = sorted(r[6] for r in rows if r[6])
    label = next((r[7] for r in rows if r[7]), None)
    return (cid, kind, rows[0][8], len(rows), len(articles), len(outlets), reports, languages,
            dates[0] if dates else None, dates[-1] if dates else None, label)


def refresh(store: Store, kind: str, ids: Iterable[str]) -> None:
    """Recompute the figures of clusters ``ids`` of ``kind`` from their members; drop those left empty."""
    ids = sorted(set(ids))
    for batch in chunks(ids):
        if kind == "events":
            sql = (
                f"SELECT ec.cluster_id, {EVENT_DATE}, e.article_id, e.id, a.outlet_id, a.agency_id, ad.cluster_id, a.language, "
                "e.summary_en, e.type FROM event_clusters ec "
                "JOIN events e ON e.article_id = ec.article_id AND e.id = ec.event_id "
                "JOIN articles a ON a.id = e.article_id "
                "LEFT JOIN article_duplicates ad ON ad.article_id = a.id "
                f"WHERE ec.cluster_id IN ({marks(len(batch))})"
            )
            members: dict[str, list[tuple]] = {}
            for cid, day, aid, eid, outlet, agency, dup, lang, summary, type_ in store.query(sql, batch):
                members.setdefault(cid, []).append(((day or "~", aid, eid), aid, outlet, agency, dup, lang, day, summary, type_))
        else:
            sql = (
                "SELECT ad.cluster_id, a.published_date, a.published_time, a.id, a.outlet_id, a.agency_id, a.language, a.title "
                "FROM article_duplicates ad JOIN articles a ON a.id = ad.article_id "
                f"WHERE ad.cluster_id IN ({marks(len(batch))})"
            )
            members = {}
            for cid, day, time, aid, outlet, agency, lang, title in store.query(sql, batch):
                members.setdefault(cid, []).append(((day or "~", time or "~", aid), aid, outlet, agency, cid, lang, day, title, None))
        rows = [_figures(kind, cid, members[cid]) for cid in batch if cid in members]
        store.executemany(upsert_sql(), rows)
        empty = [cid for cid in batch if cid not in members]
        if empty:
            store.execute(f"DELETE FROM clusters WHERE id IN ({marks(len(empty))})", empty)
