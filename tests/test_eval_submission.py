"""Bad submissions: one collected report naming line, field and value; exit code 2; no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.gold.records import load_records
from naba.submission.model import SubmissionError, from_gold
from naba.submission.model import dump_jsonl
from naba.submission.validate import load_submission
from naba.submission.validate import coerce_submission, submission_byte_limit

GOLD_DIR = Path(__file__).parent / "fixtures" / "eval" / "gold"
GOLD = load_records(GOLD_DIR)
TEXT_A = GOLD[0].document.text


def line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def mention(mid: str, start: int, end: int, text: str | None = None) -> dict[str, object]:
    return {"id": mid, "start": start, "end": end, "text": TEXT_A[start:end] if text is None else text}


def problems_of(tmp_path: Path, body: str | bytes) -> list:  # type: ignore[type-arg]
    path = tmp_path / "sub.jsonl"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    with pytest.raises(SubmissionError) as err:
        load_submission(path, GOLD)
    return err.value.problems


def find(problems, code: str):  # type: ignore[no-untyped-def]
    hits = [p for p in problems if p.code == code]
    assert hits, f"no {code} problem in {[str(p) for p in problems]}"
    return hits


def test_valid_gold_as_submission_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(dump_jsonl(from_gold(r) for r in GOLD), encoding="utf-8")
    sub = load_submission(path, GOLD)
    assert [d.document_id for d in sub.documents] == ["fixA", "fixB"]
    assert sub.layers == ("entities", "timexes", "quotes", "events")


def test_many_problems_collected_in_one_report(tmp_path: Path) -> None:
    body = "\n".join([
        line({"document_id": "fixA", "entities": [
            {"id": "e1", "type": "PER", "mentions": [mention("m1", 0, 5)]},
            {"id": "e2", "type": "PERSON", "mentions": [mention("m2", 0, 5)]},              # unknown label
            {"id": "e3", "type": "GPE", "mentions": [mention("m3", 10, 99999, "x")]},       # out of range
            {"id": "e4", "type": "GPE", "mentions": [mention("m4", 0, 5, "موسكو")]},        # covered text differs
            {"id": "e1", "type": "GPE", "mentions": [mention("m5", 0, 5)]},                 # duplicate id
            {"id": "e6", "type": "GPE", "mentions": [{"id": "m6", "start": "0", "end": 5, "text": "x"}]},  # wrong type
        ]}),
        "{not json",                                                                      # malformed line
        line({"document_id": "nope", "entities": []}),                                    # unknown document
        line({"document_id": "fixA", "entities": []}),                                    # duplicate document
    ]) + "\n"
    problems = problems_of(tmp_path, body)
    label = find(problems, "structure")
    assert any(p.field == "entities[1].type" and p.line == 1 and "PERSON" in p.value for p in label)
    assert any(p.field == "entities[5].mentions[0].start" and p.value == "'0'" for p in label)
    assert find(problems, "offset_range")[0].field == "entities[2].mentions[0].end"
    covered = find(problems, "covered_text")[0]
    assert covered.field == "entities[3].mentions[0].text" and covered.line == 1 and "موسكو" in covered.value
    assert find(problems, "duplicate_id")[0].field == "entities[4].id"
    assert find(problems, "json")[0].line == 2
    assert find(problems, "unknown_document")[0].line == 3
    assert find(problems, "duplicate_document")[0].line == 4


def test_missing_document_and_layer_coverage(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, line({"document_id": "fixA", "entities": []}) + "\n")
    missing = find(problems, "missing_document")[0]
    assert missing.value == "'fixB'" and missing.line is None
    body = line({"document_id": "fixA", "entities": []}) + "\n" + line({"document_id": "fixB"}) + "\n"
    coverage = find(problems_of(tmp_path, body), "layer_coverage")[0]
    assert coverage.line == 2 and coverage.field == "entities"


def test_null_layer_is_not_absent(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, line({"document_id": "fixA", "entities": None}) + "\n" + line({"document_id": "fixB", "entities": []}) + "\n")
    assert find(problems, "structure")[0].field == "entities"


def test_references_roles_values(tmp_path: Path) -> None:
    span = mention("", 0, 5)
    del span["id"]
    doc = {"document_id": "fixA",
           "timexes": [{"id": "t1", "type": "DATE", "value": "2025-13-45", **span}],          # not a TIMEX3 value
           "quotes": [{"id": "q1", "kind": "direct", "cue": span, "content": [span], "speaker_entity_id": "ghost"}],
           "events": [{"id": "v1", "type": "MEET", "trigger": span, "time_id": "t9",
                       "arguments": [{"role": "Attacker", **span}]}]}                        # role not for MEET
    body = line(doc) + "\n" + line({"document_id": "fixB", "timexes": [], "quotes": [], "events": []}) + "\n"
    problems = problems_of(tmp_path, body)
    assert find(problems, "timex_value")[0].field == "timexes[0].value"
    refs = {p.field for p in find(problems, "reference")}
    assert {"quotes[0].speaker_entity_id", "events[0].time_id"} <= refs
    assert find(problems, "role")[0].value == "'Attacker'"


def test_empty_blank_duplicate_keys_encoding_and_size(tmp_path: Path) -> None:
    find(problems_of(tmp_path, ""), "empty")
    find(problems_of(tmp_path, "\n\n"), "empty")
    blank = line({"document_id": "fixA"}) + "\n\n" + line({"document_id": "fixB"}) + "\n"
    assert find(problems_of(tmp_path, blank), "blank_line")[0].line == 2
    dup = '{"document_id": "fixA", "document_id": "fixB"}\n'
    assert find(problems_of(tmp_path, dup), "duplicate_key")[0].field == "document_id"
    assert find(problems_of(tmp_path, b'{"document_id": "fix\xff"}\n'), "encoding")[0].line == 1
    assert find(problems_of(tmp_path, '{"document_id": NaN}\n'), "json")
    assert find(problems_of(tmp_path, "[1, 2]\n"), "not_object")
    big = tmp_path / "big.jsonl"
    limit = submission_byte_limit(GOLD)
    assert limit == sum(64 * 1024 + 512 * len(d.document.text) for d in GOLD)  # proportional to the gold's text
    with big.open("wb") as handle:
        handle.truncate(limit + 1)
    with pytest.raises(SubmissionError) as err:
        load_submission(big, GOLD)
    assert err.value.problems[0].code == "too_large"
    assert str(limit) in err.value.problems[0].message
    with big.open("wb") as handle:  # exactly at the limit: read (and refused only for what it holds)
        handle.truncate(limit)
    with pytest.raises(SubmissionError) as err:
        load_submission(big, GOLD)
    assert err.value.problems[0].code != "too_large"


def test_objects_are_validated_like_files() -> None:
    with pytest.raises(SubmissionError) as err:
        coerce_submission([{"document_id": "fixA", "entities": [{"id": "e", "type": "XX", "mentions": []}]}], GOLD)
    fields = {p.field for p in err.value.problems}
    assert "[0].entities[0].type" in fields and "[0].entities[0].mentions" in fields


def test_cli_exit_code_2_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n" + line({"document_id": "fixB", "entities": [{"id": "e", "type": "ALIEN", "mentions": [mention("m", 0, 3)]}]}) + "\n", encoding="utf-8")
    runner = CliRunner()
    for command in (["validate-submission"], ["score", "--n-bootstrap", "0"]):
        result = runner.invoke(main, [*command, str(path), "--gold", str(GOLD_DIR)])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert f"{path}:1: <line>: invalid JSON" in result.output
        assert f"{path}:2: entities[0].type:" in result.output and "ALIEN" in result.output
    missing = runner.invoke(main, ["validate-submission", str(tmp_path / "absent.jsonl"), "--gold", str(GOLD_DIR)])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_cli_ok(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(dump_jsonl(from_gold(r) for r in GOLD), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate-submission", str(path), "--gold", str(GOLD_DIR)])
    assert result.exit_code == 0 and "0 problems" in result.output


def test_an_oversized_file_is_refused_before_the_gold_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the bound from the gold files' sizes is checked first: a large gold folder is not parsed for nothing
    from click.testing import CliRunner

    import naba.gold.records as records
    from naba.cli import main
    from naba.gold.records import record_paths
    from naba.submission.validate import submission_byte_bound

    bound = submission_byte_bound(record_paths(GOLD_DIR))
    assert bound >= submission_byte_limit(GOLD)
    big = tmp_path / "big.jsonl"
    with big.open("wb") as handle:
        handle.truncate(bound + 1)

    def no_gold(*args: object, **kwargs: object) -> None:
        raise AssertionError("the gold was read before the size was checked")

    import naba.cli.evaluate as cli_evaluate

    monkeypatch.setattr(records, "load_records", no_gold)
    monkeypatch.setattr(cli_evaluate, "_gold", no_gold)  # cached records would hide a read otherwise
    result = CliRunner().invoke(main, ["validate-submission", str(big), "--gold", str(GOLD_DIR)])
    assert result.exit_code == 2 and "too_large" in result.output, result.output
