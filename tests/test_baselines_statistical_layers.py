"""Statistical baseline, quote and event layers: the speaker ranker, validity, leave one document
out, determinism.

Training documents are invented here (names and sentences written for these tests, not the
article, not the dev split), so the tests hold whatever the shipped gold contains.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from naba.baselines.protocol import as_input_document
from naba.baselines.rules.normalization import View
from naba.baselines.statistical import example_from_record, predict
from naba.baselines.statistical import quotes as quote_model
from naba.baselines.statistical.common import Candidate, token_range
from naba.gold.inventory import EVENT_ROLES
from naba.gold.model import SCHEMA_VERSION, Record
from naba.submission.validate import validate_submission_record

# (speaker, other person, place)
PEOPLE = [
    ("وليام روتو", "ماورو فييرا", "نيروبي"),
    ("إيمانويل ماكرون", "يوكو كاميكاوا", "باريس"),
    ("غابرييل بوريتش", "سوبراهمانيام جايشانكار", "سانتياغو"),
    ("غوستافو بيترو", "سيريل رامافوزا", "بوغوتا"),
    ("لولا دا سيلفا", "أنتوني ألبانيزي", "برازيليا"),
    ("بولا تينوبو", "كريستوفر لوكسون", "أبوجا"),
    ("ميشال مارتن", "جوناس ستور", "دبلن"),
]


def paragraph(speaker: str, other: str, place: str, subject_first: bool) -> dict[str, Any]:
    """One paragraph: a meeting (MEET with its arguments) and a quote whose speaker is the
    subject; in the subject-first order another person stands nearer to the cue."""
    if subject_first:
        text = f"{speaker}، الذي التقى {other} في {place} أمس، قال إن الحوار سيستمر."
    else:
        text = f"وقال {speaker} أمس بعد أن التقى {other} في {place} إن الحوار سيستمر."
    return {
        "text": text,
        "entities": [(speaker, "PER"), (other, "PER"), (place, "GPE")],
        "timexes": [("أمس", "2024-05-01")],
        "quotes": [("قال", "الحوار سيستمر", speaker)],
        "events": [("التقى", "MEET", [("Participant", speaker), ("Participant", other), ("Place", place), ("Time", "أمس")])],
    }


def make_record(spec: dict[str, Any], doc_id: str) -> Record:
    text = spec["text"]
    ents, by_surface = [], {}
    for n, (surface, type_) in enumerate(spec["entities"]):
        at = text.index(surface)
        by_surface[surface] = (f"e{n}", at)
        ents.append({"id": f"e{n}", "type": type_, "name": surface, "name_en": surface,
                     "mentions": [{"id": f"m{n}", "start": at, "end": at + len(surface), "text": surface, "kind": "name"}]})
    timexes = []
    for n, (surface, value) in enumerate(spec["timexes"]):
        at = text.index(surface)
        by_surface[surface] = (f"t{n}", at)
        timexes.append({"id": f"t{n}", "start": at, "end": at + len(surface), "text": surface, "type": "DATE",
                        "value": value, "anchor": {"kind": "publication_date", "id": None}})

    def span(surface: str) -> dict[str, Any]:
        at = text.index(surface)
        return {"start": at, "end": at + len(surface), "text": surface}

    quotes = [{"id": f"q{n}", "kind": "indirect", "cue": span(cue), "content": [span(content)],
               "speaker_entity_id": by_surface[speaker][0], "speaker_mention_id": "m" + by_surface[speaker][0][1:],
               "relayed_by_entity_id": by_surface[relay[0]][0] if relay else None}
              for n, (cue, content, speaker, *relay) in enumerate(spec["quotes"])]
    events = [{"id": f"v{n}", "type": type_, "trigger": span(trigger), "factuality": "asserted",
               "arguments": [{"role": role, "ref_id": by_surface[s][0], **span(s)} for role, s in args]}
              for n, (trigger, type_, args) in enumerate(spec["events"])]
    return Record.model_validate({
        "schema_version": SCHEMA_VERSION,
        "document": {"id": doc_id, "title": "fixture", "text": text, "language": "ar",
                     "publication_date": {"value": "2024-05-02", "established": "metadata", "evidence": "fixture"},
                     "source": {"outlet": None, "author": None, "url": None, "license": None, "note": "invented for tests"},
                     "zones": [{"id": "z0", "kind": "paragraph", "start": 0, "end": len(text), "text": text}],
                     "sentences": [{"id": "s0", "zone_id": "z0", "start": 0, "end": len(text), "text": text}]},
        "entities": ents, "timexes": timexes, "quotes": quotes, "events": events,
    })


def as_doc(record: Record) -> dict[str, str]:
    return {"id": record.document.id, "text": record.document.text, "publication_date": record.document.publication_date.value}


def training(records: list[Record]) -> list[tuple[str, Any]]:
    return [(r.document.id, example_from_record(r)) for r in records]


@pytest.fixture(scope="module")
def gold() -> list[Record]:
    return [make_record(paragraph(*people, subject_first=n % 2 == 0), f"fq_{n:03d}") for n, people in enumerate(PEOPLE)]


def _ranker_choice(records: list[Record], text: str, names: list[str]) -> str | None:
    """Train the quote model on ``records``, then let it choose among hand-given candidates
    (so that the test is about the ranker, not about the entity tagger)."""
    model = quote_model.train([quote_model.QuoteDoc(ex.view, ex.features, ex.candidates, ex.quotes) for _, ex in training(records)])
    view = View(text)
    from naba.baselines.statistical.features import sentence_features

    features = sentence_features(view)
    cands = []
    for n, name in enumerate(names):
        at = text.index(name)
        rng = token_range(view, at, at + len(name))
        assert rng is not None
        cands.append(Candidate(rng[0], rng[1], at, at + len(name), "PER", f"e{n}"))
    found = quote_model.predict(view, features, cands, model)
    assert len(found) == 1, found
    speaker = found[0].speaker
    return None if speaker is None else text[speaker.start : speaker.end]


def test_speaker_ranker_picks_the_subject_over_a_nearer_non_subject(gold: list[Record]) -> None:
    text = "أنطونيو كوستا، الذي استقبل ألكسندر ستوب في لشبونة أمس، قال إن الحوار سيستمر."
    # ستوب is nearer to the cue قال; كوستا is the sentence's subject
    assert _ranker_choice(gold, text, ["أنطونيو كوستا", "ألكسندر ستوب"]) == "أنطونيو كوستا"


def test_speaker_ranker_follows_the_gold_not_a_fixed_rule(gold: list[Record]) -> None:
    """The counterpart: with gold that names the nearer person as speaker, the ranker learns
    that instead (the test above can fail)."""
    flipped = []
    for n, (speaker, other, place) in enumerate(PEOPLE):
        spec = paragraph(speaker, other, place, subject_first=True)
        spec["quotes"] = [("قال", "الحوار سيستمر", other)]
        flipped.append(make_record(spec, f"ff_{n:03d}"))
    text = "أنطونيو كوستا، الذي استقبل ألكسندر ستوب في لشبونة أمس، قال إن الحوار سيستمر."
    assert _ranker_choice(flipped, text, ["أنطونيو كوستا", "ألكسندر ستوب"]) == "ألكسندر ستوب"


def test_predictions_of_every_layer_validate_and_refer_to_own_entities(gold: list[Record]) -> None:
    quotes = events = 0
    for record in gold:
        pred = predict(as_doc(record), training=training(gold))
        assert validate_submission_record(pred, as_input_document(as_doc(record))) == []
        entity_ids = {e["id"] for e in pred["entities"]}
        timex_ids = {t["id"] for t in pred["timexes"]}
        for q in pred["quotes"]:
            assert q["speaker_entity_id"] is None or q["speaker_entity_id"] in entity_ids
            assert q["kind"] in ("direct", "indirect", "mixed")
        for ev in pred["events"]:
            for arg in ev["arguments"]:
                assert arg["role"] in EVENT_ROLES[ev["type"]]
                assert arg["ref_id"] in (timex_ids if arg["role"] == "Time" else entity_ids)
        quotes += len(pred["quotes"])
        events += len(pred["events"])
    assert quotes and events, "seven documents of one pattern should teach both layers something"


def _layers(pred: dict[str, Any]) -> str:
    return json.dumps({k: pred[k] for k in ("quotes", "events")}, ensure_ascii=False, sort_keys=True)


def test_quotes_and_events_of_a_training_document_ignore_its_own_gold(gold: list[Record]) -> None:
    """Leave one document out: erasing document 0's quote and event gold changes nothing in its
    prediction, and erasing the others' does."""
    spec = paragraph(*PEOPLE[0], subject_first=True)
    bare = make_record({**spec, "quotes": [], "events": []}, gold[0].document.id)
    base = predict(as_doc(gold[0]), training=training(gold))
    assert base["quotes"] and base["events"]
    assert _layers(predict(as_doc(bare), training=training([bare] + gold[1:]))) == _layers(base)
    others = [make_record({**paragraph(*p, subject_first=n % 2 == 0), "quotes": [], "events": []}, r.document.id)
              for n, (p, r) in enumerate(zip(PEOPLE, gold)) if n]
    stripped = predict(as_doc(gold[0]), training=training([gold[0]] + others))
    assert stripped["quotes"] == [] and stripped["events"] == []


def test_quote_and_event_predictions_are_byte_identical_across_runs(gold: list[Record]) -> None:
    new = {"id": "new_q", "text": "وقال أنطونيو كوستا أمس بعد أن التقى ألكسندر ستوب في لشبونة إن الحوار سيستمر.", "publication_date": "2024-06-10"}
    a = predict(new, training=training(gold))
    b = predict(new, training=training([make_record(paragraph(*p, subject_first=n % 2 == 0), f"fq_{n:03d}") for n, p in enumerate(PEOPLE)]))
    assert _layers(a) == _layers(b)
    assert validate_submission_record(a, as_input_document(new)) == []


AGENCIES = ["وكالة الأنباء الكينية", "وكالة الأنباء الفرنسية", "وكالة الأنباء التشيلية", "وكالة الأنباء الكولومبية",
            "وكالة الأنباء البرازيلية", "وكالة الأنباء النيجيرية", "وكالة الأنباء الإيرلندية"]


def relayed(agency: str, speaker: str, place: str, own: bool) -> dict[str, Any]:
    """``نقلت X من Z عن Y قوله إن`` (X relays Y; the place Z does not), or ``في Z، قالت X إن``
    (X speaks in its own name: no relay)."""
    if own:
        text = f"وفي {place}، قالت {agency} إن الاتفاق سيوقع قريبا."
        return {"text": text, "entities": [(place, "GPE"), (agency, "ORG")], "timexes": [], "events": [],
                "quotes": [("قالت", "الاتفاق سيوقع قريبا", agency)]}
    text = f"ونقلت {agency} من {place} عن {speaker} قوله إن الاتفاق سيوقع قريبا."
    return {"text": text, "entities": [(agency, "ORG"), (place, "GPE"), (speaker, "PER")], "timexes": [], "events": [],
            "quotes": [("قوله", "الاتفاق سيوقع قريبا", speaker, agency)]}


def test_the_relaying_outlet_is_learned_and_only_where_the_words_are_relayed() -> None:
    records = [make_record(relayed(agency, people[0], people[2], own=n % 3 == 2), f"fr_{n:03d}") for n, (agency, people) in enumerate(zip(AGENCIES, PEOPLE))]
    model = quote_model.train([quote_model.QuoteDoc(ex.view, ex.features, ex.candidates, ex.quotes) for _, ex in training(records)])
    from naba.baselines.statistical.features import sentence_features

    def run(text: str, names: list[tuple[str, str]]) -> tuple[str | None, str | None]:
        view = View(text)
        cands = []
        for n, (name, type_) in enumerate(names):
            at = text.index(name)
            rng = token_range(view, at, at + len(name))
            assert rng is not None
            cands.append(Candidate(rng[0], rng[1], at, at + len(name), type_, f"e{n}"))
        (found,) = quote_model.predict(view, sentence_features(view), cands, model)
        show = lambda c: None if c is None else text[c.start : c.end]  # noqa: E731
        return show(found.speaker), show(found.relay)

    agency, person, place = "وكالة الأنباء الأسترالية", "أنطونيو كوستا", "لشبونة"
    named = [(agency, "ORG"), (place, "GPE"), (person, "PER")]
    assert run(f"ونقلت {agency} من {place} عن {person} قوله إن الاتفاق سيوقع قريبا.", named) == (person, agency)
    assert run(f"وفي {place}، قالت {agency} إن الاتفاق سيوقع قريبا.", [(place, "GPE"), (agency, "ORG")]) == (agency, None)
