"""The item-level diff report: the gold items and predictions whose status changed between two
results (``Results.diff``), with the gold text they cover, merged one line per item."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from naba.evaluate.results import ItemChange

if TYPE_CHECKING:
    from naba.gold.model import Record


@dataclass(frozen=True)
class ItemRow:
    """An item whose status changed in one metric group; ``text``: what it covers in the gold text."""

    group: str
    item: str
    old: str | None
    new: str | None
    text: str | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def merge_rows(rows: Sequence[ItemRow]) -> list[tuple[str, str | None, str, list[str]]]:
    """One line per (item, change) with the metric groups it changed in, in first-seen order."""
    merged: dict[tuple[str, str | None, str], list[str]] = {}
    for r in rows:
        change = f"{r.old} -> {r.new or 'unmatched'}" if r.old is not None else ""
        merged.setdefault((r.item, r.text, change), []).append(r.group)
    return [(item, text, change, groups) for (item, text, change), groups in merged.items()]


_AT_SPAN = re.compile(r"@(\d+):(\d+)(?:#\d+)?$")
_SPANS = re.compile(r"^\d+:\d+(?:\+\d+:\d+)*$")


class ItemTexts:
    """The covered gold text of an item key or a prediction signature (display only)."""

    def __init__(self, gold: Sequence["Record"]) -> None:
        self.documents = {r.document.id: r.document.text for r in gold}
        self.by_key: dict[str, str] = {}
        for r in gold:
            doc = r.document.id
            for e in r.entities:
                for m in e.mentions:
                    self.by_key[f"{doc}/{m.id}"] = m.text
            for t in r.timexes:
                self.by_key[f"{doc}/{t.id}"] = t.text
            for q in r.quotes:
                self.by_key[f"{doc}/{q.id}"] = " … ".join(c.text for c in q.content)
            for ev in r.events:
                self.by_key[f"{doc}/{ev.id}"] = ev.trigger.text

    def text(self, key: str) -> str | None:
        if key in self.by_key:
            return self.by_key[key]
        doc, _, rest = key.partition("/")
        text = self.documents.get(doc)
        if text is None:
            return None
        at = _AT_SPAN.search(rest)
        if at:
            return text[int(at.group(1)) : int(at.group(2))]
        first = rest.split("/", 1)[0]
        if _SPANS.match(first):
            spans = [tuple(int(x) for x in part.split(":")) for part in first.split("+")]
            return " … ".join(text[s:e] for s, e in spans)
        return None

    def row(self, change: ItemChange) -> ItemRow:
        return ItemRow(change.metric, change.item, change.old, change.new, self.text(change.item))
