"""`rasad train ner` and `rasad tag`: thin wrappers over :mod:`rasad.actors.ner` (argparse lives in cli.py).

Each command takes a namespace with the attributes named below and returns an exit status; user errors
are raised as :class:`rasad.errors.RasadError` subclasses, which the CLI prints as one clean line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rasad.errors import InputError


def cmd_train_ner(args: Any) -> int:
    """Train the entity taggers. ``args``: lang (fa, ar or all), out (a folder; each language goes to
    out/<lang>; default: the package's models folder), iterations (None: the default), seed, corpora."""
    from rasad.actors.ner import LANGS, train

    langs = list(LANGS) if args.lang == "all" else [args.lang]
    out = getattr(args, "out", None)
    overrides = {"iterations": args.iterations} if getattr(args, "iterations", None) else {}
    for lang in langs:
        report = train(
            lang,
            Path(out) / lang if out else None,
            seed=getattr(args, "seed", 0) or 0,
            corpora=getattr(args, "corpora", None),
            **overrides,
        )
        dev = report["dev"]
        per_type = "  ".join(f"{k} {v['f1']:.3f}" for k, v in dev.items() if k != "overall")
        print(f"{lang}: dev entity F1 {dev['overall']['f1']:.3f} ({per_type}), {report['train_seconds']}s")
    return 0


def cmd_tag(args: Any) -> int:
    """Tag a CoNLL file. ``args``: conll (a path or ``-`` for stdin), lang (fa, ar or None: detected),
    output (a path, ``-`` or None: stdout)."""
    from rasad.actors.ner import tag_conll

    source = args.conll
    if source != "-" and not Path(source).is_file():
        raise InputError(source, "no such file; give a CoNLL file of `token [TAG]` lines or - for stdin")
    output = getattr(args, "output", None)
    if output and output != "-":
        with open(output, "w", encoding="utf-8") as fh:
            stats = tag_conll(source, fh, lang=args.lang)
    else:
        stats = tag_conll(source, sys.stdout, lang=args.lang)
    print(
        f"rasad: tagged {stats['tokens']} tokens in {stats['sentences']} sentences as {stats['lang']}",
        file=sys.stderr,
    )
    return 0
