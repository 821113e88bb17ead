"""The leaderboard states its dev column's size from the results, and refuses dev results scored
against different gold (a column mixing dev splits of two sizes would compare nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from naba.evaluate.compare import NotComparable
from naba.evaluate.leaderboard import Entry, build, to_markdown
from naba.evaluate.results import Results

ROOT = Path(__file__).resolve().parents[1]


def _entry(system: str) -> Entry:
    folder = ROOT / "baselines" / system
    return Entry(system, Results.read(folder / "scores.json"), dev=Results.read(folder / "dev" / "scores.json"))


def test_dev_size_comes_from_the_results() -> None:
    entries = [_entry("rules"), _entry("statistical")]
    n = len(entries[0].dev.gold_documents)
    board = build(entries)
    assert board["dev_documents"] == n
    assert f"**dev** ({n} articles written for naba" in to_markdown(board)


def test_no_dev_results_no_count() -> None:
    entry = _entry("rules")
    board = build([Entry("rules", entry.results)])
    assert board["dev_documents"] is None
    assert "**dev** (articles written for naba" in to_markdown(board)


def test_dev_results_of_different_gold_are_refused() -> None:
    rules, stat = _entry("rules"), _entry("statistical")
    shrunk = stat.dev.model_copy(update={"gold_documents": stat.dev.gold_documents[:-1]})
    with pytest.raises(NotComparable, match="different gold"):
        build([rules, Entry("statistical", stat.results, dev=shrunk)])
