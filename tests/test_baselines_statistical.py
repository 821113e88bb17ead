"""Statistical baseline: leave-one-document-out protocol, determinism, training on all of the
training documents for new text.

The training documents are built here from invented paragraphs (one document each; not the
article, not the dev split), so these tests hold whatever the shipped gold contains.
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


def corpus(paragraphs: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]], prefix: str = "fx") -> list[Record]:
    """One training document per paragraph."""
    return [make_record([paragraph], doc_id=f"{prefix}_{i:03d}") for i, paragraph in enumerate(paragraphs)]


def training(records: list[Record]) -> list[tuple[str, Any]]:
    return [(r.document.id, example_from_record(r)) for r in records]


def spans(prediction: dict[str, Any]) -> list[tuple[int, int, str]]:
    out = [(m["start"], m["end"], e["type"]) for e in prediction["entities"] for m in e["mentions"]]
    out += [(t["start"], t["end"], t["value"]) for t in prediction["timexes"]]
    return sorted(out)


@pytest.fixture(scope="module")
def gold() -> list[Record]:
    return corpus(PARAGRAPHS)


def test_predictions_are_valid_and_find_unseen_names(gold: list[Record]) -> None:
    found: set[str] = set()
    for record in gold:
        pred = predict(as_doc(record), training=training(gold))
        assert validate_submission_record(pred, as_input_document(as_doc(record))) == []
        assert set(pred) == {"document_id", "entities", "timexes", "quotes", "events"}
        found |= {m["text"] for e in pred["entities"] for m in e["mentions"]}
    assert found & {"وليام روتو", "إيمانويل ماكرون", "غابرييل بوريتش"}


def test_a_training_document_is_predicted_without_its_own_gold(gold: list[Record]) -> None:
    """Leave one document out: erasing document 0's gold must not change its predictions."""
    altered = [make_record([(PARAGRAPHS[0][0], [], [])], doc_id=gold[0].document.id)] + gold[1:]
    base = predict(as_doc(gold[0]), training=training(gold))
    other = predict(as_doc(altered[0]), training=training(altered))
    assert spans(base) == spans(other)
    assert spans(base), "the other documents' gold should let the model find something in document 0"


def test_its_prediction_does_depend_on_the_other_documents_gold(gold: list[Record]) -> None:
    """The counterpart: erasing the *other* documents' gold changes document 0 (the test above can fail)."""
    stripped = [gold[0]] + [make_record([(p, [], [])], doc_id=r.document.id) for (p, _, _), r in zip(PARAGRAPHS[1:], gold[1:])]
    base = predict(as_doc(gold[0]), training=training(gold))
    other = predict(as_doc(stripped[0]), training=training(stripped))
    assert spans(base) != spans(other)


def test_new_document_is_predicted_by_a_model_trained_on_every_document(gold: list[Record]) -> None:
    new = {"id": "new_1", "text": "وقال الرئيس الكولومبي غوستافو بيترو أمس إن كولومبيا ستشارك.", "publication_date": "2024-06-10"}
    pred = predict(new, training=training(gold))
    assert validate_submission_record(pred, as_input_document(new)) == []
    assert ("أمس", "2024-06-09") in {(t["text"], t["value"]) for t in pred["timexes"]}


def test_same_id_but_different_text_is_a_new_document(gold: list[Record]) -> None:
    doc = as_doc(gold[0]) | {"text": PARAGRAPHS[0][0] + " "}
    in_fold = predict(doc, training=training(gold))  # trained on everything, document 0's own gold included
    assert any(m["text"] == "وليام روتو" for e in in_fold["entities"] for m in e["mentions"])


def test_two_runs_are_byte_identical(gold: list[Record]) -> None:
    a = json.dumps(predict(as_doc(gold[0]), training=training(gold)), ensure_ascii=False, sort_keys=True)
    b = json.dumps(predict(as_doc(gold[0]), training=training(corpus(PARAGRAPHS))), ensure_ascii=False, sort_keys=True)
    assert a == b


def test_proclitic_cut_is_learned_from_gold_spans() -> None:
    paragraphs = [
        (f"وصل الوفد {w}{city} أمس.", [(city, "GPE")], [("أمس", "2024-05-01")])
        for w, city in [("إلى ", "أوسلو"), ("و", "ليما"), ("إلى ", "كيتو"), ("و", "هراري"), ("إلى ", "لواندا"), ("و", "دكار")]
    ]
    records = corpus(paragraphs, prefix="fc")
    texts: set[str] = set()
    for record in records:
        pred = predict(as_doc(record), training=training(records))
        texts |= {m["text"] for e in pred["entities"] for m in e["mentions"]}
    assert texts & {"ليما", "هراري", "دكار"}
    assert not texts & {"وليما", "وهراري", "ودكار"}


def test_empty_gold_predicts_nothing_rather_than_failing() -> None:
    records = corpus([(p, [], []) for p, _, _ in PARAGRAPHS], prefix="fe")
    pred = predict(as_doc(records[0]), training=training(records))
    assert pred["entities"] == [] and pred["timexes"] == []


def test_the_shipped_model_learns_from_dev_only() -> None:
    from naba.baselines.statistical import _gold_examples
    from naba.corpus.splits import split_gold

    ids = {doc_id for doc_id, _ in _gold_examples()}
    assert ids == {r.document.id for r in split_gold("dev")}
    assert not ids & {r.document.id for r in split_gold("test")}
