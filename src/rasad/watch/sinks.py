"""Where the watcher puts what it reads, and how it asks what is already there.

A sink answers two questions before work is done (is this URL stored? is this content stored?) and
takes the processed article. Rasad ships a JSON Lines sink (records shaped like `rasad extract`'s, plus
a ``watch`` object) and an in-memory one for tests; the database store plugs in through the same
:class:`Sink` protocol.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TextIO, runtime_checkable

from rasad.doc import Article
from rasad.errors import DataFileError


@runtime_checkable
class Sink(Protocol):
    def has_url(self, url: str) -> bool:
        """True when an article reached through ``url`` is stored (any URL ever passed to ``store``)."""

    def has_article(self, article_id: str) -> bool:
        """True when an article with this content hash (``Article.id``) is stored."""

    def store(self, article: Article, urls: Sequence[str]) -> None:
        """Keep a processed article. ``urls`` are every address it was reached by (the feed's link, the
        address after redirects, the page's canonical URL); ``has_url`` must answer True for each."""

    # A sink may also have ``end_round() -> str | None``: called after a round that stored articles (the
    # store groups them into clusters there); what it returns is logged.


class MemorySink:
    """Articles kept in a list (tests, and library users who handle the articles themselves)."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.urls: dict[str, str] = {}
        self.ids: set[str] = set()

    def has_url(self, url: str) -> bool:
        return url in self.urls

    def has_article(self, article_id: str) -> bool:
        return article_id in self.ids

    def store(self, article: Article, urls: Sequence[str]) -> None:
        self.articles.append(article)
        self.ids.add(article.id)
        for url in urls:
            self.urls[url] = article.id


class JsonlSink:
    """Appends one `rasad extract` record per article to a JSON Lines file, with a ``watch`` object
    ``{"urls": [...], "feed": name}``; on opening it reads the file back to know what is stored."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.memory = MemorySink()
        self.unreadable = 0
        if self.path.exists():
            self._index()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO | None = None

    def _index(self) -> None:
        try:
            with self.path.open(encoding="utf-8") as f:
                for line in f:
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        self.unreadable += int(bool(line.strip()))
                        continue
                    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                        self.unreadable += 1
                        continue
                    self.memory.ids.add(rec["id"])
                    watch = rec.get("watch") if isinstance(rec.get("watch"), dict) else {}
                    for url in [rec.get("url"), *watch.get("urls", [])]:
                        if isinstance(url, str):
                            self.memory.urls[url] = rec["id"]
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"cannot read the JSON Lines store {self.path}: {exc}", value=str(self.path)) from exc

    def has_url(self, url: str) -> bool:
        return self.memory.has_url(url)

    def has_article(self, article_id: str) -> bool:
        return self.memory.has_article(article_id)

    def store(self, article: Article, urls: Sequence[str]) -> None:
        from rasad.serialize import to_dict

        record = to_dict(article)
        record["watch"] = {"urls": list(urls), "feed": article.record.get("feed")}
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()
        self.memory.ids.add(article.id)
        for url in urls:
            self.memory.urls[url] = article.id

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> JsonlSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
