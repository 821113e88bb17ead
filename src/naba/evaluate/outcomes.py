"""From a matching to counts and per-item outcomes.

A metric *group* (e.g. ``entities.strict``) pairs gold and predicted items with
``maximum_matching`` and classifies every item: a matched pair is ``tp``,
``partial`` or ``incorrect`` (SemEval categories, where a mode distinguishes
them), an unmatched gold item is ``fn`` (missed), an unmatched prediction is
``fp`` (spurious). Accuracy groups classify matched pairs as ``correct`` or
``wrong``. Counts are always derived from the outcomes, so the per-item record
and the numbers can never disagree, and bootstrap units are summed from them.

Per-label numbers re-run the whole group on the gold and predicted items of one
label (as nervaluate >= 1.0 does for its per-type results): for modes that need
the label to agree (``entities.strict``) they add up to the micro counts, for
label-blind modes (``entities.exact``) they answer "how well were the PER items
found among the PER predictions" and need not add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Literal, NamedTuple, Sequence

from naba.evaluate.counts import Counts, Ratio, SemEval
from naba.evaluate.matching import Weight, maximum_matching
from naba.evaluate.spans import Item, hull_overlapping_pairs

if TYPE_CHECKING:
    import numpy as np

Status = Literal["tp", "partial", "incorrect", "fn", "fp", "correct", "wrong"]
PRF_STATUSES: tuple[str, ...] = ("tp", "partial", "incorrect", "fn", "fp")
ACCURACY_STATUSES: tuple[str, ...] = ("correct", "wrong")
#: Statuses under which a gold item counts as found.
CREDITED: frozenset[str] = frozenset({"tp", "partial", "correct"})


class Outcome(NamedTuple):
    """What happened to one gold item, one prediction, or one matched pair.

    A named tuple (cheap: one per item per metric); JSON shows it as an object.
    """

    status: str
    gold: str | None
    pred: str | None
    sig: str | None
    unit: int


@dataclass(frozen=True)
class Matched:
    """The compact result of one matching: the items, the pairs, each pair's status.

    Outcomes are built from it only when asked (``outcomes()``), so scoring
    many items does not allocate an object per item per metric.
    ``pairs_only``: an accuracy group, whose outcomes are its pairs.
    """

    golds: Sequence[Item]
    preds: Sequence[Item]
    pairs: Sequence[tuple[int, int]]
    statuses: Sequence[str]
    pairs_only: bool = False

    def outcomes(self) -> list[Outcome]:
        """Gold items in gold order (unmatched ones as ``fn``), then spurious
        predictions sorted by (signature, key), which does not depend on their order."""
        golds, preds = self.golds, self.preds
        if self.pairs_only:
            return [Outcome(st, golds[i].key, preds[j].key, preds[j].sig, golds[i].unit) for (i, j), st in zip(self.pairs, self.statuses)]
        partner = {i: (j, st) for (i, j), st in zip(self.pairs, self.statuses)}
        out: list[Outcome] = []
        for i, g in enumerate(golds):
            hit = partner.get(i)
            if hit is None:
                out.append(Outcome("fn", g.key, None, None, g.unit))
            else:
                p = preds[hit[0]]
                out.append(Outcome(hit[1], g.key, p.key, p.sig, g.unit))
        matched = {j for _, j in self.pairs}
        spurious = sorted((p for j, p in enumerate(preds) if j not in matched), key=lambda p: (p.sig, p.key))
        out.extend(Outcome("fp", None, p.key, p.sig, p.unit) for p in spurious)
        return out

    def tally(self) -> dict[str, int]:
        """How many outcomes of each status (without building them)."""
        out = {status: 0 for status in (ACCURACY_STATUSES if self.pairs_only else PRF_STATUSES)}
        for status in self.statuses:
            out[status] += 1
        if not self.pairs_only:
            out["fn"] = len(self.golds) - len(self.pairs)
            out["fp"] = len(self.preds) - len(self.pairs)
        return out

    def counts(self) -> Counts | Ratio:
        t = self.tally()
        if self.pairs_only:
            return Ratio(t["correct"], t["correct"] + t["wrong"])
        return Counts(t["tp"], t["fp"] + t["incorrect"], t["fn"] + t["incorrect"], t["partial"])

    def semeval(self) -> SemEval:
        t = self.tally()
        return SemEval(t["tp"], t["incorrect"], t["partial"], t["fn"], t["fp"])

    def unit_table(self, n_units: int) -> "np.ndarray":
        """Per-unit counts for the bootstrap: (tp, fp, fn, partial) or (correct, total)."""
        import numpy as np

        golds, preds = self.golds, self.preds
        if self.pairs_only:
            table = np.zeros((n_units, 2), dtype=np.int64)
            for (i, _), st in zip(self.pairs, self.statuses):
                table[golds[i].unit, 1] += 1
                table[golds[i].unit, 0] += st == "correct"
            return table
        column = {"tp": (0,), "partial": (3,), "incorrect": (1, 2)}
        table = np.zeros((n_units, 4), dtype=np.int64)
        gold_units = np.fromiter((g.unit for g in golds), dtype=np.int64, count=len(golds))
        pred_units = np.fromiter((p.unit for p in preds), dtype=np.int64, count=len(preds))
        matched_gold = np.zeros(len(golds), dtype=bool)
        matched_pred = np.zeros(len(preds), dtype=bool)
        for (i, j), st in zip(self.pairs, self.statuses):
            matched_gold[i] = True
            matched_pred[j] = True
            for k in column[st]:
                table[gold_units[i], k] += 1
        np.add.at(table[:, 2], gold_units[~matched_gold], 1)
        np.add.at(table[:, 1], pred_units[~matched_pred], 1)
        return table


@dataclass(frozen=True)
class LabelScore:
    counts: Counts | Ratio
    semeval: SemEval | None
    matched: Matched


@dataclass(frozen=True)
class GroupScore:
    """One metric group before uncertainty is attached (see ``naba.evaluate.scorer``)."""

    name: str
    kind: Literal["prf", "accuracy"]
    counts: Counts | Ratio
    semeval: SemEval | None
    matched: Matched
    per_label: dict[str, LabelScore] = field(default_factory=dict)

    @property
    def outcomes(self) -> list[Outcome]:
        return self.matched.outcomes()


Candidates = Callable[[Sequence[Item], Sequence[Item]], Iterable[tuple[int, int]]]
Restrictions = dict[str, tuple[list[Item], list[Item], list[tuple[int, int]]]]
Weigh = Callable[[Item, Item], Weight | None]
Classify = Callable[[Item, Item], str]


def weighted_pairs(golds: Sequence[Item], preds: Sequence[Item], weigh: Weigh, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int, Weight]]:
    """The admissible pairs among ``pairs`` with their weights (``weigh`` not None)."""
    weighted = []
    for i, j in pairs:
        weight = weigh(golds[i], preds[j])
        if weight is not None:
            weighted.append((i, j, weight))
    return weighted


def match_items(
    golds: Sequence[Item], preds: Sequence[Item], weigh: Weigh, candidates: Candidates = hull_overlapping_pairs,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """The optimal one-to-one pairing of ``golds`` and ``preds`` under ``weigh``.

    ``pairs`` (index pairs to consider) defaults to ``candidates(golds, preds)``.
    """
    weighted = weighted_pairs(golds, preds, weigh, candidates(golds, preds) if pairs is None else pairs)
    return maximum_matching(lambda i: golds[i].sort_key, lambda j: preds[j].sort_key, weighted)


def prf_matched(
    golds: Sequence[Item], preds: Sequence[Item], weigh: Weigh, classify: Classify, candidates: Candidates = hull_overlapping_pairs,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> Matched:
    matches = match_items(golds, preds, weigh, candidates, pairs)
    return Matched(golds, preds, matches, [classify(golds[i], preds[j]) for i, j in matches])


def restrict(matched: Matched, restrictions: Restrictions) -> dict[str, Matched]:
    """The matching restricted to each label's items, re-indexed as ``restrictions`` index them.

    When every admissible pair joins items of one label, each label's own matching *is* this
    restriction: its pair graph is the union of the components holding that label's items,
    and the matching is solved per component by an order-based rule (``naba.evaluate.matching``),
    so re-solving it would find the same pairs.
    """
    g_index: dict[int, int] = {}
    p_index: dict[int, int] = {}
    counters: dict[str, list[int]] = {}
    for i, g in enumerate(matched.golds):
        c = counters.setdefault(g.label, [0, 0])
        g_index[i] = c[0]
        c[0] += 1
    for j, p in enumerate(matched.preds):
        c = counters.setdefault(p.label, [0, 0])
        p_index[j] = c[1]
        c[1] += 1
    pairs: dict[str, list[tuple[int, int]]] = {label: [] for label in restrictions}
    statuses: dict[str, list[str]] = {label: [] for label in restrictions}
    for (i, j), status in zip(matched.pairs, matched.statuses):
        label = matched.golds[i].label
        pairs[label].append((g_index[i], p_index[j]))
        statuses[label].append(status)
    return {label: Matched(sub_golds, sub_preds, pairs[label], statuses[label]) for label, (sub_golds, sub_preds, _) in restrictions.items()}


def by_label_restrictions(
    golds: Sequence[Item], preds: Sequence[Item], pairs: Sequence[tuple[int, int]]
) -> dict[str, tuple[list[Item], list[Item], list[tuple[int, int]]]]:
    """For each label seen on either side: its items on both sides and the
    candidate pairs among them, re-indexed (one pass over the pairs)."""
    g_index: dict[int, int] = {}
    p_index: dict[int, int] = {}
    out: dict[str, tuple[list[Item], list[Item], list[tuple[int, int]]]] = {}
    for i, g in enumerate(golds):
        bucket = out.setdefault(g.label, ([], [], []))
        g_index[i] = len(bucket[0])
        bucket[0].append(g)
    for j, p in enumerate(preds):
        bucket = out.setdefault(p.label, ([], [], []))
        p_index[j] = len(bucket[1])
        bucket[1].append(p)
    for i, j in pairs:
        label = golds[i].label
        if preds[j].label == label:
            out[label][2].append((g_index[i], p_index[j]))
    return {label: out[label] for label in sorted(out)}


def prf_group(
    name: str,
    golds: Sequence[Item],
    preds: Sequence[Item],
    weigh: Weigh,
    classify: Classify,
    *,
    candidates: Candidates = hull_overlapping_pairs,
    pairs: Sequence[tuple[int, int]] | None = None,
    restrictions: Restrictions | None = None,
    semeval: bool = False,
    by_label: bool = True,
) -> GroupScore:
    """Score one PRF group, micro and per label (labels seen on either side).

    ``pairs`` may pass precomputed ``candidates(golds, preds)`` and
    ``restrictions`` precomputed ``by_label_restrictions`` (shared by groups over
    the same items); per-label runs consider the same pairs restricted to the
    label, which are exactly the candidates a separate run would see.
    """
    if pairs is None:
        pairs = list(candidates(golds, preds))
    weighted = weighted_pairs(golds, preds, weigh, pairs)
    matches = maximum_matching(lambda i: golds[i].sort_key, lambda j: preds[j].sort_key, weighted)
    matched = Matched(golds, preds, matches, [classify(golds[i], preds[j]) for i, j in matches])
    per_label: dict[str, LabelScore] = {}
    if by_label:
        if restrictions is None:
            restrictions = by_label_restrictions(golds, preds, pairs)
        if all(golds[i].label == preds[j].label for i, j, _ in weighted):
            subs = restrict(matched, restrictions)  # each label's matching, without solving it again
        else:
            subs = {label: prf_matched(sub_golds, sub_preds, weigh, classify, pairs=sub_pairs)
                    for label, (sub_golds, sub_preds, sub_pairs) in restrictions.items()}
        for label, sub in subs.items():
            per_label[label] = LabelScore(sub.counts(), sub.semeval() if semeval else None, sub)
    return GroupScore(name, "prf", matched.counts(), matched.semeval() if semeval else None, matched, per_label)


def accuracy_group(
    name: str, golds: Sequence[Item], preds: Sequence[Item], matches: Sequence[tuple[int, int]], correct: Callable[[Item, Item], bool]
) -> GroupScore:
    """An attribute accuracy over matched pairs, per label by the gold item's label."""
    ordered = sorted(matches)
    matched = Matched(golds, preds, ordered, ["correct" if correct(golds[i], preds[j]) else "wrong" for i, j in ordered], pairs_only=True)
    per_label: dict[str, LabelScore] = {}
    for label in sorted({golds[i].label for i, _ in ordered}):
        keep = [k for k, (i, _) in enumerate(ordered) if golds[i].label == label]
        sub = Matched(golds, preds, [ordered[k] for k in keep], [matched.statuses[k] for k in keep], pairs_only=True)
        per_label[label] = LabelScore(sub.counts(), None, sub)
    return GroupScore(name, "accuracy", matched.counts(), None, matched, per_label)
