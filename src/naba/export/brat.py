"""brat standoff export: ``<id>.txt`` (the document text) and ``<id>.ann`` (the annotations).

Offsets. brat offsets are character offsets into the ``.txt`` file. naba's offsets are Python
code points, so the ``.txt`` is written as the UTF-8 bytes of the exact document text (no
newline added, none translated, no byte-order mark) and a reader that decodes it as UTF-8 gets
back the string the offsets index. (A reader counting UTF-16 units or bytes would not.)

What is written, in this order (``\\t`` separates the fields, as the brat format says):

* ``T`` text-bound annotations: every entity mention (type: the entity type, ``PER`` ...), every
  time expression (type: its TIMEX3 type, ``DATE`` ``TIME`` ``DURATION`` ``SET``), every quote's
  cue (type ``Quote``: it is the trigger of the quote's event) and content (type
  ``QuoteContent``, one annotation whose fragments are the content spans: discontinuous content
  is ``start end;start end``), every event trigger (type: the event type, ``MEET`` ...), and, only
  where an event argument or a quote speaker's span is no annotation above, that span (type
  ``Argument`` or ``Speaker``). The text field is the covered text, fragments joined by one
  space, as brat writes it.
* ``E`` events: ``E1 MEET:T7 Participant:T1 Participant2:T3``: the trigger, then the arguments
  in the submission's order; a role that repeats takes a number from its second use on (brat's
  convention); quotes are events too: ``Quote:T<cue> Content:T<content> [Speaker:T<mention>]``.
  An argument points to the annotation with its exact span, preferring the mention of the entity
  (or the time expression) it refers to.
* ``A`` attributes with a closed set of values: ``MentionKind`` on mentions, ``Factuality`` on
  events, ``QuoteKind`` on quote events.
* ``*`` ``Equiv`` lines: the mentions of one entity (coreference), when it has two or more.
* ``#`` ``AnnotatorNotes``: what has no closed set of values or points past a ``T``: the naba id
  of every annotation, an entity's canonical name, a time expression's value and anchor
  (``anchor=timex T3``, ``anchor=speech_event E40``, ``anchor=publication_date 2025-06-23``), a
  quote's speaker entity and relaying outlet, an event's ``time_id``. Notes are made one line
  (runs of white space become one space).

A line of an ``.ann`` file cannot hold a line break, and a tab in a ``T`` line's text would read
as a fourth field, so a span that crosses one (which no gold span does, but a submission's may)
is cut into fragments around the line-break characters (those ``str.splitlines`` breaks on) and
tabs, as brat itself cuts spans at line breaks; a span of such characters only becomes a
zero-length fragment at its start and is counted (``spans of line breaks only``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from naba.export import ExportDocument, Rendered
from naba.gold.inventory import TIME_ROLE
from naba.submission.model import SubAnchor

#: The characters ``str.splitlines`` ends a line at: none may appear inside an ``.ann`` line.
LINE_BREAKS: frozenset[str] = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
#: What a ``T`` line's text may not hold: line breaks, and the tab that separates its fields.
CUT: frozenset[str] = LINE_BREAKS | {"\t"}


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut around line breaks and tabs into maximal fragments without one."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        if text[i] in CUT:
            i += 1
            continue
        j = i
        while j < end and text[j] not in CUT:
            j += 1
        out.append((i, j))
        i = j
    return out


def one_line(note: str) -> str:
    """A note as one line: runs of white space (line breaks included) become one space."""
    return " ".join(note.split())


@dataclass
class _Ann:
    """The ``.ann`` lines being built, and the ids handed out so far."""

    text: str
    counts: Counter[str] = field(default_factory=Counter)
    t_lines: list[str] = field(default_factory=list)
    e_lines: list[str] = field(default_factory=list)
    a_lines: list[str] = field(default_factory=list)
    equiv_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the first single-span T of each span, for arguments that name a span, not an id
    by_span: dict[tuple[int, int], str] = field(default_factory=dict)

    def textbound(self, kind: str, spans: list[tuple[int, int]], note: str | None = None) -> str:
        """A ``T`` line over the spans (sorted, cut at line breaks and tabs); returns its id."""
        t_id = f"T{len(self.t_lines) + 1}"
        frags = [f for s, e in sorted(spans) for f in fragments(self.text, s, e)]
        if not frags:
            start = min(s for s, _ in spans)
            frags = [(start, start)]
            if any(e > s for s, e in spans):
                self.counts["spans of line breaks only"] += 1
        offsets = ";".join(f"{s} {e}" for s, e in frags)
        covered = " ".join(self.text[s:e] for s, e in frags)
        self.t_lines.append(f"{t_id}\t{kind} {offsets}\t{covered}")
        if len(spans) == 1:
            self.by_span.setdefault(spans[0], t_id)
        if note:
            self.note(t_id, note)
        return t_id

    def attribute(self, name: str, target: str, value: str) -> None:
        self.a_lines.append(f"A{len(self.a_lines) + 1}\t{name} {target} {value}")

    def note(self, target: str, note: str) -> None:
        self.notes.append(f"#{len(self.notes) + 1}\tAnnotatorNotes {target}\t{one_line(note)}")

    def event(self, kind: str, trigger: str, arguments: list[tuple[str, str]]) -> str:
        """An ``E`` line; repeated roles are numbered from their second use (``Participant2``)."""
        e_id = f"E{len(self.e_lines) + 1}"
        seen: Counter[str] = Counter()
        parts = [f"{kind}:{trigger}"]
        for role, target in arguments:
            seen[role] += 1
            parts.append(f"{role}{seen[role] if seen[role] > 1 else ''}:{target}")
        self.e_lines.append(f"{e_id}\t{' '.join(parts)}")
        return e_id

    def lines(self) -> str:
        body = self.t_lines + self.e_lines + self.a_lines + self.equiv_lines + self.notes
        return "".join(line + "\n" for line in body)


def render_brat(doc: ExportDocument) -> Rendered:
    """The ``.txt`` and ``.ann`` files of one document (see the module doc)."""
    text = doc.document.text
    sub = doc.annotations
    ann = _Ann(text)
    mention_t: dict[tuple[str, int, int], str] = {}
    entity_names = {e.id: e.name for e in sub.entities or []}
    for entity in sub.entities or []:
        ids = []
        for m in entity.mentions:
            name = f" {entity.name}" if entity.name else ""
            t_id = ann.textbound(entity.type, [(m.start, m.end)], f"{m.id} of entity {entity.id}{name}")
            mention_t[(entity.id, m.start, m.end)] = t_id
            ids.append(t_id)
            if m.kind is not None:
                ann.attribute("MentionKind", t_id, m.kind)
        if len(ids) > 1:
            ann.equiv_lines.append("*\tEquiv " + " ".join(ids))
    timex_t: dict[str, str] = {}
    timex_span_t: dict[tuple[str, int, int], str] = {}
    for t in sub.timexes or []:
        timex_t[t.id] = timex_span_t[(t.id, t.start, t.end)] = ann.textbound(t.type, [(t.start, t.end)])

    def reference(ref_id: str | None, start: int, end: int, fallback: str, *, time: bool = False) -> str:
        """The T of this exact span: the referenced item's (a time expression's for the Time
        role, else an entity's mention), else any T of that span, else a new one."""
        found = (timex_span_t if time else mention_t).get((ref_id, start, end)) if ref_id is not None else None
        found = found or ann.by_span.get((start, end))
        if found is None:
            ann.counts[f"{fallback} spans that are no mention or time expression"] += 1
            found = ann.textbound(fallback, [(start, end)], f"refers to {ref_id}" if ref_id else None)
        return found

    quote_e: dict[str, str] = {}
    for q in sub.quotes or []:
        cue = ann.textbound("Quote", [(q.cue.start, q.cue.end)])
        content = ann.textbound("QuoteContent", [(c.start, c.end) for c in q.content])
        arguments = [("Content", content)]
        if q.speaker_mention is not None:
            arguments.append(("Speaker", reference(q.speaker_entity_id, q.speaker_mention.start, q.speaker_mention.end, "Speaker")))
        quote_e[q.id] = ann.event("Quote", cue, arguments)
        ann.attribute("QuoteKind", quote_e[q.id], q.kind)
        speaker = q.speaker_entity_id or q.speaker_name
        note = [q.id]
        if speaker:
            note.append(f"speaker {speaker}" + (f" {entity_names[speaker]}" if speaker in entity_names else ""))
        if q.relayed_by_entity_id:
            note.append(f"relayed by {q.relayed_by_entity_id} {entity_names.get(q.relayed_by_entity_id, '')}")
        ann.note(quote_e[q.id], "; ".join(note))
    for ev in sub.events or []:
        trigger = ann.textbound(ev.type, [(ev.trigger.start, ev.trigger.end)])
        arguments = [(a.role, reference(a.ref_id, a.start, a.end, "Argument", time=a.role == TIME_ROLE)) for a in ev.arguments]
        e_id = ann.event(ev.type, trigger, arguments)
        if ev.factuality is not None:
            ann.attribute("Factuality", e_id, ev.factuality)
        note = ev.id if ev.time_id is None else f"{ev.id}; time_id {ev.time_id} ({timex_t.get(ev.time_id, 'not exported')})"
        ann.note(e_id, note)
    for t in sub.timexes or []:
        ann.note(timex_t[t.id], f"{t.id} value={t.value}; anchor={_anchor(t.anchor, timex_t, quote_e, doc)}")
    name = doc.document.id
    ann.counts["text-bound annotations (T)"] += len(ann.t_lines)
    ann.counts["events and quotes (E)"] += len(ann.e_lines)
    return Rendered({f"{name}.txt": text, f"{name}.ann": ann.lines()}, ann.counts)


def _anchor(anchor: SubAnchor | None, timex_t: dict[str, str], quote_e: dict[str, str], doc: ExportDocument) -> str:
    """A time expression's anchor for its note, naming the brat annotation it points to."""
    if anchor is None:
        return "none"
    if anchor.kind == "publication_date":
        return f"publication_date {doc.document.publication_date.value}"
    target = (timex_t if anchor.kind == "timex" else quote_e).get(anchor.id or "", "not exported")
    return f"{anchor.kind} {target} ({anchor.id})"
