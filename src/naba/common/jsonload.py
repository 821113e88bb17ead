"""Strict JSON decoding for every boundary: what the standard library lets through, refused.

``json.loads`` keeps the last of two equal keys, accepts ``NaN``/``Infinity``, raises
``RecursionError`` (not a ``ValueError``) on deeply nested input, and returns strings holding
lone surrogates, which later fail on hashing or writing. ``loads_strict`` decodes one JSON text
and reports each of these as a problem of its own, so that gold records, documents and submissions
refuse them with a located message instead of a traceback or a silent repair.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, get_args, get_origin


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
    return _SURROGATE.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")
#: A decoded string can hold a surrogate only if the JSON text holds one or spells one as an
#: escape; when neither occurs (almost always) no string needs to be checked. A false alarm
#: (an escaped backslash before ``uD800``) only costs the per-string check.
_ESCAPED_SURROGATE = re.compile("\\\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str, decoded_from_utf8: bool = False) -> bool:
    """Does ``text`` hold a surrogate or spell one as an escape? Two C-speed tests: a text with
    a raw surrogate cannot be encoded as UTF-8, and an escape needs a backslash-u. The first
    is left out for a text the caller has just decoded from UTF-8 bytes (strictly: Python's
    decoder refuses encoded surrogates), which cannot hold a raw one; encoding it again was a
    tenth of reading a gold record."""
    if "\\u" in text and _ESCAPED_SURROGATE.search(text) is not None:
        return True
    if decoded_from_utf8:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


#: Deepest nesting accepted. Every naba file (records, submissions, results) needs fewer than
#: 10 levels; the bound keeps every recursive consumer far from Python's recursion limit.
MAX_DEPTH: int = 64


def deeper_than(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Does ``value`` (lists and dicts, e.g. records a user passes as Python objects) nest more
    than ``limit`` levels? Iterative, so any depth is safe to ask about."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in (item if isinstance(item, list) else item.values()) if isinstance(child, (list, dict)))
    return False


class _Duplicate(Exception):
    """A key written twice in one object: ``loads_plain`` gives up (``loads_strict`` reports it)."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


def loads_plain(text: str, *, decoded_from_utf8: bool = False) -> Any | None:
    """The fast half of ``loads_strict``: ``text`` decoded, or None whenever ``loads_strict``
    would report anything (not JSON, a duplicate key, NaN/Infinity, too deep for the decoder,
    digits past the limit) or might (a text that may hold a lone surrogate); then the caller
    asks ``loads_strict`` what is wrong.

    The one check it leaves out is the depth walk (``MAX_DEPTH``), which is most of
    ``loads_strict``'s cost over the C decoder: a caller that accepts the value only once it
    validates into a model with no free-form (dict, list of anything) field knows its depth is
    the model's, a handful of levels. Gold records and submission lines are such models.
    ``decoded_from_utf8``: ``text`` is ``bytes.decode("utf-8")`` of the caller's bytes (so it
    holds no raw surrogate; escaped ones are still looked for)."""
    if _may_hold_surrogates(text, decoded_from_utf8):
        return None
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)
    except (ValueError, RecursionError, _Duplicate):  # JSONDecodeError is a ValueError
        return None


#: A closing quote followed by white space, then a colon: a key written ``"id" : 1``, or (a false
#: alarm) a string holding such text. ``model_from_json`` counts keys only where none occurs.
_SPACED_KEY = re.compile('"[ \t\n\r]+:')
#: Occurrences of ``":`` that close no key, by the character before the quote (``model_from_json``).
_NOT_KEYS: tuple[str, ...] = ('\\":', ':":', ' ":')

M = TypeVar("M")

#: ``_NOT_KEYS``' first: an escaped quote before a colon, counted by ``_backslash_walk``.
_ESCAPED_QUOTE_KEY = '\\":'
#: Backslashes ``_backslash_walk`` visits before it leaves a text to the C-level scans.
_WALK_LIMIT = 256


def _backslash_walk(text: str | bytes) -> tuple[bool, int] | None:
    """Two of ``model_from_json``'s whole-text scans in one visit of the text's backslashes (each
    found by a one-character ``str.find``, at memchr speed; a JSON text escapes few characters,
    a gold record about a hundred): whether it spells an escaped surrogate (the first test of
    ``_may_hold_surrogates``: the regex runs only where a backslash-u is), and how many times it
    holds an escaped quote before a colon (``text.count(_ESCAPED_QUOTE_KEY)``: that text cannot
    overlap itself). None past ``_WALK_LIMIT`` backslashes: the caller scans as before. Each of
    the two scans replaced took about as long as decoding the text (issue 15)."""
    scans = _BYTE_SCANS if isinstance(text, bytes) else _TEXT_SCANS
    backslash, quote_colon, u = scans.backslash, scans.escaped_quote_key[1:], scans.u
    find = text.find
    at = find(backslash)
    seen = escaped_quotes = 0
    escape = False
    while at != -1:
        seen += 1
        if seen > _WALK_LIMIT:
            return None
        follows = text[at + 1 : at + 3]
        if follows == quote_colon:
            escaped_quotes += 1
        elif follows[:1] == u:
            escape = True
        at = find(backslash, at + 1)
    if escape and scans.escaped_surrogate.search(text) is None:  # type: ignore[arg-type]
        escape = False
    return escape, escaped_quotes


@dataclass(frozen=True)
class _Scans:
    """The patterns ``model_from_json``'s whole-text scans look for, in the type of the text they
    scan: a ``str``, or the UTF-8 bytes of one (``model_from_utf8``). Every pattern is ASCII, and
    in UTF-8 an ASCII character is its own byte and no multi-byte sequence holds a byte below 0x80,
    so each count and search gives the same answer on the bytes as on their text."""

    backslash: str | bytes
    u: str | bytes
    escaped_quote_key: str | bytes
    key_end: str | bytes  # ``":``
    not_keys: tuple[str | bytes, ...]
    escaped_surrogate: re.Pattern[Any]
    spaced_key: re.Pattern[Any]


_TEXT_SCANS = _Scans("\\", "u", _ESCAPED_QUOTE_KEY, '":', _NOT_KEYS, _ESCAPED_SURROGATE, _SPACED_KEY)
_BYTE_SCANS = _Scans(b"\\", b"u", _ESCAPED_QUOTE_KEY.encode("ascii"), b'":', tuple(k.encode("ascii") for k in _NOT_KEYS),
                     re.compile(_ESCAPED_SURROGATE.pattern.encode("ascii")), re.compile(_SPACED_KEY.pattern.encode("ascii")))


def model_from_json(model: type[M], text: str, *, decoded_from_utf8: bool = False, raw: bytes | None = None) -> M | None:
    """``model`` validated straight from the JSON ``text`` by pydantic's parser, or None whenever
    ``loads_strict`` would report anything or might (as ``loads_plain``), or ``model`` refuses it.

    The same acceptance as ``loads_plain`` then ``model.model_validate`` with one parse and no
    Python dict in between (issue 15: a third of reading a gold record). pydantic's parser is no
    more lenient than ``json.loads`` except in one way, which is checked here: it keeps the last of
    two equal keys. What else ``loads_strict`` refuses it refuses too, or the model does
    (tests/test_fast_validation.py): NaN and Infinity (no float field), integers past the digit
    limit (out of range for its parser, and an offset past the text is refused anyway), depth (the
    model's), a byte-order mark, control characters and bad escapes in strings, trailing data; a
    lone surrogate is ruled out first (``_may_hold_surrogates``). A duplicate key is ruled out by
    counting, at C speed, without a hook per object:

    * every JSON object of a text ``model`` accepts became one model instance, whose keys are
      field names (``model_keys`` refuses a model with a free-form field or extra keys allowed),
      so the keys the instances hold, ``model_keys(value)``, are the distinct keys written;
    * a key's closing quote, followed at once by its colon (no ``_SPACED_KEY`` in the text), is
      an occurrence of ``":`` preceded by the last character of a field name. Any other one is
      a quote inside a string (escaped, so preceded by a backslash) or the opening quote of a
      string that starts with a colon (preceded by a colon, a space, a comma, a bracket ...). So
      the occurrences of ``":``, less those preceded by a backslash, a colon or a space, are at
      least the pairs written (more only for a string starting with a colon after a comma, a
      bracket or another white space).

    When that count equals ``model_keys``, the pairs written are at most the keys held, which are
    at most the pairs written: no object wrote a key twice. Otherwise (or with a spaced key) the
    caller's diagnostic path decides. ``decoded_from_utf8`` as in ``loads_plain``.

    ``raw``: the bytes ``text`` was just decoded from, strictly, as UTF-8 (so ``text`` is
    ``decoded_from_utf8``). pydantic's parser then reads them: it reads UTF-8, so a ``str`` is
    first encoded again (and the copy kept with it), a quarter of validating a gold record; the
    bytes it reads are the same (a strict UTF-8 decoding and encoding give back the bytes), so
    is the model."""
    if raw is not None:
        decoded_from_utf8 = True
    walked = _backslash_walk(text)
    if walked is None:  # too many backslashes to walk: the C-level scans
        if _may_hold_surrogates(text, decoded_from_utf8):
            return None
    elif walked[0] or (not decoded_from_utf8 and _may_hold_surrogates(text)):
        return None
    return _validated_counted(model, text, text if raw is None else raw, walked)


def model_from_utf8(model: type[M], raw: bytes) -> M | None:
    """``model_from_json(model, raw.decode("utf-8"), raw=raw)`` without decoding ``raw``: the same
    model, or None, for any bytes. The scans run on the bytes (``_Scans``: the same answers as on
    their text), and pydantic's parser refuses bytes that are not UTF-8 (a stray, truncated or
    overlong sequence, an encoded surrogate, a code point past U+10FFFF: tests/test_fast_validation.py),
    so a model comes only from bytes that decode, strictly, to a text ``model_from_json`` accepts.
    Decoding a gold record (about 0.17 ms of Arabic text) was a twentieth of reading and checking
    it (issue 15); a caller decodes only when this answers None, to find what is wrong."""
    walked = _backslash_walk(raw)
    if walked is None:
        if _BYTE_SCANS.escaped_surrogate.search(raw) is not None:  # the only surrogate left: a text decoded strictly holds no raw one
            return None
    elif walked[0]:
        return None
    return _validated_counted(model, raw, raw, walked)


def _validated_counted(model: type[M], text: str | bytes, payload: str | bytes, walked: tuple[bool, int] | None) -> M | None:
    """``model_from_json``'s validation (of ``payload``: ``text`` or the bytes it was decoded from)
    and its count of the keys written in ``text`` (its docstring), once the surrogates are ruled out."""
    from pydantic import ValidationError

    scans = _BYTE_SCANS if isinstance(text, bytes) else _TEXT_SCANS
    try:
        value = model.model_validate_json(payload)  # type: ignore[attr-defined]
    except (ValidationError, ValueError, RecursionError):
        return None
    keys = model_keys(value)
    written = text.count(scans.key_end)  # type: ignore[arg-type]  # at least the pairs written, most often exactly
    # less the quotes before a colon that close no key (see above), one scan at a time while
    # the count is off: escaped quotes (a news text quotes speech), then strings opening on one
    for other in scans.not_keys:
        if written == keys:
            break
        written -= text.count(other) if walked is None or other != scans.escaped_quote_key else walked[1]  # type: ignore[arg-type]
    if written != keys:
        return None
    if scans.spaced_key.search(text) is not None:  # type: ignore[arg-type]
        return None
    return value


def _nested_models(annotation: Any, owner: type) -> list[tuple[type, bool]]:
    """The model types a field's ``annotation`` can hold, each with whether inside a list; a
    ``TypeError`` for anything that could hold a JSON object that is not a model (dict, Any)."""
    from pydantic import BaseModel

    if annotation in (str, int, bool, type(None)):
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, False)]
    origin = get_origin(annotation)
    if origin is Literal:
        return []
    if origin is list:
        return [(inner, True) for inner, _ in _nested_models(get_args(annotation)[0], owner)]
    if origin is Union or type(annotation).__name__ == "UnionType":
        return [found for arg in get_args(annotation) for found in _nested_models(arg, owner)]
    if type(annotation).__name__ == "_AnnotatedAlias":
        return _nested_models(get_args(annotation)[0], owner)
    raise TypeError(f"{owner.__name__}: a field of type {annotation!r} can hold a free-form value; model_keys cannot count its keys")


@functools.cache
def _fields_of(model: type) -> tuple[tuple[str, bool], ...]:
    """A model class's fields that hold models, each as (name, a list of them?); cached per
    class (classes are immutable here), so a model tree is inspected once per process."""
    if model.model_config.get("extra") != "forbid":  # type: ignore[attr-defined]
        raise TypeError(f"{model.__name__} allows extra keys; model_keys cannot count them")
    fields = []
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        nested = _nested_models(info.annotation, model)
        if nested:
            if len({many for _, many in nested}) != 1:
                raise TypeError(f"{model.__name__}.{name}: a model both alone and in a list")
            for inner, _ in nested:
                _fields_of(inner)
            fields.append((name, nested[0][1]))
    return tuple(fields)


@functools.cache
def _plan(model: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """``_fields_of(model)`` split for ``model_keys``: the fields holding one leaf model (a model
    with no model field of its own), those holding a list of leaf models, and the others (each
    with whether a list). A leaf's keys are its set fields alone, so a list of them is summed in
    one C-level pass instead of each being pushed and popped (a record holds a thousand: spans)."""
    one: list[str] = []
    many_leaves: list[str] = []
    nested: list[tuple[str, bool]] = []
    for name, many in _fields_of(model):
        inner = _nested_models(model.model_fields[name].annotation, model)  # type: ignore[attr-defined]
        if all(not _fields_of(kind) for kind, _ in inner):
            (many_leaves if many else one).append(name)
        else:
            nested.append((name, many))
    return tuple(one), tuple(many_leaves), tuple(nested)


_FIELDS_SET = operator.attrgetter("__pydantic_fields_set__")


def model_keys(value: Any) -> int:
    """The keys the JSON objects ``value`` was validated from held (each instance's set fields),
    summed over the model tree; iterative (leaf models summed without a visit, ``_plan``)."""
    total = 0
    stack = [value]
    pop, push, extend = stack.pop, stack.append, stack.extend
    plan = _plan
    while stack:
        item = pop()
        total += len(item.__pydantic_fields_set__)
        held = item.__dict__
        one, many_leaves, nested = plan(type(item))
        for name in many_leaves:
            child = held[name]
            if child:
                total += sum(map(len, map(_FIELDS_SET, child)))
        for name in one:
            child = held[name]
            if child is not None:
                total += len(child.__pydantic_fields_set__)
        for name, many in nested:
            child = held[name]
            if child is None:
                continue
            if many:
                extend(child)
            else:
                push(child)
    return total


def loads_strict(text: str) -> Decoded:
    """Decode ``text``; raise ``StrictJSONError`` for invalid JSON, nesting too deep for the
    decoder, non-standard constants and integers past Python's digit limit. Duplicate keys and
    strings with lone surrogates are returned for the caller to report with their locations."""
    duplicates: list[tuple[str, Any]] = []
    surrogates: list[str] = []
    check_strings = _may_hold_surrogates(text)

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            seen: set[str] = set()
            for key, value in pairs:
                if key in seen:
                    duplicates.append((key, value))
                seen.add(key)
            out = {}
            for key, value in pairs:  # last wins, as json.loads (the caller refuses it anyway)
                out[key] = value
        if check_strings:
            for key, value in pairs:
                if _has_lone_surrogate(key) or (isinstance(value, str) and _has_lone_surrogate(value)):
                    surrogates.append(key)
        return out

    try:
        value = json.loads(text, object_pairs_hook=hook, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise StrictJSONError(f"invalid JSON at column {err.colno}: {err.msg}", err.lineno, err.colno, text[err.pos : err.pos + 20]) from None
    except RecursionError:
        raise StrictJSONError("JSON nested too deeply to decode") from None
    except ValueError as err:  # NaN/Infinity, integers past the digit limit
        raise StrictJSONError(str(err)) from None
    # one iterative walk: the nesting depth (what later recursive code, such as copy.deepcopy
    # or pydantic, can take) and strings inside arrays, which the object hook does not see
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise StrictJSONError(f"JSON nested deeper than {MAX_DEPTH} levels (naba's files need fewer than 10)")
        children = item if isinstance(item, list) else item.values()
        for element in children:
            if isinstance(element, (list, dict)):
                stack.append((element, depth + 1))
            elif check_strings and isinstance(item, list) and isinstance(element, str) and _has_lone_surrogate(element):
                surrogates.append("<array>")
    if isinstance(value, str) and _has_lone_surrogate(value):
        surrogates.append("<root>")
    return Decoded(value, duplicates, surrogates)
