"""The large store of `rasad bench` (rasad.store.bench_large): variants are whole articles whose every
span still points into their own original, the store stays sound, and search finds them."""

from __future__ import annotations

import random

from rasad.ingest.readers import read_inputs
from rasad.serialize import to_dict
from rasad.store import check, open_store, search
from rasad.store.bench_large import build, compose, measure, variant

from conftest import EXAMPLES
from test_cluster import clustered, events_pipeline  # noqa: F401 - clustered: the store fixture


def _records():
    pipeline = events_pipeline()
    return [to_dict(pipeline(a)) for a in read_inputs([str(EXAMPLES / "fa_araghchi_hussein.txt"), str(EXAMPLES / "ar_araghchi_hussein.txt"), str(EXAMPLES / "ar_lavrov_call.html")])]


def _spans(record):
    """Every (start, end, text) the record claims about its original."""
    for group in ("title_spans", "removed", "dates"):
        for s in record[group]:
            yield s["start"], s["end"], s["text"]
    for a in record["actors"]:
        for m in a["mentions"]:
            yield m["start"], m["end"], m["text"]
    for q in record["quotes"]:
        yield q["start"], q["end"], q["text"]
        for key in ("speaker_span", "cue_span"):
            if q.get(key):
                yield q[key]["start"], q[key]["end"], q[key]["text"]
    for e in record["events"]:
        yield e["evidence"]["start"], e["evidence"]["end"], e["evidence"]["text"]


def test_bench_large_compose_moves_every_span_or_drops_it():
    fa, ar, call = _records()
    cut = fa["sentences"][1]
    rec = compose([(fa, 0, cut["start"]), (fa, cut["end"], len(fa["original"])), (ar, ar["sentences"][0]["start"], ar["sentences"][0]["end"])])
    assert all(rec["original"][a:b] == text for a, b, text in _spans(rec))
    assert fa["original"][cut["start"]:cut["end"]] not in rec["original"]
    assert rec["original"].endswith(ar["original"][ar["sentences"][0]["start"]:ar["sentences"][0]["end"]])
    assert {"abbas_araghchi", "fuad_hussein"} <= {a["id"] for a in rec["actors"]}
    assert len(rec["sentences"]) == len(fa["sentences"]) - 1 + 1


def test_bench_large_variant_has_its_own_id_title_and_dates():
    fa, ar, _ = _records()
    v = variant(fa, fa, random.Random(3), "0123456789abcdef", "bench:1")
    assert v["id"] == "0123456789abcdef" and v["source"] == "bench:1" and v["title"] != fa["title"]
    assert all(e["id"].startswith("0123456789abcdef:e") for e in v["events"])
    assert all(v["original"][a:b] == text for a, b, text in _spans(v))


def test_bench_large_build_and_measure(tmp_path):
    db = str(tmp_path / "big.db")
    report = build(db, n=40, source_paths=[str(EXAMPLES)], seed=1)
    assert report["articles"] == 40 and report["base"] == 5 and report["variants"] == 35
    assert check(db) == []  # every variant's rows are the rows its stored output makes; the full-text index is sound
    with open_store(db) as store:
        assert store.value("SELECT count(*) FROM articles WHERE source LIKE 'bench:%'") == 35
    assert len(search(db, "عراقچی", limit=50)) > 5
    assert build(db, n=45, source_paths=[str(EXAMPLES)], seed=1)["variants"] == 5  # a resumed build goes on
    figures = measure(db, 20)
    assert figures["queries"] == 20 and figures["p95_ms"] >= figures["p50_ms"] > 0 and figures["bytes_per_article"] > 1000


def test_bench_large_search_walking_newest_first_finds_what_candidates_find(clustered, monkeypatch):  # noqa: F811
    """Search walks the articles newest first when an actor is named often (ESTIMATE_CAP mentions); the
    hits must be the ones the other way finds. The store is small, so the cap is lowered to force it."""
    from rasad.store import query

    asks = [("", {"actor": "abbas_araghchi"}), ("Fuad Hussein", {}), ("عراقچی", {"actor": "fuad_hussein"}),
            ("", {"actor": "iraq", "lang": "ar"}), ("", {"actor": "iraq", "outlet": "irna"}), ("iraq", {"date_from": "2024-12"}),
            ("", {"actor": "iran", "limit": 2})]
    found = {}
    for cap in (10**9, 1):
        monkeypatch.setattr(query, "ESTIMATE_CAP", cap)
        found[cap] = [[h.to_json() for h in search(clustered, q or None, **f)] for q, f in asks]
    assert found[1] == found[10**9]
    assert all(found[1][:4]) and len(found[1][-1]) == 2
