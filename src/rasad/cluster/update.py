"""Bringing the clusters up to date: near-duplicate groups first (they decide what counts as an
independent report), then the events, then the figures of every cluster that changed.

One transaction: a reader sees the clusters before or after a run, never half of one. On PostgreSQL an
advisory lock keeps two runs from placing the same articles at once (SQLite's write lock does that).
"""

from __future__ import annotations

from pathlib import Path

from rasad.cluster import duplicates, events
from rasad.cluster.link import TieBreaker
from rasad.cluster.types import ClusterReport
from rasad.cluster.write import chunks, marks, refresh
from rasad.store.db import Store, open_store

LOCK_ID = 0x7261736164 + 1  # beside the migrations' lock
# what a rebuild clears, children first
TABLES = ("event_clusters", "article_duplicates", "clusters", "minhash_bands", "article_minhash")


def update(db: str | Path | Store | None, *, rebuild: bool = False, tie_breaker: TieBreaker | None = None) -> ClusterReport:
    """Cluster what the store holds that has no cluster yet (``rebuild``: everything, from scratch).
    ``db`` is a path, a postgresql:// URL, or an open Store (left open)."""
    store = open_store(db, must_exist=True)
    try:
        with store.transaction():
            if store.postgres:
                store.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_ID,))
            if rebuild:
                for table in TABLES:
                    store.execute(f"DELETE FROM {table}")
            signed, dup_groups, dup_articles = duplicates.place(store)
            placed, event_clusters = events.place(store, tie_breaker)
            refresh(store, duplicates.KIND, dup_groups)
            # an article that joined a near-duplicate group changes the independent reports of its events' clusters
            for batch in chunks(sorted(dup_articles)):
                event_clusters.update(r[0] for r in store.query(f"SELECT DISTINCT cluster_id FROM event_clusters WHERE article_id IN ({marks(len(batch))})", batch))
            refresh(store, events.KIND, event_clusters)
            # clusters whose members were all removed (reprocessing drops an article's events)
            store.execute(
                "DELETE FROM clusters WHERE (kind = 'events' AND NOT EXISTS (SELECT 1 FROM event_clusters ec WHERE ec.cluster_id = clusters.id)) "
                "OR (kind = 'duplicates' AND NOT EXISTS (SELECT 1 FROM article_duplicates ad WHERE ad.cluster_id = clusters.id))"
            )
            totals = dict(store.query("SELECT kind, count(*) FROM clusters WHERE members > 1 GROUP BY kind"))
        return ClusterReport(
            articles_signed=signed, duplicate_groups_changed=len(dup_groups), events_placed=placed,
            event_clusters_changed=len(event_clusters), duplicate_groups=totals.get("duplicates", 0),
            event_clusters=totals.get("events", 0), rebuilt=rebuild,
        )
    finally:
        if store is not db:
            store.close()


def rebuild(db: str | Path | Store | None, *, tie_breaker: TieBreaker | None = None) -> ClusterReport:
    """Every group and cluster made again from the articles and events."""
    return update(db, rebuild=True, tie_breaker=tie_breaker)
