"""The core types: an Article and the spans that point into its original text.

Every span carries ``start``/``end`` character offsets into ``Article.original`` and the
``text`` it covers, so that ``article.original[span.start:span.end] == span.text`` always holds.
Spans are built through :meth:`Article.span` (or :func:`make_span`), never by hand, which is what
keeps that invariant true.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Removal:
    """Text that cleaning removed from the story, and why (a reason code from the pattern files)."""

    start: int
    end: int
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A kept paragraph of the body, with the language detected for it."""

    start: int
    end: int
    text: str
    language: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "language": self.language}


class Token(NamedTuple):
    """A word or punctuation mark: ``key`` is its folded match-key form (see rasad.text.keys).
    A named tuple rather than a dataclass: articles have thousands and they are made per stage."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in the text.

    ``kind`` is ``absolute`` (an explicit calendar date), ``relative`` (today, yesterday, a weekday),
    or ``dateline`` (the publication date line). ``value`` is the ISO date (YYYY-MM-DD) once resolved,
    else None; ``precision`` is ``day``, ``month``, ``year`` or ``weekday`` (a weekday that could not be
    anchored to a date); ``calendar`` is ``jalali``, ``gregorian`` or ``hijri`` for absolute dates.
    """

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    precision: str
    calendar: str | None = None
    time: str | None = None
    offset_days: int | None = None
    weekday: int | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "precision": self.precision,
            "calendar": self.calendar,
            "time": self.time,
        }
        if self.offset_days is not None:
            out["offset_days"] = self.offset_days
        if self.weekday is not None:
            out["weekday"] = self.weekday
        return out


@dataclass(frozen=True, slots=True)
class Published:
    """The publication date: ``source`` says where it came from (``dateline``, ``record``, ``url``)."""

    date: str
    time: str | None
    calendar: str
    text: str
    start: int | None
    end: int | None
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "time": self.time,
            "calendar": self.calendar,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class OutletRef:
    """An outlet or news agency from the outlets data file, with the span that names it (if any)."""

    id: str
    name: str
    start: int | None = None
    end: int | None = None
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus, for each of its characters, the offset of the original character it came
    from (``offsets[len(text)]`` is the end of the original). Build it with rasad.text.offsets."""

    text: str
    offsets: tuple[int, ...]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The [start, end) range of this text that covers original[start:end]."""
        last = len(self.offsets) - 1
        a = bisect.bisect_left(self.offsets, start, 0, last)
        return a, bisect.bisect_left(self.offsets, end, a, last)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the normalised text to the original text."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Article:
    """One news article as Rasad sees it; pipeline stages return updated copies (``evolve``)."""

    id: str
    source: str
    original: str
    record: dict[str, Any] = field(default_factory=dict)
    normalized: Normalized | None = None
    keyed: Normalized | None = None
    language: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    title: str | None = None
    title_spans: tuple[Span, ...] = ()
    lead: Span | None = None
    published: Published | None = None
    outlet: OutletRef | None = None
    agency: OutletRef | None = None
    news_code: Span | None = None
    url: str | None = None
    removed: tuple[Removal, ...] = ()
    sentences: tuple[Span, ...] = ()
    dates: tuple[DateMention, ...] = ()
    actors: tuple[Any, ...] = ()
    events: tuple[Any, ...] = ()
    quotes: tuple[Any, ...] = ()
    warnings: tuple[str, ...] = ()
    # knowledge-base names the linker left between entries of one type ('الأسد': Bashar or Hafez, PER),
    # as (start, end, type): the entity tagger's gazetteer feature, not output
    name_hints: tuple[tuple[int, int, str], ...] = ()

    def evolve(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    def span(self, start: int, end: int) -> Span:
        return make_span(self.original, start, end)

    @property
    def body(self) -> str:
        """The cleaned story: kept paragraphs in original characters, one blank line apart."""
        return "\n\n".join(p.text for p in self.paragraphs)


def make_span(original: str, start: int, end: int) -> Span:
    """A Span over ``original[start:end]``; offsets are clipped to the text and trimmed of spaces."""
    start = max(0, min(start, len(original)))
    end = max(start, min(end, len(original)))
    while start < end and original[start].isspace():
        start += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    return Span(start, end, original[start:end])


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Where an actor is named: by ``name``, by ``title`` alone, as an ``adjective`` (الإيرانية), or a
    ``pronoun``; ``honorific`` keeps a rank or honorific that precedes the name (inside the span)."""

    start: int
    end: int
    text: str
    kind: str = "name"
    honorific: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}
        if self.honorific:
            out["honorific"] = self.honorific
        return out


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country or place named in the article: a knowledge-base entry
    (``in_kb``) or a provisional one found by the tagger (id ``new:TYPE:key``)."""

    id: str
    type: str
    name: dict[str, str]
    in_kb: bool
    country: str | None
    role: dict[str, Any] | None
    mentions: tuple[ActorMention, ...]
    wikidata: str | None = None

    def spans(self):
        for m in self.mentions:
            yield "mentions", m

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "in_kb": self.in_kb,
            "country": self.country,
            "role": self.role,
            "wikidata": self.wikidata,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True)
class Quote:
    """A statement: direct (after a speech verb and a colon, or in «» / "") or reported (گفت که...،
    أكد أن...). ``speaker`` is an actor id or None; ``speaker_text`` is how the text named the speaker
    (a name, a title, a pronoun such as وی); ``speaker_kind`` is named, title, pronoun, implied or unnamed."""

    id: str
    start: int
    end: int
    text: str
    cue: str
    direct: bool
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_kind: str = "unnamed"
    speaker_span: Span | None = None
    cue_span: Span | None = None
    topics: tuple[str, ...] = ()
    stance: str | None = None

    def spans(self):
        yield "quote", Span(self.start, self.end, self.text)
        if self.speaker_span:
            yield "speaker", self.speaker_span
        if self.cue_span:
            yield "cue", self.cue_span

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_kind": self.speaker_kind,
            "speaker_span": self.speaker_span.to_json() if self.speaker_span else None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "cue_span": self.cue_span.to_json() if self.cue_span else None,
            "direct": self.direct,
            "topics": list(self.topics),
            "stance": self.stance,
        }


@dataclass(frozen=True)
class Event:
    """A PLOVER event. Meetings are CONSULT with a ``mode`` (visit, host, meet, phone) and
    ``participants``; coded statements (DEMAND, SUPPORT, DISAPPROVE...) have ``source`` and ``target``
    and point at their quote. ``planned`` marks announced or expected events, never reported as held."""

    id: str
    type: str
    evidence: Span
    mode: str | None = None
    participants: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    date: str | None = None
    date_precision: str | None = None
    location: str | None = None
    planned: bool = False
    topics: tuple[str, ...] = ()
    quote: str | None = None
    summary_en: str | None = None

    def spans(self):
        yield "evidence", self.evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "participants": list(self.participants),
            "attendees": list(self.attendees),
            "source": self.source,
            "target": self.target,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location,
            "planned": self.planned,
            "topics": list(self.topics),
            "quote": self.quote,
            "summary_en": self.summary_en,
            "evidence": self.evidence.to_json(),
        }
