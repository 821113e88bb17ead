"""DATASHEET.md states counts of the gold; this test recounts them so the text cannot drift."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from naba.gold.records import load_records

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def datasheet() -> str:
    return (ROOT / "DATASHEET.md").read_text(encoding="utf-8")


def _by(counter: collections.Counter[str]) -> str:
    """'GPE 10, PER 9, ...': most common first, ties by name, as the datasheet writes them."""
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def test_layer_counts_match_the_gold(datasheet: str) -> None:
    records = load_records(ROOT / "annotations" / "records")
    entities = [e for r in records for e in r.entities]
    mentions = [(e, m) for e in entities for m in e.mentions]
    events = [v for r in records for v in r.events]
    quotes = [q for r in records for q in r.quotes]
    timexes = [t for r in records for t in r.timexes]
    expected = [
        f"{len(entities)} entities, {len(mentions)} mentions",
        "entities: " + _by(collections.Counter(e.type for e in entities)),
        "mentions: " + _by(collections.Counter(e.type for e, _ in mentions)),
        f"| time expressions | {len(timexes)} |",
        _by(collections.Counter(t.type for t in timexes)),
        f"| quotes | {len(quotes)} |",
        _by(collections.Counter(q.kind for q in quotes)),
        f"{len(events)} events, {sum(len(v.arguments) for v in events)} arguments",
        _by(collections.Counter(v.type for v in events)),
        "factuality: " + _by(collections.Counter(v.factuality for v in events)),
        f"{sum(1 for q in quotes if len(q.content) > 1)} discontinuous",
        f"{sum(1 for q in quotes if q.speaker_mention_id is None)} with an implicit speaker",
        f"{sum(1 for v in events if v.time_id)} dated",
    ]
    missing = [text for text in expected if text not in datasheet]
    assert not missing, f"DATASHEET.md does not state: {missing}"


def test_split_sizes_match_the_sources(datasheet: str) -> None:
    from naba.challenge.variants import read_manifest

    dev = load_records(ROOT / "annotations" / "dev" / "records")
    lengths = sorted(len(r.document.text) for r in dev)
    variants = read_manifest(ROOT / "annotations" / "challenge" / "manifest.json").variants
    assert f"**{len(dev)} articles written for naba** ({lengths[0]:,} to {lengths[-1]:,} code points each" in datasheet
    assert f"**{len(variants)} variants of the test article**" in datasheet
