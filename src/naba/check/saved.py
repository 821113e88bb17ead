"""Saved results and their provenance: reading a results file, and whether two runs compare.

Two results compare when they were scored on the same gold, with the same record schema and
the same matching options; a different naba version or bootstrap setting is only a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from naba.check.errors import CheckError
from naba.check.scoring import load_gold
from naba.evaluate.options import ScoreOptions
from naba.evaluate.results import Results


#: A saved results file larger than this is refused (the article's results with every outcome: 0.4 MB).
MAX_RESULTS_BYTES = 512 * 1024 * 1024


def read_results(path: str | Path) -> Results:
    """A saved ``Results`` (``--save`` / ``Results.write``); ``CheckError`` when unreadable."""
    from pydantic import ValidationError

    from naba.common.files import FileReadError, read_regular_text

    path = Path(path)
    try:
        text = read_regular_text(path, limit=MAX_RESULTS_BYTES, what="results file")
    except FileReadError as err:
        hint = f" (write one with `naba check ... --save {path}`)" if "no such" in str(err) else ""
        raise CheckError([f"{err}{hint}"]) from None
    from naba.common.jsonload import StrictJSONError, loads_strict

    try:  # strict JSON first: a duplicated key would otherwise be resolved silently (last wins)
        decoded = loads_strict(text)
    except StrictJSONError as err:
        raise CheckError([f"{path}: not a naba results file: {err}"]) from None
    if decoded.duplicate_keys or decoded.lone_surrogates:
        found = [f"duplicate key {key!r}" for key, _ in decoded.duplicate_keys[:10]] + [f"lone surrogate in {key!r}" for key in decoded.lone_surrogates[:10]]
        raise CheckError([f"{path}: not a naba results file:", *(f"  {line}" for line in found)])
    try:
        return Results.model_validate(decoded.value)
    except ValidationError as err:
        errors = err.errors()
        lines = [f"{path}: not a naba results file ({len(errors)} problem(s)):"]
        for e in errors[:10]:
            where = ".".join(str(part) for part in e["loc"]) or "<root>"
            lines.append(f"  {where}: {e['msg']}")
        if len(errors) > 10:
            lines.append(f"  ... and {len(errors) - 10} more")
        raise CheckError(lines) from None


#: Options that change point scores (must agree); the others only change intervals.
_MATCHING_OPTIONS: tuple[str, ...] = ("trigger_match", "argument_match", "cue_match", "fused_lam")


@dataclass(frozen=True)
class Provenance:
    """What decides whether two results can be compared."""

    gold_sha256: str
    gold_documents: Sequence[str]
    schema_version: str
    options: ScoreOptions
    naba_version: str

    @classmethod
    def of(cls, results: Results) -> "Provenance":
        return cls(results.gold_sha256, results.gold_documents, results.schema_version, results.options, results.naba_version)


def ensure_comparable(old: Results, new: "Results | Provenance", source: str = "the saved results") -> list[str]:
    """Raise ``CheckError`` naming every reason the two results cannot be compared; return
    notes on harmless differences (naba version, bootstrap settings).

    ``new`` may be the ``Provenance`` a run *will* have (``run_provenance``), so that a
    mismatched baseline is reported before a slow extractor runs."""
    now = new if isinstance(new, Provenance) else Provenance.of(new)
    problems: list[str] = []
    if old.gold_sha256 != now.gold_sha256:
        problems.append(
            f"{source} were scored against a different gold:\n"
            f"  saved: gold sha256 {old.gold_sha256} (documents: {_some(old.gold_documents)})\n"
            f"  now:   gold sha256 {now.gold_sha256} (documents: {_some(now.gold_documents)})\n"
            "  scores on different gold are not comparable: save a new baseline on the current gold (--save) and compare against that"
        )
    if old.schema_version != now.schema_version:
        problems.append(f"{source} use record schema {old.schema_version}, this run {now.schema_version}: not comparable")
    for option in _MATCHING_OPTIONS:
        before, after = getattr(old.options, option), getattr(now.options, option)
        if before != after:
            flag = "--" + option.replace("_", "-")
            problems.append(f"{source} were scored with {option}={before}, this run with {after}: pass {flag} {before} or save a new baseline")
    if problems:
        raise CheckError(problems)
    notes: list[str] = []
    if old.naba_version != now.naba_version:
        notes.append(f"{source} were written by naba {old.naba_version}, this is naba {now.naba_version}")
    for option in ("n_bootstrap", "seed", "confidence"):
        before, after = getattr(old.options, option), getattr(now.options, option)
        if before != after:
            notes.append(f"{option} differs ({before} saved, {after} now): intervals differ, scores do not")
    return notes


def run_provenance(gold_dir: Path | None, options: ScoreOptions | None = None) -> Provenance:
    """The provenance a run on ``gold_dir`` with ``options`` will have (the scorer's own hash)."""
    import naba
    from naba.gold.model import SCHEMA_VERSION
    from naba.gold.records import gold_sha256

    gold = load_gold(gold_dir)
    return Provenance(gold_sha256(gold_dir), [r.document.id for r in gold], SCHEMA_VERSION, options or ScoreOptions(), naba.__version__)


def _some(names: Sequence[str], shown: int = 5) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
