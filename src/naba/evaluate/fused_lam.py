"""The fused لل convention, made explicit in scoring.

Guidelines rule 0 keeps the whole fused ``لل`` (the preposition ل and the article ال whose alef
is dropped in writing) outside every span: ``للولايات المتحدة`` -> ``ولايات المتحدة``. That is a
convention, not a character boundary: the two lams are two code points, and a system that keeps
the article (as it keeps ال in ``الولايات``) predicts ``لولايات المتحدة``, one code point earlier.

Under the official choice ``fused_lam="either"`` such a prediction is the same span as the gold's:
before matching, a predicted span that starts on the article's lam of a word-initial لل is moved
one code point right (its text follows). ``"strict"`` scores the convention as written. The choice
is recorded in every result's options, so scores under the two are never ranked together.

A word-initial لل is not always the preposition and the article: ``للجنة`` is ل + ``لجنة`` (the
article merged into the noun's own lam), ``للبنان`` ل + ``لبنان``, and there the gold's span starts
on the second lam. Where a gold span starts on such a lam, the gold reads the word that way, and a
prediction starting there is the gold's span, not moved (before, it was moved off it, and the gold
scored against itself fell below 1: dev ADJUDICATION, open questions of batch AE).
"""

from __future__ import annotations

from typing import Callable, Literal, TypeVar

from pydantic import BaseModel

from naba.gold.model import Record
from naba.gold.validate import annotation_spans
from naba.submission.model import SubEntity, SubEvent, SubQuote, SubSpan, SubmissionDocument

FusedLam = Literal["either", "strict"]

_LAM = "ل"
_CONJUNCTIONS = "وف"

M = TypeVar("M", bound=BaseModel)
S = TypeVar("S", bound=SubSpan)


def _word_start(text: str, index: int) -> bool:
    """True when ``index`` begins a word, possibly after a conjunction و/ف that begins it."""
    if index == 0 or not text[index - 1].isalpha():
        return True
    return text[index - 1] in _CONJUNCTIONS and (index == 1 or not text[index - 2].isalpha())


def article_lam_start(text: str, start: int, end: int) -> bool:
    """Does the span ``[start, end)`` begin on the article's lam of a word-initial fused لل?"""
    return (
        1 <= start
        and end - start >= 2
        and text[start - 1] == _LAM
        and text[start] == _LAM
        and _word_start(text, start - 1)
    )


def article_lam_starts(text: str) -> frozenset[int]:
    """Every ``start`` for which a span of two or more code points at ``start`` begins on the
    article's lam of a word-initial fused لل (``article_lam_start``): found by searching the
    text for لل once, so that a document's hundreds of span starts are set lookups, not
    hundreds of calls (tests/test_eval_fused_lam.py checks it against ``article_lam_start``)."""
    found: list[int] = []
    at = text.find(_LAM + _LAM)
    while at != -1:
        if _word_start(text, at):
            found.append(at + 1)
        at = text.find(_LAM + _LAM, at + 1)
    return frozenset(found)


def _canonical(value: object, text: str, gold_starts: frozenset[int]) -> object:
    """``value`` with every span in it canonicalised; the same object when nothing changes."""
    if isinstance(value, list):
        items = [_canonical(item, text, gold_starts) for item in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if not isinstance(value, BaseModel):
        return value
    updates: dict[str, object] = {}
    if isinstance(value, SubSpan) and article_lam_start(text, value.start, value.end) and value.start not in gold_starts:
        updates = {"start": value.start + 1, "text": value.text[1:]}
    for name in type(value).model_fields:
        if name not in updates:
            child = getattr(value, name)
            new = _canonical(child, text, gold_starts)
            if new is not child:
                updates[name] = new
    return value.model_copy(update=updates) if updates else value


def _span_starts(document: SubmissionDocument) -> list[int]:
    """The start of every span a submission line holds (the layers' span fields, listed once),
    built by comprehensions (a generator's yields cost as much as the lookups they feed)."""
    starts = [m.start for entity in document.entities or () for m in entity.mentions]
    starts += [t.start for t in document.timexes or ()]
    for quote in document.quotes or ():
        starts.append(quote.cue.start)
        starts += [c.start for c in quote.content]
        if quote.speaker_mention is not None:
            starts.append(quote.speaker_mention.start)
    for event in document.events or ():
        starts.append(event.trigger.start)
        starts += [a.start for a in event.arguments]
    return starts


def gold_span_starts(record: Record) -> frozenset[int]:
    """The start of every span of the gold record's annotations: where a gold span starts on the
    second lam of a word-initial لل, the gold reads that lam as the word's own (``للجنة`` = ل + ``لجنة``)."""
    return frozenset(span.start for span in annotation_spans(record))


def canonical_fused_lam(document: SubmissionDocument, text: str, gold_starts: frozenset[int] = frozenset()) -> SubmissionDocument:
    """The document with every span that starts on a fused لل's article lam moved one code point
    right, except where a gold span starts (``gold_starts``, from ``gold_span_starts``: the gold
    reads that lam as the word's own, ``للجنة``).

    Pure: the input is not changed; a document with no such span is returned as it is (found
    without copying: the usual case, and the gold's own spans never start there). Only the
    items holding a moved span are copied, by the span fields ``_span_starts`` lists (a walk
    over every field of every model took milliseconds per document); ``reference_canonical``
    is that walk, and tests/test_arrays.py checks that the two agree.
    """
    if article_lam_starts(text).isdisjoint(_span_starts(document)):
        return document

    def moved(span: S) -> S:
        if article_lam_start(text, span.start, span.end) and span.start not in gold_starts:
            return span.model_copy(update={"start": span.start + 1, "text": span.text[1:]})
        return span

    def each(items: list[M], fix: Callable[[M], M]) -> list[M]:
        out = [fix(item) for item in items]
        return out if any(a is not b for a, b in zip(out, items)) else items

    def entity(e: SubEntity) -> SubEntity:
        mentions = each(e.mentions, moved)
        return e if mentions is e.mentions else e.model_copy(update={"mentions": mentions})

    def quote(q: SubQuote) -> SubQuote:
        updates: dict[str, object] = {}
        if (cue := moved(q.cue)) is not q.cue:
            updates["cue"] = cue
        if (content := each(q.content, moved)) is not q.content:
            updates["content"] = content
        if q.speaker_mention is not None and (mention := moved(q.speaker_mention)) is not q.speaker_mention:
            updates["speaker_mention"] = mention
        return q.model_copy(update=updates) if updates else q

    def event(e: SubEvent) -> SubEvent:
        updates: dict[str, object] = {}
        if (trigger := moved(e.trigger)) is not e.trigger:
            updates["trigger"] = trigger
        if (arguments := each(e.arguments, moved)) is not e.arguments:
            updates["arguments"] = arguments
        return e.model_copy(update=updates) if updates else e

    layers: dict[str, object] = {}
    for name, items, fix in (("entities", document.entities, entity), ("timexes", document.timexes, moved),
                             ("quotes", document.quotes, quote), ("events", document.events, event)):
        if items is not None and (new := each(items, fix)) is not items:  # type: ignore[arg-type]
            layers[name] = new
    return document.model_copy(update=layers) if layers else document


def reference_canonical(document: SubmissionDocument, text: str, gold_starts: frozenset[int] = frozenset()) -> SubmissionDocument:
    """``canonical_fused_lam`` by a walk over every field of every model (the definition the
    targeted copy is tested against)."""
    if not any(article_lam_start(text, start, start + 2) for start in _span_starts(document)):
        return document
    result = _canonical(document, text, gold_starts)
    assert isinstance(result, SubmissionDocument)  # internal invariant, not an input check
    return result
