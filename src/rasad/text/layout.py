"""Page layout: headline, lead, story paragraphs and removed furniture, all as spans of the original.

Works on lines. A line is *story-like* when it reads as prose (enough words, sentence punctuation); the
lines before the first story-like line are the header (headline, labels, metadata), the lines after an
end-of-message marker or after the last story line are the footer. Furniture rules come from
rasad.text.clean; the dateline test comes from rasad.dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.dates import find_absolute
from rasad.doc import Article, Normalized, Paragraph, Removal, Span, make_span
from rasad.text import clean
from rasad.text.keys import article_key_text, match_key

_LINE = re.compile(r"[^\n]+")
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_FINAL_PUNCT = tuple(".!?؟»\"”)…:")
_GLUED_CUE_KEY = re.compile(r"به گزارش|بنابر گزارش")  # glued when a letter stands right before it

STORY_MIN_WORDS = 8
STORY_LONG_WORDS = 25
FURNITURE_MAX_WORDS = 14  # longer lines are story, never furniture
HEADER_SCAN_LINES = 15
DATELINE_OTHER_WORDS = 4  # words on a dateline besides the date: a label, a weekday, a place


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    kstart: int
    kend: int
    key: str
    words: int


def split_lines(original: str, keyed: Normalized) -> list[Line]:
    lines = []
    for m in _LINE.finditer(keyed.text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        key = raw.strip()
        if not key:
            continue
        ks, ke = m.start() + lead, m.start() + lead + len(key)
        start, end = keyed.to_original(ks, ke)
        lines.append(Line(start, end, ks, ke, key, len(key.split())))
    return lines


def is_story_like(line: Line) -> bool:
    return line.words >= STORY_LONG_WORDS or (line.words >= STORY_MIN_WORDS and line.key.endswith(_FINAL_PUNCT))


def _is_dateline(original: str, line: Line) -> bool:
    if line.words > 16:
        return False
    found = [d for d in find_absolute(original, line.start, line.end) if d.value]
    if not found:
        return False
    covered = sum(len(d.text.split()) for d in found)
    return line.words - covered <= DATELINE_OTHER_WORDS


@dataclass
class _State:
    original: str
    keyed: Normalized
    removed: list[Removal]
    news_code: Span | None = None
    url: str | None = None

    def remove(self, line: Line, reason: str) -> None:
        self.removed.append(Removal(line.start, line.end, self.original[line.start : line.end], reason))

    def remove_key_range(self, ks: int, ke: int, reason: str) -> None:
        s, e = self.keyed.to_original(ks, ke)
        span = make_span(self.original, s, e)
        if span.text:
            self.removed.append(Removal(span.start, span.end, span.text, reason))


def layout(article: Article) -> Article:
    """Fill title, lead, paragraphs (language left empty), removed, news_code and url."""
    original = article.original
    keyed = article_key_text(original)
    lines = split_lines(original, keyed)
    st = _State(original, keyed, [])
    hint = article.record.get("_layout", {})

    story_idx = [i for i, ln in enumerate(lines) if is_story_like(ln)]
    first_story = story_idx[0] if story_idx else len(lines)
    end_idx = next((i for i, ln in enumerate(lines) if i >= min(first_story, 1) and clean.is_end_marker(ln.key)), None)
    last_story = max((i for i in story_idx if end_idx is None or i < end_idx), default=first_story)

    kept: list[Line] = []
    header: list[Line] = []
    short_link_pending = False
    for i, ln in enumerate(lines):
        if end_idx is not None and i >= end_idx:
            st.remove(ln, "end-of-message" if i == end_idx else clean.furniture_reason(ln.key, "footer") or "after-end-of-message")
            _maybe_url(st, ln)
            continue
        zone = "header" if i < first_story else ("footer" if i > last_story else "body")
        code = clean.news_code(ln.key) if ln.words <= 8 and i < first_story + HEADER_SCAN_LINES else None
        if code:
            s, e = keyed.to_original(ln.kstart + code.start(1), ln.kstart + code.end(1))
            st.news_code = st.news_code or make_span(original, s, e)
            st.remove(ln, "news-code")
            continue
        if i < first_story + HEADER_SCAN_LINES and ln.words <= 16 and _is_dateline(original, ln):
            st.remove(ln, "dateline")
            continue
        if short_link_pending and _URL.fullmatch(ln.key):
            st.remove(ln, "short-link")
            _maybe_url(st, ln)
            continue
        reason = clean.furniture_reason(ln.key, zone) if ln.words <= FURNITURE_MAX_WORDS else None
        if reason:
            st.remove(ln, reason)
            short_link_pending = reason == "short-link"
            _maybe_url(st, ln)
            continue
        short_link_pending = False
        (header if zone == "header" else kept).append(ln)

    title_spans, header_rest = _headline(original, header, hint)
    kept = header_rest + kept
    paragraphs = _story_paragraphs(st, kept)
    if not title_spans:
        title_spans, paragraphs = _title_from_glued_cue(st, paragraphs)
    if not title_spans and paragraphs and not hint:
        title_spans = (_first_sentence(original, paragraphs[0]),)
    title = " ".join(s.text for s in title_spans) if title_spans else None
    if title_spans:
        paragraphs = _drop_repeated_headline(st, paragraphs, title_spans)
    lead = _lead(original, paragraphs, hint)
    st.removed.sort(key=lambda r: r.start)
    return article.evolve(
        title=title,
        title_spans=tuple(title_spans),
        lead=lead,
        paragraphs=tuple(Paragraph(p.start, p.end, p.text, "") for p in paragraphs),
        removed=tuple(st.removed),
        news_code=st.news_code,
        url=article.url or st.url,
        keyed=keyed,
    )


def _maybe_url(st: _State, ln: Line) -> None:
    m = _URL.search(st.original[ln.start : ln.end])
    if m and st.url is None:
        st.url = m.group(0)


def _headline(original: str, header: list[Line], hint: dict) -> tuple[tuple[Span, ...], list[Line]]:
    """The headline from the header lines: the first line of two words or more; a short line ending
    in a colon ('ولایتی:') is joined to the next one. Returns the title spans and the other lines."""
    if "title" in hint:
        s, e = hint["title"]
        span = make_span(original, s, e)
        return ((span,) if span.text else ()), [ln for ln in header if not (s <= ln.start < e)]
    for i, ln in enumerate(header):
        if ln.words < 2 and not ln.key.endswith(":"):
            continue
        if ln.key.endswith(":") and ln.words <= 3 and i + 1 < len(header):
            nxt = header[i + 1]
            spans = (make_span(original, ln.start, ln.end), make_span(original, nxt.start, nxt.end))
            return spans, header[:i] + header[i + 2 :]
        return (make_span(original, ln.start, ln.end),), header[:i] + header[i + 1 :]
    return (), header


def _story_paragraphs(st: _State, lines: list[Line]) -> list[Span]:
    """Story lines as paragraphs: trailing end markers cut off, glued report cues split."""
    out: list[Span] = []
    for ln in lines:
        ks, ke = ln.kstart, ln.kend
        marker = clean.inline_end_marker(ln.key)
        if marker and marker.start() > 0:
            st.remove_key_range(ks + marker.start(), ke, "end-of-message")
            ke = ks + marker.start()
        cut = _glued_cue(st.keyed.text, ks, ke)
        pieces = [(ks, cut), (cut, ke)] if cut is not None and cut - ks > 10 else [(ks, ke)]
        for a, b in pieces:
            s, e = st.keyed.to_original(a, b)
            span = make_span(st.original, s, e)
            if span.text:
                out.append(span)
    return out


def _glued_cue(text: str, start: int, end: int) -> int | None:
    """Where a report cue glued to the word before it ('...یکدیگرندبه گزارش') starts in text[start:end]."""
    for m in _GLUED_CUE_KEY.finditer(text, start, end):
        before = text[m.start() - 1] if m.start() > start else ""
        if before.isalpha():
            return m.start()
    return None


def _title_from_glued_cue(st: _State, paragraphs: list[Span]) -> tuple[tuple[Span, ...], list[Span]]:
    """No headline in the header: a phrase glued before 'به گزارش' in the first paragraphs is it."""
    for i, p in enumerate(paragraphs[:3]):
        if i + 1 < len(paragraphs) and paragraphs[i + 1].start == p.end and len(p.text.split()) <= 30:
            return (p,), paragraphs[:i] + paragraphs[i + 1 :]
    return (), paragraphs


def _drop_repeated_headline(st: _State, paragraphs: list[Span], title_spans: tuple[Span, ...]) -> list[Span]:
    titles = {match_key(" ".join(s.text for s in title_spans))} | {match_key(s.text) for s in title_spans}
    longest = max(len(t) for t in titles) * 1.5 + 10
    out = []
    for p in paragraphs:
        if len(p.text) <= longest and match_key(p.text) in titles and p not in title_spans:
            st.removed.append(Removal(p.start, p.end, p.text, "repeated-headline"))
        else:
            out.append(p)
    return out


_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")


def _first_sentence(original: str, para: Span) -> Span:
    m = _SENTENCE_END.search(original, para.start, para.end)
    return make_span(original, para.start, m.end() if m else para.end)


def _lead(original: str, paragraphs: list[Span], hint: dict) -> Span | None:
    if "lead" in hint:
        span = make_span(original, *hint["lead"])
        return span if span.text else None
    if not paragraphs:
        return None
    first = paragraphs[0]
    if len(first.text.split()) <= 80:
        return first
    return _first_sentence(original, first)
