"""naba's scorer: every leaderboard entry and regression test goes through here.

Public API::

    from naba.evaluate import score, ScoreOptions
    results = score("predictions.jsonl")            # gold: naba.gold.records.gold_records()
    results.value("entities.strict.f1")

One idea per module: ``counts`` (tp/fp/fn and derived scores), ``spans`` (items,
overlap), ``matching`` (one-to-one maximum matching), ``entities``/``timex``/``quotes``/``events``
(the tasks), ``tokens`` (seqeval-identical IOB2), ``bootstrap`` (intervals, paired test),
``results`` (typed results, diff), ``scorer`` (``score``), ``report`` (tables),
``leaderboard`` (ranking), ``agreement`` (inter-annotator agreement). The submission
format and its validator are ``naba.submission``, the layer below.
"""

from __future__ import annotations

from naba.evaluate.counts import Counts, Ratio, SemEval
from naba.evaluate.options import ScoreOptions
from naba.evaluate.results import Diff, Results
from naba.evaluate.scorer import score
from naba.evaluate.tasks import TASKS, metric_names
from naba.evaluate.tokens import iob2_scores

__all__ = [
    "Counts", "Diff", "Ratio", "Results", "ScoreOptions", "SemEval", "TASKS", "iob2_scores", "metric_names", "score",
]
