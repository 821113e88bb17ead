"""Regression checks on the challenge split: thresholds and saved reports over its figures.

The figures are ``RobustnessReport.flat()``'s names: ``challenge.<row>.<task>.<statistic>`` with
a row that is a transformation, ``all_variants`` or a variant id, and a statistic that is
``score``, ``drop`` (variant minus article: higher is better) or ``invariance_failure_rate``
(lower is better). ``--min``/``--max`` bound any of them; ``--against`` a saved report fails every
figure that got worse by more than the tolerance, in its own direction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from naba.check.errors import CheckError
from naba.evaluate.robustness import HIGHER_IS_BETTER, RobustnessReport


@dataclass(frozen=True)
class ChallengeCheck:
    """What failed, and the figures checked."""

    failures: list[str] = field(default_factory=list)
    checked: dict[str, float | int | None] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def render(self) -> str:
        if not self.failures:
            return f"challenge: {len(self.checked)} figure(s) checked, nothing regressed\n"
        return "".join(f"REGRESSION {line}\n" for line in self.failures) + f"{len(self.failures)} regression(s) on the challenge split\n"

    def to_json(self) -> str:
        return json.dumps({"failures": self.failures, "checked": self.checked}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _parse(items: Sequence[str], flag: str, known: dict[str, float | int | None]) -> tuple[dict[str, float], list[str]]:
    out: dict[str, float] = {}
    problems: list[str] = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            problems.append(f"{flag} {item!r}: give NAME=VALUE")
            continue
        if name not in known:
            rows = sorted({n.split(".")[1] for n in known})
            problems.append(f"{flag} {name!r}: not a challenge figure; names are challenge.<row>.<task>.<score|drop|invariance_failure_rate>, rows: {', '.join(rows)}")
            continue
        try:
            out[name] = float(value)
        except ValueError:
            problems.append(f"{flag} {item!r}: {value!r} is not a number")
    return out, problems


def read_report(path: Path) -> RobustnessReport:
    """A saved challenge report; a missing or malformed file is bad input."""
    from pydantic import ValidationError

    from naba.common.files import FileReadError, read_regular_text

    try:
        return RobustnessReport.model_validate_json(read_regular_text(path, limit=64 * 1024 * 1024, what="challenge report"))
    except FileReadError as err:
        raise CheckError([f"--against {err}"]) from None
    except ValidationError as err:
        raise CheckError([f"--against {path}: not a challenge report ({err.error_count()} problem(s), first: {err.errors()[0]['msg']})"]) from None


def check_challenge(report: RobustnessReport, *, minimums: Sequence[str] = (), maximums: Sequence[str] = (),
                    against: RobustnessReport | None = None, tolerance: float = 0.0) -> ChallengeCheck:
    """Every threshold and every regression against ``against``; bad names are ``CheckError``."""
    flat = report.flat()
    lows, low_problems = _parse(minimums, "--min", flat)
    highs, high_problems = _parse(maximums, "--max", flat)
    if low_problems or high_problems:
        raise CheckError(low_problems + high_problems)
    failures: list[str] = []
    for name, bound in sorted(lows.items()):
        value = flat[name]
        if value is None or value < bound:
            failures.append(f"{name} = {value} < --min {bound}")
    for name, bound in sorted(highs.items()):
        value = flat[name]
        if value is None or value > bound:
            failures.append(f"{name} = {value} > --max {bound}")
    if against is not None:
        for name, old in sorted(against.flat().items()):
            new = flat.get(name)
            if old is None or new is None:
                continue
            higher = HIGHER_IS_BETTER[name.rsplit(".", 1)[1]]
            worse = (old - new) if higher else (new - old)
            if worse > tolerance:
                failures.append(f"{name}: {old:.4f} -> {new:.4f} (worse by {worse:.4f}, tolerance {tolerance})")
    return ChallengeCheck(failures, {name: flat[name] for name in sorted(set(lows) | set(highs))} if (lows or highs) else flat)
