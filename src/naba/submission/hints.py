"""Structure problems a person can act on: one hint per wrong shape, not one line per field.

pydantic reports every missing or unexpected field of every item. An extractor that writes
``{"label": "PER", "span": "بوتين"}`` for each of 23 entities gets 69 lines that all say the same
thing. ``structure_problems`` keeps the located problems (file, line, dotted field, value) but
folds an item's problems into one when there are more than ``FOLD_AFTER`` of them, saying what
the item should look like (with offsets, and the string shapes of ``naba.submission.shapes``),
and adds "did you mean" for an unknown key close to a known one.
"""

from __future__ import annotations

import difflib
from typing import Any, Final, Sequence

from pydantic import BaseModel

from naba.common.jsonpos import Path as JsonPath
from naba.common.problems import Problem, dotted, short
from naba.submission.model import SubArgument, SubEntity, SubEvent, SubmissionDocument, SubMention, SubQuote, SubSpan, SubTimex

#: An item with problems in more distinct fields than this is reported as one problem with a hint
#: (the same two fields missing from each of ten mentions are ten located problems, not a shape).
FOLD_AFTER: Final = 3

#: What an item of each place should look like (offsets, or the string shapes).
SHAPES: Final[dict[str, str]] = {
    "entities": '{"id": "e1", "type": "PER", "mentions": [{"id": "m1", "start": 5, "end": 10, "text": "..."}]}, '
                'or without offsets {"type": "PER", "text": "..."} or {"type": "PER", "mentions": ["...", "..."]}',
    "timexes": '{"id": "t1", "start": 0, "end": 4, "text": "...", "type": "DATE", "value": "2025-06-23"}, '
               'or without offsets {"text": "...", "value": "2025-06-23"}',
    "quotes": '{"id": "q1", "kind": "direct", "cue": {"start": .., "end": .., "text": ".."}, "content": [{...}], "speaker_name": ".."}, '
              'or without offsets {"cue": "قال", "content": "...", "speaker": "..."}',
    "events": '{"id": "v1", "type": "MEET", "trigger": {"start": .., "end": .., "text": ".."}, "arguments": [{"role": .., "start": .., '
              '"end": .., "text": "..", "ref_id": ..}]}, or without offsets {"type": "MEET", "trigger": "...", "arguments": [{"role": .., "text": ".."}]}',
}


def _model_at(loc: Sequence[Any]) -> type[BaseModel] | None:
    """The submission model that describes the object at ``loc`` (a pydantic error location)."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return SubmissionDocument
    layer, rest = names[0], names[1:]
    if layer == "entities":
        return SubMention if rest[:1] == ["mentions"] else SubEntity
    if layer == "timexes":
        return SubTimex
    if layer == "quotes":
        return SubSpan if rest[:1] in (["cue"], ["content"], ["speaker_mention"]) else SubQuote
    if layer == "events":
        if rest[:1] == ["trigger"]:
            return SubSpan
        return SubArgument if rest[:1] == ["arguments"] else SubEvent
    return None


def _item_of(loc: Sequence[Any]) -> tuple[Any, ...]:
    """The layer item an error belongs to: ``("entities", 3)``, or the line itself."""
    return tuple(loc[:2]) if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int) else ()


def structure_problems(errors: Sequence[dict[str, Any]], file: str, line: int | None, prefix: str) -> list[Problem]:
    """pydantic ``errors()`` of one line as problems, folded per item and with hints."""
    by_item: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for error in errors:
        by_item.setdefault(_item_of(error["loc"]), []).append(error)
    problems: list[Problem] = []
    for item, item_errors in by_item.items():
        names = {next((part for part in reversed(e["loc"]) if isinstance(part, str)), "") for e in item_errors}
        if item and len(names) > FOLD_AFTER:  # many different fields wrong: the item's shape is wrong
            fields = sorted({dotted(tuple(e["loc"][2:])) or "<item>" for e in item_errors})
            shown = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
            problems.append(Problem(file, line, prefix + dotted(item), short(item_errors[0].get("input")),
                                    f"not the shape of an item of {item[0]} ({len(item_errors)} problems: {shown}); expected "
                                    f"{SHAPES.get(item[0], 'an object of the submission schema')}", "structure"))
            continue
        for error in item_errors:
            loc: JsonPath = tuple(error["loc"])
            message = error["msg"]
            if error.get("type") == "extra_forbidden" and loc and isinstance(loc[-1], str):
                model = _model_at(loc[:-1])
                if model is not None:
                    close = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1, cutoff=0.6)
                    known = ", ".join(model.model_fields)
                    hint = f"did you mean {close[0]!r}? " if close else ""
                    message += f" ({hint}known fields: {known})"
            problems.append(Problem(file, line, prefix + dotted(loc), short(error.get("input")), message, "structure"))
    return problems
