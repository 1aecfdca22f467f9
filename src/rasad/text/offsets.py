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
Edit = tuple[int, int, str]  # replace text[start:end] by the string


def identity(text: str) -> list[int]:
    return list(range(len(text) + 1))


def substitute(text: str, offsets: list[int], pattern: re.Pattern[str], repl: Replacement) -> tuple[str, list[int]]:
    """Like ``pattern.sub(repl, text)``, also returning the offsets of the new text."""
    if isinstance(repl, str):
        if "\\" in repl:
            edits = [(m.start(), m.end(), m.expand(repl)) for m in pattern.finditer(text)]
        else:
            edits = [(s, e, repl) for s, e in map(re.Match.span, pattern.finditer(text))]
    else:
        edits = [(m.start(), m.end(), repl(m)) for m in pattern.finditer(text)]
    return apply_edits(text, offsets, edits)


def apply_edits(text: str, offsets: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping edits, in order of position, to ``text`` and its offsets. An edit that
    changes nothing is skipped; the unchanged head and tail of a replaced stretch keep their positions."""
    pieces: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for s, e, new in edits:
        old = text[s:e]
        if new == old:
            continue
        pieces.append(text[pos:s])
        new_offsets += offsets[pos:s]
        if new:
            prefix = _common_prefix(old, new)
            suffix = _common_suffix(old[prefix:], new[prefix:])
            new_offsets += offsets[s : s + prefix]
            middle = len(new) - prefix - suffix
            if middle:
                old_mid_start = s + prefix
                old_mid_len = len(old) - prefix - suffix
                if old_mid_len:
                    new_offsets.extend(offsets[old_mid_start + min(k, old_mid_len - 1)] for k in range(middle))
                else:  # pure insertion: the new characters stand where the next old one does
                    new_offsets += [offsets[old_mid_start]] * middle
            new_offsets += offsets[e - suffix : e]
            pieces.append(new)
        pos = e
    if not pieces:
        return text, offsets
    pieces.append(text[pos:])
    new_offsets += offsets[pos:]
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
