"""Counts add up; scores are derived; undefined is None."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from naba.evaluate.counts import Counts, Ratio, SemEval, f1_from


def test_scores_from_counts() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == 3 / 4
    assert c.recall == 3 / 5
    assert c.f1 == 2 * (3 / 4) * (3 / 5) / (3 / 4 + 3 / 5)
    assert abs(c.f1 - 6 / 9) < 1e-15  # 2tp / (2tp + fp + fn)


def test_undefined_is_none_not_zero() -> None:
    assert Counts().precision is None and Counts().recall is None and Counts().f1 is None
    nothing_predicted = Counts(tp=0, fp=0, fn=4)
    assert nothing_predicted.precision is None
    assert nothing_predicted.recall == 0.0
    assert nothing_predicted.f1 == 0.0  # defined: 2*0 / (0 + 0 + 4)
    nothing_in_gold = Counts(tp=0, fp=2, fn=0)
    assert nothing_in_gold.recall is None and nothing_in_gold.precision == 0.0 and nothing_in_gold.f1 == 0.0
    assert Ratio().accuracy is None
    assert f1_from(None, None) is None


def test_partial_is_half_a_hit_on_both_sides() -> None:
    # nervaluate: P = (COR + 0.5 PAR) / ACT, R = (COR + 0.5 PAR) / POS
    c = Counts(tp=3, fp=1, fn=8, partial=3)
    assert c.precision == 4.5 / 7
    assert c.recall == 4.5 / 14


def test_semeval_to_counts() -> None:
    s = SemEval(correct=2, incorrect=4, partial=0, missed=8, spurious=1)
    assert s.actual == 7 and s.possible == 14
    assert s.to_counts() == Counts(tp=2, fp=5, fn=12, partial=0)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)), max_size=6))
def test_counts_add_up(parts) -> None:  # type: ignore[no-untyped-def]
    total = sum((Counts(*p) for p in parts), Counts())
    assert total == Counts(*(sum(col) for col in zip(*parts))) if parts else total == Counts()
    for value in (total.precision, total.recall, total.f1):
        assert value is None or 0.0 <= value <= 1.0


def test_ratio_adds() -> None:
    assert Ratio(1, 2) + Ratio(2, 3) == Ratio(3, 5)
    assert (Ratio(3, 5)).accuracy == 0.6
