"""Statistical baseline: out-of-fold protocol, determinism, training on all gold for new text.

The gold is built here from invented paragraphs (not the article), so these
tests hold whatever the shipped gold contains.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from naba.baselines.protocol import as_input_document
from naba.baselines.statistical import example_from_record, predict
from naba.gold.model import SCHEMA_VERSION, Record
from naba.submission.validate import validate_submission_record

PARAGRAPHS = [
    ("قال الرئيس الكيني وليام روتو أمس إن نيروبي مستعدة للحوار.", [("وليام روتو", "PER"), ("نيروبي", "GPE")], [("أمس", "2024-05-01")]),
    ("وأكد الوزير البرازيلي ماورو فييرا اليوم أن البرازيل تدعم الاتفاق.", [("ماورو فييرا", "PER"), ("البرازيل", "GPE")], [("اليوم", "2024-05-02")]),
    ("وأعلن الرئيس الفرنسي إيمانويل ماكرون أمس أن فرنسا سترسل وفدا.", [("إيمانويل ماكرون", "PER"), ("فرنسا", "GPE")], [("أمس", "2024-05-01")]),
    ("وقال الوزير الياباني يوكو كاميكاوا اليوم إن اليابان قلقة.", [("يوكو كاميكاوا", "PER"), ("اليابان", "GPE")], [("اليوم", "2024-05-02")]),
    ("وصرح الرئيس التشيلي غابرييل بوريتش أمس بأن تشيلي لن تتدخل.", [("غابرييل بوريتش", "PER"), ("تشيلي", "GPE")], [("أمس", "2024-05-01")]),
    ("وأوضح الوزير الهندي سوبراهمانيام جايشانكار اليوم أن الهند تراقب الوضع.", [("سوبراهمانيام جايشانكار", "PER"), ("الهند", "GPE")], [("اليوم", "2024-05-02")]),
]


def make_record(paragraphs: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]], doc_id: str = "fx_001") -> Record:
    text = "\n".join(p for p, _, _ in paragraphs)
    zones, sentences, entities, timexes = [], [], [], []
    cursor = 0
    for z, (para, ents, txs) in enumerate(paragraphs):
        start = text.index(para, cursor)
        end = start + len(para)
        zones.append({"id": f"z{z}", "kind": "paragraph", "start": start, "end": end, "text": para})
        sentences.append({"id": f"s{z}", "zone_id": f"z{z}", "start": start, "end": end, "text": para})
        for surface, type_ in ents:
            at = text.index(surface, start)
            n = len(entities)
            entities.append({"id": f"e{n}", "type": type_, "name": surface, "name_en": surface,
                             "mentions": [{"id": f"m{n}", "start": at, "end": at + len(surface), "text": surface, "kind": "name"}]})
        for surface, value in txs:
            at = text.index(surface, start)
            timexes.append({"id": f"t{len(timexes)}", "start": at, "end": at + len(surface), "text": surface, "type": "DATE",
                            "value": value, "anchor": {"kind": "publication_date", "id": None}})
        cursor = end
    return Record.model_validate({
        "schema_version": SCHEMA_VERSION,
        "document": {"id": doc_id, "title": "fixture", "text": text, "language": "ar",
                     "publication_date": {"value": "2024-05-02", "established": "metadata", "evidence": "fixture"},
                     "source": {"outlet": None, "author": None, "url": None, "license": None, "note": "invented for tests"},
                     "zones": zones, "sentences": sentences},
        "entities": entities, "timexes": timexes, "quotes": [], "events": [],
    })


def as_doc(record: Record) -> dict[str, str]:
    return {"id": record.document.id, "text": record.document.text, "publication_date": record.document.publication_date.value}


def in_zone(prediction: dict[str, Any], record: Record, zone: int) -> list[tuple[int, int, str]]:
    z = record.document.zones[zone]
    spans = [(m["start"], m["end"], e["type"]) for e in prediction["entities"] for m in e["mentions"]]
    spans += [(t["start"], t["end"], t["value"]) for t in prediction["timexes"]]
    return sorted(s for s in spans if z.start <= s[0] < z.end)


@pytest.fixture(scope="module")
def gold() -> Record:
    return make_record(PARAGRAPHS)


def test_predictions_are_valid_and_find_unseen_names(gold: Record) -> None:
    pred = predict(as_doc(gold), training=[(gold.document.id, example_from_record(gold))])
    assert validate_submission_record(pred, as_input_document(as_doc(gold))) == []
    assert set(pred) == {"document_id", "entities", "timexes"}
    found = {m["text"] for e in pred["entities"] for m in e["mentions"]}
    assert found & {"وليام روتو", "إيمانويل ماكرون", "غابرييل بوريتش"}


def test_out_of_fold_zone_prediction_ignores_that_zones_gold(gold: Record) -> None:
    """Changing (here: erasing) the gold of zone 0 must not change zone 0's predictions."""
    altered_paragraphs = [(PARAGRAPHS[0][0], [], [])] + PARAGRAPHS[1:]
    altered = make_record(altered_paragraphs)
    base = predict(as_doc(gold), training=[(gold.document.id, example_from_record(gold))])
    other = predict(as_doc(altered), training=[(altered.document.id, example_from_record(altered))])
    assert in_zone(base, gold, 0) == in_zone(other, altered, 0)
    assert in_zone(base, gold, 0), "the other zones' gold should let the model find something in zone 0"


def test_zone_prediction_does_depend_on_the_other_zones_gold(gold: Record) -> None:
    """The counterpart: erasing the *other* zones' gold changes zone 0 (the test above can fail)."""
    stripped = make_record([PARAGRAPHS[0]] + [(p, [], []) for p, _, _ in PARAGRAPHS[1:]])
    base = predict(as_doc(gold), training=[(gold.document.id, example_from_record(gold))])
    other = predict(as_doc(stripped), training=[(stripped.document.id, example_from_record(stripped))])
    assert in_zone(base, gold, 0) != in_zone(other, stripped, 0)


def test_new_document_is_predicted_by_a_model_trained_on_all_gold(gold: Record) -> None:
    training = [(gold.document.id, example_from_record(gold))]
    new = {"id": "new_1", "text": "وقال الرئيس الكولومبي غوستافو بيترو أمس إن كولومبيا ستشارك.", "publication_date": "2024-06-10"}
    pred = predict(new, training=training)
    assert validate_submission_record(pred, as_input_document(new)) == []
    assert ("أمس", "2024-06-09") in {(t["text"], t["value"]) for t in pred["timexes"]}


def test_same_id_but_different_text_is_a_new_document(gold: Record) -> None:
    training = [(gold.document.id, example_from_record(gold))]
    doc = as_doc(gold) | {"text": PARAGRAPHS[0][0]}
    in_fold = predict(doc, training=training)  # trained on everything, zone 0's own gold included
    assert any(m["text"] == "وليام روتو" for e in in_fold["entities"] for m in e["mentions"])


def test_two_runs_are_byte_identical(gold: Record) -> None:
    training = [(gold.document.id, example_from_record(gold))]
    a = json.dumps(predict(as_doc(gold), training=training), ensure_ascii=False, sort_keys=True)
    b = json.dumps(predict(as_doc(gold), training=[(gold.document.id, example_from_record(gold))]), ensure_ascii=False, sort_keys=True)
    assert a == b


def test_proclitic_cut_is_learned_from_gold_spans() -> None:
    paragraphs = [
        (f"وصل الوفد {w}{city} أمس.", [(city, "GPE")], [("أمس", "2024-05-01")])
        for w, city in [("إلى ", "أوسلو"), ("و", "ليما"), ("إلى ", "كيتو"), ("و", "هراري"), ("إلى ", "لواندا"), ("و", "دكار")]
    ]
    record = make_record(paragraphs, doc_id="fx_002")
    pred = predict(as_doc(record), training=[(record.document.id, example_from_record(record))])
    texts = {m["text"] for e in pred["entities"] for m in e["mentions"]}
    assert texts & {"ليما", "هراري", "دكار"}
    assert not texts & {"وليما", "وهراري", "ودكار"}


def test_empty_gold_predicts_nothing_rather_than_failing() -> None:
    record = make_record([(p, [], []) for p, _, _ in PARAGRAPHS], doc_id="fx_003")
    pred = predict(as_doc(record), training=[(record.document.id, example_from_record(record))])
    assert pred["entities"] == [] and pred["timexes"] == []
