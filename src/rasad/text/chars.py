"""Character tables from lang/common/letters.json and presentation_forms.json, loaded once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from rasad.errors import DataFileError


def read_data(relpath: str) -> Any:
    """Read a JSON data file shipped under rasad/lang/."""
    path = resources.files("rasad") / "lang" / relpath
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read data file lang/{relpath}: {exc}", value=relpath) from exc


def _table(name: str) -> dict[str, str]:
    return {k: v for k, v in read_data("common/letters.json")[name].items() if not k.startswith("_")}


class CharMap:
    """A one-character-for-one-character replacement table (same length in, same length out).

    ``str.translate`` looks every character up in a dict, about 100 ns a character on Persian and Arabic
    text; replacing only the table's characters that occur, one ``str.replace`` each, is some 30 times
    faster on an article. Short strings (names, queries) still use ``translate``. No replacement may itself
    be replaced, so the order of the replacements never matters.
    """

    SHORT = 64

    def __init__(self, name: str, mapping: dict[str, str]) -> None:
        bad = [k for k, v in mapping.items() if len(k) != 1 or len(v) != 1 or v in mapping]
        if bad:
            raise DataFileError(
                f"lang/common/letters.json table {name!r}: {bad[0]!r} is not a one-letter replacement of a letter "
                "that is not itself replaced",
                value=bad[0],
            )
        self.pairs = tuple(mapping.items())
        self.table = str.maketrans(mapping)

    def __call__(self, text: str) -> str:
        if len(text) < self.SHORT:
            return text.translate(self.table)
        for old, new in self.pairs:
            if old in text:
                text = text.replace(old, new)
        return text


def _ranges_class(ranges: list[str]) -> str:
    parts = []
    for r in ranges:
        lo, hi = (int(x[2:], 16) for x in r.split("-"))
        parts.append(re.escape(chr(lo)) + ("-" + re.escape(chr(hi)) if hi != lo else ""))
    return "".join(parts)


@cache
def tables() -> dict[str, Any]:
    letters = read_data("common/letters.json")
    forms = {chr(int(k[2:], 16)): v for k, v in read_data("common/presentation_forms.json")["map"].items()}
    strip_class = _ranges_class(letters["strip"]["ranges"])
    key_strip = "".join(re.escape(c) for c in letters["key_strip"]["chars"])
    return {
        "persian": CharMap("persian", _table("persian")),
        "arabic": CharMap("arabic", _table("arabic")),
        "key": CharMap("key", _table("key")),
        "forms": forms,
        "forms_re": re.compile("[" + "".join(re.escape(c) for c in forms) + "]"),
        "strip_re": re.compile("[" + strip_class + "]+"),
        "key_strip_re": re.compile("[" + strip_class + key_strip + "]+"),
    }
