"""Where the gold lives and how a record is read and written.

The gold ships twice: in a checkout as ``annotations/`` and ``corpus/`` at the
repository root, and in an installed wheel as package data under ``naba/_data``.
``data_root`` finds whichever is present, checkout first, so that an editable
install always sees the files being edited.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Callable
from pathlib import Path

from naba.common.problems import Problem, render, short
from naba.gold.model import Record


class GoldError(Exception):
    """The gold on disk does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(render(problems))
        self.problems = problems


#: The installed ``naba`` package folder (this module is ``naba/gold/records.py``).
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """The folder holding ``annotations/`` and ``corpus/``."""
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "annotations" / "records").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "annotations" / "records").is_dir():
        return bundled
    raise FileNotFoundError("naba's gold data is missing: neither a checkout nor naba/_data has annotations/records")


def annotations_dir() -> Path:
    return data_root() / "annotations"


def corpus_dir() -> Path:
    return data_root() / "corpus"


def record_paths(directory: Path | None = None) -> list[Path]:
    """Record files in a stable (sorted) order."""
    folder = directory if directory is not None else annotations_dir() / "records"
    return sorted(folder.glob("*.json"))


def dump_record(record: Record) -> str:
    """Canonical text of a record: pretty-printed, field order fixed by the model,
    non-ASCII kept readable, one trailing newline. Re-dumping is idempotent."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def read_record(path: Path) -> Record:
    """Read and fully validate one record; raises GoldError listing every problem."""
    from naba.gold.validate import parse_record_file

    record, problems = parse_record_file(path)
    if problems or record is None:
        raise GoldError(problems)
    return record


def load_records(directory: Path | None = None) -> list[Record]:
    """All gold records, validated on every load (offsets and covered text included). A folder
    holding two records of one document is an error: scoring against it would count it twice."""
    records = [read_record(path) for path in record_paths(directory)]
    seen: dict[str, int] = {}
    problems = []
    for path, record in zip(record_paths(directory), records):
        doc_id = record.document.id
        if doc_id in seen:
            problems.append(Problem(str(path), None, "document.id", short(doc_id), "a second record of this document in the folder", "unique_id"))
        seen[doc_id] = 1
    if problems:
        raise GoldError(problems)
    return records


def load_record(document_id: str | None = None, directory: Path | None = None) -> Record:
    """One typed gold record; without an id, the only record (error if several)."""
    records = load_records(directory)
    if document_id is None:
        if len(records) != 1:
            raise KeyError(f"{len(records)} records: name one of {[r.document.id for r in records]}")
        return records[0]
    for record in records:
        if record.document.id == document_id:
            return record
    raise KeyError(f"no gold record {document_id!r}; known: {[r.document.id for r in records]}")


def gold_sha256(directory: Path | None = None, stop: Callable[[], bool] | None = None) -> str:
    """One hash over all record files (names and bytes): the gold's identity in results.
    ``stop``: asked before each file (a hash computed beside other work, which may fail); when
    it says so, ``InterruptedError`` is raised instead of a partial hash."""
    digest = hashlib.sha256()
    for path in record_paths(directory):
        if stop is not None and stop():
            raise InterruptedError("gold hash stopped")
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _cached_gold(sha: str, directory: str | None) -> tuple[Record, ...]:
    return tuple(load_records(Path(directory) if directory else None))


def gold_records(directory: Path | None = None) -> tuple[Record, ...]:
    """Records cached by content hash: edits are picked up, unchanged gold is parsed once."""
    return _cached_gold(gold_sha256(directory), str(directory) if directory else None)
