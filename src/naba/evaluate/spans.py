"""Scorable items and which of them can be paired.

An ``Item`` is one thing a metric counts (a mention, a time expression, a quote,
a trigger, an argument) on the gold or the predicted side. Its ``sort_key`` is a
total order (document, start, end, label, key): matching sorts by it, so no
result ever depends on the order in which a submission listed its items.

Offsets are half-open ``[start, end)`` code-point indices (the project standard);
two spans overlap when they share at least one character, so touching spans
(``[0, 3)`` and ``[3, 5)``) do *not* overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, NamedTuple, Sequence

SpanTuple = tuple[int, int]


class Item(NamedTuple):
    """One countable annotation on one side (gold or predicted).

    ``key`` is stable and unique per side: ``<document_id>/<id>`` (see the layer
    modules). ``sig`` describes the item by position and label, which stays the
    same when a system renames its ids between runs (used by ``Results.diff``).
    ``spans`` is the item's set of spans (one, except quote content); ``start``
    and ``end`` are their hull. ``unit`` is the bootstrap unit it belongs to.
    """

    doc: int
    start: int
    end: int
    label: str
    key: str
    sig: str
    unit: int
    spans: tuple[SpanTuple, ...]
    data: Any = None

    @property
    def sort_key(self) -> tuple[int, int, int, str, str]:
        return (self.doc, self.start, self.end, self.label, self.key)


#: ``Item(*fields)`` made in C (``new_item((doc, start, end, label, key, sig, unit, spans, data))``,
#: all nine fields): the same tuple of the same class without the named tuple's Python-level
#: ``__new__``, for the item builders (a document makes some 1,500 items per side).
new_item: Callable[[tuple[Any, ...]], Item] = partial(tuple.__new__, Item)


def overlap(a: SpanTuple, b: SpanTuple) -> int:
    """Characters shared by two half-open spans (0 if they only touch)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def set_overlap(a: Sequence[SpanTuple], b: Sequence[SpanTuple]) -> int:
    """Characters shared by two sets of spans (each set's spans are disjoint)."""
    return sum(overlap(x, y) for x in a for y in b)


def overlaps_any(span: SpanTuple, others: Sequence[SpanTuple]) -> bool:
    return any(overlap(span, other) > 0 for other in others)


def hull_overlapping_pairs(golds: Sequence[Item], preds: Sequence[Item]) -> list[tuple[int, int]]:
    """Index pairs (gold, pred) in the same document whose hulls overlap.

    A sweep over both sides sorted by (document, start): each item is paired
    with the items of the other side still open at its start. Linear in the
    input plus the number of pairs (after the sort).
    """
    events = sorted(
        [(g.doc, g.start, 0, i, g.end) for i, g in enumerate(golds)] + [(p.doc, p.start, 1, j, p.end) for j, p in enumerate(preds)]
    )
    out: list[tuple[int, int]] = []
    open_gold: list[tuple[int, int]] = []  # (end, index)
    open_pred: list[tuple[int, int]] = []
    current_doc = -1
    for doc, start, side, index, end in events:
        if doc != current_doc:
            open_gold, open_pred, current_doc = [], [], doc
        if side == 0:
            if open_pred:
                open_pred = [op for op in open_pred if op[0] > start]
                out.extend((index, j) for _, j in open_pred)
            open_gold.append((end, index))
        else:
            if open_gold:
                open_gold = [og for og in open_gold if og[0] > start]
                out.extend((i, index) for _, i in open_gold)
            open_pred.append((end, index))
    return out


@dataclass(frozen=True, slots=True)
class Units:
    """Maps a position in a document to its bootstrap unit.

    With more than one gold document a unit is a document; with one, a unit is a
    gold sentence, and a position belongs to the last sentence starting at or
    before it (positions before the first sentence belong to the first). A
    single document without sentences is one unit.
    """

    kind: str
    n: int
    sentence_starts: tuple[tuple[int, ...], ...]

    @classmethod
    def for_gold(cls, sentence_starts_per_doc: Sequence[Sequence[int]]) -> "Units":
        if len(sentence_starts_per_doc) != 1:
            return cls("document", len(sentence_starts_per_doc), ())
        starts = tuple(sorted(sentence_starts_per_doc[0]))
        return cls("sentence", max(1, len(starts)), (starts,))

    def of(self, doc: int, position: int) -> int:
        if self.kind == "document":
            return doc
        starts = self.sentence_starts[0]
        return max(0, bisect_right(starts, position) - 1) if starts else 0
