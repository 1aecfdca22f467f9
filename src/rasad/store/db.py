"""Connections: one SQLite file (the default) or a PostgreSQL server, behind one small interface.

SQL is written once with ``?`` placeholders (so it never holds a literal ``%`` or ``?``); on PostgreSQL
they become ``%s``. Writes go through :meth:`Store.transaction`, one per article. SQLite runs in WAL mode,
so readers (a search) work while a writer ingests; only the standard library's ``sqlite3`` is used.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasad.store.errors import StoreConnectError, StoreError, StoreNotFound

SQLITE, POSTGRESQL = "sqlite", "postgresql"
DEFAULT_DB = "rasad.db"
BUSY_TIMEOUT_S = 30.0


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def redact(db: str) -> str:
    """The location with any password masked, for messages."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", db)


class Store:
    """An open store. Use :func:`open_store` to get one; close it (or use it as a context manager)."""

    def __init__(self, conn: Any, dialect: str, location: str) -> None:
        self.conn = conn
        self.dialect = dialect
        self.location = location
        self._sql: dict[str, str] = {}
        if dialect == POSTGRESQL:
            import psycopg

            self.integrity_errors: tuple[type[Exception], ...] = (psycopg.IntegrityError,)
            self.operational_errors: tuple[type[Exception], ...] = (psycopg.OperationalError, psycopg.InterfaceError)
        else:
            self.integrity_errors = (sqlite3.IntegrityError,)
            self.operational_errors = (sqlite3.OperationalError, sqlite3.DatabaseError)

    @property
    def postgres(self) -> bool:
        return self.dialect == POSTGRESQL

    def sql(self, text: str) -> str:
        """``text`` with this backend's placeholders."""
        if not self.postgres:
            return text
        out = self._sql.get(text)
        if out is None:
            out = self._sql[text] = text.replace("?", "%s")
        return out

    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.sql(text), params)

    def executemany(self, text: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        if self.postgres:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(text), rows)
        else:
            self.conn.executemany(text, rows)

    def query(self, text: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(text, params).fetchall())

    def value(self, text: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(text, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back when it raises (or the
        process dies: SQLite's WAL and PostgreSQL both drop an uncommitted transaction)."""
        if self.postgres:
            with self.conn.transaction():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Statements sent without waiting for each answer (PostgreSQL's pipeline mode: one round trip
        for the lot); errors surface when the block ends. Nothing to do on SQLite, which is in-process."""
        if not self.postgres:
            yield
            return
        with self.conn.pipeline():
            yield

    def tables(self) -> list[str]:
        if self.postgres:
            rows = self.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
        else:
            rows = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sentence_fts_%'"
            )
        return sorted(r[0] for r in rows)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.dialect}, {redact(self.location)!r})"


def open_store(db: str | Path | Store | None = None, *, must_exist: bool = False, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the store at ``db``: a SQLite file path (default ./rasad.db) or a
    ``postgresql://`` URL. ``must_exist`` refuses to create a new SQLite file (for readers)."""
    if isinstance(db, Store):
        return db
    location = str(db) if db is not None else DEFAULT_DB
    store = _open_postgres(location) if is_postgres_url(location) else _open_sqlite(location, must_exist)
    if migrate:
        from rasad.store.migrate import migrate as run_migrations

        try:
            run_migrations(store)
        except BaseException:
            store.close()
            raise
    return store


def _open_sqlite(location: str, must_exist: bool) -> Store:
    path = Path(location)
    if path.is_dir():
        raise StoreError(f"{location} is a directory; give a database file, e.g. --db {path / DEFAULT_DB}", value=location)
    if must_exist and not path.exists():
        raise StoreNotFound(f"no store at {location}; build one with `rasad ingest PATH --db {location}`", value=location)
    if not path.parent.exists():
        raise StoreError(f"cannot create {location}: the folder {path.parent} does not exist", value=location)
    try:
        # check_same_thread off: the HTTP API opens a request's connection in one worker thread and uses
        # it in another; a connection is never used by two threads at once (one per request or command).
        conn = sqlite3.connect(location, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{location} cannot be opened as a SQLite database ({exc}); is it the right file?", value=location) from exc
    return Store(conn, SQLITE, location)


def _open_postgres(url: str) -> Store:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreConnectError(f"PostgreSQL needs the psycopg driver: pip install 'rasad[postgresql]' (for {redact(url)})", value=redact(url)) from exc
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise StoreConnectError(
            f"cannot connect to {redact(url)}: {reason}; is the server running, and is the URL "
            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE?",
            value=redact(url),
        ) from exc
    return Store(conn, POSTGRESQL, url)
