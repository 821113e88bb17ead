"""How many terminal columns a text takes: what a column-aligned text table has to count.

A terminal draws a combining mark on the letter before it, in no column of its own: the Arabic
harakat (U+064B-U+065F), the superscript alef (U+0670), any character that
``unicodedata.combining`` names, and zero-width format characters (the bidi marks U+200E,
U+200F, U+061C). ``len`` counts them, so a vocalised Arabic cell (``قَالَ``: 5 code points,
3 columns) pushes every later column of its row out of line. ``wcwidth`` holds the Unicode
tables of these widths and follows each Unicode version (0 for marks, 2 for wide East Asian
characters, 1 otherwise; the tatweel U+0640 is a letter and takes 1), so naba does not keep a
table of its own.
"""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a control character, which has no width, counts 0)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(0, wcwidth(char)) for char in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns, on the right (left-aligned) or on the left."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
