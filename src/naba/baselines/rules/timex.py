"""Time expressions: detection on the normalised view, and TIMEX3 resolution.

Detection is a small grammar over normalised tokens (GUIDELINES.md 4):

    [يوم] WEEKDAY [DAY MONTH [YEAR]]           الخميس 19 جوان / يوم الإثنين
    PART_OF_DAY (WEEKDAY | اليوم | أمس | غد | DATE)   مساء الأحد / فجر اليوم
    RELATIVE [WEEKDAY]                          اليوم الاثنين / أمس / غدا / الآن
    DAY MONTH [YEAR] | MONTH YEAR | عام YEAR    19 جوان 2025 / حزيران 2024
    English: Month DAY, YEAR | DAY Month YEAR   June 23, 2025
    (الأسبوع|الشهر|العام) (الماضي|المقبل|...) ، وقت سابق ، NUMBER UNIT (durations)

Months of all three Arabic series come from CLDR (every ``ar_*`` locale in
babel) plus the hand list of GUIDELINES.md 4.3; a month name that is also a
common word (مارس "practised", آب "father", ماي) only counts next to a day
number or a year. Both digit sets work because matching runs on the
normalised view (Eastern digits folded to ASCII).

Resolution (``resolve``) turns the parsed parts into a TIMEX3 type and value
against a reference day: a bare weekday is the most recent such day on or
before the reference (the next one on or after it when the clause is future),
a day and month without a year take the year closest to the reference.
"""

from __future__ import annotations

import bisect

import datetime as _dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final, NamedTuple

from naba.baselines.rules.normalization import View, stems
from naba.common.arabic import normalize
from naba.gold.timex3 import WEEKDAYS, is_valid_value

#: The three Arabic month series of GUIDELINES.md 4.3 (CLDR adds Moroccan forms).
MONTH_SERIES: Final[dict[str, tuple[str, ...]]] = {
    "maghrebi": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "levantine": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
    "egyptian_gulf": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
}
ENGLISH_MONTHS: Final[tuple[str, ...]] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
)
#: Month names that are also ordinary words: accepted only next to a number.
_AMBIGUOUS_MONTHS: Final = frozenset(normalize(w) for w in ("مارس", "ماي", "آب", "أوت", "may", "march"))

PART_OF_DAY: Final[dict[str, str]] = {
    normalize(k): v
    for k, v in {
        "صباح": "MO", "صباحا": "MO", "فجر": "MO", "فجرا": "MO", "الصباح": "MO", "الفجر": "MO",
        "ظهر": "MI", "ظهرا": "MI", "الظهر": "MI", "عصر": "AF", "عصرا": "AF", "العصر": "AF",
        "مساء": "EV", "مساءا": "EV", "المساء": "EV", "ليل": "NI", "ليلا": "NI", "ليلة": "NI", "الليلة": "NI",
    }.items()
}
RELATIVE_DAYS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {"اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1, "غدا": 1, "غد": 1, "الغد": 1}.items()
}
_OFFSET_WORDS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "السابق": -1, "السابقة": -1,
        "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1, "التالي": 1,
        "الجاري": 0, "الجارية": 0, "الحالي": 0, "الحالية": 0,
    }.items()
}
_PERIOD_UNITS: Final[dict[str, str]] = {
    normalize(k): v for k, v in {"الأسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y"}.items()
}
#: Duration units: singular, plural and dual forms -> (TIMEX3 unit, count implied by a dual).
_DURATION_UNITS: Final[dict[str, tuple[str, int | None]]] = {
    normalize(k): v
    for k, v in {
        "ساعة": ("TH", None), "ساعات": ("TH", None), "ساعتين": ("TH", 2), "ساعتان": ("TH", 2),
        "دقيقة": ("TM", None), "دقائق": ("TM", None), "دقيقتين": ("TM", 2),
        "يوم": ("D", None), "أيام": ("D", None), "يوما": ("D", None), "يومين": ("D", 2), "يومان": ("D", 2),
        "أسبوع": ("W", None), "أسابيع": ("W", None), "أسبوعا": ("W", None), "أسبوعين": ("W", 2),
        "شهر": ("M", None), "أشهر": ("M", None), "شهور": ("M", None), "شهرا": ("M", None), "شهرين": ("M", 2),
        "عام": ("Y", None), "أعوام": ("Y", None), "عاما": ("Y", None), "عامين": ("Y", 2),
        "سنة": ("Y", None), "سنوات": ("Y", None), "سنين": ("Y", None), "سنتين": ("Y", 2),
    }.items()
}
_NUMBER_WORDS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
        "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
        # round 14: the tens (ثلاثين عاما، كل عشرين دقيقة)
        "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40, "خمسين": 50, "خمسون": 50,
        "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
    }.items()
}
#: Words before a bare singular unit that make it a length of one unit (منذ أسبوع، لمدة شهر، أكثر
#: من ساعة), round 14; ``واحد``/``واحدة`` after it is inside the span (ساعة واحدة).
_ONE_UNIT_CUES: Final = frozenset(normalize(w) for w in ("منذ", "لمدة", "مدة", "من", "قرابة", "نحو", "طيلة", "طوال", "خلال"))
_ONE: Final = frozenset(normalize(w) for w in ("واحد", "واحدة"))
_ACCUSATIVE_UNITS: Final = frozenset(normalize(w) for w in ("أسبوعا", "شهرا", "عاما"))
#: Closing quotation marks: ``«سبها اليوم»`` is an outlet's name, not today (round 14).
_CLOSING_MARKS: Final = frozenset(("»", "”", '"'))
_OPENING_MARKS: Final = frozenset(("«", "“", '"'))
#: Ordinal days before من + a month (الرابع من تشرين الثاني), round 14.
_DAY_ORDINALS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
        "التاسع": 9, "العاشر": 10,
    }.items()
}
#: The units of 11-19 before عشر/عشرة (ثمانية عشر شهرا، اثنتي عشرة ساعة), round 14.
_TEEN_UNITS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "أحد": 1, "إحدى": 1, "اثني": 2, "اثنتي": 2, "اثنا": 2, "اثنتا": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4,
        "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9,
    }.items()
}
_TENS: Final = frozenset(normalize(w) for w in ("عشر", "عشرة"))
#: Quarters of a year (GUIDELINES.md 4.1: الربع الثالث -> 2025-Q3), round 14.
_QUARTER: Final = normalize("الربع")
_QUARTER_ORDINALS: Final[dict[str, int]] = {
    normalize(k): v for k, v in {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الأخير": 4}.items()
}
_YEAR_WORDS: Final = frozenset(normalize(w) for w in ("عام", "العام", "سنة", "السنة"))
#: Clock hours written as ordinals: الساعة العاشرة.
_HOUR_WORDS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "الأولى": 1, "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
        "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية": 11,
    }.items()
}
_MINUTE_WORDS: Final[dict[str, int]] = {normalize(k): v for k, v in {"والنصف": 30, "والربع": 15}.items()}
#: Parts of day after a clock time, and whether they put the hour after noon.
_CLOCK_PERIODS: Final[dict[str, bool]] = {
    normalize(k): v for k, v in {"صباحا": False, "فجرا": False, "ظهرا": True, "عصرا": True, "مساء": True, "مساءا": True, "ليلا": True}.items()
}
#: كل + unit: a recurrence (TIMEX3 SET).
_SET_UNITS: Final[dict[str, str]] = {
    normalize(k): v for k, v in {"يوم": "P1D", "أسبوع": "P1W", "شهر": "P1M", "عام": "P1Y", "سنة": "P1Y", "ساعة": "PT1H"}.items()
}
#: Adverbs of a recurrence (TIMEX3 SET, round 9): 40 طنا يوميا، يجتمع أسبوعيا.
_SET_ADVERBS: Final[dict[str, str]] = {
    normalize(k): v for k, v in {"يوميا": "P1D", "أسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}.items()
}
#: كل + a part of day recurs daily (كل مساء، كل صباح).
_SET_PARTS_OF_DAY: Final = frozenset(normalize(w) for w in ("صباح", "مساء", "ليلة"))
#: Plural units that take a definite count word after them (الأيام السبعة، السنوات الثلاث).
_PLURAL_UNITS: Final = frozenset(normalize(w) for w in ("ساعات", "دقائق", "أيام", "أسابيع", "أشهر", "شهور", "أعوام", "سنوات", "سنين"))
#: الماضي/المقبل in the dual, after a dual unit (الأسبوعين المقبلين، السنتين الماضيتين).
_DUAL_OFFSETS: Final = frozenset(normalize(w) for w in (
    "الماضيين", "الماضيتين", "المقبلين", "المقبلتين", "القادمين", "القادمتين", "المنصرمين", "المنصرمتين", "الأخيرين", "الأخيرتين",
))
_LOCAL_TIME: Final = normalize("بتوقيت")
_NOW: Final = normalize("الآن")
#: The start or end of a period (GUIDELINES.md 4.1, 4.2): inside the span, the period's value.
_PERIOD_EDGES: Final = frozenset(normalize(w) for w in ("مطلع", "بداية", "نهاية"))
#: An emphatic after the head of a time expression, inside its span (GUIDELINES.md 4.2).
_EMPHATICS: Final = frozenset(normalize(w) for w in ("نفسه", "ذاته"))
#: Heads that, with an emphatic, name the day of an earlier expression (اليوم نفسه، التاريخ ذاته).
_SAME_DAY_HEADS: Final = frozenset(normalize(w) for w in ("اليوم", "التاريخ"))
_FUTURE_EXCLUDED: Final = tuple(
    normalize(w) for w in ("سياس", "سيار", "سيطر", "سيد", "سنو", "سنة", "سنين", "ستة", "ستين", "سيناريو", "سيول", "سيناء", "ستار", "سير", "سيف", "سيل", "ستر", "سنت", "سند")
)


@lru_cache(maxsize=1)
def month_names() -> dict[tuple[str, ...], int]:
    """Every month name (normalised tokens) -> month number, all series + CLDR."""
    from babel import Locale, localedata

    out: dict[tuple[str, ...], int] = {}
    for series in MONTH_SERIES.values():
        for number, name in enumerate(series, start=1):
            out[tuple(normalize(name).split())] = number
    for locale_id in sorted(localedata.locale_identifiers()):
        if locale_id == "ar" or locale_id.startswith("ar_"):
            months = Locale.parse(locale_id).months["format"]["wide"]
            for number in range(1, 13):
                out.setdefault(tuple(normalize(str(months[number])).split()), number)
    for number, name in enumerate(ENGLISH_MONTHS, start=1):
        out[(name,)] = number
        out.setdefault((name[:3],), number)
    return out


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Every word an expression can begin with (the grammar's first tokens)."""
    words = set(PART_OF_DAY) | set(RELATIVE_DAYS) | set(_PERIOD_UNITS) | set(_YEAR_WORDS) | set(_NUMBER_WORDS)
    words |= {u for u, (_, dual) in _DURATION_UNITS.items() if dual is not None}
    words |= {k[0] for k in month_names()} | set(WEEKDAYS) | {w[2:] for w in WEEKDAYS}
    words |= {_NOW, "وقت", "هذا", "هذه", "الساعه", "بعد", "اول", "يوم", "كل", "شهر", "الشهر", normalize("التاريخ"), _QUARTER}
    words |= set(_TEEN_UNITS) | set(_DAY_ORDINALS)
    words |= {u for u, (_, dual) in _DURATION_UNITS.items() if dual is None and not u.startswith("ال")}
    words |= set(_SET_ADVERBS) | {"ال" + u for u in _DURATION_UNITS} | set(_HOUR_WORDS) | _PERIOD_EDGES
    return frozenset(words)


@lru_cache(maxsize=1 << 16)
def _may_start(norm: str) -> bool:
    starters = _starters()
    return norm[0].isdecimal() or any(stem in starters for _, stem in stems(norm.lower()))


def weekday_of(norm: str) -> int | None:
    """ISO weekday of a normalised token (with or without the article), or None."""
    if norm in WEEKDAYS:
        return WEEKDAYS[norm]
    return WEEKDAYS.get("ال" + norm)


def is_future_verb(stem: str) -> bool:
    """A verb with the future prefix س (سيزور، سنقوم، ستواصل) or the particle سوف."""
    if stem == "سوف":
        return True
    if len(stem) < 4 or stem[0] != "س" or stem[1] not in "يتن":
        return False
    return not stem.startswith(_FUTURE_EXCLUDED)


@dataclass(frozen=True, slots=True)
class Parts:
    """What an expression says, before resolution."""

    weekday: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    relative_days: int | None = None
    part_of_day: str | None = None
    period: tuple[str, int] | None = None  # ("W", -1): last week
    ref: str | None = None  # PRESENT_REF / PAST_REF / FUTURE_REF
    duration: str | None = None
    clock: str | None = None
    recurrence: str | None = None  # a SET's TIMEX3 value: كل يوم جمعة -> P1W
    direction: int | None = None  # المقبل (+1) / الماضي (-1) after a weekday or a date
    bare_clock: bool = False  # a clock time with no day of its own (الساعة 19:30): round 9
    quarter: int | None = None  # الربع الثالث (من العام الجاري): with ``year`` or ``period`` ("Y", n), round 14
    same_day: bool = False  # اليوم نفسه، التاريخ ذاته: the day of an expression before it (round 14)

    @property
    def fully_specified(self) -> bool:
        """Needs no anchor: a duration, or a date that carries its own year."""
        if self.duration is not None or self.recurrence is not None:
            return True
        return self.year is not None and self.relative_days is None and self.period is None and self.ref is None


class TimexMatch(NamedTuple):
    first: int
    last: int
    start: int
    end: int
    parts: Parts


# --------------------------------------------------------------------------- detection


def _int(norm: str) -> int | None:
    return int(norm) if norm.isdecimal() and len(norm) <= 4 else None


class _Scanner:
    def __init__(self, view: View) -> None:
        self.view = view
        self.norms = view.norms
        self.n = view.n
        self.months = month_names()

    def norm(self, i: int) -> str:
        return self.norms[i].lower() if 0 <= i < self.n else ""

    def int_at(self, i: int) -> int | None:
        """The small number written by token i (None outside the document)."""
        return _int(self.norms[i]) if 0 <= i < self.n else None

    def month_at(self, i: int) -> tuple[int, int] | None:
        """(month, last token) of a month name at i (two-token names included), and of a paired
        name of one month in two series (``آب/أغسطس``, ``تموز/يوليو``), which is one expression."""
        two = (self.norm(i), self.norm(i + 1))
        if two in self.months:
            found = self.months[two], i + 1
        elif (self.norm(i),) in self.months:
            found = self.months[(self.norm(i),)], i
        else:
            return None
        number, last = found
        if self.norm(last + 1) == "/":
            second = self._single_month_at(last + 2)
            if second is not None and second[0] == number:
                return number, second[1]
        return found

    def _single_month_at(self, i: int) -> tuple[int, int] | None:
        two = (self.norm(i), self.norm(i + 1))
        if two in self.months:
            return self.months[two], i + 1
        if (self.norm(i),) in self.months:
            return self.months[(self.norm(i),)], i
        return None

    def year_at(self, i: int) -> int | None:
        value = self.int_at(i)
        return value if value is not None and 1900 <= value <= 2100 and len(self.norm(i)) == 4 else None

    def date_at(self, i: int) -> tuple[Parts, int] | None:
        """DAY MONTH [YEAR] | MONTH DAY[,] YEAR | MONTH YEAR starting at i."""
        day = self.int_at(i)
        if day is not None and 1 <= day <= 31 and self.norm(i + 1) in ("/", "-") and self.norm(i + 3) == self.norm(i + 1):
            month_number, year = self.int_at(i + 2), self.year_at(i + 4)
            if month_number is not None and 1 <= month_number <= 12 and year is not None:
                return Parts(day=day, month=month_number, year=year), i + 4  # 14/1/2025 (day first)
            return None
        if day is not None and 1 <= day <= 31:
            month = self.month_at(i + 1)
            if month is not None:
                number, last = month
                year = self.year_at(last + 1)
                if year is not None:
                    return Parts(day=day, month=number, year=year), last + 1
                return Parts(day=day, month=number), last
            return None
        month = self.month_at(i)
        if month is None:
            return None
        number, last = month
        day = self.int_at(last + 1)
        if day is not None and 1 <= day <= 31 and len(self.norm(last + 1)) <= 2:
            j = last + 2
            if self.norm(j) in (",", "،"):
                j += 1
            year = self.year_at(j)
            if year is not None:
                return Parts(day=day, month=number, year=year), j
            return Parts(day=day, month=number), last + 1
        year = self.year_at(last + 1)
        if year is not None:
            return Parts(month=number, year=year), last + 1
        word = (self.norm(i),)
        offset = _OFFSET_WORDS.get(self.norm(last + 1))
        if offset is not None or self.norm(i - 1) in ("شهر", "الشهر"):  # أوت الماضي, شهر مارس
            return Parts(month=number, relative_days=None, period=("MONTHNAME", offset or 0)), last + (1 if offset is not None else 0)
        if word[0] in _AMBIGUOUS_MONTHS:
            return None
        if last > i or self.norm(i + 1) == "/" or last != i:
            return Parts(month=number, period=("MONTHNAME", 0)), last  # كانون الثاني, تموز/يوليو: a month
        return None

    def weekday_tail(self, parts: Parts, i: int) -> tuple[Parts, int]:
        """After a weekday at i, an optional DAY MONTH [YEAR]."""
        date = self.date_at(i + 1)
        if date is not None and date[0].day is not None:
            merged = replace(date[0], weekday=parts.weekday, part_of_day=parts.part_of_day)
            return merged, date[1]
        return parts, i

    def day_ref_at(self, i: int, first_norm: str | None = None) -> tuple[Parts, int] | None:
        """A day reference at i: [يوم] WEEKDAY [date] | RELATIVE [WEEKDAY] | date."""
        norm = first_norm if first_norm is not None else self.norm(i)
        if norm == "يوم" and weekday_of(self.norm(i + 1)) is not None:
            return self.weekday_tail(Parts(weekday=weekday_of(self.norm(i + 1))), i + 1)
        if norm == "يوم" and self.int_at(i + 1) is not None:
            date = self.date_at(i + 1)  # يوم 2 أبريل, يوم 25/12/2025
            if date is not None and date[0].day is not None:
                return date
        wd = weekday_of(norm)
        if wd is not None and (norm.startswith("ال") or self.norm(i - 1) == "يوم"):
            return self.weekday_tail(Parts(weekday=wd), i)
        if norm in RELATIVE_DAYS:
            rel = RELATIVE_DAYS[norm]
            wd2 = weekday_of(self.norm(i + 1))
            if wd2 is not None and self.norm(i + 1).startswith("ال"):
                date = self.date_at(i + 2)  # round 14: اليوم الثلاثاء 20 كانون الثاني/يناير: one expression
                if date is not None and date[0].day is not None:
                    return replace(date[0], weekday=wd2), date[1]
                return Parts(relative_days=rel, weekday=wd2), i + 1
            return Parts(relative_days=rel), i
        if norm == "اول" and self.norm(i + 1) == "امس":
            wd2 = weekday_of(self.norm(i + 2))
            if wd2 is not None and self.norm(i + 2).startswith("ال"):
                return Parts(relative_days=-2, weekday=wd2), i + 2  # round 14: أول أمس الاثنين
            return Parts(relative_days=-2), i + 1
        if norm == "اول" and self.norm(i + 1) == "من" and self.norm(i + 2) == "امس":
            return Parts(relative_days=-2), i + 2
        if norm == "بعد" and self.norm(i + 1) in ("غد", "غدا"):
            wd2 = weekday_of(self.norm(i + 2))
            if wd2 is not None and self.norm(i + 2).startswith("ال"):
                return Parts(relative_days=2, weekday=wd2), i + 2  # بعد غد الخميس: one expression, as اليوم الاثنين
            return Parts(relative_days=2), i + 1
        if first_norm is None or first_norm == self.norm(i):
            return self.date_at(i)
        return None

    def expression_at(self, i: int) -> tuple[int, int, Parts] | None:
        """(clitics cut, last token, parts) of the longest expression starting at token i."""
        if not self.view.words[i]:
            return None
        norm = self.norms[i]
        if not _may_start(norm):
            return None  # fast path: no expression starts with this word
        readings = stems(norm.lower())
        for cut, stem in readings:
            found = self._expression(i, stem)
            if found is not None:
                return cut, found[1], found[0]
        return None

    def _expression(self, i: int, norm: str) -> tuple[Parts, int] | None:
        """The expression at i, then what may follow it: a part of day and day after a clock time,
        المقبل/الماضي after a weekday or a date."""
        if norm in _SET_ADVERBS:
            return Parts(recurrence=_SET_ADVERBS[norm]), i  # يوميا، أسبوعيا، شهريا (round 9)
        if norm == "كل" and (weekday_of(self.norm(i + 1)) is not None and not self.norm(i + 1).startswith("ال")
                             or self.norm(i + 1) in _SET_PARTS_OF_DAY):
            return Parts(recurrence="P1W" if weekday_of(self.norm(i + 1)) is not None else "P1D"), i + 1  # كل سبت، كل مساء
        if norm == "كل" and self.norm(i + 1) not in _SET_UNITS:
            counted = self.duration_at(i + 1, self.norm(i + 1))
            if counted is not None:
                # round 14: كل يومين، كل ثلاثة أشهر، كل عشرين دقيقة: the number is part of the set (GUIDELINES.md 4.2)
                return Parts(recurrence=counted[0].duration), counted[1]
        if norm == "كل" and self.norm(i + 1) in _SET_UNITS:
            unit = self.norm(i + 1)
            if unit == "يوم" and weekday_of(self.norm(i + 2)) is not None:
                return Parts(recurrence="P1W"), i + 2  # كل يوم جمعة
            return Parts(recurrence=_SET_UNITS[unit]), i + 1
        if norm in _PERIOD_EDGES:
            return self._period_edge(i)
        found = self._core(i, norm)
        if found is not None and found[0].clock is None and self.norm(found[1] + 1) in _EMPHATICS \
                and self.norm(found[1]) in _SAME_DAY_HEADS and found[0].relative_days == 0:
            return replace(found[0], same_day=True), found[1] + 1  # اليوم نفسه، صباح اليوم ذاته
        if found is not None and found[1] == i and norm == "اليوم" and self.norm(i + 1) == "التالي":
            return Parts(relative_days=1, same_day=True), i + 1  # اليوم التالي: the day after the one before it
        if (found is None and norm in _HOUR_WORDS and self.norm(i + 1) == "من" and self.norm(i + 2) in PART_OF_DAY
                and not self.norm(i + 2).startswith("ال")):
            # round 9: an hour written as an ordinal without الساعة, then من + part of day + day
            # (العاشرة من مساء الثلاثاء): the clock of that day; nothing without the day
            tail = self._clock_tail(Parts(relative_days=0, clock=f"{_HOUR_WORDS[norm]:02d}:00"), i)
            return tail if tail[1] > i + 2 else None
        if found is None and norm == "الساعه" and self.norm(i + 1) in _HOUR_WORDS:
            hour, last = _HOUR_WORDS[self.norm(i + 1)], i + 1
            if hour == 11 and self.norm(i + 2) == "عشره":
                last = i + 2
            elif hour == 2 and self.norm(i + 2) == "عشره":
                hour, last = 12, i + 2
            minute = _MINUTE_WORDS.get(self.norm(last + 1), 0)
            last += 1 if minute else 0
            found = Parts(relative_days=0, clock=f"{hour:02d}:{minute:02d}"), last
        if found is None:
            return None
        parts, last = found
        if parts.clock is not None:
            return self._clock_tail(parts, last)
        direction = _OFFSET_WORDS.get(self.norm(last + 1))
        if direction == 0 and parts.day is not None and parts.month is not None and parts.year is None and parts.relative_days is None:
            return parts, last + 1  # round 14: 22 نوفمبر الجاري: inside the span; this month's day, as without it
        if direction and (parts.weekday is not None or (parts.day is not None and parts.year is None)) and parts.relative_days is None:
            if parts.weekday is not None and parts.day is None:
                date = self.date_at(last + 2)  # round 9: يوم الخميس المقبل 6 فبراير: the date says which one
                if date is not None and date[0].day is not None:
                    return replace(date[0], weekday=parts.weekday, part_of_day=parts.part_of_day), date[1]
            return replace(parts, direction=direction), last + 1
        return found

    def _quarter(self, i: int) -> tuple[Parts, int]:
        """الربع + ordinal [من + a year]: ``الربع الثالث من العام الجاري``, ``الربع الثالث من 2024``,
        ``الربع الثالث من عام 2027``; without a year, the anchor's (GUIDELINES.md 4.1), round 14."""
        quarter = _QUARTER_ORDINALS[self.norm(i + 1)]
        last = i + 1
        if self.norm(i + 2) == "من":
            j = i + 3
            year = self.year_at(j)
            if year is not None:
                return Parts(quarter=quarter, year=year), j
            if self.norm(j) in _YEAR_WORDS and self.year_at(j + 1) is not None:
                return Parts(quarter=quarter, year=self.year_at(j + 1)), j + 1
            if self.norm(j) in ("العام", "السنه"):
                offset = _OFFSET_WORDS.get(self.norm(j + 1))
                if offset is not None:
                    return Parts(quarter=quarter, period=("Y", offset)), j + 1
        return Parts(quarter=quarter, period=("Y", 0)), last

    def _period_edge(self, i: int) -> tuple[Parts, int] | None:
        """مطلع/بداية/نهاية + a month, week or year (GUIDELINES.md 4.1, 4.2): the word is inside the
        span and the expression takes the period's value (``نهاية الشهر الجاري``, ``مطلع فيفري
        المقبل``, ``نهاية 2025``); a bare definite unit is the current one (``نهاية العام``). Anything
        else after it (a day, a clock time, ``نهاية المباراة``) is no period edge."""
        unit = self.norm(i + 1)
        if unit in _PERIOD_UNITS and self.norm(i + 2) not in _OFFSET_WORDS:
            return Parts(period=(_PERIOD_UNITS[unit], 0)), i + 1
        if not _may_start(self.norms[i + 1] if i + 1 < self.n else "") or unit in _PERIOD_EDGES:
            return None
        inner = self._expression(i + 1, unit)
        if inner is None:
            month = self.month_at(i + 1)  # مطلع مارس، نهاية آب/أغسطس: a bare month after the edge is one
            return (Parts(month=month[0], period=("MONTHNAME", 0)), month[1]) if month is not None else None
        parts = inner[0]
        if (parts.day is not None or parts.weekday is not None or parts.relative_days is not None or parts.clock is not None
                or parts.duration is not None or parts.recurrence is not None or parts.ref is not None):
            return None
        return inner

    def _clock_tail(self, parts: Parts, last: int) -> tuple[Parts, int]:
        """After a clock time: صباحا/مساء/بعد الظهر, and the day it is on (اليوم, من مساء أمس, الخميس)."""
        hour, minute = (int(x) for x in parts.clock.split(":"))  # type: ignore[union-attr]
        pm = None
        j = last + 1
        if self.norm(j) in _CLOCK_PERIODS:
            pm, last, j = _CLOCK_PERIODS[self.norm(j)], j, j + 1
        elif self.norm(j) == "بعد" and self.norm(j + 1) == "الظهر":
            pm, last, j = True, j + 1, j + 2
        if self.norm(j) == _LOCAL_TIME and j + 1 < self.n and self.view.words[j + 1]:
            last, j = j + 1, j + 2  # round 9: بتوقيت X is part of the clock time (الساعة 19:30 بتوقيت مكة)
        k = j + 1 if self.norm(j) == "من" else j
        day: tuple[Parts, int] | None = None
        if self.norm(k) == "بعد" and self.norm(k + 1) == "ظهر":
            # round 9: الساعة الثانية (من) بعد ظهر أمس: after noon of that day
            pm = True if pm is None else pm
            day = self.day_ref_at(k + 2)
        elif self.norm(k) in PART_OF_DAY and self.norm(k) != "الليله":
            pm = PART_OF_DAY[self.norm(k)] in ("AF", "EV", "NI") if pm is None else pm
            day = self.day_ref_at(k + 1)
        elif k == j:
            day = self.day_ref_at(k)
        if pm and hour < 12:
            hour += 12
        merged = replace(parts, clock=f"{hour:02d}:{minute:02d}")
        if day is not None and day[0].weekday is not None and day[0].direction is None and day[0].relative_days is None:
            direction = _OFFSET_WORDS.get(self.norm(day[1] + 1))
            if direction:  # من مساء الثلاثاء المقبل (round 9)
                day = replace(day[0], direction=direction), day[1] + 1
        if day is not None and day[0].clock is None and day[0].duration is None:
            d = day[0]
            merged = replace(merged, relative_days=d.relative_days, weekday=d.weekday, day=d.day, month=d.month, year=d.year,
                             direction=d.direction)
            if merged.relative_days is None and merged.weekday is None and merged.day is None:
                merged = replace(merged, relative_days=0)
            last = day[1]
        elif day is None and merged.relative_days == 0 and merged.weekday is None and merged.day is None:
            merged = replace(merged, bare_clock=True)
        return merged, last

    def _core(self, i: int, norm: str) -> tuple[Parts, int] | None:
        # part of day + day reference
        if norm in PART_OF_DAY:
            code = PART_OF_DAY[norm]
            if norm == "الليله":
                return Parts(relative_days=0, part_of_day="NI"), i
            ref = self.day_ref_at(i + 1)
            if ref is not None:
                return replace(ref[0], part_of_day=code), ref[1]
            return None
        if norm == "بعد" and self.norm(i + 1) in ("الظهر", "ظهر"):
            ref = self.day_ref_at(i + 2)  # بعد الظهر أمس, بعد ظهر اليوم: the afternoon (GUIDELINES.md 4.1)
            if ref is not None:
                return replace(ref[0], part_of_day="AF"), ref[1]
            return None
        if norm == _NOW:
            return Parts(ref="PRESENT_REF"), i
        if norm in ("شهر", "الشهر") and self.month_at(i + 1) is not None:
            # round 14: شهر مارس، شهر أفريل المقبل: the word is inside the span (the month's value)
            inner = self._expression(i + 1, self.norm(i + 1))
            if inner is not None and inner[0].month is not None and inner[0].day is None:
                return inner
        if norm == _QUARTER and self.norm(i + 1) in _QUARTER_ORDINALS:
            return self._quarter(i)
        if norm in _DAY_ORDINALS and self.norm(i + 1) == "من" and self.month_at(i + 2) is not None:
            # round 14: الرابع من تشرين الثاني/نوفمبر المقبل: that day of the month
            inner = self._expression(i + 2, self.norm(i + 2))
            if inner is None:
                month = self.month_at(i + 2)
                inner = (Parts(month=month[0]), month[1]) if month is not None else None
            if inner is not None and inner[0].month is not None and inner[0].day is None:
                month_parts = inner[0]
                offset = month_parts.period[1] if month_parts.period is not None else 0
                return Parts(day=_DAY_ORDINALS[norm], month=month_parts.month, year=month_parts.year,
                             direction=offset or None), inner[1]
        if norm in _SAME_DAY_HEADS and norm != "اليوم":
            # التاريخ is a time expression only as التاريخ نفسه/ذاته (the emphatic is added by the caller)
            return (Parts(relative_days=0), i) if self.norm(i + 1) in _EMPHATICS else None
        if norm == "وقت" and self.norm(i + 1) in ("سابق", "لاحق"):
            return Parts(ref="PAST_REF" if self.norm(i + 1) == "سابق" else "FUTURE_REF"), i + 1
        if norm in _PERIOD_UNITS and self.norm(i + 1) in _OFFSET_WORDS:
            return Parts(period=(_PERIOD_UNITS[norm], _OFFSET_WORDS[self.norm(i + 1)])), i + 1
        if norm in ("هذا", "هذه") and self.norm(i + 1) in _PERIOD_UNITS:
            return Parts(period=(_PERIOD_UNITS[self.norm(i + 1)], 0)), i + 1
        if norm in _YEAR_WORDS:
            year = self.year_at(i + 1)
            if year is not None:
                return Parts(year=year), i + 1
            return None
        if norm == "الساعه" and self.int_at(i + 1) is not None:
            hour = self.int_at(i + 1)
            if hour is not None and hour <= 23:
                minute = 0
                last = i + 1
                if self.norm(i + 2) == ":" and self.int_at(i + 3) is not None:
                    minute = self.int_at(i + 3) or 0
                    last = i + 3
                if minute <= 59:
                    return Parts(relative_days=0, clock=f"{hour:02d}:{minute:02d}"), last
            return None
        duration = self.duration_at(i, norm)
        if duration is not None:
            return duration
        ref = self.day_ref_at(i, norm)
        if ref is not None:
            return ref
        if norm == self.norm(i) and self.year_at(i) is not None and self.norm(i - 1) in ("في", "منذ", "حتى", "خلال", "مطلع", "نهايه", "بدايه"):
            return Parts(year=int(norm)), i
        return None

    def definite_duration_at(self, i: int, norm: str) -> tuple[Parts, int] | None:
        """A definite span of units with its count (round 9): السنوات الثلاث الماضية، الأيام السبعة
        المقبلة (a plural + a definite number word, then an optional الماضية/المقبلة), الأسبوعين
        المقبلين، السنتين الماضيتين (a dual, with its dual الماضي/المقبل)."""
        if not norm.startswith("ال"):
            return None
        unit = _DURATION_UNITS.get(norm[2:])
        if unit is None:
            return None
        if unit[1] is not None:  # a dual: only with its dual offset word
            if self.norm(i + 1) in _DUAL_OFFSETS:
                return Parts(duration=_duration(unit[0], unit[1])), i + 1
            return None
        if norm[2:] not in _PLURAL_UNITS:
            return None
        count_word = self.norm(i + 1)
        count = _NUMBER_WORDS.get(count_word[2:]) if count_word.startswith("ال") else None
        if count is None:
            return None
        last = i + 1
        if self.norm(i + 2) in _OFFSET_WORDS and _OFFSET_WORDS[self.norm(i + 2)] != 0:
            last = i + 2
        return Parts(duration=_duration(unit[0], count)), last

    def duration_at(self, i: int, norm: str) -> tuple[Parts, int] | None:
        """A length of time at i, with what joins it (round 14): ``ساعتين وعشر دقائق``, ``ساعة
        ونصف الساعة`` (one duration, GUIDELINES.md 4.1)."""
        found = self._single_duration_at(i, norm)
        if found is None:
            return None
        parts, last = found
        value = parts.duration or ""
        if value.startswith("PT") and value.endswith("H"):
            if self.norm(last + 1) == "ونصف":
                last += 2 if self.norm(last + 2) in ("الساعه", "ساعه") else 1
                return Parts(duration=f"{value}30M"), last
            if self.norm(last + 1).startswith("و"):
                minutes = self._single_duration_at(last + 1, self.norm(last + 1)[1:])
                if minutes is not None and (minutes[0].duration or "").endswith("M") and (minutes[0].duration or "").startswith("PT"):
                    return Parts(duration=value + (minutes[0].duration or "")[2:]), minutes[1]
        return found

    def _single_duration_at(self, i: int, norm: str) -> tuple[Parts, int] | None:
        found = self.definite_duration_at(i, norm)
        if found is not None:
            return found
        unit = _DURATION_UNITS.get(norm)
        if unit is not None and unit[1] is not None:
            return Parts(duration=_duration(unit[0], unit[1])), i
        if unit is not None and norm != "يوم" and not norm.startswith("ال") and not self.norm(i + 1).startswith("ال") \
                and self.month_at(i + 1) is None and self.int_at(i + 1) is None:
            # round 14: one unit: after منذ/لمدة/أكثر من (منذ أسبوع، لمدة شهر), in the accusative
            # (تأجيل المباراة أسبوعا), or with واحدة/ونصف after it (بساعة واحدة، ساعة ونصف الساعة); a
            # definite word after it makes it a construct (طوال أسبوع السباق), no length
            if (norm == self.norm(i) and self.norm(i - 1) in _ONE_UNIT_CUES or norm in _ACCUSATIVE_UNITS
                    or self.norm(i + 1) in _ONE or self.norm(i + 1) == "ونصف"):
                return Parts(duration=_duration(unit[0], 1)), i + (1 if self.norm(i + 1) in _ONE else 0)
        count = _int(self.norms[i]) if norm.isdecimal() else _NUMBER_WORDS.get(norm)
        if norm in _TEEN_UNITS and self.norm(i + 1) in _TENS:
            count, i = 10 + _TEEN_UNITS[norm], i + 1  # round 14: ثمانية عشر شهرا، اثنتي عشرة ساعة
        if count is None or count == 0:
            return None
        unit = _DURATION_UNITS.get(self.norm(i + 1))
        if unit is None or unit[1] is not None:
            return None
        return Parts(duration=_duration(unit[0], count)), i + 1


def _duration(unit: str, count: int) -> str:
    if unit.startswith("T"):
        return f"PT{count}{unit[1]}"
    return f"P{count}{unit}"


#: Nouns of streets, squares and quarters, often named after a national date (حي 5 جويلية).
_DATE_NAMED_PLACES: Final = frozenset(normalize(w) for w in ("حي", "شارع", "ساحة", "نهج", "جسر", "ملعب", "مدرسة", "ثانوية", "مدينة", "جامعة"))


@lru_cache(maxsize=1 << 12)
def _names_a_place_by_date(norm: str) -> bool:
    """The word is (a proclitic +) a street, square or quarter noun: بحي، وشارع، ساحة."""
    if norm in _DATE_NAMED_PLACES:
        return True
    return any(norm[cut:] in _DATE_NAMED_PLACES for cut in (1, 2) if len(norm) > cut + 1 and all(c in "وفبل" for c in norm[:cut]))


def find_timexes(view: View) -> list[TimexMatch]:
    """All time expressions, longest first, non-overlapping, left to right."""
    scanner = _Scanner(view)
    paragraphs = view.paragraphs
    out: list[TimexMatch] = []
    i = 0
    for candidate in view.positions(_may_start):
        if candidate < i:
            continue  # inside the previous expression
        i = candidate
        found = scanner.expression_at(i)
        if found is None:
            continue
        cut, last, parts = found
        if paragraphs[last] != paragraphs[i]:  # paragraphs never decrease
            continue
        if parts.day is not None and parts.month is not None and parts.year is None and parts.weekday is None and i > 0 \
                and _names_a_place_by_date(view.norms[i - 1]):
            i = last + 1
            continue  # round 9: حي 5 جويلية، شارع 20 أوت: a place named after a date, no time
        if last == i and parts.relative_days == 0 and parts.weekday is None and last + 1 < view.n \
                and view.norms[last + 1] in _CLOSING_MARKS and i > 1 and view.words[i - 1] and view.norms[i - 2] in _OPENING_MARKS:
            i = last + 1
            continue  # round 14: «الصعيد اليوم», «المال اليوم»: the second word of a quoted two-word name
        start = view.stripped_start_at(i, cut)
        out.append(TimexMatch(i, last, start, view.ends[last], parts))
        i = last + 1
    return out


# --------------------------------------------------------------------------- resolution


def _closest_year(month: int, day: int, reference: _dt.date) -> int:
    best = reference.year
    best_gap: int | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            gap = abs((_dt.date(year, month, day) - reference).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def resolve(parts: Parts, reference: _dt.date, *, future: bool = False) -> tuple[str, str] | None:
    """(TIMEX3 type, value) of ``parts`` against the reference day, or None if unresolvable
    (including a day outside the calendar's range, e.g. "yesterday" of 0001-01-01)."""
    try:
        return _resolve(parts, reference, future)
    except (OverflowError, ValueError):
        return None


def _resolve(parts: Parts, reference: _dt.date, future: bool) -> tuple[str, str] | None:
    if parts.recurrence is not None:
        return "SET", parts.recurrence
    if parts.duration is not None:
        return "DURATION", parts.duration
    if parts.ref is not None:
        return "DATE", parts.ref
    day: _dt.date | None = None
    if parts.quarter is not None:
        year = parts.year if parts.year is not None else reference.year + (parts.period[1] if parts.period else 0)
        return "DATE", f"{year:04d}-Q{parts.quarter}"
    if parts.period is not None:
        unit, offset = parts.period
        if unit == "W":
            target = reference + _dt.timedelta(weeks=offset)
            iso = target.isocalendar()
            return "DATE", f"{iso[0]:04d}-W{iso[1]:02d}"
        if unit == "M":
            month_index = reference.year * 12 + reference.month - 1 + offset
            return "DATE", f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
        if unit == "Y":
            return "DATE", f"{reference.year + offset:04d}"
        if unit == "MONTHNAME" and parts.month is not None:
            year = reference.year
            if offset < 0 and parts.month >= reference.month:
                year -= 1
            elif offset > 0 and parts.month <= reference.month:
                year += 1
            return "DATE", f"{year:04d}-{parts.month:02d}"
        return None
    if parts.month is not None and parts.day is not None:
        year = parts.year if parts.year is not None else _closest_year(parts.month, parts.day, reference)
        if parts.year is None and parts.direction is not None:  # 30 يونيو المقبل: the next one
            year = reference.year
            try:
                candidate = _dt.date(year, parts.month, parts.day)
            except ValueError:
                return None
            if parts.direction > 0 and candidate <= reference:
                year += 1
            elif parts.direction < 0 and candidate >= reference:
                year -= 1
        try:
            day = _dt.date(year, parts.month, parts.day)
        except ValueError:
            return None
    elif parts.month is not None and parts.year is not None:
        return "DATE", f"{parts.year:04d}-{parts.month:02d}"
    elif parts.year is not None:
        return "DATE", f"{parts.year:04d}"
    elif parts.relative_days is not None:
        day = reference + _dt.timedelta(days=parts.relative_days)
    elif parts.weekday is not None and parts.direction is not None:
        if parts.direction > 0:  # الخميس المقبل: the next Thursday after the reference day
            day = reference + _dt.timedelta(days=(parts.weekday - reference.isoweekday()) % 7 or 7)
        else:  # الخميس الماضي: the last one before it
            day = reference - _dt.timedelta(days=(reference.isoweekday() - parts.weekday) % 7 or 7)
    elif parts.weekday is not None:
        delta = (reference.isoweekday() - parts.weekday) % 7
        if future and delta:
            day = reference + _dt.timedelta(days=7 - delta)
        else:
            day = reference - _dt.timedelta(days=delta)
    if day is None:
        return None
    value = day.isoformat()
    if parts.clock is not None:
        return "TIME", f"{value}T{parts.clock}"
    if parts.part_of_day is not None:
        return "TIME", f"{value}T{parts.part_of_day}"
    return "DATE", value


def resolved_day(parts: Parts, reference: _dt.date, *, future: bool = False) -> _dt.date | None:
    """The single calendar day an expression denotes, if any (used as a new reference)."""
    result = resolve(parts, reference, future=future)
    if result is None:
        return None
    value = result[1]
    try:
        return _dt.date.fromisoformat(value[:10]) if len(value) >= 10 and value[4] == "-" and value[7] == "-" else None
    except ValueError:
        return None


#: Words that announce a scheduled event (round 9): ومن المنتظر أن يحل الفريق يوم الجمعة، من
#: المرتقب أن يلتقي ... مساء الخميس: a bare weekday after them is the next one, as after س-.
_SCHEDULE_WORDS: Final = frozenset(normalize(w) for w in ("المنتظر", "المرتقب", "المقرر", "المزمع", "يرتقب", "يعتزم", "تعتزم"))


def future_context(view: View, first: int, window: int = 12) -> bool:
    """Is there a future verb (س-/سوف) or a word of a scheduled event (من المقرر) before token
    ``first`` in its sentence?

    When the view indexed ``_has_future_reading`` (analyse does: it is one of the predicates of
    ``index_predicates``), one bisection answers it: why? This runs for every time expression and
    looked up up to twelve words each. The nearest word before ``first`` with a future reading
    decides: it is within the window and in ``first``'s sentence, or no such word is (sentence
    numbers never decrease; a punctuation token, which the index leaves out, never has one)."""
    sentences = view.sentences
    sentence = sentences[first]
    hits = view.indexed(_has_future_reading)
    if hits is not None:
        k = bisect.bisect_left(hits, first) - 1  # the last hit before first
        return k >= 0 and hits[k] >= first - window and sentences[hits[k]] == sentence
    norms = view.norms
    for k in range(first - 1, max(-1, first - 1 - window), -1):
        if sentences[k] != sentence:
            break
        if _has_future_reading(norms[k]):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def _has_future_reading(norm: str) -> bool:
    """The word, or the word without a conjunction, is a future verb or a word of a scheduled event (memoised)."""
    return any(is_future_verb(stem) or stem in _SCHEDULE_WORDS for _, stem in stems(norm)[:2])


def check_value(value: str) -> bool:
    return is_valid_value(value)
