"""The dev and challenge splits in the corpus: built from their sources, loadable, labelled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

import naba
from naba.challenge.variants import read_manifest
from naba.cli import main
from naba.corpus.features import CONFIGS
from naba.gold.records import annotations_dir, load_records

ROOT = Path(__file__).resolve().parent.parent


def test_every_config_has_the_three_splits_with_the_right_documents() -> None:
    dev_ids = {r.document.id for r in load_records(annotations_dir() / "dev" / "records")}
    manifest = read_manifest(annotations_dir() / "challenge" / "manifest.json")
    challenge_ids = {spec.document_id() for spec in manifest.variants}
    for config in CONFIGS:
        assert set(naba.load(config, split="dev")["document_id"]) == dev_ids
        assert set(naba.load(config, split="challenge")["document_id"]) == challenge_ids
    assert len(dev_ids) >= 8 and len(challenge_ids) >= 20


def test_challenge_rows_carry_their_variant_and_transformations() -> None:
    manifest = {spec.document_id(): spec for spec in read_manifest(annotations_dir() / "challenge" / "manifest.json").variants}
    for row in naba.load("quotes", split="challenge"):
        spec = manifest[row["document_id"]]
        assert row["variant"] == spec.id and row["transformations"] == spec.transformations()
    for row in naba.load("quotes", split="test"):
        assert row["variant"] is None and row["transformations"] == []


def test_a_broken_manifest_stops_the_build_with_a_message(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "annotations" / "records", root / "annotations" / "records")
    (root / "annotations" / "challenge").mkdir(parents=True)
    raw = json.loads((ROOT / "annotations" / "challenge" / "manifest.json").read_text(encoding="utf-8"))
    raw["variants"][0]["steps"][0]["params"] = {"days": 1, "weeks": 2}
    (root / "annotations" / "challenge" / "manifest.json").write_text(json.dumps(raw), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 2, result.output
    assert "could not be built" in result.output and "Traceback" not in result.output
    raw["variants"][0]["steps"][0] = {"transform": "shuffle", "params": {}}
    (root / "annotations" / "challenge" / "manifest.json").write_text(json.dumps(raw), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 2 and "not a valid manifest" in result.output


def test_load_frame_gives_the_rows_of_load_as_pandas() -> None:
    import pandas

    frame = naba.load_frame("timex", split="dev")
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(naba.load("timex", split="dev"))
    assert list(frame.columns) == list(naba.load("timex", split="dev").features)
