"""The gold record: one typed record per document with four linked layers.

Why pydantic v2: it validates nested JSON into typed objects while *collecting
every* error with its location (not stopping at the first), it exports the JSON
Schema shipped in ``annotations/`` from the same classes, and it is already a
dependency of ``datasets``' ecosystem. Models are frozen and forbid unknown keys,
so a misspelt field is an error, never silently ignored.

Structural checks (types, inventories, required fields) live here; relational
checks (offsets against the text, references, tiling) live in ``naba.gold.validate``,
which runs after a record parses, in the spirit of dkpro-cassis' type system
check that returns all errors at once.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StrictInt, BaseModel, ConfigDict, Field

from naba.gold.inventory import (
    AnchorKind,
    DateEstablished,
    EntityType,
    EventType,
    Factuality,
    MentionKind,
    QuoteKind,
    TimexType,
    ZoneKind,
)

#: Bumped on any change to the record shape; carried in every result object.
SCHEMA_VERSION = "1.0.0"

#: Version of the gold labels (annotations/GUIDELINES.md has the same number); the card and the
#: datasheet state it with this changelog. A change of any label bumps it; the sha256 of the record
#: files identifies the exact bytes.
GOLD_VERSION = "1.3"

#: (version, what changed), newest first: the gold's changelog as the card prints it.
GOLD_CHANGELOG: tuple[tuple[str, str], ...] = (
    ("1.3", "Events swept against guidelines 3.3 with `naba audit` (16 arguments added, one event time removed) and "
            "checked by an independent third pass; guidelines agree with the gold (day-block quote time, H-D2, H-V2, "
            "the fused لل convention with the scorer option `fused_lam`, H-Q1, 1.4). ADJUDICATION.md, S- and A3-."),
    ("1.2", "Adjudication of the independent second pass: q05's content, 16 event arguments, v08's factuality, the "
            "WARN event v75, precise time_id rules. ADJUDICATION.md, A-."),
    ("1.1", "Nominalised propositions after assertion cues are quotes."),
)

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", min_length=1, max_length=64)]
Offset = Annotated[StrictInt, Field(ge=0)]  # strict: 5.0 and true are not offsets (as in the JSON Schema)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Span(_Frozen):
    """A half-open ``[start, end)`` code-point span and the text it covers."""

    start: Offset
    end: Offset
    text: str

    def covered_text(self, document_text: str) -> str:
        """The text the offsets select (compare with ``text`` to check a span)."""
        return document_text[self.start : self.end]


class Zone(Span):
    """A headline, a body paragraph, or an embedded social-media post."""

    id: Id
    kind: ZoneKind


class Sentence(Span):
    id: Id
    zone_id: Id


class PublicationDate(_Frozen):
    """Document creation time, and how it was established (metadata or inference)."""

    value: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    established: DateEstablished
    evidence: str


class Source(_Frozen):
    """Provenance of the text; ``None`` means *unknown*, and ``note`` says so."""

    outlet: str | None
    author: str | None
    url: str | None
    license: str | None
    note: str


class Document(_Frozen):
    id: Id
    title: str
    text: str
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
    publication_date: PublicationDate
    source: Source
    zones: list[Zone]
    sentences: list[Sentence]


class Mention(Span):
    id: Id
    kind: MentionKind
    note: str | None = None


class Entity(_Frozen):
    id: Id
    type: EntityType
    name: str = Field(description="Canonical name in Arabic.")
    name_en: str = Field(description="English label for readers of the gold.")
    mentions: list[Mention] = Field(min_length=1)
    note: str | None = None


class Anchor(_Frozen):
    """What a time expression is resolved against.

    ``publication_date``: ``id`` is null. ``speech_event``: ``id`` is the quote in
    whose reported speech the expression occurs. ``timex``: ``id`` is another time
    expression that fixes the reference day.
    """

    kind: AnchorKind
    id: Id | None = None


class Timex(Span):
    id: Id
    type: TimexType
    value: str
    anchor: Anchor | None = Field(
        description="Null only for fully specified expressions that need no anchor."
    )
    alternatives: list[str] = Field(default_factory=list)
    note: str | None = None


class Quote(_Frozen):
    id: Id
    kind: QuoteKind
    cue: Span
    content: list[Span] = Field(min_length=1)
    speaker_entity_id: Id | None
    speaker_mention_id: Id | None
    relayed_by_entity_id: Id | None = None
    time_id: Id | None = Field(
        default=None,
        description="The time expression that dates the speech event, when the text gives one. "
        "A speech_event anchor is resolved through it.",
    )
    note: str | None = None


class Argument(Span):
    role: str
    ref_id: Id


class Event(_Frozen):
    id: Id
    type: EventType
    trigger: Span
    arguments: list[Argument] = Field(default_factory=list)
    time_id: Id | None = None
    factuality: Factuality
    note: str | None = None


class Record(_Frozen):
    """One document with its four annotation layers."""

    schema_version: str
    document: Document
    entities: list[Entity]
    timexes: list[Timex]
    quotes: list[Quote]
    events: list[Event]


def json_schema() -> dict[str, object]:
    """The JSON Schema of a gold record, as shipped in ``annotations/``."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"naba-record-{SCHEMA_VERSION}"
    return schema
