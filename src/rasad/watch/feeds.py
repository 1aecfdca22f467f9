"""Feed documents to links: RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom, sitemaps, sitemap indexes and
Google News sitemaps, parsed with defusedxml (feeds are untrusted input: no entity expansion, no
external references). A document that is not well-formed, or not one of these, raises FeedError.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from rasad.watch.errors import FeedError
from rasad.watch.types import Entry, Parsed
from rasad.watch.urls import clean_url

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_LEADING_JUNK = re.compile(rb"\A(?:\xef\xbb\xbf|\s)+")
_HTML_START = re.compile(rb"\A(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def parse_feed(data: bytes, url: str) -> Parsed:
    """The links of one feed document fetched from ``url`` (relative links resolve against it)."""
    data = _LEADING_JUNK.sub(b"", data)
    if not data:
        raise FeedError(url, "the feed is empty")
    if _HTML_START.match(data[:4096]):
        raise FeedError(url, "not a feed: the answer is an HTML page (a moved feed, an error or a challenge page?), not RSS, Atom or a sitemap")
    try:
        root = fromstring(data)
    except ParseError as exc:
        line, column = getattr(exc, "position", ("?", "?"))
        raise FeedError(url, f"malformed XML at line {line}, column {column}: {exc.msg if hasattr(exc, 'msg') else exc}") from exc
    except DefusedXmlException as exc:
        raise FeedError(url, f"refused XML: {exc.__class__.__name__} (entity declarations and external references are not read)") from exc
    except ValueError as exc:
        raise FeedError(url, f"unreadable XML: {exc}") from exc
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        return Parsed("rss", _rss_items(_children(channel, "item") if channel is not None else [], url))
    if kind == "RDF":
        return Parsed("rdf", _rss_items(_children(root, "item"), url))
    if kind == "feed":
        return Parsed("atom", _atom_entries(root, url))
    if kind == "urlset":
        return Parsed("sitemap", _newest_first(_sitemap_urls(root, "url", url)))
    if kind == "sitemapindex":
        return Parsed("sitemapindex", sitemaps=_newest_first(_sitemap_urls(root, "sitemap", url)))
    what = "an HTML page" if kind.lower() == "html" else f"an XML document with root element <{kind}>"
    raise FeedError(url, f"not a feed: the answer is {what}, not RSS, Atom or a sitemap")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Element, name: str) -> Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text(el: Element | None, name: str) -> str | None:
    c = _child(el, name) if el is not None else None
    if c is None:
        return None
    text = "".join(c.itertext()).strip()
    return text or None


def _rss_items(items: Iterable[Element], base: str) -> tuple[Entry, ...]:
    out = []
    for item in items:
        link = _text(item, "link")
        if not link:
            guid = _child(item, "guid")
            if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
                link = (guid.text or "").strip()
        url = clean_url(link or "", base)
        if url:
            published = _date(_text(item, "pubDate") or _text(item, "date") or _text(item, "published"))
            out.append(Entry(url, _text(item, "title"), published))
    return tuple(out)


def _atom_entries(root: Element, base: str) -> tuple[Entry, ...]:
    out = []
    for entry in _children(root, "entry"):
        links = _children(entry, "link")
        chosen = next((l for l in links if l.get("rel", "alternate") == "alternate" and l.get("href")), None)
        chosen = chosen if chosen is not None else next((l for l in links if l.get("href")), None)
        url = clean_url(chosen.get("href", "") if chosen is not None else "", base)
        if url:
            published = _date(_text(entry, "published") or _text(entry, "updated"))
            out.append(Entry(url, _text(entry, "title"), published))
    return tuple(out)


def _sitemap_urls(root: Element, name: str, base: str) -> list[Entry]:
    out = []
    for node in _children(root, name):
        url = clean_url(_text(node, "loc") or "", base)
        if not url:
            continue
        news = _child(node, "news")
        title = _text(news, "title") if news is not None else None
        published = _date((_text(news, "publication_date") if news is not None else None) or _text(node, "lastmod"))
        out.append(Entry(url, title, published))
    return out


def _newest_first(entries: list[Entry]) -> tuple[Entry, ...]:
    """Sitemaps list thousands of links in no promised order: the dated ones newest first, then the rest."""
    dated = sorted((e for e in entries if e.published), key=lambda e: _sort_key(e.published or ""), reverse=True)
    return tuple(dated + [e for e in entries if not e.published])


def _sort_key(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except (ValueError, OverflowError, OSError):
        return 0.0


def _date(value: str | None) -> str | None:
    """An ISO 8601 date-time from RFC 822 (RSS) or ISO 8601 (Atom, sitemaps); None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if _ISO_DATE.match(value):
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
