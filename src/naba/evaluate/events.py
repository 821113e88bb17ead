"""Events: triggers, arguments, and the time an event is linked to.

Trigger spans match by *overlap* by default (``trigger_match="overlap"``;
``"exact"`` is the strict variant): Arabic triggers carry clitics (وشدد، فإن)
whose inclusion varies between annotators, and a trigger is one word, so an
overlapping span names the same word. Groups:

``events.trigger_identification``  triggers match (type ignored).
                                   weight (1, same span, overlap, same type)
``events.trigger_classification``  triggers match and types are equal.
                                   weight (1, same span, overlap)
``events.argument_identification`` an argument is found when its event's trigger
                                   matches a gold event *of the same type* and its
                                   span refers to the gold argument's referent:
                                   overlaps (``argument_match="overlap"``, default;
                                   or equals, ``"exact"``) a mention of the gold
                                   entity, or the gold time expression for ``Time``.
                                   The role is ignored.
                                   weight (1, same role, same span as the gold argument, overlap with it)
``events.argument_classification`` the same with the right role (the headline).
                                   weight (1, same span as the gold argument, overlap with it)
``events.event_time``              gold events with a ``time_id``: the predicted event
                                   (trigger match, same type) links through its
                                   ``time_id`` to a predicted time expression whose value
                                   equals the gold one's value or an alternative.

Arguments are scored as tuples (event type, trigger, role, referent), matched
one-to-one across the document, not through a prior pairing of events: a
predicted event whose trigger overlaps two gold events may earn arguments of
either. Predicted ``ref_id`` values are validated but not used for scoring
(the span carries the referent). Per-label results: event type for triggers and
event time, role for arguments.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import partial
from itertools import accumulate
from typing import Any, Callable, Iterator, Literal, NamedTuple, Sequence

from naba.evaluate.matching import Weight
from naba.evaluate.outcomes import GroupScore, by_label_restrictions, prf_group
from naba.evaluate.spans import Item, SpanTuple, Units, hull_overlapping_pairs, new_item, overlap
from naba.gold.inventory import TIME_ROLE
from naba.gold.model import Record
from naba.submission.model import SubmissionDocument

SpanMatch = Literal["overlap", "exact"]


class ArgData(NamedTuple):
    """What an argument item carries besides its span. A named tuple, not a frozen dataclass: a
    document has hundreds of arguments per side, and a tuple is made three times faster."""

    trigger: SpanTuple
    event_type: str
    referent: tuple[SpanTuple, ...]  # gold: the referent's spans, sorted; predicted: empty
    referent_reach: tuple[int, ...] = ()  # gold: the largest end among referent[: k + 1]

    @classmethod
    def gold(cls, trigger: SpanTuple, event_type: str, spans: Sequence[SpanTuple]) -> "ArgData":
        return cls(trigger, event_type, *referent_index(spans))

    def refers_to(self, mode: SpanMatch, span: SpanTuple) -> bool:
        """Is ``span`` one of the referent's spans (exact) or overlapping one (overlap)?
        A binary search: an entity can have hundreds of mentions and each argument pair asks.
        (Gold spans are never empty, so "starts before ``span`` ends and ends after it starts"
        is exactly ``overlap > 0``.)"""
        if mode == "exact":
            k = bisect_left(self.referent, span)
            return k < len(self.referent) and self.referent[k] == span
        k = bisect_left(self.referent, (span[1],)) - 1  # the referent spans starting before span ends
        return k >= 0 and self.referent_reach[k] > span[0] and span[1] > span[0]


_new_arg: Callable[[tuple[Any, ...]], ArgData] = partial(tuple.__new__, ArgData)  # ``ArgData(*fields)`` in C (all four fields)


def referent_index(spans: Sequence[SpanTuple]) -> tuple[tuple[SpanTuple, ...], tuple[int, ...]]:
    """A referent's spans sorted, and the largest end among the first k + 1 (``ArgData``'s)."""
    ordered = tuple(sorted(spans))
    return ordered, tuple(accumulate((end for _, end in ordered), max))


def spans_match(mode: SpanMatch, a: SpanTuple, b: SpanTuple) -> bool:
    return a == b if mode == "exact" else overlap(a, b) > 0


def _dedupe(keys: list[str]) -> list[str]:
    """Identical argument tuples get ``#2``, ``#3``... so every key is unique."""
    if len(set(keys)) == len(keys):  # the usual case: nothing to number
        return keys
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def gold_items(doc: int, record: Record, units: Units, *, sigs: bool = True) -> tuple[list[Item], list[Item], list[Item]]:
    """(trigger items, argument items, event-time items) of one gold record; ``sigs`` False: every
    ``sig`` empty (it only names an item in its outcomes)."""
    doc_id = record.document.id
    entities = {e.id: e for e in record.entities}
    # each entity's referent index, made once when an argument first names it (an entity of a
    # hundred mentions is named by dozens of arguments; its spans are not hashed once per argument)
    indexed: dict[str, tuple[tuple[SpanTuple, ...], tuple[int, ...]]] = {}
    timexes = {t.id: t for t in record.timexes}
    triggers, args, times = [], [], []
    # each model field read once into a local (a pydantic model's attribute costs a slow lookup,
    # and a document has hundreds of arguments: issue 15)
    for ev in record.events:
        ev_id, ev_type, trigger, time_id = ev.id, ev.type, ev.trigger, ev.time_id
        trig = (trigger.start, trigger.end)
        unit = units.of(doc, trig[0])
        triggers.append(new_item((doc, *trig, ev_type, f"{doc_id}/{ev_id}", (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}" if sigs else ""), unit, (trig,), None)))
        fields = [(a.start, a.end, a.role, a.ref_id) for a in ev.arguments]
        keys = _dedupe([f"{doc_id}/{ev_id}/{role}/{ref_id}@{start}:{end}" for start, end, role, ref_id in fields])
        for (start, end, role, ref_id), key in zip(fields, keys):
            index: tuple[tuple[SpanTuple, ...], tuple[int, ...]] | None
            if role == TIME_ROLE:
                tx = timexes.get(ref_id)
                index = referent_index(((tx.start, tx.end),) if tx else ((start, end),))
            elif ref_id in entities:
                index = indexed.get(ref_id)
                if index is None:
                    index = indexed[ref_id] = referent_index([(m.start, m.end) for m in entities[ref_id].mentions])
            else:
                index = referent_index(((start, end),))
            args.append(new_item((doc, start, end, role, key, (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}/{role}@{start}:{end}" if sigs else ""), unit, ((start, end),), _new_arg((trig, ev_type, *index)))))
        if time_id is not None and time_id in timexes:
            tx = timexes[time_id]
            times.append(Item(doc, *trig, ev_type, f"{doc_id}/{ev_id}", (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}/{tx.value}" if sigs else ""), unit, (trig,), frozenset([tx.value, *tx.alternatives])))
    return triggers, args, times


def pred_items(doc: int, sub: SubmissionDocument, units: Units, *, sigs: bool = True) -> tuple[list[Item], list[Item], list[Item]]:
    """As ``gold_items``."""
    doc_id = sub.document_id
    values = {t.id: t.value for t in sub.timexes or ()}
    triggers, args, times = [], [], []
    for ev in sub.events or ():  # each field read once, as in ``gold_items``
        ev_id, ev_type, trigger, time_id = ev.id, ev.type, ev.trigger, ev.time_id
        trig = (trigger.start, trigger.end)
        unit = units.of(doc, trig[0])
        triggers.append(new_item((doc, *trig, ev_type, f"{doc_id}/{ev_id}", (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}" if sigs else ""), unit, (trig,), None)))
        fields = [(a.start, a.end, a.role) for a in ev.arguments]
        keys = _dedupe([f"{doc_id}/{ev_id}/{role}@{start}:{end}" for start, end, role in fields])
        data = _new_arg((trig, ev_type, (), ()))  # one for the event's arguments (a named tuple: immutable)
        for (start, end, role), key in zip(fields, keys):
            args.append(new_item((doc, start, end, role, key, (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}/{role}@{start}:{end}" if sigs else ""), unit, ((start, end),), data)))
        if time_id is not None:
            value = values[time_id]  # the validator guarantees the reference
            times.append(Item(doc, *trig, ev_type, f"{doc_id}/{ev_id}", (f"{doc_id}/{trig[0]}:{trig[1]}/{ev_type}/{value}" if sigs else ""), unit, (trig,), value))
    return triggers, args, times


def _event_groups(items: Sequence[Item]) -> tuple[list[Item], list[list[int]]]:
    """One head item per (document, trigger, event type) of argument items, sorted, and each one's members."""
    index: dict[tuple[int, SpanTuple, str], list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        index[(item.doc, item.data.trigger, item.data.event_type)].append(k)
    keys = sorted(index)
    heads = [Item(doc, trig[0], trig[1], etype, f"{n}", "", 0, (trig,)) for n, (doc, trig, etype) in enumerate(keys)]
    return heads, [index[k] for k in keys]


def argument_candidates(golds: Sequence[Item], preds: Sequence[Item]) -> Iterator[tuple[int, int]]:
    """Argument pairs whose events' triggers overlap and whose event types agree."""
    g_heads, g_members = _event_groups(golds)
    p_heads, p_members = _event_groups(preds)
    for gi, pj in hull_overlapping_pairs(g_heads, p_heads):
        if g_heads[gi].label == p_heads[pj].label:
            for a in g_members[gi]:
                for b in p_members[pj]:
                    yield a, b


def argument_candidate_columns(golds: Sequence[Item], preds: Sequence[Item]) -> tuple[list[int], list[int]]:
    """``argument_candidates`` as two columns (gold positions, predicted positions), in its order,
    a list extended per pair of events rather than a tuple yielded per pair of arguments."""
    g_heads, g_members = _event_groups(golds)
    p_heads, p_members = _event_groups(preds)
    gold_of: list[int] = []
    pred_of: list[int] = []
    for gi, pj in hull_overlapping_pairs(g_heads, p_heads):
        if g_heads[gi].label == p_heads[pj].label:
            members = p_members[pj]
            width = len(members)
            for a in g_members[gi]:
                gold_of.extend([a] * width)
                pred_of.extend(members)
    return gold_of, pred_of


def weighers(trigger_match: SpanMatch, argument_match: SpanMatch) -> dict[str, Callable[[Item, Item], Weight | None]]:
    """Each group's matching weight (None: the pair is not admissible), by group name without
    ``events.``; shared by ``score`` and the array scorer (``naba.evaluate.arrays``), so the two
    weigh competing pairs by one definition."""
    def trig_shape(g: SpanTuple, p: SpanTuple) -> tuple[int, int] | None:
        if not spans_match(trigger_match, g, p):
            return None
        return int(g == p), overlap(g, p)

    def weigh_trigger_id(g: Item, p: Item) -> Weight | None:
        shape = trig_shape(g.spans[0], p.spans[0])
        return None if shape is None else (1, *shape, int(g.label == p.label))

    def weigh_trigger_cls(g: Item, p: Item) -> Weight | None:
        shape = trig_shape(g.spans[0], p.spans[0])
        return None if shape is None or g.label != p.label else (1, *shape)

    def refers(g: Item, p: Item) -> bool:
        gd: ArgData = g.data
        pd: ArgData = p.data
        if gd.event_type != pd.event_type or not spans_match(trigger_match, gd.trigger, pd.trigger):
            return False
        return gd.refers_to(argument_match, (p.start, p.end))

    def weigh_arg_id(g: Item, p: Item) -> Weight | None:
        if not refers(g, p):
            return None
        return (1, int(g.label == p.label), int((g.start, g.end) == (p.start, p.end)), overlap((g.start, g.end), (p.start, p.end)))

    def weigh_arg_cls(g: Item, p: Item) -> Weight | None:
        if g.label != p.label or not refers(g, p):
            return None
        return (1, int((g.start, g.end) == (p.start, p.end)), overlap((g.start, g.end), (p.start, p.end)))

    def weigh_time(g: Item, p: Item) -> Weight | None:
        shape = trig_shape(g.spans[0], p.spans[0])
        if shape is None or g.label != p.label or p.data not in g.data:
            return None
        return (1, *shape)

    return {"trigger_identification": weigh_trigger_id, "trigger_classification": weigh_trigger_cls,
            "argument_identification": weigh_arg_id, "argument_classification": weigh_arg_cls, "event_time": weigh_time}


def score(
    gold: Sequence[Record], subs: Sequence[SubmissionDocument], units: Units, *, trigger_match: SpanMatch, argument_match: SpanMatch
) -> list[GroupScore]:
    g_trig: list[Item] = []
    g_args: list[Item] = []
    g_time: list[Item] = []
    p_trig: list[Item] = []
    p_args: list[Item] = []
    p_time: list[Item] = []
    for d, record in enumerate(gold):
        t, a, m = gold_items(d, record, units)
        g_trig += t
        g_args += a
        g_time += m
    for d, sub in enumerate(subs):
        t, a, m = pred_items(d, sub, units)
        p_trig += t
        p_args += a
        p_time += m

    w = weighers(trigger_match, argument_match)
    weigh_trigger_id, weigh_trigger_cls, weigh_arg_id, weigh_arg_cls, weigh_time = (
        w["trigger_identification"], w["trigger_classification"], w["argument_identification"], w["argument_classification"], w["event_time"])

    def tp(g: Item, p: Item) -> str:
        return "tp"

    # the candidate pairs and their per-label split, once for both groups over the same items
    trig_pairs = hull_overlapping_pairs(g_trig, p_trig)
    trig = dict(pairs=trig_pairs, restrictions=by_label_restrictions(g_trig, p_trig, trig_pairs))
    arg_pairs = list(argument_candidates(g_args, p_args))
    arg = dict(pairs=arg_pairs, restrictions=by_label_restrictions(g_args, p_args, arg_pairs))
    return [
        prf_group("events.trigger_identification", g_trig, p_trig, weigh_trigger_id, tp, **trig),  # type: ignore[arg-type]
        prf_group("events.trigger_classification", g_trig, p_trig, weigh_trigger_cls, tp, **trig),  # type: ignore[arg-type]
        prf_group("events.argument_identification", g_args, p_args, weigh_arg_id, tp, **arg),  # type: ignore[arg-type]
        prf_group("events.argument_classification", g_args, p_args, weigh_arg_cls, tp, **arg),  # type: ignore[arg-type]
        prf_group("events.event_time", g_time, p_time, weigh_time, tp),
    ]
