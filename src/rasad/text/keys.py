"""Match keys: one folded form of Persian and Arabic text, so that شمخاني, شمخانی and شمخانى meet.

The key unifies letter families across the two scripts (yeh, kaf, alef with hamza, teh marbuta, heh),
writes digits in Latin, removes diacritics, tatweel, ZWNJ/ZWJ and the bare hamza, lowercases Latin and
collapses runs of spaces. Linking, search and de-duplication all compare keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasad.doc import Normalized
from rasad.text.chars import tables
from rasad.text.offsets import identity, substitute

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]{2,}")
_MAYBE_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u3000]|  ")  # fast; no match: _SPACES has none


def match_key(text: str) -> str:
    """The folded key of a string (no offsets): for names, queries and dictionary entries."""
    t = tables()
    if t["forms_re"].search(text):
        text = t["forms_re"].sub(lambda m: t["forms"][m.group(0)], text)
    text = t["key_strip_re"].sub("", t["key"](text))
    return " ".join(text.lower().split())


def key_text(text: str) -> Normalized:
    """The key form of a whole text, keeping offsets back into ``text`` (newlines are kept)."""
    t = tables()
    offsets = identity(text)
    text, offsets = substitute(text, offsets, t["forms_re"], lambda m: t["forms"][m.group(0)])
    text = t["key"](text).lower()
    text, offsets = substitute(text, offsets, t["key_strip_re"], "")
    if _MAYBE_SPACES.search(text):
        text, offsets = substitute(text, offsets, _SPACES, " ")
    return Normalized(text, tuple(offsets))


def fold_pattern(pattern: str) -> str:
    """Fold the letters of a regular expression the way match keys are folded (case and regex syntax kept),
    so pattern files can be written in ordinary Persian or Arabic and still match key text."""
    t = tables()
    return t["key_strip_re"].sub("", t["key"](pattern))


@lru_cache(maxsize=16)
def article_key_text(text: str) -> Normalized:
    """``key_text`` of a whole article, cached: layout, outlets and dates share one fold per article."""
    return key_text(text)
