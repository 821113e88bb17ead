"""The events sweep as a repeatable tool: what a trigger's sentence names that the event does not use.

Guidelines Part I 3.3 (and adjudication A-V1) make every participant named in the trigger's
sentence an argument when, by meaning, it takes part in the event. A reviewer cannot apply that
rule from memory to 75 events; this module lists, per event, every annotated entity and time
expression with a mention in the trigger's sentence that is not one of the event's arguments, and
every event whose ``time_id`` is set without a Time argument (rule 3.3: such a date must date *this*
event, which needs a reason in the note). It only reports: the decision stays with the annotator,
and the record is never modified.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from naba.common.width import display_width, pad
from naba.gold.model import Event, Record, Sentence

FindingKind = Literal["entity_not_argument", "timex_not_argument", "time_id_without_time_argument"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the sweep must decide; ``ref_id`` is an entity or time expression id."""

    document_id: str
    event_id: str
    event_type: str
    trigger: str
    sentence_id: str
    kind: FindingKind
    ref_id: str
    ref_text: str
    ref_type: str
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _sentence_of(sentences: list[Sentence], start: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            return sentence
    return None


def _event_findings(record: Record, event: Event) -> list[Finding]:
    doc = record.document
    sentence = _sentence_of(doc.sentences, event.trigger.start)
    if sentence is None:  # the validator reports triggers outside every sentence; nothing to sweep
        return []
    used = {argument.ref_id for argument in event.arguments}
    trigger_span = (event.trigger.start, event.trigger.end)
    base: dict[str, str] = dict(
        document_id=doc.id,
        event_id=event.id,
        event_type=event.type,
        trigger=event.trigger.text,
        sentence_id=sentence.id,
    )
    findings: list[Finding] = []

    def add(kind: FindingKind, ref_id: str, ref_text: str, ref_type: str, start: int, end: int) -> None:
        findings.append(Finding(**base, kind=kind, ref_id=ref_id, ref_text=ref_text, ref_type=ref_type, start=start, end=end))

    def in_sentence(start: int, end: int) -> bool:
        return sentence.start <= start and end <= sentence.end

    for entity in record.entities:
        if entity.id in used:
            continue
        for mention in entity.mentions:
            if in_sentence(mention.start, mention.end) and (mention.start, mention.end) != trigger_span:
                add("entity_not_argument", entity.id, mention.text, entity.type, mention.start, mention.end)
    time_arguments = {argument.ref_id for argument in event.arguments if argument.role == "Time"}
    for timex in record.timexes:
        if timex.id not in time_arguments and in_sentence(timex.start, timex.end):
            add("timex_not_argument", timex.id, timex.text, timex.type, timex.start, timex.end)
    if event.time_id is not None and event.time_id not in time_arguments:
        dated = next((t for t in record.timexes if t.id == event.time_id), None)
        if dated is None:  # a dangling time_id is the validator's to report
            add("time_id_without_time_argument", event.time_id, "", "", -1, -1)
        else:
            add("time_id_without_time_argument", dated.id, dated.text, dated.type, dated.start, dated.end)
    return findings


def audit_record(record: Record) -> list[Finding]:
    """Every finding of one record, in event order, then text order within an event."""
    findings: list[Finding] = []
    for event in record.events:
        findings.extend(sorted(_event_findings(record, event), key=lambda f: (f.kind == "time_id_without_time_argument", f.start, f.end, f.ref_id)))
    return findings


def render_table(findings: list[Finding]) -> str:
    """A readable table, one finding a row."""
    header = ("event", "type", "trigger", "sentence", "finding", "ref", "text")
    rows = [
        (f.event_id, f.event_type, f.trigger, f.sentence_id, f.kind, f.ref_id, f.ref_text)
        for f in findings
    ]
    widths = [max(display_width(str(cell)) for cell in column) for column in zip(header, *rows)]  # harakat take no column
    lines = ["  ".join(pad(str(cell), width) for cell, width in zip(row, widths)).rstrip() for row in (header, *rows)]
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items())) or "none"
    lines.append(f"{len(findings)} finding(s) ({summary})")
    return "\n".join(lines)
