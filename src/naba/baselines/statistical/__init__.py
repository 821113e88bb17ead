"""Statistical baseline: scikit-learn linear models with engineered features, all four layers.

Linear models (liblinear SVMs and logistic regressions over ``DictVectorizer`` features)
trained at run time from the **dev split only** (``annotations/dev/records``, eight
articles written for naba; the test article is never trained or tuned on):

* entities: labels ``B-/I-`` + entity type, from every mention (all kinds);
  a third classifier predicts how many proclitic characters the first token
  of a mention sheds (``وموسكو`` -> 1), learned from the gold spans;
* time expressions: labels ``B-/I-TIMEX``; the value and type of each
  predicted span come from the rule baseline's parser and resolver
  (``naba.baselines.rules.timex``), anchored at the publication date (null for
  fully specified expressions). A span the resolver cannot read is dropped;
* quotes (``quotes``): cue tagger, content start and end rankers, a speaker ranker over the
  system's own entity mentions; the kind from the quotation marks;
* events (``events``): IOB2 trigger tagger over the inventory's types, a role classifier over
  (trigger, mention or time expression) pairs of the sentence restricted to the roles the type
  allows, a factuality classifier.

Speakers and arguments refer to the ids of this module's own entity and time-expression output.

Features per token (``features.token_features``): normalised form, shape,
prefixes and suffixes, clitic-stripped stems, flags from the *general*
resources of the rule baseline (CLDR places, nisbas, titles, speech verbs,
months, weekdays, relative day words), and the same for the neighbours at
distance 1 and 2.

**Protocol: never scored on data it was trained on.** When the document is a
dev document (same id and same text), its predictions are *leave one document
out*: a model trained on the other dev documents predicts it, so the dev scores
estimate performance on unseen news. Every other document (the test article,
the challenge variants, a user's text) is predicted by a model trained on the
whole dev split. Everything is deterministic (liblinear's ``random_state`` is
fixed to ``SEED``; features and samples are built in document order).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from naba.baselines.protocol import InputDocument, as_input_document, requires
from naba.baselines.rules.normalization import View
from naba.baselines.statistical import events as event_model
from naba.baselines.statistical import quotes as quote_model
from naba.baselines.statistical.common import Candidate, _int32, token_range
from naba.baselines.statistical.common import decode as _decode
from naba.baselines.statistical.events import EventDoc, EventSpan
from naba.baselines.statistical.features import rule_mention_features, sentence_features
from naba.baselines.statistical.quotes import QuoteDoc, QuoteSpan
from naba.gold.model import Record

SEED = 13
_ENTITY = "entity"
_TIMEX = "timex"


@dataclass(frozen=True, slots=True)
class Example:
    """One document's tokens, features and gold labels."""

    view: View
    features: tuple[dict[str, Any], ...]
    entity_labels: tuple[str, ...]
    timex_labels: tuple[str, ...]
    cuts: tuple[int | None, ...]  # proclitic characters before a B-entity, else None
    zone_of_token: tuple[str, ...]
    candidates: tuple[Candidate, ...] = ()  # gold mentions and time expressions as token ranges
    quotes: tuple[QuoteSpan, ...] = ()
    events: tuple[EventSpan, ...] = ()
    entity_features: tuple[dict[str, Any], ...] = ()  # features + the rules' mentions (entity model)
    inner_labels: tuple[str, ...] = ()  # IOB2 of the mentions nested inside a longer one (second layer)
    inner_cuts: tuple[int | None, ...] = ()


def _iob(view: View, spans: Sequence[tuple[int, int, str]], inner: list[str] | None = None,
         inner_cuts: list[int | None] | None = None) -> tuple[list[str], list[int | None]]:
    """IOB2 labels: a token belongs to a span that covers its last character;
    nested/overlapping spans resolved longest first. With ``inner`` (a list of ``"O"``), a span
    that lies inside one labelled span over fewer tokens is written there (the nested layer:
    ``القصرين`` inside ``مستشفى القصرين الجهوي``), its proclitic cut in ``inner_cuts``."""
    tokens = view.tokens
    labels = ["O"] * len(tokens)
    cuts: list[int | None] = [None] * len(tokens)
    starts = [t.start for t in tokens]
    import bisect

    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], s[1], s[2])):
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or tokens[first].end <= start:
            first += 1
        inside = [i for i in range(max(first, 0), len(tokens)) if tokens[i].start < end and start <= tokens[i].end - 1 < end]
        if not inside:
            continue
        tok = tokens[inside[0]]
        # proclitic characters (normalised) between the token start and the span start
        cut = sum(1 for k in range(tok.start, start) if view.text[k].strip() and not ("\u064b" <= view.text[k] <= "\u065f"))
        if any(labels[i] != "O" for i in inside):
            if inner is None or inner_cuts is None or any(inner[i] != "O" for i in inside) or not _nested(labels, inside):
                continue
            for n, i in enumerate(inside):
                inner[i] = ("B-" if n == 0 else "I-") + label
            inner_cuts[inside[0]] = cut
            continue
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + label
        cuts[inside[0]] = cut
    return labels, cuts


def _nested(labels: Sequence[str], inside: Sequence[int]) -> bool:
    """The tokens ``inside`` lie within one labelled span that has more tokens."""
    first, last = inside[0], inside[-1]
    if any(labels[i] == "O" for i in inside) or any(labels[i].startswith("B-") for i in inside[1:]):
        return False
    start = first
    while start > 0 and not labels[start].startswith("B-"):
        start -= 1
    end = last
    while end + 1 < len(labels) and labels[end + 1].startswith("I-"):
        end += 1
    return (start, end) != (first, last)


def _outer_rows(labels: Sequence[str], features: Sequence[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The nested layer's samples: every token of an outer span (decoded from ``labels``) of two
    tokens or more, with its features plus the outer span's type, its position there and length."""
    rows: dict[int, dict[str, Any]] = {}
    for first, last, type_ in _decode(labels):
        if last == first:
            continue
        for i in range(first, last + 1):
            pos = "B" if i == first else ("E" if i == last else "I")
            rows[i] = {**features[i], "out": type_, "out_pos": pos, "out_pt": f"{pos}-{type_}", "out_len": min(last - first + 1, 5)}
    return rows


def entity_features(view: View, features: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entity model's token features: the shared ones plus the rule baseline's mentions."""
    return [{**f, **r} for f, r in zip(features, rule_mention_features(view))]


def example_from_record(record: Record) -> Example:
    """Tokens, features and gold labels of one gold record (training material)."""
    doc = record.document
    view = View(doc.text)
    feats = sentence_features(view)
    entity_spans = [(m.start, m.end, e.type) for e in record.entities for m in e.mentions]
    timex_spans = [(t.start, t.end, "TIMEX") for t in record.timexes]
    inner_labels: list[str] = ["O"] * len(view.tokens)
    inner_cuts: list[int | None] = [None] * len(view.tokens)
    entity_labels, cuts = _iob(view, entity_spans, inner_labels, inner_cuts)
    timex_labels, timex_cuts = _iob(view, timex_spans)
    cuts = [c if c is not None else t for c, t in zip(cuts, timex_cuts)]
    zones = []
    zone_list = sorted(doc.zones, key=lambda z: z.start)
    for tok in view.tokens:
        zone = next((z.id for z in zone_list if z.start <= tok.start < z.end), "")
        zones.append(zone)
    candidates: list[Candidate] = []
    for e in record.entities:
        for m in e.mentions:
            rng = token_range(view, m.start, m.end)
            if rng is not None:
                candidates.append(Candidate(rng[0], rng[1], m.start, m.end, e.type, e.id, m.kind))
    for t in record.timexes:
        rng = token_range(view, t.start, t.end)
        if rng is not None:
            candidates.append(Candidate(rng[0], rng[1], t.start, t.end, "TIMEX", t.id))
    candidates.sort(key=lambda c: (c.first, c.last, c.ref))
    quotes: list[QuoteSpan] = []
    for q in record.quotes:
        cue = token_range(view, q.cue.start, q.cue.end)
        first = token_range(view, q.content[0].start, q.content[0].end)
        last = token_range(view, q.content[-1].start, q.content[-1].end)
        if cue is None or first is None or last is None:
            continue
        quotes.append(QuoteSpan(cue[0], first[0], last[1], q.speaker_entity_id, q.kind, q.relayed_by_entity_id))
    events: list[EventSpan] = []
    for ev in record.events:
        trig = token_range(view, ev.trigger.start, ev.trigger.end)
        if trig is None:
            continue
        events.append(EventSpan(trig[0], trig[1], ev.type, ev.factuality, tuple((a.ref_id, a.role) for a in ev.arguments)))
    return Example(view, tuple(feats), tuple(entity_labels), tuple(timex_labels), tuple(cuts), tuple(zones),
                   tuple(candidates), tuple(sorted(quotes, key=lambda q: (q.cue, q.start))), tuple(sorted(events, key=lambda e: (e.first, e.last, e.type))),
                   tuple(entity_features(view, feats)), tuple(inner_labels), tuple(inner_cuts))


@lru_cache(maxsize=2)
def _examples(sha: str) -> tuple[tuple[str, Example], ...]:
    from naba.corpus.splits import dev_dir
    from naba.gold.records import gold_records

    return tuple((r.document.id, example_from_record(r)) for r in gold_records(dev_dir()))


def _training_sha() -> str:
    from naba.corpus.splits import dev_dir
    from naba.gold.records import gold_sha256

    return gold_sha256(dev_dir())


def _gold_examples() -> tuple[tuple[str, Example], ...]:
    """The training documents: the dev split (cached by the hash of its record files)."""
    return _examples(_training_sha())


# --------------------------------------------------------------------------- models


class _Classifier:
    """DictVectorizer + linear SVM (liblinear); constant when the labels have one class.

    Why LinearSVC and not lbfgs logistic regression: same linear model family,
    but liblinear trains this problem in ~0.05 s where lbfgs took ~25 s on the
    2-core CI machine, and leave-one-document-out trains 3 models per dev document.
    """

    def __init__(self, features: list[dict[str, Any]], labels: list[Any]) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.svm import LinearSVC

        self.constant = labels[0] if labels and len(set(labels)) == 1 else None
        self.empty = not labels
        if self.constant is not None or self.empty:
            return
        self.vectorizer = DictVectorizer(sort=True)
        matrix = _int32(self.vectorizer.fit_transform(features))
        self.model = LinearSVC(C=0.5, random_state=SEED)
        self.model.fit(matrix, labels)

    def predict(self, features: list[dict[str, Any]]) -> list[Any]:
        if self.empty:
            return ["O"] * len(features)
        if self.constant is not None:
            return [self.constant] * len(features)
        if not features:
            return []
        return list(self.model.predict(_int32(self.vectorizer.transform(features))))


@dataclass(frozen=True, slots=True)
class _Models:
    entity: _Classifier
    timex: _Classifier
    cut: _Classifier
    quote: quote_model.QuoteModel
    event: event_model.EventModel
    inner: _Classifier  # the nested layer: B-/I-/O over the tokens of predicted outer spans


def _train(samples: Sequence[tuple[Example, Sequence[int]]]) -> _Models:
    ent_x: list[dict[str, Any]] = []
    ent_y: list[str] = []
    tx_y: list[str] = []
    cut_x: list[dict[str, Any]] = []
    cut_y: list[int] = []
    in_x: list[dict[str, Any]] = []
    in_y: list[str] = []
    for example, indices in samples:
        rows = _outer_rows(example.entity_labels, example.entity_features)
        for i in indices:
            if i in rows:
                in_x.append(rows[i])
                in_y.append(example.inner_labels[i])
            if example.inner_cuts[i] is not None:
                cut_x.append(example.entity_features[i])
                cut_y.append(example.inner_cuts[i])
            ent_x.append(example.entity_features[i])
            ent_y.append(example.entity_labels[i])
            tx_y.append(example.timex_labels[i])
            cut = example.cuts[i]
            if cut is not None:
                cut_x.append(example.entity_features[i])
                cut_y.append(cut)
    examples = [example for example, _ in samples]
    quotes = quote_model.train([QuoteDoc(ex.view, ex.features, ex.candidates, ex.quotes) for ex in examples])
    events = event_model.train([EventDoc(ex.view, ex.features, ex.candidates, ex.events) for ex in examples])
    tx_x = [example.features[i] for example, indices in samples for i in indices]
    return _Models(_Classifier(ent_x, ent_y), _Classifier(tx_x, tx_y), _Classifier(cut_x, cut_y) if cut_y else _Classifier([], []),
                   quotes, events, _Classifier(in_x, in_y))


@lru_cache(maxsize=2)
def _all_gold_models(sha: str) -> _Models:
    return _train([(ex, range(len(ex.view.tokens))) for _, ex in _examples(sha)])


def _predict(view: View, features: Sequence[dict[str, Any]], indices: Sequence[int], models: _Models,
             ent_features: Sequence[dict[str, Any]]) -> tuple[list[str], list[str], dict[int, int], list[str]]:
    ent = models.entity.predict([ent_features[i] for i in indices])
    tx = models.timex.predict([features[i] for i in indices])
    entity_labels = ["O"] * len(view.tokens)
    timex_labels = ["O"] * len(view.tokens)
    for i, a, b in zip(indices, ent, tx):
        entity_labels[i], timex_labels[i] = a, b
    rows = _outer_rows(entity_labels, ent_features)
    inner_labels = ["O"] * len(view.tokens)
    inside = sorted(rows)
    for i, label in zip(inside, models.inner.predict([rows[i] for i in inside]) if inside else []):
        inner_labels[i] = label
    cuts: dict[int, int] = {}
    b_tokens = [i for i in indices if entity_labels[i].startswith("B-") or timex_labels[i].startswith("B-") or inner_labels[i].startswith("B-")]
    for i, cut in zip(b_tokens, models.cut.predict([ent_features[i] for i in b_tokens]) if b_tokens else []):
        cuts[i] = int(cut) if cut != "O" else 0
    return entity_labels, timex_labels, cuts, inner_labels


# --------------------------------------------------------------------------- records


def _records(doc: InputDocument, view: View, entity_labels: list[str], timex_labels: list[str], cuts: dict[int, int],
             features: Sequence[dict[str, Any]], models: _Models, inner_labels: Sequence[str] = ()) -> dict[str, Any]:
    from naba.baselines.rules.timex import find_timexes, resolve
    from naba.common.arabic import normalize

    tokens = view.tokens

    def span(first: int, last: int) -> tuple[int, int]:
        cut = cuts.get(first, 0)
        tok = tokens[first]
        normal = len(normalize(tok.raw))
        start = view.stripped_start(tok, cut) if 0 < cut < normal else tok.start
        return start, tokens[last].end

    entities: list[dict[str, Any]] = []
    candidates: list[Candidate] = []  # the predicted mentions and time expressions, for quotes and events
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    mention_number = 0
    outer = _decode(entity_labels)
    # nested mentions: inside one outer span, over fewer tokens (GUIDELINES.md 1: a place in a
    # facility's or an organisation's name is a mention of its own)
    nested = [(f, l, t) for f, l, t in _decode(inner_labels) if any(a <= f and l <= b and (a, b) != (f, l) for a, b, _ in outer)]
    nested_set = set(nested)
    for first, last, type_ in sorted(outer + nested, key=lambda s: (s[0], -s[1], s[2])):
        if any(tokens[k].paragraph != tokens[first].paragraph for k in range(first, last + 1)):
            continue
        start, end = span(first, last)
        if start >= end:
            continue
        text = doc.text[start:end]
        key = (type_, normalize(text).split()[-1] if normalize(text).split() else normalize(text))
        mention_number += 1
        mention = {"id": f"m{mention_number}", "start": start, "end": end, "text": text, "kind": "name"}
        if key not in by_key:
            entity = {"id": f"e{len(entities) + 1}", "type": type_, "name": text, "mentions": []}
            entities.append(entity)
            by_key[key] = entity
        entity = by_key[key]
        entity["mentions"].append(mention)
        if (first, last, type_) not in nested_set:
            candidates.append(Candidate(first, last, start, end, type_, entity["id"]))
        if len(text) > len(entity["name"]):
            entity["name"] = text
    # time expressions: spans from the classifier, values from the rule resolver
    rule_matches = {(m.first, m.last): m for m in find_timexes(view)}
    timexes: list[dict[str, Any]] = []
    for first, last, _ in _decode(timex_labels):
        match = rule_matches.get((first, last))
        if match is None:
            sub = View(doc.text[tokens[first].start : tokens[last].end])
            found = find_timexes(sub)
            if len(found) != 1 or found[0].first != 0 or found[0].last != len(sub.tokens) - 1:
                continue  # the resolver cannot read this span as one expression
            parts = found[0].parts
        else:
            parts = match.parts
        result = resolve(parts, doc.publication_day)
        if result is None:
            continue
        start, end = span(first, last)
        anchor = None if parts.fully_specified else {"kind": "publication_date", "id": None}
        timexes.append({"id": f"t{len(timexes) + 1}", "start": start, "end": end, "text": doc.text[start:end],
                        "type": result[0], "value": result[1], "anchor": anchor})
        candidates.append(Candidate(first, last, start, end, "TIMEX", timexes[-1]["id"]))
    candidates.sort(key=lambda c: (c.first, c.last, c.ref))
    names = {e["id"]: e["name"] for e in entities}

    def piece(start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": doc.text[start:end]}

    quotes: list[dict[str, Any]] = []
    for q in quote_model.predict(view, features, candidates, models.quote):
        cue = tokens[q.cue]
        speaker = q.speaker
        overt = speaker is not None and tokens[speaker.first].sentence == cue.sentence
        quotes.append({
            "id": f"q{len(quotes) + 1}", "kind": q.kind, "cue": piece(cue.start, cue.end),
            "content": [piece(tokens[q.start].start, tokens[q.end].end)],
            "speaker_entity_id": speaker.ref if speaker is not None else None,
            "speaker_name": names[speaker.ref] if speaker is not None else None,
            # the mention only when it is overt in the cue's sentence (GUIDELINES.md 2.5)
            "speaker_mention": piece(speaker.start, speaker.end) if overt and speaker is not None else None,
            "relayed_by_entity_id": q.relay.ref if q.relay is not None else None,
        })
    events: list[dict[str, Any]] = []
    for ev in event_model.predict(view, features, candidates, models.event):
        time_id = next((c.ref for role, c in ev.arguments if role == "Time"), None)
        events.append({
            "id": f"v{len(events) + 1}", "type": ev.type, "trigger": piece(tokens[ev.first].start, tokens[ev.last].end),
            "arguments": [{"role": role, "ref_id": c.ref, **piece(c.start, c.end)} for role, c in ev.arguments],
            "time_id": time_id, "factuality": ev.factuality,
        })
    return {"document_id": doc.id, "entities": entities, "timexes": timexes, "quotes": quotes, "events": events}


def predict(document: Any, training: Sequence[tuple[str, Example]] | None = None) -> dict[str, Any]:
    """Predictions for ``document``; leave one document out when it is one of the training documents."""
    doc = as_input_document(document)
    gold = tuple(training) if training is not None else _gold_examples()
    own = next((ex for doc_id, ex in gold if doc_id == doc.id and ex.view.text == doc.text), None)
    if own is None:
        view = View(doc.text)
        features = sentence_features(view)
        if training is None:
            models = _all_gold_models(_training_sha())
        else:
            models = _train([(ex, range(len(ex.view.tokens))) for _, ex in gold])
        entity_labels, timex_labels, cuts, inner = _predict(view, features, range(len(view.tokens)), models, entity_features(view, features))
        return _records(doc, view, entity_labels, timex_labels, cuts, features, models, inner)
    # a training document: leave it out, train on the others, predict all of it
    view = own.view
    others = [(ex, range(len(ex.view.tokens))) for _, ex in gold if ex is not own]
    if not others:
        raise ValueError("leave-one-document-out needs at least two training documents")
    models = _train(others)
    entity_labels, timex_labels, cuts, inner = _predict(view, own.features, range(len(view.tokens)), models, own.entity_features)
    return _records(doc, view, entity_labels, timex_labels, cuts, own.features, models, inner)


def availability() -> tuple[bool, str]:
    """scikit-learn for the models, Babel for the rule system's time resolver it reuses (the
    ``baselines`` extra)."""
    return requires("sklearn", "babel")


def extract(document: Any) -> dict[str, Any]:
    """Extractor entry point (see naba.baselines.protocol and the module docstring)."""
    return predict(document)


__all__ = ["extract", "predict", "example_from_record", "Example", "SEED"]
