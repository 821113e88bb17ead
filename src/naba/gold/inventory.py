"""Closed label inventories of every annotation layer.

One module owns every label so that the model, the validator, the scorer and the
baselines can never disagree about what a legal label is: an unknown label is an
error everywhere, never silently dropped. GUIDELINES.md defines each label.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

EntityType = Literal["PER", "ORG", "GPE", "LOC", "FAC"]
MentionKind = Literal["name", "nominal", "pronoun"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
AnchorKind = Literal["publication_date", "speech_event", "timex"]
QuoteKind = Literal["direct", "indirect", "mixed"]
EventType = Literal["MEET", "ATTACK", "TRANSPORT", "REQUEST", "AID", "WARN", "AGREE"]
Factuality = Literal["asserted", "negated", "possible", "future"]
ZoneKind = Literal["headline", "paragraph", "social_media_post"]
DateEstablished = Literal["metadata", "inferred_from_text"]

ENTITY_TYPES: Final[tuple[str, ...]] = get_args(EntityType)
MENTION_KINDS: Final[tuple[str, ...]] = get_args(MentionKind)
TIMEX_TYPES: Final[tuple[str, ...]] = get_args(TimexType)
ANCHOR_KINDS: Final[tuple[str, ...]] = get_args(AnchorKind)
QUOTE_KINDS: Final[tuple[str, ...]] = get_args(QuoteKind)
EVENT_TYPES: Final[tuple[str, ...]] = get_args(EventType)
FACTUALITY_VALUES: Final[tuple[str, ...]] = get_args(Factuality)
ZONE_KINDS: Final[tuple[str, ...]] = get_args(ZoneKind)

#: The four annotation layers of a record and of a submission, in canonical order.
LAYERS: Final[tuple[str, ...]] = ("entities", "timexes", "quotes", "events")

#: The role ``Time`` points to a time expression; every other role to an entity.
TIME_ROLE: Final[str] = "Time"

#: Argument roles allowed per event type (ACE/ERE-derived; GUIDELINES.md, "Events").
EVENT_ROLES: Final[dict[str, tuple[str, ...]]] = {
    "MEET": ("Participant", "Place", TIME_ROLE),
    "ATTACK": ("Attacker", "Target", "Place", TIME_ROLE),
    "TRANSPORT": ("Agent", "Person", "Origin", "Destination", TIME_ROLE),
    "REQUEST": ("Requester", "Addressee", TIME_ROLE),
    "AID": ("Giver", "Recipient", TIME_ROLE),
    "WARN": ("Warner", "Addressee", TIME_ROLE),
    "AGREE": ("Party", TIME_ROLE),
}

ALL_ROLES: Final[tuple[str, ...]] = tuple(
    sorted({role for roles in EVENT_ROLES.values() for role in roles})
)
