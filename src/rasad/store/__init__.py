"""The store: articles and everything Rasad found in them, in SQLite (one file) or PostgreSQL.

    >>> from rasad import store
    >>> report = store.ingest_paths("rasad.db", ["examples"])
    >>> for hit in store.search("rasad.db", "شمخاني", lang="ar"):
    ...     print(hit.id, hit.title, [m.text for m in hit.matches])

Schema and migrations: migrations/<dialect>/*.sql (docs/store.md describes the tables).
"""

from __future__ import annotations

from rasad.store.batch import ingest, ingest_paths, reprocess
from rasad.store.check import check, contents
from rasad.store.db import DEFAULT_DB, Store, open_store
from rasad.store.errors import StoreError
from rasad.store.query import resolve_actor, search
from rasad.store.types import IngestReport, Match, SearchHit

__all__ = [
    "DEFAULT_DB", "IngestReport", "Match", "SearchHit", "Store", "StoreError", "check", "contents", "ingest",
    "ingest_paths", "open_store", "reprocess", "resolve_actor", "search",
]
