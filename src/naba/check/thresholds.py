"""Thresholds of a check: ``min``/``max`` bounds on metrics named by their stable dotted names.

A name is ``<task>.<group>.<stat>`` (micro) or ``<task>.<group>.<label>.<stat>`` (per label of
the group's closed inventory; ``naba.evaluate.tasks``). Every problem of a set of thresholds is
collected into one ``CheckError``. The number formats of the check reports live here too.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping

from naba.check.errors import CheckError
from naba.evaluate.tasks import ACCURACY_STATS, PRF_STATS, TASKS
from naba.gold.inventory import ALL_ROLES, ENTITY_TYPES, EVENT_TYPES, QUOTE_KINDS, TIMEX_TYPES

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
        return f"{'>=' if self.bound == 'min' else '<='} {fmt_bound(self.metric, self.value)}"


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
            problems.append(f"--{t.bound} {t.metric} is given twice ({fmt_value(seen[(t.metric, t.bound)].value)} and {fmt_value(t.value)}): give it once")
        seen[(t.metric, t.bound)] = t
    for (metric, bound), t in seen.items():
        other = seen.get((metric, "max"))
        if bound == "min" and other is not None and other.value < t.value:
            problems.append(f"{metric}: --min {fmt_value(t.value)} is above --max {fmt_value(other.value)}; no value can pass")
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


DASH = "—"


def fmt_value(value: float | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{value:.4f}"


def fmt_bound(metric: str, value: float) -> str:
    """A count's bound as an integer when it is one (``<= 3``), a score's with four decimals."""
    if metric.rsplit(".", 1)[-1] not in SCORE_STATS and float(value).is_integer():
        return str(int(value))
    return fmt_value(float(value))


def fmt_delta(value: float | int | None) -> str:
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
