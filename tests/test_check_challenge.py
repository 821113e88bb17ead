"""``naba check --split challenge``: thresholds and regressions over the challenge figures (hand cases)."""

from __future__ import annotations

import pytest

from naba.check.challenge import check_challenge
from naba.check.errors import CheckError
from naba.evaluate.robustness import RobustnessReport, RobustnessRow, TaskRobustness


def _report(score: float, rate: float) -> RobustnessReport:
    task = TaskRobustness(score=score, half_width=None, drop=score - 0.9, drop_half_width=None,
                          right_on_original=10, wrong_on_variant=round(rate * 10), invariance_failure_rate=rate)
    row = RobustnessRow(name="all variants", kind="transformation", variants=["v1"], transformations=["names"], tasks={"entities": task})
    return RobustnessReport(original={"entities": 0.9}, rows=[row], n_bootstrap=0, seed=1, confidence=0.95)


def test_thresholds_in_both_directions() -> None:
    report = _report(0.8, 0.2)
    result = check_challenge(report, minimums=["challenge.all_variants.entities.score=0.85"],
                             maximums=["challenge.all_variants.entities.invariance_failure_rate=0.1"])
    assert result.exit_code == 1 and len(result.failures) == 2
    assert check_challenge(report, minimums=["challenge.all_variants.entities.score=0.8"]).exit_code == 0


def test_regressions_follow_each_statistics_direction() -> None:
    old, new = _report(0.85, 0.1), _report(0.84, 0.3)
    failures = check_challenge(new, against=old, tolerance=0.05).failures
    # the score fell by 0.01 (within tolerance); the failure rate rose by 0.2 (a regression, lower is better)
    assert [f.split(":")[0] for f in failures] == ["challenge.all_variants.entities.invariance_failure_rate"]
    assert check_challenge(old, against=new, tolerance=0.0).exit_code == 0  # every figure improved: no regression
    assert check_challenge(new, against=new).failures == []


def test_unknown_names_are_bad_input() -> None:
    with pytest.raises(CheckError, match="not a challenge figure"):
        check_challenge(_report(0.8, 0.1), minimums=["challenge.nowhere.entities.score=1"])
    with pytest.raises(CheckError, match="NAME=VALUE"):
        check_challenge(_report(0.8, 0.1), maximums=["challenge.all_variants.entities.score"])
