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

    base: dict[str, tuple[np.ndarray, float | None, set[str], np.ndarray]] = {}
    for task in tasks:
        group, stat = _headline(original, task)  # type: ignore[misc]
        metric = original.metric(group)
        table = unit_counts(metric.outcomes, n_units, "prf")
        samples = sample_values(weights @ table, "prf")[stat] if n_bootstrap else np.zeros(0)
        base[task] = (table, metric.values.get(stat), _right(metric.outcomes), samples)

    per_variant: dict[str, dict[str, tuple[np.ndarray, int, int]]] = {}
    for variant_id, _, results in variants:
        per_variant[variant_id] = {}
        for task in tasks:
            group, _ = _headline(original, task)  # type: ignore[misc]
            metric = results.metric(group)
            right = _right(metric.outcomes)
            original_right = base[task][2]
            per_variant[variant_id][task] = (unit_counts(metric.outcomes, n_units, "prf"), len(original_right), len(original_right - right))

    def pooled(name: str, kind: str, members: list[tuple[str, Sequence[str]]]) -> RobustnessRow:
        out: dict[str, TaskRobustness] = {}
        for task in tasks:
            _, stat = _headline(original, task)  # type: ignore[misc]
            table = sum((per_variant[v][task][0] for v, _ in members), np.zeros((n_units, 4), dtype=np.int64))
            totals = table.sum(axis=0)
            counts = Counts(int(totals[0]), int(totals[1]), int(totals[2]), int(totals[3]))
            score = counts.values()[stat]
            original_score = base[task][1]
            drop = None if score is None or original_score is None else score - original_score
            half = drop_half = None
            if n_bootstrap:
                samples = sample_values(weights @ table, "prf")[stat]
                interval = percentile_interval(samples, confidence)
                drop_interval = percentile_interval(samples - base[task][3], confidence)
                half = None if interval.low is None else (interval.high - interval.low) / 2  # type: ignore[operator]
                drop_half = None if drop_interval.low is None else (drop_interval.high - drop_interval.low) / 2  # type: ignore[operator]
            right = sum(per_variant[v][task][1] for v, _ in members)
            wrong = sum(per_variant[v][task][2] for v, _ in members)
            out[task] = TaskRobustness(score=score, half_width=half, drop=drop, drop_half_width=drop_half,
                                       right_on_original=right, wrong_on_variant=wrong,
                                       invariance_failure_rate=wrong / right if right else None)
        transformations = sorted({t for _, ts in members for t in ts})
        return RobustnessRow(name=name, kind=kind, variants=[v for v, _ in members], transformations=transformations, tasks=out)

    rows: list[RobustnessRow] = []
    names = []
    for _, transformations, _ in variants:
        for t in transformations:
            if t not in names:
                names.append(t)
    for transformation in names:
        members = [(v, ts) for v, ts, _ in variants if transformation in ts]
        rows.append(pooled(transformation, "transformation", members))
    rows.append(pooled("all variants", "transformation", [(v, ts) for v, ts, _ in variants]))
    rows += [pooled(v, "variant", [(v, ts)]) for v, ts, _ in variants]
    return RobustnessReport(
        original={task: base[task][1] for task in tasks},
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
