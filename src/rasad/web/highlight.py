"""Highlighted HTML from a text and spans into it, safe whatever the text holds.

The text is cut at the spans' offsets and every piece is escaped on its own; tags and attributes are
ours, their values escaped too. Spans nest: one that crosses another is split where the outer one ends
(only the first piece keeps the ``id``), and a link inside a link becomes a plain ``<span>`` (HTML has no
nested links). A mark with ``start == end`` and a ``label`` is a small link inserted at that point.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

LINK_TAGS = frozenset({"a"})


@dataclass(frozen=True)
class Mark:
    """A span of the text to wrap in ``<tag attrs>``; ``rank`` orders marks with the same extent
    (lower = outer). ``label`` (with start == end) makes an inserted link instead."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    rank: int = 0
    label: str | None = None


def _attrs(attrs: tuple[tuple[str, str], ...], drop: frozenset[str] = frozenset()) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attrs if name not in drop and value is not None)


def _open(mark: Mark, in_link: bool, first: bool) -> tuple[str, str]:
    """The opening tag (and the tag name to close) of ``mark``, or of its continuation piece."""
    drop = frozenset() if first else frozenset({"id"})
    if mark.tag in LINK_TAGS and in_link:
        return f"<span{_attrs(mark.attrs, drop | {'href'})}>", "span"
    return f"<{mark.tag}{_attrs(mark.attrs, drop)}>", mark.tag


def render(text: str, marks: list[Mark], base: int = 0) -> Markup:
    """``text`` (which starts at offset ``base`` of the original) as HTML with ``marks`` applied.
    Marks outside the text are clipped; empty ones (but labels) are dropped."""
    end_of_text = base + len(text)
    heap: list[tuple[int, int, int, int, Mark, bool]] = []
    for n, m in enumerate(marks):
        start, end = max(m.start, base), min(m.end, end_of_text)
        if m.label is not None:
            if base <= m.start <= end_of_text:
                heapq.heappush(heap, (m.start, 1, m.rank, n, replace(m, start=m.start, end=m.start), True))
            continue
        if start < end:
            # order: by start; at one start, longer first (so it encloses); then rank
            heapq.heappush(heap, (start, -(end - start), m.rank, n, replace(m, start=start, end=end), True))
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks and the tag each was opened with
    pos = base
    seq = len(marks)

    def text_to(point: int) -> None:
        nonlocal pos
        if point > pos:
            out.append(str(escape(text[pos - base : point - base])))
            pos = point

    def close_until(point: int) -> None:
        while stack and stack[-1][0].end <= point:
            mark, tag = stack.pop()
            text_to(mark.end)
            out.append(f"</{tag}>")

    while heap:
        _, _, _, _, mark, first = heapq.heappop(heap)
        close_until(mark.start)
        text_to(mark.start)
        in_link = any(tag in LINK_TAGS for _, tag in stack)
        if mark.label is not None:
            if in_link:
                out.append(f"<sup{_attrs(mark.attrs, frozenset({'href'}))}>{escape(mark.label)}</sup>")
            else:
                out.append(f"<{mark.tag}{_attrs(mark.attrs)}>{escape(mark.label)}</{mark.tag}>")
            continue
        if stack and mark.end > stack[-1][0].end:
            # crosses the enclosing mark: this piece ends with it, the rest starts a new piece there
            split = stack[-1][0].end
            rest = replace(mark, start=split)
            seq += 1
            heapq.heappush(heap, (split, -(rest.end - split), mark.rank, seq, rest, False))
            mark = replace(mark, end=split)
        html, tag = _open(mark, in_link, first)
        out.append(html)
        stack.append((mark, tag))
    close_until(end_of_text)
    text_to(end_of_text)
    return Markup("".join(out))
