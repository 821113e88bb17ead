"""Events of the statistical baseline: trigger tagger, argument-role classifier, factuality.

Three seeded liblinear models trained from the gold events of the training documents:

1. **triggers**: an IOB2 token classifier over the event types of ``naba.gold.inventory``
   (``B-MEET``, ``I-MEET`` …) on the entity model's token features (two-word triggers such
   as ``مؤتمر صحفي`` are the ``I-`` case), plus a lexicon feature: the types of the training
   triggers that share a crude core with the token (``cores``). A training document's lexicon
   feature is computed from the *other* training documents, as it is for unseen text.
2. **arguments**: a classifier over (trigger, candidate) pairs, where the candidates are the
   system's own entity mentions and time expressions in the trigger's sentence (GUIDELINES.md
   3.3: arguments are in the trigger's sentence). Labels are the roles plus ``NONE``; at
   prediction the choice is restricted to ``NONE`` and the roles the inventory allows for the
   event type (``Time`` only for a time expression, the other roles only for entity mentions).
   Features: event type, candidate type, side and distance, the word before the candidate
   (prepositions: في، إلى، مع، بين، على …), its proclitic, the trigger word, punctuation and
   other candidates between. One argument per referent and role: the best-scoring mention.
3. **factuality**: a classifier over the trigger's features and the words before it (``لم``,
   ``لن``, ``قد``, ``س-``); with one class in training it is that class (the majority).

``time_id`` is the event's Time argument when one is predicted (GUIDELINES.md 3.3: the time
argument dates the event), else null.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from naba.baselines.rules.normalization import View
from naba.baselines.statistical.common import COMMAS, Candidate, Labeller, bucket, decode, iob_tokens
from naba.gold.inventory import EVENT_ROLES, TIME_ROLE

NONE = "NONE"


@dataclass(frozen=True, slots=True)
class EventSpan:
    """A gold event as token positions: trigger tokens, type, factuality, (referent, role) pairs."""

    first: int
    last: int
    type: str
    factuality: str
    arguments: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    first: int
    last: int
    type: str
    factuality: str
    arguments: tuple[tuple[str, Candidate], ...]  # (role, candidate)


@dataclass(frozen=True, slots=True)
class EventModel:
    trigger: Labeller
    argument: Labeller
    factuality: Labeller
    lexicon: dict[str, tuple[str, ...]]


_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "وس", "فس", "و", "ف", "ب", "ل", "س")
_SUFFIXES = ("هما", "هم", "ها", "ات", "ه", "ا", "ي")


def cores(norm: str) -> frozenset[str]:
    """Crude cores of a word: the normalised form without a proclitic and without a suffix
    (``والمساعدات`` -> ``مساعد``…), at least three letters. Why: a trigger seen in training as
    ``الاتفاق`` should also be recognised as ``اتفاقا`` or ``الاتفاقيه``."""
    heads = {norm} | {norm[len(p):] for p in _PROCLITICS if norm.startswith(p) and len(norm) - len(p) >= 3}
    out = set(heads)
    for head in heads:
        for suffix in _SUFFIXES:
            if head.endswith(suffix) and len(head) - len(suffix) >= 3:
                out.add(head[: -len(suffix)])
    return frozenset(out)


def lexicon_of(docs: Sequence["EventDoc"]) -> dict[str, tuple[str, ...]]:
    """Core -> the event types its gold triggers had in ``docs`` (first word of a trigger)."""
    found: dict[str, set[str]] = {}
    for doc in docs:
        for event in doc.events:
            for core in cores(doc.view.tokens[event.first].norm):
                found.setdefault(core, set()).add(event.type)
    return {core: tuple(sorted(types)) for core, types in sorted(found.items())}


def trigger_features(view: View, base: dict[str, Any], i: int, lexicon: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """Token features plus the event types of the training triggers that share a core with it."""
    feats = dict(base)
    for core in cores(view.tokens[i].norm):
        for type_ in lexicon.get(core, ()):
            feats[f"lex_{type_}"] = True
            feats["lex_any"] = True
    return feats


@dataclass(frozen=True, slots=True)
class EventDoc:
    view: View
    features: tuple[dict[str, Any], ...]
    candidates: tuple[Candidate, ...]
    events: tuple[EventSpan, ...]


def _factuality_features(view: View, base: dict[str, Any], first: int, type_: str) -> dict[str, Any]:
    tokens = view.tokens
    feats = {k: v for k, v in base.items() if ":" not in k}
    feats["etype"] = type_
    feats["sin"] = tokens[first].norm.startswith(("س", "وس", "فس"))
    seen = 0
    for j in range(first - 1, -1, -1):
        if tokens[j].sentence != tokens[first].sentence or seen >= 4:
            break
        if tokens[j].is_word:
            seen += 1
            feats[f"pw:{tokens[j].norm}"] = True
            feats[f"pw{seen}"] = tokens[j].norm
    return feats


def _argument_features(view: View, first: int, last: int, type_: str, cand: Candidate, pool: Sequence[Candidate]) -> dict[str, Any]:
    tokens = view.tokens
    after = cand.first > last
    side = "after" if after else "before"
    lo, hi = (last + 1, cand.first) if after else (cand.last + 1, first)
    between = tokens[lo:hi] if lo < hi else ()
    prev = tokens[cand.first - 1].norm if cand.first > 0 else "BOS"
    token = tokens[cand.first]
    proclitic = token.norm[0] if cand.start > token.start and token.norm else ""
    kind = cand.kind
    others = sum(1 for c in pool if c is not cand and (lo <= c.first < hi))
    same_side = [c for c in pool if (c.first > last) == after and c.kind == cand.kind]
    nearest = bool(same_side) and cand is min(same_side, key=lambda c: (abs(c.first - first), c.first))
    first_in_sentence = cand is min(pool, key=lambda c: (c.first, c.last))
    trig = tokens[first].norm
    verbal = trig[:1] in ("ي", "ت", "س") or (len(trig) <= 4 and not trig.startswith("ال"))
    return {
        "nearest": nearest,
        "eknear": f"{type_}|{kind}|{side}|{nearest}",
        "first_in_sentence": first_in_sentence,
        "ekfirst": f"{type_}|{kind}|{first_in_sentence}",
        "verbal": verbal,
        "eksv": f"{type_}|{kind}|{side}|{verbal}",
        "bias": 1.0,
        "etype": type_,
        "kind": kind,
        "ek": f"{type_}|{kind}",
        "side": side,
        "eks": f"{type_}|{kind}|{side}",
        "d": bucket(len(between)),
        "eksd": f"{type_}|{kind}|{side}|{bucket(len(between))}",
        "prev": prev,
        "eprev": f"{type_}|{prev}",
        "proclitic": proclitic,
        "eproc": f"{type_}|{proclitic}",
        "trigger": tokens[first].norm,
        "others": min(others, 3),
        "comma": any(t.norm in COMMAS for t in between),
        "adjacent": len(between) == 0,
    }


def _in_sentence(view: View, first: int, candidates: Sequence[Candidate]) -> list[Candidate]:
    sentence = view.tokens[first].sentence
    return [c for c in candidates if view.tokens[c.first].sentence == sentence]


def train(docs: Sequence[EventDoc]) -> EventModel:
    trig_x: list[dict[str, Any]] = []
    trig_y: list[str] = []
    arg_x: list[dict[str, Any]] = []
    arg_y: list[str] = []
    fact_x: list[dict[str, Any]] = []
    fact_y: list[str] = []
    for n, doc in enumerate(docs):
        view = doc.view
        labels = iob_tokens(len(view.tokens), [(e.first, e.last, e.type) for e in doc.events])
        # the lexicon feature of a training document comes from the *other* training documents,
        # as it will for a new document: otherwise every gold trigger would be in its own lexicon
        own_out = lexicon_of([d for k, d in enumerate(docs) if k != n])
        trig_x.extend(trigger_features(view, doc.features[i], i, own_out) for i in range(len(view.tokens)))
        trig_y.extend(labels)
        for event in doc.events:
            fact_x.append(_factuality_features(view, doc.features[event.first], event.first, event.type))
            fact_y.append(event.factuality)
            roles = dict(sorted(event.arguments, key=lambda a: (a[0], a[1]), reverse=True))  # ref -> role
            pool = _in_sentence(view, event.first, doc.candidates)
            for cand in pool:
                if cand.first <= event.last and cand.last >= event.first:
                    continue
                arg_x.append(_argument_features(view, event.first, event.last, event.type, cand, pool))
                arg_y.append(roles.get(cand.ref, NONE))
    return EventModel(Labeller(trig_x, trig_y), Labeller(arg_x, arg_y, default=NONE), Labeller(fact_x, fact_y, default="asserted"),
                      lexicon_of(docs))


def predict(view: View, features: Sequence[dict[str, Any]], candidates: Sequence[Candidate], model: EventModel) -> list[PredictedEvent]:
    labels = model.trigger.predict([trigger_features(view, features[i], i, model.lexicon) for i in range(len(view.tokens))])
    out: list[PredictedEvent] = []
    for first, last, type_ in decode(labels):
        if any(view.tokens[k].paragraph != view.tokens[first].paragraph for k in range(first, last + 1)):
            continue
        factuality = model.factuality.predict([_factuality_features(view, features[first], first, type_)])[0]
        pool = [c for c in _in_sentence(view, first, candidates) if not (c.first <= last and c.last >= first)]
        allowed = EVENT_ROLES[type_]
        best: dict[tuple[str, str], tuple[float, int, Candidate]] = {}
        scores = model.argument.scores([_argument_features(view, first, last, type_, c, pool) for c in pool])
        for n, (cand, score) in enumerate(zip(pool, scores)):
            roles = [r for r in allowed if (r == TIME_ROLE) == (cand.kind == "TIMEX")]
            options = [(score.get(r, float("-inf")), r) for r in roles] + [(score.get(NONE, float("-inf")), NONE)]
            value, role = max(options, key=lambda o: (o[0], o[1] == NONE))
            if role == NONE or value == float("-inf"):
                continue
            key = (cand.ref, role)
            if key not in best or value > best[key][0]:
                best[key] = (value, n, cand)
        arguments = tuple(sorted(((role, c) for (_, role), (_, _, c) in best.items()), key=lambda a: (a[1].start, a[0])))
        out.append(PredictedEvent(first, last, type_, factuality, arguments))
    return out
