"""The shipped JSON Schema is the pydantic model's; the example submission is valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from naba.evaluate import metric_names
from naba.gold.records import gold_records
from naba.submission.model import json_schema
from naba.submission.validate import load_submission

EVALUATE = Path(__file__).resolve().parent.parent / "evaluate"


def test_schema_file_is_generated_from_the_model() -> None:
    shipped = json.loads((EVALUATE / "submission.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema()


def test_example_submission_is_valid() -> None:
    schema = json.loads((EVALUATE / "submission.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for line in (EVALUATE / "example_submission.jsonl").read_text(encoding="utf-8").splitlines():
        validator.validate(json.loads(line))
    sub = load_submission(EVALUATE / "example_submission.jsonl", list(gold_records()))
    assert sub.layers == ("entities", "timexes", "quotes", "events")


def test_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors({"document_id": "x", "entities": None}))          # null layer
    assert list(validator.iter_errors({"document_id": "x", "entities": [{"id": "e", "type": "PERSON", "mentions": [{"id": "m", "start": 0, "end": 1, "text": "a"}]}]}))
    assert not list(validator.iter_errors({"document_id": "x"}))                        # no layer: nothing predicted


def test_metric_names_are_documented() -> None:
    readme = (EVALUATE / "README.md").read_text(encoding="utf-8")
    for name in metric_names():
        assert f"`{name}`" in readme, name
