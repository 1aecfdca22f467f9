"""The data types of `rasad watch`: a feed entry, a fetched response, a failure and a round's report."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Entry:
    """A link found in a feed or sitemap: ``url`` is absolute and percent-encoded, ``published`` an ISO
    date-time when the feed gave one (``pubDate``, ``updated``, ``news:publication_date``, ``lastmod``)."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one feed document holds: article links, and (for a sitemap index) the child sitemaps."""

    kind: str  # rss, atom, rdf, sitemap, sitemapindex
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """An HTTP answer after redirects: ``url`` is the final address, ``chain`` every address asked in
    turn, ``headers`` lower-cased names; ``body`` is empty for a 304 (``not_modified``)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    chain: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that went wrong on one URL. ``what`` is ``feed``, ``sitemap``, ``page`` or ``store``;
    ``transient`` failures (timeouts, 5xx, connection errors, an unreachable robots.txt) are tried again
    in a later round, the others are not."""

    url: str
    reason: str
    what: str
    transient: bool = False

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class Report:
    """The figures of one polling round. ``requests`` counts HTTP requests sent (robots.txt included)."""

    feeds: int = 0
    unchanged: int = 0
    entries: int = 0
    known: int = 0
    deferred: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    requests: int = 0
    failures: list[Failure] = field(default_factory=list)
    stored_urls: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.feeds} feeds ({self.unchanged} unchanged), {self.entries} links, {self.known} already stored, "
            f"{self.fetched} pages fetched, {self.stored} stored, {self.duplicates} duplicates, "
            f"{self.deferred} left for the next round, {len(self.failures)} failures, {self.requests} requests"
        )
