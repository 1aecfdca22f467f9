"""Errors of the store: each keeps the offending value and says what to do."""

from __future__ import annotations

from rasad.errors import RasadError


class StoreError(RasadError):
    """The store could not be opened, migrated, read or written."""

    code = "E500"


class StoreNotFound(StoreError):
    """`rasad search` was pointed at a database file that does not exist."""

    code = "E501"


class StoreConnectError(StoreError):
    """A PostgreSQL server could not be reached, or the driver is missing."""

    code = "E502"


class MigrationError(StoreError):
    """The database's recorded migrations do not fit the ones this Rasad ships."""

    code = "E503"


class SearchError(StoreError):
    """A search was asked in a way that cannot be answered (no query, bad date, unknown actor)."""

    code = "E510"


class UnknownActor(SearchError):
    code = "E511"


class AmbiguousActor(SearchError):
    code = "E512"
