"""Regression checks: score a system, then say what got worse, by metric and by gold item.

Other teams run naba in CI to learn when a change to *their* extractor made it worse. A check
compares one new ``Results`` with

* **thresholds**: ``min`` (the value must be >= the bound) and ``max`` (<=), on any metric by
  its stable dotted name (``naba.evaluate.tasks``: ``<task>.<group>.<stat>``, per label
  ``<task>.<group>.<label>.<stat>``);
* **a saved result** (``against``): every micro score (precision, recall, F1, accuracy of every
  metric group) of every task the saved run predicted may drop by at most ``tolerance``
  (absolute; per-label scores and counts are not compared, because on a small gold one item moves
  them by large steps: hold them with explicit thresholds instead). A task the saved run predicted
  and the new one does not is a regression.

A *regression* is a failed metric check. The item changes of ``Results.diff`` (gold items found
before and missed now, spurious predictions that appeared, keyed by stable gold ids and by
prediction signatures) are listed to explain it; they do not fail a check on their own, so that
``tolerance`` keeps its meaning.

Bad input is never a regression and never a silent pass: an unknown metric name, a malformed
threshold, an unreadable results file, results scored on another gold or with other matching
modes, an extractor that cannot be imported or returns invalid records, an invalid submission:
all raise ``CheckError`` with every problem (the CLI exits 2).

String-only predictions (spans with ``text`` and no offsets, as LLM extractors produce) are
aligned by ``naba.submission.align.align_record`` before scoring; every decision is kept and reported.
``naba check`` (``naba.cli.check``) and the pytest plugin (``naba.check.plugin``) are thin
layers over the modules of ``naba.check``; this one holds the check itself and its report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Mapping, Sequence

from naba.submission.align import Decision
from naba.check.diff import ItemRow, ItemTexts, merge_rows
from naba.check.errors import CheckError
from naba.check.saved import ensure_comparable, read_results
from naba.check.strings import alignment_dict, render_alignment
from naba.check.thresholds import DASH, EPSILON, SCORE_STATS, Threshold, fmt_bound, fmt_delta, fmt_value, thresholds_from, tolerance_problem
from naba.evaluate.results import Results

if TYPE_CHECKING:
    from naba.gold.model import Record

#: The format tag of a check report in JSON (`naba check --format json`).
CHECK_FORMAT: Literal["naba-check-1"] = "naba-check-1"


@dataclass(frozen=True)
class MetricCheck:
    """One metric held to one bound: a threshold (``min``/``max``) or the saved value (``against``)."""

    metric: str
    rule: Literal["min", "max", "against"]
    old: float | int | None
    new: float | int | None
    bound: float | None
    passed: bool
    reason: str = ""

    @property
    def delta(self) -> float | int | None:
        return None if self.old is None or self.new is None else self.new - self.old

    def threshold(self, tolerance: float | None = None) -> str:
        if self.bound is None:
            return "not compared (undefined before)" if self.rule == "against" else DASH
        if self.rule == "max":
            return f"<= {fmt_bound(self.metric, self.bound)}"
        if self.rule == "against":
            return f">= {fmt_value(self.bound)} (saved - {fmt_value(tolerance or 0.0)})"
        return f">= {fmt_bound(self.metric, self.bound)}"

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "rule": self.rule, "old": self.old, "new": self.new, "delta": self.delta,
                "bound": self.bound, "passed": self.passed, "reason": self.reason}


@dataclass(frozen=True)
class CheckReport:
    """Every check with its outcome, the item changes that explain them, and provenance."""

    system: str | None
    gold_sha256: str
    submission_sha256: str
    headlines: dict[str, float | None]
    against: dict[str, Any] | None
    tolerance: float | None
    checks: tuple[MetricCheck, ...]
    lost: tuple[ItemRow, ...] = ()
    new_spurious: tuple[ItemRow, ...] = ()
    gained: tuple[ItemRow, ...] = ()
    removed_spurious: tuple[ItemRow, ...] = ()
    changed: tuple[ItemRow, ...] = ()
    alignment: tuple[Decision, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def regressions(self) -> tuple[MetricCheck, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def regressed(self) -> bool:
        return bool(self.regressions)

    @property
    def exit_code(self) -> int:
        return 1 if self.regressed else 0

    # ------------------------------------------------------------------ machine form
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": CHECK_FORMAT,
            "status": "regression" if self.regressed else "ok",
            "exit_code": self.exit_code,
            "system": self.system,
            "gold_sha256": self.gold_sha256,
            "submission_sha256": self.submission_sha256,
            "headlines": self.headlines,
            "against": self.against,
            "tolerance": self.tolerance,
            "checks": [c.to_dict() for c in self.checks],
            "regressions": [c.to_dict() for c in self.regressions],
            "items": {
                "lost": [r.to_dict() for r in self.lost],
                "new_spurious": [r.to_dict() for r in self.new_spurious],
                "gained": [r.to_dict() for r in self.gained],
                "removed_spurious": [r.to_dict() for r in self.removed_spurious],
                "changed": [r.to_dict() for r in self.changed],
            },
            "alignment": alignment_dict(self.alignment),
            "notes": list(self.notes),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    # ------------------------------------------------------------------ human form
    def render(self, limit: int = 50) -> str:
        """Readable tables: alignment (if any), metrics, items, verdict. ``limit`` rows per item
        table (0: all); the JSON form always has everything."""
        from naba.evaluate.report import render_table

        parts: list[str] = [self._title()]
        if self.alignment:
            parts += ["", render_alignment(self.alignment)]
        parts += [f"note: {note}" for note in self.notes]
        shown = [c for c in self.checks if c.rule != "against" or not c.passed or c.metric in self.headlines]
        if shown:
            rows = [[c.metric, fmt_value(c.old), fmt_value(c.new), fmt_delta(c.delta), c.threshold(self.tolerance),
                     "ok" if c.passed else "REGRESSED" + (f": {c.reason}" if c.reason else "")] for c in shown]
            hidden = len(self.checks) - len(shown)
            title = "metrics" + (f" (headlines, thresholds and failures; {hidden} other passing comparison(s) in --format json)" if hidden else "")
            parts += ["", title, render_table(["metric", "old", "new", "delta", "threshold", "status"], rows, markdown=False, align_left=1)]
        for title, rows_of, header in (
            ("gold items found before, missed now", self.lost, ["gold item", "text", "old -> new", "metric groups"]),
            ("new spurious predictions", self.new_spurious, ["prediction (document/span/label)", "text", "metric groups"]),
        ):
            if not rows_of:
                continue
            merged = merge_rows(rows_of)
            shown_rows = merged if limit <= 0 else merged[:limit]
            if header[2] == "old -> new":
                table = [[item, text or "", change, ", ".join(groups)] for item, text, change, groups in shown_rows]
            else:
                table = [[item, text or "", ", ".join(groups)] for item, text, _, groups in shown_rows]
            parts += ["", f"{title} ({len(merged)})", render_table(header, table, markdown=False, align_left=len(header))]
            if len(shown_rows) < len(merged):
                parts.append(f"... and {len(merged) - len(shown_rows)} more (--limit 0 or --format json shows all)")
        other = [f"{len(merge_rows(self.gained))} gold item(s) newly found" if self.gained else "",
                 f"{len(merge_rows(self.removed_spurious))} spurious prediction(s) gone" if self.removed_spurious else "",
                 f"{len(merge_rows(self.changed))} other status change(s)" if self.changed else ""]
        if any(other):
            parts += ["", "also changed: " + ", ".join(o for o in other if o)]
        parts += ["", self._verdict()]
        return "\n".join(parts) + "\n"

    def _title(self) -> str:
        title = f"naba check of {self.system or 'a submission'} (gold {self.gold_sha256[:12]}"
        if self.against is not None:
            title += f"; against {self.against['source']} of {self.against['system'] or 'a submission'}, tolerance {fmt_value(self.tolerance or 0.0)}"
        return title + ")"

    def _verdict(self) -> str:
        if not self.checks:
            return "nothing checked (no --min, --max or --against): exit 0"
        if self.regressed:
            return f"REGRESSION: {len(self.regressions)} of {len(self.checks)} check(s) failed"
        return f"OK: {len(self.checks)} check(s) passed"

    def assertion_message(self, limit: int = 50) -> str:
        """The AssertionError text of ``assert_no_regression``: regressed metrics, then items."""
        lines = [f"naba regression: {len(self.regressions)} of {len(self.checks)} metric check(s) failed"
                 + (f" (against {self.against['source']}, tolerance {fmt_value(self.tolerance or 0.0)})" if self.against else "")]
        for c in self.regressions:
            lines.append(f"  {c.metric}: {fmt_value(c.old)} -> {fmt_value(c.new)}, delta {fmt_delta(c.delta)}, required {c.threshold(self.tolerance)}"
                         + (f": {c.reason}" if c.reason else ""))
        for title, rows_of in (("gold items found before, missed now", self.lost), ("new spurious predictions", self.new_spurious)):
            if rows_of:
                merged = merge_rows(rows_of)
                lines.append(f"{title} ({len(merged)}):")
                shown = merged if limit <= 0 else merged[:limit]
                for item, text, change, groups in shown:
                    lines.append(f"  {item}" + (f" {text!r}" if text else "") + (f" {change}" if change else "") + f" in {', '.join(groups)}")
                if len(shown) < len(merged):
                    lines.append(f"  ... and {len(merged) - len(shown)} more")
        return "\n".join(lines)


def _absent_reason(results: Results, name: str) -> str:
    task = results.tasks.get(name.split(".", 1)[0])
    if task is None or not task.predicted:
        return f"task {name.split('.', 1)[0]!r} not predicted (its layer is absent from the submission)"
    return "undefined: no item of this label in the gold or the predictions"


def check(
    results: Results,
    *,
    thresholds: Sequence[Threshold] = (),
    against: Results | None = None,
    tolerance: float = 0.0,
    gold: Sequence["Record"] | None = None,
    alignment: Sequence[Decision] = (),
    against_source: str = "the saved results",
) -> CheckReport:
    """Hold ``results`` to ``thresholds`` and (when given) to ``against`` within ``tolerance``.

    ``gold`` (optional) only adds the covered text to the item rows. Raises ``CheckError``
    for a bad tolerance or results that cannot be compared.
    """
    problem = tolerance_problem(tolerance)
    if problem:
        raise CheckError([problem])
    notes = ensure_comparable(against, results, against_source) if against is not None else []
    new_flat = results.flat()
    old_flat = against.flat() if against is not None else {}
    checks: list[MetricCheck] = []
    for t in thresholds:
        new = new_flat.get(t.metric)
        if t.metric not in new_flat:
            passed, reason = False, _absent_reason(results, t.metric)
        elif new is None:
            passed, reason = False, "undefined (e.g. precision with nothing predicted)"
        else:
            passed, reason = t.holds(float(new)), ""
        checks.append(MetricCheck(t.metric, t.bound, old_flat.get(t.metric), new, t.value, passed, reason))

    lost: list[ItemRow] = []
    new_spurious: list[ItemRow] = []
    gained: list[ItemRow] = []
    removed: list[ItemRow] = []
    changed: list[ItemRow] = []
    against_info: dict[str, Any] | None = None
    if against is not None:
        against_info = {"source": against_source, "system": against.system, "naba_version": against.naba_version,
                        "gold_sha256": against.gold_sha256, "submission_sha256": against.submission_sha256}
        checks += _against_checks(against, results, new_flat, float(tolerance))
        newly = [name for name, task in results.tasks.items() if task.predicted and not (name in against.tasks and against.tasks[name].predicted)]
        if newly:
            notes.append(f"task(s) predicted now but not in the saved results (not compared): {', '.join(newly)}")
        diff = against.diff(results)
        texts = ItemTexts(gold or ())
        lost = [texts.row(c) for c in diff.lost]
        new_spurious = [texts.row(c) for c in diff.new_spurious]
        gained = [texts.row(c) for c in diff.gained]
        removed = [texts.row(c) for c in diff.removed_spurious]
        changed = [texts.row(c) for c in diff.changed]
    headlines = {task.headline: results.headline(name) for name, task in results.tasks.items() if task.predicted}
    return CheckReport(
        system=results.system, gold_sha256=results.gold_sha256, submission_sha256=results.submission_sha256,
        headlines=headlines, against=against_info, tolerance=float(tolerance) if against is not None else None,
        checks=tuple(checks), lost=tuple(lost), new_spurious=tuple(new_spurious), gained=tuple(gained),
        removed_spurious=tuple(removed), changed=tuple(changed), alignment=tuple(alignment), notes=tuple(notes),
    )


def _against_checks(old: Results, new: Results, new_flat: Mapping[str, float | int | None], tolerance: float) -> list[MetricCheck]:
    checks: list[MetricCheck] = []
    for name, old_task in old.tasks.items():
        if not old_task.predicted:
            continue
        new_task = new.tasks.get(name)
        if new_task is None or not new_task.predicted:
            old_value = old.value(old_task.headline)
            checks.append(MetricCheck(old_task.headline, "against", old_value, None, None, False,
                                      f"task {name!r} was predicted in the saved results and is not now (layer absent)"))
            continue
        higher = old_task.higher_is_better
        for group, metric in old_task.metrics.items():
            for stat, old_value in metric.values.items():
                if stat not in SCORE_STATS:
                    continue
                metric_name = f"{group}.{stat}"
                new_value = new_flat.get(metric_name)
                if old_value is None:
                    checks.append(MetricCheck(metric_name, "against", None, new_value, None, True))
                    continue
                bound = old_value - tolerance if higher else old_value + tolerance
                if new_value is None:
                    passed, reason = False, "undefined now"
                elif higher:
                    passed = new_value >= bound - EPSILON
                    reason = ""
                else:
                    passed = new_value <= bound + EPSILON
                    reason = ""
                checks.append(MetricCheck(metric_name, "against", old_value, new_value, bound, passed, reason))
    return checks


def assert_no_regression(
    results: Results,
    *,
    minimums: Mapping[str, float] | None = None,
    against: Results | str | Path | None = None,
    tolerance: float = 0.0,
    maximums: Mapping[str, float] | None = None,
    gold: Sequence["Record"] | None = None,
    limit: int = 50,
) -> CheckReport:
    """Raise ``AssertionError`` listing the regressed metrics and items; return the report otherwise.

    ``against``: saved ``Results`` or the path of a results file. Bad input (unknown metric,
    other gold, nothing to check) raises ``CheckError``, not ``AssertionError``: a check that
    cannot run must not look like a regression, nor pass.
    """
    if not minimums and not maximums and against is None:
        raise CheckError(["nothing to check: give minimums, maximums or against"])
    thresholds = thresholds_from(minimums, maximums)
    source = "the saved results"
    if isinstance(against, (str, Path)):
        source = str(against)
        against = read_results(against)
    report = check(results, thresholds=thresholds, against=against, tolerance=tolerance, gold=gold, against_source=source)
    if report.regressed:
        raise AssertionError(report.assertion_message(limit))
    return report
