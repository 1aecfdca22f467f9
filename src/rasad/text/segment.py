"""Sentences and tokens with offsets into the original text."""

from __future__ import annotations

import re
from functools import lru_cache, partial

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
_TOKEN = re.compile(rf"[{_WORD}]+(?:[{_JOINER}]+[{_WORD}]+)*(?:[.’'][\w]+)*|[^\w\s{_JOINER}]")


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
    # this runs over every article's every word, several times: each column is made by a loop in C
    found = list(_TOKEN.finditer(original, start, end))
    words = list(map(re.Match.group, found))
    return list(map(_new_token, zip(map(re.Match.start, found), map(re.Match.end, found), words, map(token_key, words))))


_new_token = partial(tuple.__new__, Token)  # a Token from its four fields, as Token._make but without a Python call


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The match key of one token (cached: news vocabulary repeats)."""
    return match_key(token)
