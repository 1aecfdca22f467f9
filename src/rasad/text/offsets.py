"""Offset-preserving substitution: every normalisation step that changes length goes through here.

A text being normalised travels with ``offsets``: a list with one entry per character plus one for the
end, giving the position in the ORIGINAL text that character came from. Substitutions rebuild the list
from slices (C speed); the common prefix and suffix of a match and its replacement keep their exact
positions, so inserting a ZWNJ or deleting a diacritic only shifts what really moved.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Replacement = str | Callable[[re.Match[str]], str]


def identity(text: str) -> list[int]:
    return list(range(len(text) + 1))


def substitute(text: str, offsets: list[int], pattern: re.Pattern[str], repl: Replacement) -> tuple[str, list[int]]:
    """Like ``pattern.sub(repl, text)``, also returning the offsets of the new text."""
    pieces: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    literal = isinstance(repl, str) and "\\" not in repl
    for m in pattern.finditer(text):
        new = repl if literal else repl(m) if callable(repl) else m.expand(repl)
        old = m.group(0)
        if new == old:
            continue
        s, e = m.span()
        pieces.append(text[pos:s])
        new_offsets.extend(offsets[pos:s])
        prefix = _common_prefix(old, new)
        suffix = _common_suffix(old[prefix:], new[prefix:])
        new_offsets.extend(offsets[s : s + prefix])
        middle = len(new) - prefix - suffix
        if middle:
            old_mid_start = s + prefix
            old_mid_len = len(old) - prefix - suffix
            if old_mid_len:
                new_offsets.extend(offsets[old_mid_start + min(k, old_mid_len - 1)] for k in range(middle))
            else:  # pure insertion: the new characters stand where the next old one does
                new_offsets.extend([offsets[old_mid_start]] * middle)
        new_offsets.extend(offsets[e - suffix : e])
        pieces.append(new)
        pos = e
    if not pieces:
        return text, offsets
    pieces.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(pieces), new_offsets


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i
