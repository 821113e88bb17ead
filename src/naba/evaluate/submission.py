"""The submission format, its loader, and its validator.

A submission is a JSON Lines file: one object per gold document, with
``document_id`` and any subset of the layers ``entities``, ``timexes``,
``quotes``, ``events``; field names are those of the gold record
(``naba.gold.model``). A layer *absent* from the objects was not predicted and is
not scored (reported as "not predicted", never counted as zero); a layer given
as ``[]`` predicted nothing. A layer must be present on every line or on none.

Validation happens once, at this boundary, and *collects* every problem with
its line, field (a dotted path) and value (``naba.common.problems.Problem``): malformed
JSON, duplicate keys, wrong types, unknown labels (closed inventories of
``naba.gold.inventory``), unknown/duplicate/missing documents, duplicate ids, spans
outside the text or whose ``text`` is not the covered text, dangling
references, roles not allowed for the event type, malformed TIMEX3 values.
Nothing is repaired or dropped. The file is read as data only: never executed,
never unpickled; files above ``MAX_SUBMISSION_BYTES`` are refused unread.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from naba.gold.inventory import (
    LAYERS,
    AnchorKind,
    EntityType,
    EVENT_ROLES,
    EventType,
    Factuality,
    MentionKind,
    QuoteKind,
    TIME_ROLE,
    TimexType,
)
from naba.common.jsonpos import Path as JsonPath
from naba.gold.model import Id, Offset, Record
from naba.common.problems import Problem, dotted, render, short
from naba.gold.timex3 import is_valid_value

#: Largest submission file accepted (bytes): 50 MiB, about 100x the size of a
#: complete submission for a 1,000-document corpus. Larger files are refused
#: before they are read.
MAX_SUBMISSION_BYTES: int = 50 * 1024 * 1024



class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SubSpan(_Strict):
    """A half-open ``[start, end)`` span and the text it covers (checked)."""

    start: Offset
    end: Offset
    text: str


class SubMention(SubSpan):
    id: Id
    kind: MentionKind | None = None


class SubEntity(_Strict):
    """A predicted entity; each mention is scored with the entity's ``type``."""

    id: Id
    type: EntityType
    name: str | None = Field(default=None, description="Canonical name; used to credit a quote speaker.")
    mentions: list[SubMention] = Field(min_length=1)


class SubAnchor(_Strict):
    kind: AnchorKind
    id: Id | None = None


class SubTimex(SubSpan):
    id: Id
    type: TimexType
    value: str
    anchor: SubAnchor | None = None


class SubQuote(_Strict):
    id: Id
    kind: QuoteKind
    cue: SubSpan
    content: list[SubSpan] = Field(min_length=1)
    speaker_entity_id: Id | None = None
    speaker_name: str | None = None
    speaker_mention: SubSpan | None = None
    relayed_by_entity_id: Id | None = None


class SubArgument(SubSpan):
    role: str
    ref_id: Id | None = None


class SubEvent(_Strict):
    id: Id
    type: EventType
    trigger: SubSpan
    arguments: list[SubArgument] = Field(default_factory=list)
    time_id: Id | None = None
    factuality: Factuality | None = None


def _absent_is_not_null(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


class SubmissionDocument(_Strict):
    """One line of a submission. Omit a layer to not predict it; ``null`` is an error."""

    document_id: Id
    entities: list[SubEntity] = Field(default=None, json_schema_extra=_absent_is_not_null)  # type: ignore[arg-type, assignment]
    timexes: list[SubTimex] = Field(default=None, json_schema_extra=_absent_is_not_null)  # type: ignore[arg-type, assignment]
    quotes: list[SubQuote] = Field(default=None, json_schema_extra=_absent_is_not_null)  # type: ignore[arg-type, assignment]
    events: list[SubEvent] = Field(default=None, json_schema_extra=_absent_is_not_null)  # type: ignore[arg-type, assignment]

    def layers(self) -> tuple[str, ...]:
        return tuple(layer for layer in LAYERS if getattr(self, layer) is not None)

    def canonical_json(self) -> str:
        """Key order of the model, absent layers omitted, compact, UTF-8 kept."""
        return json.dumps(
            self.model_dump(mode="json", exclude_none=False, exclude_unset=False, exclude={l for l in LAYERS if getattr(self, l) is None}),
            ensure_ascii=False,
            separators=(",", ":"),
        )


@dataclass(frozen=True)
class Submission:
    """A validated submission, documents in gold order."""

    documents: tuple[SubmissionDocument, ...]
    layers: tuple[str, ...]
    sha256: str
    file_sha256: str | None
    source: str


class SubmissionError(Exception):
    """The submission does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(render(problems))
        self.problems = problems


def json_schema() -> dict[str, Any]:
    """JSON Schema of one submission line (evaluate/submission.schema.json)."""
    from naba.gold.model import SCHEMA_VERSION

    schema = SubmissionDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"naba-submission-{SCHEMA_VERSION}"
    schema["description"] = (
        "One line of a naba submission (JSON Lines, one object per gold document). "
        "Omit a layer to leave it unscored; [] predicts nothing. Offsets are half-open "
        "code-point indices into the gold document text; `text` must equal the covered text."
    )
    return schema


# --------------------------------------------------------------------------- loading


class _DuplicateKeys:
    """``object_pairs_hook`` that records duplicate keys instead of keeping the last."""

    def __init__(self) -> None:
        self.duplicates: list[tuple[str, Any]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                self.duplicates.append((key, value))
            out[key] = value
        return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_jsonl(data: bytes, file: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """Decode JSON Lines into (line number, value) pairs; problems for bad lines."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_line = data[: err.start].count(b"\n") + 1
        return [], [Problem(file, bad_line, "<line>", short(data[err.start : err.start + 8]), "not UTF-8 text", "encoding")]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    if not any(line.strip() for line in lines):
        return [], [Problem(file, None, "<file>", short(file), "empty submission: no JSON line", "empty")]
    values: list[tuple[int, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            problems.append(Problem(file, number, "<line>", short(line), "blank line (one JSON object per line)", "blank_line"))
            continue
        hook = _DuplicateKeys()
        try:
            value = json.loads(line, object_pairs_hook=hook, parse_constant=_reject_constant)
        except json.JSONDecodeError as err:
            problems.append(Problem(file, number, "<line>", short(line[err.pos : err.pos + 20]), f"invalid JSON at column {err.colno}: {err.msg}", "json"))
            continue
        except ValueError as err:
            problems.append(Problem(file, number, "<line>", short(line[:40]), str(err), "json"))
            continue
        for key, dup in hook.duplicates:
            problems.append(Problem(file, number, key, short(dup), "duplicate key in a JSON object", "duplicate_key"))
        if not isinstance(value, dict):
            problems.append(Problem(file, number, "<line>", short(value), "each line must be a JSON object", "not_object"))
            continue
        values.append((number, value))
    return values, problems


def read_submission_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem if it is missing, unreadable or too large."""
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        return None, [Problem(file, None, "<file>", short(file), f"cannot read: {err.strerror or err}", "io")]
    if not path.is_file():
        return None, [Problem(file, None, "<file>", short(file), "not a file", "io")]
    if size > MAX_SUBMISSION_BYTES:
        return None, [Problem(file, None, "<file>", str(size), f"file is {size} bytes; the limit is {MAX_SUBMISSION_BYTES} bytes (50 MiB)", "too_large")]
    try:
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(file, None, "<file>", short(file), f"cannot read: {err.strerror or err}", "io")]


def load_submission(path: str | Path, gold: Sequence[Record]) -> Submission:
    """Read, parse and validate a submission file; raises SubmissionError with every problem."""
    path = Path(path)
    data, problems = read_submission_bytes(path)
    if data is None:
        raise SubmissionError(problems)
    values, problems = parse_jsonl(data, str(path))
    docs, more = validate_objects(values, gold, str(path))
    problems += more
    if problems:
        raise SubmissionError(sorted(problems, key=_problem_order))
    return _submission(docs, str(path), hashlib.sha256(data).hexdigest())


def coerce_submission(objects: Iterable[Mapping[str, Any] | SubmissionDocument], gold: Sequence[Record], source: str = "<objects>") -> Submission:
    """Validate already-parsed objects (dicts or models) exactly as a file would be."""
    values: list[tuple[int, Any]] = []
    for number, obj in enumerate(objects, start=1):
        if isinstance(obj, SubmissionDocument):
            values.append((number, obj.model_dump(mode="python", exclude={l for l in LAYERS if getattr(obj, l) is None})))
        else:
            values.append((number, obj))
    if not values:
        raise SubmissionError([Problem(source, None, "<file>", short(source), "empty submission: no document", "empty")])
    docs, problems = validate_objects(values, gold, source, line_numbers=False)
    if problems:
        raise SubmissionError(sorted(problems, key=_problem_order))
    return _submission(docs, source, None)


def _problem_order(problem: Problem) -> tuple[int, str, str]:
    return (problem.line if problem.line is not None else 0, problem.field, problem.code)


def _submission(docs: list[SubmissionDocument], source: str, file_sha: str | None) -> Submission:
    canonical = "".join(doc.canonical_json() + "\n" for doc in docs)
    layers = docs[0].layers() if docs else ()
    return Submission(tuple(docs), layers, hashlib.sha256(canonical.encode("utf-8")).hexdigest(), file_sha, source)


def validate_objects(
    values: Sequence[tuple[int, Any]], gold: Sequence[Record], file: str, *, line_numbers: bool = True
) -> tuple[list[SubmissionDocument], list[Problem]]:
    """Structure (pydantic) then relations (offsets, ids, references) of every object.

    ``values`` pairs each object with its line number (its index when the
    objects did not come from a file; then ``line`` is reported as None and the
    field path starts with ``[index]``).
    """
    problems: list[Problem] = []
    gold_by_id = {record.document.id: record for record in gold}
    parsed: dict[str, tuple[int, SubmissionDocument]] = {}
    seen: dict[str, int] = {}
    layers_of: dict[int, set[str]] = {}
    unreadable_id = False

    def where(number: int) -> tuple[int | None, str]:
        return (number, "") if line_numbers else (None, f"[{number - 1}].")

    for number, value in values:
        line, prefix = where(number)
        complete = True
        try:
            doc: SubmissionDocument | None = SubmissionDocument.model_validate(value)
        except ValidationError as err:
            for error in err.errors():
                loc: JsonPath = tuple(error["loc"])
                problems.append(Problem(file, line, prefix + dotted(loc), short(error.get("input")), error["msg"], "structure"))
            doc, complete = _partial_document(value), False
        if doc is None:
            unreadable_id = True
            continue
        if doc.document_id not in gold_by_id:
            known = ", ".join(sorted(gold_by_id)[:5])
            problems.append(Problem(file, line, prefix + "document_id", short(doc.document_id), f"unknown document id (gold has: {known})", "unknown_document"))
            continue
        if doc.document_id in seen:
            problems.append(Problem(file, line, prefix + "document_id", short(doc.document_id), f"document already given on line {seen[doc.document_id]}", "duplicate_document"))
            continue
        seen[doc.document_id] = number
        layers_of[number] = {layer for layer in LAYERS if isinstance(value, dict) and layer in value}
        if complete:
            parsed[doc.document_id] = (number, doc)
        # relational checks also run on the items of a line that did parse, so one
        # report lists every problem (ids of items that did not parse still count
        # as known, so their absence causes no second, misleading problem)
        raw_ids = {} if complete else _raw_ids(value)
        problems.extend(check_document(doc, gold_by_id[doc.document_id], file, line, prefix, known_ids=raw_ids))

    if not unreadable_id:
        for doc_id in sorted(set(gold_by_id) - set(seen)):
            problems.append(Problem(file, None, "document_id", short(doc_id), "gold document missing from the submission", "missing_document"))
    # a layer is predicted on every line or on none
    for layer in LAYERS:
        present = sorted(number for number, layers in layers_of.items() if layer in layers)
        if present and len(present) != len(layers_of):
            for number in sorted(layers_of):
                if layer not in layers_of[number]:
                    line, prefix = where(number)
                    problems.append(Problem(file, line, prefix + layer, "<absent>", f"layer {layer!r} is given on other lines (e.g. line {present[0]}); give it on every line or on none", "layer_coverage"))
    docs = [parsed[record.document.id][1] for record in gold if record.document.id in parsed]
    return docs, problems


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


def check_document(
    doc: SubmissionDocument, record: Record, file: str, line: int | None, prefix: str = "",
    known_ids: Mapping[str, set[str]] | None = None,
) -> list[Problem]:
    """Relational checks of one parsed line against its gold document.

    ``known_ids`` adds ids (per layer) of items that exist but did not parse.
    """
    known_ids = known_ids or {}
    text = record.document.text
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
        claim(entity.id, ("entities", i, "id"))
        if entity.name is not None and not entity.name.strip():
            add(("entities", i, "name"), entity.name, "empty name (omit the field instead)", "empty_value")
        for j, mention in enumerate(entity.mentions):
            claim(mention.id, ("entities", i, "mentions", j, "id"))
            span(("entities", i, "mentions", j), mention)
    for i, timex in enumerate(doc.timexes or ()):
        if timex is None:
            continue  # invalid item, already reported
        path: JsonPath = ("timexes", i)
        claim(timex.id, path + ("id",))
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
        claim(quote.id, path + ("id",))
        span(path + ("cue",), quote.cue)
        for k, content in enumerate(quote.content):
            span(path + ("content", k), content)
            if k and content.start < quote.content[k - 1].end:
                add(path + ("content", k, "start"), content.start, "content spans must be ordered and disjoint", "content_order")
        if quote.speaker_mention is not None:
            span(path + ("speaker_mention",), quote.speaker_mention)
        if quote.speaker_name is not None and not quote.speaker_name.strip():
            add(path + ("speaker_name",), quote.speaker_name, "empty speaker name (omit the field instead)", "empty_value")
        ref(path + ("speaker_entity_id",), quote.speaker_entity_id, entity_ids, "entities", "entity")
        ref(path + ("relayed_by_entity_id",), quote.relayed_by_entity_id, entity_ids, "entities", "entity")
    for i, event in enumerate(doc.events or ()):
        if event is None:
            continue  # invalid item, already reported
        path = ("events", i)
        claim(event.id, path + ("id",))
        span(path + ("trigger",), event.trigger)
        allowed = EVENT_ROLES[event.type]
        for k, argument in enumerate(event.arguments):
            apath = path + ("arguments", k)
            span(apath, argument)
            if argument.role not in allowed:
                add(apath + ("role",), argument.role, f"role not allowed for {event.type}; allowed: {', '.join(allowed)}", "role")
            elif argument.role == TIME_ROLE:
                ref(apath + ("ref_id",), argument.ref_id, timex_ids, "timexes", "time expression")
            else:
                ref(apath + ("ref_id",), argument.ref_id, entity_ids, "entities", "entity")
        ref(path + ("time_id",), event.time_id, timex_ids, "timexes", "time expression")
    return problems


# --------------------------------------------------------------------------- gold as a submission


def from_gold(record: Record, layers: Sequence[str] = LAYERS) -> SubmissionDocument:
    """The gold record written as a submission line (a perfect system's output).

    Quote speakers are given by ``speaker_entity_id`` plus the span of the gold
    ``speaker_mention_id`` when there is one; entities carry their canonical name.
    """
    mention_span = {m.id: m for e in record.entities for m in e.mentions}
    speaker_names = {e.id: e.name for e in record.entities}
    out: dict[str, Any] = {"document_id": record.document.id}
    if "entities" in layers:
        out["entities"] = [
            {"id": e.id, "type": e.type, "name": e.name,
             "mentions": [{"id": m.id, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind} for m in e.mentions]}
            for e in record.entities
        ]
    if "timexes" in layers:
        out["timexes"] = [
            {"id": t.id, "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "anchor": None if t.anchor is None else {"kind": t.anchor.kind, "id": t.anchor.id}}
            for t in record.timexes
        ]
    if "quotes" in layers:
        quotes = []
        for q in record.quotes:
            mention = mention_span.get(q.speaker_mention_id) if q.speaker_mention_id else None
            quotes.append({
                "id": q.id, "kind": q.kind,
                "cue": {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text},
                "content": [{"start": c.start, "end": c.end, "text": c.text} for c in q.content],
                "speaker_entity_id": q.speaker_entity_id if "entities" in layers else None,
                # without an entities layer the speaker is named instead
                "speaker_name": speaker_names.get(q.speaker_entity_id) if "entities" not in layers and q.speaker_entity_id else None,
                "speaker_mention": None if mention is None else {"start": mention.start, "end": mention.end, "text": mention.text},
                "relayed_by_entity_id": q.relayed_by_entity_id if "entities" in layers else None,
            })
        out["quotes"] = quotes
    if "events" in layers:
        out["events"] = [
            {"id": ev.id, "type": ev.type,
             "trigger": {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text},
             "arguments": [
                 {"role": a.role, "ref_id": a.ref_id if ("timexes" if a.role == TIME_ROLE else "entities") in layers else None,
                  "start": a.start, "end": a.end, "text": a.text}
                 for a in ev.arguments
             ],
             "time_id": ev.time_id if "timexes" in layers else None,
             "factuality": ev.factuality}
            for ev in record.events
        ]
    return SubmissionDocument.model_validate(out)


def dump_jsonl(docs: Iterable[SubmissionDocument]) -> str:
    """Submission lines as a file body (canonical JSON, one object per line)."""
    return "".join(doc.canonical_json() + "\n" for doc in docs)
