"""Month names, weekday names and digits as Arabic news writes them, for rewriting dates.

One table per regional month series (GUIDELINES 4.3), the paired form that Levantine papers
print (``حزيران/يونيو``), English month names (embedded posts), the weekday names in the
orthography a text uses, and the two digit systems. Every transformation that writes a date
uses these tables, so a rewritten date is always in the series, spelling and digits of the text
it lands in.
"""

from __future__ import annotations

import re
from typing import Final, Literal

MonthSeries = Literal["maghrebi", "levantine", "egyptian", "paired"]
DigitSystem = Literal["ascii", "arabic_indic"]

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "maghrebi": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "levantine": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
    "egyptian": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
}
MONTHS["paired"] = tuple(f"{lev}/{egy}" for lev, egy in zip(MONTHS["levantine"], MONTHS["egyptian"]))

ENGLISH_MONTHS: Final[tuple[str, ...]] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
)

#: ISO weekday -> (standard spelling, spelling with a written hamza everywhere, spelling with bare alef).
WEEKDAY_FORMS: Final[dict[int, tuple[str, str, str]]] = {
    1: ("الاثنين", "الإثنين", "الاثنين"),
    2: ("الثلاثاء", "الثلاثاء", "الثلاثاء"),
    3: ("الأربعاء", "الأربعاء", "الاربعاء"),
    4: ("الخميس", "الخميس", "الخميس"),
    5: ("الجمعة", "الجمعة", "الجمعة"),
    6: ("السبت", "السبت", "السبت"),
    7: ("الأحد", "الأحد", "الاحد"),
}
WeekdayStyle = Literal["standard", "hamza", "bare"]
_STYLE_INDEX: Final[dict[str, int]] = {"standard": 0, "hamza": 1, "bare": 2}

ARABIC_INDIC: Final[str] = "٠١٢٣٤٥٦٧٨٩"
_TO_INDIC: Final = str.maketrans("0123456789", ARABIC_INDIC)
_TO_ASCII: Final = str.maketrans(ARABIC_INDIC, "0123456789")

#: Every weekday spelling, longest first, as a regex alternation matched on word boundaries.
_WEEKDAY_WORDS: Final[dict[str, int]] = {form: iso for iso, forms in WEEKDAY_FORMS.items() for form in forms}
WEEKDAY_RE: Final = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, _WEEKDAY_WORDS), key=len, reverse=True)) + r")(?![\w])")

#: Every month name of every series -> (month number, the series that use it: مارس is both
#: Maghrebi and Egyptian, so a text that names only shared months does not say its series).
_MONTH_WORDS: Final[dict[str, tuple[int, tuple[MonthSeries, ...]]]] = {}
for _series in ("paired", "levantine", "egyptian", "maghrebi"):
    for _index, _name in enumerate(MONTHS[_series]):
        _number, _known = _MONTH_WORDS.get(_name, (_index + 1, ()))
        _MONTH_WORDS[_name] = (_number, (*_known, _series))  # type: ignore[assignment]
MONTH_ALTERNATION: Final[str] = "|".join(sorted(map(re.escape, _MONTH_WORDS), key=len, reverse=True))
MONTH_RE: Final = re.compile(r"(?<![\w])(" + MONTH_ALTERNATION + r")(?![\w])")
ENGLISH_DATE_RE: Final = re.compile(r"\b(" + "|".join(ENGLISH_MONTHS) + r") (\d{1,2}), (\d{4})\b")
DIGITS_RE: Final = re.compile(r"[0-9٠-٩]+")


def weekday_of(word: str) -> int:
    return _WEEKDAY_WORDS[word]


def weekday_style(word: str) -> WeekdayStyle:
    """The spelling a text uses, read off one of its weekday words (standard when it cannot tell)."""
    for style in ("bare", "hamza"):
        forms = {forms[_STYLE_INDEX[style]] for forms in WEEKDAY_FORMS.values()}
        standard = {forms[0] for forms in WEEKDAY_FORMS.values()}
        if word in forms - standard:
            return style  # type: ignore[return-value]
    return "standard"


def weekday_word(iso: int, style: WeekdayStyle) -> str:
    return WEEKDAY_FORMS[iso][_STYLE_INDEX[style]]


def month_of(word: str) -> tuple[int, tuple[MonthSeries, ...]]:
    """(month number, every series that writes the month this way) of a month name."""
    return _MONTH_WORDS[word]


def month_word(month: int, series: MonthSeries) -> str:
    return MONTHS[series][month - 1]


def digit_system(digits: str) -> DigitSystem:
    return "arabic_indic" if digits and digits[0] in ARABIC_INDIC else "ascii"


def write_number(value: int, system: DigitSystem) -> str:
    text = str(value)
    return text.translate(_TO_INDIC) if system == "arabic_indic" else text


def to_ascii(digits: str) -> str:
    return digits.translate(_TO_ASCII)


def to_indic(digits: str) -> str:
    return digits.translate(_TO_INDIC)
