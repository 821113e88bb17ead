"""Shared fixtures: the repository root and a small valid record of our own.

``tests/fixtures/valid/mini_001.json`` is an invented three-sentence Arabic text
(not the article) with every layer and every anchor kind filled, so tests that
need gold content do not depend on the gold being written in annotations/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
MINI_RECORD = REPO_ROOT / "tests" / "fixtures" / "valid" / "mini_001.json"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def mini_record() -> Path:
    return MINI_RECORD


@pytest.fixture()
def mini_root(tmp_path: Path) -> Path:
    """A temporary data root holding only ``annotations/records/mini_001.json``."""
    records = tmp_path / "root" / "annotations" / "records"
    records.mkdir(parents=True)
    shutil.copy(MINI_RECORD, records / MINI_RECORD.name)
    return tmp_path / "root"
