"""Scoring by split: the challenge report (the splits' gold is ``naba.corpus.splits``).

``test`` is the shipped article's gold and ``dev`` the articles of ``annotations/dev/records``;
both are scored like any gold folder. ``challenge`` is scored differently, because its documents
are not independent: a challenge submission holds the original article *and* every variant, each
document is scored against its own gold, and ``naba.evaluate.robustness`` turns the per-document
results into scores per transformation, the drop against the original and invariance failure
rates, with a bootstrap that resamples the source sentences jointly across variants.
"""

from __future__ import annotations

from typing import Sequence

from naba.corpus.splits import SPLIT_NAMES, Split, challenge_gold, split_gold
from naba.evaluate.options import ScoreOptions
from naba.evaluate.robustness import RobustnessReport, robustness
from naba.evaluate.scorer import SubmissionInput, resolve_submission, score
from naba.gold.model import Record
from naba.gold.records import gold_records

def score_challenge(
    submission: SubmissionInput,
    *,
    options: ScoreOptions | None = None,
) -> RobustnessReport:
    """The challenge report of a submission holding the test article and every variant.

    Raises ``SubmissionError`` naming every missing document (the submission validator's own
    check): a variant without its original, or the reverse, has nothing to be compared with.
    """
    options = options or ScoreOptions()
    originals = list(gold_records())
    variants = challenge_gold()
    union: list[Record] = originals + [record for _, record in variants]
    sub = resolve_submission(submission, union)
    by_id = {document.document_id: document for document in sub.documents}  # every gold document: the validator requires it
    unscored = options.model_copy(update={"n_bootstrap": 0})
    by_source = {record.document.id: record for record in originals}
    if len(by_source) != 1:
        raise ValueError("the challenge report compares one source article with its variants")
    (source,) = by_source.values()
    original = score([by_id[source.document.id]], [source], options=unscored)
    scored: list[tuple[str, Sequence[str], object]] = []
    for spec, record in variants:
        scored.append((spec.id, spec.transformations(), score([by_id[record.document.id]], [record], options=unscored)))
    return robustness(original, scored, n_bootstrap=options.n_bootstrap, seed=options.seed, confidence=options.confidence)  # type: ignore[arg-type]


__all__ = ["SPLIT_NAMES", "Split", "challenge_gold", "score_challenge", "split_gold"]
