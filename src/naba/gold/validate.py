"""Every invariant of a gold record, checked at once, every problem collected.

``validate_text`` is the pure core (JSON text in, problems out); ``validate_file``
and ``validate_paths`` add the file names. Each check has a ``code`` so that the
deliberately broken fixtures in ``tests/fixtures/broken`` can assert that exactly
the intended invariant fails.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Iterable

from pydantic import ValidationError

from naba.common.jsonpos import Path, line_map, line_of
from naba.common.jsonload import StrictJSONError, loads_strict, model_from_json, model_from_utf8
from naba.common.problems import Problem, dotted, short
from naba.gold.inventory import EVENT_ROLES, TIME_ROLE
from naba.gold.model import SCHEMA_VERSION, Record, Sentence, Span
from naba.gold.timex3 import calendar_date, is_iso_date, is_valid_value, named_weekday


class _Collector:
    """Collects problems; the JSON text's line map is built on the first problem only (a valid
    record, the usual case, never pays for it: it was three quarters of reading the gold)."""

    def __init__(self, file: str, text: str | None) -> None:
        self.file = file
        self.text = text
        self._lines: dict[Path, int] | None = None
        self.problems: list[Problem] = []

    def add(self, path: Path, value: object, message: str, code: str) -> None:
        if self._lines is None:
            self._lines = line_map(self.text) if self.text is not None else {}
        self.problems.append(
            Problem(self.file, line_of(self._lines, path), dotted(path), short(value), message, code)
        )


def parse_record(text: str, file: str = "<record>", *, decoded_from_utf8: bool = False,
                 raw: bytes | None = None) -> tuple[Record | None, list[Problem]]:
    """Parse and fully validate one record; the record is None if it does not parse.

    Two paths with one outcome. The fast one (``_valid_record``) validates the model straight
    from the text (``jsonload.model_from_json``: one parse, duplicate keys ruled out by counting)
    and runs every invariant; it answers only for a record with no
    problem at all. Anything else (a decoding doubt, a model error, a duplicate key, any
    invariant broken) is decided again by the diagnostic path below, which finds and locates
    every problem: a bad record is reported exactly as before, and a record the fast path
    accepts is one the diagnostic path accepts too (tests/test_fast_validation.py).
    ``decoded_from_utf8``: ``text`` was just decoded from UTF-8 bytes (``read_record_text``), so
    it holds no raw lone surrogate (``jsonload.loads_plain``); ``raw``: those bytes, which the fast
    path's parser then reads (``jsonload.model_from_json``)."""
    record = _valid_record(text, file, decoded_from_utf8, raw)
    if record is not None:
        return record, []
    return diagnose_record(text, file)


def _valid_record(text: str, file: str, decoded_from_utf8: bool = False, raw: bytes | None = None) -> Record | None:
    """The record if ``text`` is a record with no problem, else None (the fast path)."""
    return _fine(model_from_json(Record, text, decoded_from_utf8=decoded_from_utf8, raw=raw), file)


def _fine(record: Record | None, file: str) -> Record | None:
    """``record`` if it is one (the model validated) whose every invariant holds, else None."""
    if record is None:
        return None
    try:
        check_record(record, _Probe(file, None))
    except _Broken:
        return None
    return record


class _Broken(Exception):
    """An invariant of the record is broken (``_Probe``): the diagnostic path takes over."""


class _Probe(_Collector):
    """A collector for the fast path: the first problem stops the checks (the diagnostic path
    then finds, and locates, every problem)."""

    def add(self, path: Path, value: object, message: str, code: str) -> None:
        raise _Broken


def diagnose_record(text: str, file: str = "<record>") -> tuple[Record | None, list[Problem]]:
    """``parse_record`` by the diagnostic path alone: the strict decoder (duplicate keys, lone
    surrogates, NaN, depth), the model, then every invariant, each problem with its line."""
    try:
        decoded = loads_strict(text)
    except StrictJSONError as err:
        return None, [Problem(file, err.line, "<root>", short(err.fragment), str(err), "json")]
    raw = decoded.value
    out = _Collector(file, text)
    if decoded.duplicate_keys or decoded.lone_surrogates:
        for key, value in decoded.duplicate_keys:
            out.add((key,), value, "duplicate key in a JSON object (the gold never keeps one silently)", "duplicate_key")
        for key in decoded.lone_surrogates:
            out.add((key,), "<lone surrogate>", "a string holds a lone surrogate (not valid Unicode text)", "encoding")
        return None, out.problems
    try:
        record = Record.model_validate(raw)
    except ValidationError as err:
        for item in err.errors():
            out.add(tuple(item["loc"]), item.get("input"), item["msg"], "structure")
        return None, out.problems
    check_record(record, out)
    return record, out.problems


def validate_record(record: Record, file: str = "<record>") -> list[Problem]:
    """Every invariant of a record already in memory (no line numbers: there is no file)."""
    out = _Collector(file, None)
    check_record(record, out)
    return out.problems


def validate_text(text: str, file: str = "<record>") -> list[Problem]:
    return parse_record(text, file)[1]


#: A record file larger than this is refused before it is read (the article's record is 0.1 MB).
MAX_RECORD_BYTES = 64 * 1024 * 1024


def read_record_text(path: FsPath) -> tuple[str | None, list[Problem]]:
    """The text of a record file, or the problem that prevents reading it: not a regular file
    (a folder, a FIFO or a device, which could hang or never end), too large, or not UTF-8."""
    text, _, problems = read_record_data(path)
    return text, problems


def read_record_data(path: FsPath) -> tuple[str | None, bytes | None, list[Problem]]:
    """``read_record_text`` with the bytes the text was decoded from (None with it)."""
    data, problems = _read_record_bytes(path)
    if data is None:
        return None, None, problems
    text, problems = _decoded(path, data)
    return text, (data if text is not None else None), problems


def _read_record_bytes(path: FsPath) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a record file, or the problem that prevents reading them (``read_record_text``)."""
    import stat

    try:
        info = path.stat()
    except OSError as err:
        return None, [Problem(str(path), None, "<file>", short(str(path)), f"cannot read: {err.strerror or err}", "io")]
    if not stat.S_ISREG(info.st_mode):
        return None, [Problem(str(path), None, "<file>", short(str(path)), "not a regular file", "io")]
    if info.st_size > MAX_RECORD_BYTES:
        return None, [Problem(str(path), None, "<file>", f"{info.st_size} bytes", f"larger than {MAX_RECORD_BYTES} bytes", "io")]
    try:
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(str(path), None, "<file>", short(str(path)), f"cannot read: {err.strerror or err}", "io")]


def _decoded(path: FsPath, data: bytes) -> tuple[str | None, list[Problem]]:
    """A record file's bytes as text, or the problem that they are not UTF-8."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Problem(str(path), line, "<file>", short(data[err.start : err.start + 8]), f"not UTF-8 at byte {err.start}: {err.reason}", "encoding")]


def parse_record_file(path: FsPath) -> tuple[Record | None, list[Problem]]:
    """``read_record_data`` then ``parse_record``: the same record and problems, and the bytes are
    decoded only when they are not a valid record. The fast path validates the bytes themselves
    (``jsonload.model_from_utf8``, which accepts exactly the bytes that decode to a text
    ``model_from_json`` accepts); anything else is decoded, so that a file that is not UTF-8 gets
    ``read_record_data``'s problem and any other bad record the diagnostic path's."""
    data, problems = _read_record_bytes(path)
    if data is None:
        return None, problems
    record = _fine(model_from_utf8(Record, data), str(path))
    if record is not None:
        return record, []
    text, problems = _decoded(path, data)
    if text is None:
        return None, problems
    return diagnose_record(text, str(path))


def validate_file(path: FsPath) -> list[Problem]:
    """Every problem of one record file: ``parse_record_file``'s, the one reading of a record file
    (``validate_paths`` and ``read_record`` use it too), so a file is never decoded just to be checked."""
    return parse_record_file(path)[1]


def validate_paths(paths: Iterable[FsPath]) -> list[Problem]:
    """Validate each record file and the cross-file invariant (unique document ids)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        record, found = parse_record_file(path)
        problems.extend(found)
        if record is not None:
            doc_id = record.document.id
            if doc_id in seen:
                problems.append(Problem(str(path), None, "document.id", short(doc_id), f"document id also used by {seen[doc_id]}", "unique_id"))
            seen[doc_id] = str(path)
            if path.stem != doc_id:
                problems.append(Problem(str(path), None, "document.id", short(doc_id), f"file name must be <document.id>.json, got {path.name}", "file_name"))
    return problems


# --------------------------------------------------------------------------- checks


def _check_span(out: _Collector, path: Path, span: Span, text: str, *, nonempty: bool = True) -> bool:
    """Offsets in range, non-empty, and covered text equal to the stored text."""
    if span.end > len(text) or span.start > span.end:
        out.add(path + ("end",), [span.start, span.end], f"offsets out of range for text of length {len(text)}", "offset_range")
        return False
    if nonempty and span.start == span.end:
        out.add(path + ("start",), [span.start, span.end], "empty span", "empty_span")
        return False
    covered = span.covered_text(text)
    if covered != span.text:
        out.add(path + ("text",), span.text, f"covered text is {covered!r}", "covered_text")
        return False
    if span.text != span.text.strip():
        out.add(path + ("text",), span.text, "span begins or ends with white space", "span_whitespace")
    return True


def _record_spans(record: Record) -> list[Span]:
    """Every span ``check_record`` passes to ``_check_span`` (zones, sentences, and the
    annotations' spans)."""
    doc = record.document
    return [*doc.zones, *doc.sentences, *annotation_spans(record)]


def annotation_spans(record: Record) -> list[Span]:
    """Every span of the record's annotations: mentions, time expressions, quote cues and
    contents, triggers, arguments (the scorer's fused-lam rule reads their starts too)."""
    spans: list[Span] = []
    for entity in record.entities:
        spans += entity.mentions
    spans += record.timexes
    for quote in record.quotes:
        spans.append(quote.cue)
        spans += quote.content
    for event in record.events:
        spans.append(event.trigger)
        spans += event.arguments
    return spans


def spans_fine(spans: Iterable[Span], text: str) -> bool:
    """Would ``_check_span`` find nothing wrong with any of ``spans``? One tight pass with no
    paths built: a valid record's five hundred spans are checked at once, and only a record
    with a bad span is checked span by span, which then reports each problem where it is
    (tests/test_fast_validation.py checks that the two agree)."""
    n = len(text)
    for span in spans:
        start, end, stored = span.start, span.end, span.text
        # non-empty and in range, the covered text, and (for a non-empty text) exactly
        # ``stored != stored.strip()``: str.strip() strips what str.isspace() calls white space
        if not start < end <= n or text[start:end] != stored or stored[0].isspace() or stored[-1].isspace():
            return False
    return True


def _ids_unique(record: Record) -> bool:
    """Is every id ``check_record`` claims (the document's, its zones', sentences', entities',
    mentions', time expressions', quotes' and events') written once? One set of them all, where
    claiming each built its path first (a record has about a thousand)."""
    doc = record.document
    ids = [doc.id, *[z.id for z in doc.zones], *[s.id for s in doc.sentences]]
    for entity in record.entities:
        ids.append(entity.id)
        ids += [m.id for m in entity.mentions]
    ids += [t.id for t in record.timexes]
    ids += [q.id for q in record.quotes]
    ids += [e.id for e in record.events]
    return len(set(ids)) == len(ids)


def _check_tiling(out: _Collector, path: Path, spans: list[tuple[int, Span]], lo: int, hi: int, text: str, what: str) -> None:
    """Spans in order, non-overlapping, covering every non-space character of [lo, hi)."""
    cursor = lo
    for index, span in spans:
        if span.start < cursor:
            out.add(path + (index, "start"), span.start, f"{what} overlaps the previous one or is out of order", "tiling")
        elif text[cursor : span.start].strip():
            out.add(path + (index, "start"), span.start, f"text before this {what} is not covered: {text[cursor:span.start].strip()[:30]!r}", "tiling")
        cursor = max(cursor, span.end)
    if text[cursor:hi].strip():
        out.add(path, hi, f"text after the last {what} is not covered: {text[cursor:hi].strip()[:30]!r}", "tiling")


def check_record(record: Record, out: _Collector) -> None:
    doc = record.document
    text = doc.text
    # every span at once; span by span (and located) only when one of them is wrong
    # (a record whose spans are all fine makes no ``_check_span`` call, nor builds its paths)
    spans_checked = not spans_fine(_record_spans(record), text)

    # ids unique across the whole document; claimed one by one (each with its path, to locate a
    # duplicate) only when some id is written twice, which one set of every id rules out
    ids: dict[str, Path] = {}
    claims_checked = not _ids_unique(record)

    def claim(identifier: str, path: Path) -> None:
        if identifier in ids:
            out.add(path, identifier, f"duplicate id (first at {dotted(ids[identifier])})", "unique_id")
        else:
            ids[identifier] = path

    if claims_checked:
        claim(doc.id, ("document", "id"))
    if record.schema_version != SCHEMA_VERSION:
        out.add(("schema_version",), record.schema_version, f"this naba reads record schema {SCHEMA_VERSION}", "schema_version")
    if not is_iso_date(doc.publication_date.value):
        out.add(("document", "publication_date", "value"), doc.publication_date.value, "not a calendar date written YYYY-MM-DD", "date")
    for i, entity in enumerate(record.entities):
        for name in ("name", "name_en"):
            if not getattr(entity, name).strip():
                out.add(("entities", i, name), getattr(entity, name), "an entity's name must not be empty", "name")

    # zones and sentences
    for i, zone in enumerate(doc.zones):
        if claims_checked:
            claim(zone.id, ("document", "zones", i, "id"))
        if spans_checked:
            _check_span(out, ("document", "zones", i), zone, text)
    _check_tiling(out, ("document", "zones"), list(enumerate(doc.zones)), 0, len(text), text, "zone")
    zone_by_id = {z.id: z for z in doc.zones}
    sentences_of: dict[str, list[tuple[int, Sentence]]] = {}  # each zone's sentences, in order
    for i, sent in enumerate(doc.sentences):
        sentences_of.setdefault(sent.zone_id, []).append((i, sent))
    for i, sent in enumerate(doc.sentences):
        if claims_checked:
            claim(sent.id, ("document", "sentences", i, "id"))
        if spans_checked:
            _check_span(out, ("document", "sentences", i), sent, text)
        zone = zone_by_id.get(sent.zone_id)
        if zone is None:
            out.add(("document", "sentences", i, "zone_id"), sent.zone_id, "unknown zone", "reference")
        elif not (zone.start <= sent.start and sent.end <= zone.end):
            out.add(("document", "sentences", i, "end"), [sent.start, sent.end], f"sentence crosses the boundary of zone {zone.id}", "tiling")
    for zone_index, zone in enumerate(doc.zones):
        inside = sentences_of.get(zone.id, [])
        if not inside:
            out.add(("document", "zones", zone_index), zone.id, "zone has no sentence", "tiling")
            continue
        _check_tiling(out, ("document", "sentences"), inside, zone.start, zone.end, text, "sentence")

    # entities
    mention_owner: dict[str, str] = {}
    mention_span: dict[str, tuple[int, int]] = {}
    entity_ids: set[str] = set()
    for i, ent in enumerate(record.entities):
        if claims_checked:
            claim(ent.id, ("entities", i, "id"))
        entity_ids.add(ent.id)
        for j, men in enumerate(ent.mentions):
            if claims_checked:
                claim(men.id, ("entities", i, "mentions", j, "id"))
            if spans_checked:
                _check_span(out, ("entities", i, "mentions", j), men, text)
            mention_owner[men.id] = ent.id
            mention_span[men.id] = (men.start, men.end)
    seen_spans: dict[tuple[int, int, str], str] = {}
    for i, ent in enumerate(record.entities):
        for j, men in enumerate(ent.mentions):
            key = (men.start, men.end, ent.id)
            if key in seen_spans:
                out.add(("entities", i, "mentions", j), men.id, f"same span as mention {seen_spans[key]} of the same entity", "duplicate_span")
            seen_spans[key] = men.id

    # time expressions
    timex_by_id = {t.id: t for t in record.timexes}
    quote_by_id = {q.id: q for q in record.quotes}
    for i, tx in enumerate(record.timexes):
        path: Path = ("timexes", i)
        if claims_checked:
            claim(tx.id, path + ("id",))
        if spans_checked:
            _check_span(out, path, tx, text)
        for field, value in [("value", tx.value)] + [(("alternatives", k), v) for k, v in enumerate(tx.alternatives)]:
            sub = path + (field if isinstance(field, tuple) else (field,))
            if not is_valid_value(value):
                out.add(sub, value, "not a TIMEX3 value (see GUIDELINES.md, time expressions)", "timex_value")
        weekday = named_weekday(tx.text)
        day = calendar_date(tx.value)
        if weekday is not None and day is not None and day.isoweekday() != weekday:
            out.add(path + ("value",), tx.value, f"{tx.text!r} names weekday {weekday} but {tx.value} is weekday {day.isoweekday()}", "weekday")
        anchor = tx.anchor
        if anchor is None:
            continue
        apath = path + ("anchor",)
        if anchor.kind == "publication_date":
            if anchor.id is not None:
                out.add(apath + ("id",), anchor.id, "a publication_date anchor has no id", "reference")
        elif anchor.kind == "timex":
            target = timex_by_id.get(anchor.id or "")
            if target is None:
                out.add(apath + ("id",), anchor.id, "anchor must name a time expression", "reference")
            elif target.id == tx.id:
                out.add(apath + ("id",), anchor.id, "a time expression cannot anchor itself", "anchor_cycle")
        else:
            quote = quote_by_id.get(anchor.id or "")
            if quote is None:
                out.add(apath + ("id",), anchor.id, "a speech_event anchor must name a quote", "reference")
            elif not any(c.start <= tx.start and tx.end <= c.end for c in quote.content):
                out.add(apath + ("id",), anchor.id, f"expression is not inside the content of quote {quote.id}", "anchor_scope")
    for i, tx in enumerate(record.timexes):  # anchor chains terminate
        seen: set[str] = set()
        cur = tx
        while cur.anchor is not None and cur.anchor.kind == "timex" and cur.anchor.id in timex_by_id:
            if cur.id in seen:
                out.add(("timexes", i, "anchor", "id"), tx.anchor.id if tx.anchor else None, "anchor chain has a cycle", "anchor_cycle")
                break
            seen.add(cur.id)
            cur = timex_by_id[cur.anchor.id]

    # quotes
    for i, q in enumerate(record.quotes):
        path = ("quotes", i)
        if claims_checked:
            claim(q.id, path + ("id",))
        if spans_checked:
            _check_span(out, path + ("cue",), q.cue, text)
        for k, c in enumerate(q.content):
            if spans_checked:
                _check_span(out, path + ("content", k), c, text)
        for k in range(1, len(q.content)):
            if q.content[k].start < q.content[k - 1].end:
                out.add(path + ("content", k, "start"), q.content[k].start, "content spans must be ordered and disjoint", "content_order")
        if q.speaker_entity_id is not None and q.speaker_entity_id not in entity_ids:
            out.add(path + ("speaker_entity_id",), q.speaker_entity_id, "unknown entity", "reference")
        if q.speaker_mention_id is not None:
            owner = mention_owner.get(q.speaker_mention_id)
            if owner is None:
                out.add(path + ("speaker_mention_id",), q.speaker_mention_id, "unknown mention", "reference")
            elif owner != q.speaker_entity_id:
                out.add(path + ("speaker_mention_id",), q.speaker_mention_id, f"mention belongs to {owner}, not to the speaker {q.speaker_entity_id}", "reference")
        if q.relayed_by_entity_id is not None and q.relayed_by_entity_id not in entity_ids:
            out.add(path + ("relayed_by_entity_id",), q.relayed_by_entity_id, "unknown entity", "reference")
        if q.time_id is not None and q.time_id not in timex_by_id:
            out.add(path + ("time_id",), q.time_id, "unknown time expression", "reference")

    # events
    # (start, end, entity) of every mention: an argument's span is looked up, not searched for
    owned_spans = {(span[0], span[1], mention_owner[m]) for m, span in mention_span.items()}
    for i, ev in enumerate(record.events):
        path = ("events", i)
        if claims_checked:
            claim(ev.id, path + ("id",))
        if spans_checked:
            _check_span(out, path + ("trigger",), ev.trigger, text)
        allowed = EVENT_ROLES[ev.type]
        for k, arg in enumerate(ev.arguments):
            apath = path + ("arguments", k)
            if spans_checked:
                _check_span(out, apath, arg, text)
            if arg.role not in allowed:
                out.add(apath + ("role",), arg.role, f"role not allowed for {ev.type}; allowed: {', '.join(allowed)}", "role")
            if arg.role == TIME_ROLE:
                target = timex_by_id.get(arg.ref_id)
                if target is None:
                    out.add(apath + ("ref_id",), arg.ref_id, "a Time argument must name a time expression", "reference")
                elif (target.start, target.end) != (arg.start, arg.end):
                    out.add(apath + ("start",), [arg.start, arg.end], f"argument span differs from time expression {target.id}", "argument_span")
            else:
                if arg.ref_id not in entity_ids:
                    out.add(apath + ("ref_id",), arg.ref_id, "argument must name an entity", "reference")
                elif (arg.start, arg.end, arg.ref_id) not in owned_spans:
                    out.add(apath + ("start",), [arg.start, arg.end], f"argument span is not a mention of {arg.ref_id}", "argument_span")
        if ev.time_id is not None and ev.time_id not in timex_by_id:
            out.add(path + ("time_id",), ev.time_id, "unknown time expression", "reference")
