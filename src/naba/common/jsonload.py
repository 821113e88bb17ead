"""Strict JSON decoding for every boundary: what the standard library lets through, refused.

``json.loads`` keeps the last of two equal keys, accepts ``NaN``/``Infinity``, raises
``RecursionError`` (not a ``ValueError``) on deeply nested input, and returns strings holding
lone surrogates, which later fail on hashing or writing. ``loads_strict`` decodes one JSON text
and reports each of these as a problem of its own, so that gold records, documents and submissions
refuse them with a located message instead of a traceback or a silent repair.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class StrictJSONError(ValueError):
    """The text is not JSON naba accepts; ``line`` and ``column`` when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, fragment: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.fragment = line, column, fragment


@dataclass
class Decoded:
    value: Any
    duplicate_keys: list[tuple[str, Any]] = field(default_factory=list)
    lone_surrogates: list[str] = field(default_factory=list)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def loads_strict(text: str) -> Decoded:
    """Decode ``text``; raise ``StrictJSONError`` for invalid JSON, nesting too deep for the
    decoder, non-standard constants and integers past Python's digit limit. Duplicate keys and
    strings with lone surrogates are returned for the caller to report with their locations."""
    duplicates: list[tuple[str, Any]] = []
    surrogates: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                duplicates.append((key, value))
            if _has_lone_surrogate(key) or (isinstance(value, str) and _has_lone_surrogate(value)):
                surrogates.append(key)
            out[key] = value
        return out

    try:
        value = json.loads(text, object_pairs_hook=hook, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise StrictJSONError(f"invalid JSON at column {err.colno}: {err.msg}", err.lineno, err.colno, text[err.pos : err.pos + 20]) from None
    except RecursionError:
        raise StrictJSONError("JSON nested too deeply to decode") from None
    except ValueError as err:  # NaN/Infinity, integers past the digit limit
        raise StrictJSONError(str(err)) from None
    stack: list[Any] = [value]
    while stack:  # strings inside arrays, which the object hook does not see
        item = stack.pop()
        if isinstance(item, list):
            for element in item:
                if isinstance(element, str) and _has_lone_surrogate(element):
                    surrogates.append("<array>")
                elif isinstance(element, (list, dict)):
                    stack.append(element)
        elif isinstance(item, dict):
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    if isinstance(value, str) and _has_lone_surrogate(value):
        surrogates.append("<root>")
    return Decoded(value, duplicates, surrogates)
