"""Extractors are user code (issue 11, item 4): whatever they raise or print, naba holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main

MODULE = '''
import sys
def exits(doc):
    sys.exit(0)
def raises_base(doc):
    raise GeneratorExit("odd")
def prints(doc):
    print("noise on stdout")
    return {"document_id": doc.id, "entities": []}
def one_fails(doc):
    if doc.id.startswith("dev_egypt"):
        raise ValueError("boom")
    return {"document_id": doc.id, "entities": []}
'''


@pytest.fixture()
def extractors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "hostile_ext.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", ["exits", "raises_base"])
def test_sys_exit_and_other_base_exceptions_fail_with_the_extractors_traceback(extractors: Path, name: str) -> None:
    run = CliRunner().invoke(main, ["run", f"hostile_ext:{name}"])
    assert run.exit_code == 2
    assert "hostile_ext.py" in run.output and "extractor_error" in run.output  # its own traceback, named
    check = CliRunner().invoke(main, ["check", f"hostile_ext:{name}", "--min", "entities.strict.f1=0"])
    assert check.exit_code == 2, "a check must not pass having checked nothing"


def test_what_an_extractor_prints_does_not_corrupt_a_submission_on_stdout(extractors: Path) -> None:
    result = CliRunner().invoke(main, ["run", "hostile_ext:prints"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["document_id"] for line in result.stdout.splitlines()] == ["000_ed7d39c8733a2eb7"]


def test_one_failing_document_does_not_lose_the_others(extractors: Path) -> None:
    out = extractors / "dev.jsonl"
    result = CliRunner().invoke(main, ["run", "hostile_ext:one_fails", "--split", "dev", "-o", str(out)])
    assert result.exit_code == 2 and "dev_egypt_economy_01" in result.output and "boom" in result.output
    kept = [json.loads(line)["document_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    from naba.corpus.splits import split_gold

    failing = [r.document.id for r in split_gold("dev") if r.document.id.startswith("dev_egypt")]
    assert len(kept) == len(split_gold("dev")) - len(failing) and "dev_egypt_economy_01" not in kept


def test_an_output_path_that_cannot_be_written_is_bad_input(extractors: Path) -> None:
    result = CliRunner().invoke(main, ["run", "hostile_ext:prints", "-o", "/dev/full"])
    assert result.exit_code == 2 and "cannot write" in result.output and "Traceback" not in result.output
