"""The shapes an LLM extractor writes, rewritten into naba's span objects before alignment.

A language model asked for entities, quotes, events and time expressions seldom returns
offsets or ids; it returns strings. naba accepts these shapes in every submission (files,
parsed objects, an extractor's records) and rewrites them, before the strings are aligned to
the text (``naba.submission.align``), into the one submission model. Each rewrite is fixed and
documented here; nothing is guessed from the gold:

* **Entities.** ``{"type": "PER", "text": "بوتين"}`` (an entity given as one string) is an entity
  with one mention of that string, whose ``name`` is the string. ``"mentions": ["بوتين", ...]``
  (plain strings) are mentions ``{"text": ...}``. One object is one mention: to predict an
  entity's several mentions, list them.
* **Time expressions.** ``{"text": "أمس", "value": "2025-06-22"}``: a time expression whose
  ``type`` (when absent) follows from the TIMEX3 value's syntax: ``P...`` is a DURATION, a value
  with a clock time (``T``) a TIME, anything else a DATE (a SET must say so).
* **Quotes.** ``{"cue": "قال", "content": "..." or ["...", ...], "speaker": "بوتين"}``: the cue and
  content strings become span objects, ``speaker`` becomes ``speaker_name`` (the scorer credits a
  speaker by name), and ``kind`` (when absent) is ``direct`` if the content string is in quotation
  marks, else ``indirect``.
* **Events.** ``{"type": "MEET", "trigger": "محادثات", "arguments": [{"role": ..., "text": ...}]}``:
  a trigger string becomes a span object.
* **Ids.** An entity, mention, time expression, quote or event without ``id`` gets
  ``auto.e1``, ``auto.m1``, ``auto.t1``, ``auto.q1``, ``auto.v1``... in list order (ids only link
  items; the scorer never compares them with the gold's).

Every other value passes through unchanged, so the validator still reports a wrong shape (with
the hint ``naba.submission.hints`` adds). The rewrite is pure and deterministic.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Final

_QUOTE_MARKS: Final = "\"'«»“”„‘’"
_CLOCK: Final = re.compile(r"T\d")


def timex_type_of(value: str) -> str:
    """The TIMEX3 type a value's syntax implies (``SET`` is never implied)."""
    if value.startswith("P"):
        return "DURATION"
    if _CLOCK.search(value):
        return "TIME"
    return "DATE"


class _Ids:
    """Deterministic ids for items that came without one, per prefix, in list order."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"auto.{prefix}{self.counts[prefix]}"


def _span(value: Any) -> Any:
    """A plain string is a span to align; anything else is left for the validator."""
    return {"text": value} if isinstance(value, str) else value


def _item(prefix: str) -> Callable[[Callable[[dict[str, Any], _Ids], None]], Callable[[Any, _Ids], Any]]:
    """Make a rewrite of one layer item: non-objects pass through (the validator reports them),
    objects are copied, rewritten in place by the function, and given an id if they had none."""

    def wrap(rewrite: Callable[[dict[str, Any], _Ids], None]) -> Callable[[Any, _Ids], Any]:
        def apply(item: Any, ids: _Ids) -> Any:
            if not isinstance(item, dict):
                return item
            out = dict(item)
            rewrite(out, ids)
            return out if "id" in out else {"id": ids.next(prefix), **out}

        return apply

    return wrap


@_item("e")
def _entity(out: dict[str, Any], ids: _Ids) -> None:
    if "mentions" not in out and isinstance(out.get("text"), str):
        text = out.pop("text")
        out.setdefault("name", text)
        out["mentions"] = [{"text": text}]
    if isinstance(out.get("mentions"), list):
        out["mentions"] = [_mention(m, ids) for m in map(_span, out["mentions"])]


@_item("m")
def _mention(out: dict[str, Any], ids: _Ids) -> None:
    """A mention only needs an id."""


@_item("t")
def _timex(out: dict[str, Any], ids: _Ids) -> None:
    if "type" not in out and isinstance(out.get("value"), str):
        out["type"] = timex_type_of(out["value"])


@_item("q")
def _quote(out: dict[str, Any], ids: _Ids) -> None:
    if "cue" in out:
        out["cue"] = _span(out["cue"])
    content = out.get("content")
    if isinstance(content, str):
        content = [content]
    if isinstance(content, list):
        out["content"] = [_span(c) for c in content]
    if "speaker_mention" in out:
        out["speaker_mention"] = _span(out["speaker_mention"])
    if "speaker" in out and isinstance(out["speaker"], str) and "speaker_name" not in out:
        out["speaker_name"] = out.pop("speaker")
    if "kind" not in out and isinstance(content, list) and content and all(isinstance(c, str) for c in content):
        first, last = content[0].strip(), content[-1].strip()
        out["kind"] = "direct" if first[:1] in _QUOTE_MARKS and last[-1:] in _QUOTE_MARKS else "indirect"


@_item("v")
def _event(out: dict[str, Any], ids: _Ids) -> None:
    if "trigger" in out:
        out["trigger"] = _span(out["trigger"])


_LAYERS: Final = {"entities": _entity, "timexes": _timex, "quotes": _quote, "events": _event}


def expand(record: Any) -> Any:
    """``record`` with every LLM shape above rewritten into span objects (a new object; the
    input is not changed). Not a dict, or a layer that is not a list: returned as it is."""
    if not isinstance(record, dict):
        return record
    ids = _Ids()
    out = dict(record)
    for layer, rewrite in _LAYERS.items():
        items = out.get(layer)
        if isinstance(items, list):
            out[layer] = [rewrite(item, ids) for item in items]
    return out


def _offsetless(value: Any) -> bool:
    """A span given as a string: a plain string, or an object with ``text`` and no offsets."""
    if isinstance(value, str):
        return True
    return isinstance(value, dict) and isinstance(value.get("text"), str) and "start" not in value and "end" not in value


def _any_offsetless(values: Any) -> bool:
    if isinstance(values, str):
        return True
    return isinstance(values, list) and any(_offsetless(v) for v in values)


def uses_strings(record: Any) -> bool:
    """Does ``record`` give any span as a string (a plain string where a span goes, an entity
    given as ``text``, or a span object with ``text`` and no offsets)? Only such records are
    rewritten and aligned: a record with offsets that merely lacks an id is reported by the
    validator, not given one. (Looks only where spans go: it runs on every submission line.)"""
    if not isinstance(record, dict):
        return False
    for entity in _dicts(record.get("entities")):
        if ("mentions" not in entity and isinstance(entity.get("text"), str)) or _any_offsetless(entity.get("mentions")):
            return True
    if any(_offsetless(timex) for timex in _dicts(record.get("timexes"))):
        return True
    for quote in _dicts(record.get("quotes")):
        if _offsetless(quote.get("cue")) or _any_offsetless(quote.get("content")) or _offsetless(quote.get("speaker_mention")):
            return True
    for event in _dicts(record.get("events")):
        if _offsetless(event.get("trigger")) or _any_offsetless(event.get("arguments")):
            return True
    return False


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
