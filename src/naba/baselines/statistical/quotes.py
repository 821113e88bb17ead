"""Quotes of the statistical baseline: cue tagger, content boundary rankers, speaker ranker.

Four learned decisions (and a fifth, the relay, below), each a seeded liblinear model trained
from the gold quotes of the training documents (``common.Labeller`` / ``common.Ranker``):

1. **cue**: a token classifier (``CUE``/``O``) over the entity model's token features plus the
   cue's right context (a complementizer, a colon or a quotation mark within the next tokens).
   Why not a cue lexicon: the classifier learns the cue words of the training gold from their
   forms, stems and the rule baseline's general speech-verb flag, and the context features let
   it refuse a speech verb without propositional content (``علق على``, GUIDELINES.md 2.1).
2. **content start**: a ranker over the word tokens after the cue (up to 40 tokens, same
   paragraph); the content begins after the complementizer or colon, which the features see.
3. **content end**: a ranker over the word tokens from the start to the paragraph end; features
   are what follows the candidate (full stop, comma, closing quotation mark, the next cue,
   ``وذلك``), the number of sentence ends crossed and the distance.
4. **speaker**: a ranker over candidate mentions (the system's own entity mentions) in the cue's
   sentence and the three before it, outside the content: distance, side of the cue, subject
   position (first mention after the cue, or first of the sentence before it), entity type,
   punctuation between, a source marker (``عن``), whether the candidate's entity spoke the
   previous quote, and whether the cue is a continuation cue (``وأضاف``, ``مشيرا``).

The kind follows from the quotation marks by definition (GUIDELINES.md 2.4), so it is computed,
not learned: all content inside marks is direct, marks inside the content are mixed, none is
indirect. A fifth ranker scores the mentions before the cue in its sentence (other than the speaker)
as the **relaying outlet** (``نقلت وكالة X عن Y قوله``: a following ``عن`` with the speaker after
it, the verb before the mention, a noun cue ``قوله``); the best one is the relay when its logistic
score is positive (probability above one half), else there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from naba.baselines.rules.normalization import Token, View
from naba.baselines.statistical.common import (
    COLON,
    COMMAS,
    COMPLEMENTIZERS,
    QUOTE_MARK,
    STOPS,
    Candidate,
    Labeller,
    Ranker,
    bucket,
)

START_WINDOW = 40
SPEAKER_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote as token positions: cue token, first and last content token, speaker entity id."""

    cue: int
    start: int
    end: int
    speaker: str | None
    kind: str = "indirect"
    relay: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    cue: int
    start: int
    end: int
    kind: str
    speaker: Candidate | None
    relay: Candidate | None = None


@dataclass(frozen=True, slots=True)
class QuoteModel:
    cue: Labeller
    start: Ranker
    end: Ranker
    speaker: Ranker
    relay: Ranker


# --------------------------------------------------------------------------- features


def _compl(tok: Token) -> bool:
    return tok.norm in COMPLEMENTIZERS


def cue_features(view: View, base: dict[str, Any], i: int) -> dict[str, Any]:
    """The token's features plus what follows it in its sentence (a quote's cue is followed by
    its complementizer, colon or opening quotation mark, possibly after the speaker)."""
    tokens = view.tokens
    feats = dict(base)
    tok = tokens[i]
    for d in range(1, 7):
        j = i + d
        if j >= len(tokens) or tokens[j].sentence != tok.sentence:
            break
        other = tokens[j]
        if _compl(other):
            feats.setdefault("next_compl", bucket(d))
        if other.norm == COLON:
            feats.setdefault("next_colon", bucket(d))
        if other.norm == QUOTE_MARK:
            feats.setdefault("next_quote", bucket(d))
        if other.norm in STOPS:
            feats.setdefault("next_stop", bucket(d))
    feats["sent_first"] = i == 0 or tokens[i - 1].sentence != tok.sentence
    return feats


def _start_features(view: View, cue: int, j: int) -> dict[str, Any]:
    tokens = view.tokens
    prev = tokens[j - 1]
    between = tokens[cue + 1 : j]
    opener = next((k for k in range(cue + 1, j) if _compl(tokens[k]) or tokens[k].norm == COLON), None)
    return {
        "first_after_opener": opener == j - 1 or (opener == j - 2 and prev.norm == QUOTE_MARK),
        "bias": 1.0,
        "d": bucket(j - cue),
        "prev": prev.norm,
        "prev_compl": _compl(prev),
        "prev_colon": prev.norm == COLON,
        "prev_quote": prev.norm == QUOTE_MARK,
        "prev2": tokens[j - 2].norm if j - 2 > cue else "CUE",
        "compl_between": min(sum(_compl(t) for t in between), 2),
        "colon_between": any(t.norm == COLON for t in between),
        "self_compl": _compl(tokens[j]),
        "self_stop_before": any(t.norm in STOPS for t in between),
        "first_word": j == cue + 1,
    }


def _next_word(view: View, k: int) -> Token | None:
    tokens = view.tokens
    for j in range(k + 1, len(tokens)):
        if tokens[j].paragraph != tokens[k].paragraph:
            return None
        if tokens[j].is_word:
            return tokens[j]
    return None


def _end_features(view: View, start: int, k: int, cues: frozenset[int]) -> dict[str, Any]:
    tokens = view.tokens
    tok = tokens[k]
    nxt = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].paragraph == tok.paragraph else None
    word = _next_word(view, k)
    opened = start > 0 and tokens[start - 1].norm == QUOTE_MARK
    marks = sum(1 for t in tokens[start : k + 1] if t.norm == QUOTE_MARK)
    feats: dict[str, Any] = {
        "bias": 1.0,
        "next": nxt.norm if nxt is not None else "EOP",
        "next_stop": nxt is not None and nxt.norm in STOPS,
        "next_comma": nxt is not None and nxt.norm in COMMAS,
        "next_quote": nxt is not None and nxt.norm == QUOTE_MARK,
        "eop": nxt is None,
        "sentences": min(tok.sentence - tokens[start].sentence, 2),
        "d": bucket(k - start),
        "next_word": word.norm if word is not None else "EOP",
        "next_word_cue": word is not None and word.index in cues,
        "opened_quote_closes": opened and nxt is not None and nxt.norm == QUOTE_MARK and marks % 2 == 0,
        "marks_odd": marks % 2 == 1,
    }
    if nxt is not None and nxt.norm in STOPS:
        feats["stop_sentences"] = feats["sentences"]
    return feats


def _is_continuation(tok: Token) -> bool:
    """A cue whose subject is usually implicit: a participle (مضيفا، مشيرة) or a verb with the
    conjunction (وأضاف، وتابع). Shape only; the model weighs it."""
    norm = tok.norm
    return (norm.startswith("م") and len(norm) >= 5) or norm.startswith("و") or norm.startswith("ف")


def _speaker_candidates(view: View, cue: int, start: int, end: int, candidates: Sequence[Candidate], previous: str | None = None) -> list[Candidate]:
    """Mentions in the cue's sentence (outside the content and before its end) and the
    ``SPEAKER_SENTENCES`` before it, plus the latest earlier mention of the previous quote's
    speaker when it falls outside that window: the running speaker of a continuation cue
    (GUIDELINES.md 2.5) may have been named paragraphs earlier."""
    tokens = view.tokens
    sentence = tokens[cue].sentence
    out = []
    for cand in candidates:
        if cand.kind == "TIMEX":
            continue
        s = tokens[cand.first].sentence
        if not (sentence - SPEAKER_SENTENCES <= s <= sentence):
            continue
        if cand.first <= end and cand.last >= start:
            continue  # inside the content: what is said about, not who says it
        if s == sentence and cand.first > end:
            continue  # after the content in the same sentence: never the cue's subject here
        out.append(cand)
    if previous is not None and not any(c.ref == previous for c in out):
        earlier = [c for c in candidates if c.ref == previous and c.last < cue and not (c.first <= end and c.last >= start)]
        if earlier:
            out.insert(0, max(earlier, key=lambda c: (c.last, c.first)))
    return out


def _speaker_features(view: View, cue: int, start: int, cand: Candidate, pool: Sequence[Candidate], previous: str | None) -> dict[str, Any]:
    tokens = view.tokens
    cue_tok = tokens[cue]
    same = tokens[cand.first].sentence == cue_tok.sentence
    after = cand.first > cue
    side = "after" if after else "before"
    lo, hi = (cue + 1, cand.first) if after else (cand.last + 1, cue)
    between = tokens[lo:hi]
    in_sentence = [c for c in pool if tokens[c.first].sentence == cue_tok.sentence]
    subject_after = same and after and cand.last < start and not any(cue < c.first < cand.first for c in in_sentence)
    first_of_sentence = same and not after and not any(c.first < cand.first for c in in_sentence)
    continuation = _is_continuation(cue_tok)
    feats: dict[str, Any] = {
        "bias": 1.0,
        "type": cand.kind,
        "per": cand.kind == "PER",
        "same": same,
        "sent_d": min(cue_tok.sentence - tokens[cand.first].sentence, SPEAKER_SENTENCES),
        "side": side,
        f"{side}_d": bucket(len(between)),
        "subject_after": subject_after,
        "subject_before": first_of_sentence,
        "comma_between": any(t.norm in COMMAS for t in between),
        "colon_between": any(t.norm == COLON for t in between),
        "quote_between": any(t.norm == QUOTE_MARK for t in between),
        "stop_between": any(t.norm in STOPS for t in between),
        "compl_between": any(_compl(t) for t in between),
        "source_an": cand.first > 0 and tokens[cand.first - 1].norm in ("عن", "نقلا"),
        "previous_speaker": previous is not None and cand.ref == previous,
        "continuation": continuation,
        "cont_previous": continuation and previous is not None and cand.ref == previous,
        "cont_same": continuation and same,
        f"type_{side}_{'same' if same else 'prev'}": cand.kind,
    }
    return feats


def _relay_candidates(view: View, cue: int, speaker: str | None, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Mentions before the cue in its sentence that are not the speaker: who may have relayed
    the words (``نقلت وكالة X عن Y قوله``, GUIDELINES.md 2.5)."""
    sentence = view.tokens[cue].sentence
    return [c for c in candidates if c.kind != "TIMEX" and c.last < cue and view.tokens[c.first].sentence == sentence
            and c.ref != speaker]


def _relay_features(view: View, cue: int, cand: Candidate, speaker: Candidate | None) -> dict[str, Any]:
    tokens = view.tokens
    between = tokens[cand.last + 1 : cue]
    an = next((t.index for t in between if t.norm == "عن"), None)
    prev = tokens[cand.first - 1].norm if cand.first > 0 and tokens[cand.first - 1].sentence == tokens[cue].sentence else "BOS"
    return {
        "bias": 1.0,
        "type": cand.kind,
        "an_after": an is not None,
        "an_then_speaker": an is not None and speaker is not None and speaker.first > an,
        "prev": prev,
        "word": tokens[cand.first].norm,
        "noun_cue": tokens[cue].norm.startswith(("قول", "بقول")),
        "continuation": _is_continuation(tokens[cue]),
        "d": bucket(len(between)),
    }


# --------------------------------------------------------------------------- training


@dataclass(frozen=True, slots=True)
class QuoteDoc:
    """One training document for the quote model (gold cues, spans, speakers and mentions)."""

    view: View
    features: tuple[dict[str, Any], ...]
    candidates: tuple[Candidate, ...]
    quotes: tuple[QuoteSpan, ...]


def _start_candidates(view: View, cue: int) -> list[int]:
    tokens = view.tokens
    out = []
    for j in range(cue + 1, min(cue + 1 + START_WINDOW, len(tokens))):
        if tokens[j].paragraph != tokens[cue].paragraph:
            break
        if tokens[j].is_word:
            out.append(j)
    return out


def _end_candidates(view: View, start: int) -> list[int]:
    tokens = view.tokens
    out = []
    for k in range(start, len(tokens)):
        if tokens[k].paragraph != tokens[start].paragraph:
            break
        if tokens[k].is_word:
            out.append(k)
    return out


def train(docs: Sequence[QuoteDoc]) -> QuoteModel:
    cue_x: list[dict[str, Any]] = []
    cue_y: list[str] = []
    start_x: list[dict[str, Any]] = []
    start_y: list[bool] = []
    end_x: list[dict[str, Any]] = []
    end_y: list[bool] = []
    spk_x: list[dict[str, Any]] = []
    spk_y: list[bool] = []
    rel_x: list[dict[str, Any]] = []
    rel_y: list[bool] = []
    for doc in docs:
        view = doc.view
        cues = {q.cue for q in doc.quotes}
        for i in range(len(view.tokens)):
            cue_x.append(cue_features(view, doc.features[i], i))
            cue_y.append("CUE" if i in cues else "O")
        previous: str | None = None
        cue_set = frozenset(cues)
        for q in sorted(doc.quotes, key=lambda q: (q.cue, q.start)):
            for j in _start_candidates(view, q.cue):
                start_x.append(_start_features(view, q.cue, j))
                start_y.append(j == q.start)
            if q.start > q.cue:
                for k in _end_candidates(view, q.start):
                    end_x.append(_end_features(view, q.start, k, cue_set))
                    end_y.append(k == q.end)
            pool = _speaker_candidates(view, q.cue, q.start, q.end, doc.candidates, previous)
            for cand in pool:
                spk_x.append(_speaker_features(view, q.cue, q.start, cand, pool, previous))
                spk_y.append(q.speaker is not None and cand.ref == q.speaker)
            speaker = next((c for c in pool if c.ref == q.speaker and view.tokens[c.first].sentence == view.tokens[q.cue].sentence), None)
            for cand in _relay_candidates(view, q.cue, q.speaker, doc.candidates):
                rel_x.append(_relay_features(view, q.cue, cand, speaker))
                rel_y.append(q.relay is not None and cand.ref == q.relay)
            previous = q.speaker
    return QuoteModel(Labeller(cue_x, cue_y), Ranker(start_x, start_y), Ranker(end_x, end_y), Ranker(spk_x, spk_y), Ranker(rel_x, rel_y))


def _best(items: Sequence[Any], scores: Sequence[float]) -> Any:
    """The highest-scoring item, the earliest on ties (deterministic)."""
    best = max(range(len(items)), key=lambda n: (scores[n], -n))
    return items[best]


def kind_of(view: View, start: int, end: int) -> str:
    """direct / mixed / indirect from the quotation marks around and inside the content (GUIDELINES.md 2.4)."""
    tokens = view.tokens
    before = start > 0 and tokens[start - 1].norm == QUOTE_MARK
    after = end + 1 < len(tokens) and tokens[end + 1].norm == QUOTE_MARK
    inside = any(t.norm == QUOTE_MARK for t in tokens[start : end + 1])
    if before and after and not inside:
        return "direct"
    if inside or before or after:
        return "mixed"
    return "indirect"


def predict(view: View, features: Sequence[dict[str, Any]], candidates: Sequence[Candidate], model: QuoteModel) -> list[PredictedQuote]:
    tokens = view.tokens
    labels = model.cue.predict([cue_features(view, features[i], i) for i in range(len(tokens))])
    cues = [i for i, label in enumerate(labels) if label == "CUE"]
    cue_set = frozenset(cues)
    out: list[PredictedQuote] = []
    previous: str | None = None
    taken_until = -1
    for cue in cues:
        if cue <= taken_until:
            continue  # inside the content of the previous quote
        starts = _start_candidates(view, cue)
        if not starts:
            continue
        start = _best(starts, model.start.score([_start_features(view, cue, j) for j in starts]))
        ends = _end_candidates(view, start)
        end = _best(ends, model.end.score([_end_features(view, start, k, cue_set) for k in ends]))
        pool = _speaker_candidates(view, cue, start, end, candidates, previous)
        speaker = None
        if pool:
            speaker = _best(pool, model.speaker.score([_speaker_features(view, cue, start, c, pool, previous) for c in pool]))
            previous = speaker.ref
        relay = None
        overt = speaker if speaker is not None and tokens[speaker.first].sentence == tokens[cue].sentence else None
        relays = _relay_candidates(view, cue, speaker.ref if speaker is not None else None, candidates)
        if relays:
            scores = model.relay.score([_relay_features(view, cue, c, overt) for c in relays])
            best = _best(relays, scores)
            relay = best if scores[relays.index(best)] > 0 else None
        out.append(PredictedQuote(cue, start, end, kind_of(view, start, end), speaker, relay))
        taken_until = end
    return out
