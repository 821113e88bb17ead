"""Unseen text never crashes a reference system (issue 11, item 5).

``str.isdigit`` is true for superscripts, circled and other digits that ``int`` refuses; every
digit test in naba's systems is ``isdecimal``. The texts below put every such character of
Unicode beside Arabic number words, dates and durations, where the systems parse numbers.
"""

from __future__ import annotations

import sys

import pytest

from naba.baselines.runner import run_extractor

NON_DECIMAL_DIGITS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdigit() and not chr(c).isdecimal())

TEXTS = [
    "قال الوزير إن المساحة 5² كم مربع، وإن النسبة بلغت ½ خلال ٣ أيام.",
    "وصل الوفد يوم ①٢ الساعة ²:٣٠ صباحا لمدة ⁴ ساعات، في 23/8/2021.",
    " ".join(f"في {d}{d} يوما و{d}/{d}/٢٠٢٤" for d in NON_DECIMAL_DIGITS[:200]),
    "\n\n\n",
    "في <TIMEX3>اليوم</TIMEX3> قال المتحدث",
]


def test_there_are_non_decimal_digits_to_test() -> None:
    assert "²" in NON_DECIMAL_DIGITS and "①" in NON_DECIMAL_DIGITS and len(NON_DECIMAL_DIGITS) > 100


@pytest.mark.parametrize("spec", ["naba.baselines.rules:extract", "naba.baselines.statistical:extract", "naba.baselines.dateparser_adapter:extract"])
def test_no_reference_system_crashes_on_odd_digits(spec: str) -> None:
    documents = [{"id": f"d{i}", "text": text, "publication_date": "2025-01-01"} for i, text in enumerate(TEXTS)]
    records = run_extractor(spec, documents)
    assert [r["document_id"] for r in records] == [d["id"] for d in documents]


def test_heideltime_holds_on_markup_and_empty_texts() -> None:
    from naba.baselines.heideltime_adapter import availability

    ok, reason = availability()
    if not ok:
        pytest.skip(reason)
    documents = [
        {"id": "blank", "text": "\n\n\n", "publication_date": "2025-01-01"},
        {"id": "tag", "text": "في <TIMEX3>اليوم</TIMEX3> قال المتحدث إن الاجتماع غدا & بعد غد", "publication_date": "2025-01-01"},
    ]
    records = {r["document_id"]: r for r in run_extractor("naba.baselines.heideltime_adapter:extract", documents)}
    assert records["blank"]["timexes"] == []
    text = documents[1]["text"]
    for timex in records["tag"]["timexes"]:
        assert text[timex["start"] : timex["end"]] == timex["text"]
