"""Search: full text on the match-key form, actors by any spelling, and filters.

Queries are folded with rasad.text.keys.match_key, as the stored sentences were, so شمخاني finds
شمخانی and the reverse. Words must all appear in one sentence (or title span); "quoted words" must
appear together in that order; a word ending in * matches as a prefix. SQLite answers from its FTS5
index, PostgreSQL from a GIN index on to_tsvector('simple', key_text).

A query that names an actor (a knowledge-base id, any of its names or spellings, its English name,
or a provisional actor's name) also finds the sentences where that actor is named, whatever the
spelling. ``actor=`` keeps only articles that name the actor (and, with no query, shows where).
Hits are articles, newest first (undated ones last), each with its matching spans in text order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rasad.store.db import Store, open_store
from rasad.store.errors import AmbiguousActor, SearchError, UnknownActor
from rasad.store.types import Match, SearchHit
from rasad.text.keys import match_key

DEFAULT_LIMIT = 20
LANGS = ("fa", "ar")
_PIECES = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Term:
    """One thing every matching sentence holds: a word, or words together in order (a phrase);
    ``prefix`` lets the last word match as the start of a longer one."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[Term]:
    terms = []
    for quoted, bare in _PIECES.findall(query):
        piece = quoted if quoted else bare
        prefix = piece.endswith("*") and not quoted
        words = tuple(_WORD.findall(match_key(piece.rstrip("*") if prefix else piece)))
        if words:
            terms.append(Term(words, prefix))
    return terms


def fts5_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: each term a quoted phrase (so no query text is read as syntax)."""
    return " AND ".join('"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in terms)


def tsquery(terms: list[Term]) -> str:
    """The PostgreSQL to_tsquery text: words quoted, phrases joined with <->, prefixes marked :*."""
    parts = []
    for t in terms:
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        parts.append(" <-> ".join(words) if len(words) > 1 else words[0])
    return " & ".join(parts)


# ------------------------------------------------------------------ actors


@cache
def _kb_names() -> dict[str, tuple[str, ...]]:
    """match key -> knowledge-base ids, over every name and spelling (Persian, Arabic, English)."""
    from rasad.actors.kb import load_kb

    kb = load_kb()
    index: dict[str, list[str]] = defaultdict(list)
    for key, refs in kb.names.items():
        for ref in refs:
            if not ref.adjective and ref.entry_id not in index[key]:
                index[key].append(ref.entry_id)
    for entry in kb.entries.values():
        for name in (entry.name.get("en"), entry.id.replace("_", " ")):
            key = match_key(name or "")
            if key and entry.id not in index[key]:
                index[key].append(entry.id)
    return {k: tuple(v) for k, v in index.items()}


def resolve_actor(store: Store, name: str) -> list[str]:
    """The actor ids that ``name`` may mean: an id, or any spelling of a name (empty if none)."""
    from rasad.actors.kb import TYPES, load_kb

    name = name.strip()
    if not name:
        return []
    if name in load_kb().entries or store.value("SELECT 1 FROM actors WHERE id = ?", (name,)):
        return [name]
    key = match_key(name)
    if not key:
        return []
    ids = list(_kb_names().get(key, ()))
    provisional = [f"new:{t}:{key.replace(' ', '_')}" for t in TYPES]
    marks = ", ".join("?" * len(provisional))
    ids += [r[0] for r in store.query(f"SELECT id FROM actors WHERE id IN ({marks}) ORDER BY id", provisional)]
    return ids


def _actor_filter(store: Store, name: str) -> list[str]:
    from rasad.actors.kb import load_kb

    ids = resolve_actor(store, name)
    if not ids:
        raise UnknownActor(
            f"no actor is called {name!r} (looked for an id and every name and spelling in the knowledge base and "
            f"the store); check the spelling, or search the text: rasad search {name!r}",
            value=name,
        )
    if len(ids) > 1:
        entries = load_kb().entries
        options = ", ".join(f"{i} ({entries[i].name.get('en', i)})" if i in entries else i for i in ids)
        raise AmbiguousActor(f"{name!r} names more than one actor: {options}; pass one id with --actor", value=ids)
    return ids


# ------------------------------------------------------------------ filters


def _date_bound(value: str, which: str) -> str:
    from rasad.actors.kb import high, low

    value = value.strip()
    if not _DATE.match(value):
        raise SearchError(f"--{which} {value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (Gregorian)", value=value)
    bound = low(value) if which == "from" else high(value)
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise SearchError(f"--{which} {value!r} is not a day of the calendar ({exc})", value=value) from exc
    return bound


# How a search runs, in two steps. (1) The newest ``limit`` articles that match. Sentences that match
# come from the full-text index, their articles' dates from the index articles_id_published (the rows
# themselves are wide), and the newest are kept: the cost follows the number of matching sentences. An
# actor named in many articles (ESTIMATE_CAP mentions or more) is found the other way round: the
# articles are walked newest first on their published-date index, each tested with one index lookup,
# until ``limit`` are found. (2) The matching spans of those articles only.
ESTIMATE_CAP = 2000


def _many_mentions(store: Store, actor_ids: list[str]) -> bool:
    if not actor_ids:
        return False
    sql = f"SELECT count(*) FROM (SELECT 1 FROM mentions WHERE actor_id IN ({', '.join('?' * len(actor_ids))}) LIMIT ?) x"
    return store.value(sql, (*actor_ids, ESTIMATE_CAP)) >= ESTIMATE_CAP


def _candidates(store: Store, fts: str | None, actor_ids: list[str]) -> tuple[str, list[Any]]:
    """The ids of the articles with a matching sentence or mention (repeats allowed)."""
    parts, params = [], []
    if fts:
        if store.postgres:
            parts.append("SELECT s.article_id FROM sentences s WHERE to_tsvector('simple', s.key_text) @@ to_tsquery('simple', ?)")
        else:
            parts.append("SELECT s.article_id FROM sentence_fts JOIN sentences s ON s.id = sentence_fts.rowid WHERE sentence_fts MATCH ?")
        params.append(fts)
    if actor_ids:
        parts.append(f"SELECT m.article_id FROM mentions m WHERE m.actor_id IN ({', '.join('?' * len(actor_ids))})")
        params += actor_ids
    return " UNION ALL ".join(parts), params


def _walk_test(store: Store, fts: str | None, actor_ids: list[str]) -> tuple[str, list[Any]]:
    """A test of one article ``a`` while walking: the actor is named in it (an index lookup), or it is
    among the articles with a matching sentence (a list made once)."""
    tests = [f"EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id IN ({', '.join('?' * len(actor_ids))}) AND m.article_id = a.id)"]
    params: list[Any] = list(actor_ids)
    if fts:
        inner, more = _candidates(store, fts, [])
        tests.append(f"a.id IN ({inner})")
        params += more
    return "(" + " OR ".join(tests) + ")", params


def _spans(store: Store, fts: str | None, actor_ids: list[str], ids: list[str]) -> dict[str, set[tuple[int, int, str]]]:
    """article id -> its matching spans (start, end, kind), for the articles ``ids`` only."""
    out: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    marks = ", ".join("?" * len(ids))
    if actor_ids:
        sql = (
            "SELECT m.article_id, coalesce(s.start_char, m.start_char), coalesce(s.end_char, m.end_char), coalesce(s.kind, 'mention') "
            "FROM mentions m LEFT JOIN sentences s ON s.article_id = m.article_id AND s.seq = m.sentence "
            f"WHERE m.actor_id IN ({', '.join('?' * len(actor_ids))}) AND m.article_id IN ({marks})"
        )
        for aid, start, end, kind in store.query(sql, [*actor_ids, *ids]):
            out[aid].add((start, end, kind))
    if fts and store.postgres:
        sql = (
            "SELECT s.article_id, s.start_char, s.end_char, s.kind FROM sentences s "
            f"WHERE s.article_id IN ({marks}) AND to_tsvector('simple', s.key_text) @@ to_tsquery('simple', ?)"
        )
        for aid, start, end, kind in store.query(sql, [*ids, fts]):
            out[aid].add((start, end, kind))
    elif fts:
        ranges = store.query(f"SELECT article_id, min(id), max(id) FROM sentences WHERE article_id IN ({marks}) GROUP BY article_id", ids)
        sql = (
            "SELECT s.start_char, s.end_char, s.kind FROM sentence_fts f JOIN sentences s ON s.id = f.rowid "
            "WHERE f.sentence_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND s.article_id = ?"
        )
        for aid, lo, hi in ranges:
            for start, end, kind in store.query(sql, (fts, lo, hi, aid)):
                out[aid].add((start, end, kind))
    return out


def search(
    db: str | Path | Store | None,
    query: str | None = None,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the CLI's --type
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str | None = None,
    outlet: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[SearchHit]:
    """Articles that match ``query`` and every filter given, newest first, at most ``limit``."""
    if limit < 1:
        raise SearchError(f"--limit must be 1 or more, not {limit}", value=limit)
    if lang is not None and lang not in LANGS:
        raise SearchError(f"--lang {lang!r} is not one of {', '.join(LANGS)}", value=lang)
    store = open_store(db, must_exist=True)
    try:
        return _search(store, query, actor, type, topic, date_from, date_to, lang, outlet, limit)
    finally:
        if store is not db:
            store.close()


def _search(store: Store, query, actor, type_, topic, date_from, date_to, lang, outlet, limit) -> list[SearchHit]:
    fts: str | None = None
    actor_ids: list[str] = []
    if query and query.strip():
        terms = parse_query(query)
        if terms:
            fts = tsquery(terms) if store.postgres else fts5_query(terms)
        actor_ids = resolve_actor(store, query)
        if not fts and not actor_ids:
            raise SearchError(f"the query {query!r} has no words to search for; give words, or --actor NAME", value=query)
    filter_ids = _actor_filter(store, actor) if actor else []
    if not fts and not actor_ids:
        actor_ids = filter_ids
    if not fts and not actor_ids:
        raise SearchError("nothing to search for: give a QUERY, or --actor NAME", value=None)
    walk = _many_mentions(store, actor_ids)

    def column(name: str) -> str:
        # '+a.x' keeps SQLite walking the published-date index instead of x's own; PostgreSQL plans for itself
        return f"+a.{name}" if walk and not store.postgres else f"a.{name}"

    filters: list[str] = []
    fparams: list[Any] = []
    if filter_ids:
        filters.append(f"EXISTS (SELECT 1 FROM article_actors aa WHERE aa.article_id = a.id AND aa.actor_id IN ({', '.join('?' * len(filter_ids))}))")
        fparams += filter_ids
    if type_:
        filters.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)")
        fparams.append(type_.strip().upper())
    if topic:
        filters.append(
            "(EXISTS (SELECT 1 FROM event_topics t WHERE t.article_id = a.id AND t.topic = ?)"
            " OR EXISTS (SELECT 1 FROM quote_topics t WHERE t.article_id = a.id AND t.topic = ?))"
        )
        fparams += [topic.strip(), topic.strip()]
    if date_from:
        filters.append("a.published_date >= ?")
        fparams.append(_date_bound(date_from, "from"))
    if date_to:
        filters.append("a.published_date <= ?")
        fparams.append(_date_bound(date_to, "to"))
    if lang:
        filters.append(f"{column('language')} = ?")
        fparams.append(lang)
    if outlet:
        filters.append(f"({column('outlet_id')} = ? OR {column('agency_id')} = ?)")
        fparams += [outlet.strip(), outlet.strip()]
    where = "".join(f" AND {f}" for f in filters)

    if walk:
        test, tparams = _walk_test(store, fts, actor_ids)
    else:
        inner, tparams = _candidates(store, fts, actor_ids)
        test = f"a.id IN ({inner})"
    sql = f"SELECT a.id FROM articles a WHERE {test}{where} ORDER BY a.published_date DESC NULLS LAST, a.id LIMIT ?"
    top = [r[0] for r in store.query(sql, tparams + fparams + [limit])]
    if not top:
        return []
    spans = _spans(store, fts, actor_ids, top)
    marks = ", ".join("?" * len(top))
    rows = {r[0]: r for r in store.query(
        f"SELECT id, content_hash, source, title, url, language, published_date, outlet_id, original FROM articles WHERE id IN ({marks})", top
    )}
    hits = []
    for aid in top:
        row = rows[aid]
        original = row[8]
        matches = tuple(Match(start, end, original[start:end], kind) for start, end, kind in sorted(spans.get(aid, ())))
        hits.append(SearchHit(*row[:8], matches=matches))
    return hits


def format_hit(hit: SearchHit) -> str:
    """A hit for a person: the article on one line, then each matching span with its offsets."""
    head = "  ".join(x for x in (hit.id, hit.published or "----------", hit.language or "??", hit.outlet or "-", hit.source) if x)
    lines = [head]
    for m in hit.matches:
        text = " ".join(m.text.split())
        label = "" if m.kind == "sentence" else f" ({m.kind})"
        lines.append(f"  [{m.start}:{m.end}]{label} {text}")
    return "\n".join(lines)
