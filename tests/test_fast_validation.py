"""The fast validation paths (issue 15) decide exactly what the diagnostic paths decide.

``gold.validate.parse_record`` and ``submission.validate.parse_line`` first try the C decoder
(``jsonload.loads_plain``: no depth walk, a duplicate key or any doubt gives up) and one model
validation; only a record with no problem at all is answered there. These tests show that an
input the fast path accepts is one the diagnostic path (``diagnose_record``; ``loads_strict``
then the model) accepts too, with the same value, on hostile inputs made on purpose and on
random mutations of a valid record and of a valid line; and that whatever the fast path turns
down is reported exactly as the diagnostic path reports it.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest

from naba.common.jsonload import MAX_DEPTH, loads_plain, loads_strict, model_from_json
from naba.gold.model import Record
from naba.gold.validate import _valid_record, diagnose_record, parse_record
from naba.submission.model import SubmissionDocument, from_gold
from naba.submission.validate import parse_line

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "mini_001.json"


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _hostile(text: str) -> list[str]:
    """Texts that the diagnostic path refuses for a reason the C decoder does not see or that
    only the strict loader reports with its own message."""
    assert text.startswith("{\n")
    body = text[1:]
    return [
        '{"schema_version": "0.0.0",' + body,  # a duplicate key at the top
        text.replace('"kind": "name"', '"kind": "name", "kind": "name"', 1),  # an identical duplicate, nested
        text.replace('"note": null', '"note": null, "note": null', 1),
        text.replace('"start": 0', '"start": NaN', 1),
        text.replace('"start": 0', '"start": Infinity', 1),
        text.replace('"start": 0', '"start": 1e400', 1),
        text.replace('"start": 0', '"start": ' + "9" * 5000, 1),
        '{"deep": ' + _deep(MAX_DEPTH + 2) + "," + body,  # deeper than naba takes, decodable by C
        '{"deep": ' + _deep(5000) + "," + body,  # too deep for the decoder
        '{"x": "\\ud800",' + body,  # a lone surrogate, escaped
        text.replace('"note": null', '"note": "\\udc00"', 1),
        "\ufeff" + text,
        text + "x",
        text.replace(",", ",,", 1),
        "[" + text + "]",
        "null",
        "",
    ]


def _mutations(text: str, rnd: random.Random, n: int) -> list[str]:
    """Random small edits of a valid record: many break it, some only look like they might."""
    value = json.loads(text)
    out: list[str] = []
    for _ in range(n):
        mutated = json.loads(json.dumps(value))
        kind = rnd.randrange(6)
        objects: list[dict] = []
        stack: list = [mutated]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                objects.append(item)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        target = rnd.choice(objects)
        key = rnd.choice(sorted(target)) if target else "x"
        raw = json.dumps(mutated, ensure_ascii=False, indent=2)
        if kind == 0:  # one key written twice, same or other value
            dup = json.dumps(target.get(key), ensure_ascii=False) if rnd.random() < 0.5 else "0"
            marker = json.dumps(key) + ":"
            where = [i for i in range(len(raw)) if raw.startswith(marker, i)]
            at = rnd.choice(where)
            raw = raw[:at] + marker + " " + dup + ", " + raw[at:]
        elif kind == 1 and isinstance(target.get(key), int) and not isinstance(target.get(key), bool):
            target[key] += rnd.choice([-1, 1, 1000])
            raw = json.dumps(mutated, ensure_ascii=False, indent=2)
        elif kind == 2 and isinstance(target.get(key), str):
            target[key] = rnd.choice(["", " " + target[key], target[key] + "x", "\u0000", "NaN", "a:b"])
            raw = json.dumps(mutated, ensure_ascii=False, indent=2)
        elif kind == 3:  # an unknown field holding something deep
            target["extra"] = json.loads(_deep(rnd.choice([3, MAX_DEPTH, MAX_DEPTH + 5])))
            raw = json.dumps(mutated, ensure_ascii=False)
        elif kind == 4 and isinstance(target.get(key), list) and target[key]:
            target[key].append(target[key][0])  # a second copy of an item (duplicate ids)
            raw = json.dumps(mutated, ensure_ascii=False, indent=2)
        else:  # the same record, re-spelt: compact, ASCII escapes (still valid)
            raw = json.dumps(mutated, ensure_ascii=rnd.random() < 0.5, separators=(",", ":"))
        out.append(raw)
    return out


def _record_outcome(text: str) -> tuple[str | None, list[str]]:
    record, problems = parse_record(text, "f.json")
    return (None if record is None else record.model_dump_json()), [repr(p) for p in problems]


def _diagnosed(text: str) -> tuple[str | None, list[str]]:
    record, problems = diagnose_record(text, "f.json")
    return (None if record is None else record.model_dump_json()), [repr(p) for p in problems]


def test_a_valid_record_takes_the_fast_path_with_the_same_record() -> None:
    text = VALID.read_text(encoding="utf-8")
    fast = _valid_record(text, str(VALID))
    assert fast is not None
    record, problems = diagnose_record(text, str(VALID))
    assert problems == [] and record == fast


@pytest.mark.parametrize("index", range(17))
def test_hostile_records_are_reported_as_the_diagnostic_path_reports_them(index: int) -> None:
    text = _hostile(VALID.read_text(encoding="utf-8"))[index]
    assert _valid_record(text, "f.json") is None  # none of them slips through
    assert _record_outcome(text) == _diagnosed(text)
    assert _diagnosed(text)[1]  # and each is refused


def test_broken_fixtures_are_reported_unchanged() -> None:
    for path in sorted((FIXTURES / "broken").rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert _valid_record(text, str(path)) is None, path
        assert parse_record(text, str(path))[1] == diagnose_record(text, str(path))[1], path


def test_no_mutation_the_fast_path_accepts_is_refused_by_the_diagnostic_path() -> None:
    text = VALID.read_text(encoding="utf-8")
    rnd = random.Random(15)
    accepted = refused = 0
    for mutated in _mutations(text, rnd, 300):
        fast = _valid_record(mutated, "f.json")
        diagnosed = _diagnosed(mutated)
        if fast is not None:
            accepted += 1
            assert diagnosed == (fast.model_dump_json(), []), mutated[:200]
        else:
            refused += 1
        assert _record_outcome(mutated) == diagnosed
    assert accepted and refused  # both paths were exercised


def test_loads_plain_gives_up_wherever_loads_strict_reports() -> None:
    for text in ['{"a": 1, "a": 1}', '{"a": {"b": 1, "b": 2}}', '[{"a": 1, "a": 2}]', '{"a": NaN}', '{"a": -Infinity}',
                 '"\\ud800"', '["\\udfff"]', "1" * 5000, _deep(100_000), "{", ""]:
        assert loads_plain(text) is None, text[:40]
    assert loads_plain('{"a": [1, {"b": "\\u00e9"}]}') == loads_strict('{"a": [1, {"b": "\\u00e9"}]}').value


def _line_outcome(raw: bytes) -> tuple[bool, list[str], object]:
    parsed = parse_line(raw, 3, "s.jsonl")
    return parsed.value is not None, [repr(p) for p in parsed.problems], parsed.value


def test_submission_lines_fast_and_diagnostic_agree() -> None:
    record = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    line = from_gold(record).canonical_json()
    rnd = random.Random(7)
    lines = [line, line.replace('"kind":"name"', '"kind":"name","kind":"name"', 1),
             line.replace('"start":0', '"start":NaN', 1), '{"document_id":"mini_001","x":' + _deep(MAX_DEPTH + 3) + "}",
             line[:-1] + ',"entities":[]}', line.replace('"document_id"', '"document_id":"a","document_id"', 1),
             '{"document_id":"\\ud800"}']
    value = json.loads(line)
    for _ in range(100):  # a duplicate key somewhere in a valid line
        raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        where = [i for i in range(len(raw)) if raw.startswith('"id":', i)]
        at = rnd.choice(where)
        lines.append(raw[:at] + '"id":"dup",' + raw[at:])
    for text in lines:
        parsed = parse_line(text.encode("utf-8"), 3, "s.jsonl")
        try:
            decoded = loads_strict(text)
        except ValueError:
            assert parsed.document is None and parsed.value is None
            continue
        if parsed.document is not None:  # taken by the fast path: nothing the strict loader reports
            assert parsed.problems == () and not decoded.duplicate_keys and not decoded.lone_surrogates
            assert parsed.document == SubmissionDocument.model_validate(decoded.value)
        else:
            assert parsed.problems or decoded.duplicate_keys or decoded.lone_surrogates or parsed.value is None \
                or _not_a_line(decoded.value)
    assert parse_line(line.encode("utf-8"), 1, "s.jsonl").document is not None


def _not_a_line(value: object) -> bool:
    try:
        SubmissionDocument.model_validate(value)
    except Exception:
        return True
    return False


_SPAN_TEXT = "قال  الرئيس\u00a0أمس:\n«نعم» \u200fو\tلا "


def _random_spans(rnd: random.Random, n: int) -> list[tuple[int, int, str]]:
    """(start, end, stored text): in and out of range, empty, reversed, with the covered text,
    a wrong one, or the covered text of a span starting or ending on white space."""
    out = []
    size = len(_SPAN_TEXT)
    for _ in range(n):
        start, end = rnd.randrange(size + 3), rnd.randrange(size + 3)
        stored = _SPAN_TEXT[start:end] if rnd.random() < 0.8 else rnd.choice(["", "x", _SPAN_TEXT[start : end + 1]])
        out.append((start, end, stored))
    return out


def test_the_gold_span_pass_agrees_with_the_span_by_span_check() -> None:
    """``gold.validate.spans_fine`` (one pass) is True exactly when ``_check_span`` adds no
    problem for any of the spans, on random spans over a text with several kinds of white space."""
    from naba.gold.model import Span
    from naba.gold.validate import _check_span, _Collector, spans_fine

    rnd = random.Random(31)
    fine = broken = 0
    for start, end, stored in _random_spans(rnd, 3000):
        span = Span.model_construct(start=start, end=end, text=stored)
        out = _Collector("f.json", None)
        _check_span(out, ("x",), span, _SPAN_TEXT)
        assert spans_fine([span], _SPAN_TEXT) == (not out.problems), (start, end, stored)
        fine, broken = fine + (not out.problems), broken + bool(out.problems)
    assert fine > 100 and broken > 100


def test_a_bad_gold_span_is_still_found_and_located() -> None:
    """A record whose spans are all fine but one is reported as before: the one span, located."""
    text = VALID.read_text(encoding="utf-8")
    value = json.loads(text)
    value["entities"][0]["mentions"][0]["text"] += "x"
    problems = parse_record(json.dumps(value, ensure_ascii=False, indent=2), "f.json")[1]
    assert [(p.code, p.field) for p in problems] == [("covered_text", "entities[0].mentions[0].text")]


def test_the_submission_span_pass_agrees_with_the_span_by_span_check() -> None:
    """``submission.validate._spans_fine`` is True exactly when no span of the line is wrong by
    ``check_document``'s rule (out of range, empty, or not the covered text), for random spans put
    in every span field of a line; and a line with a wrong span is reported span by span."""
    from naba.submission.validate import _spans_fine, check_document

    class Doc:
        id, text = "d", _SPAN_TEXT

    def wrong(span: dict) -> bool:
        start, end = span["start"], span["end"]
        return not (start < end <= len(_SPAN_TEXT) and _SPAN_TEXT[start:end] == span["text"])

    rnd = random.Random(32)
    fine = broken = 0
    for start, end, stored in _random_spans(rnd, 1500):
        ok = {"start": 0, "end": 3, "text": _SPAN_TEXT[:3]}
        spans = [dict(ok) for _ in range(7)]
        spans[rnd.randrange(7)] = {"start": start, "end": end, "text": stored}  # one random span in one of the seven fields
        mention, timex, cue, content, speaker, trigger, argument = spans
        line = {"document_id": "d", "entities": [{"id": "e1", "type": "PER", "mentions": [{"id": "m1", **mention}]}],
                "timexes": [{"id": "t1", "type": "DATE", "value": "2025", **timex}],
                "quotes": [{"id": "q1", "kind": "direct", "cue": cue, "content": [ok, content] if rnd.random() < 0.5 else [content],
                            "speaker_mention": speaker}],
                "events": [{"id": "v1", "type": "MEET", "trigger": trigger, "arguments": [{"role": "Place", **argument}]}]}
        doc = SubmissionDocument.model_validate(line)
        expected = any(map(wrong, spans))
        assert _spans_fine(doc, _SPAN_TEXT) == (not expected), line
        span_problems = [p for p in check_document(doc, Doc(), "s.jsonl", 1) if p.code in {"offset_range", "empty_span", "covered_text"}]
        assert len(span_problems) == expected
        fine, broken = fine + (not expected), broken + expected
    assert fine > 100 and broken > 100


def test_a_line_that_validates_uses_no_string_span() -> None:
    """``naba.evaluate.folder`` does not align a line ``parse_line`` validated (under ``auto``):
    such a line gives every span with offsets, so ``shapes.uses_strings`` is False for it. On the
    record's line, on perturbed lines, and on lines with one span's offsets removed (which do
    use a string span, and do not validate)."""
    import sys

    from naba.submission.shapes import uses_strings

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_scale import perturb_line

    record = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    base = json.loads(from_gold(record).canonical_json())
    rnd = random.Random(9)
    validated = stringy = 0
    for k in range(60):
        line = perturb_line(base, record.document.text, random.Random(k))
        if k % 2:  # one span without its offsets: a string span
            spans = [m for e in line["entities"] for m in e["mentions"]] + line["timexes"] + [q["cue"] for q in line["quotes"]] \
                + [e["trigger"] for e in line["events"]] + [a for e in line["events"] for a in e["arguments"]]
            victim = rnd.choice(spans)
            del victim["start"], victim["end"]
        parsed = parse_line(json.dumps(line, ensure_ascii=False).encode("utf-8"), 1, "s.jsonl")
        if parsed.document is not None:
            validated += 1
            assert not uses_strings(parsed.value)
        else:
            stringy += 1
            assert uses_strings(parsed.value)
    assert validated == 30 and stringy == 30


def test_text_decoded_from_utf8_holds_no_raw_surrogate() -> None:
    """``loads_plain(..., decoded_from_utf8=True)`` leaves out the raw-surrogate test because
    Python's strict UTF-8 decoder never gives one (it refuses encoded surrogates, CESU pairs
    included); escaped surrogates are still found. Without the flag a raw one is still refused."""
    for data in [b"\xed\xa0\x80", b'"\xed\xb0\x80"', b"\xed\xa0\xbd\xed\xb8\x80"]:  # a lone surrogate, a CESU-8 pair
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    rnd = random.Random(5)
    for _ in range(2000):  # what the left-out test asks never fails for a decoded text
        try:
            text = bytes(rnd.randrange(256) for _ in range(6)).decode("utf-8")
        except UnicodeDecodeError:
            continue
        text.encode("utf-8")
    for escaped in ['{"a": "\\ud800"}', '["\\uDFFF"]']:
        assert loads_plain(escaped, decoded_from_utf8=True) is None
    assert loads_plain('{"a": "\ud800"}') is None
    assert loads_plain('{"a": "\\u00e9"}', decoded_from_utf8=True) == {"a": "é"}


# --------------------------------------------------------------------------- model_from_json


def _with_duplicate(raw: str, at: int, key: str, value: str, spelling: int) -> str:
    """``raw`` with the pair ``key: value`` written again just before the key at ``at``, in one of
    four spellings (compact, spaced as json.dumps, white space before the colon, key escaped)."""
    name = json.dumps(key)
    written = [f"{name}:{value},", f"{name}: {value}, ", f"{name} \n: {value},", '"\\u00' + format(ord(key[0]), "02x") + key[1:] + f'":{value},'][spelling]
    return raw[:at] + written + raw[at:]


def _key_positions(raw: str) -> list[tuple[int, str, str]]:
    """(offset, key, the value's JSON text) of every pair of the JSON text ``raw`` (json.dumps's)."""
    decoder = json.JSONDecoder()
    out = []
    for at in range(len(raw)):
        if raw[at] == '"' and raw[:at].rstrip()[-1:] in ("{", ","):
            try:
                key, end = decoder.raw_decode(raw, at)
            except ValueError:
                continue
            rest = raw[end:].lstrip()
            if isinstance(key, str) and rest.startswith(":"):
                start = len(raw) - len(rest[1:].lstrip())
                _, stop = decoder.raw_decode(raw, start)
                out.append((at, key, raw[start:stop]))
    return out


@pytest.mark.parametrize("layout", ["pretty", "compact", "spaced"])
def test_model_from_json_refuses_every_duplicate_key(layout: str) -> None:
    """An identical copy of any pair of a valid record (the hardest duplicate: the model sees the
    same value), in any spelling, is refused by the fast path and reported by the diagnostic one."""
    value = json.loads(VALID.read_text(encoding="utf-8"))
    raw = {"pretty": json.dumps(value, ensure_ascii=False, indent=2), "compact": json.dumps(value, ensure_ascii=False, separators=(",", ":")),
           "spaced": json.dumps(value, ensure_ascii=False)}[layout]
    assert model_from_json(Record, raw) is not None
    positions = _key_positions(raw)
    assert len(positions) > 100
    rnd = random.Random(layout)
    for at, key, pair_value in positions:
        text = _with_duplicate(raw, at, key, pair_value, rnd.randrange(4))
        assert model_from_json(Record, text) is None, text[max(0, at - 40) : at + 60]
        assert _valid_record(text, "f.json") is None
        assert any(p.code == "duplicate_key" for p in diagnose_record(text, "f.json")[1])


def test_model_from_json_counts_past_quotes_and_colons_inside_strings() -> None:
    """Strings holding ``":``, ``\\":``, a leading colon or ``" :`` are no duplicate: accepted when
    the count can tell, and never accepted when a duplicate hides beside them."""
    value = json.loads(VALID.read_text(encoding="utf-8"))
    for note in ['a": b', 'say \\": no', ":starts", ' ":', 'x" : y', '":":":', ":", "::"]:
        mutated = json.loads(json.dumps(value))
        mutated["entities"][0]["note"] = note
        for raw in (json.dumps(mutated, ensure_ascii=False, indent=2), json.dumps(mutated, ensure_ascii=False, separators=(",", ":"))):
            fast = model_from_json(Record, raw)
            strict = Record.model_validate(loads_strict(raw).value)
            assert fast is None or fast == strict
            at = raw.index('"type"')
            twice = raw[:at] + '"type":"PER",' + raw[at:]
            assert model_from_json(Record, twice) is None


def test_model_from_json_accepts_only_what_the_strict_loader_and_the_model_accept() -> None:
    """On random mutations of a valid record and of a valid line: whatever the fast path accepts,
    ``loads_strict`` decodes with no duplicate or surrogate and the model validates to the same value."""
    text = VALID.read_text(encoding="utf-8")
    rnd = random.Random(1515)
    record = Record.model_validate_json(text)
    line = from_gold(record).canonical_json()
    cases = [(Record, m) for m in _mutations(text, rnd, 300)] + [(SubmissionDocument, line)]
    value = json.loads(line)
    for _ in range(200):
        raw = json.dumps(value, ensure_ascii=rnd.random() < 0.3, separators=rnd.choice([(",", ":"), (", ", ": "), (",", " : ")]))
        at, key, _ = rnd.choice(_key_positions(raw))
        kind = rnd.randrange(3)
        if kind == 0:
            raw = _with_duplicate(raw, at, key, rnd.choice(['"x"', "0", "null", '":"']), rnd.randrange(4))
        elif kind == 1:
            raw = raw.replace('"text":"', '"text":":', 1).replace('"text": "', '"text": ":', 1)
        cases.append((SubmissionDocument, raw))
    accepted = 0
    for model, raw in cases:
        fast = model_from_json(model, raw)
        if fast is None:
            continue
        accepted += 1
        decoded = loads_strict(raw)
        assert not decoded.duplicate_keys and not decoded.lone_surrogates, raw[:200]
        assert fast == model.model_validate(decoded.value)
    assert accepted > 20


def test_model_keys_refuses_a_model_with_a_free_form_field() -> None:
    from pydantic import BaseModel, ConfigDict

    class Loose(BaseModel):
        model_config = ConfigDict(extra="forbid")
        data: dict[str, int]

    class Open(BaseModel):
        name: str

    for model, raw in ((Loose, '{"data": {"a": 1, "a": 2}}'), (Open, '{"name": "x"}')):
        with pytest.raises(TypeError):
            model_from_json(model, raw)


def test_a_line_parsed_without_its_value_agrees_with_one_parsed_with_it() -> None:
    record = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    line = from_gold(record).canonical_json()
    lines = [line, line.replace('"kind":"name"', '"kind":"name","kind":"name"', 1), line.replace('"start":0', '"start":NaN', 1),
             json.dumps(json.loads(line), indent=1), line.replace('"document_id":', '"document_id" :', 1), "[]", "{", ""]
    direct = 0
    for text in lines:
        with_value = parse_line(text.encode("utf-8"), 4, "s.jsonl")
        without = parse_line(text.encode("utf-8"), 4, "s.jsonl", with_value=False)
        assert without.problems == with_value.problems and without.document == with_value.document
        assert without.value is None or without.value == with_value.value  # None: validated straight from the text
        direct += without.value is None and without.document is not None
    assert direct == 2  # the canonical line and its indented copy; the spaced key takes the dict path


def test_backslash_walk_matches_the_scans_it_replaces():
    """``jsonload._backslash_walk`` gives what the C-level scans gave (the escaped-surrogate guard
    and the count of escaped quotes before a colon), or None past its limit."""
    import random

    from naba.common import jsonload

    rnd = random.Random(15)
    alphabet = ["\\", "u", "D", "d", "8", "a", "F", "x", '"', ":", " ", "ب"]
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        expected = ("\\u" in text and jsonload._ESCAPED_SURROGATE.search(text) is not None, text.count(jsonload._ESCAPED_QUOTE_KEY))
        assert jsonload._backslash_walk(text) == expected, text
    assert jsonload._NOT_KEYS[0] == jsonload._ESCAPED_QUOTE_KEY
    assert jsonload._backslash_walk("\\n" * (jsonload._WALK_LIMIT + 1)) is None


def test_model_from_utf8_agrees_with_model_from_json_on_the_decoded_text() -> None:
    """``model_from_utf8`` (the bytes validated undecoded) gives ``model_from_json``'s answer on
    their text, for every case above (duplicates, quotes and colons in strings, mutations, the
    backslash walk's limit passed); the walk on bytes agrees with the walk on their text."""
    from naba.common import jsonload
    from naba.common.jsonload import model_from_utf8

    text = VALID.read_text(encoding="utf-8")
    rnd = random.Random(1516)
    value = json.loads(text)
    cases = [(Record, m) for m in _mutations(text, rnd, 200)]
    raw = json.dumps(value, ensure_ascii=False)
    for at, key, pair_value in rnd.sample(_key_positions(raw), 40):
        cases.append((Record, _with_duplicate(raw, at, key, pair_value, rnd.randrange(4))))
    for note in ['a": b', 'say \\": no', ":starts", ' ":', 'x" : y', "\\ud800", "\\\\ud800", "\\n" * (jsonload._WALK_LIMIT + 1)]:
        mutated = json.loads(json.dumps(value))
        mutated["document"]["title"] = note
        cases.append((Record, json.dumps(mutated, ensure_ascii=False, indent=2)))
        cases.append((Record, json.dumps(mutated, ensure_ascii=True)))
    line = from_gold(Record.model_validate_json(text)).canonical_json()
    cases += [(SubmissionDocument, line), (SubmissionDocument, line.replace('"kind":"name"', '"kind":"name","kind":"name"', 1))]
    accepted = 0
    for model, case in cases:
        data = case.encode("utf-8", "surrogatepass")
        expected = model_from_json(model, case, raw=data) if "\ud800" not in case else None
        assert model_from_utf8(model, data) == expected, case[:200]
        assert jsonload._backslash_walk(data) == jsonload._backslash_walk(case)
        accepted += expected is not None
    assert accepted > 20


@pytest.mark.parametrize("bad", [b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x80", b"\xff", b"\xef\xbf"])
def test_model_from_utf8_refuses_bytes_that_are_not_utf8(bad: bytes) -> None:
    """pydantic's parser refuses a record whose bytes are not UTF-8 (stray, truncated, overlong,
    an encoded surrogate, past U+10FFFF), wherever in a string they are; ``parse_record_file``
    then reports them as ``read_record_data`` does."""
    from naba.common.jsonload import model_from_utf8
    from naba.gold.validate import parse_record_file, read_record_data

    text = VALID.read_text(encoding="utf-8")
    at = text.index('"title": "') + len('"title": "')
    for data in (text[:at].encode() + bad + text[at:].encode(), text[:at].encode() + "قال".encode() + bad + b"x" + text[at:].encode()):
        assert model_from_utf8(Record, data) is None
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "r.json"
            path.write_bytes(data)
            _, _, problems = read_record_data(path)
            assert problems and parse_record_file(path) == (None, problems)


def test_parse_record_file_agrees_with_read_record_data_then_parse_record() -> None:
    from naba.gold.validate import parse_record_file, read_record_data

    text = VALID.read_text(encoding="utf-8")
    cases = [text, *_hostile(text), *_mutations(text, random.Random(1517), 40)]
    with tempfile.TemporaryDirectory() as tmp:
        for k, case in enumerate(cases):
            path = Path(tmp) / f"r{k}.json"
            path.write_bytes(case.encode("utf-8", "surrogatepass"))
            decoded, data, problems = read_record_data(path)
            expected = parse_record(decoded, str(path), raw=data) if decoded is not None else (None, problems)
            assert parse_record_file(path) == expected, case[:200]


def test_a_line_validated_from_its_bytes_reports_what_a_decoded_one_reports() -> None:
    """``parse_line(with_value=False)`` validates the bytes before decoding them: a line that is not
    UTF-8 (anywhere in a string), a blank one, or a bad one gets the decoding path's problems."""
    record = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    line = from_gold(record).canonical_json().encode("utf-8")
    at = line.index(b'"text":"') + len(b'"text":"')
    for raw in [line, line[:at] + b"\xff" + line[at:], line[:at] + b"\xed\xa0\x80" + line[at:], b"", b"  \t", b"\xc3", line[:-1]]:
        with_value = parse_line(raw, 7, "s.jsonl")
        without = parse_line(raw, 7, "s.jsonl", with_value=False)
        assert (without.problems, without.blank, without.undecodable, without.document) == \
            (with_value.problems, with_value.blank, with_value.undecodable, with_value.document), raw[:80]


def test_check_document_claims_and_checks_item_by_item_only_when_needed() -> None:
    """``check_document`` claims ids one by one only when one set finds one written twice, checks
    spans one by one only when the span pass fails, and asks about an argument's ``ref_id`` only
    when the line has no item of that id: every such problem is still found, where it is."""
    from naba.submission.validate import check_document

    record = Record.model_validate_json(VALID.read_text(encoding="utf-8"))
    base = json.loads(from_gold(record).canonical_json())
    assert check_document(SubmissionDocument.model_validate(base), record, "s.jsonl", 3) == []
    line = json.loads(json.dumps(base))
    expected = {("events[0].arguments[0].text", "covered_text"), ("events[0].arguments[0].ref_id", "reference")}
    for layer in ("entities", "timexes", "quotes", "events"):  # each layer's first item written again, same id
        expected.add((f"{layer}[{len(line[layer])}].id", "duplicate_id"))
        line[layer].append(json.loads(json.dumps(line[layer][0])))
    mentions = line["entities"][0]["mentions"]
    expected.add((f"entities[0].mentions[{len(mentions)}].id", "duplicate_id"))
    mentions.append(dict(mentions[0]))
    argument = line["events"][0]["arguments"][0]
    argument["ref_id"], argument["end"] = "nowhere", argument["end"] + 1
    problems = check_document(SubmissionDocument.model_validate(line), record, "s.jsonl", 3)
    assert expected <= {(p.field, p.code) for p in problems}
