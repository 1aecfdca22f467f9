"""`rasad watch` against local HTTP servers on 127.0.0.1 serving recorded feeds and pages
(tests/fixtures/watch): good articles stored, every failure reported with its URL and reason, the
round goes on, and a second poll of unchanged feeds fetches nothing new. No other network traffic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasad.errors import DataFileError
from rasad.watch import (
    Disallowed,
    FeedError,
    Fetcher,
    FetchFailed,
    HostUnavailable,
    JsonlSink,
    MemorySink,
    PageTooLarge,
    Politeness,
    RateLimiter,
    Watcher,
    WatchState,
    load_feeds,
    parse_config,
    parse_feed,
)
from rasad.watch.cli import cmd_watch, state_path
from rasad.watch.urls import clean_url

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "watch"
EXAMPLE_FEEDS = ROOT / "examples" / "feeds.yaml"
LAST_MODIFIED = "Tue, 05 Nov 2024 08:00:00 GMT"
SLOW_SECONDS = 2.0
TEST_POLITENESS = {"timeout": 0.5, "total_timeout": 5, "max_bytes": 100_000, "retries": 1, "backoff": 0.01, "min_delay": 0}


# --- a recorded site on loopback ---------------------------------------------------------------

@dataclass
class Hit:
    path: str
    status: int
    conditional: bool


@dataclass
class Site:
    """A news site on 127.0.0.1: feeds (with ETag / Last-Modified and 304s), pages, a robots.txt, and
    the awkward cases (redirect chain, 404, 500 then 200, slow, huge). ``hits`` records every request."""

    robots_status: int = 200
    feed_variant: str = "fa.rss"
    hits: list[Hit] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    other: str = ""

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                try:
                    site.serve(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def take(self) -> list[Hit]:
        hits, self.hits = self.hits, []
        return hits

    def serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        self.calls[path] = self.calls.get(path, 0) + 1
        conditional = bool(h.headers.get("If-None-Match") or h.headers.get("If-Modified-Since"))

        def answer(status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
            self.hits.append(Hit(path, status, conditional))
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            for name, value in headers.items():
                h.send_header(name.replace("_", "-"), value)
            if status != 304:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if status != 304:
                h.wfile.write(body)

        def text(name: str) -> bytes:
            return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base).replace("{other}", self.other).encode()

        def feed(name: str, etag: bool = True, last_modified: bool = True) -> None:
            body = text(name)
            tag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            headers = {}
            if etag:
                headers["ETag"] = tag
            if last_modified:
                headers["Last_Modified"] = LAST_MODIFIED
            if (etag and h.headers.get("If-None-Match") == tag) or (not etag and last_modified and h.headers.get("If-Modified-Since") == LAST_MODIFIED):
                answer(304, **headers)
            else:
                answer(200, body, "application/xml; charset=utf-8", **headers)

        if path == "/robots.txt":
            if self.robots_status == 200:
                answer(200, text("robots.txt"), "text/plain")
            else:
                answer(self.robots_status, b"no", "text/plain")
        elif path == "/feeds/fa.rss":
            feed(f"feeds/{self.feed_variant}")
        elif path == "/feeds/ar.atom":
            feed("feeds/ar.atom", etag=False)
        elif path == "/feeds/broken.rss":
            feed("feeds/broken.rss")
        elif path == "/feeds/other.rss":
            feed("feeds/other.rss")
        elif path == "/sitemaps/index.xml":
            feed("feeds/sitemap-index.xml")
        elif path == "/sitemaps/news.xml":
            feed("feeds/sitemap-news.xml")
        elif path == "/sitemaps/news.xml.gz":
            answer(200, gzip.compress(text("feeds/sitemap-news.xml")), "application/x-gzip")
        elif path == "/old/fa-3":
            answer(301, b"", Location="/mid/fa-3")
        elif path == "/mid/fa-3":
            answer(302, b"", Location=f"{self.base}/news/fa-3.html")
        elif path == "/loop/a":
            answer(302, b"", Location="/loop/b")
        elif path == "/loop/b":
            answer(302, b"", Location="/loop/a")
        elif path == "/news/flaky.html":
            if self.calls[path] == 1:
                answer(500, b"internal error")
            else:
                answer(200, text("pages/fa-4.html"))
        elif path == "/retry-after":
            if self.calls[path] == 1:
                answer(503, b"busy", Retry_After="7")
            else:
                answer(200, b"ok", "text/plain")
        elif path == "/news/slow.html":
            time.sleep(SLOW_SECONDS)
            answer(200, text("pages/fa-5.html"))
        elif path == "/news/huge.html":
            self.hits.append(Hit(path, 200, conditional))
            h.send_response(200)  # no Content-Length: the client has to count while it reads
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.end_headers()
            chunk = ("<p>" + "خبر " * 4000 + "</p>\n").encode()
            for _ in range(2_000_000 // len(chunk)):
                h.wfile.write(chunk)
        elif path == "/announced-huge":
            answer(200, b"x" * 200_000)
        elif path == "/gzipped":
            answer(200, gzip.compress("سلام".encode() * 10), "text/plain", Content_Encoding="gzip")
        elif path.startswith("/copy/"):
            answer(200, text("pages/" + path.rsplit("/", 1)[1]))
        elif path.startswith(("/news/", "/private/")) and (FIXTURES / "pages" / path.rsplit("/", 1)[1]).exists():
            answer(200, text("pages/" + path.rsplit("/", 1)[1]))
        else:
            answer(404, b"not found")


def _config(main: Site, other: Site, **settings: object) -> object:
    return parse_config(
        {
            "settings": {**TEST_POLITENESS, "max_sitemaps": 1, **settings},
            "feeds": [
                {"name": "fa-agency", "outlet": "isna", "language": "fa", "urls": [f"{main.base}/feeds/fa.rss", f"{main.base}/feeds/broken.rss", f"{main.base}/feeds/gone.rss"]},
                {"name": "ar-agency", "outlet": "sana", "language": "ar", "urls": [f"{main.base}/feeds/ar.atom", f"{main.base}/sitemaps/index.xml"]},
                {"name": "down-host", "outlet": "ina", "language": "ar", "url": f"{other.base}/feeds/other.rss"},
            ],
        }
    )


PAGE_PREFIXES = ("/news/", "/copy/", "/old/", "/mid/", "/private/")
FEED_PATHS = {"/feeds/fa.rss", "/feeds/ar.atom", "/feeds/broken.rss", "/sitemaps/index.xml", "/sitemaps/news.xml"}


@dataclass
class Scenario:
    base: str
    other: str
    reports: list
    hits: list[list[Hit]]
    other_hits: list[list[Hit]]
    log: list[str]
    records: list[dict]


@pytest.fixture(scope="module")
def scenario(pipeline, tmp_path_factory):
    """Four rounds: a first poll; a second poll by the same watcher; a fresh watcher (a new run) on the
    same store and state file; then the Persian feed gains an item and the retry pause has passed."""
    main, other = Site().start(), Site(robots_status=503).start()
    main.other = other.base
    tmp = tmp_path_factory.mktemp("watch")
    db, state_file = tmp / "articles.jsonl", tmp / "state.json"
    clock = [1_700_000_000.0]
    config = _config(main, other)
    log: list[str] = []
    hits, other_hits, reports = [], [], []

    def round_(watcher: Watcher) -> None:
        reports.append(watcher.poll())
        hits.append(main.take())
        other_hits.append(other.take())

    try:
        sink = JsonlSink(db)
        watcher = Watcher(config, sink, pipeline=pipeline, state=WatchState(state_file, now=lambda: clock[0]), log=log.append)
        round_(watcher)
        round_(watcher)
        sink.close()
        sink = JsonlSink(db)
        watcher = Watcher(config, sink, pipeline=pipeline, state=WatchState(state_file, now=lambda: clock[0]), log=log.append)
        round_(watcher)
        main.feed_variant = "fa-updated.rss"
        clock[0] += 601
        round_(watcher)
        sink.close()
        records = [json.loads(line) for line in db.read_text(encoding="utf-8").splitlines()]
        yield Scenario(main.base, other.base, reports, hits, other_hits, log, records)
    finally:
        main.stop()
        other.stop()


def _paths(hits: list[Hit]) -> list[str]:
    return [h.path for h in hits]


# --- the scenario --------------------------------------------------------------------------------

def test_watch_first_round_stores_the_good_articles(scenario):
    b = scenario.base
    report = scenario.reports[0]
    assert sorted(report.stored_urls) == sorted(
        f"{b}{p}" for p in ("/news/fa-1.html", "/news/fa-2.html", "/old/fa-3", "/news/flaky.html", "/news/ar-1.html", "/news/ar-2.html", "/news/ar-3.html")
    )
    assert report.stored == 7 and report.duplicates == 1  # /copy/fa-1.html is fa-1's content again
    by_url = {r["watch"]["urls"][0]: r for r in scenario.records[:7]}  # the feed's link comes first
    fa1 = by_url[f"{b}/news/fa-1.html"]
    assert fa1["title"] == "دیدار وزیر امور خارجه با همتای عمانی در تهران"
    assert fa1["language"] == "fa" and fa1["outlet"]["id"] == "isna" and fa1["url"] == f"{b}/news/fa-1.html"
    assert "سازنده کشورش در منطقه" in fa1["text"]  # the body was extracted
    assert "پربازدیدترین" not in fa1["original"] and "تمامی حقوق" not in fa1["original"]  # page chrome left out
    fa2 = by_url[f"{b}/news/fa-2.html"]
    assert fa2["published"]["date"] == "2024-11-04"  # the page gives no date: the feed's pubDate is used
    fa3 = by_url[f"{b}/old/fa-3"]
    assert fa3["url"] == f"{b}/news/fa-3.html"
    assert fa3["watch"]["urls"] == [f"{b}/old/fa-3", f"{b}/mid/fa-3", f"{b}/news/fa-3.html"]
    ar1 = by_url[f"{b}/news/ar-1.html"]
    assert ar1["language"] == "ar" and ar1["outlet"]["id"] == "sana"
    assert ar1["url"] == "http://canonical.invalid/news/ar-1"  # the page's canonical URL
    assert ar1["watch"] == {"urls": [f"{b}/news/ar-1.html", "http://canonical.invalid/news/ar-1"], "feed": "ar-agency"}


def test_watch_reports_every_failure_with_url_and_reason(scenario):
    b, o = scenario.base, scenario.other
    failures = {f.url: f for f in scenario.reports[0].failures}
    expected = {
        f"{b}/feeds/broken.rss": "malformed XML",
        f"{b}/feeds/gone.rss": "HTTP 404",
        f"{b}/news/missing.html": "HTTP 404",
        f"{b}/private/secret.html": "disallowed by",
        f"{b}/news/slow.html": "timed out",
        f"{b}/news/huge.html": "too large",
        f"{o}/feeds/other.rss": "robots.txt could not be read (HTTP 503",
    }
    assert set(failures) == set(expected)
    for url, reason in expected.items():
        assert reason in failures[url].reason, failures[url]
        assert any(url in line and reason in line for line in scenario.log), url
    assert failures[f"{b}/news/slow.html"].transient and not failures[f"{b}/news/missing.html"].transient
    assert {failures[f"{b}/feeds/broken.rss"].what, failures[f"{b}/news/huge.html"].what} == {"feed", "page"}


def test_watch_first_round_is_polite_and_follows_redirects_and_retries(scenario):
    paths = _paths(scenario.hits[0])
    assert paths.count("/robots.txt") == 1  # one robots.txt per host, kept for the round
    assert "/private/secret.html" not in paths  # robots.txt honoured: never asked for
    assert paths.index("/old/fa-3") < paths.index("/mid/fa-3") < paths.index("/news/fa-3.html")
    flaky = [h.status for h in scenario.hits[0] if h.path == "/news/flaky.html"]
    assert flaky == [500, 200]  # 500, then the retry succeeds
    assert paths.count("/news/missing.html") == 1  # a 404 is not retried
    assert "/sitemaps/news.xml" in paths and "/sitemaps/archive-2019.xml" not in paths  # newest child sitemap only
    assert paths.count("/news/fa-1.html") == 1  # listed by the feed and the sitemap, fetched once
    assert "/news/x.html" not in _paths(scenario.other_hits[0])  # host skipped: its robots.txt answered 503
    assert _paths(scenario.other_hits[0]) == ["/robots.txt", "/robots.txt"]  # one retry, then skipped


def test_watch_second_poll_of_unchanged_feeds_fetches_nothing_new(scenario):
    second = scenario.hits[1]
    assert not [h for h in second if h.path.startswith(PAGE_PREFIXES)]  # no page fetched again
    asked = {h.path for h in second}
    assert asked == FEED_PATHS | {"/feeds/gone.rss"}  # no robots.txt either: it is kept for a day
    for h in second:
        if h.path in FEED_PATHS:
            assert h.conditional and h.status == 304, h
    report = scenario.reports[1]
    assert report.stored == 0 and report.fetched == 0 and report.unchanged == len(FEED_PATHS)
    assert {f.url for f in report.failures} == {f"{scenario.base}/feeds/broken.rss", f"{scenario.base}/feeds/gone.rss", f"{scenario.other}/feeds/other.rss"}
    assert "unchanged since" in next(f.reason for f in report.failures if f.url.endswith("broken.rss"))


def test_watch_a_new_run_resumes_from_the_store_and_state_file(scenario):
    third = scenario.hits[2]
    assert not [h for h in third if h.path.startswith(PAGE_PREFIXES)]
    assert {h.path for h in third} == FEED_PATHS | {"/feeds/gone.rss", "/robots.txt"}
    assert all(h.conditional and h.status == 304 for h in third if h.path in FEED_PATHS)


def test_watch_changed_feed_fetches_only_the_new_page_and_due_retries(scenario):
    fourth = scenario.hits[3]
    pages = [h.path for h in fourth if h.path.startswith(PAGE_PREFIXES)]
    assert sorted(set(pages)) == ["/news/fa-5.html", "/news/slow.html"]  # the new item, and the timed-out page whose pause is over
    assert [h.status for h in fourth if h.path == "/feeds/fa.rss"] == [200]
    report = scenario.reports[3]
    assert report.stored_urls == [f"{scenario.base}/news/fa-5.html"]
    assert len(scenario.records) == 8


# --- the fetcher ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    s = Site().start()
    yield s
    s.stop()


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def test_watch_rate_limiter_spaces_requests_per_host():
    t = FakeTime()
    limiter = RateLimiter(2.0, t.clock, t.sleep)
    limiter.set_delay("http://a", 5.0)
    limiter.set_delay("http://a", 3.0)  # the largest demand wins
    for host in ("http://a", "http://b", "http://a", "http://b"):
        limiter.wait(host)
        t.now += 0.5  # the request takes half a second
        limiter.done(host)
    # a waits until 5 s after the end of its last request (4.5 s); b's 2 s (the default) passed meanwhile
    assert t.sleeps == [4.5]
    limiter.wait("http://b")
    assert t.sleeps == [4.5, 2.0]  # b asked again straight away: 2 s after its last request ended


def test_watch_fetcher_backs_off_and_honours_retry_after(site):
    t = FakeTime()
    fetcher = Fetcher(Politeness(**{**TEST_POLITENESS, "retries": 2}), clock=t.clock, sleep=t.sleep)
    resp = fetcher.get(f"{site.base}/retry-after")
    assert resp.status == 200 and resp.body == b"ok"
    assert t.sleeps == [7.0]  # Retry-After: 7


def test_watch_fetcher_bounds_redirects_and_sizes(site):
    fetcher = Fetcher(Politeness(**{**TEST_POLITENESS, "max_redirects": 1}))
    with pytest.raises(FetchFailed, match="redirect loop|more than 1 redirects"):
        fetcher.get(f"{site.base}/loop/a")
    with pytest.raises(FetchFailed, match="more than 1 redirects"):
        fetcher.get(f"{site.base}/old/fa-3")
    with pytest.raises(PageTooLarge, match="announces 200,000 bytes"):
        fetcher.get(f"{site.base}/announced-huge")
    assert fetcher.get(f"{site.base}/gzipped").body == "سلام".encode() * 10
    with pytest.raises(FetchFailed, match="not an http"):
        fetcher.get("ftp://127.0.0.1/file")


@pytest.mark.parametrize(
    "status, error, message",
    [
        (404, None, None),  # no robots.txt: everything allowed
        (403, Disallowed, "disallowed by"),  # a forbidden robots.txt: nothing allowed
        (503, HostUnavailable, "robots.txt could not be read"),  # a server error: the host waits for the next round
    ],
)
def test_watch_robots_status_decides_access(status, error, message):
    s = Site(robots_status=status).start()
    try:
        fetcher = Fetcher(Politeness(**TEST_POLITENESS))
        url = f"{s.base}/news/fa-1.html"
        if error is None:
            assert fetcher.get(url).status == 200
        else:
            with pytest.raises(error, match=message):
                fetcher.get(url)
            with pytest.raises(error):
                fetcher.get(url)  # the verdict is kept: robots.txt is asked for once
            assert _paths(s.hits).count("/robots.txt") == (2 if status == 503 else 1)  # 503: one retry, then the host is skipped
            assert "/news/fa-1.html" not in _paths(s.hits)
    finally:
        s.stop()


# --- feeds ---------------------------------------------------------------------------------------

RSS_GUID = b"""<rss version="2.0"><channel>
<item><guid isPermaLink="false">tag:1</guid><title>no link</title></item>
<item><guid>https://www.isna.ir/news/1</guid></item>
<item><link> /news/\xd8\xae\xd8\xa8\xd8\xb1 </link><pubDate>Tue, 05 Nov 2024 09:30:00 +0330</pubDate></item>
<item><link>javascript:alert(1)</link></item>
</channel></rss>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>t</title></channel><item rdf:about="https://sana.sy/?p=1"><title>a</title><link>https://sana.sy/?p=1</link><dc:date>2024-11-05T10:00:00+03:00</dc:date></item></rdf:RDF>"""
BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>"""


def test_watch_parse_feed_reads_rss_guid_relative_and_rdf_links():
    parsed = parse_feed(RSS_GUID, "https://www.isna.ir/rss")
    assert parsed.kind == "rss"
    assert [e.url for e in parsed.entries] == ["https://www.isna.ir/news/1", "https://www.isna.ir/news/%D8%AE%D8%A8%D8%B1"]
    assert parsed.entries[1].published == "2024-11-05T09:30:00+03:30"
    rdf = parse_feed(RDF, "https://sana.sy/feed")
    assert rdf.kind == "rdf" and rdf.entries[0].url == "https://sana.sy/?p=1" and rdf.entries[0].published == "2024-11-05T10:00:00+03:00"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"<rss><channel><item>", "malformed XML at line 1"),
        (b"<!DOCTYPE html><html><body><p>hi<br></body></html>", "an HTML page"),  # not even XML
        (b"<opml version='2.0'/>", "root element <opml>"),
        (BOMB, "refused XML"),  # entity expansion is never done
    ],
)
def test_watch_parse_feed_rejects_what_is_not_a_feed(data, reason):
    with pytest.raises(FeedError, match=reason) as info:
        parse_feed(data, "https://example.org/feed")
    assert info.value.source == "https://example.org/feed"


@pytest.mark.parametrize(
    "url, base, expected",
    [
        ("https://WWW.IRNA.ir/news/1#top", None, "https://www.irna.ir/news/1"),  # fragment dropped, host folded
        ("/fa/news/12%20a", "https://www.irna.ir/rss", "https://www.irna.ir/fa/news/12%20a"),  # encoded stays encoded
        ("news/خبر?q=ایران", "https://a.ir/x/", "https://a.ir/x/news/%D8%AE%D8%A8%D8%B1?q=%D8%A7%DB%8C%D8%B1%D8%A7%D9%86"),
        ("mailto:info@irna.ir", None, None),
        ("", "https://a.ir/", None),
        ("http://[::1", None, None),  # unparseable
    ],
)
def test_watch_clean_url_table(url, base, expected):
    assert clean_url(url, base) == expected


# --- sitemaps, caps, state -----------------------------------------------------------------------

def test_watch_page_cap_defers_links_to_the_next_round(site, pipeline):
    config = parse_config(
        {"settings": TEST_POLITENESS, "feeds": [{"name": "ar", "outlet": "sana", "language": "ar", "urls": [f"{site.base}/feeds/ar.atom"], "max_pages": 1}]}
    )
    sink = MemorySink()
    watcher = Watcher(config, sink, pipeline=pipeline)
    site.take()
    first = watcher.poll()
    assert first.stored == 1 and first.deferred == 1
    second = watcher.poll()
    assert second.stored == 1 and second.deferred == 0 and second.known == 1
    feed_hits = [h for h in site.take() if h.path == "/feeds/ar.atom"]
    assert [(h.conditional, h.status) for h in feed_hits] == [(False, 200), (False, 200)]  # read in full again: links were left over
    assert watcher.poll().fetched == 0
    assert [(h.path, h.conditional, h.status) for h in site.take()] == [("/feeds/ar.atom", True, 304)]


def test_watch_reads_a_gzipped_sitemap(site, pipeline):
    config = parse_config({"settings": TEST_POLITENESS, "feeds": [{"name": "gz", "outlet": "nna", "language": "ar", "url": f"{site.base}/sitemaps/news.xml.gz", "max_pages": 5}]})
    report = Watcher(config, MemorySink(), pipeline=pipeline).poll()
    assert report.stored == 2 and not report.failures


def test_watch_state_file_that_is_corrupt_is_a_clear_error(tmp_path):
    bad = tmp_path / "state.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="delete it to start afresh"):
        WatchState(bad)


def test_watch_state_gives_up_after_bounded_attempts(tmp_path):
    now = [0.0]
    state = WatchState(tmp_path / "s.json", now=lambda: now[0], retry_delay=10, max_attempts=3)
    assert state.failed("u", "f", "timed out", transient=True) and state.is_waiting("u")
    now[0] = 10
    assert state.due() == [("u", "f")]
    assert state.failed("u", "f", "timed out", transient=True)  # second attempt; next pause 40 s
    now[0] = 49
    assert state.due() == []
    now[0] = 50
    assert not state.failed("u", "f", "timed out", transient=True) and state.has_given_up("u")
    state.save()
    assert WatchState(tmp_path / "s.json").has_given_up("u")


# --- configuration and the command --------------------------------------------------------------

@pytest.mark.parametrize(
    "feed, message",
    [
        ({"name": "x", "outlet": "nope", "language": "fa", "urls": ["https://a.ir/rss"]}, "unknown outlet 'nope'"),
        ({"name": "x", "outlet": "irna", "language": "en", "urls": ["https://a.ir/rss"]}, "is not one of fa, ar"),
        ({"name": "x", "outlet": "irna", "language": "fa", "urls": ["ftp://a.ir/rss"]}, "is not an http"),
        ({"name": "x", "outlet": "irna", "language": "fa", "urls": []}, "at least one"),
        ({"name": "x", "outlet": "irna", "language": "fa", "urls": ["https://a.ir/rss"], "min-delay": 3}, "unknown key.*min-delay.*known keys"),
        ({"name": "x", "outlet": "irna", "language": "fa", "urls": ["https://a.ir/rss"], "min_delay": -1}, "non-negative"),
    ],
)
def test_watch_config_errors_name_the_feed_and_the_fix(feed, message):
    with pytest.raises(DataFileError, match=message) as info:
        parse_config({"feeds": [feed]}, "feeds.yaml")
    assert "feeds.yaml: feed 1 (x)" in str(info.value)


def test_watch_config_unknown_setting_lists_the_known_ones():
    with pytest.raises(DataFileError, match="unknown setting 'timout'; known settings: .*timeout"):
        parse_config({"settings": {"timout": 3}, "feeds": []})


def test_watch_example_feeds_file_is_valid_and_covers_the_major_outlets():
    config = load_feeds(EXAMPLE_FEEDS)
    outlets = {f.outlet for f in config.feeds}
    assert {"irna", "isna", "mehr", "tasnim", "fars_news", "defa_press", "al_alam", "al_mayadeen", "sana", "ina", "al_jazeera"} <= outlets
    assert {f.language for f in config.feeds} == {"fa", "ar"}
    assert all(f.min_delay is None or f.min_delay >= 1 for f in config.feeds)


def test_watch_command_once_writes_jsonl_and_reports_failures(site, tmp_path, capsys):
    feeds = tmp_path / "feeds.yaml"
    settings = "\n".join(f"  {k}: {v}" for k, v in TEST_POLITENESS.items())
    feeds.write_text(
        f"settings:\n{settings}\nfeeds:\n"
        f"  - {{name: ar, outlet: sana, language: ar, urls: ['{site.base}/feeds/ar.atom', '{site.base}/feeds/broken.rss']}}\n",
        encoding="utf-8",
    )
    db = tmp_path / "out.jsonl"
    args = argparse.Namespace(feeds=str(feeds), db=str(db), once=True, interval=None, quiet=False, max_pages_per_feed=None, user_agent="rasad-test/1")
    assert cmd_watch(args) == 1  # a feed failed
    err = capsys.readouterr().err
    assert f"rasad: watch: feed {site.base}/feeds/broken.rss: malformed XML" in err
    assert "round 1" in err and "2 stored" in err
    assert len(db.read_text(encoding="utf-8").splitlines()) == 2
    assert state_path(str(db)).exists()
    args.quiet = True
    assert cmd_watch(args) == 1
    err = capsys.readouterr().err
    assert "round" not in err and "broken.rss" in err  # quiet silences the summary, not the failures
    assert len(db.read_text(encoding="utf-8").splitlines()) == 2


def test_watch_store_sink_remembers_every_url(tmp_path):
    """The database sink answers has_url for each address an article was reached by."""
    from rasad import load_pipeline
    from rasad.ingest.readers import from_text
    from rasad.store.sink import StoreSink

    sink = StoreSink(str(tmp_path / "w.db"))
    article = load_pipeline()(from_text("تیتر\n\nوزیر خارجه امروز با همتای خود دیدار و گفتگو کرد و بر همکاری تاکید شد.\n", "x", url="https://a.example/1"))
    assert not sink.has_url("https://a.example/1") and not sink.has_article(article.id)
    sink.store(article, ["https://a.example/1", "https://a.example/feed-link"])
    assert sink.has_url("https://a.example/1") and sink.has_url("https://a.example/feed-link")
    assert sink.has_article(article.id)
    sink.close()


def test_watch_store_sink_groups_what_a_round_stored(tmp_path):
    """After a round that stored articles, the database sink groups them as `rasad ingest` does: a story
    republished under a second address lands in one near-duplicate group."""
    from rasad import load_pipeline
    from rasad.ingest.readers import from_text
    from rasad.store.sink import StoreSink

    text = (ROOT / "examples" / "fa_araghchi_hussein.txt").read_text(encoding="utf-8")
    pipeline = load_pipeline()
    sink = StoreSink(str(tmp_path / "w.db"))
    for i, url in enumerate(("https://a.example/1", "https://b.example/copy")):
        sink.store(pipeline(from_text(f"{text.rstrip()}\n\nبازنشر {i}.\n", url, url=url)), [url])
    note = sink.end_round()
    groups = sink.db.query("SELECT cluster_id, count(*) FROM article_duplicates GROUP BY cluster_id")
    assert [n for _, n in groups] == [2], note
    assert "duplicate" in note
    sink.close()


def test_watch_into_a_store_groups_after_a_round_that_stored(pipeline, tmp_path):
    from rasad.store.sink import StoreSink

    main, other = Site().start(), Site(robots_status=503).start()
    main.other = other.base
    log: list[str] = []
    try:
        sink = StoreSink(str(tmp_path / "w.db"))
        watcher = Watcher(_config(main, other), sink, pipeline=pipeline, state=WatchState(tmp_path / "state.json"), log=log.append)
        first, second = watcher.poll(), watcher.poll()
        signed = sink.db.value("SELECT count(*) FROM article_minhash")
        stored = sink.db.value("SELECT count(*) FROM articles")
        sink.close()
    finally:
        main.stop()
        other.stop()
    assert first.stored == stored == signed == 7  # every stored article was grouped in the round
    assert second.stored == 0
    assert sum(line.startswith("clusters updated") for line in log) == 1  # once: the second round stored nothing
