"""An extract record (the output contract, rasad.serialize.to_dict) as rows of the store's tables.

Pure functions, no database: the writer inserts these rows, and the checker rebuilds them from an
article's stored output to prove that no article is stored in part. Columns are declared here once;
the INSERT statements are made from them.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from typing import Any

from rasad.text.keys import match_key

# Derived tables in insertion order (parents first); deletion runs in reverse.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "content_hash", "input_url", "url", "source", "language", "title", "published_date", "published_time",
        "outlet_id", "agency_id", "news_code", "original", "record", "output", "schema_version", "rasad_version",
        "ingested_at", "processed_at",
    ),
    "actors": ("id", "type", "name", "name_en", "name_fa", "name_ar", "in_kb", "country", "wikidata"),
    "article_actors": ("article_id", "actor_id", "seq", "role", "role_kind"),
    "sentences": ("article_id", "seq", "kind", "start_char", "end_char", "key_text"),
    "mentions": ("article_id", "seq", "actor_id", "start_char", "end_char", "text", "kind", "honorific", "sentence"),
    "dates": (
        "article_id", "seq", "start_char", "end_char", "text", "kind", "value", "precision", "calendar", "time",
        "offset_days", "weekday",
    ),
    "quotes": (
        "article_id", "id", "seq", "start_char", "end_char", "text", "cue", "direct", "speaker", "speaker_text",
        "speaker_kind", "speaker_start", "speaker_end", "cue_start", "cue_end", "stance",
    ),
    "quote_topics": ("article_id", "quote_id", "topic"),
    "events": (
        "article_id", "id", "seq", "type", "mode", "source_actor", "target_actor", "date", "date_precision", "location",
        "planned", "quote_id", "summary_en", "evidence_start", "evidence_end", "evidence_text",
    ),
    "event_participants": ("article_id", "event_id", "role", "seq", "actor_id"),
    "event_topics": ("article_id", "event_id", "topic"),
}
# Rows that belong to one article (all but articles and the shared actors), parents first.
ARTICLE_TABLES = ("article_actors", "sentences", "mentions", "dates", "quotes", "quote_topics", "events", "event_participants", "event_topics")
# Primary keys, for ordered reads.
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("id",),
    "article_actors": ("article_id", "actor_id"),
    "sentences": ("article_id", "seq"),
    "mentions": ("article_id", "seq"),
    "dates": ("article_id", "seq"),
    "quotes": ("article_id", "id"),
    "quote_topics": ("article_id", "quote_id", "topic"),
    "events": ("article_id", "id"),
    "event_participants": ("article_id", "event_id", "role", "seq"),
    "event_topics": ("article_id", "event_id", "topic"),
}
# Left out of the stored output: original has its own column, text is the kept paragraphs cut from it.
NOT_IN_OUTPUT = ("original", "text")

Row = tuple[Any, ...]


def store_id(content_hash: str, input_url: str | None) -> str:
    """An article's store id: its content hash, or (an input with a URL is identified by its URL)
    16 hex digits of SHA-256 of the URL."""
    if not input_url:
        return content_hash
    return hashlib.sha256(input_url.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def output_of(record: dict[str, Any]) -> dict[str, Any]:
    """The part of an extract record stored as the article's output."""
    return {k: v for k, v in record.items() if k not in NOT_IN_OUTPUT}


def record_of(original: str, output: dict[str, Any]) -> dict[str, Any]:
    """The extract record back from a stored original and output (inverse of output_of)."""
    out = dict(output)
    out["text"] = "\n\n".join(original[p["start"] : p["end"]] for p in output.get("paragraphs", []))
    out["original"] = original
    return out


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(aid: str, record: dict[str, Any], reader_record: dict[str, Any], input_url: str | None, version: str, now: str) -> Row:
    published = record.get("published") or {}
    outlet = record.get("outlet") or {}
    agency = record.get("agency") or {}
    return (
        aid, record["id"], input_url, record.get("url"), record["source"], record.get("language"), record.get("title"),
        published.get("date"), published.get("time"), outlet.get("id"), agency.get("id"), record.get("news_code"),
        record["original"], dumps(reader_record), dumps(output_of(record)), str(record.get("schema", "")), version, now, now,
    )


def actor_row(actor: dict[str, Any]) -> Row:
    name = actor.get("name") or {}
    display = name.get("en") or name.get("fa") or name.get("ar") or next(iter(name.values()), None) or actor["id"]
    return (actor["id"], actor["type"], display, name.get("en"), name.get("fa"), name.get("ar"), bool(actor.get("in_kb")), actor.get("country"), actor.get("wikidata"))


def stub_actor_row(actor_id: str) -> Row:
    """An actor that an event or quote names but the article's actor list does not hold."""
    from rasad.actors.kb import load_kb

    entry = load_kb().entries.get(actor_id)
    if entry is not None:
        n = entry.name
        return (entry.id, entry.type, n.get("en") or n.get("fa") or n.get("ar") or entry.id, n.get("en"), n.get("fa"), n.get("ar"), True, entry.country, entry.wikidata)
    parts = actor_id.split(":")
    kind = parts[1] if len(parts) == 3 and parts[0] == "new" else "UNK"
    return (actor_id, kind, parts[-1].replace("_", " "), None, None, None, False, None, None)


def sentence_spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every title span and sentence, in order of position, without repeats."""
    spans = {(s["start"], s["end"]): "sentence" for s in record.get("sentences", [])}
    for s in record.get("title_spans", []):
        spans.setdefault((s["start"], s["end"]), "title")
    return sorted((a, b, kind) for (a, b), kind in spans.items() if b > a)


def derived_rows(aid: str, record: dict[str, Any]) -> dict[str, list[Row]]:
    """Every row the article owns, table by table (actors: the rows its actor list and references need)."""
    original = record["original"]
    out: dict[str, list[Row]] = {t: [] for t in ("actors",) + ARTICLE_TABLES}

    spans = sentence_spans(record)
    starts = [a for a, _, _ in spans]
    for seq, (a, b, kind) in enumerate(spans):
        out["sentences"].append((aid, seq, kind, a, b, match_key(original[a:b])))

    def sentence_of(start: int, end: int) -> int | None:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
            return i
        return None

    known: set[str] = set()
    seq = 0
    for n, actor in enumerate(record.get("actors", [])):
        if actor["id"] not in known:  # an id listed twice keeps its first role and all its mentions
            known.add(actor["id"])
            out["actors"].append(actor_row(actor))
            role = actor.get("role")
            out["article_actors"].append((aid, actor["id"], n, dumps(role) if role is not None else None, (role or {}).get("kind")))
        for m in actor.get("mentions", []):
            out["mentions"].append((aid, seq, actor["id"], m["start"], m["end"], m["text"], m.get("kind", "name"), m.get("honorific"), sentence_of(m["start"], m["end"])))
            seq += 1

    for n, d in enumerate(record.get("dates", [])):
        out["dates"].append((
            aid, n, d["start"], d["end"], d["text"], d["kind"], d.get("value"), d.get("precision"), d.get("calendar"),
            d.get("time"), d.get("offset_days"), d.get("weekday"),
        ))

    referenced: list[str] = []
    for n, q in enumerate(record.get("quotes", [])):
        sp, cue = q.get("speaker_span") or {}, q.get("cue_span") or {}
        if q.get("speaker"):
            referenced.append(q["speaker"])
        out["quotes"].append((
            aid, q["id"], n, q["start"], q["end"], q["text"], q.get("cue"), bool(q.get("direct")), q.get("speaker"),
            q.get("speaker_text"), q.get("speaker_kind"), sp.get("start"), sp.get("end"), cue.get("start"), cue.get("end"), q.get("stance"),
        ))
        out["quote_topics"] += [(aid, q["id"], t) for t in dict.fromkeys(q.get("topics", []))]

    for n, e in enumerate(record.get("events", [])):
        ev = e["evidence"]
        out["events"].append((
            aid, e["id"], n, e["type"], e.get("mode"), e.get("source"), e.get("target"), e.get("date"), e.get("date_precision"),
            e.get("location"), bool(e.get("planned")), e.get("quote"), e.get("summary_en"), ev["start"], ev["end"], ev["text"],
        ))
        for role, key in (("participant", "participants"), ("attendee", "attendees")):
            for i, actor_id in enumerate(e.get(key, [])):
                out["event_participants"].append((aid, e["id"], role, i, actor_id))
                referenced.append(actor_id)
        referenced += [x for x in (e.get("source"), e.get("target")) if x]
        out["event_topics"] += [(aid, e["id"], t) for t in dict.fromkeys(e.get("topics", []))]

    for actor_id in dict.fromkeys(referenced):
        if actor_id not in known:
            known.add(actor_id)
            out["actors"].append(stub_actor_row(actor_id))
    out["actors"].sort(key=lambda r: r[0])  # one lock order for concurrent writers
    return out
