"""naba score / leaderboard / compare: tables, JSON output, deterministic files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from naba.cli import main
from naba.evaluate import Results, ScoreOptions, score
from naba.gold.records import load_records
from naba.submission.model import from_gold

GOLD_DIR = Path(__file__).parent / "fixtures" / "eval" / "gold"
GOLD = load_records(GOLD_DIR)


def write_system(folder: Path, drop_events: bool = False, drop_mention: bool = False) -> Path:
    docs = [from_gold(r).model_dump(mode="json") for r in GOLD]
    for d in docs:
        if drop_events:
            del d["events"]
    if drop_mention:
        docs[0]["entities"][0]["mentions"] = docs[0]["entities"][0]["mentions"][1:]  # fixA/m1
    folder.mkdir(parents=True)
    path = folder / "predictions.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def test_score_formats_and_output(tmp_path: Path) -> None:
    path = write_system(tmp_path / "sysA", drop_events=True, drop_mention=True)
    runner = CliRunner()
    table = runner.invoke(main, ["score", str(path), "--gold", str(GOLD_DIR), "--n-bootstrap", "100", "-o", str(tmp_path / "out.json")])
    assert table.exit_code == 0, table.output
    assert "entities.strict *" in table.output and "±" in table.output
    assert "events (headline: events.argument_classification.f1)\nnot predicted" in table.output
    assert "100 resamples of 2 document units" in table.output
    saved = Results.read(tmp_path / "out.json")
    assert saved.system == "sysA"
    assert saved == score(path, GOLD, options=ScoreOptions(n_bootstrap=100), system="sysA")
    md = runner.invoke(main, ["score", str(path), "--gold", str(GOLD_DIR), "--n-bootstrap", "0", "--format", "md", "--per-label"])
    assert md.exit_code == 0 and "| entities.strict * |" in md.output and "|   PER |" in md.output
    js = runner.invoke(main, ["score", str(path), "--gold", str(GOLD_DIR), "--n-bootstrap", "0", "--format", "json"])
    assert Results.from_json(js.output).value("entities.strict.tp") == 17
    bad = runner.invoke(main, ["score", str(path), "--gold", str(GOLD_DIR), "--confidence", "1.5"])
    assert bad.exit_code == 2 and "confidence" in bad.output


def test_leaderboard_ranks_and_is_deterministic(tmp_path: Path) -> None:
    a = write_system(tmp_path / "alpha", drop_mention=True)
    b = write_system(tmp_path / "beta")
    c = write_system(tmp_path / "gamma", drop_events=True)
    out = tmp_path / "board"
    args = ["leaderboard", str(a), str(b), str(c), "--gold", str(GOLD_DIR), "--n-bootstrap", "50", "--out-dir", str(out)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    board = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
    entities = board["tasks"]["entities"]["entries"]
    assert [(row["rank"], row["system"]) for row in entities] == [(1, "beta"), (1, "gamma"), (3, "alpha")]
    assert board["tasks"]["events"]["not_predicted"] == ["gamma"]
    assert [row["system"] for row in board["tasks"]["events"]["entries"]] == ["alpha", "beta"]
    md = (out / "leaderboard.md").read_text(encoding="utf-8")
    assert "## entities: `entities.strict.f1`" in md and "Not predicted: gamma." in md
    before = (out / "leaderboard.json").read_bytes(), md
    assert CliRunner().invoke(main, args).exit_code == 0
    assert ((out / "leaderboard.json").read_bytes(), (out / "leaderboard.md").read_text(encoding="utf-8")) == before
    named = CliRunner().invoke(main, ["leaderboard", str(a), str(b), "--name", "x", "--gold", str(GOLD_DIR), "--out-dir", str(out)])
    assert named.exit_code == 2
    same = CliRunner().invoke(main, ["leaderboard", str(a), str(a), "--gold", str(GOLD_DIR), "--n-bootstrap", "0", "--out-dir", str(out)])
    assert same.exit_code == 2 and "unique" in same.output


def test_compare(tmp_path: Path) -> None:
    a = write_system(tmp_path / "alpha", drop_mention=True)
    b = write_system(tmp_path / "beta", drop_events=True)
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--gold", str(GOLD_DIR), "--n-bootstrap", "100"])
    assert result.exit_code == 0, result.output
    assert "entities.strict.f1" in result.output and "holds" in result.output
    assert "not compared (not predicted by both): events" in result.output
