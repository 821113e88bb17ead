"""The committed predictions, scores and leaderboard are exactly what the main job writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from naba.check.reproduce import Report, reproduce

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    # two processes: the committed files were written by a serial run, so this also proves that the
    # parallel main job writes the same bytes (and halves the test's time on the 2-core CI machine)
    out = tmp_path_factory.mktemp("reproduce")
    return out, reproduce(out, progress=False, log=lambda _line: None, num_proc=2)


@pytest.mark.slow
def test_every_available_system_reproduces_its_committed_files(fresh: tuple[Path, Report]) -> None:
    out, report = fresh
    ran = [run for run in report.runs if run.ran]
    assert ran, "no reference system could run"
    for run in ran:
        for written in run.files:
            relative = written.relative_to(out)
            committed = ROOT / relative
            assert committed.is_file(), f"{relative} is not committed; run `naba reproduce`"
            assert committed.read_bytes() == written.read_bytes(), f"{relative} differs from a fresh run; run `naba reproduce`"


@pytest.mark.slow
def test_committed_leaderboard_reproduces(fresh: tuple[Path, Report]) -> None:
    out, report = fresh
    if report.skipped:
        pytest.skip("not every reference system can run here: " + "; ".join(f"{r.name}: {r.reason}" for r in report.skipped))
    for name in ("leaderboard.md", "leaderboard.json"):
        assert (ROOT / "evaluate" / name).read_bytes() == (out / "evaluate" / name).read_bytes(), f"evaluate/{name} is stale"


def test_unknown_system_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown system"):
        reproduce(tmp_path, systems=("no_such_system",), progress=False, log=lambda _line: None)
