"""Dask: the pipeline on an existing cluster (or a local one), written as partitioned Parquet.

Each partition is a chunk of inputs run through rasad.parallel.process_chunk — the same code path as
`rasad extract` in one process — and written as ``part-NNNNN.parquet`` with one row per input:
``source``, ``id``, ``input_url``, ``reader_record`` and ``record`` (JSON text), or ``error``.
`rasad ingest DIR` stores such a folder without running the pipeline again.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasad.doc import Article
from rasad.errors import InputError, RasadError
from rasad.parallel import Done, process_chunk

PARTITION_SIZE = 250
COLUMNS = ("source", "id", "input_url", "reader_record", "record", "error")


class ScaleError(RasadError):
    code = "E600"


def _client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ScaleError("the Dask engine needs dask[distributed]: pip install 'rasad[scale]'") from exc
    if scheduler:
        return Client(scheduler)
    return Client(LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None))


def run_dask(
    items: Iterable[Article | InputError],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    stages: tuple[str, ...] | None = None,
    partition_size: int = PARTITION_SIZE,
    client: Any = None,
) -> Iterator[Done]:
    """Run the inputs on Dask in partitions, write each partition's Parquet file as it finishes (in
    input order), and yield every Done so the caller can report failures."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    own = client is None
    client = client or _client(scheduler, workers)
    try:
        in_flight: list[Any] = []
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 4)
        chunks = iter(lambda it=iter(items): list(itertools.islice(it, partition_size)), [])
        for index, chunk in enumerate(chunks):
            in_flight.append((index, client.submit(process_chunk, chunk, stages, pure=False)))
            if len(in_flight) >= window:
                yield from _finish(out, *in_flight.pop(0))
        for index, future in in_flight:
            yield from _finish(out, index, future)
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def _finish(out: Path, index: int, future: Any) -> Iterator[Done]:
    dones: list[Done] = future.result()
    write_partition(out / f"part-{index:05d}.parquet", dones)
    yield from dones


def write_partition(path: Path, dones: list[Done]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {
        "source": [d.source for d in dones],
        "id": [d.record["id"] if d.record else None for d in dones],
        "input_url": [d.input_url for d in dones],
        "reader_record": [json.dumps(d.reader_record, ensure_ascii=False) if d.reader_record is not None else None for d in dones],
        "record": [json.dumps(d.record, ensure_ascii=False) if d.record else None for d in dones],
        "error": [d.error for d in dones],
    }
    table = pa.table({name: pa.array(rows[name], type=pa.string()) for name in COLUMNS})
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)


def read_partitions(paths: Iterable[str]) -> Iterator[Done]:
    """The rows of Parquet files written by :func:`run_dask` (files, or folders of part-*.parquet)."""
    import pyarrow.parquet as pq

    for given in paths:
        p = Path(given)
        files = sorted(p.glob("*.parquet")) if p.is_dir() else [p]
        for f in files:
            table = pq.read_table(f).to_pydict()
            for i in range(len(table["source"])):
                record = table["record"][i]
                reader = table["reader_record"][i]
                yield Done(
                    source=table["source"][i],
                    record=json.loads(record) if record else None,
                    error=table["error"][i],
                    input_url=table["input_url"][i],
                    reader_record=json.loads(reader) if reader else None,
                )


def is_partitioned(path: str) -> bool:
    p = Path(path)
    return p.suffix == ".parquet" or (p.is_dir() and any(p.glob("*.parquet")))
