"""The extractor protocol, the submission validator, the runner and ``naba run``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from naba.baselines.protocol import InputDocument, SystemUnavailable, as_input_document, canonical_record
from naba.baselines.runner import available_systems, dump_submission, load_extractor, read_documents, run_extractor, SpecError
from naba.cli import main
from naba.submission.model import SubmissionError
from naba.submission.validate import validate_submission_record

TEXT = "قال وزير الخارجية الهندي سوبراهمانيام جايشانكار أمس إن العلاقات مع اليابان قوية."
DOC = InputDocument("d1", TEXT, "2024-05-02")


def _span(text: str, piece: str) -> dict[str, Any]:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def good_record() -> dict[str, Any]:
    return {
        "document_id": "d1",
        "entities": [{"id": "e1", "type": "GPE", "name": "اليابان", "mentions": [{"id": "m1", **_span(TEXT, "اليابان"), "kind": "name"}]}],
        "timexes": [{"id": "t1", **_span(TEXT, "أمس"), "type": "DATE", "value": "2024-05-01", "anchor": {"kind": "publication_date", "id": None}}],
    }


# --------------------------------------------------------------------------- documents


def test_as_input_document_accepts_mapping_model_and_object() -> None:
    assert as_input_document({"id": "a", "text": "x", "publication_date": "2024-01-01"}) == InputDocument("a", "x", "2024-01-01")

    class Pub:
        value = "2024-01-02"

    class Doc:
        id = "b"
        text = "y"
        publication_date = Pub()

    assert as_input_document(Doc()).publication_date == "2024-01-02"
    with pytest.raises(ValueError, match="publication_date"):
        as_input_document({"id": "a", "text": "x", "publication_date": "02/01/2024"})
    with pytest.raises(ValueError, match="text"):
        as_input_document({"id": "a", "publication_date": "2024-01-01"})


def test_read_documents_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join([
            json.dumps({"id": "a", "text": "نص", "publication_date": "2024-01-01"}, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "b", "text": "x", "publication_date": "yesterday"}),
            json.dumps({"id": "a", "text": "x", "publication_date": "2024-01-01"}),
            json.dumps({"id": "c", "text": "x", "publication_date": "2024-01-01", "entities": []}),
        ]),
        encoding="utf-8",
    )
    docs, problems = read_documents(path)
    assert [d.id for d in docs] == ["a"]
    assert sorted((p.line, p.code) for p in problems) == [(2, "json"), (3, "structure"), (4, "unique_id"), (5, "structure")]


# --------------------------------------------------------------------------- validation


def test_valid_record_has_no_problems() -> None:
    assert validate_submission_record(good_record(), DOC) == []


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda r: r["entities"][0]["mentions"][0].update(end=10_000), "offset_range"),
        (lambda r: r["entities"][0]["mentions"][0].update(text="اليابا"), "covered_text"),
        (lambda r: r["entities"][0].update(type="PERSON"), "structure"),
        (lambda r: r["entities"][0]["mentions"][0].update(kind="proper"), "structure"),
        (lambda r: r["timexes"][0].update(value="yesterday"), "timex_value"),
        (lambda r: r["timexes"][0].update(anchor={"kind": "timex", "id": "t9"}), "reference"),
        (lambda r: r["timexes"][0].update(id="m1"), "duplicate_id"),
        (lambda r: r.update(document_id="other"), "unknown_document"),
        (lambda r: r.update(relations=[]), "structure"),
        (lambda r: r["timexes"][0].update(confidence=0.3), "structure"),
    ],
)
def test_each_invariant_is_checked(mutate: Any, code: str) -> None:
    record = good_record()
    mutate(record)
    problems = validate_submission_record(record, DOC)
    assert code in {p.code for p in problems}


def test_event_roles_and_argument_references_are_checked() -> None:
    record = good_record()
    record["events"] = [{
        "id": "ev1", "type": "MEET", "trigger": _span(TEXT, "العلاقات"),
        "arguments": [{"role": "Target", "ref_id": "e1", **_span(TEXT, "اليابان")},
                      {"role": "Participant", "ref_id": "e1", **_span(TEXT, "قوية")}],
        "time_id": "t1", "factuality": "certain",
    }]
    codes = sorted(p.code for p in validate_submission_record(record, DOC))
    assert codes == ["structure"]  # factuality "certain" is not a label: the event is invalid as a whole
    record["events"][0]["factuality"] = "asserted"
    assert [(p.code, p.field) for p in validate_submission_record(record, DOC)] == [("role", "events[0].arguments[0].role")]


def test_canonical_record_is_independent_of_item_order() -> None:
    a = good_record()
    a["entities"].append({"id": "e0", "type": "GPE", "name": "الهند", "mentions": [{"id": "m0", **_span(TEXT, "الهندي"), "kind": "name"}]})
    b = json.loads(json.dumps(a))
    b["entities"].reverse()
    assert canonical_record(a) == canonical_record(b)
    assert [e["id"] for e in canonical_record(a)["entities"]] == ["e0", "e1"]


# --------------------------------------------------------------------------- runner


def test_run_extractor_validates_and_orders_records() -> None:
    docs = [InputDocument("z", TEXT, "2024-05-02"), DOC]
    records = run_extractor("naba.baselines.rules:extract", docs)
    assert [r["document_id"] for r in records] == ["d1", "z"]


def test_run_extractor_collects_bad_output_and_crashes() -> None:
    def broken(doc: Any) -> dict[str, Any]:
        if doc.id == "boom":
            raise RuntimeError("kaput")
        return {"document_id": doc.id, "entities": [{"id": "e1", "type": "XYZ", "name": "n", "mentions": []}]}

    with pytest.raises(SubmissionError) as err:
        run_extractor(broken, [DOC, InputDocument("boom", "x", "2024-01-01")])
    codes = {p.code for p in err.value.problems}
    assert {"structure", "extractor_error"} <= codes


def test_unavailable_system_raises_instead_of_returning_nothing() -> None:
    def unavailable(doc: Any) -> dict[str, Any]:
        raise SystemUnavailable("no engine")

    with pytest.raises(SystemUnavailable):
        run_extractor(unavailable, [DOC])


def test_load_extractor_errors() -> None:
    with pytest.raises(SpecError):
        load_extractor("naba.baselines.rules")
    with pytest.raises(SpecError):
        load_extractor("naba.no_such_module:extract")
    with pytest.raises(SpecError):
        load_extractor("naba.baselines.rules:no_such_callable")


def test_available_systems_lists_all_four() -> None:
    systems = available_systems()
    assert [s[0] for s in systems] == ["rules", "statistical", "dateparser_adapter", "heideltime_adapter"]
    for name, spec, ok, reason in systems:
        assert callable(load_extractor(spec)) if ok else reason


def test_dump_submission_is_deterministic_utf8() -> None:
    records = run_extractor("naba.baselines.rules:extract", [DOC])
    text = dump_submission(records)
    assert text == dump_submission(list(reversed(records)))
    assert "اليابان" in text and text.endswith("\n") and text.count("\n") == 1


# --------------------------------------------------------------------------- CLI


def _docs_file(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "b", "text": TEXT, "publication_date": "2024-05-02"},
        {"id": "a", "text": "وصل الرئيس البرازيلي إلى بكين مساء الأحد.", "publication_date": "2024-05-06"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def test_cli_run_writes_identical_bytes_twice(tmp_path: Path) -> None:
    docs = _docs_file(tmp_path)
    runner = CliRunner()
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}.jsonl"
        result = runner.invoke(main, ["run", "naba.baselines.rules:extract", "--documents", str(docs), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    lines = outs[0].decode("utf-8").splitlines()
    assert [json.loads(l)["document_id"] for l in lines] == ["a", "b"]
    assert "\\u" not in outs[0].decode("utf-8")  # ensure_ascii=False


def test_cli_run_bad_documents_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--documents", str(bad)])
    assert result.exit_code == 2
    assert "publication_date" in result.output and "Traceback" not in result.output


def test_cli_run_bad_output_exit_2_without_traceback(tmp_path: Path) -> None:
    docs = _docs_file(tmp_path)
    result = CliRunner().invoke(main, ["run", "test_baselines_runner:bad_extractor", "--documents", str(docs)])
    assert result.exit_code == 2
    assert "offset_range" in result.output and "Traceback" not in result.output


def test_cli_run_bad_spec_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "nonexistent_module_xyz:extract", "--documents", str(_docs_file(tmp_path))])
    assert result.exit_code == 2 and "cannot import" in result.output


def test_cli_run_unavailable_system_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from naba.baselines import heideltime_adapter

    monkeypatch.setattr(heideltime_adapter, "java_executable", lambda: None)
    out = tmp_path / "ht.jsonl"
    result = CliRunner().invoke(main, ["run", "naba.baselines.heideltime_adapter:extract", "--documents", str(_docs_file(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0
    assert "skipped" in result.output and "Java" in result.output
    assert not out.exists()


def bad_extractor(doc: Any) -> dict[str, Any]:
    """An extractor whose offsets run past the text (used by the CLI test above)."""
    return {"document_id": doc.id, "timexes": [{"id": "t1", "start": 0, "end": len(doc.text) + 5, "text": doc.text, "type": "DATE", "value": "2024", "anchor": None}]}


# --------------------------------------------------------------------------- committed predictions


SYSTEM_NAMES = ("rules", "statistical", "dateparser_adapter", "heideltime_adapter")


@pytest.mark.parametrize("system", SYSTEM_NAMES)
def test_committed_predictions_are_accepted_by_the_scorer(repo_root: Path, system: str) -> None:
    """Each committed predictions file validates against the corpus documents, with the
    scorer's own submission loader (one validator: what `naba run` writes, `naba score` reads)."""
    submission = pytest.importorskip("naba.submission.validate")
    from naba.gold.records import gold_records

    path = repo_root / "baselines" / system / "predictions.jsonl"
    loaded = submission.load_submission(path, list(gold_records()))
    assert loaded.layers  # at least one layer predicted


def test_committed_rules_predictions_are_current(repo_root: Path) -> None:
    """The rule baseline does not read the gold: its committed file must equal a fresh run."""
    from naba.baselines.runner import corpus_documents

    fresh = dump_submission(run_extractor("naba.baselines.rules:extract", corpus_documents()))
    committed = (repo_root / "baselines" / "rules" / "predictions.jsonl").read_text(encoding="utf-8")
    assert fresh == committed, "regenerate: naba run naba.baselines.rules:extract -o baselines/rules/predictions.jsonl"


def test_rules_output_passes_the_scorers_validator_on_a_fixture() -> None:
    submission = pytest.importorskip("naba.submission.validate")
    from test_baselines_statistical import PARAGRAPHS, make_record

    record = make_record(PARAGRAPHS)
    doc = {"id": record.document.id, "text": record.document.text, "publication_date": record.document.publication_date.value}
    predicted = run_extractor("naba.baselines.rules:extract", [doc])
    submission.coerce_submission(predicted, [record])


def test_num_proc_gives_the_serial_bytes(tmp_path: Path) -> None:
    """``naba run --num-proc 2`` runs the extractor in two processes; the file is the serial run's."""
    from click.testing import CliRunner

    from naba.cli import main

    serial, parallel = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl"
    for path, extra in ((serial, []), (parallel, ["--num-proc", "2"])):
        result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--split", "dev", "-o", str(path), *extra])
        assert result.exit_code == 0, result.output
    assert serial.read_bytes() == parallel.read_bytes() and serial.stat().st_size > 0
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--num-proc", "0"])
    assert result.exit_code == 2


def test_run_streams_its_output_in_chunks_with_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With -o the submission is written chunk by chunk (memory holds one chunk); the bytes equal
    the whole run's, and chunks come in document-id order whatever the input order."""
    from naba.baselines import runner

    documents = list(reversed(runner.split_documents("dev")))
    whole = runner.dump_submission(runner.run_extractor("naba.baselines.rules:extract", documents))
    chunks = list(runner.iter_extractor("naba.baselines.rules:extract", documents, chunk_size=3))
    n = len(documents)
    assert [len(records) for records, _ in chunks] == [3] * (n // 3) + ([n % 3] if n % 3 else []) and all(not problems for _, problems in chunks)
    assert "".join(runner.dump_submission(records) for records, _ in chunks) == whole
