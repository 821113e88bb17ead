"""A submission file scored against a gold folder, one document at a time, in one or more processes.

``naba.evaluate.score`` holds every gold record and submission line as pydantic models
before it scores (about a megabyte per article-sized document). ``score_folder`` gives
the same ``Results`` (``tests/test_folder.py`` compares them) while holding neither:

1. the gold folder's file names give its document ids (``<document.id>.json``, which
   ``naba validate`` requires and which is checked again here), and the submission file is
   indexed by line (offset, length) while its SHA-256 is computed; nothing is parsed yet;
2. batches of lines go to workers (``num_proc`` spawned processes, or this one): each line
   is parsed, its gold record read from ``<id>.json`` and validated, the line aligned and
   validated against it (``naba.submission.validate.check_line``) and, when valid, scored
   (``naba.evaluate.scorer.score_document``); what comes back is the line's check without its
   model, the document's count tables and where it wrote its canonical JSON (each process
   appends the lines it scores to a file of its own in a temporary folder);
3. gold records no line names are validated too; the checks across lines
   (``combine_lines``) run on the returned checks; every problem is collected and reported
   as ``score`` would report it (gold first, then the size limit, then the submission);
4. the documents are assembled in gold order (``naba.evaluate.perdoc.Assembly``); the
   canonical lines, read back from those files, are hashed in gold order.

Results do not depend on ``num_proc`` or on the order in which workers finish: every
piece is keyed by line number or document id and put in order at the end.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import naba
from naba.common.problems import Problem, short
from naba.evaluate.options import ScoreOptions
from naba.evaluate.perdoc import Assembly, DocScore, OutcomesMode
from naba.evaluate.results import Results, UnitsInfo
from naba.gold.model import SCHEMA_VERSION
from naba.gold.records import GoldError, annotations_dir, gold_sha256, record_paths
from naba.submission.align import Decision, Strings
from naba.submission.model import SubmissionError
from naba.submission.validate import (
    SUBMISSION_BYTES_PER_CHARACTER,
    SUBMISSION_BYTES_PER_DOCUMENT,
    LineCheck,
    check_line,
    combine_lines,
    empty_file_problem,
    line_locator,
    parse_line,
    problem_order,
    submission_byte_bound,
    submission_file_problems,
)

#: The cyclic collector's first threshold in a scoring worker (Python's default is 700). A
#: document allocates some hundred thousand objects that live until it is scored (models,
#: items, arrays): with the default, each is traversed by many young collections and promoted
#: into collections of the whole heap. Collections still run, every this many allocations, so
#: a reference cycle is freed as before, only later (issue 15: a tenth of a worker's time).
WORKER_GC_THRESHOLD: int = 50_000


def _tune_collector() -> None:
    """A scoring worker's collector: what the imports left moved out of its reach (``gc.freeze``)
    and the first threshold raised to ``WORKER_GC_THRESHOLD``. Run once in each spawned worker
    (never in the caller's process, whose collector is its own)."""
    import naba.evaluate.arrays  # noqa: F401  (the modules a batch needs, imported before the freeze)
    import naba.evaluate.scorer  # noqa: F401
    import naba.gold.validate  # noqa: F401

    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, second, third)


#: A spawned worker's context, set once by its initializer (``_start_worker``); never set in the
#: caller's process, which passes its context to ``_line_batch`` itself.
_WORKER_CONTEXT: list["_Context"] = []


def _start_worker(context: "_Context") -> None:
    """A spawned worker's initializer: its context, received once (``_worker_line_batch``), and its
    collector (``_tune_collector``)."""
    _WORKER_CONTEXT[:] = [context]
    _tune_collector()


def _worker_line_batch(lines: Sequence["_Line"]) -> list["_LineResult"]:
    """``_line_batch`` in a spawned worker, with the context its initializer received: each task
    pickles only its lines, where a context pickled with every batch carried the gold's document
    ids each time (140 kB a batch at 10,000 documents: n²/16 ids over a run, about 1.1 ms a batch
    between the caller and the worker)."""
    return _line_batch(_WORKER_CONTEXT[0], lines)


def _worker_gold_batch(document_ids: Sequence[str]) -> list["_GoldResult"]:
    return _gold_batch(_WORKER_CONTEXT[0], document_ids)


#: Lines per batch sent to a worker: large enough that a batch outweighs its messages,
#: small enough that progress moves and two workers finish together.
BATCH_LINES: int = 16
_READ_BLOCK: int = 8 * 1024 * 1024


@dataclass(frozen=True)
class FolderScore:
    """The results, and the alignment decisions of string spans (``naba.submission.align``)."""

    results: Results
    alignment: tuple[Decision, ...]


@dataclass(frozen=True)
class _Line:
    number: int
    offset: int
    length: int


@dataclass(frozen=True)
class _LineResult:
    """What a worker returns for one line (``check`` without its model)."""

    number: int
    parse_problems: tuple[Problem, ...]
    blank: bool
    undecodable: bool
    check: LineCheck | None
    decisions: tuple[Decision, ...]
    gold: "_GoldResult | None"
    score: DocScore | None
    canonical: "_Spilled | None"


@dataclass(frozen=True)
class _Spilled:
    """Where a worker wrote a document's canonical line: its process's file in the spill folder
    (``_Context.spill_dir``), at ``offset``, ``length`` bytes. The lines stay out of the results a
    worker sends back (about 0.9 MB a batch of 16, pickled, piped and unpickled, then written by
    the caller: issue 15) and are read once, in gold order, for the submission hash."""

    file: str
    offset: int
    length: int


@dataclass(frozen=True)
class _GoldResult:
    document_id: str
    problems: tuple[Problem, ...]
    text_length: int | None


@dataclass(frozen=True)
class _Context:
    gold_dir: str
    gold_ids: frozenset[str]
    submission: str
    file: str
    options: ScoreOptions
    outcomes: OutcomesMode
    strings: Strings
    n_documents: int
    score: bool  # False: validate only (``validate_folder``)
    #: the folder each scoring process appends its canonical lines to (``_Spilled``); "" when not scoring
    spill_dir: str


def _read_gold(context: _Context, document_id: str) -> tuple[Any, _GoldResult]:
    """The validated record of ``document_id`` (None if invalid) and what the parent needs of it."""
    from naba.gold.validate import parse_record_file

    path = Path(context.gold_dir) / f"{document_id}.json"
    record, problems = parse_record_file(path)
    if record is not None and record.document.id != document_id:
        problems = [Problem(str(path), None, "document.id", short(record.document.id), f"file name must be <document.id>.json, got {path.name}", "file_name")]
        record = None
    length = len(record.document.text) if record is not None else None
    return record, _GoldResult(document_id, tuple(problems), length)


def _gold_batch(context: _Context, document_ids: Sequence[str]) -> list[_GoldResult]:
    return [_read_gold(context, document_id)[1] for document_id in document_ids]


def _line_batch(context: _Context, lines: Sequence[_Line]) -> list[_LineResult]:
    """Parse, validate and score a batch of lines (in a worker, or in this process); a spawned
    worker takes its context from its initializer (``_worker_line_batch``)."""
    from naba.evaluate.scorer import score_document
    from naba.submission.validate import align_values

    out: list[_LineResult] = []
    spill_name = str(Path(context.spill_dir) / f"{os.getpid()}.jsonl") if context.score else ""
    with open(context.submission, "rb") as handle, ExitStack() as stack:
        spill = stack.enter_context(open(spill_name, "ab")) if context.score else None  # this process's own file
        for line in lines:
            handle.seek(line.offset)
            # under "auto" a line that validates is not aligned (below), so it needs no dict
            parsed = parse_line(handle.read(line.length), line.number, context.file, with_value=context.strings != "auto")
            if parsed.value is None and parsed.document is None:
                out.append(_LineResult(line.number, parsed.problems, parsed.blank, parsed.undecodable, None, (), None, None, None))
                continue
            doc_id = parsed.document.document_id if parsed.document is not None else parsed.value.get("document_id")
            record, gold = (None, None)
            if isinstance(doc_id, str) and doc_id in context.gold_ids:
                record, gold = _read_gold(context, doc_id)
                if record is None:  # the gold is reported; the line cannot be checked against it
                    out.append(_LineResult(line.number, parsed.problems, False, False, None, (), gold, None, None))
                    continue
            value, decisions = (parsed.value, [])
            # a line that validated as a submission line gives every span with its offsets, so it
            # uses no string span (``shapes.uses_strings``) and "auto" would leave it as it is
            # (tests/test_fast_validation.py); only other lines, or "always", are aligned
            if record is not None and (parsed.document is None or context.strings != "auto"):
                ((_, value),), decisions = align_values([(line.number, parsed.value)], [record], context.strings)
            gold_by_id = {record.document.id: record.document} if record is not None else {}
            validated = parsed.document if value is parsed.value else None  # not when alignment rewrote the line
            check = check_line(line.number, value, gold_by_id, context.file, line.number, "", validated)
            doc_score = canonical = None
            if spill is not None and record is not None and check.document is not None and not check.structure and not check.relations:
                doc_score = score_document(record, check.document, check.document.layers(), context.options,
                                           n_documents=context.n_documents, outcomes=context.outcomes)
                text = (check.document.canonical_json() + "\n").encode("utf-8")
                canonical = _Spilled(spill_name, spill.tell(), len(text))
                spill.write(text)
            out.append(_LineResult(line.number, parsed.problems, False, False, replace(check, document=None), tuple(decisions), gold,
                                   doc_score, canonical))
    return out


def _index_lines(path: Path) -> tuple[list[_Line], str, int]:
    """Each line's (number, offset, length) without its newline, the file's SHA-256 and size.
    Lines end at "\\n" only, and a final newline ends the last line (as ``parse_jsonl``)."""
    digest = hashlib.sha256()
    lines: list[_Line] = []
    offset = 0  # where the current line starts
    position = 0  # bytes read so far
    with path.open("rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
            start = 0
            while (end := block.find(b"\n", start)) != -1:
                lines.append(_Line(len(lines) + 1, offset, position + end - offset))
                offset = position + end + 1
                start = end + 1
            position += len(block)
    if position > offset:
        lines.append(_Line(len(lines) + 1, offset, position - offset))
    return lines, digest.hexdigest(), position


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class _Streamed:
    """What the pass over the lines leaves, once every problem has been ruled out."""

    folder: Path
    gold_ids: list[str]
    assembly: Assembly
    assembled: int
    deferred: ValueError | None
    submission_sha256: str | None
    file_sha256: str
    layers: tuple[str, ...]
    decisions: tuple[Decision, ...]


def _stream(path: Path, gold_dir: str | Path | None, options: ScoreOptions, outcomes: OutcomesMode, strings: Strings, num_proc: int,
            progress: Callable[[int, int], None] | None, score: bool) -> _Streamed:
    """Steps 1-3 of the module docstring (and 4's hashing when ``score``); raises on any problem."""
    if num_proc < 1:
        raise ValueError(f"num_proc must be at least 1, got {num_proc}")
    folder = Path(gold_dir) if gold_dir is not None else annotations_dir() / "records"
    paths = record_paths(folder)
    if not paths:
        raise GoldError([Problem("<gold>", None, "<records>", "[]", "no gold record to score against", "empty_gold")])
    gold_ids = sorted(p.stem for p in paths)
    file = str(path)
    problems = submission_file_problems(path, submission_byte_bound(paths))
    if problems:  # refused before a gold record or a line is read
        raise SubmissionError(problems)
    with ExitStack() as stack:
        # removed after the pool has shut down (the stack unwinds in reverse)
        spill_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="naba-score-")) if score else ""
        context = _Context(str(folder), frozenset(gold_ids), str(path), file, options, outcomes, strings, len(gold_ids), score, spill_dir)
        pool = None
        if num_proc > 1:
            # spawned, never forked: a fork would copy the caller's threads and locks. Started
            # before the lines are indexed, so that the workers start and import while this
            # process reads and hashes the submission (about a second each at 10,000 documents)
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=num_proc, mp_context=get_context("spawn"),
                                                           initializer=_start_worker, initargs=(context,)))
            pool.submit(int)  # the first task starts every worker
        lines, file_sha, size = _index_lines(path)
        return _streamed(lines, file_sha, size, folder, gold_ids, file, context, pool, progress, score)


def _streamed(lines: list[_Line], file_sha: str, size: int, folder: Path, gold_ids: list[str], file: str, context: _Context,
              pool: ProcessPoolExecutor | None, progress: Callable[[int, int], None] | None, score: bool) -> _Streamed:
    """``_stream`` once the lines are indexed: in ``pool``'s workers, or in this process when None."""
    from naba.gold.inventory import LAYERS

    spilled: dict[str, _Spilled] = {}
    # documents are assembled in gold order as they come (the next gold document's score is
    # added as soon as it is here), not all at the end: the caller's serial tail was 0.13 ms a
    # document of ``Assembly.add``, and every score was held until then. An error of ``add``
    # is kept and raised where the assembly was built before, after every problem is checked
    assembly = Assembly(context.outcomes)
    waiting: dict[str, DocScore] = {}  # scores that came before an earlier gold document's
    assembled = 0  # gold documents added
    deferred: ValueError | None = None
    gold: dict[str, _GoldResult] = {}
    results: list[_LineResult] = []
    done = 0

    def take(batch: list[_LineResult]) -> None:
        nonlocal done, assembled, deferred
        for r in batch:
            if r.gold is not None:
                gold.setdefault(r.gold.document_id, r.gold)
            if r.score is not None and r.canonical is not None and r.score.document_id not in spilled:
                waiting[r.score.document_id] = r.score
                spilled[r.score.document_id] = r.canonical
            results.append(replace(r, score=None, canonical=None))
        while assembled < len(gold_ids) and gold_ids[assembled] in waiting:
            doc_score = waiting.pop(gold_ids[assembled])
            if deferred is None:
                try:
                    assembly.add(doc_score)
                except ValueError as error:
                    deferred = error
            assembled += 1
        done += len(batch)
        if progress is not None:
            progress(done, len(lines))

    with ExitStack() as spills:
        line_batch, gold_batch = partial(_line_batch, context), partial(_gold_batch, context)
        if pool is None:
            for batch_result in map(line_batch, _batches(lines, BATCH_LINES)):
                take(batch_result)
            unnamed = [d for d in gold_ids if d not in gold]
            for gold_result in map(gold_batch, _batches(unnamed, BATCH_LINES)):
                for g in gold_result:
                    gold[g.document_id] = g
        else:
            for batch_result in pool.map(_worker_line_batch, list(_batches(lines, BATCH_LINES))):
                take(batch_result)
            unnamed = [d for d in gold_ids if d not in gold]
            for gold_result in pool.map(_worker_gold_batch, list(_batches(unnamed, BATCH_LINES))):
                for g in gold_result:
                    gold[g.document_id] = g

        gold_problems = [p for d in gold_ids for p in gold[d].problems]
        if gold_problems:
            raise GoldError(gold_problems)
        limit = sum(SUBMISSION_BYTES_PER_DOCUMENT + SUBMISSION_BYTES_PER_CHARACTER * (gold[d].text_length or 0) for d in gold_ids)
        if size > limit:
            raise SubmissionError([Problem(file, None, "<file>", str(size), f"file is {size} bytes; the limit is {limit} bytes ({limit / 2**20:.1f} MiB)", "too_large")])
        results.sort(key=lambda r: r.number)
        decisions = tuple(d for r in results for d in r.decisions)
        if not any(r.undecodable for r in results) and all(r.blank or r.undecodable for r in results):
            parse_problems, checks = [empty_file_problem(file)], []  # as parse_jsonl: one problem, no line
        else:  # encoding problems first, as parse_jsonl lists them
            parse_problems = [q for r in results if r.undecodable for q in r.parse_problems] + [q for r in results if not r.undecodable for q in r.parse_problems]
            checks = [r.check for r in results if r.check is not None]
        accepted, found = combine_lines(checks, gold_ids, file, line_locator("line"))
        if parse_problems or found:
            raise SubmissionError(sorted(parse_problems + found, key=problem_order), decisions)
        # every line gives the same layers (combine_lines checked it): the first document's
        first = next(c for c in checks if c.number == accepted[gold_ids[0]])
        layers = tuple(layer for layer in LAYERS if layer in first.layers)
        digest = None
        if score:
            hasher = hashlib.sha256()
            opened: dict[str, Any] = {}
            for document_id in gold_ids:
                where = spilled[document_id]
                if where.file not in opened:
                    opened[where.file] = spills.enter_context(open(where.file, "rb"))
                opened[where.file].seek(where.offset)
                hasher.update(opened[where.file].read(where.length))
            digest = hasher.hexdigest()
    return _Streamed(folder, gold_ids, assembly, assembled, deferred, digest, file_sha, layers, decisions)


def validate_folder(
    submission: str | Path, gold_dir: str | Path | None = None, *, strings: Strings = "auto", num_proc: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[tuple[str, ...], int, tuple[Decision, ...]]:
    """Validate the submission file against the gold folder as ``score_folder`` does, without
    scoring: (layers predicted, documents, alignment decisions). Raises ``GoldError`` or
    ``SubmissionError`` with every problem."""
    streamed = _stream(Path(submission), gold_dir, ScoreOptions(), "omitted", strings, num_proc, progress, score=False)
    return streamed.layers, len(streamed.gold_ids), streamed.decisions


def score_folder(
    submission: str | Path,
    gold_dir: str | Path | None = None,
    *,
    options: ScoreOptions | None = None,
    system: str | None = None,
    outcomes: OutcomesMode = "items",
    strings: Strings = "auto",
    num_proc: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> FolderScore:
    """Score the submission file against the gold folder (default: the shipped test gold).

    Raises ``GoldError`` or ``SubmissionError`` with every problem, as ``score`` does.
    ``progress(done, total)`` is called as lines are scored. ``num_proc`` > 1 spawns that
    many processes; the results are the same bytes.
    """
    from naba.evaluate.scorer import assemble_tasks

    options = options or ScoreOptions()
    # the gold folder's hash (every record file read again: 2 s at 10,000 documents) is computed
    # in a thread while the lines are scored, not after; stopped if the scoring fails
    failed = threading.Event()
    folder = Path(gold_dir) if gold_dir is not None else annotations_dir() / "records"
    with ThreadPoolExecutor(max_workers=1) as hashing:
        gold_hash = hashing.submit(gold_sha256, folder, failed.is_set)
        drawn = hashing.submit(_drawn_weights, folder, options, failed.is_set)  # after the hash, in its thread
        try:
            streamed = _stream(Path(submission), gold_dir, options, outcomes, strings, num_proc, progress, score=True)
        except BaseException:
            failed.set()
            raise
        gold_sha = gold_hash.result()
        weights = drawn.result()
    if streamed.submission_sha256 is None:  # pragma: no cover - _stream hashes whenever it scores
        raise RuntimeError("a scored stream without its submission hash")
    if streamed.deferred is not None:
        raise streamed.deferred
    if streamed.assembled < len(streamed.gold_ids):  # pragma: no cover - a valid submission scores every document
        raise KeyError(streamed.gold_ids[streamed.assembled])
    assembly = streamed.assembly
    results = Results(
        naba_version=naba.__version__,
        schema_version=SCHEMA_VERSION,
        gold_sha256=gold_sha,
        gold_documents=streamed.gold_ids,
        submission_sha256=streamed.submission_sha256,
        submission_file_sha256=streamed.file_sha256,
        system=system,
        options=options,
        units=UnitsInfo(kind="sentence" if len(streamed.gold_ids) == 1 else "document", n=assembly.n_units),
        tasks=assemble_tasks(assembly, streamed.layers, options, weights),
        outcomes=outcomes,
    )
    return FolderScore(results, streamed.decisions)


def _drawn_weights(folder: Path, options: ScoreOptions, stop: Callable[[], bool]) -> Any:
    """The bootstrap's weights for a gold of several documents (one unit each), drawn beside the
    scoring where they were drawn after it (0.2-0.3 s at 10,000 documents); None for a single
    document (its units are its sentences) or once ``stop`` says the scoring failed.
    ``assemble_tasks`` draws them itself unless their shape is its units'."""
    from naba.evaluate.scorer import bootstrap_weights

    n_documents = len(record_paths(folder))
    if stop() or n_documents < 2:
        return None
    return bootstrap_weights(n_documents, options)


def worker_count(requested: int) -> int:
    """``requested`` processes, at most the machine's CPUs (0: all of them)."""
    available = os.cpu_count() or 1
    return available if requested == 0 else min(requested, available)
