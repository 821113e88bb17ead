"""naba's pytest plugin, driven the way other teams use it: a real ``python -m pytest`` run in a
subprocess, on a test file of their own, with the plugin loaded from its ``pytest11`` entry point.

Gold: tests/fixtures/check/gold (``--naba-gold``); systems: tests/fixtures/check/check_extractors.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
GOLD = FIXTURES / "gold"
HEAVY = ("datasets", "pandas", "sklearn", "numpy", "pyarrow", "naba.evaluate", "naba.check.regression", "naba.check.scoring", "naba.gold.model", "naba.gold.records")


def child_env() -> dict[str, str]:
    """The environment of a user's pytest run: the plugin autoloads, our fixture systems import."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}  # e.g. PYTEST_DISABLE_PLUGIN_AUTOLOAD, PYTEST_ADDOPTS
    env["PYTHONPATH"] = str(FIXTURES)
    env["PYTEST_ADDOPTS"] = "-p no:hypothesispytest"  # hypothesis' plugin alone costs 1.5 s of start-up; not needed here
    return env


def run_pytest(folder: Path, test_file: str, *args: str, ini: bool = False) -> subprocess.CompletedProcess[str]:
    """Run pytest on ``test_file``; the gold folder comes from --naba-gold, or with ``ini`` from pytest.ini."""
    (folder / "test_user.py").write_text(textwrap.dedent(test_file), encoding="utf-8")
    if ini:
        (folder / "pytest.ini").write_text(f"[pytest]\nnaba_gold = {os.path.relpath(GOLD, folder)}\n", encoding="utf-8")
    gold = [] if ini else ["--naba-gold", str(GOLD)]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *gold, *args, "test_user.py"],
        cwd=folder, env=child_env(), capture_output=True, text=True, timeout=120,
    )


def test_importing_the_plugin_is_cheap() -> None:
    code = "import json, sys, naba.check.plugin; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True, text=True, timeout=60, check=True)
    modules = set(json.loads(done.stdout))
    assert "naba.check.plugin" in modules
    assert not {m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY or (m.startswith(("naba.evaluate.", "naba.check.")) and m != "naba.check.plugin")}, modules


BASELINE_USE = '''
    import sys
    from pathlib import Path

    import check_extractors


    def test_startup_imported_nothing_heavy():
        # runs first: by now pytest has loaded every plugin, naba's included
        assert "naba.check.plugin" in sys.modules
        assert not [m for m in {HEAVY!r} if m in sys.modules]


    def test_gold_and_documents(naba_gold, naba_documents):
        assert [r.document.id for r in naba_gold] == ["chk1"]
        assert set(naba_documents[0]) == {{"id", "text", "publication_date"}}


    def test_score_an_extractor_records_and_a_file(naba_score, naba_assert, naba_documents, tmp_path):
        from naba.baselines.protocol import as_input_document
        from naba.evaluate import Results

        results = naba_score(check_extractors.full)
        assert isinstance(results, Results) and results.value("entities.strict.f1") == 1.0
        naba_assert(results, minimums={{"entities.strict.f1": 0.95, "timex.value.f1": 1.0}}, against={baseline!r}, tolerance=0.01)
        record = check_extractors.full(as_input_document(naba_documents[0]))
        assert naba_score([record]).value("entities.strict.tp") == 9
        path = tmp_path / "predictions.jsonl"
        path.write_text(__import__("json").dumps(record, ensure_ascii=False) + "\\n", encoding="utf-8")
        assert naba_score(path).value("entities.strict.tp") == 9
        assert naba_score("check_extractors:full").value("entities.strict.tp") == 9


    def test_string_only_predictions(naba_score, naba_assert):
        results = naba_score(check_extractors.strings)  # prints the alignment report
        naba_assert(results, minimums={{"entities.strict.precision": 1.0}})
'''


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Saved results of the ``full`` system, as ``naba check --save`` writes them."""
    from naba.check.scoring import score_extractor

    sys.path.insert(0, str(FIXTURES))
    try:
        import check_extractors
    finally:
        sys.path.remove(str(FIXTURES))
    path = tmp_path_factory.mktemp("baseline") / "naba-results.json"
    score_extractor(check_extractors.full, gold_dir=GOLD).results.write(path)
    sys.modules.pop("check_extractors", None)
    return path


def test_a_passing_run(tmp_path: Path, baseline: Path) -> None:
    done = run_pytest(tmp_path, BASELINE_USE.format(HEAVY=HEAVY, baseline=str(baseline)), "-s")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout
    # the alignment report of the string-only system, every decision and the string not found
    assert "string-only predictions aligned to the text" in done.stdout
    assert "بكين" in done.stdout and "not_found" in done.stdout


FAILING_USE = '''
    import check_extractors


    def test_no_regression(naba_score, naba_assert):
        results = naba_score(check_extractors.weaker)
        naba_assert(results, minimums={{"entities.strict.f1": 0.95}}, against={baseline!r}, tolerance=0.01)
'''


def test_a_failing_run_names_the_regressed_metrics_and_items(tmp_path: Path, baseline: Path) -> None:
    done = run_pytest(tmp_path, FAILING_USE.format(baseline=str(baseline)), ini=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout
    text = (tmp_path / "test_user.py").read_text(encoding="utf-8")
    gold_text = json.loads((GOLD / "chk1.json").read_text(encoding="utf-8"))["document"]["text"]
    minister = gold_text.index("الوزير")
    for needle in ("AssertionError: naba regression", "entities.strict.f1: 1.0000 -> 0.8889", "required >= 0.9500",
                   "chk1/m8 'طهران' tp -> fn", f"chk1/{minister}:{minister + 6}/PER 'الوزير'"):
        assert needle in done.stdout, (needle, text, done.stdout)


def test_a_missing_gold_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text("def test_gold(naba_gold):\n    pass\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--naba-gold", "no/such/folder", "test_user.py"],
        cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and "--naba-gold no/such/folder" in done.stdout and "is not a folder of gold record files" in done.stdout
