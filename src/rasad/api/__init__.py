"""The HTTP API and the pages that sit on it: ``create_app(db)`` gives the app; `rasad serve` runs it.

    >>> from rasad.api import create_app
    >>> app = create_app("rasad.db")                         # read-only
    >>> app = create_app("rasad.db", write_token="s3cret")   # POST /api/ingest with Authorization: Bearer s3cret

Routes: docs/api.md. Errors, whatever the status: {"error": {"code", "message", "detail"}}.
"""

from rasad.api.app import create_app

__all__ = ["create_app"]
