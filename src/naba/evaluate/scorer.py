"""``score()``: a submission against the gold, every task, with intervals.

A pure function of (submission, gold, options): no clock, no network, seeded
randomness; the same inputs give the same ``Results``, byte for byte.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

import naba
from naba.evaluate import entities, events, quotes, timex
from naba.evaluate.bootstrap import intervals, resample_weights
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import GroupScore, LabelScore
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
) -> Results:
    """Score ``submission`` (a path, parsed JSON objects, or ``SubmissionDocument`` s).

    ``gold``: records, or a folder of record files, or None for the shipped gold
    (``naba.gold.records.gold_records()``); a folder is identified by
    ``naba.gold.records.gold_sha256`` of its files, records by ``gold_hash``. Raises
    ``SubmissionError`` (every problem with line, field and value) when the
    submission is invalid; nothing is repaired.
    """
    options = options or ScoreOptions()
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
    subs = sub.documents
    if options.fused_lam == "either":
        from naba.evaluate.fused_lam import canonical_fused_lam

        texts = {r.document.id: r.document.text for r in gold}
        subs = [canonical_fused_lam(d, texts[d.document_id]) if d.document_id in texts else d for d in subs]
    units = Units.for_gold([[s.start for s in r.document.sentences] for r in gold])
    weights = resample_weights(units.n, options.n_bootstrap, options.seed) if options.n_bootstrap else np.zeros((0, units.n), dtype=np.int64)

    tasks: dict[str, TaskResult] = {}
    for spec in TASKS:
        if spec.layer not in sub.layers:
            tasks[spec.name] = TaskResult(name=spec.name, predicted=False, headline=spec.headline, higher_is_better=spec.higher_is_better)
            continue
        groups = _score_task(spec.name, gold, subs, units, options)
        metrics = {g.name: _metric_result(g, weights, options.confidence) for g in groups}
        tasks[spec.name] = TaskResult(name=spec.name, predicted=True, headline=spec.headline, higher_is_better=spec.higher_is_better, metrics=metrics)

    return Results(
        naba_version=naba.__version__,
        schema_version=SCHEMA_VERSION,
        gold_sha256=gold_sha,
        gold_documents=[r.document.id for r in gold],
        submission_sha256=sub.sha256,
        submission_file_sha256=sub.file_sha256,
        system=system,
        options=options,
        units=UnitsInfo(kind=units.kind, n=units.n),  # type: ignore[arg-type]
        tasks=tasks,
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


def _label_result(kind: str, score: LabelScore | GroupScore, weights: np.ndarray, confidence: float) -> dict[str, Any]:
    ci = {
        name: Interval(low=est.low, high=est.high, n_defined=est.n_defined)
        for name, est in intervals(score.matched.unit_table(weights.shape[1]), kind, weights, confidence).items()
    }
    # an undefined score has no interval
    values = score.counts.values()
    ci = {name: (interval if values[name] is not None else Interval(low=None, high=None, n_defined=interval.n_defined)) for name, interval in ci.items()}
    if kind == "prf":
        return dict(kind="prf", counts=score.counts, semeval=score.semeval, values=values, ci=ci)
    return dict(kind="accuracy", ratio=score.counts, values=values, ci=ci)


def _metric_result(group: GroupScore, weights: np.ndarray, confidence: float) -> MetricResult:
    per_label = {label: LabelResult(**_label_result(group.kind, sub, weights, confidence)) for label, sub in group.per_label.items()}
    return MetricResult(name=group.name, per_label=per_label, outcomes=list(group.outcomes), **_label_result(group.kind, group, weights, confidence))
