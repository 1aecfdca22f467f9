"""Rasad: structured, traceable records from Persian and Arabic news.

    >>> import rasad
    >>> article = rasad.process("...", source="example.txt")
    >>> article.title, article.published, article.language
"""

from __future__ import annotations

from rasad.doc import Article, DateMention, OutletRef, Paragraph, Published, Removal, Span, Token
from rasad.errors import InputError, RasadError
from rasad.pipeline import Pipeline

__all__ = [
    "Article", "DateMention", "InputError", "OutletRef", "Paragraph", "Pipeline", "Published", "RasadError",
    "Removal", "Span", "Token", "load_pipeline", "process", "__version__",
]
__version__ = "0.1.0"

_default: Pipeline | None = None


def load_pipeline(stages: tuple[str, ...] | None = None, check: bool = False) -> Pipeline:
    """A pipeline with the default stages (or the named ones)."""
    return Pipeline(stages, check=check) if stages else Pipeline(check=check)


def process(text: str, source: str = "<string>", url: str | None = None) -> Article:
    """Run the default pipeline on one article's text."""
    from rasad.ingest.readers import from_text

    global _default
    if _default is None:
        _default = load_pipeline()
    return _default(from_text(text, source, url=url))
