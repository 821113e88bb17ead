"""The typed result of scoring one submission, with provenance.

``Results`` round-trips through JSON losslessly (``Results.from_json(r.to_json())
== r``): counts are stored, derived scores are stored *and* re-derived on load
(a hand-edited score is rejected), floats are written with shortest round-trip
repr. It carries what makes a number reproducible (naba version, schema
version, gold and submission hashes, options) and the outcome of every gold
item and every prediction, keyed by stable ids (``<document_id>/<id>``), so
that ``Results.diff`` can say which items went from found to missed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from naba.evaluate.counts import Counts, Ratio, SemEval
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import CREDITED, Outcome

RESULTS_FORMAT: Literal["naba-results-1"] = "naba-results-1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Interval(_Model):
    """Percentile bootstrap interval of one score; None bounds when never defined."""

    low: float | None
    high: float | None
    n_defined: int

    @property
    def half_width(self) -> float | None:
        return None if self.low is None or self.high is None else (self.high - self.low) / 2


class LabelResult(_Model):
    """Counts, derived scores and intervals of one group, micro or for one label."""

    kind: Literal["prf", "accuracy"]
    counts: Counts | None = None
    ratio: Ratio | None = None
    semeval: SemEval | None = None
    values: dict[str, float | None]
    ci: dict[str, Interval] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> "LabelResult":
        source = self.counts if self.kind == "prf" else self.ratio
        if source is None or (self.counts is not None and self.ratio is not None):
            raise ValueError(f"a {self.kind} result carries exactly its own counts")
        if self.values != source.values():
            raise ValueError(f"stored scores {self.values} differ from the scores of the counts {source.values()}")
        if self.semeval is not None and self.semeval.to_counts() != self.counts:
            raise ValueError("SemEval categories do not add up to the counts")
        return self

    def stats(self) -> dict[str, float | int | None]:
        """Scores then counts, by statistic name."""
        out: dict[str, float | int | None] = dict(self.values)
        if self.counts is not None:
            out.update(tp=self.counts.tp, fp=self.counts.fp, fn=self.counts.fn, partial=self.counts.partial)
        if self.ratio is not None:
            out.update(correct=self.ratio.correct, total=self.ratio.total)
        return out


class MetricResult(LabelResult):
    """One metric group: micro result, per-label results, and every item's outcome."""

    name: str
    per_label: dict[str, LabelResult] = Field(default_factory=dict)
    outcomes: list[Outcome] = Field(default_factory=list)

    @field_validator("outcomes", mode="before")
    @classmethod
    def _outcomes_in(cls, value: object) -> object:
        if isinstance(value, list):
            return [Outcome(**o) if isinstance(o, dict) else o for o in value]
        return value

    @field_serializer("outcomes")
    def _outcomes_out(self, outcomes: list[Outcome]) -> list[dict[str, object]]:
        return [o._asdict() for o in outcomes]


class TaskResult(_Model):
    """One task; ``predicted`` is False when the submission omitted its layer (then no metric)."""

    name: str
    predicted: bool
    headline: str
    higher_is_better: bool
    metrics: dict[str, MetricResult] = Field(default_factory=dict)


class UnitsInfo(_Model):
    """What the bootstrap resamples: "document" or "sentence", and how many."""

    kind: Literal["document", "sentence"]
    n: int


class MetricChange(_Model):
    name: str
    old: float | int | None
    new: float | int | None


class ItemChange(_Model):
    """An item whose status changed: ``item`` is a gold key or a prediction's signature."""

    metric: str
    item: str
    old: str | None
    new: str | None


class Diff(_Model):
    """What changed from one result (old) to another (new)."""

    provenance: dict[str, list[object]] = Field(default_factory=dict)
    tasks: dict[str, list[bool]] = Field(default_factory=dict)
    metrics: list[MetricChange] = Field(default_factory=list)
    lost: list[ItemChange] = Field(default_factory=list)
    gained: list[ItemChange] = Field(default_factory=list)
    changed: list[ItemChange] = Field(default_factory=list)
    new_spurious: list[ItemChange] = Field(default_factory=list)
    removed_spurious: list[ItemChange] = Field(default_factory=list)
    #: False when either side was written without outcomes: no item was compared.
    items_compared: bool = True

    @property
    def empty(self) -> bool:
        return not (self.provenance or self.tasks or self.metrics or self.lost or self.gained or self.changed or self.new_spurious or self.removed_spurious)

    def render(self, limit: int = 50) -> str:
        lines: list[str] = []
        for field, (old, new) in sorted(self.provenance.items()):
            lines.append(f"provenance {field}: {old!r} -> {new!r}")
        for task, (old, new) in sorted(self.tasks.items()):
            lines.append(f"task {task}: predicted {old} -> {new}")
        for metric_change in self.metrics[:limit]:
            lines.append(f"metric {metric_change.name}: {metric_change.old} -> {metric_change.new}")
        for title, changes in (("found -> missed", self.lost), ("missed -> found", self.gained), ("status changed", self.changed),
                               ("new spurious", self.new_spurious), ("spurious gone", self.removed_spurious)):
            for change in changes[:limit]:
                lines.append(f"{title}: {change.metric} {change.item} ({change.old} -> {change.new})")
            if len(changes) > limit:
                lines.append(f"{title}: ... and {len(changes) - limit} more")
        if not self.items_compared:
            lines.append("items not compared: a result was written without outcomes (score it with outcomes to list item changes)")
        return "\n".join(lines) if lines else "no change"


class Results(_Model):
    """Scores of one submission against one gold, with provenance and per-item outcomes."""

    format: Literal["naba-results-1"] = RESULTS_FORMAT
    naba_version: str
    schema_version: str
    gold_sha256: str
    gold_documents: list[str]
    submission_sha256: str
    submission_file_sha256: str | None
    system: str | None
    options: ScoreOptions
    units: UnitsInfo
    tasks: dict[str, TaskResult]
    #: "items": every metric carries the outcome of every item; "omitted": counts only
    #: (``naba score --no-outcomes``), so ``diff`` cannot say which items changed.
    outcomes: Literal["items", "omitted"] = "items"

    # ----------------------------------------------------------- access
    def metric(self, group: str) -> MetricResult:
        task = self.tasks[group.split(".", 1)[0]]
        if not task.predicted:
            raise KeyError(f"task {task.name!r} was not predicted by this submission")
        return task.metrics[group]

    def flat(self) -> dict[str, float | int | None]:
        """Every scalar by its dotted name (only tasks the submission predicted)."""
        out: dict[str, float | int | None] = {}
        for task in self.tasks.values():
            for group, result in task.metrics.items():
                for stat, value in result.stats().items():
                    out[f"{group}.{stat}"] = value
                for label, sub in result.per_label.items():
                    for stat, value in sub.stats().items():
                        out[f"{group}.{label}.{stat}"] = value
        return out

    def value(self, name: str) -> float | int | None:
        """One scalar by dotted name, e.g. ``entities.strict.f1``."""
        flat = self.flat()
        if name not in flat:
            raise KeyError(f"no metric {name!r}; tasks predicted: {[t for t, r in self.tasks.items() if r.predicted]}")
        return flat[name]

    def headline(self, task: str) -> float | None:
        """The task's headline score, or None when it is undefined or not predicted."""
        result = self.tasks[task]
        if not result.predicted:
            return None
        value = self.value(result.headline)
        return None if value is None else float(value)

    def headline_interval(self, task: str) -> Interval | None:
        result = self.tasks[task]
        if not result.predicted:
            return None
        group, stat = result.headline.rsplit(".", 1)
        return result.metrics[group].ci.get(stat)

    # ----------------------------------------------------------- JSON
    def to_json(self, indent: int | None = 1) -> str:
        """pydantic's writer (Rust): the same text as ``json.dumps(model_dump(mode="json"),
        ensure_ascii=False, indent=1)`` on every committed result, and 100 times faster (Python's
        json module has no C encoder for indented output; 100 documents' outcomes took 18 s)."""
        return self.model_dump_json(indent=indent) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Results":
        return cls.model_validate_json(text)

    def to_json_bytes(self, indent: int | None = 1) -> bytes:
        """``to_json()`` as UTF-8 bytes, made without a Python string in between (a large
        result's JSON is hundreds of MB: no copy to decode and re-encode)."""
        return self.__pydantic_serializer__.to_json(self, indent=indent) + b"\n"

    def write(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_json_bytes())

    @classmethod
    def read(cls, path: str | Path) -> "Results":
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    # ----------------------------------------------------------- diff
    def diff(self, other: "Results") -> Diff:
        """Changes from ``self`` (old) to ``other`` (new).

        Lists provenance fields that differ, tasks whose predicted status changed,
        every scalar metric whose value changed (or appeared/disappeared), gold
        items whose outcome changed (``lost``: found -> not found, ``gained``,
        ``changed``: other status changes), and spurious predictions that
        appeared or disappeared, compared by signature (document, span, label),
        which does not depend on the ids a system assigns.
        """
        provenance: dict[str, list[object]] = {}
        for field in ("naba_version", "schema_version", "gold_sha256", "submission_sha256", "system", "outcomes"):
            old, new = getattr(self, field), getattr(other, field)
            if old != new:
                provenance[field] = [old, new]
        if self.options != other.options:
            provenance["options"] = [self.options.model_dump(), other.options.model_dump()]
        tasks = {
            name: [self.tasks[name].predicted if name in self.tasks else False, other.tasks[name].predicted if name in other.tasks else False]
            for name in sorted(set(self.tasks) | set(other.tasks))
        }
        tasks = {name: pair for name, pair in tasks.items() if pair[0] != pair[1]}

        old_flat, new_flat = self.flat(), other.flat()
        metrics = [
            MetricChange(name=name, old=old_flat.get(name), new=new_flat.get(name))
            for name in sorted(set(old_flat) | set(new_flat))
            if name not in old_flat or name not in new_flat or old_flat[name] != new_flat[name]
        ]
        lost: list[ItemChange] = []
        gained: list[ItemChange] = []
        changed: list[ItemChange] = []
        new_spurious: list[ItemChange] = []
        removed_spurious: list[ItemChange] = []
        items_compared = self.outcomes == "items" and other.outcomes == "items"
        groups = sorted({g for t in self.tasks.values() for g in t.metrics} | {g for t in other.tasks.values() for g in t.metrics})
        for group in groups if items_compared else []:
            old_outcomes = _outcomes(self, group)
            new_outcomes = _outcomes(other, group)
            old_gold = {o.gold: o.status for o in old_outcomes if o.gold is not None}
            new_gold = {o.gold: o.status for o in new_outcomes if o.gold is not None}
            for key in sorted(set(old_gold) | set(new_gold)):
                before, after = old_gold.get(key), new_gold.get(key)
                if before == after:
                    continue
                item_change = ItemChange(metric=group, item=key, old=before, new=after)
                if before in CREDITED and after not in CREDITED:
                    lost.append(item_change)
                elif after in CREDITED and before not in CREDITED:
                    gained.append(item_change)
                else:
                    changed.append(item_change)
            old_fp = _multiset(o.sig or "" for o in old_outcomes if o.status == "fp")
            new_fp = _multiset(o.sig or "" for o in new_outcomes if o.status == "fp")
            for sig in sorted(set(old_fp) | set(new_fp)):
                delta = new_fp.get(sig, 0) - old_fp.get(sig, 0)
                for _ in range(abs(delta)):
                    if delta > 0:
                        new_spurious.append(ItemChange(metric=group, item=sig, old=None, new="fp"))
                    else:
                        removed_spurious.append(ItemChange(metric=group, item=sig, old="fp", new=None))
        return Diff(provenance=provenance, tasks=tasks, metrics=metrics, lost=lost, gained=gained, changed=changed,
                    new_spurious=new_spurious, removed_spurious=removed_spurious, items_compared=items_compared)


def _outcomes(results: Results, group: str) -> list[Outcome]:
    task = results.tasks.get(group.split(".", 1)[0])
    if task is None or group not in task.metrics:
        return []
    return task.metrics[group].outcomes


def _multiset(items: object) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:  # type: ignore[attr-defined]
        out[item] = out.get(item, 0) + 1
    return out


__all__ = ["Diff", "Interval", "ItemChange", "LabelResult", "MetricChange", "MetricResult", "Results", "TaskResult", "UnitsInfo"]
