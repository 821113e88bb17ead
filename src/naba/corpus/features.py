"""The ``datasets.Features`` of every corpus config: the one definition of columns.

Why one place: the card's YAML header (what ``datasets.load_dataset`` applies to
the Parquet files), ``corpus/croissant.json`` (``naba.corpus.croissant``), ``naba.load``
and the build's row check all read these definitions, so the card, the Croissant
metadata, the data and the loader cannot drift apart. The
``documents`` features mirror ``naba.gold.model.Record`` field by field; a test
compares them key by key with every built row.

Offsets are ``int32`` (no text is 2 GiB long). Labels are plain strings except
``ner_tags``, a ``ClassLabel`` over IOB2 names, as token-classification tools
expect. Nullable fields are those the model allows to be ``None``.
"""

from __future__ import annotations

from typing import Final

from datasets import ClassLabel, Features, List, Value

from naba.gold.inventory import (
    ANCHOR_KINDS,
    ENTITY_TYPES,
    EVENT_TYPES,
    FACTUALITY_VALUES,
    MENTION_KINDS,
    QUOTE_KINDS,
    TIMEX_TYPES,
)
from naba.corpus.tokenize import iob2_names

CONFIGS: Final[tuple[str, ...]] = ("documents", "entities", "timex", "quotes", "events", "ner_tokens")
SPLITS: Final[tuple[str, ...]] = ("test", "dev", "challenge")
#: The config ``datasets.load_dataset("corpus")`` loads without a config name (``default: true``
#: in the card): the full gold records, from which every other config is derived.
DEFAULT_CONFIG: Final = "documents"

#: What each split is (the card and DATASHEET.md say the same at more length).
SPLIT_DESCRIPTIONS: Final[dict[str, str]] = {
    "test": "the source article: the headline evaluation, never trained or tuned on",
    "dev": "articles written for naba (Maghreb, Egypt, Levant, Iraq, Gulf), to learn and tune on",
    "challenge": "variants of the test article made by named, seeded transformations; gold carried by construction; "
                 "derived from the test text and strongly correlated with it",
}

#: The licence of each split's text and annotations (the card, croissant.json and DATASHEET.md
#: say the same): the test article's redistribution rights are unknown, the challenge split is
#: derived from its text, and the dev articles and all annotations were written for naba.
SPLIT_LICENCES: Final[dict[str, str]] = {
    "test": "unknown (the source article's redistribution rights are unknown; see DATASHEET.md)",
    "dev": "CC BY 4.0 (text and annotations written for naba)",
    "challenge": "as the test article (derived from its text)",
}

#: Columns every config carries, after its own: which challenge variant a row belongs to.
SPLIT_COLUMN_DOCS: Final[dict[str, str]] = {
    "variant": "challenge variant id (annotations/challenge/manifest.json); null outside the challenge split",
    "transformations": "the variant's transformations in the order applied; empty outside the challenge split",
}

#: One sentence per config, used in the card and in error messages.
DESCRIPTIONS: Final[dict[str, str]] = {
    "documents": "one row per document: the full gold record (document fields and the four annotation layers, nested)",
    "entities": "one row per entity mention, with its entity's id, canonical name and type",
    "timex": "one row per time expression: TIMEX3 type and value, and its anchor",
    "quotes": "one row per quotation: cue, content span(s), speaker and relaying outlet",
    "events": "one row per event: typed trigger, arguments, factuality and time",
    "ner_tokens": "one row per sentence: tokens with offsets and IOB2 tags of the named mentions",
}

_SPAN_DOC: Final = "half-open code-point offsets into the document text"

#: Column documentation for the card; a test checks that every column has one.
COLUMN_DOCS: Final[dict[str, dict[str, str]]] = {
    "documents": {
        "document_id": "document id (also the record's file name)",
        "title": "headline as given in the source",
        "text": "the article, stored byte for byte; every offset in every config points into it",
        "language": "ISO 639 code",
        "publication_date": "document creation time: value (YYYY-MM-DD), established (metadata or inferred_from_text), evidence",
        "source": "outlet, author, url, license (null = unknown) and a note on provenance",
        "zones": "headline / paragraph / social_media_post spans tiling the text",
        "sentences": "sentence spans tiling each zone, with their zone_id",
        "entities": "entities (id, type, canonical Arabic name, English name) with their mentions (id, kind, span)",
        "timexes": "time expressions: TIMEX3 type and value, anchor {kind, id}, alternative values, span",
        "quotes": "quotations: kind, cue span, content spans, speaker entity and mention, relaying entity, time of the speech event",
        "events": "events: type, trigger span, arguments {role, ref_id, span}, time_id, factuality",
        "schema_version": "version of the record model the row was built from",
    },
    "entities": {
        "document_id": "document id",
        "mention_id": "mention id",
        "entity_id": "id of the entity the mention refers to (co-reference)",
        "entity_name": "canonical Arabic name of the entity",
        "entity_name_en": "English name of the entity",
        "type": "entity type: " + "/".join(ENTITY_TYPES),
        "mention_kind": "/".join(MENTION_KINDS),
        "start": "mention start (" + _SPAN_DOC + ")",
        "end": "mention end (exclusive)",
        "text": "covered text of the mention",
    },
    "timex": {
        "document_id": "document id",
        "timex_id": "time expression id",
        "type": "TIMEX3 type: " + "/".join(TIMEX_TYPES),
        "value": "TIMEX3 value (e.g. 2025-06-23, 2025-06-22TEV, P1D)",
        "anchor_kind": "/".join(ANCHOR_KINDS) + "; null when the expression is fully specified",
        "anchor_id": "quote id (speech_event) or timex id (timex); null otherwise",
        "alternatives": "other acceptable values",
        "start": "start (" + _SPAN_DOC + ")",
        "end": "end (exclusive)",
        "text": "covered text",
    },
    "quotes": {
        "document_id": "document id",
        "quote_id": "quote id",
        "kind": "/".join(QUOTE_KINDS),
        "cue_start": "start of the cue (speech verb)",
        "cue_end": "end of the cue (exclusive)",
        "cue_text": "covered text of the cue",
        "content": "content spans in text order, each {start, end, text}",
        "speaker_entity_id": "entity that speaks; null if unattributed",
        "speaker_mention_id": "the mention naming the speaker at this quote; null if none",
        "speaker_name": "canonical Arabic name of the speaker entity; null if unattributed",
        "relayed_by_entity_id": "outlet/entity that relays the quote; null if none",
        "time_id": "time expression dating the speech event; null if the text gives none",
    },
    "events": {
        "document_id": "document id",
        "event_id": "event id",
        "type": "event type: " + "/".join(EVENT_TYPES),
        "factuality": "/".join(FACTUALITY_VALUES),
        "trigger_start": "start of the trigger",
        "trigger_end": "end of the trigger (exclusive)",
        "trigger_text": "covered text of the trigger",
        "arguments": "arguments {role, ref_id (entity or, for role Time, timex id), start, end, text}",
        "time_id": "time expression dating the event; null if none",
    },
    "ner_tokens": {
        "document_id": "document id",
        "sentence_id": "sentence id (document.sentences)",
        "tokens": "tokens of the sentence (naba.corpus.tokenize rules)",
        "token_starts": "start offset of each token in the document text",
        "token_ends": "end offset (exclusive) of each token",
        "ner_tags": "IOB2 tag of each token: " + ", ".join(iob2_names()),
    },
}


for _config_docs in COLUMN_DOCS.values():  # one definition of the split columns, in every config
    _config_docs.update(SPLIT_COLUMN_DOCS)


def _string() -> Value:
    return Value("string")


def _offset() -> Value:
    return Value("int32")


def _span() -> dict[str, Value]:
    return {"start": _offset(), "end": _offset(), "text": _string()}


def _documents() -> Features:
    return Features(
        {
            "document_id": _string(),
            "title": _string(),
            "text": _string(),
            "language": _string(),
            "publication_date": {"value": _string(), "established": _string(), "evidence": _string()},
            "source": {
                "outlet": _string(), "author": _string(), "url": _string(), "license": _string(), "note": _string(),
            },
            "zones": List({"id": _string(), "kind": _string(), **_span()}),
            "sentences": List({"id": _string(), "zone_id": _string(), **_span()}),
            "entities": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "name": _string(),
                    "name_en": _string(),
                    "mentions": List({"id": _string(), "kind": _string(), **_span(), "note": _string()}),
                    "note": _string(),
                }
            ),
            "timexes": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "value": _string(),
                    "anchor": {"kind": _string(), "id": _string()},
                    "alternatives": List(_string()),
                    **_span(),
                    "note": _string(),
                }
            ),
            "quotes": List(
                {
                    "id": _string(),
                    "kind": _string(),
                    "cue": _span(),
                    "content": List(_span()),
                    "speaker_entity_id": _string(),
                    "speaker_mention_id": _string(),
                    "relayed_by_entity_id": _string(),
                    "time_id": _string(),
                    "note": _string(),
                }
            ),
            "events": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "trigger": _span(),
                    "arguments": List({"role": _string(), "ref_id": _string(), **_span()}),
                    "time_id": _string(),
                    "factuality": _string(),
                    "note": _string(),
                }
            ),
            "schema_version": _string(),
        }
    )


def _entities() -> Features:
    return Features(
        {
            "document_id": _string(),
            "mention_id": _string(),
            "entity_id": _string(),
            "entity_name": _string(),
            "entity_name_en": _string(),
            "type": _string(),
            "mention_kind": _string(),
            **_span(),
        }
    )


def _timex() -> Features:
    return Features(
        {
            "document_id": _string(),
            "timex_id": _string(),
            "type": _string(),
            "value": _string(),
            "anchor_kind": _string(),
            "anchor_id": _string(),
            "alternatives": List(_string()),
            **_span(),
        }
    )


def _quotes() -> Features:
    return Features(
        {
            "document_id": _string(),
            "quote_id": _string(),
            "kind": _string(),
            "cue_start": _offset(),
            "cue_end": _offset(),
            "cue_text": _string(),
            "content": List(_span()),
            "speaker_entity_id": _string(),
            "speaker_mention_id": _string(),
            "speaker_name": _string(),
            "relayed_by_entity_id": _string(),
            "time_id": _string(),
        }
    )


def _events() -> Features:
    return Features(
        {
            "document_id": _string(),
            "event_id": _string(),
            "type": _string(),
            "factuality": _string(),
            "trigger_start": _offset(),
            "trigger_end": _offset(),
            "trigger_text": _string(),
            "arguments": List({"role": _string(), "ref_id": _string(), **_span()}),
            "time_id": _string(),
        }
    )


def _ner_tokens() -> Features:
    return Features(
        {
            "document_id": _string(),
            "sentence_id": _string(),
            "tokens": List(_string()),
            "token_starts": List(_offset()),
            "token_ends": List(_offset()),
            "ner_tags": List(ClassLabel(names=list(iob2_names()))),
        }
    )


_BUILDERS: Final = {
    "documents": _documents,
    "entities": _entities,
    "timex": _timex,
    "quotes": _quotes,
    "events": _events,
    "ner_tokens": _ner_tokens,
}


class UnknownConfigError(ValueError):
    """A config name that the corpus does not have; the message lists the valid ones."""


def check_config(config: str) -> None:
    if config not in CONFIGS:
        raise UnknownConfigError(f"unknown naba config {config!r}; valid configs: {', '.join(CONFIGS)}")


def config_features(config: str) -> Features:
    """A fresh ``Features`` object for ``config`` (callers may not share mutable state): the
    config's own columns, then the split columns every config carries."""
    check_config(config)
    features = _BUILDERS[config]()
    features["variant"] = _string()
    features["transformations"] = List(_string())
    return features


def all_features() -> dict[str, Features]:
    return {config: config_features(config) for config in CONFIGS}


def feature_type_name(feature: object) -> str:
    """A short readable type for the card's column tables (``list<int32>``, ``struct``...)."""
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, ClassLabel):
        return f"ClassLabel({len(feature.names)} names)"
    if isinstance(feature, List):
        inner = feature.feature
        return "list<struct>" if isinstance(inner, dict) else f"list<{feature_type_name(inner)}>"
    if isinstance(feature, dict):
        return "struct"
    raise TypeError(f"no readable name for feature {feature!r}")
