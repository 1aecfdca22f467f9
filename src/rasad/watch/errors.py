"""Errors of `rasad watch`: each names the URL and the reason, and says whether a later round may succeed."""

from __future__ import annotations

from rasad.errors import InputError


class WatchError(InputError):
    """A feed, sitemap or page could not be fetched or read. ``source`` is the URL; ``transient`` is True
    when trying again later may work (timeouts, 5xx answers, connection errors)."""

    code = "E120"

    def __init__(self, url: str, reason: str, *, transient: bool = False, value: object = None) -> None:
        super().__init__(url, reason, value=value)
        self.transient = transient


class FetchFailed(WatchError):
    """The server answered with an error status, timed out, or could not be reached."""

    code = "E121"


class Disallowed(WatchError):
    """The site's robots.txt does not allow Rasad's user agent to fetch the URL."""

    code = "E122"


class HostUnavailable(WatchError):
    """The host's robots.txt could not be read (5xx, timeout, connection error): the host is skipped this round."""

    code = "E123"


class PageTooLarge(WatchError):
    """The answer is larger than the byte cap (``max_bytes`` in the feeds file)."""

    code = "E124"


class FeedError(WatchError):
    """A feed or sitemap is not well-formed XML, or is not RSS, Atom or a sitemap."""

    code = "E125"
