"""Sentences and tokens with offsets into the original text."""

from __future__ import annotations

import re
from functools import lru_cache

from rasad.doc import Span, Token, make_span
from rasad.text.keys import match_key

# a sentence ends at . ! ? ؟ (and any closing quotes) followed by a space or the end of the paragraph;
# "3.5" and "U.S.A" do not end sentences because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?؟]+[»\"”’')\]]*(?=\s|$)")
# A word holds ZWNJ, ZWJ and the bidi marks LRM/RLM inside it (some Fars pages write 'ولی\u200eپور' for
# 'ولی‌پور') but neither starts nor ends with one: a stray mark at a word's edge is not the word's, and a
# mark alone is no token.
_WORD = r"\w\u064b-\u065f\u0670\u0640"
_JOINER = r"\u200c-\u200f"
_TOKEN = re.compile(rf"[{_WORD}](?:[{_WORD}{_JOINER}]*[{_WORD}])?(?:[.’'][\w]+)*|[^\w\s{_JOINER}]")


def sentence_spans(original: str, start: int, end: int) -> list[Span]:
    """Sentences inside original[start:end] (a paragraph)."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(original, start, end):
        span = make_span(original, pos, m.end())
        if span.text:
            spans.append(span)
        pos = m.end()
    tail = make_span(original, pos, end)
    if tail.text:
        spans.append(tail)
    return spans


def tokens(original: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and punctuation of original[start:end], each with its match key."""
    end = len(original) if end is None else end
    make, key = Token._make, token_key  # one comprehension: this runs over every article's every word
    return [make((m.start(), m.end(), text, key(text))) for m in _TOKEN.finditer(original, start, end) for text in (m.group(),)]


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The match key of one token (cached: news vocabulary repeats)."""
    return match_key(token)
