"""`rasad export`: the store written out as tables (JSON Lines, CSV, Parquet), PLOVER records, or the
meeting network (GEXF, GraphML).

Tables go to a folder, one file per table (``articles.csv`` ...), created when missing. PLOVER records
and networks go to a file, or to ``plover.jsonl`` / ``network.gexf`` / ``network.graphml`` in a folder;
PLOVER records are JSON Lines, one record per line, as the PLOVER manual suggests (a JSON array when the
file name ends in ``.json``). Files are written beside their final name and renamed into place, so an
interrupted export leaves no half-written file under that name.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.errors import RasadError
from rasad.export import graph, plover
from rasad.export.tables import TABLES, Column, cell, rows
from rasad.store.db import Store, open_store

TABLE_FORMATS = ("jsonl", "csv", "parquet")
FORMATS = TABLE_FORMATS + ("plover", "gexf", "graphml")
DEFAULT_FILES = {"plover": "plover.jsonl", "gexf": "network.gexf", "graphml": "network.graphml"}
PARQUET_BATCH = 5000


class ExportError(RasadError):
    """An export cannot be written as asked (unknown format, a file where a folder is needed, no pyarrow)."""

    code = "E530"


@dataclass
class ExportReport:
    """What an export wrote: each file and how many rows or records (nodes and edges for a network)."""

    format: str
    files: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "files": dict(self.files)}


@contextmanager
def _atomic(path: Path, mode: str = "w") -> Iterator[Any]:
    tmp = path.with_name(f".{path.name}.part")
    kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    try:
        with open(tmp, mode, **kwargs) as f:
            yield f
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> int:
    n = 0
    with _atomic(path) as f:
        for item in items:
            f.write(_dumps(item) + "\n")
            n += 1
    return n


def _write_csv(path: Path, columns: tuple[Column, ...], items: Iterable[dict[str, Any]]) -> int:
    n = 0
    with _atomic(path) as f:
        writer = csv.writer(f)
        writer.writerow([c.name for c in columns])
        for item in items:
            writer.writerow([cell(item.get(c.name), c) for c in columns])
            n += 1
    return n


def _arrow_schema(columns: tuple[Column, ...]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64(), "list": pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.type]) for c in columns])


def _write_parquet(path: Path, columns: tuple[Column, ...], items: Iterable[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError(f"Parquet needs pyarrow: pip install 'rasad[export]' (or pick --format jsonl or csv); {exc}", value="parquet") from exc
    schema = _arrow_schema(columns)
    n = 0
    batch: list[dict[str, Any]] = []
    with _atomic(path, "wb") as f:
        writer = pq.ParquetWriter(f, schema, compression="zstd")
        try:
            for item in items:
                batch.append(item)
                if len(batch) >= PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    n += len(batch)
                    batch = []
            if batch or n == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
        finally:
            writer.close()
    return n


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; tables are written to a folder, one file per table: give a folder, e.g. --out export/", value=str(out))
    out.mkdir(parents=True, exist_ok=True)
    return out


def _file(out: str | Path, fmt: str) -> Path:
    """The file to write: ``out`` itself, or the format's default name inside it when ``out`` is a folder
    (one that exists, ends with a slash, or has no extension)."""
    path = Path(out)
    if path.is_dir() or str(out).endswith(("/", os.sep)) or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        return path / DEFAULT_FILES[fmt]
    if not path.parent.exists():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist", value=str(path))
    return path


def _bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    from rasad.store.query import _date_bound

    return (_date_bound(date_from, "from") if date_from else None, _date_bound(date_to, "to") if date_to else None)


def export(db: str | Path | Store | None, format: str, out: str | Path, date_from: str | None = None, date_to: str | None = None) -> ExportReport:  # noqa: A002
    """Write the store at ``db`` in ``format`` (one of FORMATS) to ``out``: a folder for tables, a file
    or folder otherwise. ``date_from``/``date_to`` (ISO, a month or year covering all of it) keep the
    articles published in that range (tables) or the events dated in it (PLOVER, networks)."""
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}", value=format)
    lo, hi = _bounds(date_from, date_to)
    report = ExportReport(format)
    store = open_store(db, must_exist=True)
    try:
        if format in TABLE_FORMATS:
            folder = _folder(Path(out))
            for table, columns in TABLES.items():
                path = folder / f"{table}.{format}"
                items = rows(store, table, lo, hi)
                if format == "jsonl":
                    report.files[str(path)] = _write_jsonl(path, items)
                elif format == "csv":
                    report.files[str(path)] = _write_csv(path, columns, items)
                else:
                    report.files[str(path)] = _write_parquet(path, columns, items)
        elif format == "plover":
            path = _file(out, format)
            records = plover.records(store, lo, hi)
            if path.suffix == ".json":
                items = list(records)
                with _atomic(path) as f:
                    json.dump(items, f, ensure_ascii=False, indent=1, default=_json_default)
                report.files[str(path)] = len(items)
            else:
                report.files[str(path)] = _write_jsonl(path, records)
        else:
            from rasad.store.analysis import network

            path = _file(out, format)
            net = network(store, date_from, date_to)
            tree = graph.gexf(net) if format == "gexf" else graph.graphml(net)
            tmp = path.with_name(f".{path.name}.part")
            graph.write(tree, tmp)
            os.replace(tmp, path)
            report.files[str(path)] = len(net["nodes"]) + len(net["edges"])
    finally:
        if store is not db:
            store.close()
    return report
