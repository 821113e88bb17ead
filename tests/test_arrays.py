"""The array scorer (``naba.evaluate.arrays``) gives the reference computation's results, byte for byte.

``scorer.score_document`` runs the array scorer; ``scorer.reference_document_score`` is the
item-by-item computation it replaced (the task modules' ``GroupScore`` s). Both are run on
random perturbed submissions (shifted spans, dropped, spurious and competing items, wrong
labels, roles, values and speakers; ``bench_scale.perturb_line`` plus ties made on purpose)
and the ``Results`` JSON bytes compared, with and without outcomes, under every option.
The targeted fused-lam copy is compared with the generic model walk it replaced.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from naba.evaluate import ScoreOptions, score
from naba.evaluate.fused_lam import canonical_fused_lam, gold_span_starts, reference_canonical
from naba.evaluate.scorer import reference_document_score
from naba.gold.records import load_record, load_records
from naba.submission.model import SubmissionDocument, from_gold
from naba.submission.validate import coerce_submission

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_scale import perturb_line  # noqa: E402

FIXTURE_GOLD = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold")
DEV_GOLD = load_records(ROOT / "annotations" / "dev" / "records")
POOL = [load_record()] + FIXTURE_GOLD + DEV_GOLD


def _ties(line: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """Exact duplicates of some items under new ids: equal weights, decided by the key order."""
    for layer, prefix in (("timexes", "tie-t"), ("events", "tie-v"), ("quotes", "tie-q")):
        items = line.get(layer) or []
        line[layer] = items + [{**item, "id": f"{prefix}{k}"} for k, item in enumerate(items) if rnd.random() < 0.1]
    for entity in line.get("entities") or []:
        entity["mentions"] = entity["mentions"] + [{**m, "id": f"{m['id']}-tie"} for m in entity["mentions"] if rnd.random() < 0.1]
    return line


def _lines(gold: list[Any], rnd: random.Random) -> list[dict[str, Any]]:
    lines = []
    for record in gold:
        line = perturb_line(json.loads(from_gold(record).canonical_json()), record.document.text, rnd)
        lines.append(_ties(line, rnd) if rnd.random() < 0.5 else line)
    return lines


def _both(sub: Any, gold: list[Any], options: ScoreOptions, outcomes: str) -> tuple[bytes, bytes]:
    fast = score(sub, gold, options=options, outcomes=outcomes).to_json_bytes()  # type: ignore[arg-type]
    with mock.patch("naba.evaluate.scorer.score_document", reference_document_score):
        reference = score(sub, gold, options=options, outcomes=outcomes).to_json_bytes()  # type: ignore[arg-type]
    return fast, reference


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_docs=st.integers(1, 4), outcomes=st.sampled_from(["items", "omitted"]),
       trigger=st.sampled_from(["overlap", "exact"]), argument=st.sampled_from(["overlap", "exact"]),
       cue=st.sampled_from(["overlap", "exact"]), fused=st.sampled_from(["either", "strict"]))
def test_array_scorer_gives_the_reference_results(seed: int, n_docs: int, outcomes: str, trigger: str, argument: str, cue: str,
                                                  fused: str) -> None:
    rnd = random.Random(seed)
    gold = rnd.sample(POOL, n_docs)
    sub = coerce_submission(_lines(gold, rnd), gold)
    options = ScoreOptions(n_bootstrap=20, seed=seed % 1000, trigger_match=trigger, argument_match=argument, cue_match=cue,  # type: ignore[arg-type]
                           fused_lam=fused)  # type: ignore[arg-type]
    fast, reference = _both(sub, gold, options, outcomes)
    assert fast == reference


def test_array_scorer_on_exact_and_empty_submissions() -> None:
    gold = FIXTURE_GOLD[:3]
    exact = coerce_submission([json.loads(from_gold(r).canonical_json()) for r in gold], gold)
    empty = coerce_submission([{"document_id": r.document.id, "entities": [], "timexes": [], "quotes": [], "events": []} for r in gold], gold)
    for sub in (exact, empty):
        for outcomes in ("items", "omitted"):
            fast, reference = _both(sub, gold, ScoreOptions(n_bootstrap=10), outcomes)
            assert fast == reference


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_targeted_fused_lam_copy_equals_the_model_walk(seed: int) -> None:
    rnd = random.Random(seed)
    record = rnd.choice(POOL)
    text = record.document.text
    line = perturb_line(json.loads(from_gold(record).canonical_json()), text, rnd)
    # spans moved onto the article's lam of fused لل where the text has one
    starts = [k + 1 for k in range(len(text) - 2) if text[k] == text[k + 1] == "ل"]
    def spans(value: Any) -> list[dict[str, Any]]:  # every span object of the line, any layer
        if isinstance(value, list):
            return [s for item in value for s in spans(item)]
        if not isinstance(value, dict):
            return []
        own = [value] if {"start", "end", "text"} <= set(value) else []
        return own + [s for child in value.values() for s in spans(child)]

    for span in spans(line):
        if starts and rnd.random() < 0.2:
            k = rnd.choice(starts)
            span.update(start=k, end=k + 3, text=text[k : k + 3])
    doc = SubmissionDocument.model_validate(line)
    assert canonical_fused_lam(doc, text).model_dump() == reference_canonical(doc, text).model_dump()
    kept = gold_span_starts(record)  # the gold's own starts on a noun's lam stay, in both definitions
    assert canonical_fused_lam(doc, text, kept).model_dump() == reference_canonical(doc, text, kept).model_dump()


_HOSTILE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["\"", "\\", "\n\r\t\b\f", "\x00\x01\x1f\x7f", "\u2028\u2029", "\U0001f600", "لل", "</script>", "\\u0041"])


@settings(max_examples=200, deadline=None)
@given(name=_HOSTILE, text=_HOSTILE, value=_HOSTILE, seed=st.integers(0, 2**16))
def test_canonical_json_equals_its_json_dumps_definition(name: str, text: str, value: str, seed: int) -> None:
    rnd = random.Random(seed)
    record = rnd.choice(POOL)
    line = perturb_line(json.loads(from_gold(record).canonical_json()), record.document.text, rnd)
    line["entities"][0]["name"] = name
    line["entities"][0]["mentions"][0]["text"] = text
    if line["timexes"]:
        line["timexes"][0]["value"] = value
    for layer in ("entities", "timexes", "quotes", "events"):
        if rnd.random() < 0.2:
            del line[layer]
    doc = SubmissionDocument.model_validate(line)
    assert doc.canonical_json() == doc.reference_canonical_json()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_dense_hull_pairs_are_the_sweeps_pairs(seed: int) -> None:
    # empty spans and two documents included: the sweep's rules at equal starts are the subtle part
    from naba.evaluate.arrays import pairs_of
    from naba.evaluate.spans import Item, hull_overlapping_pairs

    rnd = random.Random(seed)

    def items(n: int) -> list[Item]:
        out = []
        for k in range(n):
            start = rnd.randrange(30)
            end = start + rnd.choice([0, 0, 1, 2, 3, 5, 10])
            out.append(Item(rnd.randrange(2), start, end, rnd.choice("AB"), f"k{k}", "", 0, ((start, end),)))
        return out

    golds, preds = items(rnd.randrange(12)), items(rnd.randrange(12))
    pairs = pairs_of(golds, preds)
    assert sorted(zip(pairs.gi.tolist(), pairs.pj.tolist())) == sorted(hull_overlapping_pairs(golds, preds))


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_windowed_hull_pairs_are_the_dense_pairs_in_their_order(seed: int) -> None:
    # empty and long spans, several documents, sides of a few to a few hundred items
    import numpy as np

    from naba.evaluate import arrays
    from naba.evaluate.spans import Item

    rnd = random.Random(seed)

    def items(n: int, documents: int, length: int) -> list[Item]:
        out = []
        for k in range(n):
            start = rnd.randrange(length)
            end = start + rnd.choice([0, 0, 1, 2, 3, 5, 10, 40])
            out.append(Item(rnd.randrange(documents), start, end, rnd.choice("AB"), f"k{k}", "", 0, ((start, end),)))
        return out

    golds = items(rnd.randrange(1, 200), rnd.choice([1, 1, 2, 3]), rnd.choice([30, 300, 3000]))
    preds = items(rnd.randrange(1, 200), rnd.choice([1, 2]), rnd.choice([30, 300, 3000]))
    code = {"A": 0, "B": 1}
    g, p = arrays._side(golds, code), arrays._side(preds, code)
    gd, pd = np.array([i.doc for i in golds], dtype=np.int64), np.array([i.doc for i in preds], dtype=np.int64)
    windowed = arrays._windowed_hull_pairs(gd, pd, g, p)
    gs, ge, ps, pe = g.start[:, None], g.end[:, None], p.start[None, :], p.end[None, :]
    dense = np.nonzero(np.where(ps < gs, pe > gs, ge > ps) & (gd[:, None] == pd[None, :]))
    assert windowed[0].tolist() == dense[0].tolist() and windowed[1].tolist() == dense[1].tolist()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_union_find_components_are_the_propagated_ones(seed: int) -> None:
    import numpy as np

    from naba.evaluate import arrays

    rnd = random.Random(seed)
    m = rnd.randrange(1, 200)
    spread = rnd.choice([3, 10, 60])
    edges = sorted({(rnd.randrange(spread), rnd.randrange(spread)) for _ in range(m)})
    gi = np.array([g for g, _ in edges], dtype=np.int64)
    pj = np.array([p for _, p in edges], dtype=np.int64)
    limit = arrays.UNION_FIND_EDGES
    try:
        arrays.UNION_FIND_EDGES = -1
        propagated = arrays._components(gi, pj)
    finally:
        arrays.UNION_FIND_EDGES = limit
    assert arrays._components_small(gi, pj).tolist() == propagated.tolist()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_prf_tables_are_the_masked_counts(seed: int) -> None:
    import numpy as np

    from naba.evaluate import arrays
    from naba.evaluate.spans import Item

    rnd = random.Random(seed)
    n_units = rnd.choice([1, 1, 3])

    def items(n: int) -> list[Item]:
        out = []
        for k in range(n):
            start = rnd.randrange(40)
            out.append(Item(0, start, start + rnd.randrange(1, 6), rnd.choice("ABC"), f"k{k}", "", rnd.randrange(n_units), ((start, start + 1),)))
        return out

    pairs = arrays.pairs_of(items(rnd.randrange(15)), items(rnd.randrange(15)))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for k, (a, b) in enumerate(zip(pairs.gi.tolist(), pairs.pj.tolist())):
        if a not in used_gold and b not in used_pred and rnd.random() < 0.7:
            used_gold.add(a)
            used_pred.add(b)
            matched.append(k)
    matched_at = np.array(matched, dtype=np.int64)
    status = np.array([rnd.choice([arrays.TP, arrays.PARTIAL, arrays.INCORRECT]) for _ in range(pairs.gi.size)], dtype=np.int64)
    for n_labels in {1, len(pairs.labels)}:
        new = arrays._prf_tables(pairs, matched_at, status, n_units, n_labels)
        old = arrays._reference_prf_tables(pairs, matched_at, status, n_units, n_labels)
        assert new.dtype == old.dtype and new.shape == old.shape and new.tolist() == old.tolist()


def test_sort_key_getter_is_the_items_sort_key() -> None:
    """``arrays._SORT_KEY`` (an itemgetter over an item's first fields) is ``Item.sort_key``, for
    items of every layer: if ``Item`` gains or reorders a field before ``key``, this fails."""
    from naba.evaluate import entities, events, quotes, timex
    from naba.evaluate.arrays import _SORT_KEY
    from naba.evaluate.perdoc import document_units

    record = load_record()
    units = document_units(1, [s.start for s in record.document.sentences])
    items = entities.gold_items(0, record, units) + timex.gold_items(0, record, units)
    items += [i for group in quotes.gold_items(0, record, units) + events.gold_items(0, record, units) for i in group]
    assert len(items) >= 500
    assert all(_SORT_KEY(item) == item.sort_key for item in items)


def test_two_gold_components_are_solved_as_the_search_solves_them() -> None:
    """``arrays._best_of_two`` (components of two gold items, solved without the search) gives
    the matching the exhaustive search gives, on random components whose weights come from
    ``matching.scalar_weights`` (distinct totals) and on hand-made ties of raw weights."""
    from naba.evaluate import arrays
    from naba.evaluate.matching import scalar_weights

    def searched(edges: list[tuple[int, int]], scalar: list[int]) -> set[tuple[int, int]]:
        with mock.patch.object(arrays, "_best_of_two", side_effect=AssertionError("not the search")):
            # a third gold item, on a predicted item of its own with weight 0: the search, same optimum
            return arrays._best_matching(edges + [(99, 99)], scalar + [0]) - {(99, 99)}

    rnd = random.Random(11)
    for _ in range(3000):
        n_pred = rnd.randint(1, 4)
        edges = [(g, p) for g in (3, 7) for p in range(n_pred) if rnd.random() < 0.7]
        if len({g for g, _ in edges}) < 2:
            continue
        weights = [tuple(rnd.randint(0, 3) for _ in range(3)) for _ in edges]
        scalar = scalar_weights(weights, min(2, n_pred), [g for g, _ in edges])
        assert arrays._best_matching(edges, scalar) == searched(edges, scalar), (edges, weights)
