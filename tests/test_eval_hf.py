"""The Hugging Face ``evaluate`` module loads offline and returns naba's numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from naba.evaluate import ScoreOptions, score
from naba.gold.records import load_records
from naba.submission.model import from_gold

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "tests" / "fixtures" / "eval" / "gold"


def _offline_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Hugging Face ``evaluate`` with every hub access off and caches in ``tmp_path``."""
    for name in ("HF_HUB_OFFLINE", "HF_EVALUATE_OFFLINE", "HF_DATASETS_OFFLINE"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_MODULES_CACHE", str(tmp_path / "modules"))
    return pytest.importorskip("evaluate")


def test_evaluate_module_matches_naba_score(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    evaluate = _offline_evaluate(tmp_path, monkeypatch)

    gold = load_records(GOLD_DIR)
    docs = [from_gold(r).model_dump(mode="json") for r in gold]
    docs[0]["entities"][0]["mentions"] = docs[0]["entities"][0]["mentions"][1:]
    del docs[1]["quotes"][0]["speaker_mention"]
    docs[1]["quotes"][0]["speaker_entity_id"] = None
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]

    metric = evaluate.load(str(REPO / "evaluate" / "naba"))
    got = metric.compute(predictions=lines, references=[d["document_id"] for d in docs], gold_dir=str(GOLD_DIR), n_bootstrap=0)
    expected = score(docs, gold, options=ScoreOptions(n_bootstrap=0))
    for name, value in expected.flat().items():
        assert got[name] == value, name
    assert got["entities.strict.f1"] < 1.0 and got["quotes.quote_speaker.f1"] < 1.0
    assert got["gold_sha256"] == expected.gold_sha256
    with pytest.raises(ValueError):
        metric.compute(predictions=lines, references=["fixB", "fixA"], gold_dir=str(GOLD_DIR), n_bootstrap=0)


def test_evaluate_module_reports_the_challenge_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    evaluate = _offline_evaluate(tmp_path, monkeypatch)
    from naba.corpus.splits import split_gold
    from naba.evaluate.splits import score_challenge

    records = split_gold("test") + split_gold("challenge")
    lines = [from_gold(r).canonical_json() for r in records]
    metric = evaluate.load(str(REPO / "evaluate" / "naba"))
    got = metric.compute(predictions=lines, references=[r.document.id for r in records], n_bootstrap=0, split="challenge")
    expected = score_challenge([json.loads(line) for line in lines], options=ScoreOptions(n_bootstrap=0)).flat()
    assert got == expected
    assert got["challenge.all_variants.quotes.invariance_failure_rate"] == 0.0
