"""Robustness on the challenge split: scores per transformation, the drop, invariance failures.

Input: a system's ``Results`` on the original document and on each of its variants (each scored
against its own gold, one document each). Per task headline, this module reports

- per variant and per transformation (pooled over the variants that use it): the score, its drop
  against the original (variant minus original: negative is worse), and the **invariance failure
  rate**: of the gold items the system gets right on the original, the share it gets wrong on the
  variant (CheckList's invariance test, per gold item). Gold items are identified across variants
  by their gold id with the document id and offsets removed (variants keep every gold id).
- ± columns from a **joint** seeded bootstrap: one resample draws the *source* sentences with
  replacement, and the same draw weighs the original and every variant, because the variants are
  copies of one article and their errors are correlated: resampling them independently would
  understate the uncertainty. The report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from naba.evaluate.bootstrap import percentile_interval, resample_weights, sample_values, unit_counts
from naba.evaluate.counts import Counts
from naba.evaluate.outcomes import CREDITED, Outcome
from naba.evaluate.results import Results
from naba.evaluate.tasks import TASKS

BOOTSTRAP_NOTE = (
    "± is half the width of a percentile interval from a joint bootstrap: each resample draws the source "
    "sentences with replacement and weighs the original and every variant with the same draw (variants are "
    "correlated copies of one article)."
)

_OFFSETS = re.compile(r"@\d+:\d+")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskRobustness(_Model):
    """One task on one variant or one transformation pool."""

    score: float | None
    half_width: float | None
    drop: float | None
    drop_half_width: float | None
    right_on_original: int
    wrong_on_variant: int
    invariance_failure_rate: float | None


class RobustnessRow(_Model):
    name: str
    kind: str  # "variant" or "transformation"
    variants: list[str]
    transformations: list[str]
    tasks: dict[str, TaskRobustness]


class RobustnessReport(_Model):
    original: dict[str, float | None]
    rows: list[RobustnessRow]
    n_bootstrap: int
    seed: int
    confidence: float
    bootstrap_note: str = BOOTSTRAP_NOTE

    def flat(self) -> dict[str, float | int | None]:
        """Every figure by a dotted name: ``challenge.<row>.<task>.<statistic>`` (row: a
        transformation, ``all_variants`` or a variant id; statistic: score, drop,
        invariance_failure_rate), and ``challenge.original.<task>.score``. The names ``naba check
        --split challenge`` and the evaluate module use."""
        out: dict[str, float | int | None] = {f"challenge.original.{task}.score": value for task, value in self.original.items()}
        for row in self.rows:
            name = row_key(row.name)
            for task, figures in row.tasks.items():
                out[f"challenge.{name}.{task}.score"] = figures.score
                out[f"challenge.{name}.{task}.drop"] = figures.drop
                out[f"challenge.{name}.{task}.invariance_failure_rate"] = figures.invariance_failure_rate
        return out


def row_key(name: str) -> str:
    """A row name as it appears in metric names (``all variants`` -> ``all_variants``)."""
    return name.replace(" ", "_")


#: Whether a higher value of a challenge statistic is better (for thresholds and regressions).
HIGHER_IS_BETTER: dict[str, bool] = {"score": True, "drop": True, "invariance_failure_rate": False}


def stable_gold_id(key: str) -> str:
    """A gold item's id without its document id and offsets: the same item on every variant."""
    return _OFFSETS.sub("", key.split("/", 1)[1] if "/" in key else key)


def _right(outcomes: Sequence[Outcome]) -> set[str]:
    return {stable_gold_id(o.gold) for o in outcomes if o.gold is not None and o.status in CREDITED}


def _headline(results: Results, task: str) -> tuple[str, str] | None:
    spec = next(t for t in TASKS if t.name == task)
    if not results.tasks[task].predicted:
        return None
    group, stat = spec.headline.rsplit(".", 1)
    return group, stat


def _n_units(results: Results) -> int:
    return results.units.n


@dataclass(frozen=True)
class _Pooled:
    """One (row, task): observed score and drop, their resampled values (NaN = undefined)."""

    score: float | None
    drop: float | None
    score_samples: np.ndarray
    drop_samples: np.ndarray


def pooled_samples(
    original: Results,
    variants: Sequence[tuple[str, Sequence[str], Results]],
    weights: np.ndarray,
) -> dict[tuple[str, str], _Pooled]:
    """(row name, task) -> observed and resampled score and drop, for the transformation rows,
    ``all variants`` and each variant, under the given resample weights (shared across systems,
    this is the paired bootstrap of two systems' robustness)."""
    n_units = _n_units(original)
    tasks = [t.name for t in TASKS if _headline(original, t.name) is not None]
    out: dict[tuple[str, str], _Pooled] = {}
    members = _rows(variants)
    for task in tasks:
        group, stat = _headline(original, task)  # type: ignore[misc]
        metric = original.metric(group)
        base_table = unit_counts(metric.outcomes, n_units, "prf")
        base_value = metric.values.get(stat)
        base_samples = sample_values(weights @ base_table, "prf")[stat]
        tables = {v: unit_counts(r.metric(group).outcomes, n_units, "prf") for v, _, r in variants if r.tasks[task].predicted}
        for name, ids in members:
            if any(v not in tables for v in ids):
                continue
            table = sum((tables[v] for v in ids), np.zeros((n_units, 4), dtype=np.int64))
            totals = table.sum(axis=0)
            value = Counts(int(totals[0]), int(totals[1]), int(totals[2]), int(totals[3])).values()[stat]
            samples = sample_values(weights @ table, "prf")[stat]
            drop = None if value is None or base_value is None else value - base_value
            out[(name, task)] = _Pooled(value, drop, samples, samples - base_samples)
    return out


def _rows(variants: Sequence[tuple[str, Sequence[str], Results]]) -> list[tuple[str, list[str]]]:
    """(row name, member variant ids): one per transformation in order of first use, then all
    variants, then each variant."""
    names: list[str] = []
    for _, transformations, _ in variants:
        for t in transformations:
            if t not in names:
                names.append(t)
    rows = [(t, [v for v, ts, _ in variants if t in ts]) for t in names]
    rows.append(("all variants", [v for v, _, _ in variants]))
    rows += [(v, [v]) for v, _, _ in variants]
    return rows


def robustness(
    original: Results,
    variants: Sequence[tuple[str, Sequence[str], Results]],
    *,
    n_bootstrap: int,
    seed: int,
    confidence: float,
) -> RobustnessReport:
    """The report for one system (see the module docstring); ``variants`` are (id, transformations, results)."""
    n_units = _n_units(original)
    for variant_id, _, results in variants:
        if _n_units(results) != n_units or len(results.gold_documents) != 1 or len(original.gold_documents) != 1:
            raise ValueError(f"variant {variant_id}: robustness compares one document with one variant of it, sentence by sentence")
    weights = resample_weights(n_units, n_bootstrap, seed) if n_bootstrap else np.zeros((0, n_units), dtype=np.int64)
    tasks = [t.name for t in TASKS if _headline(original, t.name) is not None]
    pooled = pooled_samples(original, variants, weights)

    def half(samples: np.ndarray) -> float | None:
        if not n_bootstrap:
            return None
        interval = percentile_interval(samples, confidence)
        return None if interval.low is None or interval.high is None else (interval.high - interval.low) / 2

    right_on_original: dict[str, set[str]] = {}
    wrong: dict[tuple[str, str], int] = {}
    for task in tasks:
        group, _ = _headline(original, task)  # type: ignore[misc]
        right_on_original[task] = _right(original.metric(group).outcomes)
        for variant_id, _, results in variants:
            wrong[(variant_id, task)] = len(right_on_original[task] - _right(results.metric(group).outcomes))

    rows: list[RobustnessRow] = []
    for name, members in _rows(variants):
        figures: dict[str, TaskRobustness] = {}
        for task in tasks:
            p = pooled[(name, task)]
            right = len(right_on_original[task]) * len(members)
            failures = sum(wrong[(v, task)] for v in members)
            figures[task] = TaskRobustness(
                score=p.score, half_width=half(p.score_samples), drop=p.drop, drop_half_width=half(p.drop_samples),
                right_on_original=right, wrong_on_variant=failures, invariance_failure_rate=failures / right if right else None,
            )
        transformations = sorted({t for v, ts, _ in variants if v in members for t in ts})
        kind = "variant" if len(members) == 1 and members[0] == name else "transformation"
        rows.append(RobustnessRow(name=name, kind=kind, variants=members, transformations=transformations, tasks=figures))
    return RobustnessReport(
        original={task: original.metric(_headline(original, task)[0]).values.get(_headline(original, task)[1]) for task in tasks},  # type: ignore[index]
        rows=rows,
        n_bootstrap=n_bootstrap,
        seed=seed,
        confidence=confidence,
    )


def render_robustness(report: RobustnessReport, *, variants: bool = False, markdown: bool = False) -> str:
    """A table: one row per transformation (and per variant when asked); per task the score
    ± half-width, its drop against the original ± half-width, and the invariance failure rate."""
    from naba.evaluate.report import render_table

    tasks = list(report.original)

    def cell(value: float | None, half: float | None = None, signed: bool = False) -> str:
        if value is None:
            return "undefined"
        text = f"{value:+.3f}" if signed else f"{value:.3f}"
        return text + (f" ±{half:.3f}" if half is not None else "")

    header = ["rows", "n"]
    for task in tasks:
        header += [task, "drop", "inv. fail"]
    body = [["original", "1"] + [c for t in tasks for c in (cell(report.original[t]), "", "")]]
    for row in report.rows:
        if row.kind == "variant" and not variants:
            continue
        cells = [row.name, str(len(row.variants))]
        for task in tasks:
            r = row.tasks[task]
            rate = "undefined" if r.invariance_failure_rate is None else f"{r.invariance_failure_rate:.1%}"
            cells += [cell(r.score, r.half_width), cell(r.drop, r.drop_half_width, signed=True), rate]
        body.append(cells)
    return render_table(header, body, markdown=markdown) + "\n\n" + report.bootstrap_note
