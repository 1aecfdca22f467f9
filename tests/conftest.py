"""Shared fixtures. Tests that need ../shared (seeds, gold, corpora) skip with a reason when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
CORPORA = SHARED / "corpora"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data folder sits beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    import rasad

    return rasad.load_pipeline(check=True)


@pytest.fixture(scope="session")
def seed_records(pipeline, tmp_path_factory):
    """The seeds through `rasad extract` once per session: (path of the JSON Lines file, records)."""
    from rasad.ingest.readers import read_inputs
    from rasad.serialize import to_dict

    need(SEEDS)
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    records = [to_dict(pipeline(a)) for a in read_inputs([str(SEEDS)])]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out, records


@pytest.fixture(scope="session")
def example_records(pipeline, tmp_path_factory):
    from rasad.ingest.readers import read_inputs
    from rasad.serialize import to_dict

    out = tmp_path_factory.mktemp("examples") / "examples.jsonl"
    records = [to_dict(pipeline(a)) for a in read_inputs([str(EXAMPLES)])]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out, records
