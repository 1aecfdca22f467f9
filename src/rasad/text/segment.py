"""Sentences and tokens with offsets into the original text."""

from __future__ import annotations

import re
from functools import lru_cache

from rasad.doc import Span, Token, make_span
from rasad.text.keys import match_key

# a sentence ends at . ! ? ؟ (and any closing quotes) followed by a space or the end of the paragraph;
# "3.5" and "U.S.A" do not end sentences because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?؟]+[»\"”’')\]]*(?=\s|$)")
# ZWNJ, ZWJ and the bidi marks LRM/RLM inside a word (some Fars pages write 'ولی\u200eپور' for 'ولی‌پور')
_TOKEN = re.compile(r"[\w\u200c-\u200f\u064b-\u065f\u0670\u0640]+(?:[.’'][\w]+)*|[^\w\s]")


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
    out = []
    append = out.append
    for m in _TOKEN.finditer(original, start, end):
        text = m.group()
        s, e = m.span()
        if text[0] in _JOINERS or text[-1] in _JOINERS:  # a stray ZWNJ at a word's edge is not the word's
            while s < e and original[s] in _JOINERS:
                s += 1
            while e > s and original[e - 1] in _JOINERS:
                e -= 1
            if s == e:
                continue
            text = original[s:e]
        append(Token(s, e, text, token_key(text)))
    return out


_JOINERS = frozenset("\u200c\u200d\u200e\u200f")


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The match key of one token (cached: news vocabulary repeats)."""
    return match_key(token)
