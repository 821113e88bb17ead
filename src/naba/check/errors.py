"""The one error of the check layer: bad input to a check (exit code 2), never a regression."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from naba.submission.align import Decision


class CheckError(ValueError):
    """Bad input to a check (exit code 2), never a regression.

    ``problems``: every problem, one readable line each. ``alignment``: the string-alignment
    decisions taken before the failure (they often explain it, e.g. an entity dropped because
    none of its strings was found, leaving a quote's speaker reference dangling).
    """

    def __init__(self, problems: Sequence[str], alignment: Sequence[Decision] = ()) -> None:
        self.problems = list(problems)
        self.alignment = tuple(alignment)
        super().__init__("\n".join(self.problems))


def problem_lines(problems: Sequence[Any], title: str | None = None) -> list[str]:
    return ([title] if title else []) + [str(p) for p in problems] + [f"{len(problems)} problem(s)"]
