"""The store as flat tables: articles, actors, mentions, events, quotes, clusters.

Each table is declared once (its columns and their types) and read in batches of articles, so a large
store streams out without being held in memory. Lists (an event's participants, a quote's topics, a
cluster's members) are lists in JSON Lines and Parquet and '; '-joined text in CSV. ``date_from`` and
``date_to`` keep the articles published between them, with their mentions, events and quotes; actors
and clusters are those that these articles name or hold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasad.cluster.write import EVENT_DATE, chunks, marks
from rasad.store.db import Store

BATCH = 500  # articles per read


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = "string"  # string, int, bool, float, list (of strings)


def _cols(spec: str) -> tuple[Column, ...]:
    """'id, seq:int, topics:list' -> columns."""
    out = []
    for part in spec.split(","):
        name, _, kind = part.strip().partition(":")
        out.append(Column(name, kind or "string"))
    return tuple(out)


TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        "id, content_hash, url, source, language, title, published_date, published_time, outlet_id, agency_id, news_code, "
        "duplicates_cluster, rasad_version, original"
    ),
    "actors": _cols("id, type, name, name_en, name_fa, name_ar, in_kb:bool, country, wikidata, articles:int"),
    "mentions": _cols("article_id, seq:int, actor_id, start_char:int, end_char:int, text, kind, honorific, sentence:int"),
    "events": _cols(
        "article_id, event_id, type, mode, date, date_precision, event_date, location, planned:bool, participants:list, "
        "attendees:list, source_actor, target_actor, topics:list, quote_id, summary_en, evidence_start:int, evidence_end:int, "
        "evidence_text, cluster_id"
    ),
    "quotes": _cols(
        "article_id, quote_id, speaker, speaker_text, speaker_kind, text, start_char:int, end_char:int, cue, direct:bool, "
        "topics:list, stance"
    ),
    "clusters": _cols(
        "id, kind, type, members:int, articles:int, outlets:int, reports:int, languages:list, first_date, last_date, label, items:list"
    ),
}


def _article_ids(store: Store, date_from: str | None, date_to: str | None) -> list[str]:
    where, params = [], []
    if date_from:
        where.append("published_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("published_date <= ?")
        params.append(date_to)
    sql = "SELECT id FROM articles" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [r[0] for r in store.query(sql, params)]


def _grouped(store: Store, sql: str, batch: list[str]) -> dict[tuple, list[str]]:
    """(article_id, item id[, role]) -> values, from rows of (article_id, item id, [role,] value)."""
    out: dict[tuple, list[str]] = defaultdict(list)
    for row in store.query(sql.format(marks=marks(len(batch))), batch):
        out[tuple(row[:-1])].append(row[-1])
    return out


def _articles(store: Store, batch: list[str]) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT a.id, a.content_hash, a.url, a.source, a.language, a.title, a.published_date, a.published_time, a.outlet_id, "
        "a.agency_id, a.news_code, d.cluster_id, a.rasad_version, a.original FROM articles a "
        f"LEFT JOIN article_duplicates d ON d.article_id = a.id WHERE a.id IN ({marks(len(batch))}) ORDER BY a.id"
    )
    names = [c.name for c in TABLES["articles"]]
    for row in store.query(sql, batch):
        yield dict(zip(names, row))


def _mentions(store: Store, batch: list[str]) -> Iterator[dict[str, Any]]:
    names = [c.name for c in TABLES["mentions"]]
    sql = f"SELECT {', '.join(names)} FROM mentions WHERE article_id IN ({marks(len(batch))}) ORDER BY article_id, seq"
    for row in store.query(sql, batch):
        yield dict(zip(names, row))


def _events(store: Store, batch: list[str]) -> Iterator[dict[str, Any]]:
    people = _grouped(store, "SELECT article_id, event_id, role, actor_id FROM event_participants WHERE article_id IN ({marks}) ORDER BY article_id, event_id, role, seq", batch)
    topics = _grouped(store, "SELECT article_id, event_id, topic FROM event_topics WHERE article_id IN ({marks}) ORDER BY article_id, event_id, topic", batch)
    sql = (
        f"SELECT e.article_id, e.id, e.type, e.mode, e.date, e.date_precision, {EVENT_DATE}, e.location, e.planned, e.source_actor, "
        "e.target_actor, e.quote_id, e.summary_en, e.evidence_start, e.evidence_end, e.evidence_text, ec.cluster_id "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
        f"WHERE e.article_id IN ({marks(len(batch))}) ORDER BY e.article_id, e.seq"
    )
    for aid, eid, type_, mode, day, precision, event_date, loc, planned, src, tgt, quote, summary, es, ee, et, cid in store.query(sql, batch):
        yield {
            "article_id": aid, "event_id": eid, "type": type_, "mode": mode, "date": day, "date_precision": precision,
            "event_date": event_date, "location": loc, "planned": bool(planned), "participants": people.get((aid, eid, "participant"), []),
            "attendees": people.get((aid, eid, "attendee"), []), "source_actor": src, "target_actor": tgt,
            "topics": topics.get((aid, eid), []), "quote_id": quote, "summary_en": summary, "evidence_start": es,
            "evidence_end": ee, "evidence_text": et, "cluster_id": cid,
        }


def _quotes(store: Store, batch: list[str]) -> Iterator[dict[str, Any]]:
    topics = _grouped(store, "SELECT article_id, quote_id, topic FROM quote_topics WHERE article_id IN ({marks}) ORDER BY article_id, quote_id, topic", batch)
    sql = (
        "SELECT article_id, id, speaker, speaker_text, speaker_kind, text, start_char, end_char, cue, direct, stance FROM quotes "
        f"WHERE article_id IN ({marks(len(batch))}) ORDER BY article_id, seq"
    )
    for aid, qid, speaker, speaker_text, kind, text, start, end, cue, direct, stance in store.query(sql, batch):
        yield {
            "article_id": aid, "quote_id": qid, "speaker": speaker, "speaker_text": speaker_text, "speaker_kind": kind, "text": text,
            "start_char": start, "end_char": end, "cue": cue, "direct": bool(direct), "topics": topics.get((aid, qid), []), "stance": stance,
        }


def _actors(store: Store, ids: list[str], everything: bool) -> Iterator[dict[str, Any]]:
    counts = dict(store.query("SELECT actor_id, count(*) FROM article_actors GROUP BY actor_id"))
    if everything:
        wanted = [r[0] for r in store.query("SELECT id FROM actors ORDER BY id")]
    else:
        found: set[str] = set()
        for batch in chunks(ids, BATCH):
            m = marks(len(batch))
            found.update(r[0] for r in store.query(f"SELECT actor_id FROM article_actors WHERE article_id IN ({m})", batch))
            found.update(r[0] for r in store.query(f"SELECT actor_id FROM event_participants WHERE article_id IN ({m})", batch))
            for col in ("source_actor", "target_actor", "location"):
                found.update(r[0] for r in store.query(f"SELECT {col} FROM events WHERE article_id IN ({m}) AND {col} IS NOT NULL", batch))
            found.update(r[0] for r in store.query(f"SELECT speaker FROM quotes WHERE article_id IN ({m}) AND speaker IS NOT NULL", batch))
        wanted = sorted(found)
    for batch in chunks(wanted, BATCH):
        sql = f"SELECT id, type, name, name_en, name_fa, name_ar, in_kb, country, wikidata FROM actors WHERE id IN ({marks(len(batch))}) ORDER BY id"
        for row in store.query(sql, batch):
            out = dict(zip([c.name for c in TABLES["actors"]], row))
            out["in_kb"] = bool(out["in_kb"])
            out["articles"] = counts.get(row[0], 0)
            yield out


def _clusters(store: Store, ids: list[str], everything: bool) -> Iterator[dict[str, Any]]:
    members: dict[str, list[str]] = defaultdict(list)
    for cid, aid, eid in store.query("SELECT cluster_id, article_id, event_id FROM event_clusters ORDER BY cluster_id, article_id, event_id"):
        members[cid].append(f"{aid}/{eid}")
    for cid, aid in store.query("SELECT cluster_id, article_id FROM article_duplicates ORDER BY cluster_id, article_id"):
        members[cid].append(aid)
    keep = None if everything else set(ids)
    cols = [c.name for c in TABLES["clusters"]][:-1]
    for row in store.query(f"SELECT {', '.join(cols)} FROM clusters ORDER BY id"):
        out = dict(zip(cols, row))
        items = members.get(out["id"], [])
        if keep is not None and not any(i.split("/", 1)[0] in keep for i in items):
            continue
        out["languages"] = out["languages"].split(",") if out["languages"] else []
        out["items"] = items
        yield out


def rows(store: Store, table: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` (a key of TABLES) for the articles published between the two dates."""
    everything = not (date_from or date_to)
    ids = _article_ids(store, date_from, date_to)
    if table == "actors":
        yield from _actors(store, ids, everything)
        return
    if table == "clusters":
        yield from _clusters(store, ids, everything)
        return
    read = {"articles": _articles, "mentions": _mentions, "events": _events, "quotes": _quotes}[table]
    for batch in chunks(ids, BATCH):
        yield from read(store, batch)


def cell(value: Any, column: Column) -> Any:
    """A value as CSV holds it: lists joined with '; ', booleans true/false, None empty."""
    if value is None:
        return ""
    if column.type == "list":
        return "; ".join(value)
    if column.type == "bool":
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value
