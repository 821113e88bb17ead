"""Seeded bootstrap confidence intervals and the paired bootstrap.

Unit of resampling: the *document* when the gold has more than one, otherwise
the *sentence* of the single gold document (``naba.evaluate.spans.Units``).
Each outcome (a pair, a missed gold item, a spurious prediction) belongs to one
unit: the unit of its gold item, or of the prediction if it is spurious. A
resample draws ``n_units`` units with replacement; its counts are the sums of
the drawn units' counts, and its score is derived from them like any score.

Intervals are percentile intervals over the resamples whose score is defined
(a resample may contain no gold item of a rare label); ``n_defined`` says how
many. The "±" shown in tables is half the interval's width. The draws depend
only on (seed, n_bootstrap, n_units), so two systems scored on the same gold
with the same options are resampled identically: that is the paired bootstrap
of ``compare``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from naba.evaluate.counts import PARTIAL_WEIGHT
from naba.evaluate.outcomes import Outcome

PRF_FIELDS: tuple[str, ...] = ("tp", "fp", "fn", "partial")
RATIO_FIELDS: tuple[str, ...] = ("correct", "total")


def resample_weights(n_units: int, n_bootstrap: int, seed: int, dtype: type = np.int64) -> np.ndarray:
    """How often each unit is drawn in each resample: shape (n_bootstrap, n_units), of ``dtype``
    (the counts are exact in float64 too). Counted resample by resample into the result: at
    10,000 documents the draws are 80 MB, and every further array that size (the offset draws,
    their counts, a float copy) cost a second or so to allocate (issue 15)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_units, size=(n_bootstrap, n_units))
    out = np.empty((n_bootstrap, n_units), dtype=dtype)
    for k in range(n_bootstrap):
        out[k] = np.bincount(draws[k], minlength=n_units)
    return out


def unit_counts(outcomes: Iterable[Outcome], n_units: int, kind: str) -> np.ndarray:
    """Per-unit count vectors: (n_units, 4) for PRF groups, (n_units, 2) for accuracies."""
    if kind == "prf":
        table = np.zeros((n_units, 4), dtype=np.int64)
        for o in outcomes:
            s = o.status
            if s == "tp":
                table[o.unit, 0] += 1
            elif s == "fp":
                table[o.unit, 1] += 1
            elif s == "fn":
                table[o.unit, 2] += 1
            elif s == "partial":
                table[o.unit, 3] += 1
            elif s == "incorrect":
                table[o.unit, 1] += 1
                table[o.unit, 2] += 1
        return table
    table = np.zeros((n_units, 2), dtype=np.int64)
    for o in outcomes:
        table[o.unit, 1] += 1
        if o.status == "correct":
            table[o.unit, 0] += 1
    return table


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    out = np.full(numerator.shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def sample_values(counts: np.ndarray, kind: str) -> dict[str, np.ndarray]:
    """Scores of every resample (NaN = undefined), same arithmetic as ``Counts``."""
    if kind == "prf":
        tp, fp, fn, partial = (counts[:, k].astype(np.float64) for k in range(4))
        hits = tp + PARTIAL_WEIGHT * partial
        precision = _divide(hits, tp + partial + fp)
        recall = _divide(hits, tp + partial + fn)
        # F1 as counts.f1_from: undefined only if both are; 0 if one is, or if both are 0
        undefined_p, undefined_r = np.isnan(precision), np.isnan(recall)
        denominator = precision + recall
        defined = ~undefined_p & ~undefined_r & (denominator > 0)
        f1 = np.zeros(precision.shape)
        f1[defined] = 2 * precision[defined] * recall[defined] / denominator[defined]
        f1[undefined_p & undefined_r] = np.nan
        return {"precision": precision, "recall": recall, "f1": f1}
    return {"accuracy": _divide(counts[:, 0].astype(np.float64), counts[:, 1].astype(np.float64))}


@dataclass(frozen=True)
class IntervalEstimate:
    low: float | None
    high: float | None
    n_defined: int


def percentile_interval(samples: np.ndarray, confidence: float) -> IntervalEstimate:
    defined = samples[~np.isnan(samples)]
    if defined.size == 0:
        return IntervalEstimate(None, None, 0)
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(defined, [tail, 100.0 - tail])
    return IntervalEstimate(float(low), float(high), int(defined.size))


def intervals(table: np.ndarray, kind: str, weights: np.ndarray, confidence: float) -> dict[str, IntervalEstimate]:
    """Interval of each score of one group from its per-unit count table
    (``unit_counts`` or ``Matched.unit_table``); empty when there are no resamples."""
    if weights.shape[0] == 0:
        return {}
    return resample_intervals(weights @ table, kind, confidence)


def resample_intervals(counts: np.ndarray, kind: str, confidence: float) -> dict[str, IntervalEstimate]:
    """``intervals`` from the resamples' summed counts (``weights @ table``), for a caller that
    sums many tables' columns in one matrix product."""
    return {name: percentile_interval(values, confidence) for name, values in sample_values(counts, kind).items()}


@dataclass(frozen=True)
class PairedEstimate:
    """B minus A for one score over paired resamples."""

    observed: float | None
    low: float | None
    high: float | None
    b_better: float | None
    a_better: float | None
    holds: float | None
    n_defined: int


def paired(
    outcomes_a: Sequence[Outcome], outcomes_b: Sequence[Outcome], kind: str, value: str,
    observed_a: float | None, observed_b: float | None, weights: np.ndarray, confidence: float,
) -> PairedEstimate:
    """Paired bootstrap of ``value`` (e.g. "f1"): same resamples for both systems.

    ``holds`` is the share of resamples (where both are defined) in which the
    difference has the sign of the observed difference (equality if it is 0).
    """
    observed = None if observed_a is None or observed_b is None else observed_b - observed_a
    if weights.shape[0] == 0 or observed is None:
        return PairedEstimate(observed, None, None, None, None, None, 0)
    a = sample_values(weights @ unit_counts(outcomes_a, weights.shape[1], kind), kind)[value]
    b = sample_values(weights @ unit_counts(outcomes_b, weights.shape[1], kind), kind)[value]
    both = ~np.isnan(a) & ~np.isnan(b)
    diff = (b - a)[both]
    if diff.size == 0:
        return PairedEstimate(observed, None, None, None, None, None, 0)
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(diff, [tail, 100.0 - tail])
    sign = np.sign(observed)
    return PairedEstimate(
        observed, float(low), float(high),
        float(np.mean(diff > 0)), float(np.mean(diff < 0)), float(np.mean(np.sign(diff) == sign)), int(diff.size),
    )
