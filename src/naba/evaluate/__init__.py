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
format and its validator are ``naba.submission``, a layer below; ``SubmissionDocument``,
``SubmissionError``, ``from_gold``, ``load_submission`` and ``MAX_SUBMISSION_BYTES`` are part of
the scorer's API below all the same.
"""

from __future__ import annotations

from naba.evaluate.counts import Counts, Ratio, SemEval
from naba.evaluate.options import ScoreOptions
from naba.evaluate.results import Diff, Results
from naba.evaluate.scorer import score
from naba.evaluate.tasks import TASKS, metric_names
from naba.evaluate.tokens import iob2_scores
from naba.submission.model import SubmissionDocument, SubmissionError, from_gold
from naba.submission.validate import MAX_SUBMISSION_BYTES, load_submission

__all__ = [
    "Counts", "Diff", "MAX_SUBMISSION_BYTES", "Ratio", "Results", "ScoreOptions", "SemEval",
    "SubmissionDocument", "SubmissionError", "TASKS", "from_gold", "iob2_scores", "load_submission",
    "metric_names", "score",
]
