"""Text edits that carry stand-off annotations with them.

A transformation rewrites the text as a list of non-overlapping ``Edit`` s (replace the code points
``[start, end)`` of the old text by ``replacement``). ``OffsetMap`` maps every old offset to the new
text; ``apply_edits`` rewrites the text and moves every span of the record through the map, then
re-derives every covered text from the new text. Nothing is guessed: an edit that starts or ends
strictly inside an annotated span without lying wholly inside it, or an insertion placed exactly
on a span boundary (which side would it belong to?), is a construction error, raised at once.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from naba.gold.model import Record


class ConstructionError(ValueError):
    """A transformation produced edits that cannot carry the annotations exactly."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the old text's ``[start, end)`` by ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class OffsetMap:
    """Old text offsets -> new text offsets, for a sorted list of non-overlapping edits.

    ``starts``/``ends`` and the running length change ``deltas`` (after each edit) make every
    look-up a binary search, so carrying n spans through m edits costs O((n + m) log m).
    """

    edits: tuple[Edit, ...]
    old_length: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    deltas: tuple[int, ...]

    @classmethod
    def build(cls, edits: Iterable[Edit], old_length: int) -> "OffsetMap":
        ordered = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
        previous_end = 0
        deltas: list[int] = []
        total = 0
        for edit in ordered:
            if not 0 <= edit.start <= edit.end <= old_length:
                raise ConstructionError(f"edit {edit} lies outside a text of {old_length} code points")
            previous = ordered[len(deltas) - 1] if deltas else None
            if edit.start < previous_end or (previous is not None and previous.start == previous.end == edit.start == edit.end):
                raise ConstructionError(f"edit {edit} overlaps the previous edit (or is a second insertion at one offset)")
            previous_end = edit.end
            total += len(edit.replacement) - (edit.end - edit.start)
            deltas.append(total)
        return cls(ordered, old_length, tuple(e.start for e in ordered), tuple(e.end for e in ordered), tuple(deltas))

    @property
    def new_length(self) -> int:
        return self.old_length + (self.deltas[-1] if self.deltas else 0)

    def _delta_through(self, count: int) -> int:
        """The length change of the first ``count`` edits."""
        return self.deltas[count - 1] if count else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The new ``[start, end)`` of an old span; edits must lie wholly inside or outside it."""
        for offset in (start, end):
            # an edit strictly around the offset would cut the span's boundary
            k = bisect_left(self.ends, offset + 1)  # first edit ending after offset
            if k < len(self.edits) and self.starts[k] < offset < self.ends[k]:
                raise ConstructionError(f"edit {self.edits[k]} crosses the boundary of span [{start}, {end})")
            if start != end:
                lo = bisect_left(self.starts, offset)
                if lo < len(self.edits) and self.starts[lo] == offset and self.ends[lo] == offset:
                    raise ConstructionError(f"insertion {self.edits[lo]} sits on the boundary of span [{start}, {end})")
        # new start: shifted by the edits that end at or before it and start before it
        before_start = bisect_left(self.starts, start)
        # new end: shifted by the edits that start before it, and by edits that start at it
        # only when they are not insertions (a replacement ending at ``end`` lies inside)
        before_end = bisect_left(self.starts, end)
        return start + self._delta_through(before_start), end + self._delta_through(before_end)

    def then(self, other: "OffsetMap") -> "ComposedMap":
        return ComposedMap((self, other))


@dataclass(frozen=True)
class ComposedMap:
    """Several maps applied in order: the offset map of a composed transformation."""

    maps: tuple[OffsetMap, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        for step in self.maps:
            start, end = step.span(start, end)
        return start, end

    def then(self, other: OffsetMap) -> "ComposedMap":
        return ComposedMap((*self.maps, other))


def rewrite(text: str, offset_map: OffsetMap) -> str:
    """The new text: the old one with every edit applied."""
    parts: list[str] = []
    cursor = 0
    for edit in offset_map.edits:
        parts.append(text[cursor : edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def carry_spans(node: Any, offset_map: "OffsetMap | ComposedMap", text: str) -> Any:
    """JSON-like data with every span (a dict with int start/end and a text) moved through the map
    and its covered text re-derived from the new ``text``: for records and submissions alike."""
    if isinstance(node, list):
        return [carry_spans(item, offset_map, text) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: carry_spans(value, offset_map, text) for key, value in node.items()}
    if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
        start, end = offset_map.span(node["start"], node["end"])
        out.update(start=start, end=end, text=text[start:end])
    return out


def apply_edits(record: Record, edits: Sequence[Edit], **updates: Any) -> tuple[Record, OffsetMap]:
    """The record with its text edited and every span carried; ``updates`` set top-level fields
    of the dumped record afterwards (e.g. recomputed time expressions). Validated structurally by
    the model; the caller runs the full validator."""
    offset_map = OffsetMap.build(edits, len(record.document.text))
    new_text = rewrite(record.document.text, offset_map)
    dumped = record.model_dump(mode="json")
    document = dumped.pop("document")
    old_text = document.pop("text")
    assert old_text == record.document.text  # internal invariant
    moved = carry_spans(dumped, offset_map, new_text)
    moved_document = carry_spans(document, offset_map, new_text)
    moved_document["text"] = new_text
    if record.document.zones and record.document.zones[0].text == record.document.title:
        moved_document["title"] = moved_document["zones"][0]["text"]  # the title is the headline zone
    moved["document"] = moved_document
    for key, value in updates.items():
        moved[key] = value(moved) if callable(value) else value
    ordered = {key: moved[key] for key in ("schema_version", "document", "entities", "timexes", "quotes", "events")}
    return Record.model_validate(ordered), offset_map


def span_boundaries(record: Record) -> frozenset[int]:
    """Every start and end offset of an annotated span (zones and sentences included)."""
    points: set[int] = set()

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
                points.update((node["start"], node["end"]))
            for value in node.values():
                visit(value)

    visit(record.model_dump(mode="json"))
    return frozenset(points)


def insertion_allowed(boundaries: frozenset[int], offset: int) -> bool:
    """An insertion at ``offset`` is unambiguous when no span starts or ends there."""
    return offset not in boundaries


