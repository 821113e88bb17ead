"""Month series: the month names of the story in another regional series; values unchanged.

Maghrebi (جوان), Levantine (حزيران), Egyptian/Gulf (يونيو) or the paired Levantine/Latin form
(حزيران/يونيو) that papers of the Levant print; GUIDELINES 4.3 makes all of them the same month,
so only the text of the time expressions changes. Only month names inside time expressions are
rewritten: outside them a word like "ماي" or "آب" need not be a month.
"""

from __future__ import annotations

from naba.challenge.calendar import MONTH_RE, MonthSeries, month_of, month_word
from naba.challenge.edits import Edit, OffsetMap, apply_edits
from naba.gold.model import Record


def month_series(record: Record, series: MonthSeries) -> tuple[Record, OffsetMap]:
    """The record with every month name of its time expressions written in ``series``."""
    edits: list[Edit] = []
    for timex in record.timexes:
        for match in MONTH_RE.finditer(timex.text):
            month, _ = month_of(match.group(1))
            replacement = month_word(month, series)
            if replacement != match.group(1):
                edits.append(Edit(timex.start + match.start(1), timex.start + match.end(1), replacement))
    return apply_edits(record, edits)
