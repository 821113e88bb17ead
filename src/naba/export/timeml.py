"""TimeML export: one XML file per document, the text with inline ``TIMEX3`` tags.

The file of a document (``<id>.tml``, UTF-8, XML 1.0)::

    <?xml version="1.0" encoding="UTF-8"?>
    <TimeML>
    <DOCID>the document id</DOCID>
    <DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-23" temporalFunction="false"
         functionInDocument="CREATION_TIME">2025-06-23</TIMEX3></DCT>
    <TEXT>the document text, every time expression wrapped in a TIMEX3 tag</TEXT>
    </TimeML>

Why these choices:

* ``tid`` is ``t0`` for the document creation time (the publication date) and ``t1``, ``t2`` ...
  for the time expressions in text order (start, then end, then naba id), because TimeML ids are
  XML ids of a fixed shape and a submission's ids need not be; the naba id is kept in the
  ``comment`` attribute (``naba t01``).
* ``type`` and ``value`` are naba's (naba's TIMEX3 values are TimeML's). ``temporalFunction`` is
  ``true`` for an expression with an anchor (its value is computed from another time).
  ``anchorTimeID`` names that time: ``t0`` for the publication date, the tid of the anchoring
  expression for a ``timex`` anchor; for a ``speech_event`` anchor (the time of the reported
  speech the expression occurs in) the tid of the expression that dates the quote, when the gold
  gives one (``Quote.time_id``; a submission cannot say it). Otherwise, or when the anchoring
  expression was not written (below), there is no ``anchorTimeID`` and the comment says what the
  anchor was (``anchor speech_event q03``).
* Removing the tags from ``TEXT`` gives back the document text exactly: the text is escaped
  (``& < >``, and carriage returns as ``&#13;``, which XML would otherwise turn into ``\\n``) and
  nothing is added or trimmed. XML 1.0 cannot hold some control characters at all (U+0000 to
  U+001F but tab, LF and CR, and U+FFFE, U+FFFF); a document containing one cannot be exported to
  TimeML and raises ExportError naming the offset.
* TimeML does not nest or overlap ``TIMEX3`` tags. Of overlapping expressions the longest is
  written (ties: earlier start, earlier end, naba id), greedily, as the CoNLL export resolves
  nested mentions; every expression left out is counted (``time expressions dropped: overlap``)
  and the command prints the count.
"""

from __future__ import annotations

import re
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

from naba.export import ExportDocument, ExportError, Rendered
from naba.submission.model import SubTimex

#: Characters XML 1.0 forbids (not even as character references).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Escapes for character data: ``& < >`` by ``escape`` itself, and CR kept as CR.
_TEXT_ENTITIES = {"\r": "&#13;"}


def _text(value: str) -> str:
    return escape(value, _TEXT_ENTITIES)


def _overlap(a: SubTimex, b: SubTimex) -> bool:
    return a.start < b.end and b.start < a.end


def kept_timexes(timexes: list[SubTimex]) -> tuple[list[SubTimex], list[SubTimex]]:
    """(written, dropped): longest first, greedily, no two written ones overlap; written in text order."""
    kept: list[SubTimex] = []
    dropped: list[SubTimex] = []
    for t in sorted(timexes, key=lambda t: (-(t.end - t.start), t.start, t.end, t.id)):
        (dropped if any(_overlap(t, k) for k in kept) else kept).append(t)
    kept.sort(key=lambda t: (t.start, t.end, t.id))
    return kept, dropped


def _tag(attributes: list[tuple[str, str]], content: str) -> str:
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in attributes)
    return f"<TIMEX3{attrs}>{_text(content)}</TIMEX3>" if content else f"<TIMEX3{attrs}/>"


def render_timeml(doc: ExportDocument) -> Rendered:
    """The TimeML file of one document (see the module doc); raises ExportError on text XML cannot hold."""
    document = doc.document
    text = document.text
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise ExportError(f"{document.id}: offset {bad.start()}: character U+{ord(bad.group()):04X} cannot be written in XML 1.0")
    counts: Counter[str] = Counter()
    timexes = list(doc.annotations.timexes or [])
    if doc.annotations.timexes is None:
        counts["timexes layer not predicted (text only)"] += 1
    kept, dropped = kept_timexes(timexes)
    counts["time expressions written"] += len(kept)
    if dropped:
        counts["time expressions dropped: overlap"] += len(dropped)
    tid = {t.id: f"t{n}" for n, t in enumerate(kept, start=1)}
    dct_value = document.publication_date.value
    dct = _tag([("tid", "t0"), ("type", "DATE"), ("value", dct_value), ("temporalFunction", "false"),
                ("functionInDocument", "CREATION_TIME")], dct_value)
    body: list[str] = []
    position = 0
    for t in kept:
        attributes = [("tid", tid[t.id]), ("type", t.type), ("value", t.value),
                      ("temporalFunction", "false" if t.anchor is None else "true")]
        comment = f"naba {t.id}"
        anchor_tid = None
        if t.anchor is not None:
            if t.anchor.kind == "publication_date":
                anchor_tid = "t0"
            elif t.anchor.kind == "timex":
                anchor_tid = tid.get(t.anchor.id or "")
            else:
                anchor_tid = tid.get(doc.quote_times.get(t.anchor.id or "", ""))
                if anchor_tid is not None:
                    comment += f"; anchor speech_event {t.anchor.id}, dated by {doc.quote_times[t.anchor.id or '']}"
            if anchor_tid is None:
                comment += f"; anchor {t.anchor.kind} {t.anchor.id}"
                counts["anchors without anchorTimeID"] += 1
            else:
                attributes.append(("anchorTimeID", anchor_tid))
        attributes.append(("comment", comment))
        body.append(_text(text[position : t.start]))
        body.append(_tag(attributes, text[t.start : t.end]))
        position = t.end
    body.append(_text(text[position:]))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
        f"<DOCID>{_text(document.id)}</DOCID>\n<DCT>{dct}</DCT>\n<TEXT>{''.join(body)}</TEXT>\n</TimeML>\n"
    )
    return Rendered({f"{document.id}.tml": xml}, counts)
