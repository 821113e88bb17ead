"""String-only predictions: the alignment rules of naba.submission.align, on sentences written for the tests."""

from __future__ import annotations

from naba.submission.align import align_record, occurrences

TEXT = "قال الرئيس إن موسكو ستدعم طهران، وأكد أن وفد موسكو وصل إلى موسكو مساء الأحد. الموسكوفيون سعداء."
#        a sentence of our own: "موسكو" three times as a word, once inside الموسكوفيون


def test_word_boundary_and_proclitics() -> None:
    spans = occurrences(TEXT, "موسكو")
    assert [TEXT[s:e] for s, e in spans] == ["موسكو"] * 3  # not the one inside الموسكوفيون
    assert spans == sorted(spans)
    assert occurrences("ووصل الوفد لموسكو", "موسكو") == [(12, 17)]  # proclitic ل stays outside


def test_normalisation_aware() -> None:
    text = "زار الوزير الإمارات يوم الأربعاء"
    (span,) = occurrences(text, "الاربعاء")  # alef without hamza still matches
    assert text[span[0]:span[1]] == "الأربعاء"


def test_left_to_right_hand_out_and_explicit_occurrence() -> None:
    record = {"document_id": "d", "entities": [
        {"id": "e1", "type": "GPE", "mentions": [{"id": "m1", "text": "موسكو"}, {"id": "m2", "text": "موسكو"}, {"id": "m3", "text": "موسكو", "occurrence": 1}]},
    ]}
    result = align_record(TEXT, record)
    starts = [m["start"] for m in result.record["entities"][0]["mentions"]]
    all_spans = occurrences(TEXT, "موسكو")
    assert starts == [all_spans[0][0], all_spans[1][0], all_spans[0][0]]
    assert all("occurrence" not in m for m in result.record["entities"][0]["mentions"])
    assert [d.status for d in result.decisions] == ["aligned"] * 3


def test_unaligned_items_are_removed_and_reported() -> None:
    record = {"document_id": "d", "entities": [
        {"id": "e1", "type": "GPE", "mentions": [{"id": "m1", "text": "باريس"}]},
        {"id": "e2", "type": "GPE", "mentions": [{"id": "m2", "text": "طهران"}, {"id": "m3", "text": "طهران", "occurrence": 5}]},
    ], "quotes": [
        {"id": "q1", "kind": "indirect", "cue": {"text": "صرح"}, "content": [{"text": "موسكو ستدعم طهران"}]},
    ]}
    result = align_record(TEXT, record)
    assert [e["id"] for e in result.record["entities"]] == ["e2"]  # e1 lost its only mention
    assert [m["id"] for m in result.record["entities"][0]["mentions"]] == ["m2"]
    assert result.record["quotes"] == []  # cue not found: the whole quote goes
    statuses = sorted(d.status for d in result.unaligned)
    assert statuses == ["not_found", "not_found", "occurrence_out_of_range"]
    assert all(d.describe() for d in result.decisions)


def test_spans_with_offsets_are_untouched_and_input_not_mutated() -> None:
    record = {"document_id": "d", "timexes": [{"id": "t1", "start": 67, "end": 77, "text": TEXT[67:77], "type": "TIME", "value": "X"}]}
    before = repr(record)
    result = align_record(TEXT, record)
    assert result.record == record and result.decisions == []
    assert repr(record) == before


def test_exhausted_and_deterministic() -> None:
    record = {"document_id": "d", "timexes": [{"id": f"t{i}", "text": "مساء الأحد"} for i in range(2)]}
    first = align_record(TEXT, record)
    assert [d.status for d in first.decisions] == ["aligned", "exhausted"]
    assert align_record(TEXT, record).record == first.record


def test_the_document_is_folded_once_per_record(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # folding the document for every string made 100,000 strings take minutes
    import naba.submission.align as align

    calls = []
    real = align.normalize_with_map
    monkeypatch.setattr(align, "normalize_with_map", lambda text: calls.append(text) or real(text))
    record = {"document_id": "d", "entities": [
        {"id": f"e{k}", "type": "GPE", "mentions": [{"id": f"m{k}", "text": word}]} for k, word in enumerate(["موسكو", "طهران", "الرئيس", "وفد"] * 25)
    ]}
    result = align_record(TEXT, record)
    assert len(result.decisions) == 100
    assert calls == [TEXT]


def test_records_nested_too_deeply_are_refused_before_alignment() -> None:
    # json.loads takes 600 levels; copy.deepcopy and recursive visitors do not
    import pytest

    from naba.submission.model import SubmissionError
    from naba.submission.validate import coerce_submission

    class Doc:
        id, text = "d", TEXT

    deep: object = []
    for _ in range(600):
        deep = [deep]
    with pytest.raises(SubmissionError) as err:
        coerce_submission([{"document_id": "d", "entities": deep, "quotes": [{"cue": {"text": "قال"}}]}], [Doc()])
    assert [p.code for p in err.value.problems] == ["json"] and "deeper than 64" in err.value.problems[0].message
