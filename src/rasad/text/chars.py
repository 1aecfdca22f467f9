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
        "persian": str.maketrans(_table("persian")),
        "arabic": str.maketrans(_table("arabic")),
        "key": str.maketrans(_table("key")),
        "forms": forms,
        "forms_re": re.compile("[" + "".join(re.escape(c) for c in forms) + "]"),
        "strip_re": re.compile("[" + strip_class + "]+"),
        "key_strip_re": re.compile("[" + strip_class + key_strip + "]+"),
    }
