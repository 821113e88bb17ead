"""``score()``: a submission against the gold, every task, with intervals.

A pure function of (submission, gold, options): no clock, no network, seeded
randomness; the same inputs give the same ``Results``, byte for byte.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

import naba
from naba.evaluate import entities, events, quotes, timex
from naba.evaluate.bootstrap import resample_intervals, resample_weights
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import GroupScore
from naba.evaluate.perdoc import (
    AssembledGroup,
    Assembly,
    DocScore,
    OutcomesMode,
    bootstrap_table,
    counts_of,
    document_score,
    document_units,
    semeval_of,
)
from naba.evaluate.results import Interval, LabelResult, MetricResult, Results, TaskResult, UnitsInfo
from naba.evaluate.spans import Units
from naba.evaluate.tasks import TASKS
from naba.gold.model import SCHEMA_VERSION, Record
from naba.submission.model import Submission, SubmissionDocument
from naba.submission.validate import coerce_submission, load_submission

SubmissionInput = str | Path | Submission | Iterable[Mapping[str, Any] | SubmissionDocument]


def gold_hash(gold: Sequence[Record]) -> str:
    """The gold's identity: equals ``naba.gold.records.gold_sha256`` of a folder holding
    these records as canonical files (``<id>.json`` written by ``dump_record``).

    pydantic's JSON writer produces ``dump_record``'s exact text (2-space indent,
    UTF-8 kept) five times faster; tests/test_eval_results.py checks the equality.
    """
    digest = hashlib.sha256()
    for record in sorted(gold, key=lambda r: r.document.id):
        digest.update(f"{record.document.id}.json".encode("utf-8") + b"\0")
        digest.update(record.model_dump_json(indent=2).encode("utf-8") + b"\n")
    return digest.hexdigest()


def resolve_submission(submission: SubmissionInput, gold: Sequence[Record]) -> Submission:
    """A validated ``Submission`` from a path, parsed objects, or a ``Submission``."""
    if isinstance(submission, Submission):
        return submission
    if isinstance(submission, (str, Path)):
        return load_submission(submission, gold)
    return coerce_submission(list(submission), gold)


def score(
    submission: SubmissionInput,
    gold: Sequence[Record] | str | Path | None = None,
    *,
    options: ScoreOptions | None = None,
    system: str | None = None,
    outcomes: OutcomesMode = "items",
) -> Results:
    """Score ``submission`` (a path, parsed JSON objects, or ``SubmissionDocument`` s).

    ``gold``: records, or a folder of record files, or None for the shipped gold
    (``naba.gold.records.gold_records()``); a folder is identified by
    ``naba.gold.records.gold_sha256`` of its files, records by ``gold_hash``. Raises
    ``SubmissionError`` (every problem with line, field and value) when the
    submission is invalid; nothing is repaired. ``outcomes``: "items" keeps every item's
    outcome in the results (what ``Results.diff`` and ``naba errors`` read), "omitted" keeps
    the counts only (a large gold's outcomes run to gigabytes of JSON).

    A submission file against a gold folder (or the shipped gold) is scored by
    ``naba.evaluate.folder.score_folder``, one document at a time.

    Each document is scored on its own (``score_document``) and the documents are assembled
    in gold order (``naba.evaluate.perdoc``): the same numbers as one matching over the
    whole corpus, since no matching pairs items of two documents.
    """
    options = options or ScoreOptions()
    if isinstance(submission, (str, Path)) and (gold is None or isinstance(gold, (str, Path))):
        # a file against a folder: streamed, so that memory does not grow with the gold
        from naba.evaluate.folder import score_folder

        return score_folder(submission, gold, options=options, system=system, outcomes=outcomes).results
    if gold is None or isinstance(gold, (str, Path)):
        from naba.gold.records import gold_records, gold_sha256

        folder = None if gold is None else Path(gold)
        gold = list(gold_records(folder))
        gold_sha = gold_sha256(folder)
    else:
        gold = sorted(gold, key=lambda r: r.document.id)
        gold_sha = gold_hash(gold)
    gold = sorted(gold, key=lambda r: r.document.id)
    if not gold:
        from naba.common.problems import Problem
        from naba.gold.records import GoldError

        raise GoldError([Problem("<gold>", None, "<records>", "[]", "no gold record to score against", "empty_gold")])
    sub = resolve_submission(submission, gold)
    by_id = {doc.document_id: doc for doc in sub.documents}
    if set(by_id) != {r.document.id for r in gold}:
        raise ValueError("the submission was validated against other gold documents than it is scored against")
    assembly = Assembly(outcomes)
    for record in gold:  # paired by id: a Submission validated against the same gold in another order pairs right
        assembly.add(score_document(record, by_id[record.document.id], sub.layers, options, n_documents=len(gold), outcomes=outcomes))
    tasks = assemble_tasks(assembly, sub.layers, options)
    units_kind = "sentence" if len(gold) == 1 else "document"

    return Results(
        naba_version=naba.__version__,
        schema_version=SCHEMA_VERSION,
        gold_sha256=gold_sha,
        gold_documents=[r.document.id for r in gold],
        submission_sha256=sub.sha256,
        submission_file_sha256=sub.file_sha256,
        system=system,
        options=options,
        units=UnitsInfo(kind=units_kind, n=assembly.n_units),
        tasks=tasks,
        outcomes=outcomes,
    )


def _score_task(name: str, gold: Sequence[Record], subs: Sequence[SubmissionDocument], units: Units, options: ScoreOptions) -> list[GroupScore]:
    if name == "entities":
        return entities.score(gold, subs, units)
    if name == "timex":
        return timex.score(gold, subs, units)
    if name == "quotes":
        return quotes.score(gold, subs, units, cue_match=options.cue_match)
    if name == "events":
        return events.score(gold, subs, units, trigger_match=options.trigger_match, argument_match=options.argument_match)
    raise ValueError(f"unknown task {name!r}")


def score_document(record: Record, doc: SubmissionDocument, layers: Sequence[str], options: ScoreOptions, *,
                   n_documents: int, outcomes: OutcomesMode) -> DocScore:
    """One gold record against its validated submission record: every predicted task's groups,
    with the units the document takes in a gold of ``n_documents`` (``perdoc.document_units``).

    Computed by array work (``naba.evaluate.arrays``); ``reference_document_score`` is the
    item-by-item computation it replaced, which gives the same ``DocScore`` (tests/test_arrays.py)."""
    from naba.evaluate.arrays import document_rows

    doc, units = _prepared(record, doc, n_documents, options)
    return document_rows(record, doc, [spec.name for spec in TASKS if spec.layer in layers], units, options, outcomes)


def reference_document_score(record: Record, doc: SubmissionDocument, layers: Sequence[str], options: ScoreOptions, *,
                             n_documents: int, outcomes: OutcomesMode) -> DocScore:
    """``score_document`` as the task modules' ``GroupScore`` s compute it: the definition the
    array scorer is tested against (kept for the tests; nothing else runs it)."""
    doc, units = _prepared(record, doc, n_documents, options)
    groups = {spec.name: _score_task(spec.name, [record], [doc], units, options) for spec in TASKS if spec.layer in layers}
    return document_score(record.document.id, groups, units, outcomes)


def _prepared(record: Record, doc: SubmissionDocument, n_documents: int, options: ScoreOptions) -> tuple[SubmissionDocument, Units]:
    if doc.document_id != record.document.id:
        raise ValueError(f"submission record {doc.document_id!r} scored against gold {record.document.id!r}")
    if options.fused_lam == "either":
        from naba.evaluate.fused_lam import canonical_fused_lam, gold_span_starts

        doc = canonical_fused_lam(doc, record.document.text, gold_span_starts(record))
    return doc, document_units(n_documents, [s.start for s in record.document.sentences])


def assemble_tasks(assembly: Assembly, layers: Sequence[str], options: ScoreOptions, weights: np.ndarray | None = None) -> dict[str, TaskResult]:
    """Every task's result from the assembled documents, with seeded bootstrap intervals.

    Every table's resample sums come from one matrix product: the bootstrap tables of every
    group and label side by side, times the weights (read once, where one product per table
    read the 80 MB of weights of 10,000 documents a hundred times). The sums are the same
    integers (exact in float64 below 2**53).

    ``weights``: ``bootstrap_weights`` of these units and options, computed beforehand (a folder's
    are drawn beside the scoring, ``naba.evaluate.folder``); drawn here when None or of
    another shape."""
    n_units = assembly.n_units
    if weights is None or weights.shape != (options.n_bootstrap, n_units):
        weights = bootstrap_weights(n_units, options)
    groups = {spec.name: assembly.groups(spec.name) for spec in TASKS if spec.layer in layers}
    tables = [(g.kind, table) for task in groups.values() for g in task for table in [*(t for t, _ in g.per_label.values()), g.table]]
    sums = _resample_sums([bootstrap_table(kind, table) for kind, table in tables], weights)
    tasks: dict[str, TaskResult] = {}
    for spec in TASKS:
        if spec.name not in groups:
            tasks[spec.name] = TaskResult(name=spec.name, predicted=False, headline=spec.headline, higher_is_better=spec.higher_is_better)
            continue
        metrics = {g.name: _metric_result(g, sums, options.confidence) for g in groups[spec.name]}
        tasks[spec.name] = TaskResult(name=spec.name, predicted=True, headline=spec.headline, higher_is_better=spec.higher_is_better, metrics=metrics)
    return tasks


def bootstrap_weights(n_units: int, options: ScoreOptions) -> np.ndarray:
    """The resample weights ``assemble_tasks`` multiplies by: (n_bootstrap, n_units) floats (the
    resample sums are integers either way, and a float matrix product is BLAS's, where numpy's
    integer product is a slow loop)."""
    return resample_weights(n_units, options.n_bootstrap, options.seed, np.float64) if options.n_bootstrap else np.zeros((0, n_units))


def _resample_sums(tables: list[np.ndarray], weights: np.ndarray) -> Iterator[np.ndarray | None]:
    """Each table's resample sums (``weights @ table``), in order, from one product; None each
    without resamples."""
    if weights.shape[0] == 0 or not tables:
        return iter([None] * len(tables))
    product = weights @ np.concatenate(tables, axis=1).astype(np.float64)
    bounds = np.cumsum([0] + [t.shape[1] for t in tables]).tolist()
    return iter([product[:, a:b] for a, b in zip(bounds[:-1], bounds[1:])])


def _label_result(kind: str, table: np.ndarray, semeval: bool, sums: Iterator[np.ndarray | None], confidence: float) -> dict[str, Any]:
    """One table's result; its resample sums are the next of ``sums``."""
    row = table.sum(axis=0)
    counts = counts_of(kind, row)
    values = counts.values()
    resampled = next(sums)
    ci = {
        name: Interval(low=est.low, high=est.high, n_defined=est.n_defined)
        for name, est in (resample_intervals(resampled, kind, confidence) if resampled is not None else {}).items()
    }
    # an undefined score has no interval
    ci = {name: (interval if values[name] is not None else Interval(low=None, high=None, n_defined=interval.n_defined)) for name, interval in ci.items()}
    if kind == "prf":
        return dict(kind="prf", counts=counts, semeval=semeval_of(row) if semeval else None, values=values, ci=ci)
    return dict(kind="accuracy", ratio=counts, values=values, ci=ci)


def _metric_result(group: AssembledGroup, sums: Iterator[np.ndarray | None], confidence: float) -> MetricResult:
    """The group's labels, then its micro table, take their sums in that order (``assemble_tasks``)."""
    per_label = {label: LabelResult(**_label_result(group.kind, table, semeval, sums, confidence)) for label, (table, semeval) in group.per_label.items()}
    return MetricResult(name=group.name, per_label=per_label, outcomes=group.outcomes or [], **_label_result(group.kind, group.table, group.semeval, sums, confidence))
