"""One document's count tables by array work: what ``scorer.score_document`` runs.

The reference computation (``scorer.reference_document_score``: each task module's ``score``,
``outcomes.prf_group`` and ``perdoc.rows_of``) builds a ``GroupScore`` per metric group,
weighs every candidate pair with a Python callback, re-indexes each label's items and pairs,
and counts statuses item by item. At 10,000 documents that per-item Python work is most of
the scorer's time (issue 15). This module gives the same ``Rows``, byte for byte
(``tests/test_arrays.py`` compares the two on random perturbed submissions), with less of it:

* a group's items on each side become integer columns (start, end, label code, unit), and its
  candidate pairs two index arrays; which pairs are admissible, and each pair's status if it
  is matched, are array expressions (a Python predicate only where the rule needs one: a
  referent, a speaker, a value set);
* the matching: a pair whose gold and predicted items have no other admissible pair is its own
  component and is matched whatever its weight (``naba.evaluate.matching``), so only pairs in
  components where items really compete are weighed (by the task module's own weight function)
  and solved by ``matching.maximum_matching``. A document's pairs are mostly alone.
* per-label matchings: when every admissible pair joins items of one label, a label's
  matching is the micro matching's restriction to it (``outcomes.restrict``); otherwise the
  same-label admissible pairs are solved once together, since no component of that graph
  crosses labels and each component is solved on its own;
* status tables (micro and every label at once) are one ``np.bincount``.

Outcomes, when kept, are built by ``outcomes.Matched.outcomes`` from the same pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from naba.evaluate import entities, events, quotes, timex
from naba.evaluate.matching import Weight, maximum_matching
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import ACCURACY_STATUSES, PRF_STATUSES, Matched, Outcome
from naba.evaluate.perdoc import DocScore, OutcomesMode, Rows
from naba.evaluate.spans import Item, Units, hull_overlapping_pairs, set_overlap
from naba.gold.model import Record
from naba.submission.model import SubmissionDocument

TP, PARTIAL, INCORRECT, FN, FP = (PRF_STATUSES.index(s) for s in ("tp", "partial", "incorrect", "fn", "fp"))
_N_PRF = len(PRF_STATUSES)
_N_ACC = len(ACCURACY_STATUSES)
_EMPTY = np.zeros(0, dtype=np.int64)

Weigh = Callable[[Item, Item], Weight | None]


@dataclass(frozen=True)
class Side:
    """One side's items of a group and their integer columns (``label``: codes into the group's
    sorted labels)."""

    items: Sequence[Item]
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    unit: np.ndarray


@dataclass(frozen=True)
class Pairs:
    """The candidate pairs of a group's two sides, with the columns every rule asks about."""

    gold: Side
    pred: Side
    labels: list[str]
    gi: np.ndarray
    pj: np.ndarray
    same_span: np.ndarray
    same_label: np.ndarray
    shared: np.ndarray  # characters the hulls share (<= 0: none)

    def item_pairs(self) -> list[tuple[Item, Item]]:
        golds, preds = self.gold.items, self.pred.items
        return [(golds[a], preds[b]) for a, b in zip(self.gi.tolist(), self.pj.tolist())]


def _side(items: Sequence[Item], code: dict[str, int]) -> Side:
    if not items:
        return Side(items, _EMPTY, _EMPTY, _EMPTY, _EMPTY)
    columns = np.array([(i.start, i.end, code[i.label], i.unit) for i in items], dtype=np.int64)
    return Side(items, columns[:, 0], columns[:, 1], columns[:, 2], columns[:, 3])


def pairs_of(golds: Sequence[Item], preds: Sequence[Item], candidates: Sequence[tuple[int, int]] | None = None) -> Pairs:
    """The group's sides and candidate pairs (default: ``hull_overlapping_pairs``, as the reference)."""
    labels = sorted({i.label for i in golds} | {i.label for i in preds})
    code = {label: k for k, label in enumerate(labels)}
    g, p = _side(golds, code), _side(preds, code)
    listed = hull_overlapping_pairs(golds, preds) if candidates is None else candidates
    if listed:
        index = np.array(listed, dtype=np.int64)
        gi, pj = index[:, 0], index[:, 1]
    else:
        gi = pj = _EMPTY
    gs, ge, ps, pe = g.start[gi], g.end[gi], p.start[pj], p.end[pj]
    return Pairs(g, p, labels, gi, pj, (gs == ps) & (ge == pe), g.label[gi] == p.label[pj], np.minimum(ge, pe) - np.maximum(gs, ps))


def _mask(values: list[bool]) -> np.ndarray:
    return np.array(values, dtype=bool) if values else np.zeros(0, dtype=bool)


def solve(pairs: Pairs, chosen: np.ndarray, weigh: Weigh) -> np.ndarray:
    """The optimal matching over the admissible candidates ``chosen`` (positions into the
    candidate arrays): the positions of its pairs, sorted by gold index. Only pairs that
    share an item with another admissible pair are weighed (module docstring)."""
    if chosen.size == 0:
        return _EMPTY
    gi, pj = pairs.gi[chosen], pairs.pj[chosen]
    alone = (np.bincount(gi)[gi] == 1) & (np.bincount(pj)[pj] == 1)
    positions = chosen[alone]
    if not alone.all():
        golds, preds = pairs.gold.items, pairs.pred.items
        rest = chosen[~alone]
        at: dict[tuple[int, int], int] = {}
        edges: list[tuple[int, int, Weight]] = []
        for k, a, b in zip(rest.tolist(), pairs.gi[rest].tolist(), pairs.pj[rest].tolist()):
            weight = weigh(golds[a], preds[b])
            if weight is None:
                raise ValueError(f"an admissible pair has no weight: {golds[a].key} / {preds[b].key}")
            at[(a, b)] = k
            edges.append((a, b, weight))
        solved = maximum_matching(lambda i: golds[i].sort_key, lambda j: preds[j].sort_key, edges)
        if solved:
            positions = np.concatenate([positions, np.array([at[edge] for edge in solved], dtype=np.int64)])
    return positions[np.argsort(pairs.gi[positions], kind="stable")]


def _prf_tables(pairs: Pairs, matched: np.ndarray, status: np.ndarray, n_units: int, n_labels: int) -> np.ndarray:
    """Status counts of a matching, shape (n_labels, n_units, 5) (``n_labels`` 1: micro, all in label 0)."""
    g, p = pairs.gold, pairs.pred
    gi, pj = pairs.gi[matched], pairs.pj[matched]
    unmatched_gold = np.ones(len(g.items), dtype=bool)
    unmatched_gold[gi] = False
    unmatched_pred = np.ones(len(p.items), dtype=bool)
    unmatched_pred[pj] = False
    if n_labels == 1:
        cells = [g.unit[gi] * _N_PRF + status[matched], g.unit[unmatched_gold] * _N_PRF + FN, p.unit[unmatched_pred] * _N_PRF + FP]
    else:
        span = n_units * _N_PRF
        cells = [g.label[gi] * span + g.unit[gi] * _N_PRF + status[matched],
                 g.label[unmatched_gold] * span + g.unit[unmatched_gold] * _N_PRF + FN,
                 p.label[unmatched_pred] * span + p.unit[unmatched_pred] * _N_PRF + FP]
    counts = np.bincount(np.concatenate(cells), minlength=n_labels * n_units * _N_PRF)
    return counts.astype(np.int64, copy=False).reshape(n_labels, n_units, _N_PRF)


def _outcomes(pairs: Pairs, matched: np.ndarray, statuses: list[str], pairs_only: bool) -> tuple[tuple[Outcome, ...], tuple[Outcome, ...]]:
    listed = list(zip(pairs.gi[matched].tolist(), pairs.pj[matched].tolist()))
    every = Matched(pairs.gold.items, pairs.pred.items, listed, statuses, pairs_only).outcomes()
    n_gold = len(every) if pairs_only else len(pairs.gold.items)
    return tuple(every[:n_gold]), tuple(every[n_gold:])


def prf_rows(name: str, pairs: Pairs, admissible: np.ndarray | None, status: np.ndarray | None, weigh: Weigh, *,
             semeval: bool, n_units: int, outcomes: OutcomesMode) -> tuple[Rows, np.ndarray]:
    """One PRF group (as ``outcomes.prf_group`` then ``perdoc.rows_of``) and its micro matching.

    ``admissible``: which candidates ``weigh`` accepts (None: all); ``status``: each candidate's
    status code if matched (None: all tp)."""
    chosen = np.flatnonzero(admissible) if admissible is not None else np.arange(pairs.gi.size)
    if status is None:
        status = np.zeros(pairs.gi.size, dtype=np.int64)
    micro = solve(pairs, chosen, weigh)
    table = _prf_tables(pairs, micro, status, n_units, 1)[0]
    n_labels = len(pairs.labels)
    if bool(pairs.same_label[chosen].all()):
        by_label = micro  # each label's matching is the micro one restricted (outcomes.restrict)
    else:
        by_label = solve(pairs, chosen[pairs.same_label[chosen]], weigh)
    tables = _prf_tables(pairs, by_label, status, n_units, n_labels)
    per_label = {label: (tables[k], semeval) for k, label in enumerate(pairs.labels)}
    gold_outcomes = fp_outcomes = None
    if outcomes == "items":
        gold_outcomes, fp_outcomes = _outcomes(pairs, micro, [PRF_STATUSES[s] for s in status[micro].tolist()], False)
    return Rows(name, "prf", semeval, table, per_label, gold_outcomes, fp_outcomes), micro


def accuracy_rows(name: str, pairs: Pairs, matched: np.ndarray, correct: np.ndarray, *, n_units: int, outcomes: OutcomesMode) -> Rows:
    """An attribute accuracy over the matched pairs ``matched`` (as ``outcomes.accuracy_group``):
    ``correct`` per candidate; per label by the gold item's label, labels of matched pairs only."""
    gi = pairs.gi[matched]
    column = np.where(correct[matched], 0, 1)
    unit, label = pairs.gold.unit[gi], pairs.gold.label[gi]
    n_labels = len(pairs.labels)
    span = n_units * _N_ACC
    counts = np.bincount(label * span + unit * _N_ACC + column, minlength=max(n_labels, 1) * span)
    tables = counts.astype(np.int64, copy=False).reshape(max(n_labels, 1), n_units, _N_ACC)
    table = tables.sum(axis=0)
    per_label = {pairs.labels[k]: (tables[k], False) for k in sorted(set(label.tolist()))}
    gold_outcomes = fp_outcomes = None
    if outcomes == "items":
        gold_outcomes, fp_outcomes = _outcomes(pairs, matched, [ACCURACY_STATUSES[c] for c in column.tolist()], True)
    return Rows(name, "accuracy", False, table, per_label, gold_outcomes, fp_outcomes)


def _entities(record: Record, doc: SubmissionDocument, units: Units, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    pairs = pairs_of(entities.gold_items(0, record, units), entities.pred_items(0, doc, units))
    admissible = pairs.shared > 0
    same_span, same_label = pairs.same_span, pairs.same_label
    status = {
        "strict": np.where(same_span & same_label, TP, INCORRECT),
        "exact": np.where(same_span, TP, INCORRECT),
        "partial": np.where(same_span, TP, PARTIAL),
        "type": np.where(same_label, TP, INCORRECT),
    }
    return tuple(prf_rows(f"entities.{mode}", pairs, admissible, status[mode], entities.RULES[mode][0], semeval=True, n_units=units.n,
                          outcomes=outcomes)[0] for mode in entities.MODES)


def _timex(record: Record, doc: SubmissionDocument, units: Units, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    pairs = pairs_of(timex.gold_items(0, record, units), timex.pred_items(0, doc, units))
    overlapping = pairs.shared > 0
    value = _mask([timex.value_right(g, p) for g, p in pairs.item_pairs()])
    anchor = _mask([timex.anchor_right(g, p) for g, p in pairs.item_pairs()])
    n = units.n
    strict, _ = prf_rows("timex.strict", pairs, pairs.same_span, None, timex.weigh_strict, semeval=False, n_units=n, outcomes=outcomes)
    relaxed, matched = prf_rows("timex.relaxed", pairs, overlapping, None, timex.weigh_relaxed, semeval=False, n_units=n, outcomes=outcomes)
    valued, _ = prf_rows("timex.value", pairs, overlapping & value, None, timex.weigh_value, semeval=False, n_units=n, outcomes=outcomes)
    return (strict, relaxed, valued,
            accuracy_rows("timex.type_accuracy", pairs, matched, pairs.same_label, n_units=n, outcomes=outcomes),
            accuracy_rows("timex.value_accuracy", pairs, matched, value, n_units=n, outcomes=outcomes),
            accuracy_rows("timex.anchor_accuracy", pairs, matched, anchor, n_units=n, outcomes=outcomes))


def _quotes(record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    g_content, g_cue = quotes.gold_items(0, record, units)
    p_content, p_cue = quotes.pred_items(0, doc, units)
    content = pairs_of(g_content, p_content)
    item_pairs = content.item_pairs()
    same_content = _mask([g.spans == p.spans for g, p in item_pairs])
    shares = _mask([set_overlap(g.spans, p.spans) > 0 for g, p in item_pairs])
    speaker = _mask([quotes.speaker_right(g, p) for g, p in item_pairs])
    cue = pairs_of(g_cue, p_cue)
    cue_admissible = cue.same_span if options.cue_match == "exact" else cue.shared > 0
    n = units.n
    strict, _ = prf_rows("quotes.content_strict", content, same_content, None, quotes.weigh_content_strict, semeval=False, n_units=n, outcomes=outcomes)
    overlapping, matched = prf_rows("quotes.content_overlap", content, shares, None, quotes.weigh_content_overlap, semeval=False, n_units=n,
                                    outcomes=outcomes)
    cues, _ = prf_rows("quotes.cue", cue, cue_admissible, None, quotes.weigh_cue(options.cue_match), semeval=False, n_units=n, outcomes=outcomes)
    speakers = accuracy_rows("quotes.speaker_accuracy", content, matched, speaker, n_units=n, outcomes=outcomes)
    quote_speaker, _ = prf_rows("quotes.quote_speaker", content, shares & speaker, None, quotes.weigh_quote_speaker, semeval=False, n_units=n,
                                outcomes=outcomes)
    return strict, overlapping, cues, speakers, quote_speaker


def _events(record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    g_trig, g_args, g_time = events.gold_items(0, record, units)
    p_trig, p_args, p_time = events.pred_items(0, doc, units)
    weigh = events.weighers(options.trigger_match, options.argument_match)
    trig = pairs_of(g_trig, p_trig)
    trig_match = trig.same_span if options.trigger_match == "exact" else trig.shared > 0
    args = pairs_of(g_args, p_args, list(events.argument_candidates(g_args, p_args)))
    refers = _mask([weigh["argument_identification"](g, p) is not None for g, p in args.item_pairs()])
    times = pairs_of(g_time, p_time)
    timed = _mask([weigh["event_time"](g, p) is not None for g, p in times.item_pairs()])
    n = units.n
    groups = (("trigger_identification", trig, trig_match), ("trigger_classification", trig, trig_match & trig.same_label),
              ("argument_identification", args, refers), ("argument_classification", args, refers & args.same_label),
              ("event_time", times, timed))
    return tuple(prf_rows(f"events.{name}", pairs, admissible, None, weigh[name], semeval=False, n_units=n, outcomes=outcomes)[0]
                 for name, pairs, admissible in groups)


def task_rows(task: str, record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    """One task's groups over one document, in the task module's group order."""
    if task == "entities":
        return _entities(record, doc, units, outcomes)
    if task == "timex":
        return _timex(record, doc, units, outcomes)
    if task == "quotes":
        return _quotes(record, doc, units, options, outcomes)
    if task == "events":
        return _events(record, doc, units, options, outcomes)
    raise ValueError(f"unknown task {task!r}")


def document_rows(record: Record, doc: SubmissionDocument, tasks: Sequence[str], units: Units, options: ScoreOptions,
                  outcomes: OutcomesMode) -> DocScore:
    """The ``DocScore`` of one document (``doc`` already made canonical for ``fused_lam``)."""
    return DocScore(record.document.id, units.n, {task: task_rows(task, record, doc, units, options, outcomes) for task in tasks})
