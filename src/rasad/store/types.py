"""What the store's library calls return: an ingest report and search results."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any


@dataclass
class IngestReport:
    """What one `rasad ingest` run did: articles added, found already stored, reprocessed, and the
    inputs skipped (source, reason) in the order they came."""

    added: int = 0
    existing: int = 0
    reprocessed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, source: str, reason: str, on_skip: Callable[[str, str], None] | None = None) -> None:
        """Note a skipped input, and tell ``on_skip`` (the command line prints it) as it happens."""
        self.skipped.append((source, reason))
        if on_skip:
            on_skip(source, reason)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "existing": self.existing, "reprocessed": self.reprocessed, "skipped": [list(s) for s in self.skipped]}


@dataclass(frozen=True, slots=True)
class Match:
    """A matching stretch of the original: a sentence, a title span, or (for an actor named outside
    every sentence) the mention itself. ``original[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: str  # sentence, title, mention

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article that matches, with the spans that matched, in order of position."""

    id: str
    content_hash: str
    source: str
    title: str | None
    url: str | None
    language: str | None
    published: str | None
    outlet: str | None
    matches: tuple[Match, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "content_hash": self.content_hash,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "published": self.published,
            "outlet": self.outlet,
            "matches": [m.to_json() for m in self.matches],
        }
