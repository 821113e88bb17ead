"""TIMEX3 value syntax and calendar checks.

The gold stores TimeML TIMEX3 ``value`` strings. This module is the single
definition of what a well-formed value is, used by the validator, the scorer
(value comparison) and the baselines (value generation).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final

_PART_OF_DAY: Final = r"(?:MO|MI|AF|EV|NI|DT)"
_DATE: Final = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
_WEEK: Final = r"\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])(?:-(?:[1-7]|WE))?"
_QUARTER: Final = r"\d{4}-Q[1-4]"  # TimeML's quarters: الربع الثالث من 2025 -> 2025-Q3
_CLOCK: Final = r"(?:[01]\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?)?"
_DURATION: Final = (
    r"P(?:(?:\d+|X)(?:\.\d+)?[YMWDE]|(?:\d+|X)(?:Y|M|W|D|DE|CE|L))+"
    r"(?:T(?:(?:\d+|X)(?:\.\d+)?[HMS])+)?|PT(?:(?:\d+|X)(?:\.\d+)?[HMS])+"
)
_VALUE_RE: Final = re.compile(
    rf"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    rf"|{_DATE}(?:T(?:{_PART_OF_DAY}|{_CLOCK}))?"
    rf"|{_WEEK}"
    rf"|{_QUARTER}"
    rf"|{_DURATION})\Z",
    re.ASCII,  # only the digits 0-9: "٢٠٢٥-06-23" and fullwidth digits are not TIMEX3
)
_FULL_DATE_RE: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?\Z", re.ASCII)
_ISO_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def is_iso_date(value: str) -> bool:
    """True for a real calendar day written ``YYYY-MM-DD`` in ASCII digits, nothing more: the
    form of every publication date. (``date.fromisoformat`` also takes ``20250623`` and
    ``2025-W26-1``, which naba does not.)"""
    if not isinstance(value, str) or not _ISO_DATE_RE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True

#: Arabic weekday names (after normalisation of alef/hamza forms) -> ISO weekday.
WEEKDAYS: Final[dict[str, int]] = {
    "الاثنين": 1,
    "الثلاثاء": 2,
    "الاربعاء": 3,
    "الخميس": 4,
    "الجمعه": 5,
    "السبت": 6,
    "الاحد": 7,
}


def is_valid_value(value: str) -> bool:
    """Return True when ``value`` is a TIMEX3 value this project accepts.

    Accepted: calendar dates at year/month/day granularity, optionally with a
    clock time or a part of day (``TMO``/``TMI``/``TAF``/``TEV``/``TNI``/``TDT``),
    ISO weeks, quarters (``2025-Q3``), durations (``P…``), and ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.
    A well-formed string must also be a real calendar date (no 2025-02-30).
    """
    if not _VALUE_RE.match(value):
        return False
    return calendar_date(value) is not None or not _FULL_DATE_RE.match(value)


def calendar_date(value: str) -> _dt.date | None:
    """The calendar day a value denotes, or None if it denotes no single day."""
    match = _FULL_DATE_RE.match(value)
    if not match:
        return None
    try:
        return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def named_weekday(text: str) -> int | None:
    """The ISO weekday named in ``text`` (1 = Monday), or None.

    ``text`` is normalised first so that الإثنين and الاثنين, الأربعاء and
    الاربعاء, الجمعة and الجمعه all count.
    """
    from naba.common.arabic import normalize  # local: keeps this module dependency-free at import

    folded = normalize(text)
    for token in folded.split():
        for name, iso in WEEKDAYS.items():
            bare = name[2:]
            if token in (name, bare) or token.endswith(name):
                return iso
    return None
