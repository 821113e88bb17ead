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
without importing naba's model classes; ``validate_submission_record`` is the
one gate every output passes, so a bad system fails loudly with the file-free
equivalent of a problem list instead of corrupting a score.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Final, Mapping

from naba.gold.inventory import (
    ANCHOR_KINDS,
    ENTITY_TYPES,
    EVENT_ROLES,
    EVENT_TYPES,
    FACTUALITY_VALUES,
    LAYERS,
    MENTION_KINDS,
    QUOTE_KINDS,
    TIME_ROLE,
    TIMEX_TYPES,
)
from naba.common.problems import Problem, short
from naba.gold.timex3 import is_valid_value



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


class SubmissionError(ValueError):
    """An extractor returned a record that breaks the submission format."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


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
    try:
        _dt.date.fromisoformat(pub)
    except ValueError:
        raise ValueError(f"publication_date is not an ISO date (YYYY-MM-DD): {pub!r}") from None
    return InputDocument(doc_id, text, pub)


# --------------------------------------------------------------------------- validation


class _Check:
    """Collects problems for one record; ``where`` names the document."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.text = text
        self.problems: list[Problem] = []

    def add(self, field: str, value: object, message: str, code: str) -> None:
        self.problems.append(Problem(self.where, None, field, short(value), message, code))

    def keys(self, field: str, obj: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
        if not isinstance(obj, Mapping):
            self.add(field, obj, "must be an object", "structure")
            return False
        ok = True
        for key in required:
            if key not in obj:
                self.add(field, sorted(obj), f"missing key {key!r}", "structure")
                ok = False
        for key in obj:
            if key not in required and key not in optional:
                self.add(f"{field}.{key}", obj[key], "unknown key", "structure")
                ok = False
        return ok

    def ident(self, field: str, value: Any, nullable: bool = False) -> bool:
        if value is None and nullable:
            return True
        if not isinstance(value, str) or not value:
            self.add(field, value, "must be a non-empty string id" + (" or null" if nullable else ""), "structure")
            return False
        return True

    def label(self, field: str, value: Any, allowed: tuple[str, ...]) -> bool:
        if value not in allowed:
            self.add(field, value, f"unknown label; allowed: {', '.join(allowed)}", "label")
            return False
        return True

    def span(self, field: str, obj: Any, extra: tuple[str, ...] = ()) -> bool:
        """start/end/text present, offsets in range, covered text equal to ``text``."""
        if not self.keys(field, obj, ("start", "end", "text") + extra):
            return False
        start, end, covered = obj["start"], obj["end"], obj["text"]
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            self.add(field, [start, end], "offsets must be integers", "structure")
            return False
        if not 0 <= start < end <= len(self.text):
            self.add(field, [start, end], f"offsets out of range (need 0 <= start < end <= {len(self.text)})", "offset_range")
            return False
        if covered != self.text[start:end]:
            self.add(f"{field}.text", covered, f"covered text is {self.text[start:end]!r}", "covered_text")
            return False
        return True


def validate_submission_record(record: Any, document: InputDocument) -> list[Problem]:
    """Every problem of one submission record against its document, collected.

    Checks: the record is an object naming the document; only known layers;
    every span in range with its covered text; every label in
    ``naba.gold.inventory``; TIMEX3 values well formed; ids unique; every reference
    (anchor, speaker, argument, time) resolves inside the record.
    """
    out = _Check(f"<{document.id}>", document.text)
    if not out.keys("<root>", record, ("document_id",), LAYERS):
        return out.problems
    if record["document_id"] != document.id:
        out.add("document_id", record["document_id"], f"expected {document.id!r}", "document_id")
    ids: set[str] = set()

    def claim(field: str, value: Any) -> None:
        if out.ident(field, value):
            if value in ids:
                out.add(field, value, "duplicate id", "unique_id")
            ids.add(value)

    for layer in LAYERS:
        if layer in record and not isinstance(record[layer], list):
            out.add(layer, record[layer], "a layer must be a list", "structure")
    entities = record.get("entities") if isinstance(record.get("entities"), list) else []
    timexes = record.get("timexes") if isinstance(record.get("timexes"), list) else []
    quotes = record.get("quotes") if isinstance(record.get("quotes"), list) else []
    events = record.get("events") if isinstance(record.get("events"), list) else []

    entity_ids: set[str] = set()
    mention_spans: dict[str, set[tuple[int, int]]] = {}
    for i, ent in enumerate(entities):
        f = f"entities[{i}]"
        if not out.keys(f, ent, ("id", "type", "name", "mentions")):
            continue
        claim(f + ".id", ent["id"])
        entity_ids.add(ent["id"])
        out.label(f + ".type", ent["type"], ENTITY_TYPES)
        if not isinstance(ent["name"], str) or not ent["name"]:
            out.add(f + ".name", ent["name"], "must be a non-empty string", "structure")
        if not isinstance(ent["mentions"], list) or not ent["mentions"]:
            out.add(f + ".mentions", ent["mentions"], "must be a non-empty list", "structure")
            continue
        for j, men in enumerate(ent["mentions"]):
            mf = f"{f}.mentions[{j}]"
            if out.span(mf, men, ("id", "kind")):
                claim(mf + ".id", men["id"])
                out.label(mf + ".kind", men["kind"], MENTION_KINDS)
                mention_spans.setdefault(ent["id"], set()).add((men["start"], men["end"]))

    timex_ids: dict[str, tuple[int, int]] = {}
    anchors: list[tuple[str, Any]] = []
    for i, tx in enumerate(timexes):
        f = f"timexes[{i}]"
        if not out.span(f, tx, ("id", "type", "value", "anchor")):
            continue
        claim(f + ".id", tx["id"])
        timex_ids[tx["id"]] = (tx["start"], tx["end"])
        out.label(f + ".type", tx["type"], TIMEX_TYPES)
        if not isinstance(tx["value"], str) or not is_valid_value(tx["value"]):
            out.add(f + ".value", tx["value"], "not a TIMEX3 value", "timex_value")
        anchor = tx["anchor"]
        if anchor is not None and out.keys(f + ".anchor", anchor, ("kind", "id")):
            if out.label(f + ".anchor.kind", anchor["kind"], ANCHOR_KINDS):
                if anchor["kind"] == "publication_date":
                    if anchor["id"] is not None:
                        out.add(f + ".anchor.id", anchor["id"], "a publication_date anchor has no id", "reference")
                else:
                    anchors.append((f + ".anchor.id", anchor))

    quote_ids: set[str] = set()
    for i, q in enumerate(quotes):
        f = f"quotes[{i}]"
        if not out.keys(f, q, ("id", "kind", "cue", "content", "speaker_entity_id", "speaker_name", "speaker_mention", "relayed_by_entity_id")):
            continue
        claim(f + ".id", q["id"])
        quote_ids.add(q["id"])
        out.label(f + ".kind", q["kind"], QUOTE_KINDS)
        out.span(f + ".cue", q["cue"])
        if not isinstance(q["content"], list) or not q["content"]:
            out.add(f + ".content", q["content"], "must be a non-empty list of spans", "structure")
        else:
            for k, c in enumerate(q["content"]):
                out.span(f"{f}.content[{k}]", c)
        for key in ("speaker_entity_id", "relayed_by_entity_id"):
            if out.ident(f"{f}.{key}", q[key], nullable=True) and q[key] is not None and q[key] not in entity_ids:
                out.add(f"{f}.{key}", q[key], "unknown entity", "reference")
        if q["speaker_name"] is not None and not isinstance(q["speaker_name"], str):
            out.add(f + ".speaker_name", q["speaker_name"], "must be a string or null", "structure")
        if q["speaker_mention"] is not None:
            out.span(f + ".speaker_mention", q["speaker_mention"])

    for field, anchor in anchors:
        if anchor["kind"] == "timex" and anchor["id"] not in timex_ids:
            out.add(field, anchor["id"], "anchor must name a time expression of this record", "reference")
        if anchor["kind"] == "speech_event" and anchor["id"] not in quote_ids:
            out.add(field, anchor["id"], "a speech_event anchor must name a quote of this record", "reference")

    for i, ev in enumerate(events):
        f = f"events[{i}]"
        if not out.keys(f, ev, ("id", "type", "trigger", "arguments", "time_id", "factuality")):
            continue
        claim(f + ".id", ev["id"])
        typed = out.label(f + ".type", ev["type"], EVENT_TYPES)
        out.span(f + ".trigger", ev["trigger"])
        out.label(f + ".factuality", ev["factuality"], FACTUALITY_VALUES)
        if out.ident(f + ".time_id", ev["time_id"], nullable=True) and ev["time_id"] is not None and ev["time_id"] not in timex_ids:
            out.add(f + ".time_id", ev["time_id"], "unknown time expression", "reference")
        if not isinstance(ev["arguments"], list):
            out.add(f + ".arguments", ev["arguments"], "must be a list", "structure")
            continue
        for k, arg in enumerate(ev["arguments"]):
            af = f"{f}.arguments[{k}]"
            if not out.span(af, arg, ("role", "ref_id")):
                continue
            if typed and arg["role"] not in EVENT_ROLES[ev["type"]]:
                out.add(af + ".role", arg["role"], f"role not allowed for {ev['type']}; allowed: {', '.join(EVENT_ROLES[ev['type']])}", "label")
            elif arg["role"] == TIME_ROLE:
                if timex_ids.get(arg["ref_id"]) != (arg["start"], arg["end"]):
                    out.add(af + ".ref_id", arg["ref_id"], "a Time argument must name a time expression with the same span", "reference")
            elif (arg["start"], arg["end"]) not in mention_spans.get(arg["ref_id"], set()):
                out.add(af + ".ref_id", arg["ref_id"], "argument must name an entity and a span of one of its mentions", "reference")
    return out.problems


def _span_key(obj: Mapping[str, Any]) -> tuple[int, int]:
    return (obj["start"], obj["end"])


def canonical_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A validated record in canonical order: items sorted by position, then id.

    Sorting makes the output bytes independent of the order in which a system
    happened to emit its items (one of the determinism guarantees of ``naba run``).
    """
    out: dict[str, Any] = {"document_id": record["document_id"]}
    if "entities" in record:
        ents = []
        for ent in record["entities"]:
            mentions = sorted(ent["mentions"], key=lambda m: (m["start"], m["end"], m["id"]))
            ents.append({"id": ent["id"], "type": ent["type"], "name": ent["name"],
                         "mentions": [{k: m[k] for k in ("id", "start", "end", "text", "kind")} for m in mentions]})
        out["entities"] = sorted(ents, key=lambda e: (_span_key(e["mentions"][0]), e["id"]))
    if "timexes" in record:
        out["timexes"] = [
            {k: t[k] for k in ("id", "start", "end", "text", "type", "value", "anchor")}
            for t in sorted(record["timexes"], key=lambda t: (_span_key(t), t["id"]))
        ]
    if "quotes" in record:
        out["quotes"] = [
            {k: q[k] for k in ("id", "kind", "cue", "content", "speaker_entity_id", "speaker_name", "speaker_mention", "relayed_by_entity_id")}
            for q in sorted(record["quotes"], key=lambda q: (_span_key(q["content"][0]), _span_key(q["cue"]), q["id"]))
        ]
    if "events" in record:
        out["events"] = [
            {"id": e["id"], "type": e["type"], "trigger": e["trigger"],
             "arguments": sorted(e["arguments"], key=lambda a: (a["start"], a["end"], a["role"], a["ref_id"])),
             "time_id": e["time_id"], "factuality": e["factuality"]}
            for e in sorted(record["events"], key=lambda e: (_span_key(e["trigger"]), e["id"]))
        ]
    return out
