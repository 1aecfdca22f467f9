"""Same-event clusters in the store: give every event that has no cluster yet its cluster.

Each new event is compared (rasad.cluster.link) with the events that share an actor with it (a
participant of a meeting, the speaker of a statement), have its type and fall within the date window:
the new ones of the same run, and those already clustered, found with one query per type and actor.
Linked events and the clusters they touch merge; an event linked to none is a cluster of one.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date

from rasad.cluster.groups import UnionFind
from rasad.cluster.link import WINDOW_DAYS, EventFacts, Key, TieBreaker, linked
from rasad.cluster.write import EVENT_DATE, chunks, cluster_id, marks, new_cluster
from rasad.store.db import Store

KIND = "events"
_CLUSTER = ""  # article id of the key that stands for an existing cluster in the union-find


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def load_facts(store: Store, article_ids: list[str], keep: set[Key] | None = None) -> dict[Key, EventFacts]:
    """The facts of the events of ``article_ids`` (only those in ``keep`` when given)."""
    out: dict[Key, EventFacts] = {}
    for batch in chunks(sorted(set(article_ids))):
        where = f"e.article_id IN ({marks(len(batch))})"
        participants: dict[Key, set[str]] = defaultdict(set)
        for aid, eid, actor in store.query(f"SELECT e.article_id, e.event_id, e.actor_id FROM event_participants e WHERE {where} AND e.role = 'participant'", batch):
            participants[(aid, eid)].add(actor)
        topics: dict[Key, set[str]] = defaultdict(set)
        for aid, eid, topic in store.query(f"SELECT e.article_id, e.event_id, e.topic FROM event_topics e WHERE {where}", batch):
            topics[(aid, eid)].add(topic)
        sql = (
            f"SELECT e.article_id, e.id, e.type, {EVENT_DATE}, e.planned, e.mode, e.location, e.source_actor, e.target_actor, "
            f"e.evidence_text, a.language FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}"
        )
        for aid, eid, type_, day, planned, mode, location, source, target, text, lang in store.query(sql, batch):
            key = (aid, eid)
            if keep is not None and key not in keep:
                continue
            out[key] = EventFacts(
                key=key, type=type_, date=_day(day), planned=bool(planned), mode=mode, location=location,
                participants=frozenset(participants.get(key, ())), source=source, target=target,
                topics=frozenset(topics.get(key, ())), text=text or "", language=lang,
            )
    return out


def _clustered_candidates(store: Store, new: dict[Key, EventFacts]) -> dict[Key, str]:
    """Events already clustered that share a type and an actor with a new event and fall in its window:
    key -> cluster id."""
    spans: dict[tuple[str, str], list[date]] = {}
    for f in new.values():
        if f.date is None:
            continue
        for actor in f.actors:
            lo_hi = spans.setdefault((f.type, actor), [f.date, f.date])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], f.date), max(lo_hi[1], f.date)
    out: dict[Key, str] = {}
    window = WINDOW_DAYS
    for (type_, actor), (lo, hi) in sorted(spans.items()):
        start, end = date.fromordinal(lo.toordinal() - window).isoformat(), date.fromordinal(hi.toordinal() + window).isoformat()
        if type_ == "CONSULT":
            sql = (
                "SELECT ec.article_id, ec.event_id, ec.cluster_id FROM event_participants p "
                "JOIN events e ON e.article_id = p.article_id AND e.id = p.event_id "
                "JOIN articles a ON a.id = e.article_id "
                "JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
                f"WHERE p.actor_id = ? AND p.role = 'participant' AND e.type = ? AND {EVENT_DATE} BETWEEN ? AND ?"
            )
        else:
            sql = (
                "SELECT ec.article_id, ec.event_id, ec.cluster_id FROM events e "
                "JOIN articles a ON a.id = e.article_id "
                "JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id "
                f"WHERE e.source_actor = ? AND e.type = ? AND {EVENT_DATE} BETWEEN ? AND ?"
            )
        for aid, eid, cid in store.query(sql, (actor, type_, start, end)):
            out[(aid, eid)] = cid
    return out


def place(store: Store, tie_breaker: TieBreaker | None = None) -> tuple[int, set[str]]:
    """Cluster every event that has none. Returns (events placed, ids of the clusters made or changed)."""
    new_keys = {(r[0], r[1]) for r in store.query(
        "SELECT e.article_id, e.id FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM event_clusters ec WHERE ec.article_id = e.article_id AND ec.event_id = e.id)"
    )}
    if not new_keys:
        return 0, set()
    new = load_facts(store, [a for a, _ in new_keys], new_keys)
    existing = _clustered_candidates(store, new)
    facts = dict(new)
    facts.update(load_facts(store, [a for a, _ in existing], set(existing)))

    # candidates of a new event: events of its type sharing one of its actors, sorted by date for the window
    buckets: dict[tuple[str, str], list[tuple[int, Key]]] = defaultdict(list)
    for f in facts.values():
        if f.date is not None:
            for actor in f.actors:
                buckets[(f.type, actor)].append((f.date.toordinal(), f.key))
    for bucket in buckets.values():
        bucket.sort()

    groups = UnionFind(sorted(new))
    for key, cid in existing.items():
        groups.union(key, (_CLUSTER, cid))
    seen: set[tuple[Key, Key]] = set()
    for key in sorted(new):
        f = new[key]
        if f.date is None:
            continue
        day = f.date.toordinal()
        for actor in sorted(f.actors):
            bucket = buckets[(f.type, actor)]
            lo = bisect.bisect_left(bucket, (day - WINDOW_DAYS,))
            hi = bisect.bisect_right(bucket, (day + WINDOW_DAYS, ("\uffff", "\uffff")))
            for _, other in bucket[lo:hi]:
                pair = (min(key, other), max(key, other))
                if other == key or pair in seen:
                    continue
                seen.add(pair)
                if linked(f, facts[other], tie_breaker):
                    groups.union(key, other)

    touched: set[str] = set()
    for keys in groups.groups().values():
        fresh = [k for k in keys if k in new_keys]
        if not fresh:
            continue  # only events already clustered, reached as candidates: nothing changed for them
        old_ids = sorted({k[1] for k in keys if k[0] == _CLUSTER})
        members = set(fresh)
        for batch in chunks(old_ids):
            members.update((r[0], r[1]) for r in store.query(f"SELECT article_id, event_id FROM event_clusters WHERE cluster_id IN ({marks(len(batch))})", batch))
            store.execute(f"DELETE FROM event_clusters WHERE cluster_id IN ({marks(len(batch))})", batch)
            store.execute(f"DELETE FROM clusters WHERE id IN ({marks(len(batch))})", batch)
        cid = cluster_id(KIND, members)
        new_cluster(store, cid, KIND)
        store.executemany("INSERT INTO event_clusters (article_id, event_id, cluster_id) VALUES (?, ?, ?)", [(a, e, cid) for a, e in sorted(members)])
        touched.add(cid)
    return len(new_keys), touched
