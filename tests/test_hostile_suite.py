"""A seeded hostile-input suite (issue 11, item 7): mutated submissions, documents and gold records.

Hypothesis mutates valid inputs (drop a key, change a value's type or sign, put odd text, deep
nesting, huge numbers, duplicate keys or raw garbage in) and feeds them through the commands.
Asserted for every input: the exit code is 0, 1 or 2; there is never a traceback (every exit is a
``SystemExit``); and a submission gets the same verdict from ``validate-submission`` and
``score``. The oracle for "valid" is the entry points' agreement plus, for submissions, the JSON
Schema: a line the schema rejects is never accepted. Short and derandomized in CI; for a release,
run with ``NABA_HOSTILE_EXAMPLES=2000``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naba.cli import main
from naba.gold.model import Record
from naba.submission.model import from_gold

VALID = Path(__file__).resolve().parent / "fixtures" / "valid" / "mini_001.json"
SCHEMA = Path(__file__).resolve().parent.parent / "evaluate" / "submission.schema.json"
EXAMPLES = int(os.environ.get("NABA_HOSTILE_EXAMPLES", "40"))

ODD = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["\u2028", "٢٠٢٥-01-01", "2025-01-01\n", "", " ", "\ud800x"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, prefix + (index,))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> str:
    """The JSON text of ``base`` with one mutation, or a raw hostile text."""
    kind = draw(st.sampled_from(["replace", "drop", "raw", "nest", "duplicate"]))
    if kind == "raw":
        return draw(st.sampled_from(["", "{", "[" * 50_000, "nul\x00l", '{"a": NaN}', '{"a": 1e999999}', "9" * 5000, "\ufeff{}"]))
    value = json.loads(json.dumps(base))
    paths = [p for p in _paths(value) if p]
    path = draw(st.sampled_from(paths))
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    if kind == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif kind == "nest":
        parent[path[-1]] = json.loads("[" * 30 + "]" * 30)
    else:
        parent[path[-1]] = draw(ODD)
    text = json.dumps(value, ensure_ascii=False)
    if kind == "duplicate" and text.startswith("{") and len(text) > 2:
        text = '{"document_id": "x", ' + text[1:]
    return text


def _gold_folder(tmp: Path) -> Path:
    folder = tmp / "gold"
    if not folder.exists():
        folder.mkdir(parents=True)
        shutil.copy(VALID, folder / VALID.name)
    return folder


def _invoke(*args: str) -> int:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in result.output, result.output[-2000:]
    assert result.exit_code in (0, 1, 2), result.exit_code
    return result.exit_code


_SUBMISSION = from_gold(Record.model_validate_json(VALID.read_text(encoding="utf-8"))).model_dump(mode="json", exclude_none=True)
_DOCUMENT = {"id": "mini_001", "text": "نص قصير اليوم", "publication_date": "2025-01-01"}
_RECORD = json.loads(VALID.read_text(encoding="utf-8"))
_SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_SETTINGS
@given(line=mutated(_SUBMISSION))
def test_mutated_submissions_get_one_verdict_everywhere(tmp_path: Path, line: str) -> None:
    import jsonschema

    gold = _gold_folder(tmp_path)
    sub = tmp_path / "sub.jsonl"
    sub.write_text(line + "\n", encoding="utf-8", errors="surrogatepass")
    verdict = _invoke("validate-submission", str(sub), "--gold", str(gold))
    assert _invoke("score", str(sub), "--gold", str(gold), "--n-bootstrap", "0") == verdict
    if verdict == 0:  # accepted: the schema (the independent oracle of structure) accepts it too
        jsonschema.validate(json.loads(line), json.loads(SCHEMA.read_text(encoding="utf-8")))


@_SETTINGS
@given(line=mutated(_DOCUMENT))
def test_mutated_documents_never_crash_a_run(tmp_path: Path, line: str) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(line + "\n", encoding="utf-8", errors="surrogatepass")
    _invoke("run", "naba.baselines.rules:extract", "--documents", str(docs), "-o", str(tmp_path / "out.jsonl"))


@_SETTINGS
@given(text=mutated(_RECORD))
def test_mutated_gold_records_never_crash_validate_or_build(tmp_path: Path, text: str) -> None:
    root = tmp_path / "root"
    records = root / "annotations" / "records"
    records.mkdir(parents=True, exist_ok=True)
    (records / VALID.name).write_text(text, encoding="utf-8", errors="surrogatepass")
    verdict = _invoke("validate", str(records))
    build = _invoke("build", "--root", str(root))
    assert (verdict == 0) == (build == 0)


@pytest.mark.parametrize("name", ["sub.jsonl"])
def test_the_suite_can_fail(tmp_path: Path, name: str) -> None:
    """The oracle is not vacuous: a clearly invalid line is refused by both entry points."""
    gold = _gold_folder(tmp_path)
    sub = tmp_path / name
    sub.write_text('{"document_id": "mini_001", "entities": [{"id": "e1", "type": "CITY", "mentions": []}]}\n', encoding="utf-8")
    assert _invoke("validate-submission", str(sub), "--gold", str(gold)) == 2
    assert _invoke("score", str(sub), "--gold", str(gold)) == 2
