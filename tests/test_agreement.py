"""The agreement figures in DATASHEET.md are recomputed with the scorer and must match."""

from __future__ import annotations

from pathlib import Path

from naba.evaluate.agreement import agreement_table

ROOT = Path(__file__).resolve().parent.parent


def test_datasheet_states_the_computed_agreement() -> None:
    table = agreement_table(ROOT / "annotations")
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    missing = [line for line in table.splitlines() if line not in datasheet]
    assert not missing, "DATASHEET.md agreement table is stale; rerun `python -m naba.evaluate.agreement`:\n" + "\n".join(missing)


def test_second_pass_is_not_the_gold() -> None:
    """Guard against the trivial way to get perfect agreement: copying the gold."""
    second = (ROOT / "annotations/second_pass/second_annotator/000_ed7d39c8733a2eb7.json").read_bytes()
    gold = (ROOT / "annotations/records/000_ed7d39c8733a2eb7.json").read_bytes()
    assert second != gold


def test_datasheet_states_the_third_pass_agreement() -> None:
    from naba.evaluate.agreement import events_agreement_table

    table = events_agreement_table(ROOT / "annotations")
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    missing = [line for line in table.splitlines() if line not in datasheet]
    assert not missing, "DATASHEET.md third-pass table is stale; rerun `python -m naba.evaluate.agreement`:\n" + "\n".join(missing)


def test_third_pass_is_an_events_only_pass_over_gold_1_2() -> None:
    """Its record keeps gold 1.2's other layers; its events are its own, and differ from both golds."""
    import json

    base = ROOT / "annotations/third_pass"
    third = json.loads((base / "third_annotator/000_ed7d39c8733a2eb7.json").read_text(encoding="utf-8"))
    before = json.loads((base / "gold_before_adjudication/000_ed7d39c8733a2eb7.json").read_text(encoding="utf-8"))
    gold = json.loads((ROOT / "annotations/records/000_ed7d39c8733a2eb7.json").read_text(encoding="utf-8"))
    for layer in ("document", "entities", "timexes", "quotes"):
        assert third[layer] == before[layer]
    assert third["events"] != before["events"] and third["events"] != gold["events"]
    raw = json.loads((base / "raw/events_third_pass.json").read_text(encoding="utf-8"))["events"]
    assert [(e["trigger"]["start"], e["type"]) for e in raw] == [(e["trigger"]["start"], e["type"]) for e in third["events"]]


def test_factuality_agreement_counts_by_hand() -> None:
    from naba.evaluate.agreement import factuality_agreement
    from naba.gold.model import Record

    def record(path: str) -> Record:
        return Record.model_validate_json((ROOT / path).read_text(encoding="utf-8"))

    third = record("annotations/third_pass/third_annotator/000_ed7d39c8733a2eb7.json")
    before = record("annotations/third_pass/gold_before_adjudication/000_ed7d39c8733a2eb7.json")
    # v08 (possible vs asserted) and v21 (asserted vs possible) are the two disagreements (ADJUDICATION A3-F1, A3-F2)
    assert factuality_agreement(before, third) == (73, 75)


def test_datasheet_states_the_dev_agreement() -> None:
    from naba.evaluate.agreement import dev_agreement_table

    table = dev_agreement_table(ROOT / "annotations")
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    missing = [line for line in table.splitlines() if line not in datasheet]
    assert not missing, "DATASHEET.md dev agreement table is stale; rerun `python -m naba.evaluate.agreement`:\n" + "\n".join(missing)
