"""Scoring one document at a time, then assembling the documents in gold order.

Every matching naba does pairs items of one document only (candidates never
cross documents, and the matching is solved per connected component), so a
score over many documents is the sum of each document's score. This module
makes that the shape of the computation: ``score_document`` scores one gold
record against its submission record and keeps, per metric group and label,
a small table of status counts per bootstrap unit (``Rows``); ``Assembly``
stacks those tables in gold order and turns them into the ``Results`` the
whole-corpus computation gives, byte for byte (``tests/test_perdoc.py``
compares the two on every committed submission and on random ones).

Why: held as pydantic models, a gold record and its submission take about a
megabyte per article-sized document, and every item's outcome is a Python
object. Scored document by document, only the count tables (and the outcomes,
when asked for) outlive a document, so memory no longer grows with the
models, and documents can be scored in parallel processes
(``naba.evaluate.folder``).

A table's columns are the statuses of ``naba.evaluate.outcomes``
(``PRF_STATUSES``: tp, partial, incorrect, fn, fp; ``ACCURACY_STATUSES``:
correct, wrong); a matched pair counts at its gold item's unit, a spurious
prediction at its own. The bootstrap's (tp, fp, fn, partial) / (correct,
total) tables, the counts and the SemEval categories are all sums of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Sequence

import numpy as np

from naba.evaluate.counts import Counts, Ratio, SemEval
from naba.evaluate.outcomes import ACCURACY_STATUSES, PRF_STATUSES, GroupScore, Matched, Outcome
from naba.evaluate.spans import Units

OutcomesMode = Literal["items", "omitted"]
OUTCOMES_MODES: tuple[str, ...] = ("items", "omitted")

_PRF_COLUMN = {status: k for k, status in enumerate(PRF_STATUSES)}
_ACCURACY_COLUMN = {status: k for k, status in enumerate(ACCURACY_STATUSES)}


def status_table(matched: Matched, n_units: int) -> np.ndarray:
    """Counts of each status per unit: shape (n_units, 5) for PRF, (n_units, 2) for accuracy."""
    golds, preds = matched.golds, matched.preds
    if matched.pairs_only:
        table = np.zeros((n_units, len(ACCURACY_STATUSES)), dtype=np.int64)
        for (i, _), status in zip(matched.pairs, matched.statuses):
            table[golds[i].unit, _ACCURACY_COLUMN[status]] += 1
        return table
    table = np.zeros((n_units, len(PRF_STATUSES)), dtype=np.int64)
    matched_gold = [False] * len(golds)
    matched_pred = [False] * len(preds)
    for (i, j), status in zip(matched.pairs, matched.statuses):
        matched_gold[i] = matched_pred[j] = True
        table[golds[i].unit, _PRF_COLUMN[status]] += 1
    fn, fp = _PRF_COLUMN["fn"], _PRF_COLUMN["fp"]
    for g, hit in zip(golds, matched_gold):
        if not hit:
            table[g.unit, fn] += 1
    for p, hit in zip(preds, matched_pred):
        if not hit:
            table[p.unit, fp] += 1
    return table


def counts_of(kind: str, row: np.ndarray) -> Counts | Ratio:
    """The counts of a summed status row (as ``Matched.counts``)."""
    if kind == "accuracy":
        correct, wrong = (int(x) for x in row)
        return Ratio(correct, correct + wrong)
    tp, partial, incorrect, fn, fp = (int(x) for x in row)
    return Counts(tp, fp + incorrect, fn + incorrect, partial)


def semeval_of(row: np.ndarray) -> SemEval:
    tp, partial, incorrect, fn, fp = (int(x) for x in row)
    return SemEval(tp, incorrect, partial, fn, fp)


def bootstrap_table(kind: str, table: np.ndarray) -> np.ndarray:
    """The bootstrap's per-unit table from a status table: (tp, fp, fn, partial) with an
    incorrect pair counted as both fp and fn, or (correct, total); as ``Matched.unit_table``."""
    if kind == "accuracy":
        return np.stack([table[:, 0], table[:, 0] + table[:, 1]], axis=1)
    tp, partial, incorrect, fn, fp = (table[:, k] for k in range(5))
    return np.stack([tp, fp + incorrect, fn + incorrect, partial], axis=1)


@dataclass(frozen=True)
class Rows:
    """One group in one document: status tables (micro and per label), and the outcomes when kept.

    ``semeval``: whether the group reports SemEval categories (micro, and per label).
    ``gold_outcomes`` are in the document's gold order; ``fp_outcomes`` are the spurious
    predictions (empty for an accuracy group, whose outcomes are its pairs); their ``unit``
    is the document's own and is restamped when the documents are assembled.
    """

    name: str
    kind: Literal["prf", "accuracy"]
    semeval: bool
    micro: np.ndarray
    per_label: dict[str, tuple[np.ndarray, bool]]
    gold_outcomes: tuple[Outcome, ...] | None
    fp_outcomes: tuple[Outcome, ...] | None


@dataclass(frozen=True)
class DocScore:
    """Every predicted task's groups for one document (tasks the submission omits are absent).

    Pickled compactly (a scoring worker sends one per document): every table in one integer
    array and the rest as plain tuples, where pickling a hundred small arrays one by one was
    about 0.7 ms per document between the worker and the caller (``_packed``, ``_unpacked``)."""

    document_id: str
    n_units: int
    tasks: dict[str, tuple[Rows, ...]]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _unpacked, _packed(self)


def _packed(doc: DocScore) -> tuple[Any, ...]:
    """(document id, units, per task: per group its fields with each table as its shape, every
    table's cells in one int64 array)."""
    cells: list[np.ndarray] = []

    def shape(table: np.ndarray) -> tuple[int, ...]:
        cells.append(table.ravel())
        return table.shape

    tasks = tuple(
        (task, tuple((r.name, r.kind, r.semeval, shape(r.micro), tuple((label, shape(t), semeval) for label, (t, semeval) in r.per_label.items()),
                      r.gold_outcomes, r.fp_outcomes) for r in rows))
        for task, rows in doc.tasks.items()
    )
    flat = np.concatenate(cells).astype(np.int64, copy=False) if cells else np.zeros(0, dtype=np.int64)
    return doc.document_id, doc.n_units, tasks, flat


def _unpacked(document_id: str, n_units: int, tasks: tuple[Any, ...], flat: np.ndarray) -> DocScore:
    at = 0

    def table(shape: tuple[int, int]) -> np.ndarray:  # status tables are (units, statuses)
        nonlocal at
        start = at
        at += shape[0] * shape[1]
        return flat[start:at].reshape(shape)

    out: dict[str, tuple[Rows, ...]] = {}
    for task, rows in tasks:
        built = []
        for name, kind, semeval, micro, labels, gold_outcomes, fp_outcomes in rows:
            micro_table = table(micro)
            built.append(Rows(name, kind, semeval, micro_table, {label: (table(s), has) for label, s, has in labels}, gold_outcomes, fp_outcomes))
        out[task] = tuple(built)
    return DocScore(document_id, n_units, out)


def rows_of(group: GroupScore, n_units: int, outcomes: OutcomesMode) -> Rows:
    """The compact form of one document's ``GroupScore``."""
    matched = group.matched
    gold_outcomes: tuple[Outcome, ...] | None = None
    fp_outcomes: tuple[Outcome, ...] | None = None
    if outcomes == "items":
        every = matched.outcomes()
        n_gold = len(every) if matched.pairs_only else len(matched.golds)
        gold_outcomes, fp_outcomes = tuple(every[:n_gold]), tuple(every[n_gold:])
    per_label = {label: (status_table(sub.matched, n_units), sub.semeval is not None) for label, sub in group.per_label.items()}
    return Rows(group.name, group.kind, group.semeval is not None, status_table(matched, n_units), per_label, gold_outcomes, fp_outcomes)


def document_score(document_id: str, groups_by_task: dict[str, list[GroupScore]], units: Units, outcomes: OutcomesMode) -> DocScore:
    """A ``DocScore`` from the task scorers' groups over one document scored with ``units``."""
    return DocScore(document_id, units.n, {task: tuple(rows_of(g, units.n, outcomes) for g in groups) for task, groups in groups_by_task.items()})


@dataclass
class _Accumulator:
    kind: Literal["prf", "accuracy"]
    semeval: bool
    micro: list[np.ndarray] = field(default_factory=list)
    #: per label, the units of its tables' rows (one per row, in order) and the tables
    labels: dict[str, tuple[list[int], list[np.ndarray]]] = field(default_factory=dict)
    label_semeval: dict[str, bool] = field(default_factory=dict)
    gold_outcomes: list[Outcome] = field(default_factory=list)
    fp_outcomes: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class AssembledGroup:
    """One group over every document: status tables of shape (n_units, columns) and outcomes."""

    name: str
    kind: Literal["prf", "accuracy"]
    semeval: bool
    table: np.ndarray
    per_label: dict[str, tuple[np.ndarray, bool]]
    outcomes: list[Outcome] | None


class Assembly:
    """Document scores added in gold order; ``groups()`` gives each task's groups over all.

    The documents' units are laid end to end (a document of ``n`` units takes the
    next ``n``), which is the whole-corpus numbering: one unit per document, or the
    sentences of a single document.
    """

    def __init__(self, outcomes: OutcomesMode) -> None:
        if outcomes not in OUTCOMES_MODES:
            raise ValueError(f"outcomes must be one of {', '.join(OUTCOMES_MODES)}, got {outcomes!r}")
        self.outcomes: OutcomesMode = outcomes
        self.n_units = 0
        self._tasks: dict[str, dict[str, _Accumulator]] = {}
        self._order: dict[str, list[str]] = {}

    def add(self, doc: DocScore) -> None:
        # run in the caller's process once per document, beside the workers (issue 15): nothing
        # is built that is not kept (an accumulator or a label's lists only when first seen)
        offset = self.n_units
        for task, rows in doc.tasks.items():
            groups = self._tasks.setdefault(task, {})
            if task not in self._order:
                self._order[task] = [r.name for r in rows]
            elif self._order[task] != [r.name for r in rows]:
                raise ValueError(f"task {task!r}: groups {[r.name for r in rows]} differ from {self._order[task]}")
            for r in rows:
                acc = groups.get(r.name)
                if acc is None:
                    acc = groups[r.name] = _Accumulator(r.kind, r.semeval)
                acc.micro.append(r.micro)
                labels, label_semeval = acc.labels, acc.label_semeval
                for label, (table, has_semeval) in r.per_label.items():
                    held = labels.get(label)
                    if held is None:
                        held = labels[label] = ([], [])
                    rows_of_table = table.shape[0]
                    held[0].extend(range(offset, offset + rows_of_table)) if rows_of_table != 1 else held[0].append(offset)
                    held[1].append(table)
                    label_semeval[label] = has_semeval
                if self.outcomes == "items":
                    for source, target in ((r.gold_outcomes, acc.gold_outcomes), (r.fp_outcomes, acc.fp_outcomes)):
                        if source is None:
                            raise ValueError("a document scored without outcomes added to an assembly that keeps them")
                        target.extend(o._replace(unit=o.unit + offset) for o in source) if offset else target.extend(source)
        self.n_units += doc.n_units

    def groups(self, task: str) -> list[AssembledGroup]:
        out: list[AssembledGroup] = []
        for name in self._order.get(task, []):
            acc = self._tasks[task][name]
            columns = len(ACCURACY_STATUSES) if acc.kind == "accuracy" else len(PRF_STATUSES)
            table = np.concatenate(acc.micro, axis=0) if acc.micro else np.zeros((0, columns), dtype=np.int64)
            per_label: dict[str, tuple[np.ndarray, bool]] = {}
            for label in sorted(acc.labels):
                per_label[label] = (self._spread(acc.labels[label], columns), acc.label_semeval[label])
            outcomes: list[Outcome] | None = None
            if self.outcomes == "items":
                # spurious predictions last, sorted by (signature, key) over every document, as
                # ``Matched.outcomes`` sorts them: the signature starts with the document id, but
                # "a-b/…" sorts before "a/…", so the documents' own orders cannot just be joined
                outcomes = acc.gold_outcomes + sorted(acc.fp_outcomes, key=lambda o: (o.sig, o.pred))
            out.append(AssembledGroup(name, acc.kind, acc.semeval, table, per_label, outcomes))
        return out


    def _spread(self, labelled: tuple[list[int], list[np.ndarray]], columns: int) -> np.ndarray:
        """A label's tables (each at its document's first unit) laid into one of every unit, zeros
        elsewhere: one stacking and one indexed assignment, not one per document. The rows' units
        are listed as the documents are added (``add``), where three passes over every document's
        (offset, table) here took 0.8 s at 10,000 documents (some 100 labels)."""
        units, parts = labelled
        full = np.zeros((self.n_units, columns), dtype=np.int64)
        if parts:
            full[np.array(units, dtype=np.int64)] = np.concatenate(parts, axis=0)
        return full


def document_units(n_documents: int, sentence_starts: Sequence[int]) -> Units:
    """The units one document is scored with inside a gold of ``n_documents``: the whole
    document (one unit) when there are several, its sentences when it is the only one."""
    if n_documents == 1:
        return Units.for_gold([sentence_starts])
    return Units("document", 1, ())
