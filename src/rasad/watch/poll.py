"""One polling round, and the loop of rounds.

A round reads every feed and sitemap (conditional GET: an unchanged one costs a 304 and nothing
else), keeps the links that are new (not stored, not already tried), fetches those pages host by host
in turn, extracts the article from the HTML, skips content already stored (by hash), runs the
pipeline and hands the result to the sink. Any failure is reported with its URL and reason, and the
round goes on; transient ones are tried again in a later round.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rasad.doc import Article
from rasad.errors import InputError, RasadError
from rasad.watch.config import Feed, WatchConfig
from rasad.watch.errors import FetchFailed, WatchError
from rasad.watch.feeds import parse_feed
from rasad.watch.fetch import Fetcher, gunzip_capped
from rasad.watch.sinks import Sink
from rasad.watch.state import WatchState
from rasad.watch.types import Entry, Failure, Report, Response
from rasad.watch.urls import clean_url, host_key

MAX_SITEMAP_DEPTH = 2  # an index of indexes of sitemaps, no deeper
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", "")


@dataclass(frozen=True, slots=True)
class _Doc:
    feed: Feed
    url: str
    depth: int


@dataclass(frozen=True, slots=True)
class _Page:
    feed: Feed
    entry: Entry
    doc: str | None  # the feed document that listed it (None for a retry)


class Watcher:
    """Polls the feeds of ``config`` into ``sink``. ``state`` remembers validators and failed pages
    between rounds (give it a path to remember them between runs); ``log`` receives one line per
    failure as it happens."""

    def __init__(
        self,
        config: WatchConfig,
        sink: Sink,
        *,
        pipeline: Callable[[Article], Article] | None = None,
        state: WatchState | None = None,
        fetcher: Fetcher | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config
        self.sink = sink
        self.settings = config.settings
        self.state = state or WatchState(retry_delay=self.settings.retry_delay, max_attempts=self.settings.max_attempts)
        self.fetcher = fetcher or Fetcher(self.settings.politeness)
        self.log = log or (lambda line: None)
        self._pipeline = pipeline
        self.feeds = {f.name: f for f in config.feeds if f.enabled}
        for feed in self.feeds.values():
            if feed.min_delay is not None:
                for url in feed.urls:
                    self.fetcher.set_delay(url, feed.min_delay)

    @property
    def pipeline(self) -> Callable[[Article], Article]:
        if self._pipeline is None:
            from rasad import load_pipeline

            self._pipeline = load_pipeline()
        return self._pipeline

    def run(
        self,
        *,
        rounds: int | None = None,
        interval: float | None = None,
        stop: threading.Event | None = None,
        on_report: Callable[[Report], None] | None = None,
    ) -> Report:
        """Poll every ``interval`` seconds (from the start of one round to the next) until ``rounds``
        rounds are done or ``stop`` is set; returns the last round's report."""
        interval = self.settings.interval if interval is None else interval
        done = 0
        while True:
            started = time.monotonic()
            report = self.poll()
            done += 1
            if on_report:
                on_report(report)
            if (rounds is not None and done >= rounds) or (stop is not None and stop.is_set()):
                return report
            pause = max(0.0, interval - (time.monotonic() - started))
            if stop is not None:
                if stop.wait(pause):
                    return report
            else:
                time.sleep(pause)

    def poll(self) -> Report:
        """One round over every enabled feed."""
        report = Report()
        self.fetcher.begin_round()
        before = self.fetcher.requests
        pending: deque[_Page] = deque()
        try:
            docs = deque(_interleave((_Doc(f, u, 0) for f in self.feeds.values() for u in f.urls), lambda d: d.url))
            budget = {name: (f.max_pages if f.max_pages is not None else self.settings.max_pages) for name, f in self.feeds.items()}
            seen: set[str] = set()
            polled: set[str] = set()
            while docs:
                doc = docs.popleft()
                if doc.url in polled:  # listed twice (two indexes, or a feed that is also a child sitemap)
                    continue
                polled.add(doc.url)
                pages, children = self._read_doc(doc, budget, seen, report)
                pending.extend(pages)
                docs.extend(children)
            for url, name in self.state.due():
                feed = self.feeds.get(name)
                if feed is None:  # the feed left the feeds file (or was disabled): so does its page
                    self.state.forget_page(url)
                elif url not in seen:
                    seen.add(url)
                    pending.append(_Page(feed, Entry(url), None))
            pending = deque(_interleave(pending, lambda p: p.entry.url))
            while pending:
                self._read_page(pending[0], report)
                pending.popleft()
        finally:
            for page in pending:  # interrupted: the documents that listed unread pages are read in full next time
                if page.doc:
                    self.state.forget_feed(page.doc)
            report.requests = self.fetcher.requests - before
            self.state.save()
        end_round = getattr(self.sink, "end_round", None)  # optional: a store groups what it took in
        if end_round is not None and report.stored:
            note = end_round()
            if note:
                self.log(note)
        return report

    # Feeds and sitemaps.
    def _read_doc(self, doc: _Doc, budget: dict[str, int], seen: set[str], report: Report) -> tuple[list[_Page], list[_Doc]]:
        what = "sitemap" if doc.depth else "feed"
        report.feeds += 1
        try:
            resp = self.fetcher.get(doc.url, validators=self.state.validators(doc.url))
        except WatchError as exc:
            self._fail(report, Failure(doc.url, _reason(exc, doc.url), what, exc.transient))
            return [], []
        if resp.not_modified:
            report.unchanged += 1
            self.state.touch_feed(doc.url)
            error = self.state.feed_error(doc.url)
            if error:
                self._fail(report, Failure(doc.url, f"{error} (unchanged since it was last read)", what))
            return [], [_Doc(doc.feed, url, doc.depth + 1) for url in self.state.children(doc.url)]
        try:
            body = resp.body
            if body[:2] == b"\x1f\x8b":
                body = gunzip_capped(body, resp.url, self.settings.politeness.max_bytes)
            parsed = parse_feed(body, resp.url)
        except WatchError as exc:
            self.state.remember_feed(doc.url, resp.headers, error=_reason(exc, doc.url))
            self._fail(report, Failure(doc.url, _reason(exc, doc.url), what))
            return [], []
        children = []
        if parsed.sitemaps:
            if doc.depth < MAX_SITEMAP_DEPTH:
                children = [_Doc(doc.feed, e.url, doc.depth + 1) for e in parsed.sitemaps[: self.settings.max_sitemaps]]
            else:
                self._fail(report, Failure(resp.url, f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH} levels are not followed", what))
        pages, cut = [], False
        for entry in parsed.entries:
            report.entries += 1
            if entry.url in seen:
                continue
            if self._known(entry.url):
                seen.add(entry.url)
                report.known += 1
                continue
            if budget[doc.feed.name] <= 0:
                report.deferred += 1
                cut = True
                continue
            seen.add(entry.url)
            budget[doc.feed.name] -= 1
            pages.append(_Page(doc.feed, entry, doc.url))
        if cut:
            self.state.forget_feed(doc.url)
        else:
            self.state.remember_feed(doc.url, resp.headers, children=[c.url for c in children])
        return pages, children

    def _known(self, url: str) -> bool:
        """Stored, stored under another URL, given up, or waiting for its next attempt."""
        return self.sink.has_url(url) or self.state.is_alias(url) or self.state.has_given_up(url) or self.state.is_waiting(url)

    # Article pages.
    def _read_page(self, page: _Page, report: Report) -> None:
        url = page.entry.url
        report.fetched += 1
        try:
            resp = self.fetcher.get(url)
            article = _extract(resp)
        except WatchError as exc:
            self._page_failed(report, page, _reason(exc, url), exc.transient)
            return
        except InputError as exc:
            self._page_failed(report, page, _reason(exc, url), False)
            return
        canonical = clean_url(article.url or "", resp.url)
        urls = list(dict.fromkeys(u for u in (url, *resp.chain, canonical) if u))
        if any(self.sink.has_url(u) for u in urls) or self.sink.has_article(article.id):
            report.duplicates += 1
            self.state.succeeded(url)
            self.state.add_alias(url, article.id)
            return
        article = _prepare(article, page, resp, canonical)
        try:
            article = self.pipeline(article)
        except RasadError as exc:
            self._page_failed(report, page, f"the pipeline failed: {exc}", False)
            return
        except Exception as exc:  # a bug on one page must not stop the round; it is reported
            self._page_failed(report, page, f"internal error in the pipeline: {exc.__class__.__name__}: {exc}", False)
            return
        try:
            self.sink.store(article, urls)
        except Exception as exc:  # the store may be busy or full: the page is tried again later
            self._page_failed(report, page, f"could not be stored: {exc.__class__.__name__}: {exc}", True, what="store")
            return
        self.state.succeeded(url)
        report.stored += 1
        report.stored_urls.append(url)

    def _page_failed(self, report: Report, page: _Page, reason: str, transient: bool, what: str = "page") -> None:
        again = self.state.failed(page.entry.url, page.feed.name, reason, transient)
        self._fail(report, Failure(page.entry.url, reason + ("; it will be tried again in a later round" if again else ""), what, again))

    def _fail(self, report: Report, failure: Failure) -> None:
        report.failures.append(failure)
        self.log(f"{failure.what} {failure.url}: {failure.reason}")


def _reason(exc: InputError, url: str) -> str:
    """The reason, saying where it happened when a redirect led elsewhere."""
    return exc.reason if exc.source == url else f"{exc.reason} (at {exc.source})"


def _extract(resp: Response) -> Article:
    from rasad.ingest.readers import from_html

    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in HTML_TYPES:
        raise FetchFailed(resp.url, f"not an HTML page (Content-Type: {ctype})")
    return from_html(_decode(resp), resp.url)


def _decode(resp: Response) -> str:
    """The page's text: the charset the server names when it decodes cleanly, else Rasad's decoder."""
    from rasad.ingest.decode import decode

    ctype = resp.headers.get("content-type", "")
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in ctype.split(";")[1:] if p.strip().lower().startswith("charset=")), None)
    if charset:
        try:
            return resp.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(resp.body, resp.url)


def _prepare(article: Article, page: _Page, resp: Response, canonical: str | None) -> Article:
    """The article with its URL, outlet (from the feed when the page names none) and date (from the
    feed when the page gives none), and the feed it came from."""
    record = dict(article.record)
    url = canonical or resp.url
    record["url"] = url
    record["outlet"] = record.get("outlet") or page.feed.outlet
    if not record.get("date") and page.entry.published:
        record["date"] = page.entry.published
        record["date_field"] = "feed"
    record["feed"] = page.feed.name
    record["fetched_url"] = resp.url
    return article.evolve(url=url, record=record)


def _interleave(items: Iterable, url_of: Callable[[object], str]) -> list:
    """Items reordered host by host in turn (a, b, c, a, b, c...), so that waiting for one host's rate
    limit overlaps with requests to the others; the order within a host is kept."""
    by_host: dict[str, deque] = defaultdict(deque)
    for item in items:
        by_host[host_key(url_of(item))].append(item)
    return list(_round_robin(by_host.values()))


def _round_robin(queues: Iterable[deque]) -> Iterator:
    queues = [q for q in queues if q]
    while queues:
        for q in queues:
            yield q.popleft()
        queues = [q for q in queues if q]
