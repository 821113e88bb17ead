"""pytest plugin (entry point ``pytest11``): fixtures for teams using naba as a regression test.

Importing this module must stay cheap because pytest imports every plugin at start-up in every
project where naba is installed: only the standard library and pytest are imported here; naba's
model and scorer are imported inside the fixtures, and ``datasets`` never.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from naba.model import Record


@pytest.fixture(scope="session")
def naba_gold() -> "tuple[Record, ...]":
    """All gold records, validated (offsets and covered text checked on load)."""
    from naba.records import gold_records

    return gold_records()


@pytest.fixture(scope="session")
def naba_documents(naba_gold: "tuple[Record, ...]") -> list[dict[str, Any]]:
    """What an extractor receives: id, text and publication date only, never the gold layers."""
    return [
        {"id": r.document.id, "text": r.document.text, "publication_date": r.document.publication_date.value}
        for r in naba_gold
    ]
