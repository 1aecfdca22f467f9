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


def _hits_sql(store: Store) -> str:
    if store.postgres:
        return "SELECT s.article_id, s.start_char, s.end_char, s.kind FROM sentences s WHERE to_tsvector('simple', s.key_text) @@ to_tsquery('simple', ?)"
    return "SELECT s.article_id, s.start_char, s.end_char, s.kind FROM sentence_fts JOIN sentences s ON s.id = sentence_fts.rowid WHERE sentence_fts MATCH ?"


def _mentions_sql(n: int) -> str:
    return (
        "SELECT m.article_id, coalesce(s.start_char, m.start_char), coalesce(s.end_char, m.end_char), coalesce(s.kind, 'mention') "
        "FROM mentions m LEFT JOIN sentences s ON s.article_id = m.article_id AND s.seq = m.sentence "
        f"WHERE m.actor_id IN ({', '.join('?' * n)})"
    )


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
    parts: list[str] = []
    params: list[Any] = []
    if query and query.strip():
        terms = parse_query(query)
        if terms:
            parts.append(_hits_sql(store))
            params.append(tsquery(terms) if store.postgres else fts5_query(terms))
        named = resolve_actor(store, query)
        if named:
            parts.append(_mentions_sql(len(named)))
            params += named
        if not parts:
            raise SearchError(f"the query {query!r} has no words to search for; give words, or --actor NAME", value=query)
    filters: list[str] = []
    fparams: list[Any] = []
    if actor:
        ids = _actor_filter(store, actor)
        if not parts:
            parts.append(_mentions_sql(len(ids)))
            params += ids
        filters.append(f"EXISTS (SELECT 1 FROM article_actors aa WHERE aa.article_id = a.id AND aa.actor_id IN ({', '.join('?' * len(ids))}))")
        fparams += ids
    if not parts:
        raise SearchError("nothing to search for: give a QUERY, or --actor NAME", value=None)
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
        filters.append("a.language = ?")
        fparams.append(lang)
    if outlet:
        filters.append("(a.outlet_id = ? OR a.agency_id = ?)")
        fparams += [outlet.strip(), outlet.strip()]
    where = "".join(f" AND {f}" for f in filters)
    sql = (
        f"WITH hit (article_id, start_char, end_char, kind) AS ({' UNION '.join(parts)}), "
        "top AS (SELECT a.id, a.published_date FROM articles a "
        f"WHERE a.id IN (SELECT article_id FROM hit){where} "
        "ORDER BY a.published_date DESC NULLS LAST, a.id LIMIT ?) "
        "SELECT a.id, a.content_hash, a.source, a.title, a.url, a.language, a.published_date, a.outlet_id, "
        "h.start_char, h.end_char, h.kind, substr(a.original, h.start_char + 1, h.end_char - h.start_char) "
        "FROM top JOIN articles a ON a.id = top.id JOIN hit h ON h.article_id = top.id "
        "ORDER BY top.published_date DESC NULLS LAST, top.id, h.start_char, h.end_char"
    )
    rows = store.query(sql, params + fparams + [limit])
    hits: list[SearchHit] = []
    matches: list[Match] = []
    for row in rows:
        if not hits or hits[-1].id != row[0]:
            if hits:
                hits[-1] = _with(hits[-1], matches)
            matches = []
            hits.append(SearchHit(*row[:8], matches=()))
        match = Match(row[8], row[9], row[11], row[10])
        if not matches or matches[-1] != match:
            matches.append(match)
    if hits:
        hits[-1] = _with(hits[-1], matches)
    return hits


def _with(hit: SearchHit, matches: list[Match]) -> SearchHit:
    return SearchHit(hit.id, hit.content_hash, hit.source, hit.title, hit.url, hit.language, hit.published, hit.outlet, tuple(matches))


def format_hit(hit: SearchHit) -> str:
    """A hit for a person: the article on one line, then each matching span with its offsets."""
    head = "  ".join(x for x in (hit.id, hit.published or "----------", hit.language or "??", hit.outlet or "-", hit.source) if x)
    lines = [head]
    for m in hit.matches:
        text = " ".join(m.text.split())
        label = "" if m.kind == "sentence" else f" ({m.kind})"
        lines.append(f"  [{m.start}:{m.end}]{label} {text}")
    return "\n".join(lines)
