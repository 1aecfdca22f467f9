"""Store figures for `rasad bench`: ingest throughput and the store's share of it, the skip rate of a
second (idempotent) pass, search latency (median and 95th percentile), and bytes per article.

Figures are printed, never asserted. ``run`` measures; ``format_report`` writes them for a person.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasad.doc import Article


class _Timed:
    """A pipeline that adds up the time spent in it, so the store's share of ingest is what is left."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.seconds = 0.0

    def __call__(self, article: Article) -> Article:
        t0 = time.perf_counter()
        try:
            return self.pipeline(article)
        finally:
            self.seconds += time.perf_counter() - t0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _queries(store: Any, count: int, seed: int = 0) -> list[tuple[str, dict[str, Any]]]:
    """Search requests drawn from what the store holds: words of titles, actor names, actor filters."""
    from rasad.store.query import _WORD

    rng = random.Random(seed)
    words = sorted({w for (title,) in store.query("SELECT title FROM articles WHERE title IS NOT NULL") for w in _WORD.findall(title) if len(w) > 3})
    actors = [r[0] for r in store.query("SELECT actor_id, count(*) FROM article_actors GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 50")]
    out: list[tuple[str, dict[str, Any]]] = []
    for i in range(count):
        kind = i % 4
        if kind in (0, 1) and words:
            out.append((" ".join(rng.sample(words, 1 + kind)) if len(words) > kind else words[0], {}))
        elif kind == 2 and actors:
            out.append((rng.choice(actors), {}))
        elif actors:
            out.append(("", {"actor": rng.choice(actors)}))
    return out


def _size(store: Any) -> int:
    if store.postgres:
        return int(store.value(
            "SELECT coalesce(sum(pg_total_relation_size(quote_ident(table_name))), 0) FROM information_schema.tables "
            "WHERE table_schema = current_schema()"
        ))
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return os.path.getsize(store.location)


def run(paths: Iterable[str], *, db: str | None = None, limit: int | None = None, searches: int = 200) -> dict[str, Any]:
    """Ingest the articles read from ``paths`` (at most ``limit``) into ``db`` (default: a new SQLite file
    in a temporary folder; a PostgreSQL URL should name an empty database) and time it all."""
    import rasad
    from rasad.ingest.readers import read_inputs
    from rasad.serialize import to_dict
    from rasad.store.batch import ingest
    from rasad.store.db import open_store
    from rasad.store.query import search

    articles: list[Article] = []
    for item in read_inputs(paths):
        if isinstance(item, Article):
            articles.append(item)
            if limit and len(articles) >= limit:
                break
    if not articles:
        raise rasad.InputError(", ".join(paths) if isinstance(paths, list) else str(paths), "no readable articles to measure with")
    pipeline = _Timed(rasad.load_pipeline())
    to_dict(pipeline(articles[0]))  # first use loads word lists and models: keep it out of the figures
    pipeline.seconds = 0.0

    tmp = None if db else tempfile.mkdtemp(prefix="rasad-bench-")
    location = db or str(Path(tmp) / "bench.db")
    try:
        with open_store(location) as store:
            t0 = time.perf_counter()
            first = ingest(store, articles, pipeline)
            ingest_s = time.perf_counter() - t0
            pipeline_s = pipeline.seconds
            t0 = time.perf_counter()
            second = ingest(store, articles, pipeline)
            skip_s = time.perf_counter() - t0
            latencies = []
            hits = 0
            for query, filters in _queries(store, searches):
                t0 = time.perf_counter()
                hits += len(search(store, query or None, **filters))
                latencies.append((time.perf_counter() - t0) * 1000)
            size = _size(store)
            stored = store.value("SELECT count(*) FROM articles")
            backend = store.dialect
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    n = len(articles)
    return {
        "backend": backend,
        "articles": n,
        "stored": stored,
        "added": first.added,
        "skipped_inputs": len(first.skipped),
        "ingest_articles_per_s": round(n / ingest_s, 1),
        "pipeline_ms_per_article": round(1000 * pipeline_s / n, 3),
        "store_ms_per_article": round(1000 * (ingest_s - pipeline_s) / n, 3),
        "second_pass_articles_per_s": round(n / skip_s, 1) if second.existing else None,
        "search": {
            "queries": len(latencies),
            "hits_per_query": round(hits / len(latencies), 1) if latencies else 0,
            "p50_ms": round(statistics.median(latencies), 3) if latencies else None,
            "p95_ms": round(_percentile(latencies, 0.95), 3) if latencies else None,
        },
        "bytes_per_article": round(size / stored) if stored else None,
    }


def format_report(r: dict[str, Any]) -> str:
    s = r["search"]
    return "\n".join([
        f"store ({r['backend']}): {r['articles']} articles read, {r['added']} added",
        f"  ingest            {r['ingest_articles_per_s']:>9.1f} articles/s  (per article: pipeline {r['pipeline_ms_per_article']:.2f} ms,"
        f" store {r['store_ms_per_article']:.2f} ms)",
        f"  second pass       {r['second_pass_articles_per_s'] or 0:>9.1f} articles/s  (all already stored: skipped)",
        f"  search            p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms over {s['queries']} queries ({s['hits_per_query']} hits each)",
        f"  size              {r['bytes_per_article']} bytes per article",
    ])
