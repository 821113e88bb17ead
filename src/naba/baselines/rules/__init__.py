"""Rule-based baseline: all four layers from general lexicons and patterns.

``extract(document)`` is the extractor (``naba run naba.baselines.rules:extract``).
The pipeline: normalised view -> entity mentions -> time expressions ->
quotes (which need the mentions for speakers) -> anchors of the time
expressions (which need the quotes) -> events (which need mentions and time
expressions). The card is baselines/rules/README.md.

Anchoring (GUIDELINES.md 4.4) as a general rule, not an article-specific one:

* a fully specified expression (its own year, or a duration) has no anchor;
* an expression inside a quote's content is resolved against that speech
  event (``speech_event``); the speech is dated by a day expression between the
  cue and the content (``قال بوتين، الخميس، إن``), else by the paragraph's
  opening expression, else by the publication date;
* the narrator's words in a paragraph that *opens* with a day expression
  (``والأحد، علقت روسيا ...``) are resolved against that expression (``timex``);
* everything else against the publication date.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import operator
from functools import lru_cache
from typing import Any

from naba.baselines.protocol import as_input_document, requires
from naba.baselines.rules import events as _events
from naba.baselines.rules.entities import entity_records, find_mentions
from naba.baselines.rules.normalization import View
from naba.baselines.rules.quotes import QuoteMatch, find_quotes
from naba.baselines.rules.timex import TimexMatch, find_timexes, future_context, resolve, resolved_day
from naba.gold.timex3 import is_valid_value

__all__ = ["extract", "analyse"]


@lru_cache(maxsize=1)
def _predicates() -> tuple:
    """The word tests that start every rule; a View indexes them in one pass (View.positions).

    Built on first use, not at import: the lexicons (CLDR via babel) load lazily."""
    from naba.baselines.rules import entities, quotes, timex

    res = entities.resources()
    return (
        res.places.readings, res.titles.readings, entities._head_reading, entities._is_speech_verb,
        entities._has_source_reading, _events.trigger_candidate, quotes._cue_of, timex._may_start,
        quotes._is_complementizer, entities._is_news_word, entities._given_name_reading, entities._reporter_reading,
        entities._place_head_reading, entities._definite_place_head, entities._home_state_reading,
        entities._definite_org_head, entities._definite_fac_head,
        entities._directorate_reading, entities._definite_directorate_head, entities._definite_media_head,
        entities._natural_head_reading, entities._club_head_reading, entities._team_possessive,
        timex._has_future_reading,  # future_context, for every time expression
    )


@lru_cache(maxsize=1 << 16)
def _profile(norm: str) -> int:
    """Bit k set when ``_predicates()[k]`` holds for the word (memoised across documents)."""
    bits = 0
    for k, predicate in enumerate(_predicates()):
        if predicate(norm):
            bits |= 1 << k
    return bits


def _inside(quote: QuoteMatch, t: TimexMatch) -> bool:
    return any(a <= t.start and t.end <= b for a, b in quote.content)


def _holders(quotes: list[QuoteMatch], timexes: list[TimexMatch]) -> dict[int, QuoteMatch]:
    """Index of each time expression inside a quote's content -> the first such quote."""
    spans = sorted((a, b, n) for n, q in enumerate(quotes) for a, b in q.content)
    starts = [a for a, _, _ in spans]
    out: dict[int, QuoteMatch] = {}
    for number, t in enumerate(timexes):
        end = t.end  # read once, not once per span (a field read by name is a descriptor lookup)
        k = bisect.bisect_right(starts, t.start)
        best = None
        for _, b, n in spans[max(0, k - 8) : k]:  # spans starting at or before t (the bisection), nearest last
            if end <= b and (best is None or n < best):
                best = n
        if best is not None:
            out[number] = quotes[best]
    return out


def _paragraph_openers(view: View, timexes: list[TimexMatch]) -> dict[int, int]:
    """Paragraph -> index (in ``timexes``) of the day expression that opens it, if any."""
    paragraphs = view.paragraphs
    words = view.words
    out: dict[int, int] = {}
    for number, t in enumerate(timexes):
        paragraph = paragraphs[t.first]
        # t.first is a word; it opens the paragraph when no word of the paragraph precedes it
        k = t.first - 1
        while k >= 0 and paragraphs[k] == paragraph and not words[k]:
            k -= 1
        if (k < 0 or paragraphs[k] != paragraph) and t.parts.duration is None and t.parts.ref is None:
            out[paragraph] = number
    return out


def _date_bare_clocks(view: View, timexes: list[TimexMatch], records: list[dict[str, Any]], ids: dict[int, str],
                      holder_of: dict[int, QuoteMatch]) -> None:
    """A clock time with no day of its own (الساعة 19:30 بتوقيت X) is on the day the story gives
    for that event (round 9): the nearest single-day expression before it in its sentence, else
    the first after it there (GUIDELINES.md 4.4: anchored to that expression); a day in an earlier
    sentence is often another event's (measured on dev: it lost as many as it won), and so is a day
    on the other side of a quote's boundary (the narrator's clock, a day in the reported words)."""
    by_id = {r["id"]: r for r in records}
    sentences = view.sentences
    numbers = [number for number, t in enumerate(timexes) if t.parts.bare_clock and ids[number] in by_id]
    if not numbers:
        return

    def day_value(number: int, clock_number: int) -> str | None:
        record = by_id.get(ids[number])
        t = timexes[number]
        if holder_of.get(number) is not holder_of.get(clock_number):
            return None
        if record is None or t.parts.bare_clock or t.parts.duration is not None or t.parts.recurrence is not None:
            return None
        value = record["value"]
        return value[:10] if len(value) >= 10 and value[4] == "-" and value[7] == "-" else None

    def nearest_day(number: int, others: range) -> int | None:
        """The first expression of ``others`` (walked outward from ``number``) that gives a day,
        without leaving ``number``'s sentence."""
        sentence = sentences[timexes[number].first]
        for other in others:
            if sentences[timexes[other].first] != sentence:
                return None
            if day_value(other, number) is not None:
                return other
        return None

    for number in numbers:
        t = timexes[number]
        anchor = nearest_day(number, range(number - 1, -1, -1))
        if anchor is None:
            anchor = nearest_day(number, range(number + 1, len(timexes)))
        if anchor is None:
            continue
        record = by_id[ids[number]]
        record["value"] = f"{day_value(anchor, number)}T{t.parts.clock}"
        record["anchor"] = {"kind": "timex", "id": ids[anchor]}


def _date_same_days(timexes: list[TimexMatch], records: list[dict[str, Any]], ids: dict[int, str],
                    holder_of: dict[int, QuoteMatch]) -> None:
    """``اليوم نفسه``/``التاريخ ذاته`` is the day of an expression before it, ``اليوم التالي`` the day after it (GUIDELINES.md 4.4:
    anchored to that expression, round 14): the nearest earlier one that gives a single day, in
    the same words (the narrator's, or the same quote's content: a day inside someone's speech is
    rarely the one the narrator repeats). A part of day keeps its code (صباح اليوم نفسه)."""
    by_id = {r["id"]: r for r in records}
    for number, t in enumerate(timexes):
        if not t.parts.same_day or ids[number] not in by_id:
            continue
        for other in range(number - 1, -1, -1):
            earlier = by_id.get(ids[other])
            if earlier is None or holder_of.get(other) is not holder_of.get(number):
                continue
            value = earlier["value"]
            if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdecimal():
                record = by_id[ids[number]]
                part = t.parts.part_of_day
                day = value[:10]
                if t.parts.relative_days:  # اليوم التالي
                    day = (_dt.date.fromisoformat(day) + _dt.timedelta(days=t.parts.relative_days)).isoformat()
                record["value"] = day + (f"T{part}" if part else "")
                record["anchor"] = {"kind": "timex", "id": ids[other]}
                break


def analyse(document: Any) -> dict[str, Any]:
    """The submission record for ``document`` (mapping or typed object)."""
    doc = as_input_document(document)
    view = View(doc.text)
    view.index_predicates(_predicates(), _profile)
    publication = doc.publication_day
    layer = find_mentions(view)
    entities, entity_ids = entity_records(view, layer)
    names = {e["id"]: e["name"] for e in entities}
    timexes = find_timexes(view)
    quotes = find_quotes(view, layer)

    # --- resolve time expressions: openers first, then speech dates, then the rest
    openers = _paragraph_openers(view, timexes)
    opener_day: dict[int, _dt.date | None] = {}
    values: dict[int, tuple[str, str] | None] = {}
    for paragraph, number in openers.items():
        t = timexes[number]
        values[number] = resolve(t.parts, publication, future=future_context(view, t.first))
        opener_day[paragraph] = resolved_day(t.parts, publication)

    def narrator_reference(paragraph: int) -> _dt.date:
        return opener_day.get(paragraph) or publication

    holder_of = _holders(quotes, timexes)
    in_speech = set(holder_of)
    sentences = view.sentences
    paragraphs = view.paragraphs

    quote_days: dict[int, _dt.date] = {}
    timex_firsts = [t.first for t in timexes]
    firsts_sorted = all(map(operator.le, timex_firsts, timex_firsts[1:]))  # find_timexes: left to right

    def quote_day(q: QuoteMatch) -> _dt.date:
        """``_quote_day`` once per quote (it walks every time expression)."""
        day = quote_days.get(id(q))
        if day is None:
            day = quote_days[id(q)] = _quote_day(q)
        return day

    def _quote_day(q: QuoteMatch) -> _dt.date:
        """The day of a speech event: a day expression between the cue and the content,
        or before the cue in its sentence (outside any speech), else the paragraph's
        opening expression, else the publication date."""
        first, last = q.region
        sentence = sentences[q.cue_index]
        # only expressions from the earlier of the region's first token and the cue sentence's
        # first token, up to the later of the region's last token and the cue, can qualify:
        # visit those alone (every quote used to walk every expression of the document)
        low = min(first, bisect.bisect_left(sentences, sentence, 0, q.cue_index))
        high = max(last, q.cue_index)
        begin = bisect.bisect_left(timex_firsts, low) if firsts_sorted else 0
        for number in range(begin, len(timexes)):
            t = timexes[number]
            if firsts_sorted and t.first > high:
                break
            in_region = first <= t.first and t.last <= last
            before_cue = t.last < q.cue_index and sentences[t.first] == sentence and number not in in_speech
            if in_region or before_cue:
                day = resolved_day(t.parts, narrator_reference(paragraphs[t.first]))
                if day is not None:
                    return day
        return narrator_reference(paragraphs[q.cue_index])

    quote_ids = {id(q): f"q{n}" for n, q in enumerate(quotes, start=1)}
    timex_records: list[dict[str, Any]] = []
    timex_ids: dict[int, str] = {}
    for number, t in enumerate(timexes):
        timex_ids[number] = f"t{number + 1}"
    for number, t in enumerate(timexes):
        paragraph = paragraphs[t.first]
        holder = holder_of.get(number)
        future = future_context(view, t.first)
        if t.parts.fully_specified:
            anchor = None
            reference = publication
        elif holder is not None:
            anchor = {"kind": "speech_event", "id": quote_ids[id(holder)]}
            reference = quote_day(holder)
        elif paragraph in openers and openers[paragraph] != number and opener_day.get(paragraph) is not None:
            anchor = {"kind": "timex", "id": timex_ids[openers[paragraph]]}
            reference = opener_day[paragraph] or publication
        else:
            anchor = {"kind": "publication_date", "id": None}
            reference = publication
        result = values.get(number) if number in values and anchor is not None and anchor["kind"] == "publication_date" else resolve(t.parts, reference, future=future)
        if result is None or not is_valid_value(result[1]):
            continue
        timex_records.append({"id": timex_ids[number], "start": t.start, "end": t.end, "text": doc.text[t.start : t.end],
                              "type": result[0], "value": result[1], "anchor": anchor})
    _date_bare_clocks(view, timexes, timex_records, timex_ids, holder_of)
    _date_same_days(timexes, timex_records, timex_ids, holder_of)
    kept_timex = {r["id"] for r in timex_records}

    # --- quotes
    quote_records: list[dict[str, Any]] = []
    for q in quotes:
        speaker_id = entity_ids.get(q.speaker_key) if q.speaker_key else None
        speaker = q.speaker
        quote_records.append({
            "id": quote_ids[id(q)],
            "kind": q.kind,
            "cue": {"start": q.cue_start, "end": q.cue_end, "text": doc.text[q.cue_start : q.cue_end]},
            "content": [{"start": a, "end": b, "text": doc.text[a:b]} for a, b in q.content],
            "speaker_entity_id": speaker_id,
            "speaker_name": names.get(speaker_id) if speaker_id else None,
            "speaker_mention": {"start": speaker.start, "end": speaker.end, "text": doc.text[speaker.start : speaker.end]} if speaker is not None and speaker_id else None,
            "relayed_by_entity_id": entity_ids.get(q.relay_key) if q.relay_key else None,
        })

    # --- events
    triggers = _events.find_triggers(view)
    event_records: list[dict[str, Any]] = []
    timex_index = {id(t): timex_ids[n] for n, t in enumerate(timexes)}
    by_sentence = _events.mentions_by_sentence(view, layer)
    triggers = [t for t in triggers if not _events.facility_receives(view, t, by_sentence)]  # round 16 (GUIDELINES 3.1)
    # round 18: a word inside a name (أبو عودة) or a person's one-word name (the family name العدوان) is
    # no trigger (the dev gold has none); a trigger that opens a longer name is kept, as that name may be
    # a misreading (الوزير اجتماعا موسعا)
    in_names = {k for m in layer.mentions if m.kind == "name"
                for k in (range(m.first + 1, m.last + 1) if m.last > m.first else (m.first,) if m.type == "PER" else ())}
    triggers = [t for t in triggers if t.index not in in_names]
    timex_sentences = _events.timexes_by_sentence(view, timexes)
    governors = [t for t in triggers if t.type in ("REQUEST", "WARN")]
    governor_indices = frozenset(t.index for t in governors)
    quote_regions = [q.content_tokens for q in quotes]
    region_of_token = _events.region_numbers(view.n, quote_regions)
    trigger_indices = sorted(t.index for t in triggers)
    transports = [t for t in triggers if t.type == "TRANSPORT"]  # all place_argument reads of triggers
    for number, trig in enumerate(triggers, start=1):
        args, time = _events.arguments(view, trig, layer, timexes, by_sentence, timex_sentences, quote_regions, region_of_token,
                                       trigger_indices)
        args = _events.titled_subject_argument(view, trig, args, by_sentence)
        # extended in place: a fresh list (from arguments or the rule above) that no one else
        # holds, and most rules add nothing (``args + []`` copied the list a dozen times a trigger)
        args += _events.speaker_argument(view, trig, args, quotes, by_sentence)
        args += _events.possessor_argument(view, trig, args, by_sentence)
        args += _events.holder_argument(view, trig, args, by_sentence)
        args += _events.session_argument(view, trig, args, by_sentence)
        args += _events.signer_argument(view, trig, args, by_sentence)
        args += _events.giver_argument(view, trig, args, by_sentence)
        args += _events.receiver_argument(view, trig, args, by_sentence)
        args += _events.delegation_argument(view, trig, args, by_sentence)
        args += _events.attendance_argument(view, trig, args, by_sentence)
        args += _events.membership_argument(view, trig, args, by_sentence)
        args += _events.place_argument(view, trig, args, by_sentence, transports)
        args += _events.held_place_argument(view, trig, args, by_sentence)
        arguments = []
        for role, m in _events.typed_arguments(args):
            arguments.append({"role": role, "ref_id": entity_ids[m.key], "start": m.start, "end": m.end, "text": doc.text[m.start : m.end]})
        if time is None:
            opener_number = openers.get(paragraphs[trig.index])
            time = _events.speech_time(view, trig, quotes, timex_sentences.get(sentences[trig.index], ()),
                                       timexes[opener_number] if opener_number is not None else None)
        time_id = timex_index[id(time)] if time is not None and timex_index[id(time)] in kept_timex else None
        if time_id is not None and time is not None:
            arguments.append({"role": "Time", "ref_id": time_id, "start": time.start, "end": time.end, "text": doc.text[time.start : time.end]})
        event_records.append({
            "id": f"ev{number}",
            "type": trig.type,
            "trigger": {"start": trig.start, "end": trig.end, "text": doc.text[trig.start : trig.end]},
            "arguments": arguments,
            "time_id": time_id,
            "factuality": _events.factuality(view, trig, governors, governor_indices=governor_indices),
        })
    return {"document_id": doc.id, "entities": entities, "timexes": timex_records, "quotes": quote_records, "events": event_records}


def availability() -> tuple[bool, str]:
    """The month and weekday names come from Babel's CLDR data (the ``baselines`` extra)."""
    return requires("babel")


def extract(document: Any) -> dict[str, Any]:
    """Extractor entry point (see naba.baselines.protocol)."""
    return analyse(document)
