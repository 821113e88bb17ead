"""Counts that add up, and the scores derived from them.

Why counts and not scores: counts of two documents (or two bootstrap units) add
up; precisions do not. Every score naba reports is derived from these counts at
the last moment, so a sum over units, a bootstrap resample and a per-label slice
all go through the same arithmetic (in the spirit of spaCy's ``PRFScore``).

Undefined is ``None``, never a silent 0: precision is undefined when nothing was
predicted, recall when nothing is in the gold, F1 only when both sides are empty
(``2tp / (2tp + fp + fn)`` is defined as soon as either side has an item).

The float arithmetic follows seqeval/scikit-learn exactly (``tp / (tp + fp)``,
``2 * p * r / (p + r)``) so that numbers compared with seqeval are bit-identical,
and nervaluate's SemEval formula for partial matches (a partial match is worth
half a true positive on both sides).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Weight of a SemEval-2013 "partial" match in precision and recall (nervaluate).
PARTIAL_WEIGHT = 0.5


def _ratio(numerator: float, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def f1_from(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean with seqeval's float order; ``None`` only if both are undefined.

    If exactly one side is undefined, nothing was matched (``tp == 0``) while the
    other side has items, so F1 is 0 (as ``2tp / (2tp + fp + fn)`` says).
    """
    if precision is None and recall is None:
        return None
    if precision is None or recall is None:
        return 0.0
    denominator = precision + recall
    if denominator == 0:
        return 0.0
    return 2 * precision * recall / denominator


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives, and SemEval partial matches.

    ``partial`` is non-zero only in the entity ``partial`` mode: a partial match is
    one predicted and one gold item, each worth ``PARTIAL_WEIGHT`` of a hit.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    partial: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.partial + other.partial)

    @property
    def n_pred(self) -> int:
        return self.tp + self.partial + self.fp

    @property
    def n_gold(self) -> int:
        return self.tp + self.partial + self.fn

    @property
    def hits(self) -> float:
        return self.tp + PARTIAL_WEIGHT * self.partial if self.partial else self.tp

    @property
    def precision(self) -> float | None:
        return _ratio(self.hits, self.n_pred)

    @property
    def recall(self) -> float | None:
        return _ratio(self.hits, self.n_gold)

    @property
    def f1(self) -> float | None:
        return f1_from(self.precision, self.recall)

    def values(self) -> dict[str, float | None]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Ratio:
    """An accuracy over matched pairs: ``correct`` of ``total``; undefined if no pair."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: "Ratio") -> "Ratio":
        if not isinstance(other, Ratio):
            return NotImplemented
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def values(self) -> dict[str, float | None]:
        return {"accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class SemEval:
    """The five SemEval-2013 categories nervaluate reports for one mode.

    ``correct + incorrect + partial + spurious`` is every prediction (ACT) and
    ``correct + incorrect + partial + missed`` every gold item (POS).
    """

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    def __add__(self, other: "SemEval") -> "SemEval":
        if not isinstance(other, SemEval):
            return NotImplemented
        return SemEval(
            self.correct + other.correct,
            self.incorrect + other.incorrect,
            self.partial + other.partial,
            self.missed + other.missed,
            self.spurious + other.spurious,
        )

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    def to_counts(self) -> Counts:
        """An incorrect match is a false positive *and* a false negative."""
        return Counts(
            tp=self.correct,
            fp=self.incorrect + self.spurious,
            fn=self.incorrect + self.missed,
            partial=self.partial,
        )
