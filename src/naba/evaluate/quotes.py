"""Quotations: content, cue, and who said it.

Groups (each PRF group with its own optimal one-to-one matching):

``quotes.content_strict``   the predicted content spans are exactly the gold ones.
``quotes.content_overlap``  some content span overlaps some gold content span.
                            weight (1, same content, characters shared, speaker right + kind right)
``quotes.cue``              the cue spans overlap (``cue_match="overlap"``, default)
                            or are identical (``"exact"``): cues are single verbs
                            (قال، أكد) whose boundaries vary with clitics (وقال).
``quotes.speaker_accuracy`` speaker right, over the ``quotes.content_overlap`` pairs.
``quotes.quote_speaker``    content overlaps *and* the speaker is right (the headline).
                            weight (1, same content, characters shared)

The predicted speaker is right when it is the gold speaker entity, shown by any of:
  * ``speaker_mention`` overlaps a mention of the gold speaker entity;
  * ``speaker_name`` (or, when absent, the ``name`` of the predicted entity named by
    ``speaker_entity_id``) equals, after ``naba.common.arabic.normalize``, the gold
    entity's canonical name or the text of one of its mentions.
A quote whose gold speaker is unknown (null) wants no speaker: right only if
the prediction gives none of ``speaker_mention``, ``speaker_name``,
``speaker_entity_id``. Per-label results are per quote ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from naba.common.arabic import normalize
from naba.evaluate.matching import Weight
from naba.evaluate.outcomes import GroupScore, accuracy_group, by_label_restrictions, match_items, prf_group
from naba.evaluate.spans import Item, SpanTuple, Units, hull_overlapping_pairs, overlap, overlaps_any, set_overlap
from naba.gold.model import Quote, Record
from naba.submission.model import SubmissionDocument, SubQuote


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    known: bool
    mention_spans: tuple[SpanTuple, ...]
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class PredSpeaker:
    given: bool
    mention: SpanTuple | None
    name: str | None


def _content_item(doc: int, doc_id: str, quote_id: str, kind: str, content: Sequence[SpanTuple], units: Units, data: object,
                  sigs: bool = True) -> Item:
    spans = tuple(content)
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    sig = f"{doc_id}/{'+'.join(f'{s}:{e}' for s, e in spans)}/{kind}" if sigs else ""
    return Item(doc, start, end, kind, f"{doc_id}/{quote_id}", sig, units.of(doc, start), spans, data)


def _add_items(contents: list[Item], cues: list[Item], doc: int, doc_id: str, quote: Quote | SubQuote, units: Units, speaker: object,
               sigs: bool) -> None:
    """A quote's content item and cue item (either side's), each model field read once into a
    local (a pydantic model's attribute costs a slow lookup: issue 15)."""
    quote_id, kind, cue = quote.id, quote.kind, quote.cue
    start, end = cue.start, cue.end
    contents.append(_content_item(doc, doc_id, quote_id, kind, [(c.start, c.end) for c in quote.content], units, speaker, sigs))
    cues.append(Item(doc, start, end, kind, f"{doc_id}/{quote_id}", f"{doc_id}/{start}:{end}/{kind}" if sigs else "", units.of(doc, start),
                     ((start, end),)))


def gold_items(doc: int, record: Record, units: Units, *, sigs: bool = True) -> tuple[list[Item], list[Item]]:
    """(content items, cue items) of one gold record; ``sigs`` False: every ``sig`` empty (it
    only names an item in its outcomes)."""
    doc_id = record.document.id
    entities = {e.id: e for e in record.entities}
    speakers: dict[str | None, GoldSpeaker] = {}  # per speaker, once: a speaker's many quotes share its mentions and names
    contents, cues = [], []
    for q in record.quotes:
        speaker = speakers.get(q.speaker_entity_id)
        if speaker is None:
            entity = entities.get(q.speaker_entity_id) if q.speaker_entity_id else None
            speaker = speakers[q.speaker_entity_id] = GoldSpeaker(
                entity is not None,
                tuple((m.start, m.end) for m in entity.mentions) if entity else (),
                frozenset([normalize(entity.name), *(normalize(m.text) for m in entity.mentions)]) if entity else frozenset(),
            )
        _add_items(contents, cues, doc, doc_id, q, units, speaker, sigs)
    return contents, cues


def pred_items(doc: int, sub: SubmissionDocument, units: Units, *, sigs: bool = True) -> tuple[list[Item], list[Item]]:
    """As ``gold_items``."""
    doc_id = sub.document_id
    entity_names = {e.id: e.name for e in sub.entities or ()}
    contents, cues = [], []
    for q in sub.quotes or ():
        name = q.speaker_name if q.speaker_name is not None else entity_names.get(q.speaker_entity_id or "")
        speaker = PredSpeaker(
            q.speaker_mention is not None or q.speaker_name is not None or q.speaker_entity_id is not None,
            (q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else None,
            normalize(name) if name is not None else None,
        )
        _add_items(contents, cues, doc, doc_id, q, units, speaker, sigs)
    return contents, cues


def speaker_right(g: Item, p: Item) -> bool:
    gold: GoldSpeaker = g.data
    pred: PredSpeaker = p.data
    if not gold.known:
        return not pred.given
    if pred.mention is not None and overlaps_any(pred.mention, gold.mention_spans):
        return True
    return pred.name is not None and pred.name in gold.names


def weigh_content_strict(g: Item, p: Item) -> Weight | None:
    return (1,) if g.spans == p.spans else None


def weigh_content_overlap(g: Item, p: Item) -> Weight | None:
    shared = set_overlap(g.spans, p.spans)
    if shared == 0:
        return None
    return (1, int(g.spans == p.spans), shared, int(speaker_right(g, p)) + int(g.label == p.label))


def weigh_quote_speaker(g: Item, p: Item) -> Weight | None:
    shared = set_overlap(g.spans, p.spans)
    if shared == 0 or not speaker_right(g, p):
        return None
    return (1, int(g.spans == p.spans), shared)


def weigh_cue(mode: Literal["overlap", "exact"]):  # type: ignore[no-untyped-def]
    def weigh(g: Item, p: Item) -> Weight | None:
        same = int(g.start == p.start and g.end == p.end)
        if mode == "exact":
            return (1,) if same else None
        shared = overlap((g.start, g.end), (p.start, p.end))
        return None if shared == 0 else (1, same, shared)

    return weigh


def _tp(g: Item, p: Item) -> str:
    return "tp"


def score(gold: Sequence[Record], subs: Sequence[SubmissionDocument], units: Units, *, cue_match: Literal["overlap", "exact"]) -> list[GroupScore]:
    g_content: list[Item] = []
    g_cue: list[Item] = []
    p_content: list[Item] = []
    p_cue: list[Item] = []
    for d, record in enumerate(gold):
        contents, cues = gold_items(d, record, units)
        g_content += contents
        g_cue += cues
    for d, sub in enumerate(subs):
        contents, cues = pred_items(d, sub, units)
        p_content += contents
        p_cue += cues
    # one overlap sweep and one per-kind split for the three groups over the same content items
    pairs = hull_overlapping_pairs(g_content, p_content)
    restrictions = by_label_restrictions(g_content, p_content, pairs)
    overlap_pairs = match_items(g_content, p_content, weigh_content_overlap, pairs=pairs)
    shared = dict(pairs=pairs, restrictions=restrictions)
    return [
        prf_group("quotes.content_strict", g_content, p_content, weigh_content_strict, _tp, **shared),  # type: ignore[arg-type]
        prf_group("quotes.content_overlap", g_content, p_content, weigh_content_overlap, _tp, **shared),  # type: ignore[arg-type]
        prf_group("quotes.cue", g_cue, p_cue, weigh_cue(cue_match), _tp),
        accuracy_group("quotes.speaker_accuracy", g_content, p_content, overlap_pairs, speaker_right),
        prf_group("quotes.quote_speaker", g_content, p_content, weigh_quote_speaker, _tp, **shared),  # type: ignore[arg-type]
    ]
