"""Robustness report: hand-computed drop and invariance failures, and the joint bootstrap.

The valid fixture (8 entity mentions) and a variant of it with « » quotation marks. The system is
perfect on the original; on the variant it misses the mention مصر (e4): entities strict F1 on the
variant is 2*7 / (2*7 + 0 + 1) = 14/15, the drop is 14/15 - 1 = -1/15, and one of the 8 gold
mentions right on the original is wrong on the variant: an invariance failure rate of 1/8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from naba.challenge.orthography import orthography
from naba.evaluate import ScoreOptions, score
from naba.submission.model import from_gold
from naba.evaluate.robustness import render_robustness, robustness, stable_gold_id
from naba.gold.model import Record

VALID = Path(__file__).resolve().parent / "fixtures" / "valid" / "mini_001.json"


def _pair() -> tuple[Record, Record]:
    original = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    variant, _ = orthography(original, "quotes", 1.0, 0, "guillemets")
    return original, variant


def _report(n_bootstrap: int, drop_mention: bool = True):  # type: ignore[no-untyped-def]
    original, variant = _pair()
    opts = ScoreOptions(n_bootstrap=0)
    sub = from_gold(variant).model_dump(mode="json", exclude_none=True)
    if drop_mention:
        for entity in sub["entities"]:
            entity["mentions"] = [m for m in entity["mentions"] if m["text"] != "مصر"]
        sub["entities"] = [e for e in sub["entities"] if e["mentions"]]
        sub["events"] = [dict(ev, arguments=[a for a in ev["arguments"] if a["text"] != "مصر"]) for ev in sub["events"]]
    orig = score([from_gold(original)], [original], options=opts)
    var = score([sub], [variant], options=opts)
    return robustness(orig, [("quotes_guillemets", ["orthography"], var)], n_bootstrap=n_bootstrap, seed=7, confidence=0.95)


def test_hand_computed_drop_and_invariance() -> None:
    report = _report(0)
    row = next(r for r in report.rows if r.name == "quotes_guillemets")
    entities = row.tasks["entities"]
    assert entities.score == pytest.approx(14 / 15)
    assert entities.drop == pytest.approx(-1 / 15)
    assert (entities.right_on_original, entities.wrong_on_variant) == (8, 1)
    assert entities.invariance_failure_rate == pytest.approx(1 / 8)
    assert entities.half_width is None  # no resamples: no interval, never a silent 0
    assert row.tasks["timex"].drop == 0.0 and row.tasks["timex"].invariance_failure_rate == 0.0
    pooled = next(r for r in report.rows if r.name == "orthography")
    assert pooled.tasks["entities"] == entities  # one variant: the pool is the variant


def test_joint_bootstrap_gives_an_identical_variant_a_zero_width_drop() -> None:
    report = _report(200, drop_mention=False)
    row = next(r for r in report.rows if r.name == "quotes_guillemets")
    assert row.tasks["entities"].drop == 0.0
    assert row.tasks["entities"].drop_half_width == 0.0  # the same draw weighs both
    assert row.tasks["entities"].half_width is not None
    assert "jointly" in report.bootstrap_note or "same draw" in report.bootstrap_note


def test_stable_gold_ids_drop_document_and_offsets() -> None:
    assert stable_gold_id("000__names_s1/v07/Place/e21@300:308") == "v07/Place/e21"
    assert stable_gold_id("000/e01-m02") == "e01-m02"


def test_render_names_every_transformation_and_the_bootstrap() -> None:
    text = render_robustness(_report(50), variants=True)
    assert "orthography" in text and "quotes_guillemets" in text and "original" in text
    assert "joint bootstrap" in text
