"""One submission model, one validator: the same good and bad lines fed through every entry point
that reads a submission (``naba run``, ``validate-submission``, ``score``, ``compare``,
``leaderboard``, ``check``, the pytest plugin, the Hugging Face metric module and the Python API)
get the same verdict.

Gold: tests/fixtures/check/gold (one document, all four layers). Each case is one submission line
for that document; an extractor "returns" it by reading it from the file named in $NABA_ECHO_LINE.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from naba.baselines.protocol import as_input_document
from naba.baselines.runner import run_extractor
from naba.check.errors import CheckError
from naba.check.scoring import score_records, score_submission_file
from naba.cli import main
from naba.gold.records import load_records
from naba.submission.model import SubmissionError, from_gold
from naba.submission.validate import load_submission, validate_submission_record

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "fixtures" / "check" / "gold"
(RECORD,) = load_records(GOLD)
GOOD_LINE = from_gold(RECORD).to_dict()


def _mutated(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    line = copy.deepcopy(GOOD_LINE)
    change(line)
    return line


def _set(obj: dict[str, Any], **values: Any) -> None:
    obj.update(values)


def _drop(obj: dict[str, Any], *keys: str) -> None:
    for key in keys:
        del obj[key]


def _optional_keys_omitted(line: dict[str, Any]) -> None:
    _drop(line["entities"][0], "name")
    _drop(line["entities"][0]["mentions"][0], "kind")
    _drop(line["quotes"][0], "speaker_name", "relayed_by_entity_id")
    _drop(line["events"][0], "time_id", "factuality")
    _drop(line["events"][0]["arguments"][0], "ref_id")


#: name -> (line, accepted?)
CASES: dict[str, tuple[dict[str, Any], bool]] = {
    "the gold as a submission": (GOOD_LINE, True),
    # the disagreement of issue 10: `naba run` used to reject this, `naba score` accepted it
    "publication_date anchor without an id key": (_mutated(lambda l: _set(l["timexes"][0], anchor={"kind": "publication_date"})), True),
    "optional keys omitted": (_mutated(_optional_keys_omitted), True),
    "argument on a span of another entity": (_mutated(lambda l: _set(l["events"][0]["arguments"][0], ref_id="E2")), True),
    "one layer only": (_mutated(lambda l: _drop(l, "timexes", "quotes", "events")), True),
    "unknown entity type": (_mutated(lambda l: _set(l["entities"][0], type="PERSON")), False),
    "offsets past the text": (_mutated(lambda l: _set(l["entities"][0]["mentions"][0], end=10_000)), False),
    "covered text differs": (_mutated(lambda l: _set(l["entities"][0]["mentions"][0], text="بوتي")), False),
    "duplicate id": (_mutated(lambda l: _set(l["timexes"][0], id="E1")), False),
    "speech_event anchor without an id": (_mutated(lambda l: _set(l["timexes"][0], anchor={"kind": "speech_event"})), False),
    "role not allowed for the event type": (_mutated(lambda l: _set(l["events"][0]["arguments"][0], role="Attacker")), False),
    "unknown time expression": (_mutated(lambda l: _set(l["events"][0], time_id="T9")), False),
    "not a TIMEX3 value": (_mutated(lambda l: _set(l["timexes"][0], value="yesterday")), False),
    "unknown key": (_mutated(lambda l: _set(l["timexes"][0], confidence=0.5)), False),
    "null layer": (_mutated(lambda l: _set(l, quotes=None)), False),
    "unknown document": (_mutated(lambda l: _set(l, document_id="other")), False),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case as a one-line submission file; the documents file; an echoing extractor module."""
    folder = tmp_path_factory.mktemp("verdicts")
    out = {}
    for index, (name, (line, _)) in enumerate(CASES.items()):
        path = folder / f"case{index}" / "predictions.jsonl"
        path.parent.mkdir()
        path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        out[name] = path
    doc = RECORD.document
    (folder / "documents.jsonl").write_text(
        json.dumps({"id": doc.id, "text": doc.text, "publication_date": doc.publication_date.value}, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "echo_line.py").write_text(textwrap.dedent('''
        import json, os

        def extract(document):
            with open(os.environ["NABA_ECHO_LINE"], encoding="utf-8") as handle:
                return json.loads(handle.read())
    '''), encoding="utf-8")
    return out


def _accepts(action: Callable[[], Any], *errors: type[Exception]) -> bool:
    try:
        action()
    except errors:
        return False
    return True


def _cli(*args: str) -> bool:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 2), result.output
    return result.exit_code == 0


def python_verdicts(path: Path, folder: Path) -> dict[str, bool]:
    line = json.loads(path.read_text(encoding="utf-8"))
    gold = ["--gold", str(GOLD)]
    fast = ["--n-bootstrap", "0"]
    document = as_input_document(RECORD.document)
    return {
        "validate_submission_record": not validate_submission_record(line, RECORD),
        "load_submission": _accepts(lambda: load_submission(path, [RECORD]), SubmissionError),
        "run_extractor": _accepts(lambda: run_extractor(lambda doc: copy.deepcopy(line), [document]), SubmissionError),
        "check.score_records": _accepts(lambda: score_records([line], gold_dir=GOLD), CheckError),
        "check.score_submission_file": _accepts(lambda: score_submission_file(path, gold_dir=GOLD), CheckError),
        "naba run": _cli("run", "echo_line:extract", "--documents", str(folder / "documents.jsonl"), "-o", str(path.parent / "run.jsonl")),
        "naba validate-submission": _cli("validate-submission", str(path), *gold),
        "naba score": _cli("score", str(path), *gold, *fast),
        "naba compare": _cli("compare", str(path), str(path), *gold, *fast),
        "naba leaderboard": _cli("leaderboard", str(path), *gold, *fast, "--out-dir", str(path.parent / "board")),
        "naba check --submission": _cli("check", "--submission", str(path), *gold, *fast),
        "naba check MODULE:CALLABLE": _cli("check", "echo_line:extract", *gold, *fast),
    }


def test_every_python_and_cli_entry_point_gives_the_same_verdict(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = next(iter(files.values())).parent.parent
    monkeypatch.syspath_prepend(str(folder))
    for name, path in files.items():
        monkeypatch.setenv("NABA_ECHO_LINE", str(path))
        expected = CASES[name][1]
        verdicts = python_verdicts(path, folder)
        assert verdicts == {entry: expected for entry in verdicts}, name


def test_hugging_face_metric_gives_the_same_verdict(files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HF_HUB_OFFLINE", "HF_EVALUATE_OFFLINE", "HF_DATASETS_OFFLINE"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_MODULES_CACHE", str(tmp_path / "modules"))
    evaluate = pytest.importorskip("evaluate")
    metric = evaluate.load(str(REPO / "evaluate" / "naba"))
    for name, path in files.items():
        line = path.read_text(encoding="utf-8").strip()
        accepted = _accepts(lambda: metric.compute(predictions=[line], references=[RECORD.document.id], gold_dir=str(GOLD), n_bootstrap=0),
                            SubmissionError, ValueError)
        assert accepted == CASES[name][1], name


PLUGIN_USE = '''
    import json
    import os
    from pathlib import Path

    from naba.check.errors import CheckError


    def test_verdicts(naba_score):
        verdicts = {}
        for name, path in json.loads(os.environ["NABA_CASES"]).items():
            line = json.loads(Path(path).read_text(encoding="utf-8"))
            for entry, system in (("file", Path(path)), ("records", [line]), ("extractor", lambda doc: line)):
                try:
                    naba_score(system)
                    verdicts[f"{name} / {entry}"] = True
                except CheckError:
                    verdicts[f"{name} / {entry}"] = False
        Path(os.environ["NABA_OUT"]).write_text(json.dumps(verdicts), encoding="utf-8")
'''


def test_pytest_plugin_gives_the_same_verdict(files: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(PLUGIN_USE), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(NABA_CASES=json.dumps({name: str(path) for name, path in files.items()}), NABA_OUT=str(tmp_path / "verdicts.json"),
               PYTEST_ADDOPTS="-p no:hypothesispytest")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--naba-gold", str(GOLD), "test_user.py"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    verdicts = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    expected = {f"{name} / {entry}": accepted for name, (_, accepted) in CASES.items() for entry in ("file", "records", "extractor")}
    assert verdicts == expected
