"""What the pages show, built from the API's data: highlighted article text, highlighted search matches,
display names. Everything from an article (text, titles, names, URLs) is untrusted: it reaches HTML only
through rasad.web.highlight (pieces escaped one by one) or Jinja2 with autoescape on."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

from rasad.web.highlight import Mark, render

RTL = {"fa", "ar", "ur", "ps", "he", "ckb", "ku"}
_WORD = re.compile(r"[\w\u200c]+")


def direction(lang: str | None) -> str:
    return "rtl" if (lang or "") in RTL else "auto"


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def article_url(article_id: str, anchor: str | None = None) -> str:
    return "/articles/" + quote(article_id, safe="") + ("#" + anchor if anchor else "")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (a javascript: or data: URL is never a link)."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def display_name(name: dict[str, Any] | None, fallback: str = "") -> str:
    name = name or {}
    return name.get("en") or name.get("fa") or name.get("ar") or fallback


# ------------------------------------------------------------------ the article page


def referenced_actors(record: dict[str, Any]) -> set[str]:
    """Actors that the record's events and quotes name but its actor list does not hold."""
    listed = {a["id"] for a in record.get("actors") or []}
    named = {q.get("speaker") for q in record.get("quotes") or []}
    for e in record.get("events") or []:
        named.update([*(e.get("participants") or []), *(e.get("attendees") or []), e.get("source"), e.get("target")])
    return {x for x in named if x and x not in listed}


def article_view(record: dict[str, Any], names: dict[str, str] | None = None) -> dict[str, Any]:
    """The article page's parts: the original as highlighted HTML, and the lists beside it. ``names``
    gives display names for the actors of :func:`referenced_actors` (from the store)."""
    original: str = record.get("original") or ""
    actors = {a["id"]: a for a in record.get("actors") or []}
    names = names or {}

    def name_of(actor_id: str | None) -> str:
        if not actor_id:
            return ""
        return display_name(actors.get(actor_id, {}).get("name"), names.get(actor_id, actor_id))

    marks: list[Mark] = []
    for r in record.get("removed") or []:
        marks.append(Mark(r["start"], r["end"], "span", (("class", "removed"), ("data-reason", r.get("reason") or ""), ("title", f"removed: {r.get('reason')}")), rank=0))
    for s in record.get("title_spans") or []:
        marks.append(Mark(s["start"], s["end"], "span", (("class", "title-span"),), rank=1))
    events = []
    for n, ev in enumerate(record.get("events") or [], 1):
        evidence = ev.get("evidence") or {}
        anchor = f"event-{ev['id']}"
        if evidence:
            marks.append(Mark(evidence["start"], evidence["end"], "span", (("class", "event"), ("id", anchor), ("data-event", ev["id"]), ("title", ev.get("summary_en") or ev.get("type") or "")), rank=2))
            marks.append(Mark(evidence["end"], evidence["end"], "a", (("class", "event-ref"), ("href", f"#summary-{ev['id']}"), ("title", ev.get("summary_en") or "")), rank=2, label=f"e{n}"))
        people = [*(ev.get("participants") or []), *([ev["source"]] if ev.get("source") else []), *([ev["target"]] if ev.get("target") else [])]
        events.append({**ev, "n": n, "anchor": anchor, "people": [(p, name_of(p)) for p in dict.fromkeys(people)]})
    quotes = []
    for n, q in enumerate(record.get("quotes") or [], 1):
        speaker = q.get("speaker")
        who = name_of(speaker) or q.get("speaker_text") or "unnamed"
        anchor = f"quote-{q['id']}"
        marks.append(Mark(q["start"], q["end"], "span", (("class", "quote"), ("id", anchor), ("data-quote", q["id"]), ("data-speaker", speaker or ""), ("title", f"said by {who}")), rank=3))
        span = q.get("speaker_span")
        if span:
            if speaker:
                marks.append(Mark(span["start"], span["end"], "a", (("class", "speaker"), ("href", actor_url(speaker)), ("data-actor", speaker), ("data-quote", q["id"]), ("title", f"{who}, speaker of the quote")), rank=4))
            else:
                marks.append(Mark(span["start"], span["end"], "span", (("class", "speaker"), ("data-quote", q["id"])), rank=4))
        quotes.append({**q, "n": n, "anchor": anchor, "speaker_name": who})
    for a in actors.values():
        for m in a.get("mentions") or []:
            marks.append(Mark(m["start"], m["end"], "a", (("class", f"mention {a.get('type', '').lower()}"), ("href", actor_url(a["id"])), ("data-actor", a["id"]), ("title", name_of(a["id"]))), rank=5))
    for d in record.get("dates") or []:
        if d.get("value"):
            href = "/timeline?" + urlencode({"from": d["value"], "to": d["value"]})
            marks.append(Mark(d["start"], d["end"], "a", (("class", "date"), ("href", href), ("title", d["value"])), rank=6))
        else:
            marks.append(Mark(d["start"], d["end"], "span", (("class", "date"), ("title", d.get("kind") or "date")), rank=6))
    published = record.get("published") or {}
    if published.get("start") is not None and published.get("end") is not None:
        marks.append(Mark(published["start"], published["end"], "span", (("class", "published"), ("title", f"published {published.get('date')}")), rank=6))
    people = sorted(actors.values(), key=lambda a: (-len(a.get("mentions") or []), a["id"]))
    return {
        "html": render(original, marks),
        "events": events,
        "quotes": quotes,
        "actors": [{**a, "display": name_of(a["id"]), "count": len(a.get("mentions") or [])} for a in people],
        "dates": record.get("dates") or [],
        "removed": record.get("removed") or [],
        "dir": direction(record.get("language")),
        "url": safe_url(record.get("url")),
    }


# ------------------------------------------------------------------ search results


def query_words(q: str | None) -> tuple[set[str], tuple[str, ...]]:
    """(whole words, prefixes) of a query, as match keys."""
    from rasad.store.query import parse_query

    words: set[str] = set()
    prefixes: list[str] = []
    for term in parse_query(q or ""):
        words.update(term.words[:-1] if term.prefix else term.words)
        if term.prefix:
            prefixes.append(term.words[-1])
    return words, tuple(prefixes)


def match_html(text: str, start: int, words: set[str], prefixes: tuple[str, ...], mentions: list[tuple[int, int, str]]) -> Markup:
    """A matching sentence with the query's words and the searched actor's mentions marked."""
    from rasad.text.keys import match_key

    marks = []
    for m in _WORD.finditer(text):
        key = match_key(m.group())
        if key and (key in words or any(key.startswith(p) for p in prefixes)):
            marks.append(Mark(start + m.start(), start + m.end(), "mark", rank=1))
    for s, e, actor_id in mentions:
        marks.append(Mark(s, e, "a", (("class", "mention"), ("href", actor_url(actor_id)), ("data-actor", actor_id)), rank=0))
    return render(text, marks, base=start)


# ------------------------------------------------------------------ the actor page

STANCES = ("for", "against", "neutral", "unknown")


def actor_view(record: dict[str, Any]) -> dict[str, Any]:
    """The actor page's parts: one timeline of meetings and statements (newest first, undated last),
    and the quotes grouped by topic, then stance."""
    timeline = []
    for m in record.get("meetings") or []:
        timeline.append({"kind": "meeting", "date": m.get("date"), "item": m, "href": article_url(m["article_id"], f"event-{m['event_id']}")})
    for q in record.get("quotes") or []:
        timeline.append({"kind": "statement", "date": q.get("date"), "item": q, "href": article_url(q["article_id"], f"quote-{q['quote_id']}")})
    timeline.sort(key=lambda t: t["date"] or "", reverse=True)
    timeline.sort(key=lambda t: t["date"] is None)
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for q in record.get("quotes") or []:
        stance = q.get("stance") if q.get("stance") in STANCES else "unknown"
        for topic in q.get("topics") or ["(no topic)"]:
            groups.setdefault(topic, {s: [] for s in STANCES})[stance].append(q)
    counts = record.get("quotes_by_topic") or {}
    order = sorted(groups, key=lambda t: (-sum(len(v) for v in groups[t].values()), t))
    return {
        "timeline": timeline,
        "groups": [(t, groups[t], counts.get(t, {s: len(groups[t][s]) for s in STANCES})) for t in order],
        "stances": STANCES,
    }
