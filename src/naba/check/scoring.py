"""Scoring for a check: an extractor (run exactly as ``naba run`` runs it), submission records or a
submission file, with string-only spans aligned first; bad input raises ``CheckError``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from naba.submission.align import Decision, align_record
from naba.check.errors import CheckError, problem_lines
from naba.check.strings import Strings, strings_mode
from naba.submission.shapes import expand, uses_strings
from naba.evaluate.options import ScoreOptions
from naba.evaluate.results import Results

if TYPE_CHECKING:
    from naba.gold.model import Record
    from naba.submission.model import SubmissionDocument


@dataclass(frozen=True)
class Scored:
    """A score and the alignment decisions taken to compute it (empty without string spans)."""

    results: Results
    alignment: tuple[Decision, ...] = ()
    aligned: bool = False


def load_gold(gold_dir: Path | None = None) -> tuple["Record", ...]:
    """The validated gold records; ``CheckError`` when they are missing or invalid."""
    from naba.gold.records import GoldError, gold_records

    try:
        records = gold_records(gold_dir)
    except GoldError as err:
        raise CheckError(problem_lines(err.problems, "the gold does not validate:")) from None
    except FileNotFoundError as err:
        raise CheckError([f"cannot load the gold: {err}"]) from None
    if not records:
        raise CheckError([f"no gold record in {gold_dir}" if gold_dir else "no gold record found"])
    return records


def _score(submission: Any, gold_dir: Path | None, options: ScoreOptions | None, system: str | None,
           alignment: Sequence[Decision] = ()) -> Results:
    from naba.evaluate.scorer import score
    from naba.submission.model import SubmissionError

    try:
        return score(submission, gold_dir, options=options, system=system)
    except SubmissionError as err:
        raise CheckError(problem_lines(err.problems, "the submission does not validate:"), alignment) from None


def score_extractor(
    extractor: str | Callable[[Any], dict[str, Any]],
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
    progress: bool = False,
) -> Scored:
    """Run ``extractor`` (``"MODULE:CALLABLE"`` or a callable) over the gold documents exactly as
    ``naba run`` does (``naba.baselines.runner.run_extractor``: inputs only, every record
    validated), aligning string-only spans first, and score the records."""
    from naba.baselines.protocol import SystemUnavailable
    from naba.baselines.runner import SpecError, corpus_documents, load_extractor, run_extractor, system_availability
    from naba.submission.model import SubmissionError

    mode = strings_mode(strings)
    load_gold(gold_dir)  # a clear CheckError for bad gold before the extractor runs
    if isinstance(extractor, str):
        name = system or extractor
        try:
            function = load_extractor(extractor)
            ok, reason = system_availability(extractor)
        except SpecError as err:
            raise CheckError([str(err)]) from None
        except Exception as err:  # the module itself failed while importing (a SyntaxError, a crash at import)
            raise CheckError([f"importing {extractor.partition(':')[0]!r} failed: {type(err).__name__}: {err}"]) from None
        if not ok:
            raise CheckError([f"{extractor} cannot run here: {reason}"])
    elif callable(extractor):
        function = extractor
        name = system or f"{getattr(extractor, '__module__', '?')}:{getattr(extractor, '__qualname__', repr(extractor))}"
    else:
        raise CheckError([f"an extractor is 'MODULE:CALLABLE' or a callable, got {type(extractor).__name__}"])
    decisions: list[Decision] = []

    def with_alignment(document: Any) -> Any:
        record = function(document)
        if isinstance(record, dict) and (mode == "always" or (mode == "auto" and uses_strings(record))):
            alignment = align_record(document.text, expand(record))
            decisions.extend(alignment.decisions)
            return alignment.record
        return record

    try:
        records = run_extractor(with_alignment, corpus_documents(gold_dir), progress=progress)
    except SystemUnavailable as err:
        raise CheckError([f"{name} cannot run here: {err}"], decisions) from None
    except SubmissionError as err:
        raise CheckError(problem_lines(err.problems, f"{name} returned invalid records:"), decisions) from None
    results = _score(records, gold_dir, options, name, decisions)
    return Scored(results, tuple(decisions), bool(decisions) or mode == "always")


def score_records(
    records: Iterable[Mapping[str, Any] | "SubmissionDocument"],
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
) -> Scored:
    """Score submission records (dicts or ``SubmissionDocument``), aligning string-only spans."""
    from naba.submission.validate import coerce_submission

    gold = load_gold(gold_dir)
    items = list(records)
    if not items:
        raise CheckError(["no submission record to score"])
    mode = strings_mode(strings)
    submission = _validated(lambda: coerce_submission(items, gold, strings=mode))
    return Scored(_score(submission, gold_dir, options, system, submission.alignment), submission.alignment, bool(submission.alignment) or mode == "always")


def _validated(load: Callable[[], Any]) -> Any:
    """Run a submission loader; its problems (and the alignment that may explain them) as a CheckError."""
    from naba.submission.model import SubmissionError

    try:
        return load()
    except SubmissionError as err:
        heading = "the submission does not validate (after aligning its strings):" if err.alignment else "the submission does not validate:"
        raise CheckError(problem_lines(err.problems, heading), err.alignment) from None


def score_submission_file(
    path: str | Path,
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    system: str | None = None,
) -> Scored:
    """Score a submission file (JSON Lines), string spans aligned first (``strings``); problems
    keep their line numbers and ``submission_file_sha256`` is the hash of the file's bytes."""
    from naba.submission.validate import load_submission

    path = Path(path)
    name = system or str(path)
    mode = strings_mode(strings)
    gold = load_gold(gold_dir)
    submission = _validated(lambda: load_submission(path, gold, strings=mode))
    return Scored(_score(submission, gold_dir, options, name, submission.alignment), submission.alignment, bool(submission.alignment) or mode == "always")


def score_system(
    system: Any,
    *,
    gold_dir: Path | None = None,
    options: ScoreOptions | None = None,
    strings: Strings = "auto",
    name: str | None = None,
) -> Scored:
    """Dispatch on what ``system`` is: a callable or ``"MODULE:CALLABLE"`` (an extractor), a
    ``pathlib.Path`` (a submission file), or an iterable of submission records."""
    if isinstance(system, Path):
        return score_submission_file(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if isinstance(system, str):
        if ":" not in system:
            raise CheckError([f"{system!r}: give an extractor as 'MODULE:CALLABLE' and a submission file as a pathlib.Path"])
        return score_extractor(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if callable(system):
        return score_extractor(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
    if isinstance(system, (Mapping, bytes)) or not isinstance(system, Iterable):
        raise CheckError([f"cannot score a {type(system).__name__}: give an extractor, a submission file (pathlib.Path) or a list of records"])
    return score_records(system, gold_dir=gold_dir, options=options, strings=strings, system=name)
