"""What the watcher remembers between rounds and between runs, in a small JSON file:

- ``feeds``: per feed or sitemap URL, the ETag and Last-Modified of the last answer (for conditional
  GET), the reason it could not be read, if it could not (a 304 on a broken feed is still broken), and
  for a sitemap index the child sitemaps followed (they change while the index stays the same);
- ``retry``: pages that failed for a reason that may pass (timeout, 5xx, unreachable robots.txt), with
  the attempts so far and when to try again (the pause grows fourfold each time);
- ``gave_up``: pages that failed for good (404, too large, no article text, robots.txt), not fetched again;
- ``aliases``: URLs whose page turned out to be an article already stored under another URL.

Entries older than ``keep_days`` are dropped when the file is saved, so it does not grow without end.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasad.errors import DataFileError

VERSION = 1


class WatchState:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        now: Callable[[], float] = time.time,
        retry_delay: float = 600.0,
        max_attempts: int = 4,
        keep_days: float = 60.0,
    ) -> None:
        self.path = Path(path) if path else None
        self.now = now
        self.retry_delay = retry_delay
        self.max_attempts = max_attempts
        self.keep_days = keep_days
        self.feeds: dict[str, dict[str, Any]] = {}
        self.retry: dict[str, dict[str, Any]] = {}
        self.gave_up: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, dict[str, Any]] = {}
        if self.path and self.path.exists():
            self._load()

    def _load(self) -> None:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError(f"expected an object with \"version\": {VERSION}")
            for name in ("feeds", "retry", "gave_up", "aliases"):
                table = data.get(name, {})
                if not isinstance(table, dict):
                    raise ValueError(f"{name!r} is not an object")
                setattr(self, name, table)
        except (OSError, ValueError) as exc:
            raise DataFileError(
                f"the watch state file {self.path} is unreadable ({exc}); delete it to start afresh "
                "(every feed is then fetched in full once)",
                value=str(self.path),
            ) from exc

    # Feeds: conditional GET.
    def validators(self, url: str) -> dict[str, str] | None:
        entry = self.feeds.get(url)
        if not entry:
            return None
        found = {k: entry[k] for k in ("etag", "last_modified") if entry.get(k)}
        return found or None

    def remember_feed(self, url: str, headers: dict[str, str], error: str | None = None, children: list[str] | None = None) -> None:
        """Keep the validators of a 200 answer; ``error`` is why its content could not be read,
        ``children`` the sitemaps a sitemap index sends us to (read again even when the index is unchanged)."""
        entry: dict[str, Any] = {"etag": headers.get("etag"), "last_modified": headers.get("last-modified"), "error": error, "at": self.now()}
        if children:
            entry["children"] = list(children)
        self.feeds[url] = entry

    def forget_feed(self, url: str) -> None:
        """Ask for ``url`` in full next time (its links were not all followed this round)."""
        self.feeds.pop(url, None)

    def feed_error(self, url: str) -> str | None:
        return (self.feeds.get(url) or {}).get("error")

    def children(self, url: str) -> list[str]:
        return list((self.feeds.get(url) or {}).get("children", []))

    def touch_feed(self, url: str) -> None:
        if url in self.feeds:
            self.feeds[url]["at"] = self.now()

    # Pages: retry later, or give up.
    def due(self) -> list[tuple[str, str]]:
        """(url, feed name) of the pages whose next attempt is due."""
        now = self.now()
        return [(url, e.get("feed", "")) for url, e in self.retry.items() if e.get("next", 0) <= now]

    def is_waiting(self, url: str) -> bool:
        return url in self.retry and self.retry[url].get("next", 0) > self.now()

    def failed(self, url: str, feed: str, reason: str, transient: bool) -> bool:
        """Record a failed page; True when it will be tried again in a later round."""
        attempts = self.retry.pop(url, {}).get("attempts", 0) + 1
        if transient and attempts < self.max_attempts:
            pause = self.retry_delay * 4 ** (attempts - 1)
            self.retry[url] = {"feed": feed, "attempts": attempts, "next": self.now() + pause, "reason": reason}
            return True
        self.gave_up[url] = {"reason": reason, "attempts": attempts, "at": self.now()}
        return False

    def succeeded(self, url: str) -> None:
        self.retry.pop(url, None)
        self.gave_up.pop(url, None)

    def forget_page(self, url: str) -> None:
        self.retry.pop(url, None)

    def has_given_up(self, url: str) -> bool:
        return url in self.gave_up

    # URLs that led to an article stored under another URL.
    def add_alias(self, url: str, article_id: str) -> None:
        self.aliases[url] = {"id": article_id, "at": self.now()}

    def is_alias(self, url: str) -> bool:
        return url in self.aliases

    def save(self) -> None:
        """Write the file atomically (a temporary file renamed over it), dropping stale entries."""
        if self.path is None:
            return
        horizon = self.now() - self.keep_days * 86400
        for table in (self.feeds, self.gave_up, self.aliases):
            for url in [u for u, e in table.items() if e.get("at", horizon) < horizon]:
                del table[url]
        data = {"version": VERSION, "feeds": self.feeds, "retry": self.retry, "gave_up": self.gave_up, "aliases": self.aliases}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
