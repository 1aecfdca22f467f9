"""Events as PLOVER records (the JSON fields of the PLOVER manual, chapter 6), one per stored event.

Field by field: ``id`` (article id and the event's number, unique in the store), ``has_event``,
``date`` (the event's day, else its article's publication date), ``event`` (a list of one PLOVER type),
``mode`` and ``context`` (lists), ``actor`` and ``recipient`` (lists of entity objects: ``code`` the
country, ``entity_text`` the words that name the actor, ``identifier_id`` its Wikidata id else
``rasad:ID``, ``identifier_text`` its English name, ``office`` the role it held), ``event_loc``
(``extracted_place``, ``resolved_place``, ``country_code``), ``event_text`` (the evidence sentence or
quote), ``quad_code``, ``text_info`` (offsets of the evidence in the article's original), ``cite_info``
(``url``, ``title``, ``language``, ``publication``, ``coder``, ``codebook``), ``link`` (the same-event
cluster: every report of one event shares it), ``coder``, ``comment`` (the English summary). Rasad's
own additions, as the manual allows: ``rasad_mode``, ``topics``, ``planned``, ``reports`` and
``article_id``.

Meetings follow the manual: a visitor is the actor and the host the recipient (mode ``visit``); when no
side hosts, every participant is an actor and there is no recipient. An announced meeting is coded
AGREE with the auxiliary mode ``future`` in its context, as the manual asks of references to future
meetings. The mappings (quad codes, topics to contexts, meeting modes) are data: plover.json.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from rasad.cluster.write import EVENT_DATE, chunks, marks
from rasad.store.db import Store

CODEBOOK = "PLOVER manual 0.8 (events-plover), CONSULT modes visit/phone"


@cache
def mapping() -> dict[str, Any]:
    return json.loads((resources.files("rasad.export") / "plover.json").read_text(encoding="utf-8"))


def _version() -> str:
    import rasad

    return f"rasad {rasad.__version__}"


def _entity(actor_id: str, actors: dict[str, tuple], mentions: dict[tuple[str, str], str], roles: dict[tuple[str, str], str | None], aid: str) -> dict[str, Any]:
    _, name, country, wikidata = actors.get(actor_id, (actor_id, actor_id, None, None))
    out = {
        "code": country,
        "entity_text": mentions.get((aid, actor_id)),
        "identifier_id": wikidata or f"rasad:{actor_id}",
        "identifier_text": name,
        "rasad_id": actor_id,
    }
    role = roles.get((aid, actor_id))
    if role:
        out["office"] = role
    return out


def _sides(type_: str, mode: str | None, participants: list[str], source: str | None, target: str | None) -> tuple[list[str], list[str], list[str]]:
    """(actor ids, recipient ids, PLOVER modes) of an event."""
    if type_ != "CONSULT":
        return ([source] if source else []), ([target] if target else []), []
    rule = mapping()["consult_modes"].get(mode or "", {"mode": None, "actor": "all"})
    modes = [rule["mode"]] if rule["mode"] else []
    if rule["actor"] == "visitor" and len(participants) > 1:
        return participants[:1], participants[1:], modes
    if rule["actor"] == "guests" and len(participants) > 1:
        return participants[1:], participants[:1], modes
    return participants, [], modes


def records(store: Store, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict[str, Any]]:
    """A PLOVER record per event whose date falls between ``date_from`` and ``date_to`` (bounds as ISO days)."""
    m = mapping()
    coder = _version()
    where, params = "", []
    if date_from:
        where += f" AND {EVENT_DATE} >= ?"
        params.append(date_from)
    if date_to:
        where += f" AND {EVENT_DATE} <= ?"
        params.append(date_to)
    ids = [r[0] for r in store.query(f"SELECT DISTINCT e.article_id FROM events e JOIN articles a ON a.id = e.article_id WHERE 1 = 1{where} ORDER BY e.article_id", params)]
    actors = {r[0]: r for r in store.query("SELECT id, name, country, wikidata FROM actors")}
    for batch in chunks(ids):
        mk = marks(len(batch))
        people: dict[tuple[str, str], list[str]] = defaultdict(list)
        for aid, eid, actor in store.query(f"SELECT article_id, event_id, actor_id FROM event_participants WHERE role = 'participant' AND article_id IN ({mk}) ORDER BY article_id, event_id, seq", batch):
            people[(aid, eid)].append(actor)
        topics: dict[tuple[str, str], list[str]] = defaultdict(list)
        for aid, eid, topic in store.query(f"SELECT article_id, event_id, topic FROM event_topics WHERE article_id IN ({mk}) ORDER BY article_id, event_id, topic", batch):
            topics[(aid, eid)].append(topic)
        mentions: dict[tuple[str, str], str] = {}
        for aid, actor, text in store.query(f"SELECT article_id, actor_id, text FROM mentions WHERE article_id IN ({mk}) ORDER BY article_id, seq", batch):
            mentions.setdefault((aid, actor), text)
        roles: dict[tuple[str, str], str | None] = {}
        for aid, actor, role in store.query(f"SELECT article_id, actor_id, role FROM article_actors WHERE article_id IN ({mk}) AND role IS NOT NULL", batch):
            role = json.loads(role) if isinstance(role, str) else role
            roles[(aid, actor)] = (role or {}).get("title")
        sql = (
            f"SELECT e.article_id, e.id, e.type, e.mode, {EVENT_DATE}, e.location, e.planned, e.source_actor, e.target_actor, e.summary_en, "
            "e.evidence_start, e.evidence_end, e.evidence_text, ec.cluster_id, c.reports, a.url, a.title, a.language, "
            "coalesce(a.outlet_id, a.agency_id) FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id LEFT JOIN clusters c ON c.id = ec.cluster_id "
            f"WHERE e.article_id IN ({mk}){where} ORDER BY e.article_id, e.seq"
        )
        for aid, eid, type_, mode, day, loc, planned, src, tgt, summary, es, ee, et, cid, reports, url, title, lang, outlet in store.query(sql, batch + params):
            who, whom, modes = _sides(type_, mode, people.get((aid, eid), []), src, tgt)
            event = "AGREE" if (type_ == "CONSULT" and planned) else type_
            context = sorted({c for t in topics.get((aid, eid), []) for c in m["contexts"].get(t, [])})
            if planned:
                context.append("future")
            record = {
                "id": f"{aid}-{eid.rsplit(':', 1)[-1]}",
                "has_event": True,
                "date": day,
                "event": [event],
                "mode": modes,
                "context": context,
                "actor": [_entity(x, actors, mentions, roles, aid) for x in who],
                "recipient": [_entity(x, actors, mentions, roles, aid) for x in whom],
                "event_text": [et],
                "quad_code": m["quad"].get(event),
                "text_info": {"start": es, "end": ee, "text": et},
                "cite_info": {"corpus": "rasad", "url": url, "title": title, "language": lang, "publication": outlet, "coder": coder, "codebook": CODEBOOK},
                "link": cid,
                "coder": coder,
                "comment": summary,
                "rasad_mode": mode,
                "topics": topics.get((aid, eid), []),
                "planned": bool(planned),
                "reports": reports or 1,
                "article_id": aid,
            }
            if loc:
                _, name, country, _ = actors.get(loc, (loc, loc, None, None))
                record["event_loc"] = {"extracted_place": mentions.get((aid, loc)), "resolved_place": name, "country_code": country, "rasad_id": loc}
            yield record
