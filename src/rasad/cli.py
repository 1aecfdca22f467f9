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

from rasad.errors import InputError, RasadError

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
    from rasad import load_pipeline
    from rasad.ingest.readers import read_inputs
    from rasad.serialize import to_dict

    pipeline = load_pipeline(tuple(args.stages.split(",")) if args.stages else None, check=args.check)
    written = failed = 0
    out = _out(args.output)
    try:
        for item in _progress(read_inputs(args.paths), args.quiet, "extract"):
            if isinstance(item, InputError):
                failed += 1
                print(f"rasad: skipped {item.source}: {item.reason}", file=sys.stderr)
                continue
            try:
                article = pipeline(item)
            except RasadError as exc:
                failed += 1
                print(f"rasad: skipped {item.source}: {exc}", file=sys.stderr)
                continue
            except Exception as exc:  # a bug on one article must not stop the batch; it is reported
                failed += 1
                print(f"rasad: skipped {item.source}: internal error {exc.__class__.__name__}: {exc}", file=sys.stderr)
                continue
            out.write(json.dumps(to_dict(article, include_original=not args.no_original), ensure_ascii=False) + "\n")
            written += 1
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.quiet or failed:
        print(f"rasad: {written} articles written, {failed} inputs skipped", file=sys.stderr)
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
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score predictions against a gold file")
    p.add_argument("gold", metavar="GOLD", help="gold annotations (shaped like shared/gold/seeds.json)")
    p.add_argument("pred", metavar="PRED", help="JSON Lines written by rasad extract")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--floors", metavar="FILE", help="exit non-zero when a score falls below its floor in FILE")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("show", help="print a readable digest of extracted articles")
    p.add_argument("path", metavar="FILE", help="JSON Lines written by rasad extract, or - for stdin")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("bench", help="articles per second and peak memory, per stage, on the shared corpora")
    p.add_argument("--corpora", metavar="DIR", default=None, help="the corpora folder (default: ../shared/corpora)")
    p.add_argument("--limit", type=int, default=1000, metavar="N", help="articles per corpus (default 1000)")
    p.add_argument("--stages", metavar="A,B", help="benchmark only these stages")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
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
    t.add_argument("--epochs", type=int, default=None, metavar="N", help="training epochs")
    t.add_argument("--seed", type=int, default=0, metavar="N", help="random seed")
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
