"""The extractor protocol: what a reference system is and what it must return.

An *extractor* is any callable ``extract(document) -> dict``. ``document`` is a
mapping or an object with at least ``id``, ``text`` and ``publication_date`` (an
ISO date string, or an object whose ``value`` is one, as in ``naba.gold.model``); the
gold layers are never passed. The returned dict is a *submission record*: a
``document_id`` plus any subset of the layers ``entities``, ``timexes``,
``quotes``, ``events`` with the field names of the gold record. A layer that is
absent was not predicted (an empty list means "predicted nothing").

Why a plain callable and plain dicts: any system, including ones written
outside this package, can be plugged in with ``naba run module:callable``
without importing naba's model classes. Every output passes the one submission
validator (``naba.submission.validate.validate_records``: the model and the checks
``naba score`` applies to a file), so a bad system fails loudly with a problem
list instead of corrupting a score, and what ``naba run`` writes, ``naba score`` reads.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from naba.gold.timex3 import is_iso_date
from naba.common.problems import short


@dataclass(frozen=True, slots=True)
class InputDocument:
    """The only view of a document an extractor gets: no gold layers."""

    id: str
    text: str
    publication_date: str

    @property
    def publication_day(self) -> _dt.date:
        return _dt.date.fromisoformat(self.publication_date)


Extractor = Callable[[Any], dict[str, Any]]


class SystemUnavailable(RuntimeError):
    """A reference system cannot run on this machine (e.g. no Java for HeidelTime).

    Raised instead of returning an empty record: an unavailable system is
    *skipped with its reason*, never scored as if it had predicted nothing.
    """


#: The optional dependencies of the reference systems (``pip install 'naba[baselines]'``): the
#: core (loading, validating, scoring) does not need them.
BASELINES_EXTRA = "baselines"


def requires(*modules: str) -> tuple[bool, str]:
    """A system's availability when it needs ``modules`` (import names): (True, "ok"), or
    (False, which are missing and the command that installs them)."""
    from importlib.util import find_spec

    missing = [name for name in modules if find_spec(name) is None]
    if missing:
        return False, f"needs {', '.join(missing)}, not installed: pip install 'naba[{BASELINES_EXTRA}]'"
    return True, "ok"


def as_input_document(document: Any) -> InputDocument:
    """Accept a mapping, a ``naba.gold.model.Document`` or an ``InputDocument``.

    Raises ``ValueError`` naming the missing or malformed field; an extractor
    never has to guess what it was given.
    """
    if isinstance(document, InputDocument):
        return document

    def get(name: str) -> Any:
        if isinstance(document, Mapping):
            if name not in document:
                raise ValueError(f"document has no field {name!r}")
            return document[name]
        if not hasattr(document, name):
            raise ValueError(f"document has no attribute {name!r}")
        return getattr(document, name)

    doc_id, text, pub = get("id"), get("text"), get("publication_date")
    if not isinstance(pub, str) and hasattr(pub, "value"):
        pub = pub.value
    if isinstance(pub, Mapping) and "value" in pub:
        pub = pub["value"]
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"document id must be a non-empty string, got {short(doc_id)}")
    if not isinstance(text, str):
        raise ValueError(f"document text must be a string, got {type(text).__name__}")
    if not isinstance(pub, str):
        raise ValueError(f"publication_date must be an ISO date string, got {short(pub)}")
    if not is_iso_date(pub):
        raise ValueError(f"publication_date is not a calendar date written YYYY-MM-DD: {pub!r}")
    return InputDocument(doc_id, text, pub)


def _span_key(obj: Mapping[str, Any]) -> tuple[int, int]:
    return (obj["start"], obj["end"])


def _pick(obj: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: obj[key] for key in keys}


def _span(obj: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if obj is None else _pick(obj, ("start", "end", "text"))


def canonical_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A validated record (every field present, as ``SubmissionDocument.to_dict`` gives it) in
    canonical form: items sorted by position, then id; keys in one fixed order at every level.

    This makes the output bytes independent of the order in which a system happened to emit
    its items and keys (one of the determinism guarantees of ``naba run``).
    """
    out: dict[str, Any] = {"document_id": record["document_id"]}
    if "entities" in record:
        ents = []
        for ent in record["entities"]:
            mentions = sorted(ent["mentions"], key=lambda m: (m["start"], m["end"], m["id"]))
            ents.append({**_pick(ent, ("id", "type", "name")), "mentions": [_pick(m, ("id", "start", "end", "text", "kind")) for m in mentions]})
        out["entities"] = sorted(ents, key=lambda e: (_span_key(e["mentions"][0]), e["id"]))
    if "timexes" in record:
        out["timexes"] = [
            {**_pick(t, ("id", "start", "end", "text", "type", "value")), "anchor": None if t["anchor"] is None else _pick(t["anchor"], ("kind", "id"))}
            for t in sorted(record["timexes"], key=lambda t: (_span_key(t), t["id"]))
        ]
    if "quotes" in record:
        out["quotes"] = [
            {"id": q["id"], "kind": q["kind"], "cue": _span(q["cue"]), "content": [_span(c) for c in q["content"]],
             **_pick(q, ("speaker_entity_id", "speaker_name")), "speaker_mention": _span(q["speaker_mention"]),
             "relayed_by_entity_id": q["relayed_by_entity_id"]}
            for q in sorted(record["quotes"], key=lambda q: (_span_key(q["content"][0]), _span_key(q["cue"]), q["id"]))
        ]
    if "events" in record:
        out["events"] = [
            {"id": e["id"], "type": e["type"], "trigger": _span(e["trigger"]),
             "arguments": sorted((_pick(a, ("role", "ref_id", "start", "end", "text")) for a in e["arguments"]),
                                 key=lambda a: (a["start"], a["end"], a["role"], a["ref_id"] or "")),
             "time_id": e["time_id"], "factuality": e["factuality"]}
            for e in sorted(record["events"], key=lambda e: (_span_key(e["trigger"]), e["id"]))
        ]
    return out
