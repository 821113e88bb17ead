"""naba errors: every error of a submission, from the scorer's outcomes, with its context.

The gold is the mini record (tests/fixtures/valid); the submissions are the gold written as a
submission with known, deliberate errors, so each expected row follows from the edit made.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.evaluate.outcomes import CREDITED
from naba.gold.records import load_records
from naba.inspect.errors import find_errors, render_errors, score_for_inspection
from naba.submission.model import from_gold

MINI_DIR = Path(__file__).parent / "fixtures" / "valid"
GOLD = load_records(MINI_DIR)
(RECORD,) = GOLD
TEXT = RECORD.document.text
DOC = RECORD.document.id


def perfect() -> dict[str, Any]:
    return from_gold(RECORD).model_dump(mode="json")


def with_errors() -> dict[str, Any]:
    """Six deliberate errors, one per kind the report distinguishes."""
    d = perfect()
    e1, e2 = d["entities"][0], d["entities"][1]
    e1["mentions"] = [m for m in e1["mentions"] if m["id"] != "m4"]  # missed: حداد in s3
    e2["type"] = "LOC"  # mismatched type: both القاهرة mentions
    start = TEXT.index("الدعم")
    d["entities"].append({"id": "e9", "type": "ORG", "name": "الدعم",
                          "mentions": [{"id": "m9", "start": start, "end": start + 5, "text": "الدعم", "kind": "name"}]})  # spurious
    t2 = next(t for t in d["timexes"] if t["id"] == "t2")
    t2["value"] = "2024-03-12"  # wrong value
    d["quotes"][0]["speaker_entity_id"] = "e2"  # wrong speaker
    d["quotes"][0]["speaker_mention"] = None
    v2 = next(ev for ev in d["events"] if ev["id"] == "v2")
    next(a for a in v2["arguments"] if a["role"] == "Person")["role"] = "Agent"  # wrong role
    return d


def rows(report, metric: str):  # type: ignore[no-untyped-def]
    return [e for e in report.all_errors() if e.metric == metric]


def test_a_perfect_submission_has_no_error() -> None:
    report = find_errors([perfect()], GOLD)
    assert report.all_errors() == []
    for layer in report.layers:
        assert layer.predicted
        for metric in layer.metrics:
            assert set(metric.tally) <= CREDITED, metric.tally


def test_each_deliberate_error_is_reported_with_its_counterpart_and_sentence() -> None:
    report = find_errors([with_errors()], GOLD)

    strict = rows(report, "entities.strict")
    missed = [e for e in strict if e.kind == "missed"]
    assert [(e.gold.key, e.gold.text, e.pred) for e in missed] == [(f"{DOC}/m4", "حداد", None)]
    s3 = next(s for s in RECORD.document.sentences if s.id == "s3")
    assert missed[0].context.text == s3.text and missed[0].context.sentence_ids == ("s3",)

    wrong_type = [e for e in strict if e.kind == "mismatched"]
    assert sorted(e.gold.key for e in wrong_type) == [f"{DOC}/m5", f"{DOC}/m6"]
    assert all(e.differences == ("type",) and e.statuses == ("incorrect",) for e in wrong_type)
    assert {(e.gold.label, e.pred.label) for e in wrong_type} == {("GPE", "LOC")}

    spurious = [e for e in strict if e.kind == "spurious"]
    assert [(e.pred.text, e.pred.label, e.gold, e.context.sentence_ids) for e in spurious] == [("الدعم", "ORG", None, ("s2",))]

    (value,) = rows(report, "timex.value")
    assert (value.kind, value.statuses, value.paired_by) == ("mismatched", ("fn", "fp"), "timex.relaxed")
    assert value.differences == ("value",)
    assert (value.gold.details["value"], value.pred.details["value"]) == ("2024-03-11", "2024-03-12")
    (value_acc,) = rows(report, "timex.value_accuracy")
    assert value_acc.statuses == ("wrong",) and value_acc.gold.text == "غدا"
    assert rows(report, "timex.strict") == [] and rows(report, "timex.anchor_accuracy") == []

    (speaker,) = rows(report, "quotes.speaker_accuracy")
    assert speaker.differences == ("speaker",)
    assert speaker.gold.details["speaker"] == "سامي حداد (e1)" and speaker.pred.details["speaker"] == "القاهرة (e2)"
    (quote_speaker,) = rows(report, "quotes.quote_speaker")
    assert quote_speaker.statuses == ("fn", "fp") and quote_speaker.paired_by == "quotes.content_overlap"
    assert rows(report, "quotes.content_strict") == [] and rows(report, "quotes.cue") == []

    (role,) = rows(report, "events.argument_classification")
    assert (role.gold.label, role.pred.label, role.differences) == ("Person", "Agent", ("role",))
    assert role.paired_by == "events.argument_identification"
    assert rows(report, "events.argument_identification") == [] and rows(report, "events.trigger_classification") == []


def test_rows_account_for_every_uncredited_outcome() -> None:
    """The rows' statuses are exactly the outcomes that were not credited: nothing lost, nothing invented."""
    scored = score_for_inspection([with_errors()], GOLD)
    report = find_errors([with_errors()], GOLD)
    for layer in report.layers:
        for metric in layer.metrics:
            outcomes = scored.results.metric(metric.metric).outcomes
            expected = Counter(o.status for o in outcomes if o.status not in CREDITED)
            got = Counter(s for e in metric.errors for s in e.statuses)
            assert got == expected, metric.metric
            assert dict(Counter(o.status for o in outcomes)) == dict(metric.tally)


def test_layers_filter_and_unpredicted_layers() -> None:
    d = with_errors()
    del d["events"]
    report = find_errors([d], GOLD, layers=["events", "entities"])
    assert [(layer.layer, layer.predicted) for layer in report.layers] == [("entities", True), ("events", False)]
    assert "not predicted" in render_errors(report)
    with pytest.raises(ValueError, match="unknown layer"):
        find_errors([d], GOLD, layers=["nope"])


def test_context_is_a_window_without_sentences() -> None:
    record = RECORD.model_copy(update={"document": RECORD.document.model_copy(update={"sentences": []})})
    scored = score_for_inspection([with_errors()], [record])
    start = TEXT.index("مصر")
    context = scored.index.context(DOC, start, start + 3)
    assert context.source == "window" and context.sentence_ids == ()
    assert context.start <= start and context.end >= start + 3 and context.text == TEXT[context.start : context.end]


def test_report_text_and_json_are_deterministic() -> None:
    a = find_errors([with_errors()], GOLD, system="x")
    b = find_errors([with_errors()], GOLD, system="x")
    assert a.to_json() == b.to_json() and render_errors(a) == render_errors(b)
    data = json.loads(a.to_json())
    assert data["format"] == "naba-errors-1" and [layer["layer"] for layer in data["layers"]] == ["entities", "timexes", "quotes", "events"]
    text = render_errors(a)
    assert "⟦حداد⟧" in text and "2024-03-12" in text


def _write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "sys" / "predictions.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_cli_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, with_errors())
    runner = CliRunner()
    table = runner.invoke(main, ["errors", str(path), "--gold", str(MINI_DIR), "--layer", "entities"])
    assert table.exit_code == 0, table.output
    assert "entities.strict: 1 missed, 1 spurious, 2 mismatched" in table.output and "timex" not in table.output
    out = tmp_path / "errors.json"
    js = runner.invoke(main, ["errors", str(path), "--gold", str(MINI_DIR), "--format", "json", "-o", str(out)])
    assert js.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(js.stdout)

    bad = dict(with_errors())
    bad["entities"][0]["mentions"][0]["text"] = "خطأ"
    invalid = runner.invoke(main, ["errors", str(_write(tmp_path, bad)), "--gold", str(MINI_DIR)])
    assert invalid.exit_code == 2 and "Traceback" not in invalid.output and "text" in invalid.output
    empty = runner.invoke(main, ["errors", str(path), "--gold", str(tmp_path / "no-gold")])
    assert empty.exit_code == 2 and "no gold record" in empty.output
    both = runner.invoke(main, ["errors", str(path), "--gold", str(MINI_DIR), "--split", "dev"])
    assert both.exit_code == 2 and "not both" in both.output
