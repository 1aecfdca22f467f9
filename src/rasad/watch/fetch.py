"""Polite HTTP: per-host rate limits, robots.txt, conditional GET, retries with backoff, timeouts, a byte
cap and bounded redirects, on the standard library's http.client.

:class:`Fetcher` answers a :class:`~rasad.watch.types.Response` or raises a
:class:`~rasad.watch.errors.WatchError` that names the URL and the reason; it never returns a silent
None. One connection per request: the watcher asks each host for a page every few seconds at most, so
keeping connections open would buy nothing.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from rasad.watch.errors import Disallowed, FetchFailed, HostUnavailable, PageTooLarge, WatchError
from rasad.watch.types import Response
from rasad.watch.urls import clean_url, host_key

REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUS = {429, 500, 502, 503, 504}
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
CHUNK = 64 * 1024


@dataclass
class Politeness:
    """How the fetcher treats servers; every figure can be set in the feeds file (``settings:``)."""

    user_agent: str = "rasad-watch/0.1 (+https://github.com/rasad-news/rasad)"
    timeout: float = 20.0  # seconds to connect and between two reads
    total_timeout: float = 60.0  # seconds for a whole answer (a server that trickles bytes is cut off)
    max_bytes: int = 5 * 1024 * 1024  # cap on one answer, after decompression
    retries: int = 2  # further attempts after a timeout, connection error, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry; doubled for each further one
    max_backoff: float = 60.0  # no wait between attempts is longer (Retry-After included)
    max_redirects: int = 5
    min_delay: float = 2.0  # seconds between two requests to one host (a feed can ask for more)
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds
    robots_ttl: float = 24 * 3600.0  # seconds a robots.txt is kept before it is read again


class RateLimiter:
    """At least ``delay(host)`` seconds between the end of one request to a host and the start of the next."""

    def __init__(self, default: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.default = default
        self.delays: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.clock = clock
        self.sleep = sleep

    def set_delay(self, host: str, seconds: float) -> None:
        """Ask for at least ``seconds`` between requests to ``host`` (the largest demand wins)."""
        self.delays[host] = max(seconds, self.delays.get(host, 0.0))

    def delay(self, host: str) -> float:
        return self.delays.get(host, self.default)

    def wait(self, host: str) -> None:
        if host in self.last:
            ready = self.last[host] + self.delay(host)
            now = self.clock()
            if now < ready:
                self.sleep(ready - now)
        self.last[host] = self.clock()

    def done(self, host: str) -> None:
        self.last[host] = self.clock()


@dataclass
class _Robots:
    parser: RobotFileParser
    fetched: float


@dataclass
class Fetcher:
    """GET with politeness. ``requests`` counts every request sent, robots.txt included."""

    politeness: Politeness = field(default_factory=Politeness)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.politeness.min_delay, self.clock, self.sleep)
        self._robots: dict[str, _Robots] = {}
        self._down: dict[str, HostUnavailable] = {}
        self._context: ssl.SSLContext | None = None

    def begin_round(self) -> None:
        """Forget which hosts were unreachable: a new round tries them again."""
        self._down.clear()

    def set_delay(self, url: str, seconds: float) -> None:
        self.limiter.set_delay(host_key(url), seconds)

    def get(self, url: str, *, validators: dict[str, str] | None = None, max_bytes: int | None = None) -> Response:
        """Fetch ``url`` following redirects; ``validators`` (``etag``, ``last_modified``) make it a
        conditional GET whose 304 answer comes back with an empty body. Raises a WatchError."""
        headers = {}
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = validators["etag"]
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = validators["last_modified"]
        return self._follow(url, headers, max_bytes or self.politeness.max_bytes, check_robots=True)

    def _follow(self, url: str, headers: dict[str, str], max_bytes: int, check_robots: bool) -> Response:
        chain: list[str] = []
        current = clean_url(url)
        if current is None:
            raise FetchFailed(url, "not an http(s) URL")
        while True:
            if current in chain:
                raise FetchFailed(url, f"redirect loop: {' -> '.join(chain + [current])}")
            chain.append(current)
            if check_robots:
                self._check_robots(current)
            status, answer_headers, body = self._attempts(current, headers, max_bytes)
            if status not in REDIRECTS:
                break
            location = answer_headers.get("location")
            target = clean_url(location, current) if location else None
            if target is None:
                raise FetchFailed(current, f"HTTP {status} redirect without a usable Location ({location!r})")
            if len(chain) > self.politeness.max_redirects:
                raise FetchFailed(url, f"more than {self.politeness.max_redirects} redirects: {' -> '.join(chain)}")
            current = target
        if status == 304 or 200 <= status < 300:
            return Response(current, status, answer_headers, body, tuple(chain))
        raise FetchFailed(current, f"HTTP {status} {http.client.responses.get(status, '')}".rstrip(), transient=status in RETRY_STATUS, value=status)

    def _attempts(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[int, dict[str, str], bytes]:
        """One request with retries: timeouts, connection errors, 429 and 5xx are tried again after an
        exponentially growing pause (Retry-After honoured up to ``max_backoff``)."""
        p = self.politeness
        host = host_key(url)
        for attempt in range(p.retries + 1):
            last = attempt == p.retries
            self.limiter.wait(host)
            try:
                status, answer_headers, body = self._request(url, headers, max_bytes)
            except WatchError as exc:
                if not exc.transient or last:
                    raise
                pause = p.backoff * 2**attempt
            else:
                if status not in RETRY_STATUS or last:
                    return status, answer_headers, body
                pause = _retry_after(answer_headers.get("retry-after")) or p.backoff * 2**attempt
            finally:
                self.limiter.done(host)
            self.sleep(min(pause, p.max_backoff))
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[int, dict[str, str], bytes]:
        p = self.politeness
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.scheme == "https":
            if self._context is None:
                self._context = ssl.create_default_context()
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=p.timeout, context=self._context)
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=p.timeout)
        send = {"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate", "Accept": "*/*", "Connection": "close", **headers}
        self.requests += 1
        deadline = self.clock() + p.total_timeout
        try:
            conn.request("GET", path or "/", headers=send)
            resp = conn.getresponse()
            answer_headers = {k.lower(): v for k, v in resp.getheaders()}
            if not 200 <= resp.status < 300:
                return resp.status, answer_headers, b""
            return resp.status, answer_headers, _read_capped(resp, url, answer_headers, max_bytes, deadline, self.clock)
        except (TimeoutError, socket.timeout) as exc:
            raise FetchFailed(url, f"timed out after {p.timeout:g} s", transient=True) from exc
        except ssl.SSLError as exc:
            raise FetchFailed(url, f"TLS error: {exc.reason or exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchFailed(url, f"connection failed: {exc.__class__.__name__}: {exc}", transient=True) from exc
        finally:
            conn.close()

    def _check_robots(self, url: str) -> None:
        host = host_key(url)
        if host in self._down:
            down = self._down[host]
            raise HostUnavailable(url, down.reason, transient=True)
        robots = self._robots.get(host)
        if robots is None or self.clock() - robots.fetched > self.politeness.robots_ttl:
            try:
                robots = _Robots(self._read_robots(host), self.clock())
            except HostUnavailable as exc:
                self._down[host] = exc
                raise HostUnavailable(url, exc.reason, transient=True) from exc
            self._robots[host] = robots
            delay = robots.parser.crawl_delay(self.politeness.user_agent)
            if delay:
                self.limiter.set_delay(host, min(float(delay), self.politeness.max_crawl_delay))
        if not robots.parser.can_fetch(self.politeness.user_agent, url):
            raise Disallowed(url, f"disallowed by {host}/robots.txt for user agent {self.politeness.user_agent!r}")

    def _read_robots(self, host: str) -> RobotFileParser:
        """robots.txt as RFC 9309 reads it: 2xx is parsed, 401/403 forbid everything, other 4xx allow
        everything, 5xx or no answer make the host unavailable for this round."""
        url = f"{host}/robots.txt"
        parser = RobotFileParser(url)
        try:
            resp = self._follow(url, {}, ROBOTS_MAX_BYTES, check_robots=False)
        except PageTooLarge:
            parser.allow_all = True
            return parser
        except FetchFailed as exc:
            status = exc.value if isinstance(exc.value, int) else None
            if status in (401, 403):
                parser.disallow_all = True
                return parser
            if status is not None and 400 <= status < 500 and status != 429:
                parser.allow_all = True
                return parser
            raise HostUnavailable(url, f"robots.txt could not be read ({exc.reason}); the host is skipped this round", transient=True) from exc
        parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        parser.modified()
        return parser


def _read_capped(resp: http.client.HTTPResponse, url: str, headers: dict[str, str], max_bytes: int, deadline: float, clock: Callable[[], float]) -> bytes:
    """The body, decompressed, read in chunks and abandoned past ``max_bytes`` or the deadline."""
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise PageTooLarge(url, f"too large: the server announces {int(length):,} bytes; the cap is {max_bytes:,}")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    inflate = None
    if encoding in ("gzip", "x-gzip"):
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflate = zlib.decompressobj()
    out = bytearray()
    while True:
        if clock() > deadline:
            raise FetchFailed(url, "the answer took too long to arrive (total_timeout)", transient=True)
        chunk = resp.read1(CHUNK) if hasattr(resp, "read1") else resp.read(CHUNK)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise FetchFailed(url, f"the {encoding} body is corrupt: {exc}") from exc
        out += chunk
        if len(out) > max_bytes:
            raise PageTooLarge(url, f"too large: more than {max_bytes:,} bytes (the cap; set max_bytes to raise it)")
    return bytes(out)


def gunzip_capped(data: bytes, url: str, max_bytes: int) -> bytes:
    """A gzip file (``sitemap.xml.gz``) inflated up to ``max_bytes``."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FetchFailed(url, f"not a readable gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise PageTooLarge(url, f"too large: more than {max_bytes:,} bytes once decompressed")
    return out


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
