"""Variants: named, seeded compositions of transformations, listed in a committed manifest.

``annotations/challenge/manifest.json`` lists every variant of the challenge split: its id, the
source document, and its steps (a transformation name with its parameters, seeds included). A
variant is built by applying the steps in order to the source's gold record; its document id is
``<source id>__<variant id>``; its offset map is the composition of the steps' maps. Every built
variant is run through the full validator, so a variant that is not a correct gold record stops
the build with the validator's problems: correct by construction, and checked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Literal, Sequence

from pydantic import BaseModel, ConfigDict, Field, field_validator

from naba.challenge.digits import digits
from naba.challenge.edits import ComposedMap, ConstructionError, OffsetMap
from naba.challenge.month_series import month_series
from naba.challenge.names import names
from naba.challenge.orthography import orthography
from naba.challenge.time_shift import time_shift
from naba.gold.model import Id, Record

TransformName = Literal["time_shift", "month_series", "digits", "names", "orthography"]

#: name -> pure function (record, **params) -> (record, offset map).
TRANSFORMS: dict[str, Callable[..., tuple[Record, OffsetMap]]] = {
    "time_shift": time_shift,
    "month_series": month_series,
    "digits": digits,
    "names": names,
    "orthography": orthography,
}


class Step(BaseModel):
    """One transformation of a variant, with every parameter (seeds included) spelled out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transform: TransformName
    params: dict[str, Any] = Field(default_factory=dict)


class VariantSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    source: Id
    description: str = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _no_separator(cls, value: str) -> str:
        if "__" in value:
            raise ValueError("a variant id must not contain '__' (it separates the source id)")
        return value

    def document_id(self) -> str:
        return f"{self.source}__{self.id}"

    def transformations(self) -> list[str]:
        return [step.transform for step in self.steps]


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    variants: list[VariantSpec] = Field(min_length=1)

    @field_validator("variants")
    @classmethod
    def _unique(cls, value: list[VariantSpec]) -> list[VariantSpec]:
        ids = [v.id for v in value]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate variant ids: {duplicates}")
        return value


def read_manifest(path: Path) -> Manifest:
    """The manifest, validated (unknown keys, transformations or duplicate ids are errors)."""
    return Manifest.model_validate_json(path.read_text(encoding="utf-8"))


def _relabel(record: Record, spec: VariantSpec) -> Record:
    document = record.document
    note = (
        f"{document.source.note} Challenge variant {spec.id!r} of document {spec.source!r}, made by "
        f"{' -> '.join(spec.transformations())} (annotations/challenge/manifest.json); its gold is carried by "
        "construction. Notes are carried from the source and speak of the source's names and dates."
    )
    source = document.source.model_copy(update={"note": note})
    return record.model_copy(update={"document": document.model_copy(update={"id": spec.document_id(), "source": source})})


def build_variant(source: Record, spec: VariantSpec) -> tuple[Record, ComposedMap]:
    """Apply the spec's steps to ``source``; validate the result with the full validator."""
    from naba.gold.validate import validate_record

    if source.document.id != spec.source:
        raise ConstructionError(f"variant {spec.id} is of {spec.source}, not {source.document.id}")
    record = source
    maps: list[OffsetMap] = []
    for step in spec.steps:
        try:
            record, offset_map = TRANSFORMS[step.transform](record, **step.params)
        except TypeError as err:
            raise ConstructionError(f"variant {spec.id}: bad parameters for {step.transform}: {err}") from None
        maps.append(offset_map)
    record = _relabel(record, spec)
    problems = validate_record(record, f"<variant {spec.id}>")
    if problems:
        raise ConstructionError(f"variant {spec.id} is not a valid record:\n" + "\n".join(map(str, problems)))
    return record, ComposedMap(tuple(maps))


def build_variants(sources: Sequence[Record], manifest: Manifest) -> list[tuple[VariantSpec, Record, ComposedMap]]:
    """Every variant of the manifest, in manifest order."""
    by_id = {record.document.id: record for record in sources}
    out = []
    for spec in manifest.variants:
        if spec.source not in by_id:
            raise ConstructionError(f"variant {spec.id}: no source record {spec.source!r}")
        record, offset_map = build_variant(by_id[spec.source], spec)
        out.append((spec, record, offset_map))
    return out


def manifest_json(manifest: Manifest) -> str:
    """Canonical text of a manifest (for writing it and for the byte-identity test)."""
    return json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
