"""``naba errors``: every missed, spurious and mismatched item of a submission, with its context.

Built from the scorer's per-item outcomes (``MetricResult.outcomes``), never from a matching of
its own, so every row is a count of the score table:

* ``missed``: a gold item the group did not credit (``fn``);
* ``spurious``: a prediction the group did not pair (``fp``);
* ``mismatched``: a pair the group matched but did not fully credit (``incorrect`` or
  ``partial`` of an entity mode, ``wrong`` of an accuracy group), or an ``fn`` and an ``fp``
  of the same group that the task's looser group paired (``PAIRED_BY``): a time expression
  found with the wrong value is an ``fn`` and an ``fp`` of ``timex.value``, paired by
  ``timex.relaxed``, and is shown once, as one mismatch, with both outcomes.

Each row has the gold and the predicted annotation (text, label, value, speaker, ...), what
differs between them (judged by the scorer's own predicates: ``timex.value_right``,
``quotes.speaker_right``...), and the gold sentence around it. Grouped per layer and metric
group, in the scorer's order; deterministic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

from naba.evaluate import quotes as quote_task
from naba.evaluate import timex as timex_task
from naba.evaluate.fused_lam import canonical_fused_lam, gold_span_starts
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import Outcome
from naba.evaluate.results import MetricResult, Results
from naba.evaluate.scorer import SubmissionInput, resolve_submission, score
from naba.evaluate.tasks import TASKS
from naba.gold.inventory import LAYERS
from naba.gold.model import Record
from naba.inspect.index import FAMILY, Annotation, Context, Entry, Family, Index
from naba.submission.model import Submission

Kind = Literal["missed", "spurious", "mismatched"]
KINDS: tuple[Kind, ...] = ("missed", "spurious", "mismatched")
ERRORS_FORMAT = "naba-errors-1"

#: metric group -> the group of the same task whose pairs explain its fn/fp: an fn and an fp
#: of the first that the second paired with each other are one mismatch, not two errors.
PAIRED_BY: dict[str, str] = {
    "timex.strict": "timex.relaxed",
    "timex.value": "timex.relaxed",
    "quotes.content_strict": "quotes.content_overlap",
    "quotes.quote_speaker": "quotes.content_overlap",
    "events.trigger_classification": "events.trigger_identification",
    "events.argument_classification": "events.argument_identification",
    "events.event_time": "events.trigger_classification",
}

#: a pair's status -> the kind of error it is (tp and correct are no error)
_PAIR_ERRORS = {"incorrect", "partial", "wrong"}


@dataclass(frozen=True)
class ItemError:
    """One error of one metric group.

    ``statuses``: the scorer's outcomes behind the row (``("fn",)``, ``("fp",)``,
    ``("incorrect",)``, ``("wrong",)``, or ``("fn", "fp")`` for a pair joined by
    ``paired_by``). ``differences``: what differs between ``gold`` and ``pred`` (span,
    type, kind, role, value, anchor, speaker, time), empty when one side is missing.
    """

    layer: str
    metric: str
    kind: Kind
    statuses: tuple[str, ...]
    document_id: str
    gold: Annotation | None
    pred: Annotation | None
    differences: tuple[str, ...]
    paired_by: str | None
    context: Context

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer, "metric": self.metric, "kind": self.kind, "statuses": list(self.statuses),
            "document_id": self.document_id,
            "gold": self.gold.to_dict() if self.gold else None, "pred": self.pred.to_dict() if self.pred else None,
            "differences": list(self.differences), "paired_by": self.paired_by, "context": self.context.to_dict(),
        }


@dataclass(frozen=True)
class MetricErrors:
    """The errors of one metric group and the tally of all its outcomes (errors and successes)."""

    metric: str
    kind: Literal["prf", "accuracy"]
    tally: Mapping[str, int]
    errors: tuple[ItemError, ...]

    def count(self, kind: Kind) -> int:
        return sum(1 for e in self.errors if e.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "kind": self.kind, "tally": dict(self.tally),
                "errors_by_kind": {k: self.count(k) for k in KINDS}, "errors": [e.to_dict() for e in self.errors]}


@dataclass(frozen=True)
class LayerErrors:
    """One layer (a submission layer: entities, timexes, quotes, events) and its task's groups."""

    layer: str
    task: str
    predicted: bool
    metrics: tuple[MetricErrors, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "task": self.task, "predicted": self.predicted, "metrics": [m.to_dict() for m in self.metrics]}


@dataclass(frozen=True)
class ErrorReport:
    """Every error of one submission, with what makes it reproducible."""

    system: str | None
    gold_sha256: str
    submission_sha256: str
    options: ScoreOptions
    layers: tuple[LayerErrors, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"format": ERRORS_FORMAT, "system": self.system, "gold_sha256": self.gold_sha256,
                "submission_sha256": self.submission_sha256, "options": self.options.model_dump(mode="json"),
                "layers": [layer.to_dict() for layer in self.layers]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def all_errors(self) -> list[ItemError]:
        return [e for layer in self.layers for m in layer.metrics for e in m.errors]


@dataclass(frozen=True)
class Scored:
    """A submission scored for inspection: the results, and the index of every item they name."""

    gold: tuple[Record, ...]
    submission: Submission
    results: Results
    index: Index


def score_for_inspection(
    submission: SubmissionInput, gold: Sequence[Record] | str | Path | None = None, *, options: ScoreOptions | None = None,
    system: str | None = None,
) -> Scored:
    """Validate and score ``submission`` (no bootstrap: errors need outcomes, not intervals) and index its items.

    Raises ``SubmissionError`` / ``GoldError`` like ``naba.evaluate.score``.
    """
    from naba.gold.records import gold_records

    options = (options or ScoreOptions()).model_copy(update={"n_bootstrap": 0})
    if gold is None or isinstance(gold, (str, Path)):
        folder = None if gold is None else Path(gold)
        records = tuple(gold_records(folder))
        scored_against: Sequence[Record] | Path | None = folder  # a folder: results carry its gold_sha256, as naba score's do
    else:
        records = tuple(gold)
        scored_against = records
    records = tuple(sorted(records, key=lambda r: r.document.id))
    if not records:
        from naba.common.problems import Problem
        from naba.gold.records import GoldError

        raise GoldError([Problem("<gold>", None, "<records>", "[]", "no gold record to compare with", "empty_gold")])
    sub = resolve_submission(submission, records)  # validated before anything else
    results = score(sub, scored_against, options=options, system=system)
    by_id = {r.document.id: r for r in records}
    docs = list(sub.documents)
    scored = [canonical_fused_lam(d, by_id[d.document_id].document.text, gold_span_starts(by_id[d.document_id]))
              if options.fused_lam == "either" and d.document_id in by_id else d for d in docs]
    return Scored(records, sub, results, Index(records, docs, scored))


def differences(family: Family, gold: Entry, pred: Entry) -> tuple[str, ...]:
    """What differs between a gold item and a prediction, by the scorer's own predicates."""
    g, p = gold.item, pred.item
    out: list[str] = []
    if g.spans != p.spans:
        out.append("content" if family == "quote" else "span")
    if family == "mention" and g.label != p.label:
        out.append("type")
    elif family == "timex":
        if not timex_task.type_right(g, p):
            out.append("type")
        if not timex_task.value_right(g, p):
            out.append("value")
        if not timex_task.anchor_right(g, p):
            out.append("anchor")
    elif family in ("quote", "cue") and g.label != p.label:
        out.append("kind")
    elif family == "trigger" and g.label != p.label:
        out.append("type")
    elif family == "argument":
        if g.label != p.label:
            out.append("role")
        if g.data.event_type != p.data.event_type:
            out.append("event type")
    elif family == "event_time":
        if g.label != p.label:
            out.append("type")
        if p.data not in g.data:
            out.append("time")
    if family == "quote" and not quote_task.speaker_right(g, p):
        out.append("speaker")
    return tuple(out)


def metric_errors(layer: str, metric: MetricResult, scored: Scored) -> MetricErrors:
    """The errors of one metric group, from its outcomes (see the module docstring)."""
    family = FAMILY[metric.name]
    index = scored.index
    outcomes = metric.outcomes
    tally: dict[str, int] = {}
    for o in outcomes:
        tally[o.status] = tally.get(o.status, 0) + 1
    partner_of_gold: dict[str, str] = {}
    hint = PAIRED_BY.get(metric.name)
    if hint is not None:
        task = scored.results.tasks[metric.name.split(".", 1)[0]]
        for o in task.metrics[hint].outcomes:
            if o.gold is not None and o.pred is not None:
                partner_of_gold[o.gold] = o.pred
    spurious = {o.pred for o in outcomes if o.status == "fp"}
    joined: set[str] = set()
    rows: list[ItemError] = []
    for o in outcomes:
        if o.status == "fn":
            partner = partner_of_gold.get(o.gold or "")
            if partner is not None and partner in spurious and partner not in joined:
                joined.add(partner)
                rows.append(_row(layer, metric.name, family, "mismatched", ("fn", "fp"), o.gold, partner, hint, index))
            else:
                rows.append(_row(layer, metric.name, family, "missed", ("fn",), o.gold, None, None, index))
        elif o.status in _PAIR_ERRORS:
            rows.append(_row(layer, metric.name, family, "mismatched", (o.status,), o.gold, o.pred, metric.name, index))
    for o in outcomes:
        if o.status == "fp" and o.pred not in joined:
            rows.append(_row(layer, metric.name, family, "spurious", ("fp",), None, o.pred, None, index))
    return MetricErrors(metric.name, metric.kind, tally, tuple(rows))


def _row(layer: str, metric: str, family: Family, kind: Kind, statuses: tuple[str, ...], gold_key: str | None, pred_key: str | None,
         paired_by: str | None, index: Index) -> ItemError:
    gold = index.get("gold", family, gold_key)
    pred = index.get("pred", family, pred_key)
    if (gold_key is not None and gold is None) or (pred_key is not None and pred is None):
        raise AssertionError(f"{metric}: an outcome names an item the scorer's layer functions did not build ({gold_key}, {pred_key})")
    shown = [e.annotation for e in (gold, pred) if e is not None]
    document_id = shown[0].document_id
    context = index.context(document_id, min(a.start for a in shown), max(a.end for a in shown))
    diffs = differences(family, gold, pred) if gold is not None and pred is not None else ()
    return ItemError(layer, metric, kind, statuses, document_id, gold.annotation if gold else None, pred.annotation if pred else None,
                     diffs, paired_by, context)


def error_report(scored: Scored, layers: Iterable[str] | None = None) -> ErrorReport:
    """The error report of a scored submission, for ``layers`` (default: all four, in canonical order)."""
    wanted = list(LAYERS) if layers is None else [layer for layer in LAYERS if layer in set(layers)]
    unknown = sorted(set(layers or ()) - set(LAYERS))
    if unknown:
        raise ValueError(f"unknown layer(s) {', '.join(unknown)}; valid layers: {', '.join(LAYERS)}")
    out: list[LayerErrors] = []
    for spec in TASKS:
        if spec.layer not in wanted:
            continue
        task = scored.results.tasks[spec.name]
        metrics = tuple(metric_errors(spec.layer, m, scored) for m in task.metrics.values()) if task.predicted else ()
        out.append(LayerErrors(spec.layer, spec.name, task.predicted, metrics))
    r = scored.results
    return ErrorReport(r.system, r.gold_sha256, r.submission_sha256, r.options, tuple(out))


def find_errors(
    submission: SubmissionInput, gold: Sequence[Record] | str | Path | None = None, *, options: ScoreOptions | None = None,
    layers: Iterable[str] | None = None, system: str | None = None,
) -> ErrorReport:
    """Score ``submission`` and list its errors: ``score_for_inspection`` then ``error_report``."""
    return error_report(score_for_inspection(submission, gold, options=options, system=system), layers)


# ---------------------------------------------------------------------- text
def _cell(annotation: Annotation | None, limit: int) -> str:
    if annotation is None:
        return "—"
    text = annotation.text if len(annotation.text) <= limit else annotation.text[: limit - 1] + "…"
    details = " ".join(f"{k}={v}" for k, v in annotation.details.items() if k in _SHOWN)
    ident = annotation.key.split("/", 1)[1]
    return f"{annotation.label} «{text}» {details} [{ident}]".replace("  ", " ")


#: details shown in the table (the JSON has all of them)
_SHOWN = ("value", "anchor", "speaker", "time", "event")


def _marked(context: Context, spans: Sequence[tuple[int, int]], limit: int = 160) -> str:
    """The context text with the error's spans in ⟦ ⟧, cut around them to about ``limit`` code points."""
    text = context.text
    marks: list[tuple[int, int]] = []
    for s, e in sorted((max(s, context.start), min(e, context.end)) for s, e in spans if e > s):
        if marks and s <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(marks[-1][1], e))  # overlapping gold and predicted spans: their union
        else:
            marks.append((s, e))
    pieces, at = [], context.start
    for s, e in marks:
        pieces.append(text[at - context.start : s - context.start])
        pieces.append("⟦" + text[s - context.start : e - context.start] + "⟧")
        at = e
    pieces.append(text[at - context.start :])
    out = "".join(pieces).replace("\n", " ")
    if len(out) > limit and marks:
        first = out.index("⟦")
        lo = max(0, first - limit // 3)
        hi = min(len(out), lo + limit)
        out = ("…" if lo > 0 else "") + out[lo:hi] + ("…" if hi < len(out) else "")
    return out


def render_errors(report: ErrorReport, *, cell_limit: int = 40) -> str:
    """A readable report: per layer and metric group, a table of the errors, then each one's context."""
    from naba.evaluate.report import render_table

    parts: list[str] = [f"naba errors{f' of {report.system}' if report.system else ''}"]
    for layer in report.layers:
        parts.append(f"\n== {layer.layer} (task {layer.task})")
        if not layer.predicted:
            parts.append("not predicted (layer absent from the submission)")
            continue
        for metric in layer.metrics:
            counts = ", ".join(f"{metric.count(k)} {k}" for k in KINDS)
            tally = " ".join(f"{s}={n}" for s, n in metric.tally.items())
            parts.append(f"\n{metric.metric}: {counts} (outcomes: {tally or 'none'})")
            if not metric.errors:
                continue
            rows = [[str(n), e.kind + ("" if len(e.statuses) == 1 and e.statuses[0] in ("fn", "fp") else f" ({'+'.join(e.statuses)})"),
                     _cell(e.gold, cell_limit), _cell(e.pred, cell_limit), ", ".join(e.differences) or "—"]
                    for n, e in enumerate(metric.errors, start=1)]
            parts.append(render_table(["#", "error", "gold", "predicted", "differs"], rows, markdown=False, align_left=5))
            for n, e in enumerate(metric.errors, start=1):
                spans = [s for a in (e.gold, e.pred) if a is not None for s in a.spans]
                where = ",".join(e.context.sentence_ids) if e.context.sentence_ids else f"{e.context.start}:{e.context.end}"
                parts.append(f"  [{n}] {e.document_id} {where}: {_marked(e.context, spans)}")
    r = report
    parts.append("")
    parts.append(f"Matching: triggers {r.options.trigger_match}, arguments {r.options.argument_match}, cues {r.options.cue_match}, "
                 f"fused لل {r.options.fused_lam}. gold {r.gold_sha256[:12]}, submission {r.submission_sha256[:12]}")
    return "\n".join(parts) + "\n"


__all__ = ["ErrorReport", "ItemError", "LayerErrors", "MetricErrors", "Scored", "differences", "error_report", "find_errors",
           "render_errors", "score_for_inspection"]
