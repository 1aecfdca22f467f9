"""URLs as the watcher handles them: absolute, http(s), percent-encoded, without a fragment."""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit, urlunsplit

# Characters left as they are when percent-encoding a path or query: the reserved set and "%" (so that
# an already encoded URL is not encoded twice).
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


def clean_url(url: str, base: str | None = None) -> str | None:
    """``url`` made absolute against ``base``, its host in IDNA, its path and query percent-encoded, the
    fragment dropped; None when it is not an http(s) URL with a host (``mailto:``, ``javascript:``, junk).

    >>> clean_url(" /news/خبر?id=1#top ", "https://www.isna.ir/rss")
    'https://www.isna.ir/news/%D8%AE%D8%A8%D8%B1?id=1'
    """
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    netloc = host if port is None else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    query = quote(parts.query, safe=_SAFE_QUERY)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def host_key(url: str) -> str:
    """The politeness unit: scheme, host and port (``https://www.irna.ir``); robots.txt and rate limits
    are kept per host key."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
