"""The string-alignment front end of a check: string-only predictions (spans with ``text`` and no
offsets, as LLM extractors produce) aligned by ``naba.check.align`` before scoring, and the
report of every alignment decision."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Literal, Mapping, Sequence

from naba.check.align import Decision, align_record
from naba.common.jsonload import MAX_DEPTH, deeper_than
from naba.check.errors import CheckError
from naba.check.thresholds import DASH

Strings = Literal["auto", "always", "never"]
STRINGS_MODES: tuple[str, ...] = ("auto", "always", "never")


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
    lines = [f"string-only predictions aligned to the text (naba.check.align): {len(decisions)} span(s), {aligned} aligned, {len(failed)} not aligned"]
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


def align_records(records: Iterable[Any], texts: Mapping[str, str], strings: str = "auto") -> tuple[list[Any], list[Decision], bool]:
    """Align the offset-less spans of submission records (dicts) against their documents.

    Returns (records, decisions, aligned?). ``auto`` uses the aligned records only when some
    span had no offsets, ``always`` always (an offset-carrying record is unchanged), ``never``
    leaves them as given (offset-less spans are then reported by the validator). Records
    whose document is unknown pass unchanged: the validator reports them.
    """
    mode = strings_mode(strings)
    items = list(records)
    if mode == "never":
        return items, [], False
    deep = [index for index, record in enumerate(items, start=1) if deeper_than(record)]
    if deep:
        raise CheckError([f"submission record {index}: nested deeper than {MAX_DEPTH} levels (a record needs fewer than 10)" for index in deep])
    out: list[Any] = []
    decisions: list[Decision] = []
    for record in items:
        doc_id = record.get("document_id") if isinstance(record, dict) else None
        if isinstance(doc_id, str) and doc_id in texts:
            alignment = align_record(texts[doc_id], record)
            decisions.extend(alignment.decisions)
            out.append(alignment.record)
        else:
            out.append(record)
    if decisions or mode == "always":
        return out, decisions, True
    return items, [], False
