"""``naba audit``: the events sweep as a report, checked against hand-computed findings.

The valid fixture's sentence s2 holds the AID event v1 (Giver الحكومة, Time غدا) beside the
mentions وزير الخارجية and سامي حداد (e1), القاهرة (e2) and the expression يوم الأحد (t1): those four
are the findings of v1, written out by hand below. s3's TRANSPORT v2 uses every mention of its
sentence, so it has none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from naba.cli import main
from naba.gold.audit import audit_record
from naba.gold.model import Record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid" / "mini_001.json"


def _raw() -> dict[str, Any]:
    return json.loads(VALID.read_text(encoding="utf-8"))


def _tuples(record: Record) -> list[tuple[str, str, str, str]]:
    return [(f.event_id, f.kind, f.ref_id, f.ref_text) for f in audit_record(record)]


def test_hand_computed_findings() -> None:
    assert _tuples(Record.model_validate(_raw())) == [
        ("v1", "entity_not_argument", "e1", "وزير الخارجية"),
        ("v1", "entity_not_argument", "e1", "سامي حداد"),
        ("v1", "entity_not_argument", "e2", "القاهرة"),
        ("v1", "timex_not_argument", "t1", "يوم الأحد"),
    ]


def test_an_entity_used_once_is_not_reported_for_its_other_mentions() -> None:
    raw = _raw()
    raw["events"][0]["arguments"].append({"start": 45, "end": 54, "text": "سامي حداد", "role": "Giver", "ref_id": "e1"})
    found = _tuples(Record.model_validate(raw))
    assert ("v1", "entity_not_argument", "e1", "وزير الخارجية") not in found
    assert ("v1", "entity_not_argument", "e2", "القاهرة") in found


def test_time_id_without_a_time_argument() -> None:
    raw = _raw()
    raw["events"][0]["arguments"] = [a for a in raw["events"][0]["arguments"] if a["role"] != "Time"]
    found = _tuples(Record.model_validate(raw))
    assert ("v1", "timex_not_argument", "t2", "غدا") in found
    assert found[-1] == ("v1", "time_id_without_time_argument", "t2", "غدا")


def test_cli_reports_writes_json_and_never_edits(tmp_path: Path) -> None:
    record = tmp_path / "mini_001.json"
    record.write_bytes(VALID.read_bytes())
    out = tmp_path / "findings.json"
    result = CliRunner().invoke(main, ["audit", str(record), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 finding(s)" in result.output
    assert record.read_bytes() == VALID.read_bytes()
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["event_id"], r["ref_id"], r["start"], r["end"]) for r in rows] == [
        ("v1", "e1", 31, 44),
        ("v1", "e1", 45, 54),
        ("v1", "e2", 56, 63),
        ("v1", "t1", 64, 73),
    ]


def test_cli_rejects_an_invalid_record_without_a_traceback() -> None:
    broken = FIXTURES / "broken" / "covered_text" / "mini_001.json"
    result = CliRunner().invoke(main, ["audit", str(broken)])
    assert result.exit_code == 2
    assert "nothing was audited" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_names_an_unwritable_json_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(VALID), "--json", str(tmp_path / "missing" / "x.json")])
    assert result.exit_code == 2
    assert "cannot write" in result.output
