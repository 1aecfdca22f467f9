"""Questions analysts ask of a store, each one call returning plain JSON-able dicts and lists.

    >>> from rasad.store import analysis
    >>> analysis.actor_record("news.db", "Ali Shamkhani")      # offices, meetings, quotes by topic and stance
    >>> analysis.network("news.db", "2024-01", "2024-12")     # who met whom
    >>> analysis.said_about("news.db", "foreign_forces")      # who said what on a topic, where, when

``db`` is a SQLite path, a postgresql:// URL or an open Store (left open). Dates are ISO (YYYY, YYYY-MM
or YYYY-MM-DD; a month or year covers all of it). An event's date is its own day, else its article's
publication date; a quote's date is its article's publication date. A meeting reported by several outlets
is one meeting (one same-event cluster, rasad.cluster): ``reports`` says how many independent reports
support it. The command line (`rasad actor`, `network`, `said`, `clusters`) prints these; the HTTP pages
show them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from rasad.cluster.write import EVENT_DATE, chunks, marks
from rasad.store.db import Store, open_store
from rasad.store.errors import AmbiguousActor, SearchError, UnknownActor
from rasad.store.query import _date_bound, resolve_actor
from rasad.store.rows import record_of

STANCES = ("for", "against", "neutral", "unknown")
KINDS = ("duplicates", "events")
Db = str | Path | Store | None


@contextmanager
def _opened(db: Db) -> Iterator[Store]:
    store = open_store(db, must_exist=True)
    try:
        yield store
    finally:
        if store is not db:
            store.close()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@cache
def topics() -> dict[str, str]:
    """Topic id -> English label, from lang/common/topics.json."""
    from importlib import resources

    data = json.loads((resources.files("rasad") / "lang" / "common" / "topics.json").read_text(encoding="utf-8"))
    return {t["id"]: t.get("en", t["id"]) for t in data["topics"]}


def _topic(topic: str) -> str:
    topic = topic.strip()
    known = topics()
    if topic in known:
        return topic
    by_label = {label.lower(): tid for tid, label in known.items()}
    if topic.lower() in by_label:
        return by_label[topic.lower()]
    raise SearchError(f"unknown topic {topic!r}; topics are: {', '.join(sorted(known))}", value=topic)


def _country(country: str) -> str:
    """An ISO alpha-3 code from a code, an English country name or a country's actor id."""
    from rasad.actors.kb import load_kb

    kb = load_kb()
    value = country.strip()
    if value.upper() in kb.countries:
        return value.upper()
    for code, name in kb.countries.items():
        if name.lower() == value.lower():
            return code
    entry = kb.entries.get(value.lower())
    if entry is not None and entry.type == "GPE" and entry.country and not entry.parent:
        return entry.country
    raise SearchError(f"unknown country {country!r}; give an ISO alpha-3 code (IRN, IRQ, SAU...) or an English name such as Iran", value=country)


def _actor_id(store: Store, name: str) -> str:
    """One actor id for a name or id; among several, the only one the store knows."""
    ids = resolve_actor(store, name) or _by_english_words(name)
    if not ids:
        raise UnknownActor(f"no actor is called {name!r} (looked for an id and every name and spelling); check the spelling, or search the text: rasad search {name!r}", value=name)
    if len(ids) > 1:
        stored = [i for i in ids if store.value("SELECT 1 FROM article_actors WHERE actor_id = ? LIMIT 1", (i,))]
        if len(stored) == 1:
            return stored[0]
        raise AmbiguousActor(f"{name!r} names more than one actor: {', '.join(ids)}; give one id", value=ids)
    return ids[0]


def _by_english_words(name: str) -> list[str]:
    """Knowledge-base ids whose English name holds every word of ``name`` ('Araghchi', 'al-Sudani')."""
    from rasad.actors.kb import load_kb

    words = set(re.findall(r"\w+", name.lower()))
    if not words:
        return []
    return sorted(e.id for e in load_kb().entries.values() if words <= set(re.findall(r"\w+", e.name.get("en", "").lower())))


def _names(store: Store, ids: set[str] | list[str]) -> dict[str, str]:
    """Actor id -> display name (English when known)."""
    out: dict[str, str] = {}
    for batch in chunks(sorted(set(ids))):
        out.update(store.query(f"SELECT id, name FROM actors WHERE id IN ({marks(len(batch))})", batch))
    return out


def _dates(date_from: str | None, date_to: str | None, column: str) -> tuple[str, list[str]]:
    where, params = "", []
    if date_from:
        where += f" AND {column} >= ?"
        params.append(_date_bound(date_from, "from"))
    if date_to:
        where += f" AND {column} <= ?"
        params.append(_date_bound(date_to, "to"))
    return where, params


# ------------------------------------------------------------------ an actor's record


def _actor_info(store: Store, actor_id: str) -> dict[str, Any]:
    from rasad.actors.kb import load_kb

    kb = load_kb()
    row = store.execute("SELECT id, type, name, name_en, name_fa, name_ar, country, wikidata FROM actors WHERE id = ?", (actor_id,)).fetchone()
    entry = kb.entries.get(actor_id)
    if row is None and entry is None:
        raise UnknownActor(f"actor {actor_id!r} is neither in the store nor in the knowledge base", value=actor_id)
    if row is not None:
        info = {"id": row[0], "type": row[1], "name": {"en": row[3], "fa": row[4], "ar": row[5]}, "country": row[6], "wikidata": row[7]}
    else:
        info = {"id": entry.id, "type": entry.type, "name": {k: entry.name.get(k) for k in ("en", "fa", "ar")}, "country": entry.country, "wikidata": entry.wikidata}
    offices = []
    if entry is not None:
        for o in entry.offices:
            offices.append({"title": kb.office_title(o), "kind": o.kind, "country": o.country, "org": o.org, "start": o.start, "end": o.end})
    else:  # a provisional actor: the roles articles gave it
        seen = set()
        for (role,) in store.query("SELECT role FROM article_actors WHERE actor_id = ? AND role IS NOT NULL ORDER BY article_id", (actor_id,)):
            role = _json(role) or {}
            key = (role.get("title"), role.get("kind"))
            if key not in seen:
                seen.add(key)
                offices.append({k: role.get(k) for k in ("title", "kind", "country", "org", "start", "end")})
    info["offices"] = sorted(offices, key=lambda o: o["start"] or "", reverse=True)
    return info


def _meetings(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """One entry per meeting (same-event cluster) the actor took part in, oldest first."""
    sql = (
        f"SELECT e.article_id, e.id, {EVENT_DATE}, e.mode, e.location, e.summary_en, ec.cluster_id, c.reports "
        "FROM event_participants p JOIN events e ON e.article_id = p.article_id AND e.id = p.event_id "
        "JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
        "LEFT JOIN clusters c ON c.id = ec.cluster_id "
        "WHERE p.actor_id = ? AND p.role = 'participant' AND e.type = 'CONSULT' AND NOT e.planned"
    )
    rows = sorted(store.query(sql, (actor_id,)), key=lambda r: (r[2] or "~", r[0], r[1]))
    counterparts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for batch in chunks(sorted({r[0] for r in rows})):
        for aid, eid, other in store.query(
            f"SELECT article_id, event_id, actor_id FROM event_participants WHERE role = 'participant' AND article_id IN ({marks(len(batch))})", batch
        ):
            if other != actor_id:
                counterparts[(aid, eid)].add(other)
    meetings: dict[str, dict[str, Any]] = {}
    for aid, eid, day, mode, location, summary, cid, reports in rows:
        key = cid or f"{aid}/{eid}"
        m = meetings.get(key)
        if m is None:
            m = meetings[key] = {
                "event_id": eid, "article_id": aid, "cluster_id": cid, "date": day, "type": "CONSULT", "mode": mode,
                "location": location, "counterparts": set(), "summary_en": summary, "reports": reports or 1, "articles": [],
            }
        m["counterparts"] |= counterparts.get((aid, eid), set())
        m["location"] = m["location"] or location
        if aid not in m["articles"]:
            m["articles"].append(aid)
    names = _names(store, {c for m in meetings.values() for c in m["counterparts"]} | {m["location"] for m in meetings.values() if m["location"]})
    out = []
    for m in meetings.values():
        m["counterparts"] = [{"id": c, "name": names.get(c, c)} for c in sorted(m["counterparts"])]
        m["location_name"] = names.get(m["location"], m["location"]) if m["location"] else None
        out.append(m)
    return out


def _quote_rows(store: Store, where: str, params: list[Any], *, merge: bool = False) -> list[dict[str, Any]]:
    """Quotes with their article's date, language and outlet, and their topics. ``merge``: a quote that
    near-duplicate articles repeat word for word is one quote, listing every article that carries it."""
    from rasad.text.keys import match_key

    sql = (
        "SELECT q.article_id, q.id, a.published_date, a.language, q.text, q.stance, q.speaker, q.speaker_text, "
        "coalesce(a.outlet_id, a.agency_id), s.name, ad.cluster_id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN actors s ON s.id = q.speaker LEFT JOIN article_duplicates ad ON ad.article_id = q.article_id "
        f"WHERE 1 = 1{where}"
    )
    rows = store.query(sql, params)
    topics_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for batch in chunks(sorted({r[0] for r in rows})):
        for aid, qid, topic in store.query(f"SELECT article_id, quote_id, topic FROM quote_topics WHERE article_id IN ({marks(len(batch))}) ORDER BY topic", batch):
            topics_of[(aid, qid)].append(topic)
    out: list[dict[str, Any]] = []
    merged: dict[tuple, dict[str, Any]] = {}
    for aid, qid, day, lang, text, stance, speaker, speaker_text, outlet, name, dup in sorted(rows, key=lambda r: (r[2] or "~", r[0], r[1])):
        if merge:
            key = (dup or aid, speaker, match_key(text))
            if key in merged:
                merged[key]["articles"].append(aid)
                continue
        q = {
            "quote_id": qid, "article_id": aid, "date": day, "language": lang, "text": text, "topics": topics_of.get((aid, qid), []),
            "stance": stance, "speaker": speaker, "speaker_name": name, "speaker_text": speaker_text, "outlet": outlet,
        }
        if merge:
            q["articles"] = [aid]
            merged[key] = q
        out.append(q)
    return out


def _stance_counts() -> dict[str, int]:
    return {s: 0 for s in STANCES}


def actor_record(db: Db, actor: str) -> dict[str, Any]:
    """An actor's record: who they are and the offices they held, the meetings they took part in (one
    per meeting, oldest first, with counterparts), their quotes, their quotes counted by topic and stance,
    and how many articles name them. ``actor`` is an id or any name or spelling."""
    with _opened(db) as store:
        actor_id = _actor_id(store, actor)
        quotes = _quote_rows(store, " AND q.speaker = ?", [actor_id], merge=True)
        by_topic: dict[str, dict[str, int]] = {}
        for q in quotes:
            for t in q["topics"]:
                by_topic.setdefault(t, _stance_counts())[q["stance"] if q["stance"] in STANCES else "unknown"] += 1
        for q in quotes:
            for k in ("speaker", "speaker_name", "outlet", "speaker_text"):
                q.pop(k)
        return {
            "actor": _actor_info(store, actor_id),
            "meetings": _meetings(store, actor_id),
            "quotes": quotes,
            "quotes_by_topic": dict(sorted(by_topic.items())),
            "articles": store.value("SELECT count(*) FROM article_actors WHERE actor_id = ?", (actor_id,)),
        }


# ------------------------------------------------------------------ who met whom


def network(db: Db, date_from: str | None = None, date_to: str | None = None, country: str | None = None, min_weight: int = 1) -> dict[str, Any]:
    """Who met whom: held meetings (CONSULT, not planned) between ``date_from`` and ``date_to``, one
    edge per pair of participants weighted by the meetings they shared (a meeting reported by several
    outlets counts once). ``country`` keeps the meetings with at least one participant of that country
    (ISO alpha-3, or an English name); ``min_weight`` drops lighter edges."""
    code = _country(country) if country else None
    with _opened(db) as store:
        where, params = _dates(date_from, date_to, EVENT_DATE)
        sql = (
            f"SELECT e.article_id, e.id, {EVENT_DATE}, ec.cluster_id, p.actor_id FROM events e "
            "JOIN articles a ON a.id = e.article_id "
            "JOIN event_participants p ON p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'participant' "
            "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
            f"WHERE e.type = 'CONSULT' AND NOT e.planned{where}"
        )
        events: dict[tuple[str, str], dict[str, Any]] = {}
        for aid, eid, day, cid, actor in store.query(sql, params):
            ev = events.setdefault((aid, eid), {"event_id": eid, "article_id": aid, "cluster_id": cid, "date": day, "actors": set()})
            ev["actors"].add(actor)
        actors = sorted({a for ev in events.values() for a in ev["actors"]})
        info: dict[str, tuple] = {}
        for batch in chunks(actors):
            for row in store.query(f"SELECT id, name, type, country FROM actors WHERE id IN ({marks(len(batch))})", batch):
                info[row[0]] = row
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for ev in sorted(events.values(), key=lambda e: (e["date"] or "~", e["article_id"], e["event_id"])):
        people = sorted(ev["actors"])
        if code and not any(info.get(a, (None,) * 4)[3] == code for a in people):
            continue
        meeting = ev["cluster_id"] or f"{ev['article_id']}/{ev['event_id']}"
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                edge = edges.setdefault((a, b), {"source": a, "target": b, "weight": 0, "events": [], "first": None, "last": None, "_seen": set()})
                if meeting in edge["_seen"]:
                    continue
                edge["_seen"].add(meeting)
                edge["weight"] += 1
                edge["events"].append({k: ev[k] for k in ("cluster_id", "event_id", "article_id", "date")})
                if ev["date"]:
                    edge["first"] = min(edge["first"] or ev["date"], ev["date"])
                    edge["last"] = max(edge["last"] or ev["date"], ev["date"])
    kept = [e for e in edges.values() if e["weight"] >= min_weight]
    degree: dict[str, int] = defaultdict(int)
    for e in kept:
        e.pop("_seen")
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    nodes = [
        {"id": a, "label": info.get(a, (a, a))[1], "type": info.get(a, (None, None, None))[2], "country": info.get(a, (None,) * 4)[3], "degree": degree[a]}
        for a in sorted(degree)
    ]
    kept.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {"nodes": nodes, "edges": kept}


# ------------------------------------------------------------------ what was said about a topic


def said_about(db: Db, topic: str, date_from: str | None = None, date_to: str | None = None, language: str | None = None) -> dict[str, Any]:
    """Quotes on ``topic`` (an id from lang/common/topics.json, or its English label), oldest first,
    with their speakers, counted by speaker (with stances), by language and by month."""
    tid = _topic(topic)
    if language is not None and language not in ("fa", "ar"):
        raise SearchError(f"language {language!r} is not one of fa, ar", value=language)
    with _opened(db) as store:
        where, params = _dates(date_from, date_to, "a.published_date")
        where = " AND EXISTS (SELECT 1 FROM quote_topics t WHERE t.article_id = q.article_id AND t.quote_id = q.id AND t.topic = ?)" + where
        params = [tid] + params
        if language:
            where += " AND a.language = ?"
            params.append(language)
        quotes = _quote_rows(store, where, params, merge=True)
    by_speaker: dict[str, dict[str, Any]] = {}
    by_language: dict[str, int] = defaultdict(int)
    by_month: dict[str, int] = defaultdict(int)
    for q in quotes:
        who = q["speaker"] or "unknown"
        s = by_speaker.setdefault(who, {"name": q["speaker_name"] or (None if q["speaker"] else "unknown speaker"), "quotes": 0, **_stance_counts()})
        s["quotes"] += 1
        s[q["stance"] if q["stance"] in STANCES else "unknown"] += 1
        by_language[q["language"] or "unknown"] += 1
        by_month[(q["date"] or "unknown")[:7]] += 1
    return {
        "topic": {"id": tid, "en": topics()[tid]},
        "quotes": quotes,
        "by_speaker": dict(sorted(by_speaker.items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))),
        "by_language": dict(sorted(by_language.items())),
        "by_month": dict(sorted(by_month.items())),
    }


# ------------------------------------------------------------------ lists for pages


def _page(limit: int, offset: int) -> None:
    if limit < 1 or offset < 0:
        raise SearchError(f"limit must be 1 or more and offset 0 or more, not {limit} and {offset}", value=(limit, offset))


def list_events(db: Db, type: str | None = None, actor: str | None = None, date_from: str | None = None, date_to: str | None = None,  # noqa: A002
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events, newest first, each with its participants' names, its cluster and its article."""
    _page(limit, offset)
    with _opened(db) as store:
        where, params = _dates(date_from, date_to, EVENT_DATE)
        if type:
            where += " AND e.type = ?"
            params.append(type.strip().upper())
        if actor:
            actor_id = _actor_id(store, actor)
            where += (
                " AND (e.source_actor = ? OR e.target_actor = ? OR EXISTS (SELECT 1 FROM event_participants p "
                "WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.actor_id = ?))"
            )
            params += [actor_id] * 3
        sql = (
            f"SELECT e.article_id, e.id, e.type, e.mode, {EVENT_DATE}, e.location, e.planned, e.source_actor, e.target_actor, "
            "e.quote_id, e.summary_en, e.evidence_start, e.evidence_end, e.evidence_text, ec.cluster_id, c.reports, "
            "a.title, a.language, coalesce(a.outlet_id, a.agency_id) FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
            f"LEFT JOIN clusters c ON c.id = ec.cluster_id WHERE 1 = 1{where} "
            f"ORDER BY {EVENT_DATE} DESC NULLS LAST, e.article_id, e.seq LIMIT ? OFFSET ?"
        )
        rows = store.query(sql, params + [limit, offset])
        people: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: {"participant": [], "attendee": []})
        topics_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        for batch in chunks(sorted({r[0] for r in rows})):
            for aid, eid, role, actor_id in store.query(f"SELECT article_id, event_id, role, actor_id FROM event_participants WHERE article_id IN ({marks(len(batch))}) ORDER BY seq", batch):
                people[(aid, eid)][role].append(actor_id)
            for aid, eid, topic in store.query(f"SELECT article_id, event_id, topic FROM event_topics WHERE article_id IN ({marks(len(batch))}) ORDER BY topic", batch):
                topics_of[(aid, eid)].append(topic)
        ids = {a for p in people.values() for a in p["participant"] + p["attendee"]} | {x for r in rows for x in (r[5], r[7], r[8]) if x}
        names = _names(store, ids)
    out = []
    for aid, eid, type_, mode, day, location, planned, source, target, quote, summary, es, ee, et, cid, reports, title, lang, outlet in rows:
        who = people[(aid, eid)]

        def named(x: str | None) -> dict[str, str] | None:
            return {"id": x, "name": names.get(x, x)} if x else None

        out.append({
            "event_id": eid, "article_id": aid, "type": type_, "mode": mode, "date": day, "location": named(location),
            "planned": bool(planned), "participants": [named(p) for p in who["participant"]], "attendees": [named(p) for p in who["attendee"]],
            "source": named(source), "target": named(target), "topics": topics_of.get((aid, eid), []), "quote_id": quote,
            "summary_en": summary, "evidence": {"start": es, "end": ee, "text": et}, "cluster_id": cid, "reports": reports or 1,
            "article": {"id": aid, "title": title, "language": lang, "outlet": outlet},
        })
    return out


def list_quotes(db: Db, speaker: str | None = None, topic: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, oldest first, with speaker names and topics."""
    _page(limit, offset)
    with _opened(db) as store:
        where, params = "", []
        if speaker:
            where += " AND q.speaker = ?"
            params.append(_actor_id(store, speaker))
        if topic:
            where += " AND EXISTS (SELECT 1 FROM quote_topics t WHERE t.article_id = q.article_id AND t.quote_id = q.id AND t.topic = ?)"
            params.append(_topic(topic))
        where += " ORDER BY a.published_date NULLS LAST, q.article_id, q.seq LIMIT ? OFFSET ?"
        return _quote_rows(store, where, params + [limit, offset])


def list_clusters(db: Db, kind: str | None = None, limit: int = 50, offset: int = 0, *, min_members: int = 2) -> list[dict[str, Any]]:
    """Clusters of ``kind`` (duplicates or events; both when None), most independent reports first, then
    newest, each with its members. Clusters of fewer than ``min_members`` (an event reported once) are
    left out unless ``min_members=1``."""
    _page(limit, offset)
    if kind is not None and kind not in KINDS:
        raise SearchError(f"cluster kind {kind!r} is not one of {', '.join(KINDS)}", value=kind)
    with _opened(db) as store:
        where, params = " WHERE members >= ?", [min_members]
        if kind:
            where += " AND kind = ?"
            params.append(kind)
        rows = store.query(
            "SELECT id, kind, type, members, articles, outlets, reports, languages, first_date, last_date, label FROM clusters"
            f"{where} ORDER BY reports DESC, members DESC, first_date DESC NULLS LAST, id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        ids = [r[0] for r in rows]
        for batch in chunks(ids):
            for cid, aid, eid, day, summary, title, lang, outlet, dup in store.query(
                f"SELECT ec.cluster_id, e.article_id, e.id, {EVENT_DATE}, e.summary_en, a.title, a.language, coalesce(a.outlet_id, a.agency_id), ad.cluster_id "
                "FROM event_clusters ec JOIN events e ON e.article_id = ec.article_id AND e.id = ec.event_id JOIN articles a ON a.id = e.article_id "
                f"LEFT JOIN article_duplicates ad ON ad.article_id = a.id WHERE ec.cluster_id IN ({marks(len(batch))})", batch
            ):
                members[cid].append({"article_id": aid, "event_id": eid, "date": day, "summary_en": summary, "title": title, "language": lang, "outlet": outlet, "duplicates": dup})
            for cid, aid, similarity, day, title, lang, outlet in store.query(
                "SELECT ad.cluster_id, a.id, ad.similarity, a.published_date, a.title, a.language, coalesce(a.outlet_id, a.agency_id) "
                f"FROM article_duplicates ad JOIN articles a ON a.id = ad.article_id WHERE ad.cluster_id IN ({marks(len(batch))})", batch
            ):
                members[cid].append({"article_id": aid, "similarity": similarity, "date": day, "title": title, "language": lang, "outlet": outlet})
    cols = ("id", "kind", "type", "members", "articles", "outlets", "reports", "languages", "first_date", "last_date", "label")
    out = []
    for r in rows:
        c = dict(zip(cols, r))
        c["languages"] = c["languages"].split(",") if c["languages"] else []
        c["items"] = sorted(members.get(c["id"], []), key=lambda m: (m["date"] or "~", m["article_id"], m.get("event_id", "")))
        out.append(c)
    return out


def get_article(db: Db, article_id: str) -> dict[str, Any] | None:
    """The stored extract record of an article (with ``original``), by store id or by the content hash
    `rasad extract` prints; None when the store does not hold it."""
    with _opened(db) as store:
        row = store.execute("SELECT original, output FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = store.execute("SELECT original, output FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", (article_id,)).fetchone()
        if row is None:
            return None
        return record_of(row[0], _json(row[1]))


# ------------------------------------------------------------------ for a person (the command line)


def _line(text: str | None, width: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_actor_record(r: dict[str, Any]) -> str:
    a = r["actor"]
    names = " / ".join(n for n in (a["name"].get("fa"), a["name"].get("ar")) if n)
    lines = [f"{a['name'].get('en') or a['id']}" + (f" ({names})" if names else "") + f"  {a['type']}  {a['country'] or '-'}  {a['id']}  named in {r['articles']} article(s)"]
    if a["offices"]:
        lines.append("offices")
        lines += [f"  {o['start'] or '?':>10} – {o['end'] or 'now':<10} {o['title']}" for o in a["offices"]]
    lines.append(f"meetings ({len(r['meetings'])})")
    for m in r["meetings"]:
        who = ", ".join(c["name"] for c in m["counterparts"]) or "?"
        lines.append(f"  {m['date'] or '----------'}  {m['mode'] or '-':6} {m['location_name'] or '-':14} {who}  ({m['reports']} report{'s' if m['reports'] != 1 else ''})")
    lines.append("quotes by topic (for / against / neutral / unknown)")
    for topic, c in r["quotes_by_topic"].items():
        lines.append(f"  {topic:22} {c['for']} / {c['against']} / {c['neutral']} / {c['unknown']}")
    lines.append(f"quotes ({len(r['quotes'])})")
    for q in r["quotes"]:
        tags = ", ".join(q["topics"]) or "no topic"
        lines.append(f"  {q['date'] or '----------'} {q['language'] or '??'} [{tags}: {q['stance'] or 'unknown'}] {_line(q['text'], 90)}")
    return "\n".join(lines)


def format_network(net: dict[str, Any]) -> str:
    labels = {n["id"]: n["label"] or n["id"] for n in net["nodes"]}
    lines = [f"{len(net['nodes'])} actors, {len(net['edges'])} pairs who met (heaviest first)"]
    for e in net["edges"]:
        span = e["first"] if e["first"] == e["last"] else f"{e['first']} .. {e['last']}"
        lines.append(f"  {e['weight']:>3}  {labels[e['source']]} — {labels[e['target']]}  ({span or 'undated'})")
    return "\n".join(lines)


def format_said(r: dict[str, Any]) -> str:
    lines = [f"{r['topic']['id']} ({r['topic']['en']}): {len(r['quotes'])} quote(s)", "by speaker (quotes: for / against / neutral / unknown)"]
    for sid, s in r["by_speaker"].items():
        lines.append(f"  {s['name'] or sid:30} {s['quotes']:>4}: {s['for']} / {s['against']} / {s['neutral']} / {s['unknown']}")
    lines.append("by language  " + ", ".join(f"{k} {v}" for k, v in r["by_language"].items()))
    lines.append("by month     " + ", ".join(f"{k} {v}" for k, v in r["by_month"].items()))
    lines.append("quotes")
    for q in r["quotes"]:
        lines.append(f"  {q['date'] or '----------'} {q['language'] or '??'} {q['speaker_name'] or q['speaker_text'] or '?'} [{q['stance'] or 'unknown'}] {_line(q['text'], 80)}")
    return "\n".join(lines)


def format_cluster(c: dict[str, Any]) -> str:
    what = f"{c['kind']} {c['type']}" if c["type"] else c["kind"]
    span = c["first_date"] if c["first_date"] == c["last_date"] else f"{c['first_date']} .. {c['last_date']}"
    lines = [
        f"{c['id']}  {what}  {span or 'undated'}  {c['members']} report(s) in {c['articles']} article(s), {c['outlets']} outlet(s), "
        f"{c['reports']} independent  ({','.join(c['languages']) or '?'})",
        f"  {_line(c['label'])}",
    ]
    for m in c["items"]:
        extra = f"similarity {m['similarity']:.2f}" if "similarity" in m else (f"near-duplicates {m['duplicates']}" if m.get("duplicates") else "")
        lines.append(f"    {m['article_id']}  {m['date'] or '----------'}  {m['language'] or '??'}  {m['outlet'] or '-':12} {_line(m['title'], 70)}  {extra}".rstrip())
    return "\n".join(lines)
