"""naba check: thresholds, saved baselines, item-level diffs, string-only predictions, the CLI,
and the README's "Use naba in your CI" example (run as written, in a temporary folder).

Gold: tests/fixtures/check/gold/chk1.json (our own three-line text, 9 mentions, 1 date);
systems: tests/fixtures/check/check_extractors.py (regexes, no gold access). ``weaker`` is
``full`` after a regression: it lost Tehran (gold mention chk1/m8) and tags "الوزير" as a person.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.baselines.protocol import InputDocument
from naba.check.errors import CheckError
from naba.check.regression import assert_no_regression, check
from naba.check.saved import read_results
from naba.check.scoring import score_extractor, score_records, score_submission_file
from naba.check.thresholds import GROUP_LABELS, metric_catalog, parse_thresholds, thresholds_from
from naba.cli import main
from naba.evaluate import ScoreOptions, metric_names, score
from naba.evaluate.results import Results
from naba.evaluate.tasks import TASKS
from naba.gold.records import gold_records
from naba.submission.model import from_gold

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
GOLD = FIXTURES / "gold"
REPO = Path(__file__).resolve().parent.parent

def _load_extractors():  # type: ignore[no-untyped-def]
    """tests/fixtures/check/check_extractors.py, loaded without touching sys.path."""
    spec = importlib.util.spec_from_file_location("check_extractors", FIXTURES / "check_extractors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_extractors = _load_extractors()

FAST = ScoreOptions(n_bootstrap=0)
TEXT = gold_records(GOLD)[0].document.text
MINISTER = f"chk1/{TEXT.index('الوزير')}:{TEXT.index('الوزير') + len('الوزير')}/PER"
ENTITY_GROUPS = ("entities.strict", "entities.exact", "entities.partial", "entities.type")


@lru_cache(maxsize=None)
def scored(name: str, options: ScoreOptions = FAST) -> Results:
    return score_extractor(getattr(check_extractors, name), gold_dir=GOLD, options=options).results


def document() -> InputDocument:
    record = gold_records(GOLD)[0]
    return InputDocument(record.document.id, record.document.text, record.document.publication_date.value)


# --------------------------------------------------------------------------- metric names


def test_every_metric_group_has_its_label_set() -> None:
    assert set(GROUP_LABELS) == {group for task in TASKS for group, _ in task.groups}


def test_the_catalogue_holds_every_metric_a_full_score_reports() -> None:
    catalog = set(metric_catalog())
    results = score([from_gold(r) for r in gold_records(GOLD)], gold_records(GOLD), options=FAST)
    assert set(results.flat()) <= catalog
    assert set(metric_names()) <= catalog
    assert "entities.strict.PER.recall" in catalog and "events.argument_classification.Time.f1" in catalog
    assert "entities.strict.PERSON.f1" not in catalog and "entities.strict.F1" not in catalog


# --------------------------------------------------------------------------- thresholds


def test_thresholds_parse() -> None:
    got = parse_thresholds(["entities.strict.f1=0.5", " timex.value.f1 = 1 "], ["entities.strict.fp=3"])
    assert [(t.metric, t.bound, t.value) for t in got] == [
        ("entities.strict.f1", "min", 0.5), ("timex.value.f1", "min", 1.0), ("entities.strict.fp", "max", 3.0)]
    assert got[2].describe() == "<= 3"


def test_threshold_problems_are_collected_and_the_valid_names_listed() -> None:
    with pytest.raises(CheckError) as err:
        parse_thresholds(["entities.strict.F1=0.5", "bogus", "timex.value.f1=x", "quotes.cue.f1=1.5", "timex.value.f1=nan"],
                         ["entities.strict.fp=-1"])
    text = str(err.value)
    assert "--min entities.strict.F1: unknown metric (did you mean entities.strict.f1" in text
    assert "'bogus': expected METRIC=VALUE" in text
    assert "'x' is not a number" in text
    assert "quotes.cue.f1: f1 is a score in [0, 1]" in text
    assert "finite" in text
    assert "entities.strict.fp: fp is a count, the bound -1.0 is negative" in text
    # the valid names, every group with its statistics and labels
    assert "entities.strict.{precision,recall,f1,tp,fp,fn,partial}" in text and "labels: PER ORG GPE LOC FAC" in text
    assert "timex.anchor_accuracy.{accuracy,correct,total}" in text


def test_duplicate_and_impossible_thresholds_are_bad_input() -> None:
    with pytest.raises(CheckError, match="given twice"):
        parse_thresholds(["entities.strict.f1=0.5", "entities.strict.f1=0.6"])
    with pytest.raises(CheckError, match="no value can pass"):
        parse_thresholds(["entities.strict.f1=0.6"], ["entities.strict.f1=0.5"])
    with pytest.raises(CheckError, match="must be a number"):
        thresholds_from({"entities.strict.f1": True})
    with pytest.raises(CheckError, match="mapping"):
        thresholds_from(["entities.strict.f1"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- scores the checks rely on


def test_the_fixture_systems_score_as_computed_by_hand() -> None:
    full, weaker = scored("full"), scored("weaker")
    for group in ENTITY_GROUPS:
        assert (full.value(f"{group}.tp"), full.value(f"{group}.fp"), full.value(f"{group}.fn")) == (9, 0, 0)
        # weaker: 8 of the 9 gold mentions, plus one spurious "الوزير"
        assert (weaker.value(f"{group}.tp"), weaker.value(f"{group}.fp"), weaker.value(f"{group}.fn")) == (8, 1, 1)
        assert weaker.value(f"{group}.f1") == pytest.approx(8 / 9)
    assert weaker.value("timex.value.f1") == 1.0
    assert not weaker.tasks["quotes"].predicted


# --------------------------------------------------------------------------- against a saved result


def test_identical_results_pass_with_nothing_to_report() -> None:
    report = check(scored("full"), against=scored("full"))
    assert not report.regressed and report.exit_code == 0
    # every micro score of the two predicted tasks: entities 4 groups x (P, R, F1); timex 3 x 3 + 3 accuracies
    assert len(report.checks) == 12 + 12
    assert not (report.lost or report.new_spurious or report.gained or report.removed_spurious)


def test_a_regression_names_the_metrics_the_lost_items_and_the_new_spurious_items() -> None:
    report = check(scored("weaker"), against=scored("full"), tolerance=0.01, gold=gold_records(GOLD))
    assert report.regressed and report.exit_code == 1
    failed = {c.metric for c in report.regressions}
    assert failed == {f"{g}.{s}" for g in ENTITY_GROUPS for s in ("precision", "recall", "f1")}
    f1 = next(c for c in report.regressions if c.metric == "entities.strict.f1")
    assert (f1.old, f1.new, f1.bound) == (1.0, pytest.approx(8 / 9), pytest.approx(0.99))
    assert f1.delta == pytest.approx(-1 / 9)
    assert {(r.group, r.item, r.old, r.new, r.text) for r in report.lost} == {(g, "chk1/m8", "tp", "fn", "طهران") for g in ENTITY_GROUPS}
    assert {(r.group, r.item, r.text) for r in report.new_spurious} == {(g, MINISTER, "الوزير") for g in ENTITY_GROUPS}
    text = report.render()
    for needle in ("entities.strict.f1", "1.0000", "0.8889", "-0.1111", ">= 0.9900 (saved - 0.0100)", "REGRESSED",
                   "gold items found before, missed now (1)", "chk1/m8", "طهران", "tp -> fn", "new spurious predictions (1)", MINISTER):
        assert needle in text
    assert text.rstrip().endswith("REGRESSION: 12 of 24 check(s) failed")
    as_json = json.loads(report.to_json())
    assert as_json["status"] == "regression" and as_json["exit_code"] == 1
    assert {r["item"] for r in as_json["items"]["lost"]} == {"chk1/m8"}
    assert len(as_json["checks"]) == 24 and len(as_json["regressions"]) == 12


def test_item_keys_do_not_depend_on_the_ids_a_system_assigns() -> None:
    """Gold items are keyed by gold ids and spurious predictions by (document, span, label), so a
    system that renames its ids between runs shows no item change, also after a JSON round trip."""
    record = check_extractors.weaker(document())
    for entity in record["entities"]:
        entity["id"] = "renamed-" + entity["id"]
        for mention in entity["mentions"]:
            mention["id"] = "renamed-" + mention["id"]
    renamed = score_records([record], gold_dir=GOLD, options=FAST).results
    saved = Results.from_json(scored("weaker").to_json())
    diff = saved.diff(renamed)
    assert not (diff.lost or diff.gained or diff.changed or diff.new_spurious or diff.removed_spurious or diff.metrics)
    assert "submission_sha256" in diff.provenance  # the bytes did change
    outcomes = renamed.metric("entities.strict").outcomes
    assert {o.gold for o in outcomes if o.status == "fn"} == {"chk1/m8"}
    assert {o.sig for o in outcomes if o.status == "fp"} == {MINISTER}


def test_item_tables_are_limited_and_merged_across_groups() -> None:
    nothing = score_records([{"document_id": "chk1", "entities": [], "timexes": []}], gold_dir=GOLD, options=FAST).results
    report = check(nothing, against=scored("full"), gold=gold_records(GOLD))
    assert len(report.lost) == 9 * 4 + 1 * 3 + 1 * 3  # every mention in 4 entity groups; the date in 3 PRF + 3 accuracy groups
    text = report.render(limit=2)
    # one row per item and change: the 9 mentions, the date missed (tp -> fn) and no longer matched (correct -> unmatched)
    assert "gold items found before, missed now (11)" in text and "... and 9 more" in text
    assert "chk1/m1" in text and "entities.exact, entities.partial, entities.strict, entities.type" in text
    assert "correct -> unmatched" in report.render(limit=0)
    assert len(report.render(limit=0)) > len(text)


def test_the_tolerance_is_an_absolute_allowed_drop() -> None:
    drop = 1 / 9  # what weaker loses on every entity score
    assert not check(scored("weaker"), against=scored("full"), tolerance=drop).regressed
    assert check(scored("weaker"), against=scored("full"), tolerance=drop - 1e-6).regressed
    # within tolerance the items are still listed, to explain the change
    assert {r.item for r in check(scored("weaker"), against=scored("full"), tolerance=drop).lost} == {"chk1/m8"}


def test_an_improvement_is_not_a_regression() -> None:
    report = check(scored("full"), against=scored("weaker"))
    assert not report.regressed
    assert {r.item for r in report.gained} == {"chk1/m8"}
    assert {r.item for r in report.removed_spurious} == {MINISTER}
    assert "also changed: 1 gold item(s) newly found, 1 spurious prediction(s) gone" in report.render()


def test_a_task_no_longer_predicted_is_a_regression() -> None:
    report = check(scored("entities_only"), against=scored("full"))
    (dropped,) = report.regressions
    assert dropped.metric == "timex.value.f1" and dropped.new is None
    assert "'timex' was predicted in the saved results and is not now" in dropped.reason
    # and a task predicted now but not before is noted, not compared
    assert any("not compared" in note and "timex" in note for note in check(scored("full"), against=scored("entities_only")).notes)


def test_results_on_another_gold_are_refused_naming_both_hashes(tmp_path: Path) -> None:
    other = tmp_path / "gold"
    other.mkdir()
    raw = json.loads((GOLD / "chk1.json").read_text(encoding="utf-8"))
    raw["document"]["publication_date"]["evidence"] = "another version of the gold"
    (other / "chk1.json").write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    old = score_extractor(check_extractors.full, gold_dir=other, options=FAST).results
    new = scored("full")
    assert old.gold_sha256 != new.gold_sha256
    with pytest.raises(CheckError) as err:
        check(new, against=old)
    assert "different gold" in str(err.value) and old.gold_sha256 in str(err.value) and new.gold_sha256 in str(err.value)


def test_matching_options_must_agree_bootstrap_settings_need_not() -> None:
    with pytest.raises(CheckError, match="trigger_match=exact, this run with overlap"):
        check(scored("full"), against=scored("full", ScoreOptions(n_bootstrap=0, trigger_match="exact")))
    report = check(scored("full"), against=scored("full", ScoreOptions(n_bootstrap=20)))
    assert not report.regressed and any("n_bootstrap differs" in note for note in report.notes)


def test_unreadable_results_files_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="no such results file"):
        read_results(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CheckError, match="not a naba results file"):
        read_results(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(CheckError, match="not a naba results file"):
        read_results(tmp_path / "other.json")
    edited = json.loads(scored("full").to_json())
    edited["tasks"]["entities"]["metrics"]["entities.strict"]["values"]["f1"] = 0.5  # a hand-edited score
    (tmp_path / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(CheckError, match="differ from the scores of the counts"):
        read_results(tmp_path / "edited.json")
    text = scored("full").to_json()
    assert read_results_text(tmp_path, text).system == scored("full").system  # a saved file reads back
    doubled = text.replace('"system":', '"system": "other", "system":', 1)  # a duplicated key, last wins in json.loads
    with pytest.raises(CheckError, match="duplicate key 'system'"):
        read_results_text(tmp_path, doubled)


def read_results_text(tmp_path: Path, text: str) -> Results:
    (tmp_path / "saved.json").write_text(text, encoding="utf-8")
    return read_results(tmp_path / "saved.json")


# --------------------------------------------------------------------------- thresholds on results


def test_minimums_and_maximums() -> None:
    weaker = scored("weaker")

    def outcome(minimums: list[str] = [], maximums: list[str] = []) -> list[tuple[str, bool, str]]:  # noqa: B006
        return [(c.metric, c.passed, c.reason) for c in check(weaker, thresholds=parse_thresholds(minimums, maximums)).checks]

    assert outcome(["entities.strict.f1=0.88"]) == [("entities.strict.f1", True, "")]
    assert outcome(["entities.strict.f1=0.89"]) == [("entities.strict.f1", False, "")]
    assert outcome([f"entities.strict.f1={8 / 9}"])[0][1]  # a value exactly on the bound passes
    assert outcome([], ["entities.strict.fp=1"]) == [("entities.strict.fp", True, "")]
    assert outcome([], ["entities.strict.fp=0"]) == [("entities.strict.fp", False, "")]
    (metric, passed, reason), = outcome(["quotes.quote_speaker.f1=0.1"])
    assert not passed and "not predicted" in reason
    (metric, passed, reason), = outcome(["entities.strict.ORG.f1=0.1"])  # no ORG in the gold nor the predictions
    assert not passed and "no item of this label" in reason
    empty = score_records([{"document_id": "chk1", "entities": []}], gold_dir=GOLD, options=FAST).results
    (check_result,) = check(empty, thresholds=parse_thresholds(["entities.strict.precision=0"])).checks
    assert not check_result.passed and check_result.new is None and "undefined" in check_result.reason


def test_assert_no_regression() -> None:
    full, weaker = scored("full"), scored("weaker")
    assert not assert_no_regression(full, minimums={"entities.strict.f1": 1.0}, against=full).regressed
    with pytest.raises(AssertionError) as err:
        assert_no_regression(weaker, minimums={"entities.strict.f1": 0.95}, against=full, tolerance=0.01, gold=gold_records(GOLD))
    message = str(err.value)
    for needle in ("naba regression", "entities.strict.f1: 1.0000 -> 0.8889", "required >= 0.9500", "chk1/m8", "'طهران'", "tp -> fn", MINISTER):
        assert needle in message
    with pytest.raises(CheckError, match="unknown metric"):  # bad input is not an AssertionError
        assert_no_regression(full, minimums={"entities.strict.F1": 0.5})
    with pytest.raises(CheckError, match="nothing to check"):
        assert_no_regression(full)


def test_assert_no_regression_reads_a_saved_file(tmp_path: Path) -> None:
    scored("full").write(tmp_path / "base.json")
    assert_no_regression(scored("full"), against=str(tmp_path / "base.json"))
    with pytest.raises(AssertionError, match="against .*base.json"):
        assert_no_regression(scored("weaker"), against=tmp_path / "base.json", tolerance=0.01)


# --------------------------------------------------------------------------- string-only predictions


def test_string_only_records_are_aligned_and_every_decision_reported() -> None:
    result = score_records([check_extractors.strings(document())], gold_dir=GOLD, options=FAST)
    assert result.aligned
    assert [(d.string, d.status) for d in result.alignment] == [
        ("موسكو", "aligned"), ("موسكو", "aligned"), ("بكين", "not_found"), ("روسيا", "aligned")]
    # the two Moscows and Russia are gold mentions m6, m7, m9; Beijing was dropped with its entity
    assert (result.results.value("entities.strict.tp"), result.results.value("entities.strict.fp"),
            result.results.value("entities.strict.fn")) == (3, 0, 6)
    # the same predictions with offsets score the same
    with_offsets = score_records([check_extractors.full(document())], gold_dir=GOLD, options=FAST)
    assert not with_offsets.aligned and with_offsets.alignment == ()


def test_string_only_extractor_output_is_aligned_unless_refused() -> None:
    result = score_extractor(check_extractors.strings, gold_dir=GOLD, options=FAST)
    assert [d.status for d in result.alignment].count("aligned") == 3
    with pytest.raises(CheckError) as err:
        score_extractor(check_extractors.strings, gold_dir=GOLD, options=FAST, strings="never")
    assert "mentions[0].start: Field required" in str(err.value)
    with pytest.raises(CheckError, match="strings must be one of"):
        score_extractor(check_extractors.strings, gold_dir=GOLD, strings="sometimes")  # type: ignore[arg-type]


def test_a_string_only_submission_file_keeps_its_file_hash_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "strings.jsonl"
    path.write_text(json.dumps(check_extractors.strings(document()), ensure_ascii=False) + "\n", encoding="utf-8")
    result = score_submission_file(path, gold_dir=GOLD, options=FAST)
    assert result.aligned and len(result.alignment) == 4
    assert result.results.submission_file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.results.value("entities.strict.tp") == 3
    bad = check_extractors.strings(document())
    bad["entities"][0]["type"] = "CITY"
    path.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CheckError) as err:
        score_submission_file(path, gold_dir=GOLD, options=FAST)
    assert f"{path}:1: entities[0].type" in str(err.value) and len(err.value.alignment) == 4


# --------------------------------------------------------------------------- the command


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    # never a traceback: every exit is a SystemExit with 0, 1 or 2
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # never naba's own traceback; a crash inside the user's extractor is shown with the
    # extractor's traceback (issue 11, item 4), inside its extractor_error problem
    assert "Traceback" not in result.output or "extractor raised" in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES))


def test_cli_save_then_pass_then_regress(tmp_path: Path, on_path: None) -> None:
    base = tmp_path / "naba-results.json"
    code, out, err = run_cli("check_extractors:full", "--gold", str(GOLD), "--min", "entities.strict.f1=0.9", "--save", str(base))
    assert code == 0, err
    assert "OK: 1 check(s) passed" in out and f"wrote {base}" in err
    assert read_results(base).value("entities.strict.f1") == 1.0
    code, out, _ = run_cli("check_extractors:full", "--gold", str(GOLD), "--against", str(base), "--tolerance", "0.01")
    assert code == 0 and "OK: 24 check(s) passed" in out
    code, out, _ = run_cli("check_extractors:weaker", "--gold", str(GOLD), "--against", str(base), "--tolerance", "0.01",
                           "--max", "entities.strict.fp=0")
    assert code == 1
    for needle in ("entities.strict.f1", "REGRESSED", "chk1/m8", "طهران", MINISTER, "entities.strict.fp", "<= 0"):
        assert needle in out
    code, out, _ = run_cli("check_extractors:weaker", "--gold", str(GOLD), "--against", str(base), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["status"] == "regression" and {r["item"] for r in report["items"]["lost"]} == {"chk1/m8"}


def test_cli_submission_file_and_strings(tmp_path: Path, on_path: None) -> None:
    path = tmp_path / "predictions.jsonl"
    path.write_text(json.dumps(check_extractors.strings(document()), ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run_cli("--submission", str(path), "--gold", str(GOLD), "--min", "entities.strict.precision=1")
    assert code == 0
    assert "3 aligned, 1 not aligned" in out and "not_found" in out and "بكين" in out
    code, _, err = run_cli("--submission", str(path), "--gold", str(GOLD), "--no-strings", "--min", "entities.strict.precision=1")
    assert code == 2 and "entities[0].mentions[0].start" in err
    code, out, _ = run_cli("check_extractors:strings", "--gold", str(GOLD), "--strings", "--min", "entities.strict.recall=0.5")
    assert code == 1 and "string-only predictions aligned" in out


def bad_input_cases(base: Path, other_base: Path, tmp_path: Path) -> list[tuple[list[str], list[str]]]:
    invalid = tmp_path / "invalid.jsonl"
    invalid.write_text('{"document_id": "chk1", "entities": [{"id": "e1", "type": "CITY", "mentions": []}]}\n', encoding="utf-8")
    g = ["--gold", str(GOLD)]
    return [
        (["check_extractors:full", *g, "--min", "entities.strict.F1=0.5"], ["unknown metric", "did you mean entities.strict.f1", "valid metric names"]),
        (["check_extractors:full", *g, "--min", "entities.strict.f1"], ["expected METRIC=VALUE"]),
        ([*g, "--min", "entities.strict.f1=0.5"], ["exactly one of"]),
        (["check_extractors:full", *g, "--submission", str(invalid)], ["exactly one of"]),
        (["check_extractors:full", *g, "--tolerance", "0.1"], ["--tolerance applies to --against"]),
        (["check_extractors:full", *g, "--against", str(base), "--tolerance", "-0.1"], ["finite number >= 0"]),
        (["check_extractors:full", *g, "--against", str(tmp_path / "none.json")], ["no such results file"]),
        (["check_extractors:full", *g, "--against", str(invalid)], ["not a naba results file"]),
        (["check_extractors:full", *g, "--against", str(other_base)], ["different gold", read_results(other_base).gold_sha256]),
        (["check_extractors:full", *g, "--against", str(base), "--cue-match", "exact"], ["cue_match=overlap"]),
        (["check_extractors:nothing_here", *g], ["has no attribute"]),
        (["check_extractors:NOT_CALLABLE", *g], ["is not callable"]),
        (["no_such_module_anywhere:extract", *g], ["cannot import module"]),
        (["check_extractors", *g], ["MODULE:CALLABLE"]),
        (["check_extractors:crashes", *g], ["extractor raised RuntimeError: model weights not found"]),
        (["check_extractors:bad_label", *g], ["entities[0].type", "PERSON"]),
        (["--submission", str(invalid), *g], [f"{invalid}:1: entities[0].type", "CITY"]),
        (["--submission", str(tmp_path / "none.jsonl"), *g], ["cannot read"]),
        (["check_extractors:full", "--gold", str(tmp_path / "no_gold")], ["no gold record"]),
        (["check_extractors:full", *g, "--save", str(invalid / "x.json")], ["--save", "cannot write"]),
    ]


def test_cli_bad_input_exits_2_with_a_clear_message(tmp_path: Path, on_path: None) -> None:
    base = tmp_path / "base.json"
    scored("full").write(base)
    other = tmp_path / "other_gold"
    shutil.copytree(GOLD, other)
    raw = json.loads((other / "chk1.json").read_text(encoding="utf-8"))
    raw["document"]["publication_date"]["evidence"] = "edited"
    (other / "chk1.json").write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    other_base = tmp_path / "other_base.json"
    score_extractor(check_extractors.full, gold_dir=other, options=FAST).results.write(other_base)
    for args, needles in bad_input_cases(base, other_base, tmp_path):
        code, _, err = run_cli(*args)
        assert code == 2, (args, err)
        for needle in needles:
            assert needle in err, (args, needle, err)


def test_cli_json_errors_and_metric_list(on_path: None) -> None:
    code, out, _ = run_cli("check_extractors:full", "--gold", str(GOLD), "--min", "nope=1", "--format", "json")
    assert code == 2
    report = json.loads(out)
    assert report["status"] == "error" and report["exit_code"] == 2 and "unknown metric" in report["problems"][0]
    code, out, _ = run_cli("--list-metrics")
    assert code == 0 and "quotes.quote_speaker.{precision" in out
    code, out, _ = run_cli("check_extractors:full", "--gold", str(GOLD))
    assert code == 0 and "nothing checked (no --min, --max or --against)" in out


def test_cli_internal_errors_exit_2_without_a_traceback(monkeypatch: pytest.MonkeyPatch, on_path: None) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("naba.check.regression.check", broken)
    code, _, err = run_cli("check_extractors:full", "--gold", str(GOLD), "--min", "entities.strict.f1=0.5")
    assert code == 2 and "internal error while checking: RuntimeError: a bug" in err


# --------------------------------------------------------------------------- the README example


def readme_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Use naba in your CI\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_the_readme_ci_example_runs_as_written(tmp_path: Path) -> None:
    """Write the README's files, run its commands and its CI steps in a fresh folder (subprocesses,
    the real console script and the real pytest plugin), then break the extractor and see the
    same commands fail with the lost items."""
    section = readme_section()
    blocks = re.findall(r"^```(\w+)([^\n]*)\n(.*?)^```$", section, re.S | re.M)
    files = {info.split("file=", 1)[1].strip(): body for lang, info, body in blocks if "file=" in info}
    commands = [line for lang, info, body in blocks if lang == "sh" and "run" in info.split() for line in body.splitlines() if line.strip()]
    ci_steps = [m.group(1) for lang, _, body in blocks if lang == "yaml" for m in re.finditer(r"^\s*- run: (.+)$", body, re.M)]
    assert set(files) == {"my_extractor.py", "test_my_extractor.py"}
    assert len(commands) == 3 and any("--save" in c for c in commands) and any("--against" in c for c in commands)
    assert len(ci_steps) == 2 and any("pytest" in c for c in ci_steps)
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "PYTHONPATH"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTEST_ADDOPTS"] = "-p no:hypothesispytest"  # hypothesis' plugin alone costs 1.5 s of start-up; not needed here

    def sh(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)

    for command in dict.fromkeys(commands + ci_steps):  # the CI's pytest step is also a README command: run it once
        done = sh(command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    assert (tmp_path / "naba-results.json").is_file()

    # a regression: the extractor stops finding Tehran
    extractor = tmp_path / "my_extractor.py"
    source = extractor.read_text(encoding="utf-8")
    assert '"طهران": "GPE", ' in source
    extractor.write_text(source.replace('"طهران": "GPE", ', ""), encoding="utf-8")
    done = sh(next(c for c in commands if "--against" in c))
    assert done.returncode == 1, done.stderr
    assert "REGRESSED" in done.stdout and "entities.strict.recall" in done.stdout and "طهران" in done.stdout and "tp -> fn" in done.stdout
    done = sh(next(c for c in ci_steps if "pytest" in c))
    assert done.returncode == 1 and "naba regression" in done.stdout and "'طهران' tp -> fn" in done.stdout
