"""The per-document engine gives the whole-corpus results, item for item and interval for interval.

``naba.evaluate.score`` scores each document on its own and assembles them
(``naba.evaluate.perdoc``). The reference here is the computation it replaced: every
document's items in one list, one matching per group over all of them, bootstrap tables
from ``Matched.unit_table``. Compared on every committed submission (test and dev) and on
random perturbations of multi-document gold (hypothesis).
"""

from __future__ import annotations

import json
from unittest import mock
import random
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naba.evaluate import ScoreOptions, score
from naba.evaluate.bootstrap import intervals, resample_weights
from naba.evaluate.results import Interval, LabelResult, MetricResult, Results
from naba.evaluate.scorer import _score_task
from naba.evaluate.spans import Units
from naba.evaluate.tasks import TASKS
from naba.gold.model import Record
from naba.gold.records import load_records
from naba.submission.model import Submission, from_gold
from naba.submission.validate import coerce_submission, load_submission

import test_eval_properties
from test_eval_properties import perturb

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_GOLD = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold")
DEV_GOLD = load_records(ROOT / "annotations" / "dev" / "records")
POOL = FIXTURE_GOLD + DEV_GOLD


def _reference_label(kind: str, score: Any, weights: np.ndarray, confidence: float) -> dict[str, Any]:
    values = score.counts.values()
    ci = {name: Interval(low=e.low, high=e.high, n_defined=e.n_defined)
          for name, e in intervals(score.matched.unit_table(weights.shape[1]), kind, weights, confidence).items()}
    ci = {name: (i if values[name] is not None else Interval(low=None, high=None, n_defined=i.n_defined)) for name, i in ci.items()}
    if kind == "prf":
        return dict(kind="prf", counts=score.counts, semeval=score.semeval, values=values, ci=ci)
    return dict(kind="accuracy", ratio=score.counts, values=values, ci=ci)


def reference_tasks(gold: Sequence[Record], sub: Submission, options: ScoreOptions) -> dict[str, dict[str, MetricResult]]:
    """The whole-corpus computation: one item list per group over every document."""
    from naba.evaluate.fused_lam import canonical_fused_lam, gold_span_starts

    gold = sorted(gold, key=lambda r: r.document.id)
    by_id = {d.document_id: d for d in sub.documents}
    subs = [by_id[r.document.id] for r in gold]  # in gold order, as the items' document index assumes
    if options.fused_lam == "either":  # the gold's own starts stay (للجنة = ل + لجنة)
        subs = [canonical_fused_lam(d, r.document.text, gold_span_starts(r)) for d, r in zip(subs, gold)]
    units = Units.for_gold([[s.start for s in r.document.sentences] for r in gold])
    weights = resample_weights(units.n, options.n_bootstrap, options.seed) if options.n_bootstrap else np.zeros((0, units.n), dtype=np.int64)
    out: dict[str, dict[str, MetricResult]] = {}
    for spec in TASKS:
        if spec.layer not in sub.layers:
            continue
        metrics = {}
        for g in _score_task(spec.name, gold, subs, units, options):
            per_label = {label: LabelResult(**_reference_label(g.kind, s, weights, options.confidence)) for label, s in g.per_label.items()}
            metrics[g.name] = MetricResult(name=g.name, per_label=per_label, outcomes=list(g.outcomes), **_reference_label(g.kind, g, weights, options.confidence))
        out[spec.name] = metrics
    return out


def assert_same(results: Results, reference: dict[str, dict[str, MetricResult]]) -> None:
    predicted = {name for name, task in results.tasks.items() if task.predicted}
    assert predicted == set(reference)
    for task, metrics in reference.items():
        assert list(results.tasks[task].metrics) == list(metrics)
        for name, expected in metrics.items():
            got = results.tasks[task].metrics[name]
            assert got.model_dump() == expected.model_dump(), name


def _committed() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(ROOT.glob("baselines/*/predictions.jsonl")):
        out.append(("test", path))
    for path in sorted(ROOT.glob("baselines/*/dev/predictions.jsonl")):
        out.append(("dev", path))
    return out


@pytest.mark.parametrize(("split", "path"), _committed(), ids=lambda v: v if isinstance(v, str) else f"{v.parent.name}/{v.name}")
def test_committed_submissions_score_as_the_whole_corpus_computation(split: str, path: Path) -> None:
    from naba.evaluate.splits import split_gold
    from naba.gold.records import gold_records

    gold = list(gold_records(None)) if split == "test" else list(split_gold(split))
    sub = load_submission(path, gold)
    options = ScoreOptions(n_bootstrap=200)
    assert_same(score(sub, gold, options=options), reference_tasks(gold, sub, options))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_docs=st.integers(1, len(POOL)), fused=st.sampled_from(["either", "strict"]))
def test_random_submissions_score_as_the_whole_corpus_computation(seed: int, n_docs: int, fused: str) -> None:
    from unittest import mock

    rnd = random.Random(seed)
    gold = rnd.sample(POOL, n_docs)
    with mock.patch.dict(test_eval_properties.TEXTS, {r.document.id: r.document.text for r in DEV_GOLD}):
        lines = [perturb(json.loads(from_gold(r).canonical_json()), rnd) for r in gold]
    rnd.shuffle(lines)
    sub = coerce_submission(lines, gold)
    options = ScoreOptions(n_bootstrap=50, seed=seed % 1000, fused_lam=fused)  # type: ignore[arg-type]
    assert_same(score(sub, gold, options=options), reference_tasks(gold, sub, options))


def test_omitted_outcomes_keep_every_count_and_interval() -> None:
    gold = list(FIXTURE_GOLD)
    sub = coerce_submission([json.loads(from_gold(r).canonical_json()) for r in gold], gold)
    full = score(sub, gold, options=ScoreOptions(n_bootstrap=30))
    slim = score(sub, gold, options=ScoreOptions(n_bootstrap=30), outcomes="omitted")
    assert slim.outcomes == "omitted" and full.outcomes == "items"
    assert slim.flat() == full.flat()
    assert all(not m.outcomes for t in slim.tasks.values() for m in t.metrics.values())
    assert any(m.outcomes for t in full.tasks.values() for m in t.metrics.values())
    diff = full.diff(slim)
    assert not diff.items_compared and "items not compared" in diff.render()


def test_spurious_outcomes_keep_the_global_order_when_one_id_prefixes_another() -> None:
    # "d-1/…" sorts before "d/…" (hyphen < slash) though the document "d" comes first in gold order
    base = FIXTURE_GOLD[0]
    gold = [base.model_copy(update={"document": base.document.model_copy(update={"id": doc_id})}) for doc_id in ("d", "d-1")]
    rnd = random.Random(7)
    with mock.patch.dict(test_eval_properties.TEXTS, {"d": base.document.text, "d-1": base.document.text}):
        lines = []
        for r in gold:
            line = json.loads(from_gold(base).canonical_json())
            line["document_id"] = r.document.id
            line = perturb(line, rnd)
            text = base.document.text
            line["entities"].append({"id": "spurious", "type": "PER", "mentions": [
                {"id": f"s{k}", "start": k, "end": k + 1, "text": text[k]} for k in range(0, len(text), 7) if not text[k].isspace()]})
            lines.append(line)
    sub = coerce_submission(lines, gold)
    options = ScoreOptions(n_bootstrap=10)
    results = score(sub, gold, options=options)
    assert_same(results, reference_tasks(gold, sub, options))
    fps = [o.sig for o in results.tasks["entities"].metrics["entities.strict"].outcomes if o.status == "fp"]
    assert fps and fps == sorted(fps) and any(s.startswith("d-1/") for s in fps) and any(s.startswith("d/") for s in fps)


@pytest.mark.parametrize("outcomes", ["omitted", "items"])
def test_a_document_score_pickles_compactly_to_the_same_score(outcomes: str) -> None:
    """A scoring worker sends each ``DocScore`` as one array of cells (``perdoc._packed``): what
    arrives has the same groups, labels, flags, outcomes and tables (values, shapes, dtypes)."""
    import pickle

    from naba.evaluate.scorer import score_document

    record = load_records()[0]
    doc = from_gold(record)
    for n_documents in (1, 3):
        sent = score_document(record, doc, doc.layers(), ScoreOptions(), n_documents=n_documents, outcomes=outcomes)  # type: ignore[arg-type]
        got = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
        assert (got.document_id, got.n_units, list(got.tasks)) == (sent.document_id, sent.n_units, list(sent.tasks))
        for task, rows in sent.tasks.items():
            assert len(got.tasks[task]) == len(rows)
            for a, b in zip(rows, got.tasks[task]):
                assert (a.name, a.kind, a.semeval, a.gold_outcomes, a.fp_outcomes) == (b.name, b.kind, b.semeval, b.gold_outcomes, b.fp_outcomes)
                assert list(a.per_label) == list(b.per_label)
                for x, y in [(a.micro, b.micro)] + [(a.per_label[k][0], b.per_label[k][0]) for k in a.per_label]:
                    assert x.shape == y.shape and y.dtype == np.int64 and np.array_equal(x, y)
                assert [a.per_label[k][1] for k in a.per_label] == [b.per_label[k][1] for k in b.per_label]
