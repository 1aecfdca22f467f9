"""`rasad watch FEEDS.yaml`: the command-line entry, wired into rasad.cli as ``cmd_watch``.

Options it reads from the namespace: ``feeds`` (path), ``db`` (a ``.jsonl`` file or the database),
``once``, ``interval`` (seconds, None for the feeds file's), ``quiet``, ``max_pages_per_feed`` (None
for the feeds file's), ``user_agent`` (None for the feeds file's) and, when present, ``state`` (the
state file; default: beside the database).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rasad.errors import RasadError
from rasad.watch.config import load_feeds
from rasad.watch.poll import Watcher
from rasad.watch.sinks import JsonlSink, Sink
from rasad.watch.state import WatchState
from rasad.watch.types import Report

EXIT_OK, EXIT_FAILED = 0, 1
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_DB = "rasad.db"


class SinkUnavailable(RasadError):
    """The --db given cannot be written by `rasad watch`."""

    code = "E126"


def open_sink(db: str | None) -> Sink:
    """A JSON Lines file (``.jsonl``), else the database store."""
    db = db or DEFAULT_DB
    if Path(db).suffix.lower() in JSONL_SUFFIXES:
        return JsonlSink(db)
    from rasad.store.sink import StoreSink

    try:
        return StoreSink(db)
    except RasadError as exc:
        raise SinkUnavailable(f"--db {db}: {exc}", value=db) from exc


def state_path(db: str | None, given: str | None = None) -> Path:
    """The state file: ``--state`` when given, else ``<db>.watch-state.json`` (``rasad-watch-state.json``
    in the current folder for a database URL)."""
    if given:
        return Path(given)
    db = db or DEFAULT_DB
    if "://" in db:
        return Path("rasad-watch-state.json")
    return Path(db).with_name(Path(db).name + ".watch-state.json")


def cmd_watch(args: argparse.Namespace) -> int:
    config = load_feeds(args.feeds)
    settings = config.settings
    if getattr(args, "interval", None) is not None:
        settings.interval = float(args.interval)
    if getattr(args, "max_pages_per_feed", None) is not None:
        settings.max_pages = int(args.max_pages_per_feed)
    if getattr(args, "user_agent", None):
        settings.politeness.user_agent = args.user_agent
    quiet = bool(getattr(args, "quiet", False))
    sink = open_sink(getattr(args, "db", None))
    state = WatchState(state_path(getattr(args, "db", None), getattr(args, "state", None)), retry_delay=settings.retry_delay, max_attempts=settings.max_attempts)
    watcher = Watcher(config, sink, state=state, log=lambda line: print(f"rasad: watch: {line}", file=sys.stderr, flush=True))
    rounds = 0

    def on_report(report: Report) -> None:
        nonlocal rounds
        rounds += 1
        if not quiet:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            print(f"rasad: watch: round {rounds} ({stamp}): {report.summary()}", file=sys.stderr, flush=True)

    try:
        report = watcher.run(rounds=1 if getattr(args, "once", False) else None, on_report=on_report)
    finally:
        close = getattr(sink, "close", None)
        if close:
            close()
    return EXIT_FAILED if report.failures else EXIT_OK
