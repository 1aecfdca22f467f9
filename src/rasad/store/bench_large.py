"""A large store for `rasad bench`: the corpora replicated with variations to ``n`` articles, and search
latency and size measured on it.

``build`` runs the pipeline once on a base of real articles (``source_paths``, at most ``base`` of
them) and stores them. It then writes ``n`` minus that many variants without running the pipeline
again: each variant is a stored base article with one of its sentences cut out and a sentence of
another article of the same language added at the end (every span, mention, date, quote and event
moved to its new offsets, or dropped when it was cut), a shuffled headline that borrows a word from
another headline, a publication date (and the dates and events in it) moved by up to four years, and an
id of its own. Rows are made by the store's own code (rasad.store.rows), so search reads realistic text
and the sizes are honest, and written a thousand articles per transaction. ``measure`` times searches
drawn as `rasad bench --store` draws them (title words, actor names, actor filters) and reports bytes
per article.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasad.store.db import Store, open_store
from rasad.store.rows import article_row, derived_rows, record_of
from rasad.store.write import _insert, statements

BASE = 3000  # real articles run through the pipeline
PER_TRANSACTION = 1000
SHIFT_DAYS = 1500
SOURCE = "bench:"  # the source of every variant
Piece = tuple[dict[str, Any], int, int, int]  # (record, start, end, new start)


# ------------------------------------------------------------------ moving spans


def _move(pieces: list[Piece], rec: dict[str, Any], start: int | None, end: int | None) -> tuple[int, int] | None:
    """Where [start, end) of ``rec`` lands, or None when it was cut (or crosses a cut)."""
    if start is None or end is None:
        return None
    for r, a, b, at in pieces:
        if r is rec and a <= start and end <= b:
            return start - a + at, end - a + at
    return None


def _span(pieces: list[Piece], rec: dict[str, Any], span: dict[str, Any] | None) -> dict[str, Any] | None:
    if not span:
        return None
    moved = _move(pieces, rec, span.get("start"), span.get("end"))
    if moved is None:
        return None
    return {**span, "start": moved[0], "end": moved[1]}


def _spans(pieces: list[Piece], rec: dict[str, Any], spans: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in (_span(pieces, rec, x) for x in spans) if s is not None]


def _clipped(pieces: list[Piece], rec: dict[str, Any], spans: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Paragraphs cut by a piece boundary keep the part inside each piece."""
    out = []
    for s in spans:
        for r, a, b, at in pieces:
            lo, hi = max(a, s["start"]), min(b, s["end"])
            if r is rec and lo < hi:
                out.append({**s, "start": lo - a + at, "end": hi - a + at})
    return out


def compose(pieces: list[tuple[dict[str, Any], int, int]], separator: str = "\n\n") -> dict[str, Any]:
    """An extract record made of stretches of others (record, start, end), joined by ``separator``: its
    original is the stretches, and every span of theirs that lies inside one is moved to match; the
    first record gives the article-level fields (title, publication, outlet)."""
    placed: list[Piece] = []
    text = []
    at = 0
    for n, (rec, a, b) in enumerate(pieces):
        if n:
            text.append(separator)
            at += len(separator)
        placed.append((rec, a, b, at))
        text.append(rec["original"][a:b])
        at += b - a
    main = pieces[0][0]
    original = "".join(text)
    out = {k: v for k, v in main.items() if k not in ("original", "text")}  # every list below is made anew
    out["original"] = original
    out["title_spans"] = _spans(placed, main, main.get("title_spans", []))
    out["lead"] = _span(placed, main, main.get("lead"))
    out["news_code_span"] = _span(placed, main, main.get("news_code_span"))
    for key in ("published", "outlet", "agency"):
        value = main.get(key)
        if value and value.get("start") is not None:
            moved = _move(placed, main, value["start"], value["end"])
            out[key] = {**value, "start": moved[0], "end": moved[1]} if moved else {**value, "start": None, "end": None, "text": None}
    sources = list(dict.fromkeys(id(r) for r, _, _ in pieces))
    records = {id(r): r for r, _, _ in pieces}
    out["paragraphs"], out["sentences"], out["removed"], out["dates"] = [], [], [], []
    actors: dict[str, dict[str, Any]] = {}
    quotes, events = [], []
    for key in sources:
        rec = records[key]
        out["paragraphs"] += _clipped(placed, rec, rec.get("paragraphs", []))
        out["sentences"] += _spans(placed, rec, rec.get("sentences", []))
        out["removed"] += _spans(placed, rec, rec.get("removed", []))
        out["dates"] += _spans(placed, rec, rec.get("dates", []))
        for actor in rec.get("actors", []):
            mentions = _spans(placed, rec, actor.get("mentions", []))
            if actor["id"] in actors:
                actors[actor["id"]]["mentions"] += mentions
            elif rec is main or mentions:
                actors[actor["id"]] = {**actor, "mentions": mentions}
        kept_quotes = set()
        for q in rec.get("quotes", []):
            moved = _move(placed, rec, q["start"], q["end"])
            if moved is None:
                continue
            kept_quotes.add(q["id"])
            quotes.append({**q, "start": moved[0], "end": moved[1], "speaker_span": _span(placed, rec, q.get("speaker_span")), "cue_span": _span(placed, rec, q.get("cue_span"))})
        for e in rec.get("events", []):
            evidence = _span(placed, rec, e["evidence"])
            if evidence is not None:
                events.append({**e, "evidence": evidence, "quote": e.get("quote") if e.get("quote") in kept_quotes else None})
    for group in ("paragraphs", "sentences", "removed", "dates"):
        out[group].sort(key=lambda s: (s["start"], s["end"]))
    out["actors"], out["quotes"], out["events"] = list(actors.values()), quotes, events
    return out


# ------------------------------------------------------------------ variants


def _shift(day: str | None, days: int) -> str | None:
    if not day or len(day) != 10:
        return day
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


def variant(base: dict[str, Any], other: dict[str, Any], rng: random.Random, new_id: str, source: str) -> dict[str, Any]:
    """One variant of ``base`` (see the module's description), borrowing from ``other``."""
    original = base["original"]
    sentences = base.get("sentences", [])
    if len(sentences) >= 3:
        cut = sentences[rng.randrange(1, len(sentences))]
        pieces = [(base, 0, cut["start"]), (base, cut["end"], len(original))]
    else:
        pieces = [(base, 0, len(original))]
    if other.get("sentences"):
        s = rng.choice(other["sentences"])
        pieces.append((other, s["start"], s["end"]))
    rec = compose(pieces)
    words = (base.get("title") or "").split()
    if len(words) > 2:
        i, j = rng.sample(range(len(words)), 2)
        words[i], words[j] = words[j], words[i]
    borrowed = (other.get("title") or "").split()
    if borrowed:
        words.insert(rng.randrange(len(words) + 1), rng.choice(borrowed))
    rec["title"] = " ".join(words) or None
    days = rng.randint(-SHIFT_DAYS, SHIFT_DAYS)
    if rec.get("published"):
        rec["published"] = {**rec["published"], "date": _shift(rec["published"]["date"], days)}
    for d in rec["dates"]:
        d["value"] = _shift(d.get("value"), days)
    ids = {}
    for n, q in enumerate(rec["quotes"], 1):  # renumbered: the two articles' ids could meet
        ids[q["id"]] = f"{new_id}:q{n}"
        q["id"] = ids[q["id"]]
    for n, e in enumerate(rec["events"], 1):
        e["date"] = _shift(e.get("date"), days)
        e["id"] = f"{new_id}:e{n}"
        e["quote"] = ids.get(e["quote"]) if e.get("quote") else None
    rec["text"] = "\n\n".join(rec["original"][p["start"] : p["end"]] for p in rec["paragraphs"])
    rec["text_normalized"] = rec["text"]
    rec["id"] = new_id
    rec["source"] = source
    rec["url"] = None
    return rec


# ------------------------------------------------------------------ building and measuring


def _bases(store: Store) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for original, output, reader in store.query("SELECT original, output, record FROM articles WHERE source NOT LIKE ? ORDER BY id", (f"{SOURCE}%",)):
        output = json.loads(output) if isinstance(output, str) else output
        reader = json.loads(reader) if isinstance(reader, str) else reader
        out.append((record_of(original, output), reader))
    return out


def build(
    db: str | Path | Store,
    n: int = 100_000,
    source_paths: Iterable[str] = (),
    seed: int = 0,
    *,
    base: int = BASE,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Fill ``db`` (best a new store) to ``n`` articles: up to ``base`` real ones from ``source_paths``
    through the pipeline (skipped when the store already holds articles), then variants. Returns what it
    did and how long each part took."""
    from rasad.ingest.readers import read_inputs
    from rasad.store.batch import _version, ingest

    store = open_store(db)
    try:
        t0 = time.perf_counter()
        stored = store.value("SELECT count(*) FROM articles")
        if not stored:
            items = []
            for item in read_inputs(list(source_paths)):
                items.append(item)
                if len(items) >= base:
                    break
            ingest(store, items, workers=workers or min(8, os.cpu_count() or 1))
        pipeline_s = time.perf_counter() - t0
        bases = _bases(store)
        if not bases:
            raise ValueError("no base articles: give source_paths with readable articles")
        by_lang: dict[str, list[int]] = {}
        for i, (rec, _) in enumerate(bases):
            by_lang.setdefault(rec.get("language") or "", []).append(i)
        rng = random.Random(seed)
        version = _version()
        sql = statements(store.dialect)
        have = store.value("SELECT count(*) FROM articles")
        t1 = time.perf_counter()
        k = store.value("SELECT count(*) FROM articles WHERE source LIKE ?", (f"{SOURCE}%",))  # a resumed build goes on
        made = 0
        now = "2025-01-01T00:00:00+00:00"
        while have + made < n:
            with store.transaction():
                for _ in range(min(PER_TRANSACTION, n - have - made)):
                    rec, reader = bases[k % len(bases)]
                    same = by_lang[rec.get("language") or ""]
                    other = bases[rng.choice(same)][0] if len(same) > 1 else rec
                    while other is rec and len(same) > 1:
                        other = bases[rng.choice(same)][0]
                    new_id = hashlib.sha256(f"{rec['id']}/{seed}/{k}".encode()).hexdigest()[:16]
                    k += 1
                    v = variant(rec, other, rng, new_id, f"{SOURCE}{k}")
                    cur = store.execute(sql["articles"], article_row(new_id, v, reader, None, version, now))
                    if cur.rowcount == 0:
                        continue
                    _insert(store, sql, derived_rows(new_id, v))
                    made += 1
            if progress:
                progress(have + made, n)
        return {
            "articles": have + made, "base": len(bases), "variants": made,
            "pipeline_s": round(pipeline_s, 1), "variants_s": round(time.perf_counter() - t1, 1),
        }
    finally:
        if store is not db:
            store.close()


def measure(db: str | Path | Store, queries: int | list[tuple[str, dict[str, Any]]] = 200, *, seed: int = 0) -> dict[str, Any]:
    """Search latency (median, 95th percentile, in ms) over ``queries``: (query, filters) pairs, or how many
    to draw from the store as `rasad bench --store` draws them (title words, actor names, actor filters);
    and bytes per article."""
    from rasad.store.bench import _percentile, _queries, _size
    from rasad.store.query import search

    store = open_store(db, must_exist=True)
    try:
        if isinstance(queries, int):
            queries = _queries(store, queries, seed)
        search(store, queries[0][0] or None, **queries[0][1])  # first use loads the knowledge base
        latencies, hits = [], 0
        for query, filters in queries:
            t0 = time.perf_counter()
            hits += len(search(store, query or None, **filters))
            latencies.append((time.perf_counter() - t0) * 1000)
        articles = store.value("SELECT count(*) FROM articles")
        size = _size(store)
    finally:
        if store is not db:
            store.close()
    return {
        "articles": articles,
        "queries": len(latencies),
        "hits_per_query": round(hits / len(latencies), 1) if latencies else 0,
        "p50_ms": round(statistics.median(latencies), 3) if latencies else None,
        "p95_ms": round(_percentile(latencies, 0.95), 3) if latencies else None,
        "max_ms": round(max(latencies), 3) if latencies else None,
        "bytes_per_article": round(size / articles) if articles else None,
    }
