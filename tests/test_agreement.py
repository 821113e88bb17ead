"""The agreement figures in DATASHEET.md are recomputed with the scorer and must match."""

from __future__ import annotations

from pathlib import Path

from naba.agreement import agreement_table

ROOT = Path(__file__).resolve().parent.parent


def test_datasheet_states_the_computed_agreement() -> None:
    table = agreement_table(ROOT / "annotations")
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    missing = [line for line in table.splitlines() if line not in datasheet]
    assert not missing, "DATASHEET.md agreement table is stale; rerun `python -m naba.agreement`:\n" + "\n".join(missing)


def test_second_pass_is_not_the_gold() -> None:
    """Guard against the trivial way to get perfect agreement: copying the gold."""
    second = (ROOT / "annotations/second_pass/second_annotator/000_ed7d39c8733a2eb7.json").read_bytes()
    gold = (ROOT / "annotations/records/000_ed7d39c8733a2eb7.json").read_bytes()
    assert second != gold
