"""Align offset-less predicted strings to occurrences in the document text.

LLM-based extractors often return surface strings ("موسكو") instead of offsets. naba scores
them after a documented, deterministic alignment, and reports every decision:

1. **Where.** Every JSON object in a submission record that has a string ``text`` and neither
   ``start`` nor ``end`` is a span to align (entity mentions, time expressions, quote cues and
   contents, event triggers and arguments, speaker mentions). Objects that carry offsets are left
   untouched; an object with only one of ``start``/``end`` is an error, not repaired.
2. **How strings match.** Both the text and the string are folded with
   :func:`naba.common.arabic.normalize_with_map` (hamza/alef forms, alef maqsura, taa marbuta,
   diacritics, tatweel, digits, curly quotes); the string is stripped of surrounding white space.
   A match must start at a word boundary, optionally after Arabic proclitics (و ف ب ل ك, at most
   two, e.g. "وموسكو", "للولايات"), and end at a word boundary. A string found only inside a
   longer word is *not* aligned (reported as ``not_found``): a silent inside-word match would
   reward wrong spans.
3. **Which occurrence.** If the object has an integer ``occurrence`` (1-based), that occurrence of
   the folded string, counting left to right, is used (``occurrence_out_of_range`` if there are
   fewer). Otherwise occurrences are handed out left to right per folded string within a document:
   the first object asking for "موسكو" gets the first occurrence, the second the second, and so
   on, in the order the objects appear in the record (layers in key order, items in list order).
   When a string has more requests than occurrences, the extra ones are ``exhausted``.
4. **Result.** Aligned objects get ``start``/``end`` (original offsets, half-open) and ``text``
   becomes the covered original text (so the scorer's covered-text check holds);
   ``occurrence`` is removed. An unaligned span is removed, and so is the item that cannot stand
   without it: an entity mention or a quote content span or an event argument alone; a whole quote
   whose cue failed, an event whose trigger failed, an entity or quote left with no mention or no
   content; a failed ``speaker_mention`` becomes null. Every removal is in the report; the scorer
   then counts the gold items as missed, never silently as matched.

The alignment is a pure function of (text, record): the same input always gives the same output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from naba.common.arabic import Normalized, normalize, normalize_with_map

Status = Literal["aligned", "not_found", "occurrence_out_of_range", "exhausted", "invalid"]
#: When string spans are aligned: ``auto`` (records that give a span as a string), ``always``
#: (every record), ``never`` (offset-less spans are then reported by the validator).
Strings = Literal["auto", "always", "never"]
STRINGS_MODES: Final[tuple[str, ...]] = ("auto", "always", "never")

_DROP: Final = object()
#: Span fields that may be null in a submission: a failed alignment nulls them.
_OPTIONAL_SPANS: Final = frozenset({"speaker_mention"})
#: Lists that must not be empty: when all their spans fail, their item is dropped.
_NONEMPTY_LISTS: Final = frozenset({"mentions", "content"})
_WORD: Final = re.compile(r"[\w\u0621-\u064A\u0660-\u0669\u06F0-\u06F9]")
_PROCLITICS: Final = "وفبلك"


@dataclass(frozen=True, slots=True)
class Decision:
    """One alignment decision, for the report."""

    document_id: str
    path: str
    string: str
    status: Status
    start: int | None = None
    end: int | None = None
    occurrence: int | None = None
    candidates: int = 0

    def describe(self) -> str:
        where = f"[{self.start}, {self.end})" if self.start is not None else "-"
        occ = f" occurrence {self.occurrence} of {self.candidates}" if self.occurrence else f" ({self.candidates} candidates)"
        return f"{self.document_id} {self.path}: {self.string!r} -> {self.status} {where}{occ}"


@dataclass(slots=True)
class Alignment:
    """The aligned record and every decision taken."""

    record: dict[str, Any]
    decisions: list[Decision] = field(default_factory=list)

    @property
    def unaligned(self) -> list[Decision]:
        return [d for d in self.decisions if d.status != "aligned"]


def _is_word(char: str) -> bool:
    return bool(_WORD.match(char))


def occurrences(text: str, string: str) -> list[tuple[int, int]]:
    """All word-boundary occurrences of ``string`` in ``text`` as original half-open offsets,
    left to right, matching on the folded view and allowing up to two proclitics before it."""
    return _occurrences(normalize_with_map(text), normalize(string.strip()))


def _occurrences(folded_text: Normalized, needle: str) -> list[tuple[int, int]]:
    """``occurrences`` on a text folded once (a record's strings all search one document).

    A string with the article (``الولايات``) also matches after the preposition ل where the two
    fuse and the alef is not written (``للولايات``): that occurrence is the span the guidelines
    give it (rule 0: the whole fused لل stays outside, ``ولايات``)."""
    if not needle:
        return []
    hay = folded_text.text
    found: list[tuple[int, int]] = []
    start = 0
    while True:
        index = hay.find(needle, start)
        if index < 0:
            break
        start = index + 1
        end = index + len(needle)
        if end < len(hay) and _is_word(hay[end]) and _is_word(needle[-1]):
            continue
        cursor = index
        clitics = 0
        while cursor > 0 and clitics < 2 and hay[cursor - 1] in _PROCLITICS:
            cursor -= 1
            clitics += 1
        boundary_ok = index == 0 or not _is_word(hay[index - 1]) or not _is_word(needle[0])
        if not boundary_ok and clitics and (cursor == 0 or not _is_word(hay[cursor - 1])):
            boundary_ok = True
        if boundary_ok:
            found.append(folded_text.to_original(index, end))
    if needle.startswith("ال") and len(needle) > 2:
        found.extend(_fused_lam_occurrences(folded_text, needle))
        found.sort()
    return found


def _fused_lam_occurrences(folded_text: Normalized, needle: str) -> list[tuple[int, int]]:
    """Occurrences of ``ال`` + rest written ``لل`` + rest at a word start (after و/ف at most)."""
    hay = folded_text.text
    rest = needle[2:]
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        index = hay.find("لل" + rest, start)
        if index < 0:
            return out
        start = index + 1
        end = index + 2 + len(rest)
        if end < len(hay) and _is_word(hay[end]) and _is_word(rest[-1]):
            continue
        before = index - 1
        if before >= 0 and hay[before] in "وف":
            before -= 1
        if before < 0 or not _is_word(hay[before]):
            out.append(folded_text.to_original(index + 2, end))


#: Spans aligned near an anchor span of their item (the occurrence closest to it): an event's
#: arguments to its trigger, a quote's speaker mention to its cue. The anchor key is visited first.
_ANCHORED: Final = {"events.arguments": "trigger", "quotes.speaker_mention": "cue"}
_INDEX: Final = re.compile(r"\[\d+\]")


def _group(path: str) -> str:
    """``entities[0].mentions[2]`` -> ``entities.mentions``: spans of one kind compete for occurrences."""
    return _INDEX.sub("", path)


def _distance(span: tuple[int, int], anchor: tuple[int, int]) -> int:
    return max(0, anchor[0] - span[1], span[0] - anchor[1])


def align_record(text: str, record: dict[str, Any]) -> Alignment:
    """Align every offset-less span of one submission record against ``text`` (pure)."""
    document_id = str(record.get("document_id", "?"))
    decisions: list[Decision] = []
    cache: dict[str, list[tuple[int, int]]] = {}
    folded = normalize_with_map(text)  # once per record, not once per string

    def visit(node: Any, path: str, anchor: tuple[int, int] | None) -> Any:
        """Return the aligned node (a new object), or _DROP when it cannot stand without a failed span."""
        if isinstance(node, list):
            return [new for index, item in enumerate(node) if (new := visit(item, f"{path}[{index}]", anchor)) is not _DROP]
        if not isinstance(node, dict):
            return node
        if isinstance(node.get("text"), str) and "start" not in node and "end" not in node:
            return align_span(node, path, anchor)
        out: dict[str, Any] = {}
        own_anchor = anchor
        first = [key for key in ("trigger", "cue") if key in node]  # anchors before what they anchor
        for key in first + [key for key in node if key not in first]:
            value = node[key]
            new = visit(value, f"{path}.{key}" if path else key, own_anchor)
            if new is _DROP:
                if key in _OPTIONAL_SPANS:
                    out[key] = None
                    continue
                return _DROP  # a required span (cue, trigger) failed: the whole item goes
            if isinstance(value, list) and value and not new and key in _NONEMPTY_LISTS:
                return _DROP  # every mention / content span failed
            if key in first and isinstance(new, dict) and isinstance(new.get("start"), int) and isinstance(new.get("end"), int):
                own_anchor = (new["start"], new["end"])
            out[key] = new
        return {key: out[key] for key in node if key in out}  # the record's own key order

    covered: dict[str, bytearray] = {}  # per group: 1 where a handed-out span covers the character
    handed: dict[str, set[tuple[int, int]]] = {}
    cursor: dict[tuple[str, str], int] = {}  # per (group, string): occurrences before it are never free again

    def choose(spans: list[tuple[int, int]], group: str, key: str, anchor: tuple[int, int] | None) -> int | None:
        """The occurrence (0-based) a string without ``occurrence`` gets, or None (exhausted):
        the first one, left to right, that no span already handed out in its group overlaps;
        failing that, the first not handed out itself (a nested mention); near an anchor for
        anchored groups. A taken character stays taken, so a cursor per string keeps this linear."""
        if group in _ANCHORED:
            if anchor is None:
                return 0
            return min(range(len(spans)), key=lambda k: (_distance(spans[k], anchor), k))
        mask = covered.setdefault(group, bytearray(len(text)))
        start = cursor.get((group, key), 0)
        for k in range(start, len(spans)):
            if mask.find(1, spans[k][0], spans[k][1]) < 0:
                cursor[(group, key)] = k + 1
                return k
        cursor[(group, key)] = len(spans)
        used = handed.setdefault(group, set())
        return next((k for k, span in enumerate(spans) if span not in used), None)

    def take(group: str, span: tuple[int, int]) -> None:
        if group not in _ANCHORED:
            covered.setdefault(group, bytearray(len(text)))[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
            handed.setdefault(group, set()).add(span)

    def align_span(node: dict[str, Any], path: str, anchor: tuple[int, int] | None) -> Any:
        string = node["text"]
        key = normalize(string.strip())
        spans = cache.get(key)
        if spans is None:
            spans = cache[key] = _occurrences(folded, key)
        requested = node.get("occurrence")
        if requested is not None and (not isinstance(requested, int) or isinstance(requested, bool) or requested < 1):
            decisions.append(Decision(document_id, path, string, "invalid", candidates=len(spans)))
            return _DROP
        if not spans:
            decisions.append(Decision(document_id, path, string, "not_found"))
            return _DROP
        group = _group(path)
        if requested is not None:
            if requested > len(spans):
                decisions.append(Decision(document_id, path, string, "occurrence_out_of_range", occurrence=requested, candidates=len(spans)))
                return _DROP
            chosen = requested
        else:
            index = choose(spans, group, key, anchor)
            if index is None:
                decisions.append(Decision(document_id, path, string, "exhausted", occurrence=len(spans) + 1, candidates=len(spans)))
                return _DROP
            chosen = index + 1
        start, end = spans[chosen - 1]
        take(group, (start, end))
        decisions.append(Decision(document_id, path, string, "aligned", start, end, chosen, len(spans)))
        aligned = {k: v for k, v in node.items() if k != "occurrence"}
        aligned.update(start=start, end=end, text=text[start:end])
        return aligned

    aligned_record = visit(record, "", None)
    if aligned_record is _DROP:  # cannot happen for a top-level record without text; keep the shape
        aligned_record = {"document_id": document_id}
    return Alignment(aligned_record, decisions)
