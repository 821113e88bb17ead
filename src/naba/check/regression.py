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
aligned by ``naba.check.align.align_record`` before scoring; every decision is kept and reported.
``naba check`` (``naba.cli.check``) and the pytest plugin (``naba.check.plugin``) are thin
layers over the functions here.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, Mapping, Sequence

from naba.check.align import Decision, align_record
from naba.evaluate.options import ScoreOptions
from naba.evaluate.results import ItemChange, Results
from naba.evaluate.tasks import ACCURACY_STATS, PRF_STATS, TASKS
from naba.gold.inventory import ALL_ROLES, ENTITY_TYPES, EVENT_TYPES, QUOTE_KINDS, TIMEX_TYPES

if TYPE_CHECKING:
    from naba.evaluate.submission import SubmissionDocument
    from naba.gold.model import Record

CHECK_FORMAT: Literal["naba-check-1"] = "naba-check-1"
Strings = Literal["auto", "always", "never"]
STRINGS_MODES: tuple[str, ...] = ("auto", "always", "never")
#: Statistics that are scores in [0, 1]; the others are counts.
SCORE_STATS: frozenset[str] = frozenset({"precision", "recall", "f1", "accuracy"})
#: Slack for float rounding when a value sits exactly on a bound (e.g. 0.5 - 0.01).
EPSILON = 1e-9

#: The label set of each metric group's per-label results (see the task modules:
#: mentions by entity type, time expressions by type, quotes by kind, triggers and event
#: times by event type, arguments by role). A test checks it covers every group of ``TASKS``.
GROUP_LABELS: dict[str, tuple[str, ...]] = {
    "entities.strict": ENTITY_TYPES,
    "entities.exact": ENTITY_TYPES,
    "entities.partial": ENTITY_TYPES,
    "entities.type": ENTITY_TYPES,
    "timex.strict": TIMEX_TYPES,
    "timex.relaxed": TIMEX_TYPES,
    "timex.value": TIMEX_TYPES,
    "timex.type_accuracy": TIMEX_TYPES,
    "timex.value_accuracy": TIMEX_TYPES,
    "timex.anchor_accuracy": TIMEX_TYPES,
    "quotes.content_strict": QUOTE_KINDS,
    "quotes.content_overlap": QUOTE_KINDS,
    "quotes.cue": QUOTE_KINDS,
    "quotes.speaker_accuracy": QUOTE_KINDS,
    "quotes.quote_speaker": QUOTE_KINDS,
    "events.trigger_identification": EVENT_TYPES,
    "events.trigger_classification": EVENT_TYPES,
    "events.argument_identification": ALL_ROLES,
    "events.argument_classification": ALL_ROLES,
    "events.event_time": EVENT_TYPES,
}


class CheckError(ValueError):
    """Bad input to a check (exit code 2), never a regression.

    ``problems``: every problem, one readable line each. ``alignment``: the string-alignment
    decisions taken before the failure (they often explain it, e.g. an entity dropped because
    none of its strings was found, leaving a quote's speaker reference dangling).
    """

    def __init__(self, problems: Sequence[str], alignment: Sequence[Decision] = ()) -> None:
        self.problems = list(problems)
        self.alignment = tuple(alignment)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- metric names


def _groups() -> list[tuple[str, str]]:
    return [(group, kind) for task in TASKS for group, kind in task.groups]


def metric_catalog() -> list[str]:
    """Every metric name a check accepts: micro ``<task>.<group>.<stat>`` and per label
    ``<task>.<group>.<label>.<stat>`` for every label of the group's closed inventory."""
    out: list[str] = []
    for group, kind in _groups():
        stats = PRF_STATS if kind == "prf" else ACCURACY_STATS
        out += [f"{group}.{stat}" for stat in stats]
        out += [f"{group}.{label}.{stat}" for label in GROUP_LABELS[group] for stat in stats]
    return out


def describe_metric_names() -> str:
    """The valid names, compactly: one line per group with its statistics and labels."""
    lines = ["valid metric names: <task>.<group>.<statistic>, or per label <task>.<group>.<label>.<statistic>:"]
    for group, kind in _groups():
        stats = PRF_STATS if kind == "prf" else ACCURACY_STATS
        lines.append(f"  {group}.{{{','.join(stats)}}}   labels: {' '.join(GROUP_LABELS[group])}")
    lines.append("e.g. entities.strict.f1, timex.value.f1, quotes.quote_speaker.f1, entities.strict.PER.recall")
    return "\n".join(lines)


@dataclass(frozen=True)
class Threshold:
    """``metric`` must be >= ``value`` (``bound="min"``) or <= ``value`` (``"max"``)."""

    metric: str
    bound: Literal["min", "max"]
    value: float

    def holds(self, actual: float) -> bool:
        return actual >= self.value - EPSILON if self.bound == "min" else actual <= self.value + EPSILON

    def describe(self) -> str:
        return f"{'>=' if self.bound == 'min' else '<='} {_fmt_bound(self.metric, self.value)}"


def _threshold(name: str, bound: str, value: object, flag: str, valid: frozenset[str]) -> tuple[Threshold | None, list[str]]:
    if name not in valid:
        close = difflib.get_close_matches(name, sorted(valid), n=3, cutoff=0.75)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        return None, [f"{flag} {name}: unknown metric{hint}"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, [f"{flag} {name}: the bound must be a number, got {value!r}"]
    number = float(value)
    if not math.isfinite(number):
        return None, [f"{flag} {name}: the bound must be a finite number, got {value!r}"]
    stat = name.rsplit(".", 1)[1]
    if stat in SCORE_STATS and not 0.0 <= number <= 1.0:
        return None, [f"{flag} {name}: {stat} is a score in [0, 1], the bound {number!r} is outside it"]
    if stat not in SCORE_STATS and number < 0:
        return None, [f"{flag} {name}: {stat} is a count, the bound {number!r} is negative"]
    return Threshold(name, bound, number), []  # type: ignore[arg-type]


def _finish(items: list[tuple[Threshold | None, list[str]]]) -> list[Threshold]:
    problems = [p for _, found in items for p in found]
    thresholds = [t for t, _ in items if t is not None]
    seen: dict[tuple[str, str], Threshold] = {}
    for t in thresholds:
        if (t.metric, t.bound) in seen:
            problems.append(f"--{t.bound} {t.metric} is given twice ({_fmt(seen[(t.metric, t.bound)].value)} and {_fmt(t.value)}): give it once")
        seen[(t.metric, t.bound)] = t
    for (metric, bound), t in seen.items():
        other = seen.get((metric, "max"))
        if bound == "min" and other is not None and other.value < t.value:
            problems.append(f"{metric}: --min {_fmt(t.value)} is above --max {_fmt(other.value)}; no value can pass")
    if problems:
        if any("unknown metric" in p for p in problems):
            problems.append(describe_metric_names())
        raise CheckError(problems)
    return thresholds


def parse_thresholds(minimums: Iterable[str] = (), maximums: Iterable[str] = ()) -> list[Threshold]:
    """``METRIC=VALUE`` strings (``--min`` / ``--max``) as thresholds; every problem collected."""
    valid = frozenset(metric_catalog())
    items: list[tuple[Threshold | None, list[str]]] = []
    for bound, texts in (("min", minimums), ("max", maximums)):
        for text in texts:
            flag = f"--{bound}"
            name, sep, raw = text.partition("=")
            name, raw = name.strip(), raw.strip()
            if not sep or not name or not raw:
                items.append((None, [f"{flag} {text!r}: expected METRIC=VALUE, e.g. {flag} entities.strict.f1=0.5"]))
                continue
            try:
                value = float(raw)
            except ValueError:
                items.append((None, [f"{flag} {text!r}: {raw!r} is not a number"]))
                continue
            items.append(_threshold(name, bound, value, flag, valid))
    return _finish(items)


def thresholds_from(minimums: Mapping[str, float] | None = None, maximums: Mapping[str, float] | None = None) -> list[Threshold]:
    """The API form of ``parse_thresholds``: ``{"entities.strict.f1": 0.5}``."""
    valid = frozenset(metric_catalog())
    items: list[tuple[Threshold | None, list[str]]] = []
    for bound, mapping in (("min", minimums), ("max", maximums)):
        if mapping is None:
            continue
        if not isinstance(mapping, Mapping):
            items.append((None, [f"{bound}imums must be a mapping of metric name to bound, got {type(mapping).__name__}"]))
            continue
        for name, value in mapping.items():
            items.append(_threshold(str(name), bound, value, f"{bound}imum", valid))
    return _finish(items)


# --------------------------------------------------------------------------- saved results


def read_results(path: str | Path) -> Results:
    """A saved ``Results`` (``--save`` / ``Results.write``); ``CheckError`` when unreadable."""
    from pydantic import ValidationError

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CheckError([f"{path}: no such results file (write one with `naba check ... --save {path}`)"]) from None
    except IsADirectoryError:
        raise CheckError([f"{path}: is a folder, not a results file"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise CheckError([f"{path}: cannot read the results file: {err}"]) from None
    try:
        return Results.from_json(text)
    except ValidationError as err:
        errors = err.errors()
        lines = [f"{path}: not a naba results file ({len(errors)} problem(s)):"]
        for e in errors[:10]:
            where = ".".join(str(part) for part in e["loc"]) or "<root>"
            lines.append(f"  {where}: {e['msg']}")
        if len(errors) > 10:
            lines.append(f"  ... and {len(errors) - 10} more")
        raise CheckError(lines) from None


#: Options that change point scores (must agree); the others only change intervals.
_MATCHING_OPTIONS: tuple[str, ...] = ("trigger_match", "argument_match", "cue_match", "fused_lam")


@dataclass(frozen=True)
class Provenance:
    """What decides whether two results can be compared."""

    gold_sha256: str
    gold_documents: Sequence[str]
    schema_version: str
    options: ScoreOptions
    naba_version: str

    @classmethod
    def of(cls, results: Results) -> "Provenance":
        return cls(results.gold_sha256, results.gold_documents, results.schema_version, results.options, results.naba_version)


def ensure_comparable(old: Results, new: "Results | Provenance", source: str = "the saved results") -> list[str]:
    """Raise ``CheckError`` naming every reason the two results cannot be compared; return
    notes on harmless differences (naba version, bootstrap settings).

    ``new`` may be the ``Provenance`` a run *will* have (``run_provenance``), so that a
    mismatched baseline is reported before a slow extractor runs."""
    now = new if isinstance(new, Provenance) else Provenance.of(new)
    problems: list[str] = []
    if old.gold_sha256 != now.gold_sha256:
        problems.append(
            f"{source} were scored against a different gold:\n"
            f"  saved: gold sha256 {old.gold_sha256} (documents: {_some(old.gold_documents)})\n"
            f"  now:   gold sha256 {now.gold_sha256} (documents: {_some(now.gold_documents)})\n"
            "  scores on different gold are not comparable: save a new baseline on the current gold (--save) and compare against that"
        )
    if old.schema_version != now.schema_version:
        problems.append(f"{source} use record schema {old.schema_version}, this run {now.schema_version}: not comparable")
    for option in _MATCHING_OPTIONS:
        before, after = getattr(old.options, option), getattr(now.options, option)
        if before != after:
            flag = "--" + option.replace("_", "-")
            problems.append(f"{source} were scored with {option}={before}, this run with {after}: pass {flag} {before} or save a new baseline")
    if problems:
        raise CheckError(problems)
    notes: list[str] = []
    if old.naba_version != now.naba_version:
        notes.append(f"{source} were written by naba {old.naba_version}, this is naba {now.naba_version}")
    for option in ("n_bootstrap", "seed", "confidence"):
        before, after = getattr(old.options, option), getattr(now.options, option)
        if before != after:
            notes.append(f"{option} differs ({before} saved, {after} now): intervals differ, scores do not")
    return notes


def run_provenance(gold_dir: Path | None, options: ScoreOptions | None = None) -> Provenance:
    """The provenance a run on ``gold_dir`` with ``options`` will have (the scorer's own hash)."""
    import naba
    from naba.gold.model import SCHEMA_VERSION
    from naba.gold.records import gold_sha256

    gold = load_gold(gold_dir)
    return Provenance(gold_sha256(gold_dir), [r.document.id for r in gold], SCHEMA_VERSION, options or ScoreOptions(), naba.__version__)


def _some(names: Sequence[str], shown: int = 5) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


# --------------------------------------------------------------------------- the check


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
            return f"<= {_fmt_bound(self.metric, self.bound)}"
        if self.rule == "against":
            return f">= {_fmt(self.bound)} (saved - {_fmt(tolerance or 0.0)})"
        return f">= {_fmt_bound(self.metric, self.bound)}"

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "rule": self.rule, "old": self.old, "new": self.new, "delta": self.delta,
                "bound": self.bound, "passed": self.passed, "reason": self.reason}


@dataclass(frozen=True)
class ItemRow:
    """An item whose status changed in one metric group; ``text``: what it covers in the gold text."""

    group: str
    item: str
    old: str | None
    new: str | None
    text: str | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


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
            rows = [[c.metric, _fmt(c.old), _fmt(c.new), _fmt_delta(c.delta), c.threshold(self.tolerance),
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
            merged = _merge(rows_of)
            shown_rows = merged if limit <= 0 else merged[:limit]
            if header[2] == "old -> new":
                table = [[item, text or "", change, ", ".join(groups)] for item, text, change, groups in shown_rows]
            else:
                table = [[item, text or "", ", ".join(groups)] for item, text, _, groups in shown_rows]
            parts += ["", f"{title} ({len(merged)})", render_table(header, table, markdown=False, align_left=len(header))]
            if len(shown_rows) < len(merged):
                parts.append(f"... and {len(merged) - len(shown_rows)} more (--limit 0 or --format json shows all)")
        other = [f"{len(_merge(self.gained))} gold item(s) newly found" if self.gained else "",
                 f"{len(_merge(self.removed_spurious))} spurious prediction(s) gone" if self.removed_spurious else "",
                 f"{len(_merge(self.changed))} other status change(s)" if self.changed else ""]
        if any(other):
            parts += ["", "also changed: " + ", ".join(o for o in other if o)]
        parts += ["", self._verdict()]
        return "\n".join(parts) + "\n"

    def _title(self) -> str:
        title = f"naba check of {self.system or 'a submission'} (gold {self.gold_sha256[:12]}"
        if self.against is not None:
            title += f"; against {self.against['source']} of {self.against['system'] or 'a submission'}, tolerance {_fmt(self.tolerance or 0.0)}"
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
                 + (f" (against {self.against['source']}, tolerance {_fmt(self.tolerance or 0.0)})" if self.against else "")]
        for c in self.regressions:
            lines.append(f"  {c.metric}: {_fmt(c.old)} -> {_fmt(c.new)}, delta {_fmt_delta(c.delta)}, required {c.threshold(self.tolerance)}"
                         + (f": {c.reason}" if c.reason else ""))
        for title, rows_of in (("gold items found before, missed now", self.lost), ("new spurious predictions", self.new_spurious)):
            if rows_of:
                merged = _merge(rows_of)
                lines.append(f"{title} ({len(merged)}):")
                shown = merged if limit <= 0 else merged[:limit]
                for item, text, change, groups in shown:
                    lines.append(f"  {item}" + (f" {text!r}" if text else "") + (f" {change}" if change else "") + f" in {', '.join(groups)}")
                if len(shown) < len(merged):
                    lines.append(f"  ... and {len(merged) - len(shown)} more")
        return "\n".join(lines)


DASH = "—"


def _merge(rows: Sequence[ItemRow]) -> list[tuple[str, str | None, str, list[str]]]:
    """One line per (item, change) with the metric groups it changed in, in first-seen order."""
    merged: dict[tuple[str, str | None, str], list[str]] = {}
    for r in rows:
        change = f"{r.old} -> {r.new or 'unmatched'}" if r.old is not None else ""
        merged.setdefault((r.item, r.text, change), []).append(r.group)
    return [(item, text, change, groups) for (item, text, change), groups in merged.items()]


def _fmt(value: float | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{value:.4f}"


def _fmt_bound(metric: str, value: float) -> str:
    """A count's bound as an integer when it is one (``<= 3``), a score's with four decimals."""
    if metric.rsplit(".", 1)[-1] not in SCORE_STATS and float(value).is_integer():
        return str(int(value))
    return _fmt(float(value))


def _fmt_delta(value: float | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:+d}"
    return f"{value:+.4f}"


def tolerance_problem(tolerance: object) -> str | None:
    """Why ``tolerance`` is not a valid tolerance (a finite number >= 0), or None."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not math.isfinite(tolerance) or tolerance < 0:
        return f"tolerance must be a finite number >= 0, got {tolerance!r}"
    return None


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
        texts = _ItemTexts(gold or ())
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


_AT_SPAN = re.compile(r"@(\d+):(\d+)(?:#\d+)?$")
_SPANS = re.compile(r"^\d+:\d+(?:\+\d+:\d+)*$")


class _ItemTexts:
    """The covered gold text of an item key or a prediction signature (display only)."""

    def __init__(self, gold: Sequence["Record"]) -> None:
        self.documents = {r.document.id: r.document.text for r in gold}
        self.by_key: dict[str, str] = {}
        for r in gold:
            doc = r.document.id
            for e in r.entities:
                for m in e.mentions:
                    self.by_key[f"{doc}/{m.id}"] = m.text
            for t in r.timexes:
                self.by_key[f"{doc}/{t.id}"] = t.text
            for q in r.quotes:
                self.by_key[f"{doc}/{q.id}"] = " … ".join(c.text for c in q.content)
            for ev in r.events:
                self.by_key[f"{doc}/{ev.id}"] = ev.trigger.text

    def text(self, key: str) -> str | None:
        if key in self.by_key:
            return self.by_key[key]
        doc, _, rest = key.partition("/")
        text = self.documents.get(doc)
        if text is None:
            return None
        at = _AT_SPAN.search(rest)
        if at:
            return text[int(at.group(1)) : int(at.group(2))]
        first = rest.split("/", 1)[0]
        if _SPANS.match(first):
            spans = [tuple(int(x) for x in part.split(":")) for part in first.split("+")]
            return " … ".join(text[s:e] for s, e in spans)
        return None

    def row(self, change: ItemChange) -> ItemRow:
        return ItemRow(change.metric, change.item, change.old, change.new, self.text(change.item))


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


# --------------------------------------------------------------------------- string-only alignment


def alignment_dict(decisions: Sequence[Decision]) -> dict[str, Any]:
    return {
        "spans": len(decisions),
        "aligned": sum(d.status == "aligned" for d in decisions),
        "not_aligned": [dataclasses.asdict(d) for d in decisions if d.status != "aligned"],
        "decisions": [dataclasses.asdict(d) for d in decisions],
    }


def render_alignment(decisions: Sequence[Decision]) -> str:
    """Every alignment decision as a table, then the strings that could not be aligned."""
    from naba.evaluate.report import render_table

    aligned = sum(d.status == "aligned" for d in decisions)
    failed = [d for d in decisions if d.status != "aligned"]
    lines = [f"string-only predictions aligned to the text (naba.check.align): {len(decisions)} span(s), {aligned} aligned, {len(failed)} not aligned"]
    if decisions:
        rows = [[d.document_id, d.path, d.string, d.status, DASH if d.start is None else f"[{d.start}, {d.end})",
                 f"{d.occurrence} of {d.candidates}" if d.occurrence else f"{d.candidates} found"] for d in decisions]
        lines.append(render_table(["document", "path", "string", "decision", "span", "occurrence"], rows, markdown=False, align_left=6))
    if failed:
        lines.append(f"not aligned ({len(failed)}; removed before scoring, so the gold items they were meant for count as missed):")
        lines += [f"  {d.describe()}" for d in failed]
    return "\n".join(lines)


def _strings_mode(strings: str) -> str:
    if strings not in STRINGS_MODES:
        raise CheckError([f"strings must be one of {', '.join(STRINGS_MODES)}, got {strings!r}"])
    return strings


def align_records(records: Iterable[Any], texts: Mapping[str, str], strings: str = "auto") -> tuple[list[Any], list[Decision], bool]:
    """Align the offset-less spans of submission records (dicts) against their documents.

    Returns (records, decisions, aligned?). ``auto`` uses the aligned records only when some
    span had no offsets, ``always`` always (an offset-carrying record is unchanged), ``never``
    leaves them as given (offset-less spans are then reported by the validator). Records
    whose document is unknown pass unchanged: the validator reports them.
    """
    mode = _strings_mode(strings)
    items = list(records)
    if mode == "never":
        return items, [], False
    out: list[Any] = []
    decisions: list[Decision] = []
    for record in items:
        doc_id = record.get("document_id") if isinstance(record, dict) else None
        if isinstance(doc_id, str) and doc_id in texts:
            alignment = align_record(texts[doc_id], record)
            decisions.extend(alignment.decisions)
            out.append(alignment.record)
        else:
            out.append(record)
    if decisions or mode == "always":
        return out, decisions, True
    return items, [], False


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Scored:
    """A score and the alignment decisions taken to compute it (empty without string spans)."""

    results: Results
    alignment: tuple[Decision, ...] = ()
    aligned: bool = False


def _problem_lines(problems: Sequence[Any], title: str | None = None) -> list[str]:
    return ([title] if title else []) + [str(p) for p in problems] + [f"{len(problems)} problem(s)"]


def load_gold(gold_dir: Path | None = None) -> tuple["Record", ...]:
    """The validated gold records; ``CheckError`` when they are missing or invalid."""
    from naba.gold.records import GoldError, gold_records

    try:
        records = gold_records(gold_dir)
    except GoldError as err:
        raise CheckError(_problem_lines(err.problems, "the gold does not validate:")) from None
    except FileNotFoundError as err:
        raise CheckError([f"cannot load the gold: {err}"]) from None
    if not records:
        raise CheckError([f"no gold record in {gold_dir}" if gold_dir else "no gold record found"])
    return records


def _score(submission: Any, gold_dir: Path | None, options: ScoreOptions | None, system: str | None,
           alignment: Sequence[Decision] = ()) -> Results:
    from naba.evaluate.scorer import score
    from naba.evaluate.submission import SubmissionError

    try:
        return score(submission, gold_dir, options=options, system=system)
    except SubmissionError as err:
        raise CheckError(_problem_lines(err.problems, "the submission does not validate:"), alignment) from None


def score_extractor(
    extractor: str | Callable[[Any], dict[str, Any]],
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
    progress: bool = False,
) -> Scored:
    """Run ``extractor`` (``"MODULE:CALLABLE"`` or a callable) over the gold documents exactly as
    ``naba run`` does (``naba.baselines.runner.run_extractor``: inputs only, every record
    validated), aligning string-only spans first, and score the records."""
    from naba.baselines.protocol import SubmissionError as OutputError
    from naba.baselines.protocol import SystemUnavailable
    from naba.baselines.runner import SpecError, corpus_documents, load_extractor, run_extractor, system_availability

    mode = _strings_mode(strings)
    load_gold(gold_dir)  # a clear CheckError for bad gold before the extractor runs
    if isinstance(extractor, str):
        name = system or extractor
        try:
            function = load_extractor(extractor)
            ok, reason = system_availability(extractor)
        except SpecError as err:
            raise CheckError([str(err)]) from None
        except Exception as err:  # the module itself failed while importing (a SyntaxError, a crash at import)
            raise CheckError([f"importing {extractor.partition(':')[0]!r} failed: {type(err).__name__}: {err}"]) from None
        if not ok:
            raise CheckError([f"{extractor} cannot run here: {reason}"])
    elif callable(extractor):
        function = extractor
        name = system or f"{getattr(extractor, '__module__', '?')}:{getattr(extractor, '__qualname__', repr(extractor))}"
    else:
        raise CheckError([f"an extractor is 'MODULE:CALLABLE' or a callable, got {type(extractor).__name__}"])
    decisions: list[Decision] = []

    def with_alignment(document: Any) -> Any:
        record = function(document)
        if mode != "never" and isinstance(record, dict):
            alignment = align_record(document.text, record)
            decisions.extend(alignment.decisions)
            return alignment.record
        return record

    try:
        records = run_extractor(with_alignment, corpus_documents(gold_dir), progress=progress)
    except SystemUnavailable as err:
        raise CheckError([f"{name} cannot run here: {err}"], decisions) from None
    except OutputError as err:
        raise CheckError(_problem_lines(err.problems, f"{name} returned invalid records:"), decisions) from None
    results = _score(records, gold_dir, options, name, decisions)
    return Scored(results, tuple(decisions), bool(decisions) or mode == "always")


def score_records(
    records: Iterable[Mapping[str, Any] | "SubmissionDocument"],
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
) -> Scored:
    """Score submission records (dicts or ``SubmissionDocument``), aligning string-only spans."""
    gold = load_gold(gold_dir)
    items, decisions, aligned = align_records(records, {r.document.id: r.document.text for r in gold}, strings)
    if not items:
        raise CheckError(["no submission record to score"])
    return Scored(_score(items, gold_dir, options, system, decisions), tuple(decisions), aligned)


def score_submission_file(
    path: str | Path,
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
) -> Scored:
    """Score a submission file (JSON Lines). With string-only spans, the lines are aligned
    and validated with their line numbers; ``submission_file_sha256`` stays the hash of the
    file's bytes."""
    from naba.evaluate.submission import coerce_submission, parse_jsonl, read_submission_bytes, validate_objects

    path = Path(path)
    name = system or str(path)
    mode = _strings_mode(strings)
    if mode != "never":
        data, problems = read_submission_bytes(path)
        values: list[tuple[int, Any]] = []
        if data is not None and not problems:
            values, problems = parse_jsonl(data, str(path))
        if data is not None and not problems:
            gold = load_gold(gold_dir)
            texts = {r.document.id: r.document.text for r in gold}
            aligned_values, decisions, aligned = align_records([v for _, v in values], texts, mode)
            if aligned:
                numbered = [(number, value) for (number, _), value in zip(values, aligned_values)]
                docs, found = validate_objects(numbered, gold, str(path))
                if found:
                    found.sort(key=lambda p: (p.line if p.line is not None else 0, p.field, p.code))
                    raise CheckError(_problem_lines(found, "the submission does not validate (after aligning its strings):"), decisions)
                submission = coerce_submission(docs, gold, source=str(path))
                submission = dataclasses.replace(submission, file_sha256=hashlib.sha256(data).hexdigest())
                return Scored(_score(submission, gold_dir, options, name, decisions), tuple(decisions), True)
    # no string spans (or a file that does not even parse: the scorer reports it)
    return Scored(_score(path, gold_dir, options, name))


def score_system(
    system: Any,
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    name: str | None = None,
) -> Scored:
    """Dispatch on what ``system`` is: a callable or ``"MODULE:CALLABLE"`` (an extractor), a
    ``pathlib.Path`` (a submission file), or an iterable of submission records."""
    if isinstance(system, Path):
        return score_submission_file(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if isinstance(system, str):
        if ":" not in system:
            raise CheckError([f"{system!r}: give an extractor as 'MODULE:CALLABLE' and a submission file as a pathlib.Path"])
        return score_extractor(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if callable(system):
        return score_extractor(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if isinstance(system, (Mapping, bytes)) or not isinstance(system, Iterable):
        raise CheckError([f"cannot score a {type(system).__name__}: give an extractor, a submission file (pathlib.Path) or a list of records"])
    return score_records(system, gold_dir=gold_dir, options=options, strings=strings, system=name)


__all__ = [
    "CHECK_FORMAT", "CheckError", "CheckReport", "GROUP_LABELS", "ItemRow", "MetricCheck", "Scored", "Threshold",
    "align_records", "assert_no_regression", "check", "describe_metric_names", "ensure_comparable", "load_gold", "metric_catalog",
    "Provenance", "parse_thresholds", "read_results", "run_provenance", "tolerance_problem", "render_alignment", "score_extractor", "score_records", "score_submission_file",
    "score_system", "thresholds_from",
]
