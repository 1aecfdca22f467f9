"""`rasad watch`: follow news outlets' RSS/Atom feeds and sitemaps, politely, into a store.

    >>> from rasad.watch import JsonlSink, Watcher, load_feeds
    >>> watcher = Watcher(load_feeds("examples/feeds.yaml"), JsonlSink("articles.jsonl"))
    >>> report = watcher.poll()          # one round; watcher.run() loops every `interval` seconds
    >>> report.stored, report.failures

Modules: ``config`` (the feeds file), ``fetch`` (polite HTTP), ``feeds`` (RSS, Atom, sitemaps),
``state`` (what is remembered between rounds), ``sinks`` (where articles go), ``poll`` (a round),
``cli`` (the command), ``types`` and ``errors``.
"""

from rasad.watch.config import Feed, Settings, WatchConfig, load_feeds, parse_config
from rasad.watch.errors import Disallowed, FeedError, FetchFailed, HostUnavailable, PageTooLarge, WatchError
from rasad.watch.feeds import parse_feed
from rasad.watch.fetch import Fetcher, Politeness, RateLimiter
from rasad.watch.poll import Watcher
from rasad.watch.sinks import JsonlSink, MemorySink, Sink
from rasad.watch.state import WatchState
from rasad.watch.types import Entry, Failure, Parsed, Report, Response

__all__ = [
    "Disallowed", "Entry", "Failure", "Feed", "FeedError", "FetchFailed", "Fetcher", "HostUnavailable", "JsonlSink",
    "MemorySink", "PageTooLarge", "Parsed", "Politeness", "RateLimiter", "Report", "Response", "Settings", "Sink",
    "WatchConfig", "WatchError", "WatchState", "Watcher", "load_feeds", "parse_config", "parse_feed",
]
