"""The one submission validator: reading, parsing and validating submission lines.

Validation happens once, at this boundary, and *collects* every problem with
its line, field (a dotted path) and value (``naba.common.problems.Problem``): malformed
JSON, duplicate keys, wrong types, unknown labels (closed inventories of
``naba.gold.inventory``), unknown/duplicate/missing documents, duplicate ids, spans
outside the text or whose ``text`` is not the covered text, dangling
references, roles not allowed for the event type, malformed TIMEX3 values,
a layer given on some lines and not on others. Nothing is repaired or dropped.
The file is read as data only: never executed, never unpickled; files above
``submission_byte_limit(gold)`` (proportional to the gold documents' text) are
refused unread.

The documents a submission is checked against are gold records or any objects
with an ``id`` and a ``text`` (the inputs ``naba run`` gives an extractor): the
checks only need each document's id and text. ``load_submission`` (a file),
``coerce_submission`` (parsed objects) and ``validate_records`` (an extractor's
records, one per input document) all go through ``validate_objects``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Literal, Mapping, Protocol, Sequence

from pydantic import BaseModel, ValidationError

from naba.common.jsonpos import Path as JsonPath
from naba.common.jsonload import MAX_DEPTH, StrictJSONError, deeper_than, loads_plain, loads_strict, model_from_utf8
from naba.common.problems import Problem, dotted, short
from naba.gold.inventory import EVENT_ROLES, LAYERS, TIME_ROLE
from naba.gold.model import Record
from naba.gold.timex3 import is_valid_value
from naba.submission.align import STRINGS_MODES, Decision, Strings, align_record
from naba.submission.model import (
    SubEntity,
    SubEvent,
    Submission,
    SubmissionDocument,
    SubmissionError,
    SubQuote,
    SubSpan,
    SubTimex,
)
from naba.submission.hints import structure_problems
from naba.submission.shapes import expand, uses_strings


class Text(Protocol):
    """What a submission line is checked against: a document's id and text."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


def _text_of(document: Record | Text) -> Text:
    """The document of a gold record, or the document itself."""
    return document.document if isinstance(document, Record) else document


#: The size limit of a submission scales with the gold it is scored against: per
#: gold document, ``SUBMISSION_BYTES_PER_DOCUMENT`` plus
#: ``SUBMISSION_BYTES_PER_CHARACTER`` per code point of its text. A complete
#: submission of every layer for the article takes about 10.5 bytes per
#: character (53,821 bytes for 5,127 characters), so the limit (2.6 MiB for the
#: article) leaves room for about 50 times that. A fixed limit refused complete
#: submissions for large gold folders and admitted, for one article, far more
#: spurious items than any extractor writes.
SUBMISSION_BYTES_PER_DOCUMENT: int = 64 * 1024
SUBMISSION_BYTES_PER_CHARACTER: int = 512
#: Documents files given to ``naba run`` are read with this limit (bytes).
MAX_DOCUMENTS_BYTES: int = 50 * 1024 * 1024


def submission_byte_limit(gold: Sequence[Record | Text]) -> int:
    """The largest submission file (bytes) accepted against ``gold``."""
    return sum(SUBMISSION_BYTES_PER_DOCUMENT + SUBMISSION_BYTES_PER_CHARACTER * len(_text_of(d).text) for d in gold)


def submission_byte_bound(record_files: Sequence[Path]) -> int:
    """An upper bound of ``submission_byte_limit`` from the gold files' sizes alone (a record
    file holds its text, and a character takes at least one byte): a file above it is refused
    before a single gold record is read, which for a large gold folder takes a while."""
    total = 0
    for path in record_files:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the gold loader reports it
        total += SUBMISSION_BYTES_PER_DOCUMENT + SUBMISSION_BYTES_PER_CHARACTER * size
    return total


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class ParsedLine:
    """One JSON line decoded: its object (None if it is not one, or when it was validated
    without one: ``parse_line(with_value=False)``), its problems, and whether it was blank or not
    UTF-8 (a file of blank lines only is "empty", one problem, not many)."""

    number: int
    value: dict[str, Any] | None
    problems: tuple[Problem, ...]
    blank: bool
    undecodable: bool
    #: ``value`` validated as a submission line, when the fast path could (``parse_line``)
    document: SubmissionDocument | None = None


def parse_line(raw: bytes, number: int, file: str, *, with_value: bool = True) -> ParsedLine:
    """Decode line ``number`` (its bytes without the newline) strictly: UTF-8, JSON without
    duplicate keys or lone surrogates, an object.

    A line that is a well-formed submission line (the usual case) is decoded by the C decoder
    and validated as a ``SubmissionDocument`` once (``document``, which ``check_line`` then
    takes instead of validating again; the model bounds its depth, see ``jsonload.loads_plain``);
    any other line is decoded by ``loads_strict``, which reports what
    is wrong with it, and ``document`` is None.

    ``with_value=False``: a caller that needs only ``document`` when there is one (the folder
    scorer, which gives it to ``check_line`` as validated); the line is then validated straight
    from its bytes, before any decoding (``jsonload.model_from_utf8``: one parse, no dict, no text;
    it accepts only bytes that decode to a text ``model_from_json`` accepts, so never a blank or
    undecodable line) and ``value`` is None beside its ``document``. Any other line is decoded
    as above, with the same problems."""
    if not with_value:
        direct = model_from_utf8(SubmissionDocument, raw)
        if direct is not None:
            return ParsedLine(number, None, (), False, False, direct)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:  # this line is reported; the others are still checked
        problem = Problem(file, number, "<line>", short(raw[err.start : err.start + 8]), f"not UTF-8 text at byte {err.start} of the line", "encoding")
        return ParsedLine(number, None, (problem,), False, True)
    if not line.strip():
        return ParsedLine(number, None, (Problem(file, number, "<line>", short(line), "blank line (one JSON object per line)", "blank_line"),), True, False)
    fast = loads_plain(line, decoded_from_utf8=True)  # decoded from the line's bytes above
    if isinstance(fast, dict):
        try:
            document = SubmissionDocument.model_validate(fast)
        except ValidationError:
            document = None
        if document is not None:
            return ParsedLine(number, fast, (), False, False, document)
    try:
        decoded = loads_strict(line)
    except StrictJSONError as err:
        return ParsedLine(number, None, (Problem(file, number, "<line>", short(err.fragment or line[:40]), str(err), "json"),), False, False)
    value = decoded.value
    problems = [Problem(file, number, key, short(dup), "duplicate key in a JSON object", "duplicate_key") for key, dup in decoded.duplicate_keys]
    problems += [Problem(file, number, key, "<lone surrogate>", "a string holds a lone surrogate (not valid Unicode text)", "encoding")
                 for key in decoded.lone_surrogates]
    if decoded.lone_surrogates:
        return ParsedLine(number, None, tuple(problems), False, False)
    if not isinstance(value, dict):
        problems.append(Problem(file, number, "<line>", short(value), "each line must be a JSON object", "not_object"))
        return ParsedLine(number, None, tuple(problems), False, False)
    return ParsedLine(number, value, tuple(problems), False, False)


def empty_file_problem(file: str) -> Problem:
    return Problem(file, None, "<file>", short(file), "empty submission: no JSON line", "empty")


def parse_jsonl(data: bytes, file: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """Decode JSON Lines into (line number, value) pairs; problems for bad lines."""
    raw_lines = data.split(b"\n")  # JSON Lines are split on "\n" only (U+2028 is text, not a line end)
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()  # the newline that ends the last line
    parsed = [parse_line(raw, number, file) for number, raw in enumerate(raw_lines, start=1)]
    if not any(p.undecodable for p in parsed) and all(p.blank or p.undecodable for p in parsed):
        return [], [empty_file_problem(file)]
    # encoding problems first, as the lines are decoded before any is parsed
    problems = [q for p in parsed if p.undecodable for q in p.problems] + [q for p in parsed if not p.undecodable for q in p.problems]
    return [(p.number, p.value) for p in parsed if p.value is not None], problems


def submission_file_problems(path: Path, limit: int) -> list[Problem]:
    """The problem, if any, that stops ``path`` from being read as a submission of at most
    ``limit`` bytes: missing, not a file, or too large (judged by its size, nothing read)."""
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        return [Problem(file, None, "<file>", short(file), f"cannot read: {err.strerror or err}", "io")]
    if not path.is_file():
        return [Problem(file, None, "<file>", short(file), "not a file", "io")]
    if size > limit:
        return [Problem(file, None, "<file>", str(size), f"file is {size} bytes; the limit is {limit} bytes ({limit / 2**20:.1f} MiB)", "too_large")]
    return []


def read_submission_bytes(path: Path, *, limit: int) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem if it is missing, unreadable or larger than ``limit``
    bytes (checked before anything is read)."""
    problems = submission_file_problems(path, limit)
    if problems:
        return None, problems
    try:
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(str(path), None, "<file>", short(str(path)), f"cannot read: {err.strerror or err}", "io")]


def load_submission(path: str | Path, gold: Sequence[Record | Text], *, strings: Strings = "auto") -> Submission:
    """Read, parse and validate a submission file; raises SubmissionError with every problem.
    String spans (the shapes of ``naba.submission.shapes``) are aligned first (``strings``)."""
    path = Path(path)
    data, problems = read_submission_bytes(path, limit=submission_byte_limit(gold))
    if data is None:
        raise SubmissionError(problems)
    values, problems = parse_jsonl(data, str(path))
    values, decisions = align_values(values, gold, strings)
    docs, more = validate_objects(values, gold, str(path))
    problems += more
    if problems:
        raise SubmissionError(sorted(problems, key=problem_order), decisions)
    return _submission(docs, str(path), hashlib.sha256(data).hexdigest(), decisions)


def coerce_submission(objects: Iterable[Mapping[str, Any] | SubmissionDocument], gold: Sequence[Record | Text], source: str = "<objects>",
                      *, strings: Strings = "auto") -> Submission:
    """Validate already-parsed objects (dicts or models) exactly as a file would be."""
    values: list[tuple[int, Any]] = []
    for number, obj in enumerate(objects, start=1):
        if isinstance(obj, SubmissionDocument):
            values.append((number, obj.model_dump(mode="python", exclude={l for l in LAYERS if getattr(obj, l) is None})))
        else:
            values.append((number, obj))
    if not values:
        raise SubmissionError([Problem(source, None, "<file>", short(source), "empty submission: no document", "empty")])
    deep = [Problem(source, None, f"[{number - 1}]", "<nested>", f"nested deeper than {MAX_DEPTH} levels (a record needs fewer than 10)", "json")
            for number, value in values if deeper_than(value)]
    if deep:  # refused before any recursive code (alignment, pydantic) sees them
        raise SubmissionError(deep)
    values, decisions = align_values(values, gold, strings)
    docs, problems = validate_objects(values, gold, source, numbering="index")
    if problems:
        raise SubmissionError(sorted(problems, key=problem_order), decisions)
    return _submission(docs, source, None, decisions)


def align_values(values: Sequence[tuple[int, Any]], gold: Sequence[Record | Text], strings: Strings) -> tuple[list[tuple[int, Any]], list[Decision]]:
    """Rewrite LLM shapes and align string spans of the records that use them (``auto``) or of
    every record (``always``); ``never`` leaves them for the validator to report. A record whose
    document is unknown is left as it is (the validator reports it)."""
    if strings not in STRINGS_MODES:
        raise ValueError(f"strings must be one of {', '.join(STRINGS_MODES)}, got {strings!r}")
    if strings == "never":
        return list(values), []
    texts = {document.id: document.text for document in map(_text_of, gold)}
    out: list[tuple[int, Any]] = []
    decisions: list[Decision] = []
    for number, value in values:
        doc_id = value.get("document_id") if isinstance(value, dict) else None
        if isinstance(doc_id, str) and doc_id in texts and (strings == "always" or uses_strings(value)):
            alignment = align_record(texts[doc_id], expand(value))
            decisions.extend(alignment.decisions)
            out.append((number, alignment.record))
        else:
            out.append((number, value))
    return out, decisions


#: Problems that are consequences of others (a document whose line did not parse is "missing"):
#: listed after every problem that names a line, so that the cause is read first.
_CONSEQUENCES: frozenset[str] = frozenset({"missing_document", "layer_coverage"})


def problem_order(problem: Problem) -> tuple[int, int, str, str]:
    consequence = problem.code in _CONSEQUENCES and problem.line is None
    return (int(consequence), problem.line if problem.line is not None else 0, problem.field, problem.code)


def _submission(docs: list[SubmissionDocument], source: str, file_sha: str | None, decisions: Sequence[Decision] = ()) -> Submission:
    canonical = "".join(doc.canonical_json() + "\n" for doc in docs)
    layers = docs[0].layers() if docs else ()
    return Submission(tuple(docs), layers, hashlib.sha256(canonical.encode("utf-8")).hexdigest(), file_sha, source, tuple(decisions))


@dataclass(frozen=True)
class LineCheck:
    """What one submission line is on its own: its document, layers and problems.

    ``structure`` problems are the line's shape (pydantic); ``relations`` its offsets,
    ids and references against its gold document. ``document_id`` is None when even the
    id is unreadable; ``known`` says whether the gold has that document; ``document`` is
    the parsed line when it parsed completely. The checks that need every line (unknown,
    duplicate and missing documents, layer coverage) are ``combine_lines``'s.
    """

    number: int
    document_id: str | None
    known: bool
    layers: frozenset[str]
    document: SubmissionDocument | None
    structure: tuple[Problem, ...]
    relations: tuple[Problem, ...]


def check_line(number: int, value: Any, gold_by_id: Mapping[str, Text], file: str, line: int | None, prefix: str,
               validated: SubmissionDocument | None = None) -> LineCheck:
    """The checks of one line that need only its own gold document (looked up in ``gold_by_id``).
    ``validated``: ``value`` already validated as a ``SubmissionDocument`` (``parse_line``'s
    ``document``, when nothing rewrote the value since), which is then not validated again."""
    structure: list[Problem] = []
    complete = True
    try:
        doc: SubmissionDocument | None = validated if validated is not None else SubmissionDocument.model_validate(value)
    except ValidationError as err:
        structure.extend(structure_problems(err.errors(), file, line, prefix))
        doc, complete = _partial_document(value), False
    if doc is None:
        return LineCheck(number, None, False, frozenset(), None, tuple(structure), ())
    # a validated line gives a layer exactly when it is not None (null is refused)
    layers = frozenset(doc.layers()) if validated is not None else frozenset(layer for layer in LAYERS if isinstance(value, dict) and layer in value)
    if doc.document_id not in gold_by_id:
        return LineCheck(number, doc.document_id, False, layers, None, tuple(structure), ())
    # relational checks also run on the items of a line that did parse, so one
    # report lists every problem (ids of items that did not parse still count
    # as known, so their absence causes no second, misleading problem)
    raw_ids = {} if complete else _raw_ids(value)
    relations = check_document(doc, gold_by_id[doc.document_id], file, line, prefix, known_ids=raw_ids)
    return LineCheck(number, doc.document_id, True, layers, doc if complete else None, tuple(structure), tuple(relations))


def combine_lines(
    checks: Iterable[LineCheck], gold_ids: Iterable[str], file: str, where: Callable[[int], tuple[int | None, str]],
) -> tuple[dict[str, int], list[Problem]]:
    """The checks across lines, in line order: unknown, duplicate and missing documents, and a
    layer given on some lines only. Returns each accepted document's line number and every
    problem (each line's own included; a duplicate line's relations are not re-reported)."""
    problems: list[Problem] = []
    ordered_ids = sorted(gold_ids)
    known = set(ordered_ids)
    seen: dict[str, int] = {}
    layers_of: dict[int, frozenset[str]] = {}
    unreadable_id = False
    for check in sorted(checks, key=lambda c: c.number):
        line, prefix = where(check.number)
        problems.extend(check.structure)
        if check.document_id is None:
            unreadable_id = True
            continue
        if check.document_id not in known:
            problems.append(Problem(file, line, prefix + "document_id", short(check.document_id),
                                    f"unknown document id (gold has: {', '.join(ordered_ids[:5])})", "unknown_document"))
            continue
        if check.document_id in seen:
            problems.append(Problem(file, line, prefix + "document_id", short(check.document_id),
                                    f"document already given on line {seen[check.document_id]}", "duplicate_document"))
            continue
        seen[check.document_id] = check.number
        layers_of[check.number] = check.layers
        problems.extend(check.relations)
    if not unreadable_id:
        some_line_failed = bool(problems)
        for doc_id in sorted(known - set(seen)):
            why = " (a line above did not validate: it may be that document's)" if some_line_failed else ""
            problems.append(Problem(file, None, "document_id", short(doc_id), f"gold document missing from the submission{why}", "missing_document"))
    # a layer is predicted on every line or on none
    for layer in LAYERS:
        present = sorted(number for number, layers in layers_of.items() if layer in layers)
        if present and len(present) != len(layers_of):
            for number in sorted(layers_of):
                if layer not in layers_of[number]:
                    line, prefix = where(number)
                    problems.append(Problem(file, line, prefix + layer, "<absent>", f"layer {layer!r} is given on other lines (e.g. line {present[0]}); give it on every line or on none", "layer_coverage"))
    return seen, problems


def line_locator(numbering: Literal["line", "index", "none"]) -> Callable[[int], tuple[int | None, str]]:
    """How a problem of the object numbered ``n`` is located: by that ``line`` (a file), by
    ``[index]`` at the start of the field path (objects that did not come from a file), or by
    the file alone (``"none"``: one record named by its document)."""
    def where(number: int) -> tuple[int | None, str]:
        if numbering == "line":
            return number, ""
        return None, f"[{number - 1}]." if numbering == "index" else ""

    return where


def validate_objects(
    values: Sequence[tuple[int, Any]], gold: Sequence[Record | Text], file: str, *,
    numbering: Literal["line", "index", "none"] = "line",
) -> tuple[list[SubmissionDocument], list[Problem]]:
    """Structure (pydantic) then relations (offsets, ids, references) of every object
    (``check_line``), then the checks across them (``combine_lines``).

    ``values`` pairs each object with its line number; ``numbering`` says how a problem is
    located (``line_locator``).
    """
    documents = [_text_of(document) for document in gold]
    gold_by_id = {document.id: document for document in documents}
    where = line_locator(numbering)
    checks = [check_line(number, value, gold_by_id, file, *where(number)) for number, value in values]
    accepted, problems = combine_lines(checks, gold_by_id, file, where)
    parsed = {c.document_id: c.document for c in checks if c.document is not None and accepted.get(c.document_id or "") == c.number}
    docs = [parsed[document.id] for document in documents if document.id in parsed]
    return docs, problems  # type: ignore[return-value]


_ITEM_MODELS: dict[str, type[BaseModel]] = {"entities": SubEntity, "timexes": SubTimex, "quotes": SubQuote, "events": SubEvent}


def _raw_ids(value: Any) -> dict[str, set[str]]:
    """The string ids written in each layer of a raw line, parsed or not."""
    out: dict[str, set[str]] = {}
    if isinstance(value, dict):
        for layer in LAYERS:
            items = value.get(layer)
            if isinstance(items, list):
                out[layer] = {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
    return out


def _partial_document(value: Any) -> SubmissionDocument | None:
    """The parts of an invalid line that do validate (invalid items become None), for
    the relational checks; None if even the document id is unreadable."""
    if not isinstance(value, dict):
        return None
    doc_id = value.get("document_id")
    try:
        SubmissionDocument.model_validate({"document_id": doc_id})
    except ValidationError:
        return None
    layers: dict[str, Any] = {}
    for layer, model in _ITEM_MODELS.items():
        items = value.get(layer)
        if isinstance(items, list):
            valid: list[BaseModel | None] = []
            for item in items:
                try:
                    valid.append(model.model_validate(item))
                except ValidationError:
                    valid.append(None)
            layers[layer] = valid
    return SubmissionDocument.model_construct(document_id=doc_id, **layers)


def _spans_fine(doc: SubmissionDocument, text: str) -> bool:
    """Would ``check_document``'s span check find nothing wrong with any span of ``doc`` (items
    that did not parse, None, skipped as there)? One tight pass with no paths built; only a
    line with a bad span is checked span by span (tests/test_fast_validation.py)."""
    spans: list[SubSpan] = []
    for entity in doc.entities or ():
        if entity is not None:
            spans += entity.mentions
    spans += [timex for timex in doc.timexes or () if timex is not None]
    for quote in doc.quotes or ():
        if quote is not None:
            spans.append(quote.cue)
            spans += quote.content
            if quote.speaker_mention is not None:
                spans.append(quote.speaker_mention)
    for event in doc.events or ():
        if event is not None:
            spans.append(event.trigger)
            spans += event.arguments
    n = len(text)
    for span in spans:
        start, end = span.start, span.end
        if not start < end <= n or text[start:end] != span.text:
            return False
    return True


def _line_ids_unique(doc: SubmissionDocument) -> bool:
    """Is every id ``check_document`` claims (entities', mentions', time expressions', quotes' and
    events', of the items that parsed) written once? One set of them all."""
    ids = []
    for entity in doc.entities or ():
        if entity is not None:
            ids.append(entity.id)
            ids += [m.id for m in entity.mentions]
    for layer in (doc.timexes, doc.quotes, doc.events):
        ids += [item.id for item in layer or () if item is not None]
    return len(set(ids)) == len(ids)


def check_document(
    doc: SubmissionDocument, record: Record | Text, file: str, line: int | None, prefix: str = "",
    known_ids: Mapping[str, set[str]] | None = None,
) -> list[Problem]:
    """Relational checks of one parsed line against its gold document.

    ``known_ids`` adds ids (per layer) of items that exist but did not parse.
    """
    known_ids = known_ids or {}
    text = _text_of(record).text
    problems: list[Problem] = []

    def add(path: JsonPath, value: object, message: str, code: str) -> None:
        problems.append(Problem(file, line, prefix + dotted(path), short(value), message, code))

    def span(path: JsonPath, s: SubSpan) -> None:
        if s.end > len(text) or s.start > s.end:
            add(path + ("end",), [s.start, s.end], f"offsets out of range for a text of length {len(text)}", "offset_range")
        elif s.start == s.end:
            add(path + ("start",), [s.start, s.end], "empty span", "empty_span")
        elif text[s.start : s.end] != s.text:
            add(path + ("text",), s.text, f"covered text is {text[s.start:s.end]!r}", "covered_text")

    # every span at once; span by span (and located, each with its path) only when one of them
    # is wrong; every id at once, claimed one by one (each with its path) only when one is
    # written twice: a valid line builds no path and makes no call per item (issue 15)
    spans_checked = not _spans_fine(doc, text)
    claims_checked = not _line_ids_unique(doc)
    ids: dict[str, JsonPath] = {}

    def claim(identifier: str, path: JsonPath) -> None:
        if identifier in ids:
            add(path, identifier, f"duplicate id (first at {dotted(ids[identifier])})", "duplicate_id")
        else:
            ids[identifier] = path

    entity_ids = {e.id for e in doc.entities or () if e is not None}
    timex_ids = {t.id for t in doc.timexes or () if t is not None}
    quote_ids = {q.id for q in doc.quotes or () if q is not None}

    def ref(path: JsonPath, value: str | None, known: set[str], layer: str, what: str) -> None:
        if value is None:
            return
        if getattr(doc, layer) is None:
            add(path, value, f"refers to {what} but the line has no {layer!r} layer", "reference")
        elif value not in known and value not in known_ids.get(layer, set()):
            add(path, value, f"unknown {what} id", "reference")

    for i, entity in enumerate(doc.entities or ()):
        if entity is None:
            continue  # invalid item, already reported
        if claims_checked:
            claim(entity.id, ("entities", i, "id"))
        if entity.name is not None and not entity.name.strip():
            add(("entities", i, "name"), entity.name, "empty name (omit the field instead)", "empty_value")
        if claims_checked or spans_checked:
            for j, mention in enumerate(entity.mentions):
                if claims_checked:
                    claim(mention.id, ("entities", i, "mentions", j, "id"))
                if spans_checked:
                    span(("entities", i, "mentions", j), mention)
    for i, timex in enumerate(doc.timexes or ()):
        if timex is None:
            continue  # invalid item, already reported
        path: JsonPath = ("timexes", i)
        if claims_checked:
            claim(timex.id, path + ("id",))
        if spans_checked:
            span(path, timex)
        if not is_valid_value(timex.value):
            add(path + ("value",), timex.value, "not a TIMEX3 value naba accepts (see GUIDELINES.md)", "timex_value")
        anchor = timex.anchor
        if anchor is not None:
            if anchor.kind == "publication_date":
                if anchor.id is not None:
                    add(path + ("anchor", "id"), anchor.id, "a publication_date anchor has no id", "reference")
            elif anchor.id is None:
                add(path + ("anchor", "id"), None, f"a {anchor.kind} anchor needs an id", "reference")
            elif anchor.kind == "timex":
                ref(path + ("anchor", "id"), anchor.id, timex_ids - {timex.id}, "timexes", "time expression (not itself)")
            else:
                ref(path + ("anchor", "id"), anchor.id, quote_ids, "quotes", "quote")
    for i, quote in enumerate(doc.quotes or ()):
        if quote is None:
            continue  # invalid item, already reported
        path = ("quotes", i)
        if claims_checked:
            claim(quote.id, path + ("id",))
        if spans_checked:
            span(path + ("cue",), quote.cue)
        for k, content in enumerate(quote.content):
            if spans_checked:
                span(path + ("content", k), content)
            if k and content.start < quote.content[k - 1].end:
                add(path + ("content", k, "start"), content.start, "content spans must be ordered and disjoint", "content_order")
        if quote.speaker_mention is not None and spans_checked:
            span(path + ("speaker_mention",), quote.speaker_mention)
        if quote.speaker_name is not None and not quote.speaker_name.strip():
            add(path + ("speaker_name",), quote.speaker_name, "empty speaker name (omit the field instead)", "empty_value")
        ref(path + ("speaker_entity_id",), quote.speaker_entity_id, entity_ids, "entities", "entity")
        ref(path + ("relayed_by_entity_id",), quote.relayed_by_entity_id, entity_ids, "entities", "entity")
    for i, event in enumerate(doc.events or ()):
        if event is None:
            continue  # invalid item, already reported
        path = ("events", i)
        if claims_checked:
            claim(event.id, path + ("id",))
        if spans_checked:
            span(path + ("trigger",), event.trigger)
        allowed = EVENT_ROLES[event.type]
        for k, argument in enumerate(event.arguments):
            if spans_checked:
                span(path + ("arguments", k), argument)
            if argument.role not in allowed:
                add(path + ("arguments", k, "role"), argument.role, f"role not allowed for {event.type}; allowed: {', '.join(allowed)}", "role")
            elif argument.ref_id is not None and argument.ref_id not in (timex_ids if argument.role == TIME_ROLE else entity_ids):
                # an id of the line's own items is fine (``ref``): only another builds its path and asks
                if argument.role == TIME_ROLE:
                    ref(path + ("arguments", k, "ref_id"), argument.ref_id, timex_ids, "timexes", "time expression")
                else:
                    ref(path + ("arguments", k, "ref_id"), argument.ref_id, entity_ids, "entities", "entity")
        ref(path + ("time_id",), event.time_id, timex_ids, "timexes", "time expression")
    return problems


def _validate_record(record: Any, document: Record | Text) -> tuple[list[SubmissionDocument], list[Problem]]:
    return validate_objects([(1, record)], [document], f"<{_text_of(document).id}>", numbering="none")


def validate_submission_record(record: Any, document: Record | Text) -> list[Problem]:
    """Every problem of one submission record (an extractor's output) against its document,
    located as ``<document id>``: the checks of a one-line submission file."""
    return _validate_record(record, document)[1]


def validate_records(records: Sequence[Any], documents: Sequence[Record | Text]) -> tuple[list[SubmissionDocument], list[Problem]]:
    """An extractor's records (``records[i]`` for ``documents[i]``), validated exactly as a
    submission file of them is: each against its own document (``validate_submission_record``),
    then all together (a layer given for some documents and not for others)."""
    docs: list[SubmissionDocument] = []
    problems: list[Problem] = []
    for record, document in zip(records, documents, strict=True):
        parsed, found = _validate_record(record, document)
        docs += parsed
        problems += found
    if not problems and records:
        docs, problems = validate_objects(list(enumerate(records, start=1)), documents, "<extractor output>", numbering="index")
    return docs, problems
