"""``score_folder`` (streamed, one document at a time, N processes) gives ``score``'s results and problems."""

from __future__ import annotations

import json
import random
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

import test_eval_properties
from naba.evaluate import ScoreOptions, score
from naba.evaluate.folder import score_folder, validate_folder
from naba.gold.records import GoldError, dump_record, load_records, read_record, record_paths
from naba.submission.model import SubmissionError, from_gold
from naba.submission.validate import load_submission
from test_eval_properties import perturb

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "annotations" / "dev" / "records"
POOL = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold") + load_records(DEV)
OPTIONS = ScoreOptions(n_bootstrap=100)


def _gold_folder(tmp: Path, records: list) -> Path:  # type: ignore[type-arg]
    folder = tmp / "gold"
    folder.mkdir()
    for r in records:
        (folder / f"{r.document.id}.json").write_text(dump_record(r), encoding="utf-8")
    return folder


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def _reference(sub: Path, folder: Path | None, **kwargs: object):  # type: ignore[no-untyped-def]
    """``score`` over the records and the submission held in memory (canonical record files: the
    records' ``gold_hash`` is the folder's ``gold_sha256``)."""
    from naba.gold.records import gold_records

    records = list(gold_records(folder))
    return score(load_submission(sub, records), records, options=OPTIONS, **kwargs)  # type: ignore[arg-type]


def test_every_shipped_gold_file_is_its_canonical_dump() -> None:
    # so that a folder's gold_sha256 and the records' gold_hash are one identity
    for path in record_paths() + record_paths(DEV):
        assert path.read_text(encoding="utf-8") == dump_record(read_record(path)), path.name


@pytest.mark.parametrize("system", ["rules", "statistical"])
def test_committed_submissions(system: str) -> None:
    for folder, sub in ((None, ROOT / "baselines" / system / "predictions.jsonl"), (DEV, ROOT / "baselines" / system / "dev" / "predictions.jsonl")):
        expected = _reference(sub, folder, system=system)
        got = score_folder(sub, folder, options=OPTIONS, system=system).results
        assert got.to_json_bytes() == expected.to_json_bytes()


def test_two_processes_give_the_same_bytes() -> None:
    sub = ROOT / "baselines" / "rules" / "dev" / "predictions.jsonl"
    one = score_folder(sub, DEV, options=OPTIONS).results.to_json_bytes()
    assert score_folder(sub, DEV, options=OPTIONS, num_proc=2).results.to_json_bytes() == one


def test_the_canonical_lines_spilled_by_each_process_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scoring process writes its canonical lines to a file of its own (``folder._Spilled``) in
    a temporary folder: the submission hash is the same in one and two processes and with the
    lines in another order, and nothing is left behind, also when scoring fails."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sub = ROOT / "baselines" / "rules" / "dev" / "predictions.jsonl"
    lines = sub.read_text(encoding="utf-8").splitlines(keepends=True)
    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text("".join(reversed(lines)), encoding="utf-8")
    one = score_folder(sub, DEV, options=OPTIONS).results
    assert score_folder(sub, DEV, options=OPTIONS, num_proc=2).results.submission_sha256 == one.submission_sha256
    assert score_folder(shuffled, DEV, options=OPTIONS, num_proc=2).results.submission_sha256 == one.submission_sha256
    broken = tmp_path / "broken.jsonl"
    broken.write_text("".join(lines[:-1]), encoding="utf-8")  # a gold document without its line
    with pytest.raises(SubmissionError):
        score_folder(broken, DEV, options=OPTIONS, num_proc=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.jsonl", "shuffled.jsonl"]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_random_submissions_in_any_line_order(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    gold = rnd.sample(POOL, rnd.randint(1, len(POOL)))
    folder = _gold_folder(tmp_path, gold)
    with mock.patch.dict(test_eval_properties.TEXTS, {r.document.id: r.document.text for r in POOL}):
        lines = [perturb(json.loads(from_gold(r).canonical_json()), rnd) for r in gold]
    rnd.shuffle(lines)
    sub = _write(tmp_path / "sub.jsonl", lines)
    for outcomes in ("items", "omitted"):
        expected = _reference(sub, folder, outcomes=outcomes)
        assert score_folder(sub, folder, options=OPTIONS, outcomes=outcomes).results.to_json_bytes() == expected.to_json_bytes()  # type: ignore[arg-type]


def _problems(call):  # type: ignore[no-untyped-def]
    with pytest.raises(SubmissionError) as info:
        call()
    return [(p.file, p.line, p.field, p.value, p.message, p.code) for p in info.value.problems]


def test_problems_are_the_validators_in_its_order(tmp_path: Path) -> None:
    gold = POOL[:4]
    folder = _gold_folder(tmp_path, gold)
    good = [json.loads(from_gold(r).canonical_json()) for r in gold]
    broken = json.loads(json.dumps(good[1]))
    broken["entities"][0]["mentions"][0]["end"] += 1  # covered text no longer matches
    broken["timexes"][0]["value"] = "not a value"
    no_layer = {k: v for k, v in good[2].items() if k != "quotes"}
    text = "\n".join([json.dumps(good[0]), "{not json", "", json.dumps(broken), json.dumps(good[0]), json.dumps({"document_id": "nope"}),
                      json.dumps(no_layer), "[1]"]) + "\n"
    sub = tmp_path / "bad.jsonl"
    sub.write_text(text, encoding="utf-8")
    expected = _problems(lambda: load_submission(sub, gold))
    assert len(expected) >= 8 and {"json", "blank_line", "covered_text", "timex_value", "duplicate_document", "unknown_document",
                                   "missing_document", "layer_coverage", "not_object"} <= {p[-1] for p in expected}
    assert _problems(lambda: score_folder(sub, folder, options=OPTIONS)) == expected
    assert _problems(lambda: score_folder(sub, folder, options=OPTIONS, num_proc=2)) == expected
    assert _problems(lambda: validate_folder(sub, folder)) == expected


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xff\xfe{}\n", b'{"document_id": 3}\n'])
def test_degenerate_files(tmp_path: Path, content: bytes) -> None:
    gold = POOL[:2]
    folder = _gold_folder(tmp_path, gold)
    sub = tmp_path / "sub.jsonl"
    sub.write_bytes(content)
    assert _problems(lambda: score_folder(sub, folder, options=OPTIONS)) == _problems(lambda: load_submission(sub, gold))
    assert _problems(lambda: validate_folder(sub, folder)) == _problems(lambda: load_submission(sub, gold))


def test_gold_problems_come_first_and_all_of_them(tmp_path: Path) -> None:
    gold = POOL[:3]
    folder = _gold_folder(tmp_path, gold)
    sub = _write(tmp_path / "sub.jsonl", [json.loads(from_gold(r).canonical_json()) for r in gold])
    (folder / f"{gold[0].document.id}.json").write_text("{broken", encoding="utf-8")
    renamed = folder / f"{gold[1].document.id}.json"
    renamed.rename(folder / "other_name.json")
    with pytest.raises(GoldError) as info:
        score_folder(sub, folder, options=OPTIONS)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["file_name", "json"], codes


def test_size_is_refused_before_the_gold_is_read(tmp_path: Path) -> None:
    folder = _gold_folder(tmp_path, POOL[:1])
    (folder / f"{POOL[0].document.id}.json").write_text("{broken", encoding="utf-8")  # never read
    sub = tmp_path / "big.jsonl"
    sub.write_bytes(b" " * (64 * 1024 + 512 * 8 + 1))  # above the bound from the broken file's 7 bytes
    assert [p[-1] for p in _problems(lambda: score_folder(sub, folder, options=OPTIONS))] == ["too_large"]


def test_cli_scores_in_processes_with_progress(tmp_path: Path) -> None:
    from naba.cli import main

    sub = ROOT / "baselines" / "rules" / "dev" / "predictions.jsonl"
    outs = []
    for n in ("1", "2"):
        out = tmp_path / f"r{n}.json"
        with mock.patch("naba.cli.evaluate.PROGRESS_FROM", 2):
            result = CliRunner().invoke(main, ["score", str(sub), "--split", "dev", "--num-proc", n, "-o", str(out)])
        assert result.exit_code == 0, result.output
        n = len(record_paths(DEV))
        assert f"scored {n}/{n} line(s)" in result.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    slim = tmp_path / "slim.json"
    result = CliRunner().invoke(main, ["score", str(sub), "--split", "dev", "--no-outcomes", "-o", str(slim)])
    assert result.exit_code == 0, result.output
    data = json.loads(slim.read_text(encoding="utf-8"))
    assert data["outcomes"] == "omitted" and not data["tasks"]["entities"]["metrics"]["entities.strict"]["outcomes"]


def test_validate_folder_reports_the_layers_and_documents(tmp_path: Path) -> None:
    from naba.cli import main

    sub = ROOT / "baselines" / "rules" / "dev" / "predictions.jsonl"
    layers, documents, _ = validate_folder(sub, DEV)
    assert layers == load_submission(sub, load_records(DEV)).layers and documents == len(record_paths(DEV))
    result = CliRunner().invoke(main, ["validate-submission", str(sub), "--gold", str(DEV), "--num-proc", "2"])
    assert result.exit_code == 0 and f"{documents} document(s)" in result.output and "0 problems" in result.output


def test_the_gold_hash_computed_beside_the_scoring_stops_when_asked() -> None:
    from naba.gold.records import gold_sha256

    with pytest.raises(InterruptedError):
        gold_sha256(None, lambda: True)
    assert gold_sha256(None, lambda: False) == gold_sha256(None)
