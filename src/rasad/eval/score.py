"""Scoring `rasad extract` output against gold files shaped like shared/gold/seeds.json.

Predictions are matched to gold documents by file name (the gold ``file`` against the basename of the
prediction's ``source``). Actors are matched by mention text on folded keys, meetings as unordered pairs
of participants, quotes by a folded snippet contained in the predicted quote (see shared/gold/README.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasad.errors import GoldFileError
from rasad.text.keys import match_key


def fold(text: str) -> str:
    """Letters folded, spaces and ZWNJ removed: the comparison form for titles, lines and snippets."""
    return re.sub(r"\s+", "", match_key(text or ""))


def load_gold(path: str) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldFileError(f"cannot read gold file {path}: {exc}", value=path) from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), list):
        raise GoldFileError(f"{path}: a gold file is an object with a 'documents' list (see shared/gold/README.md)", value=path)
    return gold


def load_predictions(path: str) -> list[dict[str, Any]]:
    preds = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"cannot read predictions {path}: {exc}", value=path) from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                preds.append(json.loads(line))
            except ValueError as exc:
                raise GoldFileError(f"{path} line {n} is not JSON: {exc}", value=path) from exc
    return preds


def _basename(source: str) -> str:
    """The file name of a source, keeping a record index: 'dir/x.jsonl#2' -> 'x.jsonl#2'."""
    return re.split(r"[/\\!]", source)[-1]


class Tally:
    """Counts of right and total per metric."""

    def __init__(self) -> None:
        self.right: dict[str, float] = {}
        self.total: dict[str, float] = {}
        self.misses: dict[str, list[str]] = {}

    def add(self, metric: str, ok: bool, miss: str = "") -> None:
        self.total[metric] = self.total.get(metric, 0) + 1
        self.right[metric] = self.right.get(metric, 0) + (1 if ok else 0)
        if not ok and miss:
            self.misses.setdefault(metric, []).append(miss)

    def scores(self) -> dict[str, dict[str, Any]]:
        return {
            m: {"right": self.right[m], "total": self.total[m], "score": round(self.right[m] / self.total[m], 4) if self.total[m] else None}
            for m in sorted(self.total)
        }


def evaluate(gold: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, Any]:
    by_file = {_basename(p.get("source", "")): p for p in preds}
    tally = Tally()
    prf = {"meetings": [0, 0, 0]}  # true positives, predicted, gold
    for doc in gold["documents"]:
        name = doc["file"]
        pred = by_file.get(name)
        tally.add("documents_found", pred is not None, name)
        if pred is None:
            continue
        _score_text_layer(doc, pred, tally)
        mapping = _actor_mapping(doc, pred)
        _score_actors(doc, pred, tally)
        _score_meetings(doc, pred, mapping, prf["meetings"], tally)
        _score_quotes(doc, pred, mapping, tally)
    for pred in preds:
        problems = span_problems(pred)
        tally.add("offsets", not problems, f"{pred.get('source')}: {problems[:2]}")
    report = {"scores": tally.scores(), "misses": tally.misses}
    tp, npred, ngold = prf["meetings"]
    if ngold or npred:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        report["meetings_prf"] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    return report


def evaluate_files(gold_path: str, pred_path: str) -> dict[str, Any]:
    return evaluate(load_gold(gold_path), load_predictions(pred_path))


# ---------------------------------------------------------------- text layer


def _score_text_layer(doc: dict, pred: dict, tally: Tally) -> None:
    name = doc["file"]
    if "language" in doc:  # a gold file scores only the layers it annotates
        tally.add("language", pred.get("language") == doc["language"], f"{name}: {pred.get('language')} != {doc['language']}")
    if "title" in doc:
        titles = {fold(doc["title"])} | {fold(t) for t in doc.get("title_alternates", [])}
        tally.add("headline", fold(pred.get("title") or "") in titles, f"{name}: {pred.get('title')!r}")
    if "published" in doc:
        tally.add("published", _published(pred) == doc["published"], f"{name}: {_published(pred)} != {doc['published']}")
    if "news_code" in doc:
        tally.add("news_code", (pred.get("news_code") or None) == doc["news_code"], f"{name}: {pred.get('news_code')}")
    if "outlet" in doc:
        got = (pred.get("outlet") or {}).get("id")
        tally.add("outlet", got == doc["outlet"], f"{name}: {got} != {doc['outlet']}")
    if "source_agency" in doc:
        got = (pred.get("agency") or {}).get("id")
        tally.add("source_agency", got == doc["source_agency"], f"{name}: {got} != {doc['source_agency']}")
    if "url" in doc:
        tally.add("url", pred.get("url") == doc["url"], f"{name}: {pred.get('url')}")
    text = pred.get("text") or ""
    lines = {fold(line) for line in text.splitlines() if line.strip()}
    folded_text = fold(text)
    for line in doc.get("boilerplate_lines", []):
        key = fold(line)
        left = key in lines or (len(line.split()) >= 3 and key in folded_text)
        tally.add("boilerplate_removed", not left, f"{name}: {line!r}")
    normalized = pred.get("text_normalized") or ""
    words = set(re.findall(r"[\w\u200c]+", normalized))
    for raw, expected in doc.get("normalization_checks", {}).items():
        ok = expected in normalized and (raw == expected or raw not in words)
        tally.add("normalization", ok, f"{name}: {raw} -> {expected}")


def _published(pred: dict) -> str | None:
    pub = pred.get("published")
    if not pub:
        return None
    return pub["date"] + (f"T{pub['time']}" if pub.get("time") else "")


def span_problems(pred: dict) -> list[str]:
    """Spans in a prediction whose text is not original[start:end]."""
    original = pred.get("original")
    if original is None:
        return []
    problems = []
    for where, span in _spans(pred):
        s, e, t = span.get("start"), span.get("end"), span.get("text")
        if s is None or e is None or t is None:
            continue
        if original[s:e] != t:
            problems.append(f"{where}[{s}:{e}]")
    return problems


def _spans(pred: dict) -> Iterable[tuple[str, dict]]:
    for key in ("lead", "news_code_span", "published", "outlet", "agency"):
        if isinstance(pred.get(key), dict):
            yield key, pred[key]
    for key in ("title_spans", "removed", "dates", "quotes"):
        for s in pred.get(key) or []:
            yield key, s
    for actor in pred.get("actors") or []:
        for m in actor.get("mentions", []):
            yield "actors.mentions", m
    for event in pred.get("events") or []:
        if isinstance(event.get("evidence"), dict):
            yield "events.evidence", event["evidence"]


# ---------------------------------------------------------------- actors, meetings, quotes


def _pred_forms(pred: dict) -> dict[str, set[str]]:
    """Folded predicted mention text -> the actor ids it names."""
    forms: dict[str, set[str]] = {}
    for actor in pred.get("actors") or []:
        for m in actor.get("mentions", []):
            forms.setdefault(fold(m["text"]), set()).add(actor["id"])
    return forms


def _ids_for(form: str, pred_forms: dict[str, set[str]]) -> set[str]:
    """Actor ids whose mention is the gold form, or contains it (a predicted mention may keep an
    honorific or a generic word the gold leaves out: 'الحاج قاسم سليماني', 'بلندیهای جولان')."""
    key = fold(form)
    ids = set(pred_forms.get(key, set()))
    for text, found in pred_forms.items():
        if key in text and len(text) <= 2 * len(key) + 12:
            ids |= found
    return ids


def _actor_mapping(doc: dict, pred: dict) -> dict[str, set[str]]:
    """Gold actor id -> the predicted actor ids that carry one of its surface forms."""
    pred_forms = _pred_forms(pred)
    return {gid: set().union(*(_ids_for(f, pred_forms) for f in forms)) if forms else set() for gid, forms in doc.get("mentions", {}).items()}


def _score_actors(doc: dict, pred: dict, tally: Tally) -> None:
    if "mentions" not in doc:
        return
    name = doc["file"]
    forms_to_ids = _pred_forms(pred)
    gold_forms = set()
    for gid, forms in doc["mentions"].items():
        found_ids = [_ids_for(f, forms_to_ids) for f in forms]
        for form, ids in zip(forms, found_ids):
            gold_forms.add(fold(form))
            tally.add("actor_mentions", bool(ids), f"{name}: {gid} {form!r}")
        tally.add("actors_found", any(found_ids), f"{name}: {gid}")
        common = set.intersection(*found_ids) if found_ids and all(found_ids) else set()
        tally.add("actors_linked", bool(common), f"{name}: {gid} forms not linked to one actor")
    for form in forms_to_ids:
        tally.add("actor_mention_precision", any(form == g or form in g or g in form for g in gold_forms), f"{name}: extra {form!r}")


def _score_meetings(doc: dict, pred: dict, mapping: dict[str, set[str]], counts: list[int], tally: Tally) -> None:
    if "meetings" not in doc:
        return
    gold_pairs = []
    for m in doc["meetings"]:
        parts = m["participants"]
        gold_pairs += [(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :]]
    pred_pairs = set()
    for e in pred.get("events") or []:
        if e.get("type") != "CONSULT" or e.get("planned"):
            continue
        parts = sorted(set(e.get("participants") or []))
        pred_pairs |= {(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :]}
    matched = set()
    for a, b in gold_pairs:
        ok = any((x in mapping.get(a, ()) and y in mapping.get(b, ())) or (y in mapping.get(a, ()) and x in mapping.get(b, ())) for x, y in pred_pairs)
        if ok:
            matched |= {p for p in pred_pairs if (p[0] in mapping.get(a, ()) and p[1] in mapping.get(b, ())) or (p[1] in mapping.get(a, ()) and p[0] in mapping.get(b, ()))}
        tally.add("meetings_found", ok, f"{doc['file']}: {a} + {b}")
    counts[0] += sum(1 for a, b in gold_pairs if any((x in mapping.get(a, ()) and y in mapping.get(b, ())) or (y in mapping.get(a, ()) and x in mapping.get(b, ())) for x, y in pred_pairs))
    counts[1] += len(pred_pairs)
    counts[2] += len(gold_pairs)
    for p in pred_pairs - matched:
        tally.add("meetings_spurious_free", False, f"{doc['file']}: {p}")
    if not pred_pairs - matched:
        tally.add("meetings_spurious_free", True)


def _score_quotes(doc: dict, pred: dict, mapping: dict[str, set[str]], tally: Tally) -> None:
    if "quotes" not in doc:
        return
    quotes = [(fold(q.get("text", "")), q.get("speaker")) for q in pred.get("quotes") or []]
    for g in doc["quotes"]:
        snippet = fold(g["contains"])
        hits = [spk for text, spk in quotes if snippet in text]
        tally.add("quotes_found", bool(hits), f"{doc['file']}: {g['contains'][:40]!r}")
        tally.add("quotes_attributed", any(s in mapping.get(g["speaker"], ()) for s in hits), f"{doc['file']}: {g['speaker']} {g['contains'][:40]!r}")


# ---------------------------------------------------------------- report and floors


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{'metric':28} {'right':>7} {'total':>7} {'score':>7}"]
    for metric, s in report["scores"].items():
        lines.append(f"{metric:28} {s['right']:>7g} {s['total']:>7g} {s['score'] if s['score'] is not None else '-':>7}")
    if "meetings_prf" in report:
        m = report["meetings_prf"]
        lines.append(f"meetings P/R/F1: {m['precision']} / {m['recall']} / {m['f1']}")
    for metric, misses in report["misses"].items():
        for miss in misses[:8]:
            lines.append(f"  miss {metric}: {miss}")
    return "\n".join(lines)


def check_floors(report: dict[str, Any], floors_path: str) -> list[str]:
    """Metrics whose score is below the floor pinned in ``floors_path`` (a JSON {metric: floor})."""
    floors = json.loads(Path(floors_path).read_text(encoding="utf-8"))
    failures = []
    for metric, floor in floors.items():
        if metric.startswith("_"):
            continue
        got = report["scores"].get(metric, {}).get("score")
        if got is None or got + 1e-9 < floor:
            failures.append(f"{metric}: {got} < {floor}")
    return failures
