"""Checking a store: the database's own integrity checks, and that every article is stored whole.

"Whole" is exact: the rows an article owns must equal the rows rebuilt from its stored output, so an
article written in part (or a derived row left behind) shows up as a problem. ``contents`` reads every
table in key order, for comparing two stores.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from rasad.store.db import Store, open_store
from rasad.store.rows import ARTICLE_TABLES, COLUMNS, KEYS, derived_rows, dumps, record_of

# columns that say when, not what: left out when two stores are compared
TIMESTAMPS = {"ingested_at", "processed_at", "applied_at"}


def _plain(value: Any) -> Any:
    """One form for a value whichever backend read it (booleans, JSON, timestamps)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return dumps(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _select(table: str, columns: tuple[str, ...], where: str = "") -> str:
    return f"SELECT {', '.join(columns)} FROM {table}{where} ORDER BY {', '.join(KEYS[table])}"


def contents(db: str | Path | Store) -> dict[str, list[tuple]]:
    """Every stored row, table by table, in key order, timestamps left out."""
    store = open_store(db, must_exist=True)
    try:
        out = {"schema_migrations": [tuple(r) for r in store.query("SELECT name, checksum FROM schema_migrations ORDER BY name")]}
        for table, cols in COLUMNS.items():
            cols = tuple(c for c in cols if c not in TIMESTAMPS)
            out[table] = [tuple(_plain(v) for v in row) for row in store.query(_select(table, cols))]
        return out
    finally:
        if store is not db:
            store.close()


def integrity_problems(store: Store) -> list[str]:
    """What the database itself finds wrong (SQLite: integrity_check, foreign_key_check, the FTS5 index)."""
    if store.postgres:
        return []  # PostgreSQL keeps its own invariants: constraints are checked on every write
    problems = [f"integrity_check: {r[0]}" for r in store.query("PRAGMA integrity_check") if r[0] != "ok"]
    problems += [f"foreign_key_check: {tuple(r)}" for r in store.query("PRAGMA foreign_key_check")]
    try:
        store.execute("INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')")
    except store.operational_errors as exc:
        problems.append(f"full-text index: {exc}")
    return problems


def article_problems(store: Store) -> list[str]:
    """Articles whose stored rows differ from the rows their stored output makes, and rows that
    belong to no article."""
    problems = []
    for aid, original, output in store.query("SELECT id, original, output FROM articles ORDER BY id"):
        output = json.loads(output) if isinstance(output, str) else output
        expected = derived_rows(aid, record_of(original, output))
        for table in ARTICLE_TABLES:
            rows = [tuple(_plain(v) for v in r) for r in store.query(_select(table, COLUMNS[table], " WHERE article_id = ?"), (aid,))]
            want = sorted((tuple(_plain(v) for v in r) for r in expected[table]), key=repr)
            if sorted(rows, key=repr) != want:
                problems.append(f"article {aid}: {table} holds {len(rows)} row(s), its output makes {len(want)}")
        for row in expected["actors"]:
            if store.value("SELECT 1 FROM actors WHERE id = ?", (row[0],)) is None:
                problems.append(f"article {aid}: actor {row[0]} is missing")
    for table in ARTICLE_TABLES:
        orphans = store.value(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        if orphans:
            problems.append(f"{table}: {orphans} row(s) of no stored article")
    return problems


def check(db: str | Path | Store) -> list[str]:
    """Every problem found; an empty list means the store is sound."""
    store = open_store(db, must_exist=True)
    try:
        return integrity_problems(store) + article_problems(store)
    finally:
        if store is not db:
            store.close()
