"""``naba run --split`` and ``naba score --split``: dev scored as a gold folder, challenge as a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.corpus.splits import challenge_gold, split_gold
from naba.evaluate.robustness import RobustnessReport
from naba.submission.model import from_gold


def _perfect_challenge(tmp_path: Path) -> Path:
    lines = [from_gold(r).canonical_json() for r in split_gold("test") + split_gold("challenge")]
    path = tmp_path / "perfect.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_perfect_system_has_no_drop_and_no_invariance_failure(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["score", str(_perfect_challenge(tmp_path)), "--split", "challenge", "--n-bootstrap", "20", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = RobustnessReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert set(report.original.values()) == {1.0}
    for row in report.rows:
        for task in row.tasks.values():
            assert (task.score, task.drop, task.invariance_failure_rate) == (1.0, 0.0, 0.0)
    assert {row.name for row in report.rows if row.kind == "transformation"} >= {"time_shift", "names", "orthography", "all variants"}
    assert "joint bootstrap" in result.output


def test_a_challenge_submission_without_every_variant_is_refused(tmp_path: Path) -> None:
    path = _perfect_challenge(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path), "--split", "challenge"])
    assert result.exit_code == 2
    missing = challenge_gold()[-1][1].document.id
    assert missing in result.output and "Traceback" not in result.output


def test_dev_split_scores_the_dev_gold(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(from_gold(r).canonical_json() + "\n" for r in split_gold("dev")), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path), "--split", "dev", "--format", "json", "--n-bootstrap", "0"])
    assert result.exit_code == 0, result.output
    flat = json.loads(result.output)
    assert flat["gold_documents"] == sorted(r.document.id for r in split_gold("dev"))


@pytest.mark.parametrize("args", [["--split", "dev", "--gold", "annotations/records"]])
def test_split_and_gold_exclude_each_other(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path), *args])
    assert result.exit_code == 2 and "not both" in result.output


def test_run_over_the_challenge_split_covers_the_article_and_every_variant(tmp_path: Path) -> None:
    out = tmp_path / "rules.jsonl"
    result = CliRunner().invoke(main, ["run", "naba.baselines.rules:extract", "--split", "challenge", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["document_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(r.document.id for r in split_gold("test") + split_gold("challenge"))


def test_compare_and_leaderboard_on_the_challenge_split(tmp_path: Path) -> None:
    perfect = _perfect_challenge(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(perfect), str(perfect), "--split", "challenge", "--n-bootstrap", "20"])
    assert result.exit_code == 0, result.output
    assert "all variants" in result.output and "paired joint bootstrap" in result.output
    board = CliRunner().invoke(main, ["leaderboard", str(perfect), "--split", "challenge", "--name", "perfect",
                                      "--out-dir", str(tmp_path / "board"), "--n-bootstrap", "0"])
    assert board.exit_code == 0, board.output
    assert "| 1 | perfect | 1.0000 |" in (tmp_path / "board" / "leaderboard.md").read_text(encoding="utf-8")


def test_check_on_the_challenge_split_exits_by_its_thresholds(tmp_path: Path) -> None:
    perfect = _perfect_challenge(tmp_path)
    ok = CliRunner().invoke(main, ["check", "--submission", str(perfect), "--split", "challenge", "--n-bootstrap", "0",
                                   "--max", "challenge.all_variants.entities.invariance_failure_rate=0"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(main, ["check", "--submission", str(perfect), "--split", "challenge", "--n-bootstrap", "0",
                                    "--min", "challenge.names.quotes.score=1.5"])
    assert bad.exit_code == 1 and "REGRESSION" in bad.output
