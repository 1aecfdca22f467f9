"""Named, ordered migrations: ``migrations/<dialect>/NNNN_name.sql``, applied in name order.

Each migration runs in one transaction together with its row in ``schema_migrations`` (name, checksum of
its SQL, when it was applied), so a database is always at a whole number of migrations. Both dialects
ship the same names. A migration is never edited once released: a change is a new file.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources

from rasad.store.db import POSTGRESQL, Store
from rasad.store.errors import MigrationError

NAME = re.compile(r"^\d{4}_[a-z0-9_]+$")
LOCK_ID = 0x7261736164  # 'rasad': serialises concurrent migrators on one PostgreSQL database

BOOTSTRAP = """CREATE TABLE IF NOT EXISTS schema_migrations (
    name       TEXT PRIMARY KEY,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


@cache
def migrations(dialect: str) -> tuple[Migration, ...]:
    folder = resources.files("rasad.store") / "migrations" / dialect
    out = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".sql"):
            continue
        name = item.name[:-4]
        if not NAME.match(name):
            raise MigrationError(f"migration file {dialect}/{item.name} is misnamed; use NNNN_lower_case_name.sql", value=item.name)
        out.append(Migration(name, item.read_text(encoding="utf-8")))
    return tuple(out)


def applied(store: Store) -> dict[str, str]:
    """Migrations recorded in the database: name -> checksum."""
    return dict(store.query("SELECT name, checksum FROM schema_migrations ORDER BY name"))


def migrate(store: Store) -> list[str]:
    """Apply the migrations this database lacks, in order; return their names."""
    known = migrations(store.dialect)
    if _has_table(store):  # a reader of an up-to-date store takes no write lock
        done = applied(store)
        _check(store, known, done)
        if all(m.name in done for m in known):
            return []
    with store.transaction():
        if store.postgres:
            store.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_ID,))
        store.execute(BOOTSTRAP)
    done = applied(store)
    _check(store, known, done)
    names = []
    for m in known:
        if m.name in done:
            continue
        with store.transaction():
            if store.postgres:
                store.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_ID,))
            if store.value("SELECT 1 FROM schema_migrations WHERE name = ?", (m.name,)):
                continue  # another process applied it while we waited for the lock
            _run_script(store, m.sql)
            store.execute(
                "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)",
                (m.name, m.checksum, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        names.append(m.name)
    return names


def _has_table(store: Store) -> bool:
    if store.postgres:
        return store.value("SELECT to_regclass('schema_migrations') IS NOT NULL") is True
    return store.value("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 1


def _check(store: Store, known: tuple[Migration, ...], done: dict[str, str]) -> None:
    by_name = {m.name: m for m in known}
    unknown = sorted(set(done) - set(by_name))
    if unknown:
        raise MigrationError(
            f"the store at {store!r} has migration(s) {', '.join(unknown)} that this Rasad does not ship; "
            "upgrade Rasad to read it",
            value=unknown,
        )
    for name, checksum in done.items():
        if by_name[name].checksum != checksum:
            raise MigrationError(
                f"migration {name} changed after it was applied to {store!r}; released migrations must not be "
                "edited (add a new one), or rebuild the store",
                value=name,
            )


def _run_script(store: Store, sql: str) -> None:
    if store.dialect == POSTGRESQL:
        store.conn.execute(sql)
        return
    # sqlite3's executescript would commit our transaction first: run one complete statement at a time
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            store.conn.execute(buf)
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise MigrationError(f"a migration ends with an incomplete statement: {buf.strip()[:80]!r}", value=buf)
