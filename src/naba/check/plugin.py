"""pytest plugin (entry point ``pytest11``): fixtures for teams using naba as a regression test.

Importing this module must stay cheap because pytest imports every plugin at start-up in every
project where naba is installed: only the standard library and pytest are imported here; naba's
model, scorer and the other modules of ``naba.check`` are imported inside the fixtures, and
``datasets`` never.

Fixtures:

* ``naba_gold``: the gold records; ``naba_documents``: what an extractor receives;
* ``naba_score(system, *, strings="auto", options=None, name=None) -> Results``: score an
  extractor (a callable or ``"MODULE:CALLABLE"``, run like ``naba run``), a submission file
  (``pathlib.Path``) or a list of submission records; string-only predictions are aligned and
  the alignment report is printed (pytest shows it with a failing test);
* ``naba_assert(results, *, minimums=None, against=None, tolerance=0.0, maximums=None)``:
  ``naba.check.regression.assert_no_regression`` with the gold's texts in its message.

``--naba-gold DIR`` (or the ini option ``naba_gold``) points the fixtures at another folder of
gold record files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pytest

if TYPE_CHECKING:
    from naba.evaluate.options import ScoreOptions
    from naba.evaluate.results import Results
    from naba.gold.model import Record


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("naba")
    group.addoption("--naba-gold", dest="naba_gold", default=None, metavar="DIR",
                    help="folder of naba gold record files for the naba_* fixtures (default: the gold shipped with naba)")
    parser.addini("naba_gold", "folder of naba gold record files for the naba_* fixtures, relative to the rootdir", default="")


@pytest.fixture(scope="session")
def naba_gold_dir(pytestconfig: pytest.Config) -> Path | None:
    """The gold folder given by ``--naba-gold`` or the ini option, or None for the shipped gold."""
    option = pytestconfig.getoption("naba_gold")
    ini = pytestconfig.getini("naba_gold")
    if option:
        folder, origin = Path(pytestconfig.invocation_params.dir) / option, f"--naba-gold {option}"
    elif ini:
        folder, origin = pytestconfig.rootpath / str(ini), f"ini option naba_gold = {ini}"
    else:
        return None
    if not folder.is_dir():
        pytest.fail(f"{origin}: {folder} is not a folder of gold record files", pytrace=False)
    return folder.resolve()


@pytest.fixture(scope="session")
def naba_gold(naba_gold_dir: Path | None) -> "tuple[Record, ...]":
    """All gold records, validated (offsets and covered text checked on load)."""
    from naba.gold.records import gold_records

    return gold_records(naba_gold_dir)


@pytest.fixture(scope="session")
def naba_documents(naba_gold: "tuple[Record, ...]") -> list[dict[str, Any]]:
    """What an extractor receives: id, text and publication date only, never the gold layers."""
    return [
        {"id": r.document.id, "text": r.document.text, "publication_date": r.document.publication_date.value}
        for r in naba_gold
    ]


@pytest.fixture(scope="session")
def naba_score(naba_gold_dir: Path | None) -> "Callable[..., Results]":
    """A callable: extractor, submission file or records -> ``naba.evaluate.Results``."""

    def score(system: Any, *, strings: str = "auto", options: "ScoreOptions | None" = None, name: str | None = None) -> "Results":
        from naba.check.scoring import score_system
        from naba.check.strings import render_alignment

        scored = score_system(system, gold_dir=naba_gold_dir, options=options, strings=strings, name=name)  # type: ignore[arg-type]
        if scored.aligned:
            print(render_alignment(scored.alignment))
        return scored.results

    return score


@pytest.fixture(scope="session")
def naba_assert(naba_gold: "tuple[Record, ...]") -> Callable[..., Any]:
    """``naba.check.regression.assert_no_regression``; its message shows each regressed item's gold text."""
    from functools import partial

    from naba.check.regression import assert_no_regression

    return partial(assert_no_regression, gold=naba_gold)
