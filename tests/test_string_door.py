"""One door for every kind of prediction: the string shapes an LLM writes (naba.submission.shapes)
are accepted alike by validate-submission, score, compare, leaderboard, check and the evaluate
module, each printing the alignment report; a wrong shape gets one hint, not a line per field;
the aligner prefers a free occurrence and knows the fused لل."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.gold.records import gold_records
from naba.submission.align import align_record, occurrences
from naba.submission.shapes import expand, timex_type_of, uses_strings
from naba.submission.validate import coerce_submission

RECORD = gold_records()[0]


def llm_line() -> dict[str, object]:
    """The test article's gold written the way an LLM answers: strings, no offsets, no ids."""
    entities = [{"type": e.type, "mentions": [m.text for m in e.mentions]} for e in RECORD.entities]
    timexes = [{"text": t.text, "value": t.value} for t in RECORD.timexes]
    names = {e.id: e.name for e in RECORD.entities}
    quotes = [{"cue": q.cue.text, "content": [c.text for c in q.content], "kind": q.kind,
               "speaker": names.get(q.speaker_entity_id or "") or q.speaker_name} for q in RECORD.quotes]
    events = [{"type": v.type, "trigger": v.trigger.text} for v in RECORD.events]
    return {"document_id": RECORD.document.id, "entities": entities, "timexes": timexes, "quotes": quotes, "events": events}


@pytest.fixture()
def llm_file(tmp_path: Path) -> Path:
    path = tmp_path / "llm" / "predictions.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps(llm_line(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_every_command_accepts_string_shapes_and_prints_the_alignment(llm_file: Path, tmp_path: Path) -> None:
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    commands = {
        "validate-submission": ["validate-submission", str(llm_file)],
        "score": ["score", str(llm_file), "--n-bootstrap", "0", "--format", "json"],
        "compare": ["compare", str(llm_file), str(llm_file), "--n-bootstrap", "10"],
        "leaderboard": ["leaderboard", str(llm_file), "--n-bootstrap", "0", "--out-dir", str(tmp_path / "board")],
        "check": ["check", "--submission", str(llm_file), "--min", "entities.strict.f1=0.5"],
    }
    for name, argv in commands.items():
        result = runner.invoke(main, argv)
        assert result.exit_code == 0, (name, result.output)
        assert "string-only predictions aligned" in (result.stderr if name != "check" else result.output), name
    scored = json.loads(runner.invoke(main, commands["score"]).stdout)
    strict = scored["tasks"]["entities"]["metrics"]["entities.strict"]["counts"]
    # names found left to right, free occurrences first: nearly every gold mention is recovered
    assert strict["tp"] >= 0.9 * sum(len(e.mentions) for e in RECORD.entities), strict


def test_the_evaluate_module_takes_string_shapes_too() -> None:
    from naba.evaluate import score

    results = score([llm_line()], list(gold_records()))
    assert results.value("timex.strict.tp") == len(RECORD.timexes)  # every time expression found where the gold has it
    assert results.value("timex.value.tp") == len(RECORD.timexes)


def test_a_wrong_shape_gets_one_hint_per_item_not_a_line_per_field() -> None:
    from naba.submission.model import SubmissionError

    line = {"document_id": RECORD.document.id, "entities": [{"label": "PER", "span": "بوتين", "offset": 5, "length": 5, "ident": k} for k in range(23)]}
    with pytest.raises(SubmissionError) as err:
        coerce_submission([line], list(gold_records()), strings="never")
    problems = err.value.problems
    assert len(problems) == 23, [str(p) for p in problems]
    assert all("expected" in p.message and '"mentions"' in p.message for p in problems)
    with pytest.raises(SubmissionError) as err:
        coerce_submission([{"document_id": RECORD.document.id, "entities": [{"id": "e1", "typ": "PER", "mentions": []}]}], list(gold_records()))
    assert any("did you mean 'type'?" in p.message for p in err.value.problems), [str(p) for p in err.value.problems]


def test_shapes_are_rewritten_as_documented() -> None:
    record = {"document_id": "d", "entities": [{"type": "GPE", "text": "موسكو"}, {"type": "PER", "mentions": ["بوتين"]}],
              "timexes": [{"text": "أمس", "value": "2025-06-22"}, {"text": "ساعتين", "value": "PT2H"}, {"text": "العاشرة", "value": "2025-06-22T10:00"}],
              "quotes": [{"cue": "قال", "content": "«لا مبرر له»", "speaker": "بوتين"}],
              "events": [{"type": "MEET", "trigger": "محادثات"}]}
    out = expand(record)
    assert out["entities"][0] == {"id": "auto.e1", "type": "GPE", "name": "موسكو", "mentions": [{"id": "auto.m1", "text": "موسكو"}]}
    assert out["entities"][1]["mentions"] == [{"id": "auto.m2", "text": "بوتين"}]
    assert [t["type"] for t in out["timexes"]] == ["DATE", "DURATION", "TIME"]
    assert out["quotes"][0]["kind"] == "direct" and out["quotes"][0]["speaker_name"] == "بوتين" and out["quotes"][0]["cue"] == {"text": "قال"}
    assert out["events"][0]["trigger"] == {"text": "محادثات"}
    assert record["entities"][0] == {"type": "GPE", "text": "موسكو"}  # the input is not changed
    assert uses_strings(record) and not uses_strings({"document_id": "d", "entities": [{"type": "PER", "mentions": [{"start": 0, "end": 1, "text": "x"}]}]})
    assert timex_type_of("P3D") == "DURATION" and timex_type_of("XXXX-WXX-1") == "DATE"


def test_a_free_occurrence_is_preferred_to_one_inside_a_taken_span() -> None:
    text = "التقى فلاديمير بوتين الوزير، ثم غادر بوتين."
    record = {"document_id": "d", "entities": [{"id": "e1", "type": "PER", "mentions": [{"id": "m1", "text": "فلاديمير بوتين"}, {"id": "m2", "text": "بوتين"}]}]}
    mentions = align_record(text, record).record["entities"][0]["mentions"]
    assert [text[m["start"]:m["end"]] for m in mentions] == ["فلاديمير بوتين", "بوتين"]
    assert mentions[1]["start"] == text.rindex("بوتين")  # not the one inside the full name
    # with no free occurrence left, a nested one is still used (nested mentions exist)
    nested = {"document_id": "d", "entities": [{"id": "e1", "type": "PER", "mentions": [{"id": "m1", "text": "فلاديمير بوتين"}]},
                                                {"id": "e2", "type": "PER", "mentions": [{"id": "m2", "text": "فلاديمير"}]}]}
    assert align_record(text, nested).record["entities"][1]["mentions"][0]["start"] == text.index("فلاديمير")


def test_arguments_take_the_occurrence_nearest_their_trigger() -> None:
    text = "زار الرئيس موسكو أمس. وفي اليوم التالي التقى الرئيس نظيره في موسكو."
    record = {"document_id": "d", "events": [{"id": "v1", "type": "MEET", "trigger": {"text": "التقى"}, "arguments": [{"role": "Place", "text": "موسكو"}]}]}
    event = align_record(text, record).record["events"][0]
    assert event["arguments"][0]["start"] == text.rindex("موسكو")


def test_the_aligner_knows_the_fused_lam() -> None:
    text = "وجه الوزير رسالة للولايات المتحدة أمس."
    (span,) = occurrences(text, "الولايات المتحدة")
    assert text[span[0]:span[1]] == "ولايات المتحدة"  # guidelines rule 0: the fused لل stays outside
