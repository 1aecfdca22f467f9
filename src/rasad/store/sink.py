"""The store as a `rasad watch` sink: what is stored is asked of the database, each article is written
with every URL it was reached by (table article_urls), and after a round that stored articles the store
groups them (near-duplicates, same-event clusters) as `rasad ingest` does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rasad.doc import Article
from rasad.serialize import to_dict
from rasad.store.batch import _version
from rasad.store.db import Store, open_store
from rasad.store.rows import store_id
from rasad.store.write import write_article


class StoreSink:
    """rasad.watch.sinks.Sink over a Rasad store (SQLite path or postgresql:// URL)."""

    def __init__(self, db: str | Path | Store | None) -> None:
        self.db = open_store(db)
        self.version = _version()
        self.stored = 0

    def has_url(self, url: str) -> bool:
        sql = "SELECT 1 FROM article_urls WHERE url = ? UNION ALL SELECT 1 FROM articles WHERE input_url = ?"
        return self.db.value(sql, (url, url)) is not None

    def has_article(self, article_id: str) -> bool:
        return self.db.value("SELECT 1 FROM articles WHERE content_hash = ?", (article_id,)) is not None

    def store(self, article: Article, urls: Sequence[str]) -> None:
        input_url = article.url or (urls[0] if urls else None)
        aid = store_id(article.id, input_url)
        write_article(self.db, aid, to_dict(article), article.record, input_url, self.version)
        insert = "INSERT INTO article_urls (url, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
        with self.db.transaction():
            for url in dict.fromkeys(u for u in urls if u):
                self.db.execute(insert, (url, aid))
        self.stored += 1

    def end_round(self) -> str:
        """Group what this round stored with what the store holds (incremental, one transaction), as
        `rasad ingest` does after a batch."""
        from rasad.cluster import update

        return update(self.db).summary()

    def close(self) -> None:
        self.db.close()
