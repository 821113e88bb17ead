"""Hostile input at the gold and submission boundaries (issue 11, items 1 and 2): one test per
class, each expecting exit 2 with a named problem and no traceback."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.gold.timex3 import is_iso_date, is_valid_value

VALID = Path(__file__).resolve().parent / "fixtures" / "valid" / "mini_001.json"


def _raw() -> dict[str, Any]:
    return json.loads(VALID.read_text(encoding="utf-8"))


def _validate_text(tmp_path: Path, text: str | bytes) -> tuple[int, str]:
    path = tmp_path / "mini_001.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    return result.exit_code, result.output


def _edit(change: Callable[[dict[str, Any]], None]) -> str:
    raw = _raw()
    change(raw)
    return json.dumps(raw, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (VALID.read_text(encoding="utf-8").replace('"schema_version": "1.0.0",', '"schema_version": "1.0.0", "schema_version": "1.0.0",', 1), "duplicate_key"),
        ("[" * 100_000 + "]" * 100_000, "json"),
        (VALID.read_text(encoding="utf-8").replace('"title": "', '"title": "\\ud800', 1), "encoding"),
        (b'{"schema_version": "\xff"}', "encoding"),
        ('{"schema_version": ' + "9" * 5000 + "}", "json"),
        (_edit(lambda r: r["entities"][0]["mentions"][0].update(start=float(r["entities"][0]["mentions"][0]["start"]))), "structure"),
        (_edit(lambda r: r["timexes"][0].update(value="٢٠٢٥-03-09")), "timex_value"),
        (_edit(lambda r: r["timexes"][0].update(value=r["timexes"][0]["value"] + "\n")), "timex_value"),
        (_edit(lambda r: r["document"]["publication_date"].update(value="20250309")), "structure"),
        (_edit(lambda r: r.update(schema_version="9.9.9")), "schema_version"),
        (_edit(lambda r: r["entities"][0].update(name=" ")), "name"),
    ],
    ids=["duplicate_key", "deep_nesting", "lone_surrogate", "bad_utf8", "huge_integer", "float_offset",
         "arabic_indic_timex", "timex_trailing_newline", "basic_date", "schema_version", "empty_name"],
)
def test_gold_record_classes(tmp_path: Path, text: str | bytes, code: str) -> None:
    exit_code, output = _validate_text(tmp_path, text)
    assert exit_code == 2, output
    assert f"[{code}]" in output, output


def test_timex3_and_dates_are_ascii_and_exact() -> None:
    assert is_valid_value("2025-06-23") and not is_valid_value("2025-06-23\n") and not is_valid_value("２０２５-06-23")
    assert is_iso_date("2025-06-23") and not is_iso_date("20250623") and not is_iso_date("2025-W26-1") and not is_iso_date("2025-02-30")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_gold_folder_is_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    os.mkfifo(folder / "stuck.json")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_a_gold_folder_with_two_records_of_one_document_is_refused(tmp_path: Path) -> None:
    from naba.gold.records import GoldError, load_records

    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    shutil.copy(VALID, folder / "copy_of_mini.json")
    with pytest.raises(GoldError, match="second record"):
        load_records(folder)
    sub = tmp_path / "sub.jsonl"
    sub.write_text(json.dumps({"document_id": "mini_001", "entities": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(sub), "--gold", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("line", ["[" * 100_000 + "]" * 100_000, '{"document_id": "mini_001", "entities": [{"id": "\\udc00"}]}',
                                  '{"document_id": "mini_001", "entities": ' + "[" * 600 + "]" * 600 + ', "quotes": [{"cue": {"text": "x"}}]}'],
                         ids=["deep_nesting", "lone_surrogate", "nesting_json_accepts"])
def test_submission_line_classes(tmp_path: Path, line: str) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    sub = tmp_path / "sub.jsonl"
    sub.write_text(line + "\n", encoding="utf-8")
    for command in ("validate-submission", "score"):
        result = CliRunner().invoke(main, [command, str(sub), "--gold", str(folder)])
        assert result.exit_code == 2, (command, result.output)
        assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit), (command, result.output)


@pytest.mark.parametrize("date", ["20250623", "2025-W26-1", "٢٠٢٥-06-23"])
def test_documents_take_publication_dates_only_as_yyyy_mm_dd(tmp_path: Path, date: str) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": "نص", "publication_date": date}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--documents", str(docs)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output, result.output


def test_documents_are_json_lines_split_on_newline_only(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    text = "سطر\u2028ثان\u2029ثالث\u0085رابع"
    docs.write_text(json.dumps({"id": "d1", "text": text, "publication_date": "2025-01-01"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "sub.jsonl"
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--documents", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").split("\n")) == 2  # one line and the final newline


@pytest.mark.parametrize("device", ["/dev/zero"])
def test_a_device_as_documents_is_refused_at_once(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--documents", device])
    assert result.exit_code == 2 and "not a file" in result.output


def test_after_a_bad_utf8_line_the_rest_is_still_checked(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    sub = tmp_path / "sub.jsonl"
    sub.write_bytes(b'{"document_id": "\xff"}\n{"document_id": 3}\n')
    result = CliRunner().invoke(main, ["validate-submission", str(sub), "--gold", str(folder)])
    assert result.exit_code == 2
    assert f"{sub}:1:" in result.output and "not UTF-8" in result.output
    assert f"{sub}:2: document_id" in result.output  # the second line was checked too


def test_names_written_into_markdown_are_escaped(tmp_path: Path) -> None:
    from naba.evaluate.report import md_text, render_table

    assert md_text("a|b*c_[d]\ne") == "a\\|b\\*c\\_\\[d\\] e"
    table = render_table(["system"], [["x|y"]], markdown=True)
    assert table.splitlines()[-1] == "| x\\|y |"
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    sub = tmp_path / "sub.jsonl"
    sub.write_text(json.dumps({"document_id": "mini_001", "entities": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["leaderboard", str(sub), "--gold", str(folder), "--name", "evil|**name**",
                                       "--out-dir", str(tmp_path / "board"), "--n-bootstrap", "0"])
    assert result.exit_code == 0, result.output
    assert "evil\\|\\*\\*name\\*\\*" in (tmp_path / "board" / "leaderboard.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("split", ["test", "challenge"])
def test_saved_results_that_are_fifos_or_devices_are_refused_at_once(tmp_path: Path, split: str) -> None:
    fifo = tmp_path / "results.json"
    os.mkfifo(fifo)
    for against in (str(fifo), "/dev/zero"):
        result = CliRunner().invoke(main, ["check", "--submission", str(tmp_path / "none.jsonl"), "--against", against, "--split", split])
        assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def test_output_folders_that_cannot_be_written_are_bad_input(tmp_path: Path) -> None:
    sub = Path(__file__).resolve().parent.parent / "baselines" / "rules" / "predictions.jsonl"
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["leaderboard", str(sub), "--out-dir", str(blocker / "board"), "--n-bootstrap", "0"])
    assert result.exit_code == 2 and "cannot write the leaderboard" in result.output, result.output


def test_the_cause_is_listed_before_its_consequence(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(VALID, folder / VALID.name)
    sub = tmp_path / "sub.jsonl"
    sub.write_text('{"document_id": "mini_001", "entities": [}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate-submission", str(sub), "--gold", str(folder)])
    lines = [line for line in result.output.splitlines() if "[" in line]
    assert "[json]" in lines[0] and "[missing_document]" in lines[-1]


def test_quarters_are_timex3_dates() -> None:
    assert is_valid_value("2025-Q3") and not is_valid_value("2025-Q5") and not is_valid_value("2025-Q3\n")
