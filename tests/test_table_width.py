"""Text tables stay aligned with vocalised Arabic: widths are terminal columns, not code points.

A combining mark (the harakat U+064B-U+065F, the superscript alef U+0670, anything
``unicodedata.combining`` names) takes no column; the tatweel U+0640 takes one. Each table line's
columns are checked by display width, which a table padded by ``len`` fails.
"""

from __future__ import annotations

import unicodedata

from naba.common.width import display_width, pad
from naba.evaluate.report import render_table
from naba.gold.audit import Finding, render_table as render_audit

VOCALISED = "قَالَ الرَّئِيسُ"  # 16 code points (six harakat), 10 columns
PLAIN = "قال"


def test_combining_marks_take_no_column() -> None:
    for code in [*range(0x064B, 0x0660), 0x0670]:
        assert display_width(chr(code)) == 0, hex(code)
        assert display_width("ب" + chr(code)) == 1, hex(code)
    marks = [chr(c) for c in range(0x0300, 0x0370) if unicodedata.combining(chr(c))]
    assert marks and all(display_width("a" + m) == 1 for m in marks)
    assert display_width("\u0640") == 1  # tatweel is a letter
    assert len(VOCALISED) == 16 and display_width(VOCALISED) == 10
    assert display_width("漢字") == 4 and display_width("a\x07b") == 2
    assert pad(VOCALISED, 12) == VOCALISED + "  " and pad("x", 3, right=True) == "  x"


def _column_starts(line: str, cells: list[str]) -> list[int]:
    """Display column at which each cell of a rendered line starts (cells found left to right)."""
    starts, at = [], 0
    for cell in cells:
        at = line.index(cell, at)
        starts.append(display_width(line[:at]))
        at += len(cell)
    return starts


def test_render_table_lines_up_a_vocalised_arabic_cell() -> None:
    rows = [["a", VOCALISED, "1"], ["bb", PLAIN, "22"], ["c", "ـــ", "333"]]
    lines = render_table(["metric", "text", "n"], rows, markdown=False, align_left=2).split("\n")
    widths = {display_width(line) for line in lines}
    assert len(widths) == 1, [display_width(line) for line in lines]  # the last column is right-aligned: every line ends together
    starts = [_column_starts(line, cells) for line, cells in zip([lines[0], *lines[2:]], [["metric", "text"], *[r[:2] for r in rows]])]
    assert len({tuple(s) for s in starts}) == 1, starts
    assert lines[1].split() == ["-" * 6, "-" * 10, "-" * 3]  # the rule is as wide as the widest cell's columns


def test_audit_table_lines_up_a_vocalised_arabic_cell() -> None:
    findings = [Finding("d", "v1", "MEET", VOCALISED, "s1", "entity_not_argument", "e1", "بوتين", "PER", 0, 5),
                Finding("d", "v2", "AID", PLAIN, "s2", "entity_not_argument", "e2", "روسيا", "GPE", 6, 11)]
    lines = render_audit(findings).split("\n")[:3]
    starts = [display_width(line[: line.index("s1" if n == 1 else "s2" if n == 2 else "sentence")]) for n, line in enumerate(lines)]
    assert len(set(starts)) == 1, (starts, lines)
