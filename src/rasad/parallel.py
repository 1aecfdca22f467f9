"""Running the pipeline on many articles: in this process, in local worker processes, or on Dask.

All three engines go through :func:`process_one`, so a record comes out the same whichever runs it.
Readers stay in the calling process (they are cheap and report bad inputs in order); each worker loads
the pipeline once and returns finished JSON records, which pickle faster than Article objects.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rasad.doc import Article
from rasad.errors import InputError, RasadError

_pipeline = None
_stages: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Done:
    """One article through the pipeline: its JSON record, or the reason it failed."""

    source: str
    record: dict[str, Any] | None = None
    error: str | None = None
    input_url: str | None = None
    reader_record: dict[str, Any] | None = None


def _init(stages: tuple[str, ...] | None, check: bool = False, one_thread: bool = False) -> None:
    global _pipeline, _stages
    from rasad import load_pipeline

    if one_thread:  # a worker process gets one core: no BLAS threads competing with the other workers
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)

    _stages = stages
    _pipeline = load_pipeline(stages, check=check)


def process_one(item: Article | InputError) -> Done:
    """The pipeline on one item, in whatever process this runs in."""
    from rasad.serialize import to_dict

    if isinstance(item, InputError):
        return Done(item.source, error=item.reason)
    if _pipeline is None:
        _init(_stages)
    try:
        return Done(item.source, record=to_dict(_pipeline(item)), input_url=item.url, reader_record=item.record)
    except RasadError as exc:
        return Done(item.source, error=str(exc))
    except Exception as exc:  # a bug on one article must not stop the batch; it is reported
        return Done(item.source, error=f"internal error {exc.__class__.__name__}: {exc}")


def _pool(workers: int, stages: tuple[str, ...] | None, check: bool):
    """Worker processes, each with the pipeline loaded and one BLAS thread."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(workers, initializer=_init, initargs=(stages, check, True))


def process_many(
    items: Iterable[Article | InputError], stages: tuple[str, ...] | None = None, workers: int = 1, check: bool = False, chunksize: int = 8
) -> Iterator[Done]:
    """Every item through the pipeline, in input order, on ``workers`` processes (1: this one)."""
    if workers <= 1:
        _init(stages, check)
        for item in items:
            yield process_one(item)
        return
    with _pool(workers, stages, check) as pool:
        yield from pool.imap(process_one, items, chunksize=chunksize)


def process_batched(
    items: Iterable[Article | InputError], stages: tuple[str, ...] | None = None, workers: int = 2, batch: int = 256
) -> Iterator[Done]:
    """Like :func:`process_many`, but ``items`` is consumed in this thread, ``batch`` at a time: for
    inputs whose generator must not run in another thread (one that asks a database, say)."""
    with _pool(workers, stages, False) as pool:
        it = iter(items)
        while chunk := list(itertools.islice(it, batch)):
            yield from pool.imap(process_one, chunk, chunksize=max(1, len(chunk) // (4 * workers)))


def process_chunk(items: list[Article | InputError], stages: tuple[str, ...] | None = None) -> list[Done]:
    """A chunk of items on a Dask worker (or anywhere): the same code path as one process."""
    global _pipeline
    if _pipeline is None or _stages != stages:
        _init(stages)
    return [process_one(item) for item in items]
