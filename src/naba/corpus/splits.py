"""The gold records of each split, for every layer above the corpus (systems, scoring, checks).

``test`` is the shipped article (``annotations/records``), ``dev`` the articles written for naba
(``annotations/dev/records``), ``challenge`` the variants of the test article listed in
``annotations/challenge/manifest.json``, built and validated on request. One definition, so that
``naba run --split``, ``naba score --split`` and the main job read the same documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from naba.challenge.variants import VariantSpec, build_variants, read_manifest
from naba.gold.model import Record
from naba.gold.records import annotations_dir, gold_records

Split = Literal["test", "dev", "challenge"]
SPLIT_NAMES: tuple[str, ...] = ("test", "dev", "challenge")


def dev_dir() -> Path:
    return annotations_dir() / "dev" / "records"


def manifest_path() -> Path:
    return annotations_dir() / "challenge" / "manifest.json"


def challenge_gold() -> list[tuple[VariantSpec, Record]]:
    """(spec, gold record) of every variant of the manifest, in manifest order."""
    return [(spec, record) for spec, record, _ in build_variants(list(gold_records()), read_manifest(manifest_path()))]


def split_gold(split: str) -> list[Record]:
    """Every gold record of ``split`` (challenge: the test records' variants)."""
    if split == "test":
        return list(gold_records())
    if split == "dev":
        return list(gold_records(dev_dir()))
    if split == "challenge":
        return [record for _, record in challenge_gold()]
    raise ValueError(f"unknown split {split!r}; valid splits: {', '.join(SPLIT_NAMES)}")
