"""Results: lossless JSON, provenance, diff; bootstrap and paired comparison."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

import naba
from naba.evaluate import Results, ScoreOptions, score
from naba.evaluate.bootstrap import resample_weights, sample_values
from naba.evaluate.compare import NotComparable, compare
from naba.gold.model import SCHEMA_VERSION
from naba.gold.records import gold_sha256, load_records
from naba.submission.model import from_gold

GOLD_DIR = Path(__file__).parent / "fixtures" / "eval" / "gold"
GOLD = load_records(GOLD_DIR)
OPTS = ScoreOptions(n_bootstrap=200)


def perfect() -> list[dict]:  # type: ignore[type-arg]
    return [from_gold(r).model_dump(mode="json") for r in GOLD]


def degraded() -> list[dict]:  # type: ignore[type-arg]
    docs = perfect()
    docs[0]["entities"][0]["mentions"] = docs[0]["entities"][0]["mentions"][1:]  # drop fixA/m1
    text = GOLD[0].document.text
    start = text.index("المحادثات")
    docs[0]["entities"].append({"id": "spur", "type": "ORG", "name": None,
                                "mentions": [{"id": "spurm", "start": start, "end": start + 9, "text": text[start:start + 9], "kind": None}]})
    return docs


def test_gold_identity_is_the_same_for_records_and_files() -> None:
    from naba.evaluate.scorer import gold_hash
    from naba.gold.records import dump_record, gold_records

    for record in [*GOLD, *gold_records()]:
        assert record.model_dump_json(indent=2) + "\n" == dump_record(record)
    assert gold_hash(GOLD) == gold_sha256(GOLD_DIR)
    assert score(perfect(), GOLD_DIR, options=OPTS).gold_sha256 == score(perfect(), GOLD, options=OPTS).gold_sha256


def test_provenance() -> None:
    r = score(perfect(), GOLD, options=OPTS, system="gold")
    assert r.naba_version == naba.__version__ and r.schema_version == SCHEMA_VERSION
    assert r.gold_sha256 == gold_sha256(GOLD_DIR)  # same identity as the files on disk
    assert r.gold_documents == ["fixA", "fixB"]
    assert r.options == OPTS and r.units.kind == "document" and r.units.n == 2
    assert len(r.submission_sha256) == 64 and r.submission_file_sha256 is None


def test_json_round_trip_is_lossless(tmp_path: Path) -> None:
    r = score(degraded(), GOLD, options=OPTS, system="x")
    again = Results.from_json(r.to_json())
    assert again == r
    assert again.to_json() == r.to_json()
    r.write(tmp_path / "r.json")
    assert Results.read(tmp_path / "r.json") == r


def test_tampered_scores_are_rejected() -> None:
    data = json.loads(score(degraded(), GOLD, options=OPTS).to_json())
    data["tasks"]["entities"]["metrics"]["entities.strict"]["values"]["f1"] = 0.99
    with pytest.raises(ValidationError):
        Results.model_validate(data)


def test_deterministic_and_seeded() -> None:
    a = score(degraded(), GOLD, options=OPTS)
    b = score(degraded(), GOLD, options=OPTS)
    assert a.to_json() == b.to_json()
    c = score(degraded(), GOLD, options=ScoreOptions(n_bootstrap=200, seed=1))
    assert c.value("entities.strict.f1") == a.value("entities.strict.f1")
    assert (resample_weights(4, 50, 0) == resample_weights(4, 50, 0)).all()
    assert (resample_weights(4, 50, 0) != resample_weights(4, 50, 1)).any()


def test_intervals() -> None:
    r = score(degraded(), GOLD, options=OPTS)
    ci = r.metric("entities.strict").ci["f1"]
    assert ci.low is not None and ci.high is not None and ci.low <= r.value("entities.strict.f1") <= ci.high <= 1.0
    assert ci.n_defined == 200
    none = score(degraded(), GOLD, options=ScoreOptions(n_bootstrap=0))
    assert none.metric("entities.strict").ci == {}


def test_resampling_by_hand() -> None:
    w = resample_weights(n_units=3, n_bootstrap=5, seed=0)
    assert w.shape == (5, 3) and (w.sum(axis=1) == 3).all()
    # counts of two units (tp, fp, fn, partial): unit 0 = (1, 0, 1, 0), unit 1 = (0, 1, 0, 0)
    table = np.array([[1, 0, 1, 0], [0, 1, 0, 0]])
    samples = np.array([[2, 0], [0, 2], [1, 1]]) @ table
    values = sample_values(samples, "prf")
    assert values["precision"][0] == 1.0 and np.isnan(values["recall"][1])  # no gold item drawn
    assert values["f1"][1] == 0.0 and values["f1"][2] == pytest.approx(0.5)


def test_diff() -> None:
    old = score(perfect(), GOLD, options=OPTS)
    new = score(degraded(), GOLD, options=OPTS)
    assert old.diff(old).empty
    d = old.diff(new)
    assert "submission_sha256" in d.provenance
    assert any(c.name == "entities.strict.f1" and c.old == 1.0 and c.new < 1.0 for c in d.metrics)
    assert {(c.metric, c.item) for c in d.lost if c.metric.startswith("entities.")} == {(f"entities.{m}", "fixA/m1") for m in ("strict", "exact", "partial", "type")}
    assert all(c.old == "tp" and c.new == "fn" for c in d.lost)
    start = GOLD[0].document.text.index("المحادثات")
    assert {c.item for c in d.new_spurious} == {f"fixA/{start}:{start + 9}/ORG"}
    back = new.diff(old)
    assert {c.item for c in back.gained} == {"fixA/m1"} and len(back.removed_spurious) == 4
    assert "found -> missed" in d.render()


def test_compare_paired() -> None:
    good = score(perfect(), GOLD, options=OPTS)
    bad = score(degraded(), GOLD, options=OPTS)
    same = compare(good, good)
    assert all(c.estimate.observed == 0.0 and c.estimate.holds == 1.0 for c in same)
    rows = {c.metric: c for c in compare(good, bad)}
    e = rows["entities.strict.f1"].estimate
    assert e.observed == pytest.approx(bad.value("entities.strict.f1") - 1.0)
    assert e.a_better is not None and e.a_better > 0.5 and e.holds == e.a_better
    assert set(rows) == {"entities.strict.f1", "timex.value.f1", "quotes.quote_speaker.f1", "events.argument_classification.f1"}
    with pytest.raises(NotComparable):
        compare(good, score(perfect(), GOLD, options=ScoreOptions(n_bootstrap=10)))


def test_sentence_units_for_one_document() -> None:
    r = score([from_gold(GOLD[0])], GOLD[:1], options=OPTS)
    assert r.units.kind == "sentence" and r.units.n == len(GOLD[0].document.sentences) == 4
    units = {o.unit for o in r.metric("entities.strict").outcomes}
    assert units == {0, 1, 2, 3}  # every sentence of fixA has a mention


def test_vectorised_scores_equal_scalar_scores() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from naba.evaluate.counts import Counts, Ratio

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(*[st.integers(0, 6)] * 4), min_size=1, max_size=20))
    def check(rows) -> None:  # type: ignore[no-untyped-def]
        values = sample_values(np.array(rows), "prf")
        for k, row in enumerate(rows):
            for name, expected in Counts(*row).values().items():
                got = values[name][k]
                assert (np.isnan(got) and expected is None) or got == expected, (row, name)
        accuracy = sample_values(np.array([r[:2] for r in rows]), "accuracy")["accuracy"]
        for k, row in enumerate(rows):
            expected = Ratio(min(row[0], row[1]), row[1]).accuracy if row[0] <= row[1] else None
            if row[0] <= row[1]:
                assert (np.isnan(accuracy[k]) and expected is None) or accuracy[k] == expected

    check()


def test_results_json_is_what_the_json_module_writes() -> None:
    # to_json uses pydantic's fast writer; the committed results must read the same as json.dumps output
    import json
    from pathlib import Path

    from naba.evaluate.results import Results

    files = sorted(Path(__file__).resolve().parent.parent.glob("baselines/*/scores.json"))
    assert files
    for path in files:
        results = Results.from_json(path.read_text(encoding="utf-8"))
        ours = results.to_json()
        reference = json.dumps(results.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
        assert json.loads(ours) == json.loads(reference)
        assert ours == path.read_text(encoding="utf-8")  # byte for byte as committed


def test_results_bytes_are_the_utf8_of_the_text() -> None:
    from pathlib import Path

    from naba.evaluate.results import Results

    path = Path(__file__).resolve().parent.parent / "baselines" / "rules" / "scores.json"
    results = Results.from_json(path.read_text(encoding="utf-8"))
    assert results.to_json_bytes() == results.to_json().encode("utf-8") == path.read_bytes()
