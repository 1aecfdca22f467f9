"""A readable digest of `rasad extract` output, for people (the demo prints it)."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from rasad.errors import InputError


def _line(label: str, value: Any) -> str:
    return f"  {label:10} {value}"


def digest(d: dict[str, Any]) -> str:
    out = [f"{d['source']}  [{d.get('language')}]"]
    out.append(_line("title", d.get("title")))
    pub = d.get("published")
    if pub:
        when = pub["date"] + (f" {pub['time']}" if pub.get("time") else "")
        out.append(_line("published", f"{when} ({pub['calendar']}, from the {pub['source']}: {pub['text']!r})"))
    else:
        out.append(_line("published", "unknown"))
    outlet = d.get("outlet")
    agency = d.get("agency")
    out.append(_line("outlet", (outlet or {}).get("name", "unknown") + (f"; credits {agency['name']}" if agency else "")))
    if d.get("news_code"):
        out.append(_line("news code", d["news_code"]))
    removed = d.get("removed") or []
    if removed:
        reasons: dict[str, int] = {}
        for r in removed:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
        out.append(_line("removed", ", ".join(f"{k} x{v}" if v > 1 else k for k, v in reasons.items())))
    dates = [f"{x['text']} = {x['value'] or '?'}" for x in d.get("dates") or []]
    if dates:
        out.append(_line("dates", "; ".join(dates[:6])))
    actors = d.get("actors") or []
    if actors:
        names = [a["name"].get("en") or a["name"].get("fa") or a["name"].get("ar") for a in actors]
        out.append(_line("actors", ", ".join(n for n in names if n)))
    for e in d.get("events") or []:
        out.append(_line("event", e.get("summary_en") or e.get("type")))
    for q in (d.get("quotes") or [])[:8]:
        text = q["text"] if len(q["text"]) <= 90 else q["text"][:87] + "..."
        out.append(_line("quote", f"{q.get('speaker_text') or q.get('speaker') or '?'}: {text}"))
    return "\n".join(out)


def show_file(path: str, out: TextIO) -> None:
    stream = sys.stdin if path == "-" else None
    try:
        fh = stream or open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except ValueError as exc:
                raise InputError(path, f"line {n} is not JSON: {exc}") from exc
            out.write(digest(d) + "\n\n")
