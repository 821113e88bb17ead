"""The string-alignment front end of a check: string-only predictions (spans with ``text`` and no
offsets, as LLM extractors produce) aligned by ``naba.submission.align`` before scoring, and the
report of every alignment decision."""

from __future__ import annotations

import dataclasses
from typing import Any, Sequence

from naba.submission.align import STRINGS_MODES, Decision, Strings
from naba.check.errors import CheckError
from naba.check.thresholds import DASH

__all__ = ["STRINGS_MODES", "Strings", "alignment_dict", "render_alignment", "strings_mode"]


def alignment_dict(decisions: Sequence[Decision]) -> dict[str, Any]:
    return {
        "spans": len(decisions),
        "aligned": sum(d.status == "aligned" for d in decisions),
        "not_aligned": [dataclasses.asdict(d) for d in decisions if d.status != "aligned"],
        "decisions": [dataclasses.asdict(d) for d in decisions],
    }


def render_alignment(decisions: Sequence[Decision]) -> str:
    """Every alignment decision as a table, then the strings that could not be aligned."""
    from naba.evaluate.report import render_table

    aligned = sum(d.status == "aligned" for d in decisions)
    failed = [d for d in decisions if d.status != "aligned"]
    lines = [f"string-only predictions aligned to the text (naba.submission.align): {len(decisions)} span(s), {aligned} aligned, {len(failed)} not aligned"]
    if decisions:
        rows = [[d.document_id, d.path, d.string, d.status, DASH if d.start is None else f"[{d.start}, {d.end})",
                 f"{d.occurrence} of {d.candidates}" if d.occurrence else f"{d.candidates} found"] for d in decisions]
        lines.append(render_table(["document", "path", "string", "decision", "span", "occurrence"], rows, markdown=False, align_left=6))
    if failed:
        lines.append(f"not aligned ({len(failed)}; removed before scoring, so the gold items they were meant for count as missed):")
        lines += [f"  {d.describe()}" for d in failed]
    return "\n".join(lines)


def strings_mode(strings: str) -> str:
    if strings not in STRINGS_MODES:
        raise CheckError([f"strings must be one of {', '.join(STRINGS_MODES)}, got {strings!r}"])
    return strings
