"""The quality gate: gold files scored with `rasad evaluate`, against floors pinned in tests/floors/.

A floor may only be lowered by editing its file in a reviewed commit that says why.
"""

from __future__ import annotations

import json

from rasad.eval.score import check_floors, evaluate_files, span_problems

from conftest import EXAMPLES, GOLD, ROOT, need

FLOORS = ROOT / "tests" / "floors"


def test_eval_gate_seeds_meet_their_floors(seed_records):
    need(GOLD)
    path, records = seed_records
    report = evaluate_files(str(GOLD), str(path))
    failures = check_floors(report, str(FLOORS / "seeds.json"))
    assert not failures, failures


def test_eval_gate_examples_meet_their_floors(example_records):
    path, _ = example_records
    report = evaluate_files(str(ROOT / "tests" / "gold" / "examples.json"), str(path))
    failures = check_floors(report, str(FLOORS / "examples.json"))
    assert not failures, failures


def test_eval_gate_offsets_hold_for_every_span(seed_records, example_records):
    for _, records in ([seed_records] if GOLD.exists() else []) + [example_records]:
        for record in records:
            assert span_problems(record) == [], record["source"]


def test_eval_gate_a_wrong_prediction_scores_low(tmp_path, example_records):
    """The scorer can fail: blank titles and languages score zero."""
    path, records = example_records
    broken = tmp_path / "broken.jsonl"
    broken.write_text("".join(json.dumps({**r, "title": "x", "language": "en"}, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = evaluate_files(str(ROOT / "tests" / "gold" / "examples.json"), str(broken))
    assert report["scores"]["headline"]["score"] == 0.0
    assert report["scores"]["language"]["score"] == 0.0


def test_eval_gate_a_gold_file_of_actors_alone_scores_actors_alone(tmp_path, example_records):
    """eval/corpus_*.json annotate actors only: no headline or language metric is made up for them."""
    path, records = example_records
    gold = json.loads((ROOT / "tests" / "gold" / "examples.json").read_text(encoding="utf-8"))
    actors_only = {"actors": gold["actors"], "documents": [{"file": d["file"], "mentions": d["mentions"]} for d in gold["documents"] if "mentions" in d]}
    gold_path = tmp_path / "actors.json"
    gold_path.write_text(json.dumps(actors_only, ensure_ascii=False), encoding="utf-8")
    report = evaluate_files(str(gold_path), str(path))
    assert "headline" not in report["scores"] and "language" not in report["scores"]
    assert report["scores"]["actors_found"]["score"] >= 0.95
