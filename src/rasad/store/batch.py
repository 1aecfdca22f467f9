"""Ingest: read articles, run the pipeline on the new ones, store each in its own transaction.

Idempotent and incremental: an article is identified by its input URL when it has one, else by its
content hash (rows.store_id); one already stored is skipped before the pipeline runs. A bad input is
reported through ``on_skip`` and the batch goes on. ``reprocess`` rebuilds every stored article's
derived rows from its stored original and record with this Rasad, keeping the articles themselves.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rasad.doc import Article
from rasad.errors import InputError, RasadError
from rasad.store.db import Store, open_store
from rasad.store.errors import StoreError
from rasad.store.rows import store_id
from rasad.store.types import IngestReport
from rasad.store.write import exists, replace_derived, write_article

OnSkip = Callable[[str, str], None]
WAL_AUTOCHECKPOINT_PAGES = 4000  # about 16 MB of write-ahead log between checkpoints (SQLite's default: 1000)


def _version() -> str:
    import rasad

    return rasad.__version__


def _run(pipeline: Any, article: Article) -> tuple[dict[str, Any] | None, str | None]:
    """The extract record of ``article``, or the reason it could not be made (as `rasad extract` says it)."""
    from rasad.serialize import to_dict

    try:
        return to_dict(pipeline(article)), None
    except RasadError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug on one article must not stop the batch; it is reported
        return None, f"internal error {exc.__class__.__name__}: {exc}"


def _stopped(store: Store, exc: Exception, done: int) -> StoreError:
    return StoreError(
        f"writing to {store!r} failed after {done} new article(s): {exc.__class__.__name__}: {exc}; "
        "what was stored is whole, and running the same command again completes the rest",
        value=str(exc),
    )


def ingest(
    db: str | Path | Store | None,
    items: Iterable[Article | InputError],
    pipeline: Any = None,
    *,
    on_skip: OnSkip | None = None,
    workers: int = 1,
) -> IngestReport:
    """Store the articles among ``items`` (what rasad.ingest.readers.read_inputs yields) that the store
    does not hold yet. ``db`` is a path, a postgresql:// URL, or an open Store (left open). With
    ``workers`` > 1 the pipeline runs in that many processes (rasad.parallel) and this process writes."""
    import rasad

    report = IngestReport()
    store = open_store(db)
    version = _version()
    if not store.postgres:
        # fewer, larger checkpoints while a batch streams in (each one syncs the database file)
        store.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")

    def skip(source: str, reason: str) -> None:
        report.skip(source, reason, on_skip)

    pending: deque[tuple[str, Article]] = deque()

    def new_articles() -> Iterator[Article]:
        """Items not stored yet; bad inputs are reported here, in input order."""
        for item in items:
            if isinstance(item, InputError):
                skip(item.source, item.reason)
                continue
            aid = store_id(item.id, item.url)
            try:
                if exists(store, aid):
                    report.existing += 1
                    continue
            except store.operational_errors as exc:
                raise _stopped(store, exc, report.added) from exc
            pending.append((aid, item))
            yield item

    if workers > 1 and pipeline is None:
        from rasad.parallel import process_batched

        # existence checks stay in this thread (the store's connection is not shared with pool threads)
        results = ((pending.popleft(), done.record, done.error) for done in process_batched(new_articles(), workers=workers))
    else:
        pipeline = pipeline or rasad.load_pipeline()
        results = ((pending.popleft(), *_run(pipeline, item)) for item in new_articles())
    try:
        for (aid, item), record, reason in results:
            if record is None:
                skip(item.source, reason or "unknown error")
                continue
            try:
                added = write_article(store, aid, record, item.record, item.url, version)
            except store.integrity_errors as exc:
                skip(item.source, f"could not be stored: {exc.__class__.__name__}: {exc}")
                continue
            except (TypeError, ValueError) as exc:
                skip(item.source, f"could not be stored: {exc.__class__.__name__}: {exc}")
                continue
            except store.operational_errors as exc:
                raise _stopped(store, exc, report.added) from exc
            if added:
                report.added += 1
            else:
                report.existing += 1
    finally:
        if store is not db:
            store.close()
    return report


def stored_input(row: tuple) -> Article:
    """The pipeline's input, as the reader made it, from a stored article (content_hash, source,
    original, record, input_url)."""
    content_hash, source, original, record, input_url = row
    reader_record = json.loads(record) if isinstance(record, str) else dict(record)
    if isinstance(reader_record.get("_layout"), dict):
        reader_record["_layout"] = {k: tuple(v) for k, v in reader_record["_layout"].items()}
    return Article(id=content_hash, source=source, original=original, record=reader_record, url=input_url)


def reprocess(
    db: str | Path | Store | None,
    pipeline: Any = None,
    *,
    on_skip: OnSkip | None = None,
    progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
) -> IngestReport:
    """Run this Rasad's pipeline again on every stored article and rebuild its derived rows, one
    transaction per article. An article the pipeline now fails on keeps its old rows and is reported."""
    import rasad

    report = IngestReport()
    store = open_store(db, must_exist=True)
    pipeline = pipeline or rasad.load_pipeline()
    version = _version()
    try:
        ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
        for aid in progress(ids) if progress else ids:
            row = store.execute("SELECT content_hash, source, original, record, input_url FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None:
                continue
            article = stored_input(row)
            record, reason = _run(pipeline, article)
            if record is None:
                report.skip(article.source, f"kept as it was: {reason}", on_skip)
                continue
            try:
                replace_derived(store, aid, record, version)
            except store.operational_errors as exc:
                raise _stopped(store, exc, report.reprocessed) from exc
            report.reprocessed += 1
    finally:
        if store is not db:
            store.close()
    return report


def ingest_paths(db: str | Path | Store | None, paths: Iterable[str], *, on_skip: OnSkip | None = None) -> IngestReport:
    """`rasad ingest` as a library call: read ``paths`` exactly like `rasad extract` and store them."""
    from rasad.ingest.readers import read_inputs

    return ingest(db, read_inputs(paths), on_skip=on_skip)


def ingest_processed(db: str | Path | Store | None, dones: Iterable[Any], *, on_skip: OnSkip | None = None) -> IngestReport:
    """Store records the pipeline already made elsewhere (rasad.scale partitions: rasad.parallel.Done
    rows), without running it again; the same identity and rows as a direct ingest."""
    report = IngestReport()
    store = open_store(db)
    version = _version()
    try:
        for done in dones:
            if done.record is None:
                report.skip(done.source, done.error or "no record", on_skip)
                continue
            aid = store_id(done.record["id"], done.input_url)
            if exists(store, aid):
                report.existing += 1
                continue
            if write_article(store, aid, done.record, done.reader_record or {}, done.input_url, version):
                report.added += 1
            else:
                report.existing += 1
    finally:
        if store is not db:
            store.close()
    return report
