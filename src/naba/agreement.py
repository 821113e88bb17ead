"""Inter-annotator agreement of the independent second pass, computed with naba's own scorer.

The second annotator's record is scored as a submission against the gold, once against the gold
as it stood before adjudication and once against the adjudicated gold. DATASHEET.md quotes the
table this module prints (``python -m naba.agreement``); ``tests/test_agreement.py`` keeps the two
in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from naba.records import annotations_dir, load_records

if TYPE_CHECKING:
    from naba.evaluate.results import Results

#: (metric, label in the table): the measures reported per layer.
MEASURES: tuple[tuple[str, str], ...] = (
    ("entities.strict", "entities: mention span + type (strict F1)"),
    ("timex.strict", "time expressions: span (strict F1)"),
    ("timex.value", "time expressions: value (value F1)"),
    ("timex.anchor_accuracy", "time expressions: anchor kind (accuracy)"),
    ("quotes.content_strict", "quotes: content spans exact (F1)"),
    ("quotes.cue", "quotes: cue (F1)"),
    ("quotes.speaker_accuracy", "quotes: speaker (accuracy over matched)"),
    ("quotes.quote_speaker", "quotes: quote + speaker (F1)"),
    ("events.trigger_classification", "events: trigger + type (F1)"),
    ("events.argument_classification", "events: arguments (F1)"),
    ("events.event_time", "events: event time (F1)"),
)


@dataclass(frozen=True)
class Row:
    label: str
    before: str
    after: str


def _cell(results: "Results", metric: str) -> str:
    value = results.value(metric + (".accuracy" if metric.endswith("_accuracy") else ".f1"))
    return "undefined" if value is None else f"{value:.3f}"


def agreement_rows(root: Path | None = None) -> list[Row]:
    """One row per measure: the second pass scored against the gold before and after adjudication."""
    from naba.evaluate import from_gold, score

    base = (root or annotations_dir()) / "second_pass"
    second = [from_gold(r) for r in load_records(base / "second_annotator")]
    before = score(second, load_records(base / "gold_before_adjudication"))
    after = score(second, load_records((root or annotations_dir()) / "records"))
    return [Row(label, _cell(before, metric), _cell(after, metric)) for metric, label in MEASURES]


def agreement_table(root: Path | None = None) -> str:
    """The markdown table DATASHEET.md quotes."""
    lines = ["| measure | before adjudication | after adjudication |", "| --- | --- | --- |"]
    lines += [f"| {row.label} | {row.before} | {row.after} |" for row in agreement_rows(root)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(agreement_table())
