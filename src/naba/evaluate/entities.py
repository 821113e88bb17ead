"""Entity mentions: the four SemEval-2013 modes, as nervaluate defines them.

Items are mentions; a predicted mention's type is its entity's type. Two
mentions are *comparable* when their spans overlap. The modes, with the
SemEval category of a matched pair and the matching weight (see
``naba.evaluate.matching``):

``strict``  correct = same span and same type, otherwise incorrect.
            weight (correct, 1, same span, same type, overlap)
``exact``   correct = same span (type ignored), otherwise incorrect.
            weight (same span, 1, same type, overlap)
``partial`` correct = same span, otherwise partial (type ignored).
            weight (2 if same span else 1, 1, same type, overlap)
``type``    correct = same type (any overlap), otherwise incorrect.
            weight (same type, 1, same span, overlap)

Precision is ``(COR + 0.5 PAR) / ACT`` and recall ``(COR + 0.5 PAR) / POS``
(``PAR`` is non-zero only in ``partial``); in the other modes this is
``tp / (tp + fp)`` with an incorrect pair counted as one fp and one fn.

Divergences from nervaluate 1.2.1 (each is tested in tests/test_eval_entities.py):

1. Matching. nervaluate pairs greedily in prediction order (first overlapping
   gold item, or closest boundaries in ``ent_type``), so its counts depend on
   the order of the predictions and can be lower than achievable. naba takes
   the one-to-one matching that maximises the mode's credit (above), which is
   order-independent and never credits less. On inputs where every item
   overlaps at most one item of the other side the two agree exactly.
2. Offsets. nervaluate's ``end`` is inclusive (token indices); naba's is
   half-open, so spans that only touch do not overlap. To compare, pass
   ``end - 1`` to nervaluate (as the tests and the benchmark do).
3. Undefined scores. nervaluate returns 0.0 when nothing was predicted or
   nothing is in the gold; naba returns None.
4. Labels. nervaluate silently drops labels missing from its ``tags``
   argument; naba rejects unknown labels when the submission is validated.
5. Double counting. Older nervaluate versions counted one prediction that
   overlaps two gold items twice; naba (and nervaluate 1.2.1) count it once:
   one pair plus one missed gold item.

Per-type results re-run the mode on the items of one type on both sides, which
is what nervaluate 1.2.1 does; the names of the modes follow nervaluate
(``strict``, ``exact``, ``partial``, ``type`` = nervaluate's ``ent_type``).
"""

from __future__ import annotations

from typing import Callable, Sequence

from naba.evaluate.matching import Weight
from naba.evaluate.outcomes import GroupScore, Restrictions, by_label_restrictions, prf_group
from naba.evaluate.spans import Item, Units, hull_overlapping_pairs, new_item
from naba.gold.model import Entity, Record
from naba.submission.model import SubEntity, SubmissionDocument

MODES: tuple[str, ...] = ("strict", "exact", "partial", "type")


def gold_items(doc: int, record: Record, units: Units, *, sigs: bool = True) -> list[Item]:
    """One item per mention. ``sigs`` False: every ``sig`` empty (it only names an item in its
    outcomes, so a scorer keeping none need not write it)."""
    return _mention_items(doc, record.document.id, record.entities, units, sigs)


def pred_items(doc: int, sub: SubmissionDocument, units: Units, *, sigs: bool = True) -> list[Item]:
    """As ``gold_items``."""
    return _mention_items(doc, sub.document_id, sub.entities or (), units, sigs)


def _mention_items(doc: int, doc_id: str, entities: Sequence[Entity | SubEntity], units: Units, sigs: bool) -> list[Item]:
    """Both sides' items: each model field read once into a local (a pydantic model's attribute
    costs a slow lookup, and a document has a few hundred mentions: issue 15)."""
    items: list[Item] = []
    append, unit_of = items.append, units.of
    for entity in entities:
        label = entity.type
        for mention in entity.mentions:
            start, end = mention.start, mention.end
            append(new_item((doc, start, end, label, f"{doc_id}/{mention.id}", f"{doc_id}/{start}:{end}/{label}" if sigs else "",
                             unit_of(doc, start), ((start, end),), None)))
    return items


def _strict(g: Item, p: Item) -> Weight | None:
    shared = min(g.end, p.end) - max(g.start, p.start)
    if shared <= 0:
        return None
    same_span = int(g.start == p.start and g.end == p.end)
    same_type = int(g.label == p.label)
    return (same_span * same_type, 1, same_span, same_type, shared)


def _exact(g: Item, p: Item) -> Weight | None:
    shared = min(g.end, p.end) - max(g.start, p.start)
    if shared <= 0:
        return None
    return (int(g.start == p.start and g.end == p.end), 1, int(g.label == p.label), shared)


def _partial(g: Item, p: Item) -> Weight | None:
    shared = min(g.end, p.end) - max(g.start, p.start)
    if shared <= 0:
        return None
    return (2 if g.start == p.start and g.end == p.end else 1, 1, int(g.label == p.label), shared)


def _type(g: Item, p: Item) -> Weight | None:
    shared = min(g.end, p.end) - max(g.start, p.start)
    if shared <= 0:
        return None
    return (int(g.label == p.label), 1, int(g.start == p.start and g.end == p.end), shared)


def _classify_strict(g: Item, p: Item) -> str:
    return "tp" if g.start == p.start and g.end == p.end and g.label == p.label else "incorrect"


def _classify_exact(g: Item, p: Item) -> str:
    return "tp" if g.start == p.start and g.end == p.end else "incorrect"


def _classify_partial(g: Item, p: Item) -> str:
    return "tp" if g.start == p.start and g.end == p.end else "partial"


def _classify_type(g: Item, p: Item) -> str:
    return "tp" if g.label == p.label else "incorrect"


#: mode -> (matching weight, SemEval category of a matched pair)
RULES: dict[str, tuple[Callable[[Item, Item], Weight | None], Callable[[Item, Item], str]]] = {
    "strict": (_strict, _classify_strict),
    "exact": (_exact, _classify_exact),
    "partial": (_partial, _classify_partial),
    "type": (_type, _classify_type),
}


def weigh(mode: str, g: Item, p: Item) -> Weight | None:
    """The matching weight of a gold/predicted mention pair in ``mode``."""
    return _rules(mode)[0](g, p)


def classify(mode: str, g: Item, p: Item) -> str:
    """The SemEval category of a matched pair in ``mode``."""
    return _rules(mode)[1](g, p)


def _rules(mode: str) -> tuple[Callable[[Item, Item], Weight | None], Callable[[Item, Item], str]]:
    if mode not in RULES:
        raise ValueError(f"unknown entity matching mode {mode!r}; one of {MODES}")
    return RULES[mode]


def score_mode(
    mode: str, golds: Sequence[Item], preds: Sequence[Item], *, by_label: bool = True,
    pairs: Sequence[tuple[int, int]] | None = None, restrictions: Restrictions | None = None,
) -> GroupScore:
    """One mode over given mention items (also used directly by the tests and benchmark).

    ``pairs``/``restrictions``: the overlapping (gold, pred) index pairs and their
    per-type split, if already computed.
    """
    weigh_fn, classify_fn = _rules(mode)
    return prf_group(f"entities.{mode}", golds, preds, weigh_fn, classify_fn, semeval=True, by_label=by_label,
                     pairs=pairs, restrictions=restrictions)


def score_modes(golds: Sequence[Item], preds: Sequence[Item], *, by_label: bool = True) -> list[GroupScore]:
    """All four modes, sharing one overlap sweep and one per-type split."""
    pairs = hull_overlapping_pairs(golds, preds)
    restrictions = by_label_restrictions(golds, preds, pairs) if by_label else None
    return [score_mode(mode, golds, preds, by_label=by_label, pairs=pairs, restrictions=restrictions) for mode in MODES]


def score(gold: Sequence[Record], subs: Sequence[SubmissionDocument], units: Units) -> list[GroupScore]:
    golds = [item for d, record in enumerate(gold) for item in gold_items(d, record, units)]
    preds = [item for d, sub in enumerate(subs) for item in pred_items(d, sub, units)]
    return score_modes(golds, preds)


def spans_to_items(spans: Sequence[Sequence[tuple[int, int, str]]], side: str) -> list[Item]:
    """Items from per-sequence ``(start, end, label)`` spans (half-open), for tests and benchmarks."""
    return [
        Item(d, s, e, label, f"{d}/{side}{k}", f"{d}/{s}:{e}/{label}", d, ((s, e),))
        for d, seq in enumerate(spans)
        for k, (s, e, label) in enumerate(seq)
    ]
