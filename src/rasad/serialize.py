"""Article <-> JSON: the output contract of `rasad extract` (schema/article.schema.json)."""

from __future__ import annotations

from typing import Any

from rasad.doc import Article, DateMention, OutletRef, Paragraph, Published, Removal, Span
from rasad.pipeline import normalized_body

SCHEMA_VERSION = "1"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def ascii_digits(text: str) -> str:
    return text.translate(_DIGITS)


def _span(s: Span | None) -> dict[str, Any] | None:
    return s.to_json() if s else None


def to_dict(article: Article, *, include_original: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "source": article.source,
        "language": article.language,
        "title": article.title,
        "title_spans": [s.to_json() for s in article.title_spans],
        "lead": _span(article.lead),
        "published": article.published.to_json() if article.published else None,
        "outlet": article.outlet.to_json() if article.outlet else None,
        "agency": article.agency.to_json() if article.agency else None,
        "news_code": ascii_digits(article.news_code.text) if article.news_code else None,
        "news_code_span": _span(article.news_code),
        "url": article.url,
        "text": article.body,
        "text_normalized": normalized_body(article),
        "paragraphs": [p.to_json() for p in article.paragraphs],
        "sentences": [{"start": s.start, "end": s.end} for s in article.sentences],
        "removed": [r.to_json() for r in article.removed],
        "dates": [d.to_json() for d in article.dates],
        "actors": [a.to_json() for a in article.actors],
        "events": [e.to_json() for e in article.events],
        "quotes": [q.to_json() for q in article.quotes],
        "warnings": list(article.warnings),
    }
    if include_original:
        out["original"] = article.original
    return out


def from_dict(d: dict[str, Any]) -> Article:
    """Rebuild the text-layer part of an Article from its JSON (needs ``original``)."""
    original = d["original"]

    def span(x: dict | None) -> Span | None:
        return Span(x["start"], x["end"], x["text"]) if x else None

    def outlet(x: dict | None) -> OutletRef | None:
        return OutletRef(**x) if x else None

    return Article(
        id=d["id"],
        source=d["source"],
        original=original,
        language=d.get("language"),
        title=d.get("title"),
        title_spans=tuple(Span(**s) for s in d.get("title_spans", [])),
        lead=span(d.get("lead")),
        published=Published(**d["published"]) if d.get("published") else None,
        outlet=outlet(d.get("outlet")),
        agency=outlet(d.get("agency")),
        news_code=span(d.get("news_code_span")),
        url=d.get("url"),
        paragraphs=tuple(Paragraph(p["start"], p["end"], original[p["start"] : p["end"]], p["language"]) for p in d.get("paragraphs", [])),
        sentences=tuple(Span(s["start"], s["end"], original[s["start"] : s["end"]]) for s in d.get("sentences", [])),
        removed=tuple(Removal(**r) for r in d.get("removed", [])),
        dates=tuple(DateMention(**x) for x in d.get("dates", [])),
        warnings=tuple(d.get("warnings", [])),
    )
