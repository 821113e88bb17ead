"""Scoring by split: the challenge report (the splits' gold is ``naba.corpus.splits``).

``test`` is the shipped article's gold and ``dev`` the articles of ``annotations/dev/records``;
both are scored like any gold folder. ``challenge`` is scored differently, because its documents
are not independent: a challenge submission holds the original article *and* every variant, each
document is scored against its own gold, and ``naba.evaluate.robustness`` turns the per-document
results into scores per transformation, the drop against the original and invariance failure
rates, with a bootstrap that resamples the source sentences jointly across variants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from naba.evaluate.bootstrap import percentile_interval, resample_weights
from naba.evaluate.results import Results

from naba.corpus.splits import SPLIT_NAMES, Split, challenge_gold, split_gold
from naba.evaluate.options import ScoreOptions
from naba.evaluate.robustness import RobustnessReport, pooled_samples, robustness
from naba.evaluate.scorer import SubmissionInput, resolve_submission, score
from naba.gold.model import Record
from naba.gold.records import gold_records

def _challenge_results(submission: SubmissionInput, options: ScoreOptions) -> tuple[Results, list[tuple[str, Sequence[str], Results]]]:
    """The submission's results on the test article and on each variant (no intervals)."""
    originals = list(gold_records())
    variants = challenge_gold()
    union: list[Record] = originals + [record for _, record in variants]
    sub = resolve_submission(submission, union)
    by_id = {document.document_id: document for document in sub.documents}  # every gold document: the validator requires it
    if len(originals) != 1:
        raise ValueError("the challenge report compares one source article with its variants")
    (source,) = originals
    unscored = options.model_copy(update={"n_bootstrap": 0})
    original = score([by_id[source.document.id]], [source], options=unscored)
    scored: list[tuple[str, Sequence[str], Results]] = [
        (spec.id, spec.transformations(), score([by_id[record.document.id]], [record], options=unscored)) for spec, record in variants
    ]
    return original, scored


def score_challenge(submission: SubmissionInput, *, options: ScoreOptions | None = None) -> RobustnessReport:
    """The challenge report of a submission holding the test article and every variant.

    Raises ``SubmissionError`` naming every missing document (the submission validator's own
    check): a variant without its original, or the reverse, has nothing to be compared with.
    """
    options = options or ScoreOptions()
    original, scored = _challenge_results(submission, options)
    return robustness(original, scored, n_bootstrap=options.n_bootstrap, seed=options.seed, confidence=options.confidence)


@dataclass(frozen=True)
class ChallengeComparison:
    """B - A on one (row, task) of the challenge report, with paired intervals."""

    row: str
    task: str
    a_score: float | None
    b_score: float | None
    score_diff: float | None
    score_interval: tuple[float | None, float | None]
    a_drop: float | None
    b_drop: float | None
    drop_diff: float | None
    drop_interval: tuple[float | None, float | None]


def compare_challenge(a: SubmissionInput, b: SubmissionInput, *, options: ScoreOptions | None = None, variants: bool = False) -> list[ChallengeComparison]:
    """Two systems on the challenge split, paired: both are weighed by the same joint resamples."""
    options = options or ScoreOptions()
    a_original, a_scored = _challenge_results(a, options)
    b_original, b_scored = _challenge_results(b, options)
    n_units = a_original.units.n
    weights = resample_weights(n_units, options.n_bootstrap, options.seed) if options.n_bootstrap else np.zeros((0, n_units), dtype=np.int64)
    pa, pb = pooled_samples(a_original, a_scored, weights), pooled_samples(b_original, b_scored, weights)
    variant_ids = {v for v, _, _ in a_scored}

    def diff(x: float | None, y: float | None) -> float | None:
        return None if x is None or y is None else y - x

    def interval(samples: np.ndarray) -> tuple[float | None, float | None]:
        if not options.n_bootstrap:
            return (None, None)
        estimate = percentile_interval(samples, options.confidence)
        return (estimate.low, estimate.high)

    out = []
    for key in pa:
        if key not in pb or (key[0] in variant_ids and not variants):
            continue
        x, y = pa[key], pb[key]
        out.append(ChallengeComparison(key[0], key[1], x.score, y.score, diff(x.score, y.score), interval(y.score_samples - x.score_samples),
                                       x.drop, y.drop, diff(x.drop, y.drop), interval(y.drop_samples - x.drop_samples)))
    return out

__all__ = ["ChallengeComparison", "SPLIT_NAMES", "Split", "challenge_gold", "compare_challenge", "score_challenge", "split_gold"]
