"""The dates stage: publication date (record field, dateline, or the URL) and the dates in the story."""

from __future__ import annotations

import datetime as dt

from rasad.doc import Article, DateMention
from rasad.dates.find import (
    find_absolute,
    find_published,
    find_relative,
    published_from_fars_link,
    published_from_record,
    resolve,
)

HEADER_FALLBACK_CHARS = 1500


def _header_end(article: Article) -> int:
    """Where the dateline may sit: up to the end of the last removed dateline/metadata line near the
    top, else up to the first story paragraph (at least the first characters of the text)."""
    end = article.paragraphs[0].start if article.paragraphs else len(article.original)
    for r in article.removed:
        if r.reason in ("dateline", "news-code", "byline", "section-label") and r.start < end + HEADER_FALLBACK_CHARS:
            end = max(end, r.end)
    return max(end, min(len(article.original), 200))


def date_stage(article: Article) -> Article:
    published = None
    if article.record.get("date"):
        published = published_from_record(article.record["date"])
    if published is None:
        published = find_published(article.original, 0, _header_end(article))
    if published is None and article.url:
        published = published_from_fars_link(article.url)
    mentions: list[DateMention] = []
    if article.paragraphs:
        # one scan over the story, then keep what lies inside a kept paragraph (not in removed furniture)
        start, end = article.paragraphs[0].start, article.paragraphs[-1].end
        found = find_absolute(article.original, start, end) + find_relative(article.original, start, end)
        bounds = [(p.start, p.end) for p in article.paragraphs]
        mentions = [m for m in found if any(s <= m.start and m.end <= e for s, e in bounds)]
    mentions.sort(key=lambda m: m.start)
    anchor = dt.date.fromisoformat(published.date) if published else None
    return article.evolve(published=published, dates=tuple(resolve(mentions, anchor)))
