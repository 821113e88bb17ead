"""One deliberately broken record per invariant of ``naba.gold.validate``.

Each case starts from the valid fixture ``tests/fixtures/valid/mini_001.json``,
breaks exactly one thing, and asserts that exactly that problem code is
reported, naming the file, the line and the field. A few cases are also
committed under ``tests/fixtures/broken/<code>/`` so that they can be run by
hand (``naba validate tests/fixtures/broken/tiling/mini_001.json``); a test
keeps them equal to what the mutations produce. Regenerate them with
``python tests/test_validate.py``.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.gold.records import dump_record, read_record
from naba.gold.validate import validate_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid" / "mini_001.json"
BROKEN = FIXTURES / "broken"
COMMITTED = ("json", "structure", "covered_text", "tiling", "anchor_cycle", "reference")

Record = dict[str, Any]


def _valid() -> Record:
    return json.loads(VALID.read_text(encoding="utf-8"))


def _text(record: Record) -> str:
    return record["document"]["text"]


def _offset_range(r: Record) -> None:
    r["entities"][0]["mentions"][0]["end"] = len(_text(r)) + 5


def _empty_span(r: Record) -> None:
    mention = r["entities"][0]["mentions"][0]
    mention["end"] = mention["start"]
    mention["text"] = ""


def _covered_text(r: Record) -> None:
    r["entities"][0]["mentions"][0]["text"] = "وزير الداخلية"


def _span_whitespace(r: Record) -> None:
    mention = r["entities"][1]["mentions"][0]  # headline القاهرة, preceded by a space
    mention["start"] -= 1
    mention["text"] = _text(r)[mention["start"] : mention["end"]]


def _tiling(r: Record) -> None:
    sentence = r["document"]["sentences"][2]  # drop the final full stop from the last sentence
    sentence["end"] -= 1
    sentence["text"] = sentence["text"][:-1]


def _unique_id(r: Record) -> None:
    r["entities"][0]["mentions"][3]["id"] = "m3"


def _reference(r: Record) -> None:
    r["events"][1]["time_id"] = "t9"


def _duplicate_span(r: Record) -> None:
    twin = dict(r["entities"][0]["mentions"][2], id="m9")
    r["entities"][0]["mentions"].append(twin)


def _timex_value(r: Record) -> None:
    r["timexes"][0]["value"] = "2024-13-10"


def _weekday(r: Record) -> None:
    r["timexes"][0]["value"] = "2024-03-11"  # a Monday; the text says يوم الأحد (Sunday)


def _anchor_cycle(r: Record) -> None:
    r["timexes"][2]["anchor"]["id"] = "t3"


def _anchor_scope(r: Record) -> None:
    r["timexes"][0]["anchor"] = {"kind": "speech_event", "id": "q1"}


def _content_order(r: Record) -> None:
    (content,) = r["quotes"][0]["content"]
    cut = content["text"].index(" الدعم")
    first = {"start": content["start"], "end": content["start"] + cut, "text": content["text"][:cut]}
    second = {"start": content["start"] + cut + 1, "end": content["end"], "text": content["text"][cut + 1 :]}
    r["quotes"][0]["content"] = [second, first]


def _role(r: Record) -> None:
    r["events"][1]["arguments"][0]["role"] = "Giver"  # not a TRANSPORT role


def _argument_span(r: Record) -> None:
    haddad = r["entities"][0]["mentions"][3]  # a mention of e1, not of e4 (مصر)
    r["events"][1]["arguments"][1].update(start=haddad["start"], end=haddad["end"], text=haddad["text"])


def _date(r: Record) -> None:
    r["document"]["publication_date"]["value"] = "2024-02-30"


def _structure(r: Record) -> None:
    r["entities"][0]["type"] = "PERSON"


def _unchanged(r: Record) -> None:
    """file_name: the record is fine, the file is misnamed."""


#: code -> (mutation, the field the problem must name)
CASES: dict[str, tuple[Callable[[Record], None], str]] = {
    "structure": (_structure, "entities[0].type"),
    "offset_range": (_offset_range, "entities[0].mentions[0].end"),
    "empty_span": (_empty_span, "entities[0].mentions[0].start"),
    "covered_text": (_covered_text, "entities[0].mentions[0].text"),
    "span_whitespace": (_span_whitespace, "entities[1].mentions[0].text"),
    "tiling": (_tiling, "document.sentences"),
    "unique_id": (_unique_id, "entities[0].mentions[3].id"),
    "reference": (_reference, "events[1].time_id"),
    "duplicate_span": (_duplicate_span, "entities[0].mentions[4]"),
    "timex_value": (_timex_value, "timexes[0].value"),
    "weekday": (_weekday, "timexes[0].value"),
    "anchor_cycle": (_anchor_cycle, "timexes[2].anchor.id"),
    "anchor_scope": (_anchor_scope, "timexes[0].anchor.id"),
    "content_order": (_content_order, "quotes[0].content[1].start"),
    "role": (_role, "events[1].arguments[0].role"),
    "argument_span": (_argument_span, "events[1].arguments[1].start"),
    "date": (_date, "document.publication_date.value"),
    "file_name": (_unchanged, "document.id"),
}
ALL_CODES = ("json", *CASES)


def broken_text(code: str) -> str:
    """The text of the record file that breaks exactly invariant ``code``."""
    if code == "json":
        text = json.dumps(_valid(), ensure_ascii=False, indent=2) + "\n"
        return text.replace('"kind": "headline"', '"kind": "headline",', 1)  # trailing comma
    mutate, _ = CASES[code]
    record = copy.deepcopy(_valid())
    mutate(record)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _write_case(code: str, folder: Path) -> Path:
    name = "other_name.json" if code == "file_name" else "mini_001.json"
    path = folder / name
    path.write_text(broken_text(code), encoding="utf-8")
    return path


def test_the_fixture_is_valid_and_canonical() -> None:
    assert validate_paths([VALID]) == []
    assert dump_record(read_record(VALID)) == VALID.read_text(encoding="utf-8")


def test_every_code_has_a_case() -> None:
    import naba.gold.validate as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    for code in ALL_CODES:
        assert f'"{code}"' in source, f"{code} is not a code of naba.gold.validate"


@pytest.mark.parametrize("code", ALL_CODES)
def test_exactly_one_invariant_fails(code: str, tmp_path: Path) -> None:
    path = _write_case(code, tmp_path)
    problems = validate_paths([path])
    assert problems, f"{code}: nothing reported"
    assert {p.code for p in problems} == {code}, [str(p) for p in problems]
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in problems:
        assert problem.file == str(path)
        if code == "json":
            assert problem.field == "<root>"
            comma_line = next(i for i, line in enumerate(lines, 1) if '"kind": "headline",' in line)
            assert problem.line in (comma_line, comma_line + 1)  # the decoder stops just after the comma
            continue
        assert problem.field == CASES[code][1]
        if code == "file_name":
            assert problem.line is None and "other_name.json" in problem.message
            continue
        assert problem.line is not None
        line = lines[problem.line - 1]
        last = problem.field.rsplit(".", 1)[-1]
        if last.endswith("]"):  # a list item: the line opens it
            assert line.strip() in ("{", "[") or line.strip().endswith(("{", "[")), line
        else:
            assert f'"{last}"' in line, (problem.line, line)


@pytest.mark.parametrize("code", COMMITTED)
def test_committed_broken_fixture(code: str) -> None:
    path = BROKEN / code / "mini_001.json"
    assert path.read_text(encoding="utf-8") == broken_text(code), "regenerate with: python tests/test_validate.py"
    problems = validate_paths([path])
    assert {p.code for p in problems} == {code}


def test_cli_reports_problems_with_exit_2_and_no_traceback() -> None:
    files = [str(BROKEN / code / "mini_001.json") for code in COMMITTED]
    done = subprocess.run(
        [sys.executable, "-m", "naba.cli", "validate", *files],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    for code in COMMITTED:
        assert f"[{code}]" in done.stderr
    assert "covered text is" in done.stderr and "problem(s)" in done.stderr


def test_cli_exit_2_in_process(tmp_path: Path) -> None:
    path = _write_case("weekday", tmp_path)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "[weekday]" in result.output and f"{path}:" in result.output


def test_cli_accepts_the_valid_fixture() -> None:
    result = CliRunner().invoke(main, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.output


def test_cli_accepts_the_shipped_gold() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output


if __name__ == "__main__":
    for code in COMMITTED:
        folder = BROKEN / code
        folder.mkdir(parents=True, exist_ok=True)
        _write_case(code, folder)
        print(f"wrote {folder / 'mini_001.json'}")


def test_line_positions_are_computed_only_for_a_record_with_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    # building the line map of a valid record was three quarters of reading a large gold folder
    import naba.gold.validate as validate

    calls: list[int] = []
    real = validate.line_map
    monkeypatch.setattr(validate, "line_map", lambda text: calls.append(len(text)) or real(text))
    assert validate.validate_text(VALID.read_text(encoding="utf-8"), str(VALID)) == []
    assert calls == []
    broken = json.loads(VALID.read_text(encoding="utf-8"))
    broken["entities"][0]["mentions"][0]["text"] += "x"
    problems = validate.validate_text(json.dumps(broken, ensure_ascii=False, indent=2), "broken.json")
    assert problems and problems[0].line is not None and problems[0].line > 1
    assert len(calls) == 1  # once, however many problems


@pytest.mark.parametrize("layer", ["zones", "sentences", "entities", "mentions", "timexes", "quotes", "events"])
def test_a_duplicate_id_in_any_layer_is_found(tmp_path: Path, layer: str) -> None:
    """``check_record`` claims ids one by one only when ``_ids_unique`` finds a duplicate: every
    layer's id is in that set (here each one written again as the document's id)."""
    record = _valid()
    doc_id = record["document"]["id"]
    holder = {"zones": record["document"]["zones"], "sentences": record["document"]["sentences"],
              "mentions": record["entities"][0]["mentions"]}.get(layer, record.get(layer))
    holder[-1]["id"] = doc_id
    path = tmp_path / "mini_001.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    problems = validate_paths([path])
    assert "unique_id" in {p.code for p in problems}


def test_validate_file_reports_what_validate_paths_does(tmp_path: Path) -> None:
    """``validate_file`` reads a record as ``validate_paths`` does (``parse_record_file``): nothing
    for a valid record, the encoding problem for bytes that are not UTF-8, a located one otherwise."""
    from naba.gold.validate import validate_file

    assert validate_file(VALID) == []
    undecodable = tmp_path / "bad_utf8.json"
    undecodable.write_bytes(VALID.read_bytes().replace(b'"title": "', b'"title": "\xff', 1))
    problems = validate_file(undecodable)
    assert [p.code for p in problems] == ["encoding"] and problems == validate_paths([undecodable])
    broken = json.loads(VALID.read_text(encoding="utf-8"))
    broken["document"]["id"] = ""
    bad = tmp_path / "bad_id.json"
    bad.write_text(json.dumps(broken, ensure_ascii=False, indent=2), encoding="utf-8")
    found = validate_file(bad)
    assert found and found == validate_paths([bad])
