"""Time expressions, TempEval-3 style.

Groups (each PRF group uses its own optimal one-to-one matching):

``timex.strict``          span identical.                      weight (1,)
``timex.relaxed``         spans overlap.                       weight (1, same span, overlap, attributes right)
``timex.value``           spans overlap *and* the predicted value equals the gold
                          ``value`` or one of its ``alternatives`` (the headline:
                          finding the expression and resolving it).
                                                                weight (1, same span, overlap)
``timex.type_accuracy``   type equal, over the ``timex.relaxed`` pairs.
``timex.value_accuracy``  value right (as above), over the ``timex.relaxed`` pairs.
``timex.anchor_accuracy`` anchor kind equal over the ``timex.relaxed`` pairs; a
                          missing anchor is its own kind ("none"), so a fully
                          specified gold expression wants no anchor.

Values are compared as strings, exactly (TIMEX3 values are canonical).
Among equally good relaxed pairings, the one with more right attributes wins
(type, value, anchor), then the canonical tie-break.
"""

from __future__ import annotations

from typing import Sequence

from naba.evaluate.matching import Weight
from naba.evaluate.outcomes import GroupScore, accuracy_group, prf_group
from naba.evaluate.spans import Item, Units, overlap
from naba.gold.model import Record
from naba.submission.model import SubmissionDocument


def gold_items(doc: int, record: Record, units: Units) -> list[Item]:
    doc_id = record.document.id
    return [
        Item(doc, t.start, t.end, t.type, f"{doc_id}/{t.id}", f"{doc_id}/{t.start}:{t.end}/{t.type}", units.of(doc, t.start),
             ((t.start, t.end),), (frozenset([t.value, *t.alternatives]), t.anchor.kind if t.anchor else "none"))
        for t in record.timexes
    ]


def pred_items(doc: int, sub: SubmissionDocument, units: Units) -> list[Item]:
    doc_id = sub.document_id
    return [
        Item(doc, t.start, t.end, t.type, f"{doc_id}/{t.id}", f"{doc_id}/{t.start}:{t.end}/{t.type}", units.of(doc, t.start),
             ((t.start, t.end),), (t.value, t.anchor.kind if t.anchor else "none"))
        for t in sub.timexes or ()
    ]


def value_right(g: Item, p: Item) -> bool:
    return p.data[0] in g.data[0]


def type_right(g: Item, p: Item) -> bool:
    return g.label == p.label


def anchor_right(g: Item, p: Item) -> bool:
    return g.data[1] == p.data[1]


def _shape(g: Item, p: Item) -> tuple[int, int] | None:
    shared = overlap((g.start, g.end), (p.start, p.end))
    if shared == 0:
        return None
    return int(g.start == p.start and g.end == p.end), shared


def weigh_strict(g: Item, p: Item) -> Weight | None:
    return (1,) if g.start == p.start and g.end == p.end else None


def weigh_relaxed(g: Item, p: Item) -> Weight | None:
    shape = _shape(g, p)
    if shape is None:
        return None
    return (1, shape[0], shape[1], int(type_right(g, p)) + int(value_right(g, p)) + int(anchor_right(g, p)))


def weigh_value(g: Item, p: Item) -> Weight | None:
    shape = _shape(g, p)
    if shape is None or not value_right(g, p):
        return None
    return (1, *shape)


def _tp(g: Item, p: Item) -> str:
    return "tp"


def score(gold: Sequence[Record], subs: Sequence[SubmissionDocument], units: Units) -> list[GroupScore]:
    golds = [item for d, record in enumerate(gold) for item in gold_items(d, record, units)]
    preds = [item for d, sub in enumerate(subs) for item in pred_items(d, sub, units)]
    from naba.evaluate.outcomes import match_items

    relaxed_pairs = match_items(golds, preds, weigh_relaxed)
    return [
        prf_group("timex.strict", golds, preds, weigh_strict, _tp),
        prf_group("timex.relaxed", golds, preds, weigh_relaxed, _tp),
        prf_group("timex.value", golds, preds, weigh_value, _tp),
        accuracy_group("timex.type_accuracy", golds, preds, relaxed_pairs, type_right),
        accuracy_group("timex.value_accuracy", golds, preds, relaxed_pairs, value_right),
        accuracy_group("timex.anchor_accuracy", golds, preds, relaxed_pairs, anchor_right),
    ]
