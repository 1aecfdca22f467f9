"""Request bodies and query filters of the API (FastAPI validates them and documents them in OpenAPI)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field, model_validator

from rasad.api.deps import MAX_TEXT_PARAM

MAX_BATCH = 100

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: not given (forms send empty fields)


class ArticleIn(BaseModel):
    """One article: its plain ``text`` (kept as the original) or an ``html`` page (main text by trafilatura)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article as plain text: headline, blank line, body")
    html: str | None = Field(None, description="an article page's HTML")
    source: str = Field("api", max_length=300, description="a name for the input, as `source` in the output")
    url: str | None = Field(None, max_length=2000, description="the URL the article came from (its identity in a store)")

    @model_validator(mode="after")
    def _one_of(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class IngestIn(BaseModel):
    """Articles to store (at most 100 per request)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=1, max_length=MAX_BATCH)


def _text(description: str) -> object:
    return Query(None, max_length=MAX_TEXT_PARAM, description=description)


@dataclass(frozen=True)
class SearchFilters:
    """The filters of `rasad search`, as query parameters."""

    q: str | None = None
    actor: str | None = None
    type: str | None = None
    topic: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    lang: str | None = None
    outlet: str | None = None

    @property
    def empty(self) -> bool:
        return not ((self.q or "").strip() or (self.actor or "").strip())

    def kwargs(self) -> dict[str, str | None]:
        return {
            "actor": self.actor or None, "type": self.type or None, "topic": self.topic or None,
            "date_from": self.date_from or None, "date_to": self.date_to or None, "lang": self.lang or None,
            "outlet": self.outlet or None,
        }


def search_filters(
    q: str | None = _text('words (all in one sentence), "a phrase", prefix*, or an actor\'s name or id, in either script'),
    actor: str | None = _text("only articles that name this actor (any spelling, or its id)"),
    type: str | None = _text("only articles with an event of this PLOVER type (CONSULT...)"),  # noqa: A002
    topic: str | None = _text("only articles with an event or quote on this topic"),
    date_from: str | None = Query(None, alias="from", pattern=DATE, description="published on or after (YYYY[-MM[-DD]])"),
    date_to: str | None = Query(None, alias="to", pattern=DATE, description="published on or before (YYYY[-MM[-DD]])"),
    lang: Literal["fa", "ar", ""] | None = Query(None, description="only articles in this language"),
    outlet: str | None = _text("only articles from this outlet or crediting this agency (an outlet id)"),
) -> SearchFilters:
    return SearchFilters(q, actor, type, topic, date_from or None, date_to or None, lang or None, outlet)


@dataclass(frozen=True)
class EventFilters:
    type: str | None = None
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def event_filters(
    type: str | None = _text("PLOVER event type (CONSULT, DEMAND...)"),  # noqa: A002
    actor: str | None = _text("an actor taking part (id or any spelling)"),
    date_from: str | None = Query(None, alias="from", pattern=DATE, description="on or after (YYYY[-MM[-DD]])"),
    date_to: str | None = Query(None, alias="to", pattern=DATE, description="on or before (YYYY[-MM[-DD]])"),
) -> EventFilters:
    return EventFilters(type or None, actor or None, date_from or None, date_to or None)


@dataclass(frozen=True)
class NetworkFilters:
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    min_weight: int = 1


def network_filters(
    date_from: str | None = Query(None, alias="from", pattern=DATE, description="meetings on or after (YYYY[-MM[-DD]])"),
    date_to: str | None = Query(None, alias="to", pattern=DATE, description="meetings on or before (YYYY[-MM[-DD]])"),
    country: str | None = Query(None, max_length=3, pattern=r"^[A-Za-z]{0,3}$", description="only actors of this country (ISO 3166 alpha-3, e.g. IRN)"),
    min_weight: int = Query(1, ge=1, le=1000, description="only pairs that met at least this many times"),
) -> NetworkFilters:
    return NetworkFilters(date_from or None, date_to or None, (country or "").upper() or None, min_weight)
