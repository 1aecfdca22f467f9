"""The output contract: every record validates against the JSON Schema and round-trips."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from rasad.serialize import from_dict, to_dict


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((resources.files("rasad") / "schema" / "article.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_validates_example_records(validator, example_records):
    for record in example_records[1]:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['source']}: {errors[0].message}"


def test_schema_rejects_a_broken_record(validator, example_records):
    record = dict(example_records[1][0])
    del record["title"]
    assert list(validator.iter_errors(record))


def test_schema_article_round_trips_through_json(example_records, pipeline):
    for record in example_records[1]:
        again = to_dict(from_dict(json.loads(json.dumps(record))))
        for key in ("id", "title", "lead", "published", "outlet", "agency", "news_code", "text", "removed", "dates", "paragraphs", "sentences"):
            assert again[key] == record[key], key
