"""The submission format: one pydantic model of a submission line, shared by every entry point.

A submission is a JSON Lines file: one object per gold document, with ``document_id`` and any
subset of the layers ``entities``, ``timexes``, ``quotes``, ``events``; field names are those of
the gold record (``naba.gold.model``). A layer *absent* from the objects was not predicted and is
not scored (reported as "not predicted", never counted as zero); a layer given as ``[]``
predicted nothing. ``naba run`` (an extractor's records), ``naba validate-submission``,
``naba score``, ``compare``, ``leaderboard``, ``check``, the pytest plugin and the Hugging Face
metric module all read submissions through this model and ``naba.submission.validate``; the JSON
Schema (``evaluate/submission.schema.json``) is generated from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from naba.common.problems import Problem, render
from naba.gold.inventory import (
    LAYERS,
    AnchorKind,
    EntityType,
    EventType,
    Factuality,
    MentionKind,
    QuoteKind,
    TIME_ROLE,
    TimexType,
)
from naba.gold.model import Id, Offset, Record
from naba.submission.align import Decision


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

    def to_dict(self) -> dict[str, Any]:
        """The line as JSON data: every field (defaults filled in), absent layers omitted."""
        return self.model_dump(mode="json", exclude_none=False, exclude_unset=False, exclude={l for l in LAYERS if getattr(self, l) is None})

    def canonical_json(self) -> str:
        """Key order of the model, absent layers omitted, compact, UTF-8 kept.

        Written by pydantic's JSON writer, which gives ``reference_canonical_json``'s text (the
        same escapes: ``\\"``, ``\\\\``, ``\\n`` and the other C0 controls, lowercase ``\\u00xx``;
        everything else as it is) four times faster; tests/test_arrays.py checks the equality on
        hostile strings. A text the writer refuses (a lone surrogate) takes the reference path,
        so it fails as it always did."""
        try:
            return self.model_dump_json(exclude={layer for layer in LAYERS if getattr(self, layer) is None})
        except ValueError:  # pydantic_core.PydanticSerializationError (and UnicodeError) derive from it
            return self.reference_canonical_json()

    def reference_canonical_json(self) -> str:
        """``canonical_json`` by ``json.dumps`` of ``to_dict`` (its definition)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Submission:
    """A validated submission, documents in gold order; ``alignment``: every decision taken to
    align its string spans (``naba.submission.align``), empty when it gave offsets."""

    documents: tuple[SubmissionDocument, ...]
    layers: tuple[str, ...]
    sha256: str
    file_sha256: str | None
    source: str
    alignment: tuple[Decision, ...] = ()


class SubmissionError(Exception):
    """The submission does not validate; carries every problem found (and the alignment
    decisions taken before validation, which often explain them)."""

    def __init__(self, problems: list[Problem], alignment: Sequence[Decision] = ()) -> None:
        super().__init__(render(problems))
        self.problems = problems
        self.alignment = tuple(alignment)


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
