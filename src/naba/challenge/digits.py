"""Digits: ASCII <-> Arabic-Indic (٠١٢٣٤٥٦٧٨٩) in the Arabic prose of the text.

Arabic news prints either system. Only digit runs in Arabic-script context are rewritten: a run
touching a Latin letter (a URL such as pic.twitter.com/fDRvGkGvr3, an account name) or on a line
segment written in Latin script (an embedded post's "June 23, 2025") is left alone, because no
writer would put Arabic-Indic digits there. Values never change: TIMEX3 values are ASCII.
"""

from __future__ import annotations

import re
from typing import Literal

from naba.challenge.calendar import to_ascii, to_indic
from naba.challenge.edits import Edit, OffsetMap, apply_edits
from naba.gold.model import Record

_LATIN = re.compile(r"[A-Za-z]")
_RUNS = {"arabic_indic": re.compile(r"[0-9]+"), "ascii": re.compile(r"[٠-٩]+")}


def _latin_context(text: str, start: int, end: int) -> bool:
    """True when the run touches a Latin letter, or Latin letters stand within 12 code points on
    the same line and no Arabic letter stands between them and the run."""
    if (start > 0 and _LATIN.match(text[start - 1])) or (end < len(text) and _LATIN.match(text[end])):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = text[max(line_start, start - 12) : start]
    right = text[end : min(line_end, end + 12)]

    def nearest_is_latin(chunk: str) -> bool:
        for char in chunk:
            if _LATIN.match(char):
                return True
            if "\u0600" <= char <= "\u06ff":
                return False
        return False

    return nearest_is_latin(reversed(left)) or nearest_is_latin(right)  # type: ignore[arg-type]


def digits(record: Record, to: Literal["arabic_indic", "ascii"]) -> tuple[Record, OffsetMap]:
    """The record with the digits of its Arabic prose written in ``to``."""
    text = record.document.text
    convert = to_indic if to == "arabic_indic" else to_ascii
    edits = [
        Edit(m.start(), m.end(), convert(m.group(0)))
        for m in _RUNS[to].finditer(text)
        if not _latin_context(text, m.start(), m.end())
    ]
    return apply_edits(record, edits)
