"""Paired comparison of two systems scored on the same gold with the same options.

The two results are resampled with the *same* bootstrap draws (the draws depend
only on seed, number of resamples and number of units), and for each compared
score we report B - A, its percentile interval, and how often the difference
keeps its observed sign ("holds").
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.evaluate.bootstrap import PairedEstimate, paired, resample_weights
from naba.evaluate.results import Results


class NotComparable(ValueError):
    """The two results were not computed on the same gold with the same options."""


@dataclass(frozen=True)
class Comparison:
    metric: str
    a: float | None
    b: float | None
    estimate: PairedEstimate


def compare(a: Results, b: Results, *, all_metrics: bool = False) -> list[Comparison]:
    """Paired bootstrap of every headline (or every micro F1/accuracy) predicted by both."""
    for field in ("gold_sha256", "schema_version", "options", "units"):
        if getattr(a, field) != getattr(b, field):
            raise NotComparable(f"the two results differ in {field}: {getattr(a, field)!r} vs {getattr(b, field)!r}")
    options = a.options
    weights = resample_weights(a.units.n, options.n_bootstrap, options.seed) if options.n_bootstrap else resample_weights(a.units.n, 0, options.seed)
    out: list[Comparison] = []
    for name, task_a in a.tasks.items():
        task_b = b.tasks[name]
        if not (task_a.predicted and task_b.predicted):
            continue
        if all_metrics:
            names = [f"{group}.{'f1' if m.kind == 'prf' else 'accuracy'}" for group, m in task_a.metrics.items()]
        else:
            names = [task_a.headline]
        for metric in names:
            group, stat = metric.rsplit(".", 1)
            ma, mb = task_a.metrics[group], task_b.metrics[group]
            va, vb = ma.values[stat], mb.values[stat]
            estimate = paired(ma.outcomes, mb.outcomes, ma.kind, stat, va, vb, weights, options.confidence)
            out.append(Comparison(metric, va, vb, estimate))
    return out
