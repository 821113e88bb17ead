"""Shared pieces of the quote and event models: token ranges, candidate mentions, linear models.

Why a module of its own: the quote and event models both work over *candidate mentions* (the
entity mentions and time expressions of a document, as token ranges) and both rank or classify
candidates with the same seeded liblinear models; keeping them here keeps ``quotes.py`` and
``events.py`` about their own decisions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Sequence

from naba.baselines.rules.normalization import View

SEED = 13

#: Complementizers that open reported content (general Arabic grammar, GUIDELINES.md 2.3),
#: normalised as ``naba.common.arabic.normalize`` writes them (hamza carriers folded).
COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها", "انهم", "بانهم", "انهما", "انني", "اننا", "لان"})
#: Punctuation tokens (normalised view: every quotation mark is ``"``).
QUOTE_MARK = '"'
COLON = ":"
COMMAS = frozenset({"،", ","})
STOPS = frozenset({".", "!", "?", "؟", "؛", ";"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity mention (``kind`` = entity type) or a time expression (``kind`` = ``TIMEX``),
    as a token range of the document's view plus its character span and the id it refers to."""

    first: int
    last: int
    start: int
    end: int
    kind: str
    ref: str
    mention_kind: str = "name"


def token_range(view: View, start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span covers (a token belongs when the span covers its last
    character, as in the IOB labels of the entity model); None when it covers none."""
    tokens = view.tokens
    starts = [t.start for t in tokens]
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    inside = [i for i in range(first, len(tokens)) if tokens[i].start < end and start <= tokens[i].end - 1 < end]
    if not inside:
        # a span inside one token (a proclitic-free cue inside وقال): the token that holds it
        holder = [i for i in range(first, len(tokens)) if tokens[i].start <= start < tokens[i].end]
        return (holder[0], holder[0]) if holder else None
    return inside[0], inside[-1]


def iob_tokens(n: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """IOB2 labels of ``n`` tokens from token ranges (overlaps: the first in text order wins)."""
    labels = ["O"] * n
    for first, last, label in sorted(spans):
        if any(labels[i] != "O" for i in range(first, last + 1)):
            continue
        for i in range(first, last + 1):
            labels[i] = ("B-" if i == first else "I-") + label
    return labels


def decode(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB2 -> (first, last, type); an I- without a B- opens a span (lenient, like seqeval)."""
    spans: list[tuple[int, int, str]] = []
    current: list[Any] | None = None
    for i, label in enumerate(labels):
        if label == "O":
            current = None
            continue
        prefix, kind = label.split("-", 1)
        if prefix == "B" or current is None or current[2] != kind:
            current = [i, i, kind]
            spans.append(current)  # type: ignore[arg-type]
        else:
            current[1] = i
    return [(s[0], s[1], s[2]) for s in spans]


def bucket(n: int) -> str:
    """A distance as a small set of buckets (exact up to 3, then logarithmic)."""
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


def _int32(matrix: Any) -> Any:
    """liblinear accepts only 32-bit sparse indices; recent scipy builds 64-bit ones."""
    import numpy as np
    import scipy.sparse as sp

    csr = matrix.tocsr()
    return sp.csr_matrix((csr.data, csr.indices.astype(np.int32), csr.indptr.astype(np.int32)), shape=csr.shape)


class Ranker:
    """A logistic-regression scorer of candidates (liblinear, seeded): ``score`` gives the
    decision value of "this candidate is the right one", and the caller takes the best.

    Why a binary model used as a ranker: each decision (which mention speaks, where the content
    ends) has a varying number of candidates; a pointwise logistic scorer handles that with a
    few hundred training pairs, trains in milliseconds and is deterministic. With only one class
    in its training labels it is constant (``score`` returns 0.0 everywhere).
    """

    def __init__(self, features: Sequence[dict[str, Any]], labels: Sequence[bool], c: float = 1.0) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self.fitted = len(set(labels)) > 1
        if not self.fitted:
            return
        self.vectorizer = DictVectorizer(sort=True)
        matrix = _int32(self.vectorizer.fit_transform(list(features)))
        self.model = LogisticRegression(C=c, solver="liblinear", random_state=SEED)
        self.model.fit(matrix, [int(y) for y in labels])

    def score(self, features: Sequence[dict[str, Any]]) -> list[float]:
        if not features:
            return []
        if not self.fitted:
            return [0.0] * len(features)
        return [float(v) for v in self.model.decision_function(_int32(self.vectorizer.transform(list(features))))]


class Labeller:
    """A multi-class linear SVM (liblinear, seeded) that also exposes per-class scores, so that a
    caller can restrict the choice to the labels allowed in context (event roles per type).

    Constant when the training labels have one class; ``default`` when there are none.
    """

    def __init__(self, features: Sequence[dict[str, Any]], labels: Sequence[str], default: str = "O", c: float = 0.5) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.svm import LinearSVC

        self.default = default
        classes = sorted(set(labels))
        self.constant: str | None = classes[0] if len(classes) == 1 else (default if not classes else None)
        if self.constant is not None:
            self.classes: list[str] = [self.constant]
            return
        self.vectorizer = DictVectorizer(sort=True)
        matrix = _int32(self.vectorizer.fit_transform(list(features)))
        self.model = LinearSVC(C=c, random_state=SEED)
        self.model.fit(matrix, list(labels))
        self.classes = [str(c_) for c_ in self.model.classes_]

    def scores(self, features: Sequence[dict[str, Any]]) -> list[dict[str, float]]:
        """Per item, the decision value of every class."""
        if not features:
            return []
        if self.constant is not None:
            return [{self.constant: 0.0} for _ in features]
        values = self.model.decision_function(_int32(self.vectorizer.transform(list(features))))
        if len(self.classes) == 2:  # binary liblinear gives one column: positive = classes[1]
            return [{self.classes[0]: -float(v), self.classes[1]: float(v)} for v in values]
        return [{c_: float(v) for c_, v in zip(self.classes, row)} for row in values]

    def predict(self, features: Sequence[dict[str, Any]]) -> list[str]:
        """The best class of each item (ties: the first class in sorted order)."""
        return [max(sorted(s), key=lambda c_: s[c_]) for s in self.scores(features)]
