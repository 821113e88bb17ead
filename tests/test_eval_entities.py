"""Entity mention modes: hand-computed fixtures, agreement with nervaluate, divergences."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator

from naba.evaluate import ScoreOptions, score
from naba.evaluate.entities import MODES, score_modes, spans_to_items
from naba.gold.records import load_records

GOLD = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold")
DOC_A = GOLD[0]
TEXT = DOC_A.document.text
NO_BOOT = ScoreOptions(n_bootstrap=0)
NERV = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def at(needle: str, nth: int = 0) -> dict[str, object]:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(needle, pos + 1)
    return {"start": pos, "end": pos + len(needle), "text": needle}


def entity(eid: str, etype: str, *mentions: dict[str, object]) -> dict[str, object]:
    return {"id": eid, "type": etype, "mentions": [{"id": f"{eid}m{k}", **m} for k, m in enumerate(mentions)]}


# Gold of fixA: 14 mentions (PER m1-m6, GPE m7-m14). Each prediction below overlaps
# exactly one gold mention, except p6 (overlaps none).
PREDICTION = [
    entity("p1", "PER", at("بوتين")),               # = m1 بوتين, PER            strict correct
    entity("p2", "PER", at("بوتين", 1)),            # inside m2 فلاديمير بوتين     boundary wrong, type right
    entity("p3", "ORG", at("عباس عراقجي")),         # = m5, but ORG (gold PER)   span right, type wrong
    entity("p4", "GPE", at("موسكو")),               # = m7, GPE                  strict correct
    entity("p5", "LOC", at("في موسكو", 1)),         # covers m8 موسكو, LOC       boundary and type wrong
    entity("p6", "ORG", at("المحادثات")),           # nothing there              spurious
    entity("p7", "PER", at("الرئيس الروسي")),       # covers m9 الروسي (GPE)      boundary and type wrong
]


def test_hand_computed_four_modes() -> None:
    results = score([{"document_id": "fixA", "entities": PREDICTION}], [DOC_A], options=NO_BOOT)
    # (correct, incorrect, partial, missed, spurious), counted by hand:
    expected = {
        "strict": (2, 4, 0, 8, 1),   # correct p1 p4; incorrect p2 p3 p5 p7
        "exact": (3, 3, 0, 8, 1),    # correct p1 p3 p4; incorrect p2 p5 p7
        "partial": (3, 0, 3, 8, 1),  # correct p1 p3 p4; partial p2 p5 p7
        "type": (3, 3, 0, 8, 1),     # correct p1 p2 p4; incorrect p3 p5 p7
    }
    for mode, (cor, inc, par, mis, spu) in expected.items():
        m = results.metric(f"entities.{mode}")
        s = m.semeval
        assert (s.correct, s.incorrect, s.partial, s.missed, s.spurious) == (cor, inc, par, mis, spu), mode
    assert results.value("entities.strict.precision") == 2 / 7
    assert results.value("entities.strict.recall") == 2 / 14
    assert results.value("entities.strict.f1") == pytest.approx(4 / 21, abs=1e-15)
    assert results.value("entities.exact.f1") == pytest.approx(2 / 7, abs=1e-15)
    assert results.value("entities.partial.precision") == 4.5 / 7
    assert results.value("entities.partial.recall") == 4.5 / 14
    assert results.value("entities.partial.f1") == pytest.approx(3 / 7, abs=1e-15)
    assert results.value("entities.type.f1") == pytest.approx(2 / 7, abs=1e-15)
    # strict per type (each type re-scored on its own items): counts add up to the micro counts
    assert (results.value("entities.strict.PER.tp"), results.value("entities.strict.PER.fp"), results.value("entities.strict.PER.fn")) == (1, 2, 5)
    assert (results.value("entities.strict.ORG.tp"), results.value("entities.strict.ORG.fp"), results.value("entities.strict.ORG.fn")) == (0, 2, 0)
    assert results.value("entities.strict.ORG.recall") is None
    assert (results.value("entities.strict.GPE.tp"), results.value("entities.strict.GPE.fn")) == (1, 7)
    assert (results.value("entities.strict.LOC.fp"), results.value("entities.strict.LOC.f1")) == (1, 0.0)
    assert sum(results.value(f"entities.strict.{t}.tp") for t in ("PER", "ORG", "GPE", "LOC")) == results.value("entities.strict.tp")
    # per-item outcomes keyed by stable ids
    outcomes = {o.gold: o.status for o in results.metric("entities.strict").outcomes if o.gold}
    assert outcomes["fixA/m1"] == "tp" and outcomes["fixA/m2"] == "incorrect" and outcomes["fixA/m3"] == "fn"
    spurious = [o for o in results.metric("entities.strict").outcomes if o.status == "fp"]
    assert [o.pred for o in spurious] == ["fixA/p6m0"]


def test_nested_predictions_are_matched_one_to_one() -> None:
    # gold: m5 عباس عراقجي (PER) and m11 الإيراني (GPE) inside the predicted phrase
    pred = [entity("a", "PER", at("وزير الخارجية الإيراني عباس عراقجي")), entity("b", "GPE", at("الإيراني"))]
    results = score([{"document_id": "fixA", "entities": pred}], [DOC_A], options=NO_BOOT)
    strict = results.metric("entities.strict").semeval
    assert (strict.correct, strict.incorrect, strict.spurious) == (1, 1, 0)  # b = m11; a ~ m5
    typ = results.metric("entities.type").semeval
    assert (typ.correct, typ.incorrect) == (2, 0)  # a overlaps m5 with the right type
    pairs = {o.gold: o.pred for o in results.metric("entities.strict").outcomes if o.gold and o.pred}
    assert pairs == {"fixA/m11": "fixA/bm0", "fixA/m5": "fixA/am0"}


# ----------------------------------------------------------------- nervaluate


def run_nervaluate(true_spans, pred_spans, tags=("PER", "ORG", "GPE")):  # type: ignore[no-untyped-def]
    def dicts(spans):  # type: ignore[no-untyped-def]
        return [[{"label": l, "start": s, "end": e - 1} for s, e, l in seq] for seq in spans]  # inclusive ends

    return Evaluator(dicts(true_spans), dicts(pred_spans), tags=list(tags), loader="dict").evaluate()


def naba_modes(true_spans, pred_spans):  # type: ignore[no-untyped-def]
    return dict(zip(MODES, score_modes(spans_to_items(true_spans, "g"), spans_to_items(pred_spans, "p"))))


def categories(r) -> tuple[int, int, int, int, int]:  # type: ignore[no-untyped-def]
    return (r.correct, r.incorrect, r.partial, r.missed, r.spurious)


@st.composite
def one_to_one_documents(draw):  # type: ignore[no-untyped-def]
    """Documents of disjoint slots; a slot holds a gold span, a predicted span, both
    (overlapping or not) or neither, so no item overlaps two items of the other side."""
    docs_true, docs_pred = [], []
    for _ in range(draw(st.integers(1, 3))):
        true, pred, base = [], [], 0
        for _ in range(draw(st.integers(0, 5))):
            kind = draw(st.sampled_from(["both", "both", "gold", "pred", "none"]))
            label_g = draw(st.sampled_from(["PER", "ORG", "GPE"]))
            label_p = draw(st.sampled_from([label_g, label_g, "PER", "ORG", "GPE"]))
            gs, gl = draw(st.integers(0, 3)), draw(st.integers(1, 4))
            if kind in ("both", "gold"):
                true.append((base + gs, base + gs + gl, label_g))
            if kind in ("both", "pred"):
                ps = draw(st.integers(max(0, gs - 2), gs + gl - 1)) if kind == "both" else draw(st.integers(0, 3))
                pl = draw(st.integers(1, 4))
                pred.append((base + ps, base + ps + pl, label_p))
            base += 20
        docs_true.append(true)
        docs_pred.append(pred)
    return docs_true, docs_pred


@settings(max_examples=120, deadline=None)
@given(one_to_one_documents())
def test_identical_to_nervaluate_when_matching_is_unambiguous(docs) -> None:  # type: ignore[no-untyped-def]
    true_spans, pred_spans = docs
    if not any(true_spans) and not any(pred_spans):
        return
    theirs = run_nervaluate(true_spans, pred_spans)
    ours = naba_modes(true_spans, pred_spans)
    for mode in MODES:
        r = theirs["overall"][NERV[mode]]
        s = ours[mode].semeval
        assert categories(r) == (s.correct, s.incorrect, s.partial, s.missed, s.spurious), mode
        for name, value in (("precision", ours[mode].counts.precision), ("recall", ours[mode].counts.recall), ("f1", ours[mode].counts.f1)):
            assert getattr(r, name) == pytest.approx(0.0 if value is None else value, abs=1e-12), (mode, name)
        for label, sub in ours[mode].per_label.items():
            rt = theirs["entities"][label][NERV[mode]]
            assert categories(rt) == (sub.semeval.correct, sub.semeval.incorrect, sub.semeval.partial, sub.semeval.missed, sub.semeval.spurious)


@st.composite
def any_documents(draw):  # type: ignore[no-untyped-def]
    def spans():  # type: ignore[no-untyped-def]
        out = []
        for _ in range(draw(st.integers(0, 6))):
            s = draw(st.integers(0, 15))
            out.append((s, s + draw(st.integers(1, 5)), draw(st.sampled_from(["PER", "ORG", "GPE"]))))
        return sorted(set(out))
    return [spans()], [spans()]


@settings(max_examples=120, deadline=None)
@given(any_documents(), st.randoms(use_true_random=False))
def test_never_credits_less_than_nervaluate_and_ignores_order(docs, rnd) -> None:  # type: ignore[no-untyped-def]
    true_spans, pred_spans = docs
    if not true_spans[0] and not pred_spans[0]:
        return
    theirs = run_nervaluate(true_spans, pred_spans)
    ours = naba_modes(true_spans, pred_spans)
    shuffled = [list(pred_spans[0])]
    rnd.shuffle(shuffled[0])
    ours_shuffled = naba_modes(true_spans, shuffled)
    for mode in MODES:
        r = theirs["overall"][NERV[mode]]
        s = ours[mode].semeval
        assert s.correct + 0.5 * s.partial >= r.correct + 0.5 * r.partial, mode
        assert ours_shuffled[mode].semeval == s
        assert s.actual == r.actual and s.possible == r.possible  # same items on both sides


# Divergences (documented in naba.evaluate.entities)


def test_divergence_greedy_order_in_nervaluate_strict() -> None:
    true = [[(0, 4, "PER")]]
    partial_first = [[(0, 2, "PER"), (0, 4, "PER")]]
    exact_first = [[(0, 4, "PER"), (0, 2, "PER")]]
    # nervaluate: the partial overlap, seen first, takes the gold item as "incorrect"
    assert run_nervaluate(true, partial_first)["overall"]["strict"].correct == 0
    assert run_nervaluate(true, exact_first)["overall"]["strict"].correct == 1
    # naba: the exact pair is found whatever the order
    assert naba_modes(true, partial_first)["strict"].semeval.correct == 1
    assert naba_modes(true, exact_first)["strict"].semeval.correct == 1


def test_divergence_closest_boundary_greedy_in_nervaluate_type() -> None:
    true = [[(0, 3, "PER"), (3, 10, "PER")]]
    pred = [[(1, 9, "PER"), (9, 10, "PER")]]
    r = run_nervaluate(true, pred)["overall"]["ent_type"]
    assert (r.correct, r.missed, r.spurious) == (1, 1, 1)  # the first prediction takes the closer gold item
    s = naba_modes(true, pred)["type"].semeval
    assert (s.correct, s.missed, s.spurious) == (2, 0, 0)


def test_divergence_inclusive_ends() -> None:
    # half-open [0,3) and [3,5) only touch; given raw to nervaluate they "overlap"
    true, pred = [[(0, 3, "PER")]], [[(3, 5, "PER")]]
    raw = Evaluator([[{"label": "PER", "start": 0, "end": 3}]], [[{"label": "PER", "start": 3, "end": 5}]], tags=["PER"], loader="dict").evaluate()
    assert raw["overall"]["strict"].incorrect == 1
    s = naba_modes(true, pred)["strict"].semeval
    assert (s.incorrect, s.missed, s.spurious) == (0, 1, 1)
    assert categories(run_nervaluate(true, pred)["overall"]["strict"]) == (0, 0, 0, 1, 1)  # with end - 1


def test_divergence_undefined_scores() -> None:
    r = run_nervaluate([[(0, 3, "PER")]], [[]])["overall"]["strict"]
    assert r.precision == 0.0
    assert naba_modes([[(0, 3, "PER")]], [[]])["strict"].counts.precision is None


def test_divergence_unknown_labels_are_dropped_by_nervaluate() -> None:
    r = run_nervaluate([[(0, 3, "PER")]], [[(0, 3, "XYZ")]], tags=("PER",))["overall"]["strict"]
    assert (r.missed, r.spurious) == (1, 0)  # the XYZ prediction vanished
    # naba never drops a label: an unknown type is a validation error (see test_eval_submission)


def test_one_prediction_over_two_gold_items_counts_once() -> None:
    true, pred = [[(0, 3, "PER"), (4, 7, "PER")]], [[(1, 6, "PER")]]
    s = naba_modes(true, pred)["partial"].semeval
    assert (s.partial, s.missed, s.spurious) == (1, 1, 0)
    assert categories(run_nervaluate(true, pred)["overall"]["partial"]) == (0, 0, 1, 1, 0)


def test_random_documents_shuffled_mentions_same_results() -> None:
    rng = random.Random(3)
    true = [[(k * 5, k * 5 + rng.randint(1, 6), rng.choice(["PER", "GPE"])) for k in range(12)]]
    pred = [[(k * 5 + rng.randint(-1, 1) + 1, k * 5 + rng.randint(2, 7), rng.choice(["PER", "GPE"])) for k in range(12)]]
    base = naba_modes(true, pred)
    for _ in range(5):
        shuffled = [list(pred[0])]
        rng.shuffle(shuffled[0])
        again = naba_modes(true, shuffled)
        assert all(again[m].semeval == base[m].semeval for m in MODES)
