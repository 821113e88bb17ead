"""``corpus/croissant.json``: the corpus described in Croissant 1.0 (JSON-LD), generated.

Why generated, and from what: a hand-written description drifts from the files it
describes. This module derives every field from the ``datasets.Features`` of
``naba.corpus.features`` (the same definition the card's YAML, the build's row check and
``naba.load`` use) and every file entry from the bytes the build is about to write (its
sha256 and size), so ``naba build --check`` fails when the description is stale.

The shape follows what Hugging Face publishes for its Parquet datasets, with one
difference: each data file is its own ``cr:FileObject`` with a sha256 (a consumer can
check every file, and mlcroissant does when it reads one), and each config and split is
its own ``cr:RecordSet`` reading that file. A struct column is a field with one
``subField`` per struct key (extracted by ``jsonPath``); a list column is ``repeated``.
``ner_tags`` are stored as class indices; their names are in the field's description.

Nothing here depends on a clock or on dict order: the JSON is written with the keys in
the order built and a final newline, so it is byte-identical for identical data files.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final, Mapping, Sequence

from datasets import ClassLabel, Features, List, Value

from naba.corpus.features import (
    COLUMN_DOCS,
    CONFIGS,
    DESCRIPTIONS,
    SPLIT_DESCRIPTIONS,
    SPLIT_LICENCES,
    all_features,
)

CROISSANT_NAME: Final = "croissant.json"

#: The standard Croissant 1.0 ``@context``: the specification's 1.0 examples plus the two 1.0
#: terms they leave out (``equivalentProperty``, ``samplingRate``), as mlcroissant expects.
CONTEXT: Final[dict[str, Any]] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_DATA_TYPES: Final = {"string": "sc:Text", "int32": "sc:Integer", "int64": "sc:Integer"}


def record_set_id(config: str, split: str) -> str:
    """The ``@id`` of the record set that reads ``config``/``split`` (also its name)."""
    return f"{config}_{split}"


def _leaf_type(feature: Any, where: str) -> str:
    if isinstance(feature, ClassLabel):
        return "sc:Integer"
    if isinstance(feature, Value) and feature.dtype in _DATA_TYPES:
        return _DATA_TYPES[feature.dtype]
    raise TypeError(f"{where}: no Croissant data type for feature {feature!r}")


def _class_names(feature: Any) -> str:
    inner = feature.feature if isinstance(feature, List) else feature
    if isinstance(inner, ClassLabel):
        return " Stored as class indices: " + ", ".join(f"{i} {name}" for i, name in enumerate(inner.names)) + "."
    return ""


def _field(field_id: str, name: str, description: str, feature: Any, source: dict[str, Any], path: Sequence[str]) -> dict[str, Any]:
    """One ``cr:Field`` for ``feature``; ``path`` is where it sits inside its column's value."""
    out: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name, "description": description}
    repeated = isinstance(feature, List)
    inner = feature.feature if repeated else feature
    if isinstance(inner, dict):
        out["subField"] = [
            _field(f"{field_id}/{key}", key, f"{description}: {key}", sub, source, [*path, key] if not repeated else [key])
            for key, sub in inner.items()
        ]
    else:
        out["dataType"] = _leaf_type(inner, field_id)
        out["source"] = {**source, **({"transform": {"jsonPath": ".".join(path)}} if path else {})}
    if repeated:
        out["repeated"] = True
    return out


def record_set(config: str, split: str, features: Features, file_id: str, rows: int) -> dict[str, Any]:
    """The record set of one data file: one field per column of ``features``."""
    rs = record_set_id(config, split)
    fields = []
    for column, feature in features.items():
        source = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
        description = COLUMN_DOCS[config][column] + _class_names(feature)
        fields.append(_field(f"{rs}/{column}", column, description, feature, source, []))
    return {
        "@type": "cr:RecordSet",
        "@id": rs,
        "name": rs,
        "description": f"naba {config}, split {split} ({rows} rows): {DESCRIPTIONS[config]}.",
        "field": fields,
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def croissant(
    data_files: Mapping[tuple[str, str], tuple[str, bytes]],
    rows: Mapping[tuple[str, str], int],
    splits: Sequence[str],
    *,
    description: str,
    cite_as: str,
    version: str,
    licence: str,
) -> dict[str, Any]:
    """The Croissant JSON-LD of the corpus. ``data_files`` maps (config, split) to the data
    file's path relative to the corpus folder and its bytes; ``rows`` gives its row count."""
    features = all_features()
    distribution = []
    record_sets = []
    for config in CONFIGS:
        for split in splits:
            path, data = data_files[(config, split)]
            file_id = path
            distribution.append(
                {
                    "@type": "cr:FileObject",
                    "@id": file_id,
                    "name": file_id,
                    "description": f"naba {config}, split {split}: {SPLIT_DESCRIPTIONS[split]}. "
                                   f"Licence: {SPLIT_LICENCES[split]}.",
                    "contentUrl": path,
                    "contentSize": f"{len(data)} B",
                    "encodingFormat": "application/x-parquet",
                    "sha256": sha256(data),
                }
            )
            record_sets.append(record_set(config, split, features[config], file_id, rows[(config, split)]))
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "naba",
        "description": description,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": cite_as,
        "creator": {"@type": "sc:Organization", "name": "naba contributors"},
        "inLanguage": "ar",
        "keywords": ["information extraction", "Arabic", "named entities", "quotations", "events", "TIMEX3"],
        "license": licence,
        "url": "README.md",
        "version": version,
        "distribution": distribution,
        "recordSet": record_sets,
    }


def croissant_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
