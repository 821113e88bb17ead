"""naba's scorer: every leaderboard entry and regression test goes through here.

Public API::

    from naba.evaluate import score, ScoreOptions
    results = score("predictions.jsonl")            # gold: naba.gold.records.gold_records()
    results.value("entities.strict.f1")

One idea per module: ``counts`` (tp/fp/fn and derived scores), ``spans`` (items,
overlap), ``matching`` (one-to-one maximum matching), ``entities``/``timex``/``quotes``/``events``
(the tasks), ``tokens`` (seqeval-identical IOB2), ``bootstrap`` (intervals, paired test),
``results`` (typed results, diff), ``perdoc`` (one document's count tables, assembled in gold
order), ``scorer`` (``score``), ``folder`` (a gold folder streamed, in N processes), ``report`` (tables),
``leaderboard`` (ranking), ``agreement`` (inter-annotator agreement). The submission
format and its validator are ``naba.submission``, the layer below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from naba.evaluate.counts import Counts, Ratio, SemEval
    from naba.evaluate.options import ScoreOptions
    from naba.evaluate.results import Diff, Results
    from naba.evaluate.scorer import score
    from naba.evaluate.tasks import TASKS, metric_names
    from naba.evaluate.tokens import iob2_scores

#: Public names and their modules, imported on first use: ``naba.evaluate.options`` (which every
#: command's option defaults need) must not pull in the scorer, numpy and every result model.
_PUBLIC: dict[str, str] = {
    "Counts": "counts", "Ratio": "counts", "SemEval": "counts", "ScoreOptions": "options", "Diff": "results",
    "Results": "results", "score": "scorer", "TASKS": "tasks", "metric_names": "tasks", "iob2_scores": "tokens",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'naba.evaluate' has no attribute {name!r}")
    return getattr(import_module(f"naba.evaluate.{_PUBLIC[name]}"), name)
