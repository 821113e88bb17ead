"""naba export (issue 14, item 6): every export is read back by an independent reader.

brat: a standoff parser written here from the brat format description (no brat package is
installable offline); every T span's text must equal the document slice, and the annotations must
be the gold's. TimeML: ``xml.etree.ElementTree``; the TIMEX3 attributes must be the gold's and the
text without tags the document text exactly. CoNLL: ``seqeval``'s ``get_entities`` must recover
the token spans the tokenization implies for the gold's named mentions, and the columns must be
the corpus's ``ner_tokens``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from seqeval.metrics.sequence_labeling import get_entities

from naba.cli import main
from naba.corpus.splits import split_gold
from naba.export import ExportDocument, export, gold_documents
from naba.gold.records import gold_records, read_record
from naba.submission.model import SubmissionDocument, dump_jsonl, from_gold
from naba.submission.validate import coerce_submission

RECORDS = split_gold("test") + split_gold("dev")
MINI = Path(__file__).parent / "fixtures" / "valid" / "mini_001.json"


# --------------------------------------------------------------------------- a brat reader


@dataclass
class Brat:
    """An ``.ann`` file as the brat format describes it."""

    textbound: dict[str, tuple[str, list[tuple[int, int]], str]] = field(default_factory=dict)
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = field(default_factory=dict)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    equiv: list[list[str]] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


def read_brat(ann: str) -> Brat:
    """Parse standoff: ``T`` id TAB type offsets TAB text; ``E`` id TAB type:trigger role:arg...;
    ``A`` id TAB name target [value]; ``*`` TAB Equiv ids; ``#`` id TAB AnnotatorNotes target TAB text."""
    out = Brat()
    assert ann.endswith("\n") and "\r" not in ann
    for line in ann[:-1].split("\n"):
        kind = line[0]
        if kind == "T":
            ident, middle, text = line.split("\t")
            ann_type, offsets = middle.split(" ", 1)
            spans = [(int(s), int(e)) for s, e in (frag.split(" ") for frag in offsets.split(";"))]
            out.textbound[ident] = (ann_type, spans, text)
        elif kind == "E":
            ident, body = line.split("\t")
            parts = [p.split(":") for p in body.split(" ")]
            (ev_type, trigger), args = parts[0], parts[1:]
            out.events[ident] = (ev_type, trigger, [(role, target) for role, target in args])
        elif kind == "A":
            ident, body = line.split("\t")
            name, target, value = body.split(" ")
            out.attributes[(name, target)] = value
        elif kind == "*":
            star, body = line.split("\t")
            relation, *ids = body.split(" ")
            assert star == "*" and relation == "Equiv"
            out.equiv.append(ids)
        elif kind == "#":
            ident, body, text = line.split("\t")
            label, target = body.split(" ")
            assert label == "AnnotatorNotes"
            out.notes.setdefault(target, []).append(text)
        else:
            raise AssertionError(f"not a brat line: {line!r}")
    for ident, (_, trigger, args) in out.events.items():
        assert trigger in out.textbound and all(t in out.textbound or t in out.events for _, t in args), ident
    return out


def base_role(role: str) -> str:
    """brat numbers a repeated role (Participant2): the role without its number."""
    return re.sub(r"\d+$", "", role)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.document.id)
def test_brat_reads_back_as_the_gold(record) -> None:  # type: ignore[no-untyped-def]
    files = export(gold_documents([record]), "brat").files
    doc_id, text = record.document.id, record.document.text
    assert set(files) == {f"{doc_id}.txt", f"{doc_id}.ann"}
    assert files[f"{doc_id}.txt"].encode("utf-8") == text.encode("utf-8")
    brat = read_brat(files[f"{doc_id}.ann"])
    for ident, (_, spans, covered) in brat.textbound.items():
        assert covered == " ".join(text[s:e] for s, e in spans), ident
    by_type: dict[str, set[tuple[int, int]]] = {}
    for ann_type, spans, _ in brat.textbound.values():
        by_type.setdefault(ann_type, set()).update(spans)
    for entity in record.entities:
        assert {(m.start, m.end) for m in entity.mentions} <= by_type[entity.type]
    for t in record.timexes:
        assert (t.start, t.end) in by_type[t.type]
    spans_of = {ident: tuple(spans) for ident, (_, spans, _) in brat.textbound.items()}
    quotes = sorted((spans_of[trig], spans_of[dict(args)["Content"]]) for kind, trig, args in brat.events.values() if kind == "Quote")
    assert quotes == sorted((((q.cue.start, q.cue.end),), tuple(sorted((c.start, c.end) for c in q.content))) for q in record.quotes)
    kinds = sorted(v for (name, _), v in brat.attributes.items() if name == "QuoteKind")
    assert kinds == sorted(q.kind for q in record.quotes)
    events = sorted(
        (kind, spans_of[trig], tuple(sorted((base_role(r), spans_of[t]) for r, t in args)), brat.attributes[("Factuality", e)])
        for e, (kind, trig, args) in brat.events.items() if kind != "Quote"
    )
    assert events == sorted(
        (ev.type, ((ev.trigger.start, ev.trigger.end),), tuple(sorted((a.role, ((a.start, a.end),)) for a in ev.arguments)), ev.factuality)
        for ev in record.events
    )
    assert sorted(sorted(spans_of[i] for i in ids) for ids in brat.equiv) == sorted(
        sorted(((m.start, m.end),) for m in e.mentions) for e in record.entities if len(e.mentions) > 1
    )
    values = {spans_of[t]: note for t, notes in brat.notes.items() for note in notes if " value=" in note}
    assert {span: note.split(" value=")[1].split(";")[0] for span, note in values.items()} == {
        ((t.start, t.end),): t.value for t in record.timexes
    }


def test_brat_cuts_a_span_at_line_breaks_and_adds_unmatched_argument_spans() -> None:
    record = read_record(MINI)
    line = from_gold(record).to_dict()
    text = record.document.text
    line["quotes"][0]["content"] = [{"start": 20, "end": 40, "text": text[20:40]}, {"start": 78, "end": 111, "text": text[78:111]}]
    ev = line["events"][0]
    arg = ev["arguments"][0]
    arg["end"] -= 1
    arg["text"] = text[arg["start"] : arg["end"]]
    arg["ref_id"] = None
    submission = coerce_submission([line], [record])
    rendered = export([ExportDocument(record.document, submission.documents[0])], "brat")
    brat = read_brat(rendered.files[f"{record.document.id}.ann"])
    (content,) = [v for v in brat.textbound.values() if v[0] == "QuoteContent"]
    assert text[26] == "\n" and content[1] == [(20, 26), (27, 40), (78, 111)]
    assert content[2] == " ".join(text[s:e] for s, e in content[1])
    assert [v[1] for v in brat.textbound.values() if v[0] == "Argument"] == [[(arg["start"], arg["end"])]]
    assert rendered.counts["Argument spans that are no mention or time expression"] == 1
    hostile = record.document.model_copy(update={"text": "ab\tc\u2028d\n\n"})
    mentions = [{"id": "m1", "start": 0, "end": 6, "text": "ab\tc\u2028d"}, {"id": "m2", "start": 6, "end": 8, "text": "\n\n"}]
    line = SubmissionDocument.model_validate({"document_id": hostile.id, "entities": [{"id": "e1", "type": "PER", "mentions": mentions}]})
    rendered = export([ExportDocument(hostile, line)], "brat")
    brat = read_brat(rendered.files[f"{hostile.id}.ann"])
    assert [spans for _, spans, _ in brat.textbound.values()] == [[(0, 2), (3, 4), (5, 6)], [(6, 6)]]
    assert rendered.counts["spans of line breaks only"] == 1


# --------------------------------------------------------------------------- TimeML


def timexes_of(text_element: ET.Element) -> list[tuple[int, int, dict[str, str]]]:
    """(start, end, attributes) of every TIMEX3 child, offsets into the text without tags."""
    position = len(text_element.text or "")
    out = []
    for child in text_element:
        assert child.tag == "TIMEX3" and len(child) == 0, "TIMEX3 tags do not nest"
        start = position
        position += len(child.text or "")
        out.append((start, position, dict(child.attrib)))
        position += len(child.tail or "")
    return out


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.document.id)
def test_timeml_reads_back_as_the_gold(record) -> None:  # type: ignore[no-untyped-def]
    (xml,) = export(gold_documents([record]), "timeml").files.values()
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "TimeML" and root.findtext("DOCID") == record.document.id
    (dct,) = root.find("DCT")  # type: ignore[union-attr]
    assert dct.attrib["functionInDocument"] == "CREATION_TIME" and dct.attrib["value"] == record.document.publication_date.value
    text_element = root.find("TEXT")
    assert text_element is not None
    assert "".join(text_element.itertext()).encode("utf-8") == record.document.text.encode("utf-8")
    found = timexes_of(text_element)
    by_span = {(t.start, t.end): t for t in record.timexes}
    assert sorted((s, e) for s, e, _ in found) == sorted(by_span)
    tid_of = {by_span[(s, e)].id: a["tid"] for s, e, a in found}
    quote_time = {q.id: q.time_id for q in record.quotes}
    for start, end, attrib in found:
        gold = by_span[(start, end)]
        assert (attrib["type"], attrib["value"]) == (gold.type, gold.value)
        expected = None
        if gold.anchor is not None:
            if gold.anchor.kind == "publication_date":
                expected = dct.attrib["tid"]
            elif gold.anchor.kind == "timex":
                expected = tid_of[gold.anchor.id]
            elif quote_time.get(gold.anchor.id) is not None:
                expected = tid_of[quote_time[gold.anchor.id]]
        assert attrib.get("anchorTimeID") == expected, gold.id
        assert attrib["temporalFunction"] == ("false" if gold.anchor is None else "true")
    assert len({a["tid"] for _, _, a in found} | {dct.attrib["tid"]}) == len(found) + 1


def test_timeml_escapes_the_text_and_drops_overlapping_expressions_by_the_longest_rule() -> None:
    record = read_record(MINI)
    text = 'a < b && c > "d" \r\n ]]> غدا بعد غد'
    document = record.document.model_copy(update={"text": text, "sentences": [], "zones": []})
    start = text.index("غدا")
    timexes = [
        {"id": "x1", "start": start, "end": start + 3, "text": "غدا", "type": "DATE", "value": "2024-03-11", "anchor": {"kind": "publication_date", "id": None}},
        {"id": "x2", "start": start, "end": len(text), "text": text[start:], "type": "DATE", "value": "2024-03-12", "anchor": {"kind": "timex", "id": "x1"}},
        {"id": "x3", "start": 0, "end": 1, "text": "a", "type": "DATE", "value": "PAST_REF", "anchor": None},
    ]
    line = SubmissionDocument.model_validate({"document_id": document.id, "timexes": timexes})
    rendered = export([ExportDocument(document, line)], "timeml")
    root = ET.fromstring(next(iter(rendered.files.values())).encode("utf-8"))
    text_element = root.find("TEXT")
    assert text_element is not None and "".join(text_element.itertext()) == text
    assert [(s, e, a["value"], a.get("anchorTimeID")) for s, e, a in timexes_of(text_element)] == [
        (0, 1, "PAST_REF", None), (start, len(text), "2024-03-12", None)
    ]
    assert rendered.counts["time expressions dropped: overlap"] == 1
    assert rendered.counts["anchors without anchorTimeID"] == 1


# --------------------------------------------------------------------------- CoNLL


def read_conll(body: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag); the ``-DOCSTART-`` line and its blank line first."""
    lines = body.split("\n")
    assert lines[0].startswith("-DOCSTART-") and lines[1] == "" and body.endswith("\n\n")
    sentences, current = [], []
    for line in lines[2:]:
        if line:
            token, tag = line.split(" ")
            current.append((token, tag))
        elif current:
            sentences.append(current)
            current = []
    return sentences


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.document.id)
def test_conll_recovers_the_named_mentions_token_spans(record) -> None:  # type: ignore[no-untyped-def]
    rendered = export(gold_documents([record]), "conll")
    sentences = read_conll(rendered.files[f"{record.document.id}.conll"])
    text = record.document.text
    # the tokens are the text: per sentence, their concatenation is the sentence without white space
    for sentence, gold in zip(sentences, record.document.sentences):
        assert "".join(t for t, _ in sentence) == "".join(c for c in gold.text if not c.isspace() and c not in "\u200e\u200f")
    found = {(s, label, first, last) for s, sentence in enumerate(sentences) for label, first, last in get_entities([tag for _, tag in sentence])}
    # what the tokenization implies: a token belongs to a mention when the mention covers its last character
    ends = []
    position = 0
    for s, (sentence, gold) in enumerate(zip(sentences, record.document.sentences)):
        position = gold.start
        for k, (token, _) in enumerate(sentence):
            position = text.index(token, position)
            position += len(token)
            ends.append((position - 1, s, k))
    implied = set()
    named = [(e.type, m) for e in record.entities for m in e.mentions if m.kind == "name"]
    for entity_type, m in named:
        tokens = [(s, k) for last, s, k in ends if m.start <= last < m.end]
        if tokens and any(last == m.end - 1 for last, _, _ in ends) and len({s for s, _ in tokens}) == 1:
            implied.add((tokens[0][0], entity_type, tokens[0][1], tokens[-1][1]))
    assert found <= implied
    dropped = sum(n for reason, n in rendered.counts.items() if reason.startswith("mentions dropped"))
    assert rendered.counts["mentions tagged"] == len(found) == len(named) - dropped
    assert rendered.counts["mentions not tagged: kind nominal"] + rendered.counts["mentions not tagged: kind pronoun"] == sum(
        len(e.mentions) for e in record.entities) - len(named)


def test_conll_columns_are_the_corpus_ner_tokens() -> None:
    import naba
    from naba.corpus.tokenize import iob2_names

    frame = naba.load_frame("ner_tokens")
    names = iob2_names()
    corpus = [[(t, names[g]) for t, g in zip(row.tokens, row.ner_tags)] for row in frame.itertuples()]
    exported = [s for body in export(gold_documents(gold_records()), "conll").files.values() for s in read_conll(body)]
    assert exported == corpus


def test_all_mentions_tags_nominal_mentions_too() -> None:
    (record,) = gold_records()
    named = export(gold_documents([record]), "conll").counts["mentions tagged"]
    every = export(gold_documents([record]), "conll", all_mentions=True).counts
    assert every["mentions tagged"] > named and not any(k.startswith("mentions not tagged") for k in every)


# --------------------------------------------------------------------------- the command


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["export", *args])


@pytest.mark.parametrize("fmt", ["conll", "brat", "timeml"])
def test_export_writes_byte_identical_files_and_a_perfect_submission_as_the_gold(tmp_path: Path, fmt: str) -> None:
    first, second = run("--format", fmt, "-o", str(tmp_path / "a")), run("--format", fmt, "-o", str(tmp_path / "b"))
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()) and names
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    assert f"wrote {len(names)} file(s)" in first.output
    submission = tmp_path / "perfect.jsonl"
    submission.write_text(dump_jsonl(from_gold(r) for r in gold_records()), encoding="utf-8")
    system = run("--format", fmt, "-o", str(tmp_path / "s"), "--submission", str(submission))
    assert system.exit_code == 0, system.output
    for n in names:
        same = (tmp_path / "s" / n).read_bytes() == (tmp_path / "a" / n).read_bytes()
        assert same or fmt == "timeml"  # a submission cannot say which expression dates a quote


def test_export_of_the_dev_split_and_a_gold_folder(tmp_path: Path) -> None:
    result = run("--format", "timeml", "--split", "dev", "-o", str(tmp_path / "dev"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "dev").glob("*.tml"))) == len(split_gold("dev"))
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / MINI.name).write_bytes(MINI.read_bytes())
    result = run("--format", "conll", "--gold", str(folder), "-o", str(tmp_path / "mini"))
    assert result.exit_code == 0 and [p.name for p in (tmp_path / "mini").iterdir()] == ["mini_001.conll"]
    assert run("--format", "conll", "--gold", str(folder), "--split", "dev", "-o", str(tmp_path / "x")).exit_code == 2


def test_a_bad_submission_exits_2_with_its_problems_and_writes_nothing(tmp_path: Path) -> None:
    (record,) = gold_records()
    line = from_gold(record).to_dict()
    line["entities"][0]["mentions"][0]["start"] += 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("--format", "brat", "-o", str(tmp_path / "out"), "--submission", str(bad))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert f"{bad}:1: entities[0].mentions[0]" in result.output and "nothing was exported" in result.output
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_exits_2_with_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for target in (blocker, blocker / "under"):
        result = run("--format", "conll", "-o", str(target))
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
        assert f"cannot write into {target}" in result.output and "Traceback" not in result.output


def test_timeml_refuses_a_character_xml_cannot_hold() -> None:
    from naba.export import ExportError

    record = read_record(MINI)
    document = record.document.model_copy(update={"text": "a\x01b"})
    line = SubmissionDocument.model_validate({"document_id": document.id, "timexes": []})
    with pytest.raises(ExportError, match="offset 1: character U\\+0001"):
        export([ExportDocument(document, line)], "timeml")
    assert "a\x01b" in export([ExportDocument(document, line)], "brat").files[f"{document.id}.txt"]


def test_gold_that_does_not_validate_exits_2_with_its_problems(tmp_path: Path) -> None:
    record = json.loads(MINI.read_text(encoding="utf-8"))
    record["document"]["text"] += "!"
    (tmp_path / MINI.name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run("--format", "brat", "--gold", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"{tmp_path / MINI.name}:1: document.zones" in result.output and "nothing was exported" in result.output
