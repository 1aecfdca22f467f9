"""Writing one article: its row and every derived row in one transaction, or nothing.

A process killed part-way (SIGKILL included) leaves no trace of the article it was writing: SQLite
rolls back the uncommitted transaction from its write-ahead log, PostgreSQL drops it with the
connection. Statements are made once per backend from rows.COLUMNS; rows go in with executemany.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from typing import Any

from rasad.store.db import Store
from rasad.store.rows import ARTICLE_TABLES, COLUMNS, Row, article_row, derived_rows, dumps, output_of

# articles columns that reprocessing refreshes (the rest: identity, original, record, ingested_at, stay)
REFRESHED = ("url", "language", "title", "published_date", "published_time", "outlet_id", "agency_id", "news_code", "output", "schema_version", "rasad_version", "processed_at")
_ACTOR_FIELDS = ("type", "name", "name_en", "name_fa", "name_ar", "in_kb", "country", "wikidata")


class _AlreadyStored(Exception):
    """Raised inside the transaction to roll it back: another writer stored the article first."""


@cache
def statements(dialect: str) -> dict[str, str]:
    out = {}
    for table, cols in COLUMNS.items():
        out[table] = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    out["articles"] += " ON CONFLICT DO NOTHING"
    # knowledge-base actors are refreshed (a newer knowledge base renames them); provisional ones are kept
    # as first seen. The WHERE keeps unchanged rows unwritten, so concurrent writers do not queue on them.
    differs = " IS DISTINCT FROM " if dialect == "postgresql" else " IS NOT "
    changed = " OR ".join(f"actors.{c}{differs}excluded.{c}" for c in _ACTOR_FIELDS)
    out["actors"] += (
        f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _ACTOR_FIELDS)}"
        f" WHERE excluded.in_kb AND ({changed})"
    )
    out["refresh"] = f"UPDATE articles SET {', '.join(f'{c} = ?' for c in REFRESHED)} WHERE id = ?"
    for table in ARTICLE_TABLES:
        out[f"delete {table}"] = f"DELETE FROM {table} WHERE article_id = ?"
    return out


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def exists(store: Store, aid: str) -> bool:
    return store.value("SELECT 1 FROM articles WHERE id = ?", (aid,)) is not None


def write_article(store: Store, aid: str, record: dict[str, Any], reader_record: dict[str, Any], input_url: str | None, version: str) -> bool:
    """Store a new article (``record`` is its extract record, with original). False when the article
    was already there (another writer got it first), in which case nothing is written."""
    rows = derived_rows(aid, record)
    sql = statements(store.dialect)
    try:
        with store.transaction():
            _relaxed_commit(store)
            cur = store.execute(sql["articles"], article_row(aid, record, reader_record, input_url, version, now()))
            if cur.rowcount == 0:
                raise _AlreadyStored(aid)
            _insert(store, sql, rows)
    except _AlreadyStored:
        return False
    return True


def replace_derived(store: Store, aid: str, record: dict[str, Any], version: str) -> None:
    """Rebuild an article's derived rows from a new extract record (``rasad ingest --reprocess``)."""
    rows = derived_rows(aid, record)
    sql = statements(store.dialect)
    full = article_row(aid, record, {}, None, version, now())
    values = dict(zip(COLUMNS["articles"], full))
    values["output"] = dumps(output_of(record))
    with store.transaction():
        _relaxed_commit(store)
        for table in reversed(ARTICLE_TABLES):
            store.execute(sql[f"delete {table}"], (aid,))
        store.execute(sql["refresh"], tuple(values[c] for c in REFRESHED) + (aid,))
        _insert(store, sql, rows)


def _relaxed_commit(store: Store) -> None:
    """PostgreSQL: this transaction's commit does not wait for its WAL to reach the disk (half the cost of
    an article). A server crash can then lose the last fraction of a second of commits, never part of one,
    and a rerun of the same ingest adds them again; a killed client loses nothing that was committed.
    SQLite in WAL mode with synchronous=NORMAL makes the same trade."""
    if store.postgres:
        store.execute("SET LOCAL synchronous_commit TO off")


def _insert(store: Store, sql: dict[str, str], rows: dict[str, list[Row]]) -> None:
    with store.batch():
        store.executemany(sql["actors"], rows["actors"])
        for table in ARTICLE_TABLES:
            store.executemany(sql[table], rows[table])
