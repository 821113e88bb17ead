"""The fused لل convention in scoring: hand-computed cases, and the named choice either/strict.

In the article, ``للولايات المتحدة الأمريكية`` (z23) has the gold mention ``ولايات المتحدة الأمريكية``
(the whole لل outside, guidelines rule 0). A system that keeps the article predicts
``لولايات المتحدة الأمريكية``: one code point earlier. Under ``fused_lam="either"`` that is the gold
span; under ``"strict"`` it is one spurious and one missed mention in the strict entity mode.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from naba.evaluate import ScoreOptions, score
from naba.evaluate.fused_lam import article_lam_start, canonical_fused_lam
from naba.gold.records import load_record
from naba.submission.model import from_gold


def test_article_lam_start_hand_cases() -> None:
    text = "قال للبلاد وللعالم كلمة الله"
    # للبلاد: the span لبلاد starts on the article's lam (index 5)
    assert article_lam_start(text, 5, 10)
    # the convention's own span بلاد is not moved
    assert not article_lam_start(text, 6, 10)
    # وللعالم: conjunction و, then لل: لعالم starts on the article lam (index 13)
    assert article_lam_start(text, 13, 18)
    # الله: the double lam is inside the word, not a word-initial fused لل
    assert not article_lam_start(text, 26, 28)
    # a one-letter span is never moved
    assert not article_lam_start(text, 5, 6)


def _shifted_submission() -> tuple[dict[str, object], int]:
    record = load_record()
    doc = from_gold(record, ("entities",)).model_dump(mode="json", exclude_none=False)
    text = record.document.text
    moved = 0
    for entity in doc["entities"]:
        for mention in entity["mentions"]:
            if mention["start"] >= 2 and text[mention["start"] - 2 : mention["start"]] == "لل":
                mention["start"] -= 1
                mention["text"] = text[mention["start"] : mention["end"]]
                moved += 1
    return {k: v for k, v in doc.items() if v is not None}, moved


def test_either_credits_the_article_keeping_span_and_strict_does_not() -> None:
    submission, moved = _shifted_submission()
    assert moved == 3  # ولايات (z23), كيان (z24), بلاد (z28)
    either = score([submission], options=ScoreOptions(n_bootstrap=0, fused_lam="either"))
    strict = score([submission], options=ScoreOptions(n_bootstrap=0, fused_lam="strict"))
    e, s = either.metric("entities.strict").counts, strict.metric("entities.strict").counts
    assert e is not None and s is not None
    total = sum(len(entity.mentions) for entity in load_record().entities)
    assert (e.tp, e.fp, e.fn) == (total, 0, 0)
    assert (s.tp, s.fp, s.fn) == (total - moved, moved, moved)


def test_canonicalisation_is_pure() -> None:
    from naba.submission.model import SubmissionDocument

    submission, _ = _shifted_submission()
    document = SubmissionDocument.model_validate(submission)
    before = document.model_dump()
    after = canonical_fused_lam(document, load_record().document.text)
    assert document.model_dump() == before
    assert after.model_dump() != before


def test_the_fast_path_sees_every_span_of_a_submission_line() -> None:
    # canonical_fused_lam skips the model walk when no span starts on an article lam; that is
    # only right if _span_starts lists every SubSpan of the model, which a generic walk counts
    from pydantic import BaseModel

    from naba.evaluate.fused_lam import _span_starts
    from naba.gold.records import gold_records
    from naba.submission.model import SubSpan, from_gold

    def walk(value: object) -> list[int]:
        if isinstance(value, list):
            return [s for item in value for s in walk(item)]
        if not isinstance(value, BaseModel):
            return []
        own = [value.start] if isinstance(value, SubSpan) else []
        return own + [s for name in type(value).model_fields for s in walk(getattr(value, name))]

    for record in gold_records():
        line = from_gold(record)
        assert sorted(_span_starts(line)) == sorted(walk(line))


def test_article_lam_starts_is_every_start_article_lam_start_accepts() -> None:
    """The set the canonicalisation looks starts up in holds exactly the starts for which a
    two-code-point span is moved, on the article, the hand cases and texts dense in لل (runs of
    three or more lams, conjunctions, a text starting or ending with لل)."""
    from naba.evaluate.fused_lam import article_lam_starts

    texts = [load_record().document.text, "قال للبلاد وللعالم كلمة الله", "لل", "للل وللل فلل ولل", "x للبلاد.لل", "و للعالم فللقدس"]
    for text in texts:
        expected = {start for start in range(len(text)) if article_lam_start(text, start, start + 2)}
        assert article_lam_starts(text) == expected, text
    assert article_lam_starts("قال للبلاد وللعالم كلمة الله") == {5, 13}


def _gold_record_with_lam_word():
    """A gold record whose text has ``للجنة`` (ل + لجنة): the committee's mention starts on the
    second lam, the noun's own."""
    from naba.gold.model import Record

    text = "طالب رئيس الحزب للجنة المالية بالتحقيق."
    start = text.index("لجنة المالية")
    end = start + len("لجنة المالية")
    doc = {"id": "lam_t", "title": "t", "text": text, "language": "ar",
           "publication_date": {"value": "2025-01-01", "established": "metadata", "evidence": "t"},
           "source": {"outlet": None, "author": None, "url": None, "license": None, "note": "t"},
           "zones": [{"id": "z01", "kind": "paragraph", "start": 0, "end": len(text), "text": text}],
           "sentences": [{"id": "s01", "zone_id": "z01", "start": 0, "end": len(text), "text": text}]}
    entity = {"id": "e01", "type": "ORG", "name": "لجنة المالية", "name_en": "finance committee",
              "mentions": [{"id": "m01", "start": start, "end": end, "text": text[start:end], "kind": "name"}]}
    return Record.model_validate({"schema_version": load_record().schema_version, "document": doc,
                                  "entities": [entity], "timexes": [], "quotes": [], "events": []})


@pytest.mark.parametrize("fused_lam", ["either", "strict"])
def test_a_gold_span_on_a_nouns_own_lam_matches_itself(fused_lam: str) -> None:
    # للجنة is ل + لجنة: the gold's span starts on the second lam; the same span predicted is right
    # (under "either" it was moved one code point right, off the gold's span)
    from naba.submission.model import from_gold

    record = _gold_record_with_lam_word()
    assert article_lam_start(record.document.text, record.entities[0].mentions[0].start, record.entities[0].mentions[0].end)
    result = score([from_gold(record)], [record], options=ScoreOptions(n_bootstrap=0, fused_lam=fused_lam))
    c = result.metric("entities.strict").counts
    assert c is not None and (c.tp, c.fp, c.fn) == (1, 0, 0)


def test_every_dev_gold_record_scored_against_itself_is_perfect() -> None:
    from naba.gold.records import load_records
    from naba.submission.model import from_gold

    root = Path(__file__).resolve().parent.parent / "annotations" / "dev" / "records"
    records = load_records(root)
    result = score([from_gold(r) for r in records], records, options=ScoreOptions(n_bootstrap=0))
    for name in ("entities.strict", "timex.strict", "quotes.quote_speaker", "events.trigger_classification",
                 "events.argument_classification"):
        c = result.metric(name).counts
        assert c is not None and c.fp == 0 and c.fn == 0, (name, c)
