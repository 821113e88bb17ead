"""Hand-computed fixtures for time expressions, quotes and events (fixture record fixA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naba.evaluate import ScoreOptions, score
from naba.gold.model import Record
from naba.gold.records import load_records

GOLD = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold")
DOC_A = GOLD[0]
TEXT = DOC_A.document.text
NO_BOOT = ScoreOptions(n_bootstrap=0)


def at(needle: str, nth: int = 0) -> dict[str, object]:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(needle, pos + 1)
    return {"start": pos, "end": pos + len(needle), "text": needle}


def prf(results, group: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    c = results.metric(group).counts
    return (c.tp, c.fp, c.fn)


# ------------------------------------------------------------------ time expressions
# gold fixA: T1 "يوم الاثنين" DATE 2025-06-23 (publication_date);
#            T2 "غدا" DATE 2025-06-24, alternatives [FUTURE_REF] (speech_event Q1)


def test_timex_hand_computed() -> None:
    pred = [
        {"id": "t1", "type": "DATE", "value": "2025-06-23", "anchor": {"kind": "publication_date"}, **at("الاثنين")},  # inside T1
        {"id": "t2", "type": "TIME", "value": "FUTURE_REF", **at("غدا")},  # = T2; wrong type, value an alternative, no anchor
        {"id": "t3", "type": "DATE", "value": "2025-06-22", **at("المحادثات")},  # spurious
    ]
    r = score([{"document_id": "fixA", "timexes": pred}], [DOC_A], options=NO_BOOT)
    assert prf(r, "timex.strict") == (1, 2, 1)       # only t2 has T2's exact span
    assert r.value("timex.strict.f1") == pytest.approx(0.4, abs=1e-15)
    assert prf(r, "timex.relaxed") == (2, 1, 0)
    assert r.value("timex.relaxed.f1") == pytest.approx(0.8, abs=1e-15)
    assert prf(r, "timex.value") == (2, 1, 0)        # FUTURE_REF is one of T2's alternatives
    assert r.value("timex.type_accuracy.accuracy") == 0.5
    assert r.value("timex.value_accuracy.accuracy") == 1.0
    assert r.value("timex.anchor_accuracy.accuracy") == 0.5  # t2 has no anchor, T2 a speech_event
    assert r.tasks["timex"].headline == "timex.value.f1"


def test_timex_value_f1_uses_its_own_maximum_matching() -> None:
    # both predictions overlap T1: u1 has T1's exact span but a wrong value, u2 the right value
    pred = [
        {"id": "u1", "type": "DATE", "value": "2025-06-30", **at("يوم الاثنين")},
        {"id": "u2", "type": "DATE", "value": "2025-06-23", **at("الاثنين")},
    ]
    r = score([{"document_id": "fixA", "timexes": pred}], [DOC_A], options=NO_BOOT)
    assert prf(r, "timex.relaxed") == (1, 1, 1)      # T1 pairs with u1 (exact span preferred)
    assert r.value("timex.value_accuracy.accuracy") == 0.0  # ... whose value is wrong
    assert prf(r, "timex.value") == (1, 1, 1)        # but value F1 pairs T1 with u2
    pairs = {o.gold: o.pred for o in r.metric("timex.value").outcomes if o.gold and o.pred}
    assert pairs == {"fixA/T1": "fixA/u2"}


# ------------------------------------------------------------------ quotes
# gold fixA: Q1 indirect, cue "وقال", content [إن المحادثات كانت مثمرة | أن بلاده ستعود إلى طهران غدا],
#            speaker E2 عباس عراقجي; Q2 direct, cue "وأكد", content [روسيا تقف مع إيران], speaker E1 بوتين

QUOTES = [
    {"id": "q1", "kind": "indirect", "cue": at("قال"),
     "content": [at("إن المحادثات كانت مثمرة"), at("أن بلاده ستعود إلى طهران غدا")],
     "speaker_name": "عراقجى"},  # alef maqsura: equal to the mention text عراقجي after normalisation
    {"id": "q2", "kind": "direct", "cue": at("وأكد"), "content": [at("روسيا تقف مع")],
     "speaker_mention": at("عراقجي", 2)},  # a mention of E2, not of the speaker E1
    {"id": "q3", "kind": "direct", "cue": at("استقبل"), "content": [at("بوتين يستقبل عراقجي")]},  # spurious
]


def test_quotes_hand_computed() -> None:
    r = score([{"document_id": "fixA", "quotes": QUOTES}], [DOC_A], options=NO_BOOT)
    assert prf(r, "quotes.content_strict") == (1, 2, 1)
    assert r.value("quotes.content_strict.f1") == pytest.approx(0.4, abs=1e-15)
    assert prf(r, "quotes.content_overlap") == (2, 1, 0)
    assert prf(r, "quotes.cue") == (2, 1, 0)          # "قال" overlaps "وقال"
    assert r.value("quotes.speaker_accuracy.accuracy") == 0.5
    assert prf(r, "quotes.quote_speaker") == (1, 2, 1)
    assert r.value("quotes.quote_speaker.f1") == pytest.approx(0.4, abs=1e-15)
    assert (r.value("quotes.content_strict.direct.tp"), r.value("quotes.content_strict.direct.fp"), r.value("quotes.content_strict.direct.fn")) == (0, 2, 1)
    exact = score([{"document_id": "fixA", "quotes": QUOTES}], [DOC_A], options=ScoreOptions(n_bootstrap=0, cue_match="exact"))
    assert prf(exact, "quotes.cue") == (1, 2, 1)


def test_speaker_through_predicted_entity_name() -> None:
    pred = {
        "document_id": "fixA",
        "entities": [{"id": "x", "type": "PER", "name": "بوتين", "mentions": [{"id": "xm", **at("بوتين", 2)}]}],
        "quotes": [{"id": "q", "kind": "direct", "cue": at("وأكد"), "content": [at("روسيا تقف مع إيران")], "speaker_entity_id": "x"}],
    }
    r = score([pred], [DOC_A], options=NO_BOOT)
    assert prf(r, "quotes.quote_speaker") == (1, 0, 1)


def test_unknown_gold_speaker_wants_no_speaker() -> None:
    raw = DOC_A.model_dump()
    raw["quotes"][1]["speaker_entity_id"] = None
    raw["quotes"][1]["speaker_mention_id"] = None
    gold = Record.model_validate(raw)
    silent = {"id": "q", "kind": "direct", "cue": at("وأكد"), "content": [at("روسيا تقف مع إيران")]}
    named = {**silent, "speaker_name": "بوتين"}
    assert prf(score([{"document_id": "fixA", "quotes": [silent]}], [gold], options=NO_BOOT), "quotes.quote_speaker") == (1, 0, 1)
    assert prf(score([{"document_id": "fixA", "quotes": [named]}], [gold], options=NO_BOOT), "quotes.quote_speaker") == (0, 1, 2)


# ------------------------------------------------------------------ events
# gold fixA: V1 MEET "استقبل": Participant E1 (فلاديمير بوتين), Participant E2 (عباس عراقجي),
#            Place E3 (موسكو), Time T1; time T1. V2 TRANSPORT "ستعود": Destination E6 (طهران), Time T2; time T2.

EVENTS_SUBMISSION = {
    "document_id": "fixA",
    "timexes": [
        {"id": "ta", "type": "DATE", "value": "2025-06-23", **at("يوم الاثنين")},
        {"id": "tb", "type": "DATE", "value": "2025-06-25", **at("غدا")},  # wrong value
    ],
    "events": [
        {"id": "v1", "type": "MEET", "trigger": at("استقبل"), "time_id": "ta", "arguments": [
            {"role": "Participant", **at("بوتين")},          # another mention of E1: right
            {"role": "Participant", **at("عراقجي", 2)},      # another mention of E2: right
            {"role": "Place", **at("في موسكو", 1)},          # overlaps E3's mention موسكو: right
            {"role": "Time", **at("الاثنين")},               # overlaps T1: right
            {"role": "Place", **at("عباس عراقجي")},          # E2 again, wrong role, E2 already taken: spurious
        ]},
        {"id": "v2", "type": "TRANSPORT", "trigger": at("ستعود"), "time_id": "tb", "arguments": [
            {"role": "Origin", **at("طهران")},               # right referent, wrong role
            {"role": "Time", **at("غدا")},                   # right
        ]},
        {"id": "v3", "type": "WARN", "trigger": at("وأكد"), "arguments": [{"role": "Warner", **at("بوتين", 2)}]},  # no such event
    ],
}


def test_events_hand_computed() -> None:
    r = score([EVENTS_SUBMISSION], [DOC_A], options=NO_BOOT)
    assert prf(r, "events.trigger_identification") == (2, 1, 0)
    assert prf(r, "events.trigger_classification") == (2, 1, 0)
    assert r.value("events.trigger_classification.f1") == pytest.approx(0.8, abs=1e-15)
    assert prf(r, "events.argument_identification") == (6, 2, 0)   # 6 gold arguments, 8 predicted
    assert r.value("events.argument_identification.f1") == pytest.approx(6 / 7, abs=1e-15)
    assert prf(r, "events.argument_classification") == (5, 3, 1)   # Origin for Destination
    assert r.value("events.argument_classification.precision") == 5 / 8
    assert r.value("events.argument_classification.recall") == 5 / 6
    assert r.value("events.argument_classification.f1") == pytest.approx(5 / 7, abs=1e-15)
    assert prf(r, "events.event_time") == (1, 1, 1)                 # v2's time has a wrong value
    by_role = {role: (r.value(f"events.argument_classification.{role}.tp"), r.value(f"events.argument_classification.{role}.fp"),
                      r.value(f"events.argument_classification.{role}.fn"))
               for role in ("Participant", "Place", "Time", "Destination", "Origin", "Warner")}
    assert by_role == {"Participant": (2, 0, 0), "Place": (1, 1, 0), "Time": (2, 0, 0), "Destination": (0, 0, 1), "Origin": (0, 1, 0), "Warner": (0, 1, 0)}
    assert r.tasks["events"].headline == "events.argument_classification.f1"
    lost = {o.gold for o in r.metric("events.argument_classification").outcomes if o.status == "fn"}
    tehran = at("طهران")
    assert lost == {f"fixA/V2/Destination/E6@{tehran['start']}:{tehran['end']}"}


def test_event_span_match_modes() -> None:
    wide = {"document_id": "fixA", "events": [{"id": "v", "type": "TRANSPORT", "trigger": at("ستعود إلى"), "arguments": [{"role": "Destination", **at("إلى طهران")}]}]}
    overlap = score([wide], [DOC_A], options=NO_BOOT)
    assert prf(overlap, "events.trigger_classification") == (1, 0, 1)
    assert prf(overlap, "events.argument_classification") == (1, 0, 5)
    exact = score([wide], [DOC_A], options=ScoreOptions(n_bootstrap=0, trigger_match="exact"))
    assert prf(exact, "events.trigger_classification") == (0, 1, 2)
    assert prf(exact, "events.argument_classification") == (0, 1, 6)
    exact_args = score([wide], [DOC_A], options=ScoreOptions(n_bootstrap=0, argument_match="exact"))
    assert prf(exact_args, "events.argument_classification") == (0, 1, 6)


def test_missing_layer_is_not_scored_empty_layer_is() -> None:
    r = score([{"document_id": "fixA", "entities": []}], [DOC_A], options=NO_BOOT)
    assert r.tasks["entities"].predicted and not r.tasks["events"].predicted
    assert prf(r, "entities.strict") == (0, 0, 14)
    assert r.value("entities.strict.precision") is None and r.value("entities.strict.f1") == 0.0
    assert r.headline("events") is None
    assert not any(name.startswith("events.") for name in r.flat())
    with pytest.raises(KeyError):
        r.metric("events.event_time")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), min_size=1, max_size=8), st.integers(0, 35), st.integers(0, 8))
def test_referent_search_agrees_with_a_scan(refs, start, length) -> None:  # type: ignore[no-untyped-def]
    from naba.evaluate.events import ArgData, spans_match

    spans = [(s, s + n) for s, n in refs]
    data = ArgData.gold((0, 1), "X", spans)
    probe = (start, start + length)
    for mode in ("exact", "overlap"):
        assert data.refers_to(mode, probe) == any(spans_match(mode, ref, probe) for ref in spans)
