"""Inter-annotator agreement of the independent passes, computed with naba's own scorer.

Two passes are kept: the second pass (all four layers, guidelines 1.0) and the third pass (the
events layer only, guidelines 1.2 Part I, made for gold 1.3). Each annotator's record is scored as
a submission against the gold, once against the gold as it stood before its adjudication and once
against the current gold. The third pass's record carries the gold's entities, time expressions
and quotes unchanged, so only its events are compared. Factuality is not a scored metric, so its
agreement is counted here over triggers with the same span and type. DATASHEET.md quotes the
tables this module prints (``python -m naba.evaluate.agreement``); ``tests/test_agreement.py`` keeps them in
step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from naba.gold.records import annotations_dir, load_records

if TYPE_CHECKING:
    from naba.evaluate.results import Results
    from naba.gold.model import Record

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


def _pass_rows(base: Path, current: Path) -> list[Row]:
    """A second pass (``base/second_annotator``) scored against the gold before its adjudication
    (``base/gold_before_adjudication``) and against the current records of the same documents."""
    from naba.evaluate import score
    from naba.submission.model import from_gold

    second_records = load_records(base / "second_annotator")
    ids = {r.document.id for r in second_records}
    second = [from_gold(r) for r in second_records]
    before = score(second, load_records(base / "gold_before_adjudication"))
    after = score(second, [r for r in load_records(current) if r.document.id in ids])
    return [Row(label, _cell(before, metric), _cell(after, metric)) for metric, label in MEASURES]


def agreement_rows(root: Path | None = None) -> list[Row]:
    """One row per measure: the second pass scored against the gold before and after adjudication."""
    annotations = root or annotations_dir()
    return _pass_rows(annotations / "second_pass", annotations / "records")


def dev_agreement_rows(root: Path | None = None) -> list[Row]:
    """The dev split's second pass (every article in ``dev/second_pass``) before and after its adjudication."""
    annotations = root or annotations_dir()
    return _pass_rows(annotations / "dev" / "second_pass", annotations / "dev" / "records")


def dev_agreement_table(root: Path | None = None) -> str:
    """The markdown table of the dev second pass that DATASHEET.md quotes."""
    lines = ["| measure | dev, before adjudication | dev, after adjudication |", "| --- | --- | --- |"]
    lines += [f"| {row.label} | {row.before} | {row.after} |" for row in dev_agreement_rows(root)]
    return "\n".join(lines)


def agreement_table(root: Path | None = None) -> str:
    """The markdown table DATASHEET.md quotes."""
    lines = ["| measure | before adjudication | against the current gold (1.3) |", "| --- | --- | --- |"]
    lines += [f"| {row.label} | {row.before} | {row.after} |" for row in agreement_rows(root)]
    return "\n".join(lines)


#: (metric, label): the events measures of the third pass.
EVENT_MEASURES: tuple[tuple[str, str], ...] = (
    ("events.trigger_identification", "events: trigger (F1)"),
    ("events.trigger_classification", "events: trigger + type (F1)"),
    ("events.argument_identification", "events: argument, referent only (F1)"),
    ("events.argument_classification", "events: argument + role (F1)"),
    ("events.event_time", "events: event time (F1)"),
)


def factuality_agreement(first: "Record", second: "Record") -> tuple[int, int]:
    """(same factuality, events compared): over events whose trigger span and type agree."""
    by_trigger = {(e.trigger.start, e.trigger.end, e.type): e.factuality for e in first.events}
    pairs = [(by_trigger[key], e.factuality) for e in second.events
             if (key := (e.trigger.start, e.trigger.end, e.type)) in by_trigger]
    return sum(a == b for a, b in pairs), len(pairs)


def events_agreement_rows(root: Path | None = None) -> list[Row]:
    """The third pass (events only) against gold 1.2 (before adjudication) and the current gold."""
    from naba.evaluate import score
    from naba.submission.model import from_gold

    annotations = root or annotations_dir()
    base = annotations / "third_pass"
    third_records = load_records(base / "third_annotator")
    third = [from_gold(r) for r in third_records]
    golds = (load_records(base / "gold_before_adjudication"), load_records(annotations / "records"))
    before, after = (score(third, gold) for gold in golds)
    rows = [Row(label, _cell(before, metric), _cell(after, metric)) for metric, label in EVENT_MEASURES]
    cells = []
    for gold in golds:
        same, total = (sum(x) for x in zip(*(factuality_agreement(g, t) for g, t in zip(gold, third_records))))
        cells.append(f"{same}/{total}")
    rows.append(Row("events: factuality (same / compared)", *cells))
    return rows


def events_agreement_table(root: Path | None = None) -> str:
    """The markdown table of the third pass that DATASHEET.md quotes."""
    lines = ["| measure | third pass vs gold 1.2 | third pass vs gold 1.3 |", "| --- | --- | --- |"]
    lines += [f"| {row.label} | {row.before} | {row.after} |" for row in events_agreement_rows(root)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(f"Dev second pass ({len(list((annotations_dir() / 'dev' / 'second_pass' / 'second_annotator').glob('*.json')))} articles, all layers):")
    print(dev_agreement_table())
    print()
    print("Second pass (all layers):")
    print(agreement_table())
    print()
    print("Third pass (events):")
    print(events_agreement_table())
