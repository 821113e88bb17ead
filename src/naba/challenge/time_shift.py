"""Time shift: the whole story moves by ``days``.

The publication date, every calendar value (and alternative) of every time expression moves by
exactly ``days``; inside the time expressions, every weekday name, day number, month name and year
that names a date is rewritten for the new date, in the month series, weekday spelling and digits
the expression already uses. Relative words (اليوم، الآن، وقت سابق) keep their text and move their
value with the anchor. A date-naming word that the rewriter does not understand (a month-only
value, a numeric date it cannot parse) is a construction error, never left stale.
"""

from __future__ import annotations

import datetime as dt
import re

from naba.challenge.calendar import (
    DIGITS_RE,
    ENGLISH_DATE_RE,
    ENGLISH_MONTHS,
    MONTH_ALTERNATION,
    MONTH_RE,
    WEEKDAY_RE,
    MonthSeries,
    digit_system,
    month_of,
    month_word,
    to_ascii,
    weekday_style,
    weekday_word,
    write_number,
)
from naba.challenge.edits import ConstructionError, Edit, OffsetMap, apply_edits
from naba.gold.model import Record, Timex
from naba.gold.timex3 import calendar_date

_DATE_VALUE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$")
_DAY_MONTH_RE = re.compile(r"([0-9٠-٩]{1,2})(\s+)(" + MONTH_ALTERNATION + r")(?![\w])(?:(\s+)([0-9٠-٩]{4}))?")


def shift_value(value: str, days: int) -> str:
    """A TIMEX3 value moved by ``days`` when it names a calendar day; any other value unchanged."""
    match = _DATE_VALUE_RE.match(value)
    if not match or calendar_date(value) is None:
        return value
    day = dt.date.fromisoformat(match.group(1)) + dt.timedelta(days=days)
    return day.isoformat() + match.group(2)


def document_series(record: Record) -> MonthSeries | None:
    """The month series the record's time expressions write, or None when they name no month.

    Raises when the names leave it open (only months that two series share, such as ديسمبر) or
    contradict each other: then the caller must say which series to write."""
    candidates: set[str] | None = None
    for timex in record.timexes:
        for match in MONTH_RE.finditer(timex.text):
            _, series = month_of(match.group(1))
            candidates = set(series) if candidates is None else candidates & set(series)
    if candidates is None:
        return None
    if len(candidates) != 1:
        raise ConstructionError(f"the month names do not determine one series (candidates: {sorted(candidates)}); pass series=")
    return candidates.pop()  # type: ignore[return-value]


def _rewrite_timex(timex: Timex, new_day: dt.date, text: str, series: MonthSeries | None) -> list[Edit]:
    """Edits (in document offsets) that make the expression's text name ``new_day``."""
    local = timex.text
    edits: list[Edit] = []
    covered: list[tuple[int, int]] = []

    def add(start: int, end: int, replacement: str) -> None:
        covered.append((start, end))
        if local[start:end] != replacement:
            edits.append(Edit(timex.start + start, timex.start + end, replacement))

    for match in ENGLISH_DATE_RE.finditer(local):
        add(match.start(1), match.end(1), ENGLISH_MONTHS[new_day.month - 1])
        add(match.start(2), match.end(2), str(new_day.day))
        add(match.start(3), match.end(3), str(new_day.year))
    for match in _DAY_MONTH_RE.finditer(local):
        add(match.start(1), match.end(1), write_number(new_day.day, digit_system(match.group(1))))
        if series is None:  # internal invariant: a month name was found, so the series is known
            raise ConstructionError(f"{timex.id}: no month series for {match.group(3)!r}")
        add(match.start(3), match.end(3), month_word(new_day.month, series))
        if match.group(5):
            add(match.start(5), match.end(5), write_number(new_day.year, digit_system(match.group(5))))
    for match in WEEKDAY_RE.finditer(local):
        add(match.start(1), match.end(1), weekday_word(new_day.isoweekday(), weekday_style(match.group(1))))

    def uncovered(start: int, end: int) -> bool:
        return not any(a <= start and end <= b for a, b in covered)

    leftovers = [m.group(0) for m in MONTH_RE.finditer(local) if uncovered(m.start(1), m.end(1))]
    leftovers += [m.group(0) for m in DIGITS_RE.finditer(local) if uncovered(m.start(), m.end())]
    if leftovers:
        raise ConstructionError(f"time shift cannot rewrite {leftovers!r} in {timex.id} {timex.text!r}")
    if text[timex.start : timex.end] != local:  # internal invariant
        raise ConstructionError(f"{timex.id} does not cover its text")
    return edits


def time_shift(record: Record, days: int, series: MonthSeries | None = None) -> tuple[Record, OffsetMap]:
    """The record with its story moved by ``days`` (see the module docstring). Month names are
    written in the record's own series; ``series`` names it when the text cannot (a text that
    names only months two series share)."""
    text = record.document.text
    series = series or document_series(record)
    edits: list[Edit] = []
    for timex in record.timexes:
        day = calendar_date(timex.value)
        if day is not None:
            edits.extend(_rewrite_timex(timex, day + dt.timedelta(days=days), text, series))
        elif MONTH_RE.search(timex.text) or WEEKDAY_RE.search(timex.text) or DIGITS_RE.search(to_ascii(timex.text)):
            raise ConstructionError(f"time shift cannot move {timex.id} {timex.text!r} with value {timex.value!r}")
    old_pub = dt.date.fromisoformat(record.document.publication_date.value)
    new_pub = (old_pub + dt.timedelta(days=days)).isoformat()

    def timexes(moved: dict[str, object]) -> object:
        out = []
        for item in moved["timexes"]:  # type: ignore[union-attr]
            item = dict(item)
            item["value"] = shift_value(item["value"], days)
            item["alternatives"] = [shift_value(v, days) for v in item["alternatives"]]
            out.append(item)
        return out

    def document(moved: dict[str, object]) -> object:
        doc = dict(moved["document"])  # type: ignore[arg-type]
        pub = dict(doc["publication_date"])
        pub["value"] = new_pub
        doc["publication_date"] = pub
        return doc

    return apply_edits(record, edits, timexes=timexes, document=document)
