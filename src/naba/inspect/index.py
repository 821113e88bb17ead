"""From a scorer key back to the annotation a person reads, and the sentence around it.

The scorer's outcomes name items by stable keys (``<document_id>/<id>``; event arguments by a
tuple key). To show an error, each key is turned back into what it stands for: its spans, the
text it covers, its label and the details that matter for its layer (an entity's canonical
name, a time expression's value and anchor, a quote's speaker, an argument's event). The items
themselves are built by the scorer's own layer functions (``gold_items``/``pred_items`` of
``naba.evaluate.entities``, ``timex``, ``quotes``, ``events``), so the keys, spans and labels
are the ones that were scored; this module only pairs each of them with its annotation.

Items come in *families*: the scorer builds a quote's content and its cue as two items under
the same key, and an event's trigger and its event-time item likewise, so a key is looked up
in the family of the metric group that produced it (``FAMILY``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal, Mapping, Sequence

from naba.evaluate import entities as entity_task
from naba.evaluate import events as event_task
from naba.evaluate import quotes as quote_task
from naba.evaluate import timex as timex_task
from naba.evaluate.spans import Item, SpanTuple, Units
from naba.gold.inventory import TIME_ROLE
from naba.gold.model import Quote, Record, Timex
from naba.submission.model import SubmissionDocument

Family = Literal["mention", "timex", "quote", "cue", "trigger", "argument", "event_time"]
Side = Literal["gold", "pred"]

#: metric group -> the family of the items it scores
FAMILY: dict[str, Family] = {
    **{f"entities.{mode}": "mention" for mode in entity_task.MODES},
    **{g: "timex" for g in ("timex.strict", "timex.relaxed", "timex.value", "timex.type_accuracy", "timex.value_accuracy", "timex.anchor_accuracy")},
    **{g: "quote" for g in ("quotes.content_strict", "quotes.content_overlap", "quotes.speaker_accuracy", "quotes.quote_speaker")},
    "quotes.cue": "cue",
    "events.trigger_identification": "trigger",
    "events.trigger_classification": "trigger",
    "events.argument_identification": "argument",
    "events.argument_classification": "argument",
    "events.event_time": "event_time",
}

#: Context window (code points on each side) when a record has no sentence boundaries.
WINDOW = 60


@dataclass(frozen=True)
class Annotation:
    """One gold item or one prediction as a person reads it.

    ``spans`` are the offsets as annotated (a prediction's as submitted, before the fused لل
    canonicalisation the scorer applies); ``text`` is the covered text (quote content spans
    joined by " … "); ``label`` the type, kind or role the metric compares; ``details`` the
    layer's other attributes, in a fixed order.
    """

    key: str
    document_id: str
    spans: tuple[SpanTuple, ...]
    text: str
    label: str
    details: Mapping[str, str] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans)

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "document_id": self.document_id, "spans": [list(s) for s in self.spans], "text": self.text,
                "label": self.label, "details": dict(self.details)}


@dataclass(frozen=True)
class Entry:
    """An indexed item: the scorer's ``Item`` (what was scored) and its ``Annotation`` (what is shown)."""

    item: Item
    annotation: Annotation


@dataclass(frozen=True)
class Context:
    """The text around an error: the gold sentences it touches, or a window when the record has none."""

    document_id: str
    start: int
    end: int
    text: str
    source: Literal["sentence", "window"]
    sentence_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"document_id": self.document_id, "start": self.start, "end": self.end, "text": self.text, "source": self.source,
                "sentence_ids": list(self.sentence_ids)}


def _span(start: int, end: int) -> tuple[SpanTuple, ...]:
    return ((start, end),)


def _quoted(text: str) -> str:
    return f"«{text}»"


class Index:
    """Every gold item and every prediction of one scoring, by (side, family, key).

    ``subs`` are the submission documents as submitted (shown); ``scored`` the same documents
    as the scorer saw them (fused لل canonicalised), whose items carry the keys and spans the
    outcomes refer to. Both lists are in the same order.
    """

    def __init__(self, gold: Sequence[Record], subs: Sequence[SubmissionDocument], scored: Sequence[SubmissionDocument]) -> None:
        self.records = {r.document.id: r for r in gold}
        self.documents = {r.document.id: r.document.text for r in gold}
        self._sentences = {
            r.document.id: sorted(((s.start, s.end, s.id) for s in r.document.sentences)) for r in gold
        }
        self._entries: dict[tuple[Side, Family, str], Entry] = {}
        units = Units.for_gold([[s.start for s in r.document.sentences] for r in gold])
        for d, record in enumerate(gold):
            self._add_gold(d, record, units)
        for d, (sub, canon) in enumerate(zip(subs, scored)):
            self._add_pred(d, sub, canon, units)

    # ------------------------------------------------------------------ lookup
    def get(self, side: Side, family: Family, key: str | None) -> Entry | None:
        return None if key is None else self._entries.get((side, family, key))

    def entries(self, side: Side, family: Family) -> list[Entry]:
        """Every entry of one side and family, in the order the scorer built them."""
        return [entry for (s, f, _), entry in self._entries.items() if s == side and f == family]

    def context(self, document_id: str, start: int, end: int) -> Context:
        """The gold sentences overlapping ``[start, end)`` (at least the one holding ``start``),
        or ``WINDOW`` code points on each side, widened to whole words, when there are none."""
        text = self.documents[document_id]
        sentences = self._sentences.get(document_id, [])
        end = max(end, start + 1)
        touched = [s for s in sentences if s[0] < end and start < s[1]]
        if not touched and sentences:
            k = bisect_right([s[0] for s in sentences], start) - 1
            if k >= 0 and sentences[k][1] >= start:
                touched = [sentences[k]]
        if touched:
            lo, hi = min(s[0] for s in touched), max(s[1] for s in touched)
            lo, hi = min(lo, start), max(hi, min(end, len(text)))
            return Context(document_id, lo, hi, text[lo:hi], "sentence", tuple(s[2] for s in touched))
        lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
        while lo > 0 and lo > start - WINDOW - 20 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and hi < end + WINDOW + 20 and not text[hi].isspace():
            hi += 1
        return Context(document_id, lo, hi, text[lo:hi], "window", ())

    # ------------------------------------------------------------------ building
    def _put(self, side: Side, family: Family, item: Item, annotation: Annotation) -> None:
        self._entries[(side, family, item.key)] = Entry(item, annotation)

    def _add_gold(self, d: int, record: Record, units: Units) -> None:
        doc = record.document.id
        entities = {e.id: e for e in record.entities}
        mention_text = {m.id: m.text for e in record.entities for m in e.mentions}
        timexes = {t.id: t for t in record.timexes}
        quotes = {q.id: q for q in record.quotes}

        pairs = [(e, m) for e in record.entities for m in e.mentions]
        items = entity_task.gold_items(d, record, units)
        _same_length(items, pairs, "gold mentions")
        for item, (e, m) in zip(items, pairs):
            self._put("gold", "mention", item, Annotation(item.key, doc, _span(m.start, m.end), m.text, e.type,
                                                          {"entity": e.id, "name": e.name, "kind": m.kind}))

        items = timex_task.gold_items(d, record, units)
        _same_length(items, record.timexes, "gold time expressions")
        for item, t in zip(items, record.timexes):
            details = {"value": t.value}
            if t.alternatives:
                details["alternatives"] = " | ".join(t.alternatives)
            details["anchor"] = self._gold_anchor(record, t.anchor.kind if t.anchor else None, t.anchor.id if t.anchor else None, timexes, quotes)
            self._put("gold", "timex", item, Annotation(item.key, doc, _span(t.start, t.end), t.text, t.type, details))

        contents, cues = quote_task.gold_items(d, record, units)
        _same_length(contents, record.quotes, "gold quotes")
        for content, cue, q in zip(contents, cues, record.quotes):
            speaker = entities.get(q.speaker_entity_id) if q.speaker_entity_id else None
            details = {"cue": q.cue.text, "speaker": f"{speaker.name} ({speaker.id})" if speaker else "unknown"}
            if q.speaker_mention_id and q.speaker_mention_id in mention_text:
                details["speaker_mention"] = mention_text[q.speaker_mention_id]
            if q.relayed_by_entity_id and q.relayed_by_entity_id in entities:
                details["relayed_by"] = entities[q.relayed_by_entity_id].name
            spans = tuple((c.start, c.end) for c in q.content)
            self._put("gold", "quote", content, Annotation(content.key, doc, spans, " … ".join(c.text for c in q.content), q.kind, details))
            self._put("gold", "cue", cue, Annotation(cue.key, doc, _span(q.cue.start, q.cue.end), q.cue.text, q.kind,
                                                     {"speaker": details["speaker"]}))

        triggers, args, times = event_task.gold_items(d, record, units)
        _same_length(triggers, record.events, "gold events")
        events = {}
        for item, ev in zip(triggers, record.events):
            events[item.key] = ev
            details = {"factuality": ev.factuality}
            if ev.time_id and ev.time_id in timexes:
                details["time"] = f"{timexes[ev.time_id].value} {_quoted(timexes[ev.time_id].text)}"
            self._put("gold", "trigger", item, Annotation(item.key, doc, _span(ev.trigger.start, ev.trigger.end), ev.trigger.text, ev.type, details))
        arg_pairs = [(ev, a) for ev in record.events for a in ev.arguments]
        _same_length(args, arg_pairs, "gold arguments")
        for item, (ev, a) in zip(args, arg_pairs):
            if a.role == TIME_ROLE and a.ref_id in timexes:
                referent = f"{timexes[a.ref_id].value} {_quoted(timexes[a.ref_id].text)} ({a.ref_id})"
            elif a.ref_id in entities:
                referent = f"{entities[a.ref_id].name} ({a.ref_id})"
            else:
                referent = a.ref_id
            self._put("gold", "argument", item, Annotation(item.key, doc, _span(a.start, a.end), a.text, a.role,
                                                           {"event": f"{ev.type} {_quoted(ev.trigger.text)} ({ev.id})", "referent": referent}))
        for item in times:
            ev = events[item.key]
            tx = timexes[ev.time_id or ""]
            self._put("gold", "event_time", item, Annotation(item.key, doc, _span(ev.trigger.start, ev.trigger.end), ev.trigger.text, ev.type,
                                                             {"time": f"{tx.value} {_quoted(tx.text)} ({tx.id})"}))

    @staticmethod
    def _gold_anchor(record: Record, kind: str | None, ref: str | None, timexes: Mapping[str, Timex], quotes: Mapping[str, Quote]) -> str:
        """The anchor in words: what the expression is resolved against, with that thing's text or value."""
        if kind is None:
            return "none"
        if kind == "publication_date":
            return f"publication_date {record.document.publication_date.value}"
        if kind == "timex" and ref is not None and ref in timexes:
            return f"timex {ref} {_quoted(timexes[ref].text)} = {timexes[ref].value}"
        if kind == "speech_event" and ref is not None and ref in quotes:
            return f"speech_event {ref} {_quoted(quotes[ref].cue.text)}"
        return f"{kind} {ref}" if ref else kind

    def _add_pred(self, d: int, sub: SubmissionDocument, canon: SubmissionDocument, units: Units) -> None:
        doc = sub.document_id
        entities = {e.id: e for e in sub.entities or ()}
        timexes = {t.id: t for t in sub.timexes or ()}

        pairs = [(e, m) for e in sub.entities or () for m in e.mentions]
        items = entity_task.pred_items(d, canon, units)
        _same_length(items, pairs, "predicted mentions")
        for item, (e, m) in zip(items, pairs):
            details = {"entity": e.id}
            if e.name:
                details["name"] = e.name
            if m.kind:
                details["kind"] = m.kind
            self._put("pred", "mention", item, Annotation(item.key, doc, _span(m.start, m.end), m.text, e.type, details))

        items = timex_task.pred_items(d, canon, units)
        _same_length(items, sub.timexes or (), "predicted time expressions")
        for item, t in zip(items, sub.timexes or ()):
            anchor = "none" if t.anchor is None else (f"{t.anchor.kind} {t.anchor.id}" if t.anchor.id else t.anchor.kind)
            self._put("pred", "timex", item, Annotation(item.key, doc, _span(t.start, t.end), t.text, t.type, {"value": t.value, "anchor": anchor}))

        contents, cues = quote_task.pred_items(d, canon, units)
        _same_length(contents, sub.quotes or (), "predicted quotes")
        for content, cue, q in zip(contents, cues, sub.quotes or ()):
            if q.speaker_name is not None:
                speaker = q.speaker_name
            elif q.speaker_entity_id is not None and q.speaker_entity_id in entities and entities[q.speaker_entity_id].name:
                speaker = f"{entities[q.speaker_entity_id].name} ({q.speaker_entity_id})"
            elif q.speaker_entity_id is not None:
                speaker = q.speaker_entity_id
            elif q.speaker_mention is not None:
                speaker = q.speaker_mention.text
            else:
                speaker = "none"
            details = {"cue": q.cue.text, "speaker": speaker}
            if q.speaker_mention is not None:
                details["speaker_mention"] = q.speaker_mention.text
            spans = tuple((c.start, c.end) for c in q.content)
            self._put("pred", "quote", content, Annotation(content.key, doc, spans, " … ".join(c.text for c in q.content), q.kind, details))
            self._put("pred", "cue", cue, Annotation(cue.key, doc, _span(q.cue.start, q.cue.end), q.cue.text, q.kind, {"speaker": speaker}))

        triggers, args, times = event_task.pred_items(d, canon, units)
        evs = list(sub.events or ())
        _same_length(triggers, evs, "predicted events")
        events = {}
        for item, ev in zip(triggers, evs):
            events[item.key] = ev
            details = {"factuality": ev.factuality or "none"}
            if ev.time_id and ev.time_id in timexes:
                details["time"] = f"{timexes[ev.time_id].value} {_quoted(timexes[ev.time_id].text)}"
            self._put("pred", "trigger", item, Annotation(item.key, doc, _span(ev.trigger.start, ev.trigger.end), ev.trigger.text, ev.type, details))
        arg_pairs = [(ev, a) for ev in evs for a in ev.arguments]
        _same_length(args, arg_pairs, "predicted arguments")
        for item, (ev, a) in zip(args, arg_pairs):
            details = {"event": f"{ev.type} {_quoted(ev.trigger.text)} ({ev.id})"}
            if a.ref_id:
                details["referent"] = a.ref_id
            self._put("pred", "argument", item, Annotation(item.key, doc, _span(a.start, a.end), a.text, a.role, details))
        for item in times:
            ev = events[item.key]
            tx = timexes[ev.time_id or ""]
            self._put("pred", "event_time", item, Annotation(item.key, doc, _span(ev.trigger.start, ev.trigger.end), ev.trigger.text, ev.type,
                                                             {"time": f"{tx.value} {_quoted(tx.text)} ({tx.id})"}))


def _same_length(items: Sequence[object], objects: Sequence[object], what: str) -> None:
    """The scorer builds one item per annotation, in annotation order; pairing them relies on it."""
    if len(items) != len(objects):
        raise AssertionError(f"{what}: the scorer built {len(items)} items for {len(objects)} annotations")
