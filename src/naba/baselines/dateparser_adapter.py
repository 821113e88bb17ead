"""Reference system: ``dateparser.search.search_dates`` as a time-expression tagger.

dateparser (BSD-3-Clause) finds date strings in text and parses them to a
``datetime``. It returns *strings*, not offsets, so each found string is mapped
back to the text by a left-to-right search from the end of the previous one
(the n-th occurrence of a repeated string gets the n-th offset). Values are
TIMEX3 DATEs (``YYYY-MM-DD``: dateparser always yields a full datetime, so a
bare weekday or "today" becomes a day); the anchor is the publication date
(``RELATIVE_BASE``) unless the string carries a four-digit year.

Settings, fixed for reproducibility: ``languages=['ar']``, ``RELATIVE_BASE`` =
publication date at midnight, ``PREFER_DATES_FROM='past'``. Only the
``timexes`` layer is predicted. A span that dateparser returns with a trailing
comma or white space is trimmed (GUIDELINES.md 4.2: the trailing comma is
outside).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from naba.baselines.protocol import SystemUnavailable, as_input_document, requires

_TRIM = " \t\n،,.:;؛"
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def availability() -> tuple[bool, str]:
    return requires("dateparser")


def find_offsets(text: str, strings: list[str]) -> list[tuple[int, int] | None]:
    """Offsets of each string, searched left to right; None when a string is not found."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    for s in strings:
        at = text.find(s, cursor)
        if at < 0:
            at = text.find(s)  # dateparser may report out of order: search from the start
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(s)))
        cursor = at + len(s)
    return out


def extract(document: Any) -> dict[str, Any]:
    ok, reason = availability()
    if not ok:
        raise SystemUnavailable(reason)
    from dateparser.search import search_dates

    doc = as_input_document(document)
    base = _dt.datetime.combine(doc.publication_day, _dt.time())
    found = search_dates(doc.text, languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
    offsets = find_offsets(doc.text, [s for s, _ in found])
    missing = [s for (s, _), span in zip(found, offsets) if span is None]
    if missing:
        raise ValueError(f"dateparser returned strings not in the text: {missing!r}")
    timexes = []
    seen: set[tuple[int, int]] = set()
    for (string, when), span in zip(found, offsets):
        if span is None:  # unreachable: missing strings raised above
            continue
        start, end = span
        while end > start and doc.text[end - 1] in _TRIM:
            end -= 1
        while start < end and doc.text[start] in _TRIM:
            start += 1
        if start == end or (start, end) in seen:
            continue
        seen.add((start, end))
        covered = doc.text[start:end]
        anchor = None if _YEAR.search(covered) else {"kind": "publication_date", "id": None}
        timexes.append({"id": f"t{len(timexes) + 1}", "start": start, "end": end, "text": covered,
                        "type": "DATE", "value": when.date().isoformat(), "anchor": anchor})
    return {"document_id": doc.id, "timexes": timexes}
