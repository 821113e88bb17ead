"""Properties over random submissions derived from the fixture gold (hypothesis)."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from naba.evaluate import ScoreOptions, score
from naba.gold.inventory import ENTITY_TYPES, EVENT_ROLES, EVENT_TYPES, QUOTE_KINDS, TIMEX_TYPES
from naba.gold.records import load_records
from naba.submission.model import from_gold

GOLD = load_records(Path(__file__).parent / "fixtures" / "eval" / "gold")
TEXTS = {r.document.id: r.document.text for r in GOLD}
OPTS = ScoreOptions(n_bootstrap=20)


def reshape(span: dict[str, Any], text: str, rnd: random.Random) -> None:
    """Move a span's boundaries a little (kept non-empty, inside the text), fix its text."""
    start = min(max(0, span["start"] + rnd.choice((-2, -1, 0, 0, 0, 1, 2))), len(text) - 1)
    end = min(len(text), max(start + 1, span["end"] + rnd.choice((-2, -1, 0, 0, 0, 1, 2))))
    span.update(start=start, end=end, text=text[start:end])


def perturb(doc: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A plausible system output: boundaries moved, labels changed, items dropped."""
    text = TEXTS[doc["document_id"]]
    doc = copy.deepcopy(doc)
    for entity in doc["entities"]:
        if rnd.random() < 0.2:
            entity["type"] = rnd.choice(ENTITY_TYPES)
        keep = [m for m in entity["mentions"] if rnd.random() < 0.8] or entity["mentions"][:1]
        for m in keep:
            if rnd.random() < 0.3:
                reshape(m, text, rnd)
        entity["mentions"] = keep
    for t in doc["timexes"]:
        if rnd.random() < 0.3:
            reshape(t, text, rnd)
        if rnd.random() < 0.2:
            t["type"] = rnd.choice(TIMEX_TYPES)
        if rnd.random() < 0.2:
            t["value"] = "PAST_REF"
    dropped_quotes = {q["id"] for q in doc["quotes"] if rnd.random() < 0.2}
    doc["quotes"] = [q for q in doc["quotes"] if q["id"] not in dropped_quotes]
    for t in doc["timexes"]:
        if t["anchor"] and t["anchor"]["kind"] == "speech_event" and t["anchor"]["id"] in dropped_quotes:
            t["anchor"] = None
    for q in doc["quotes"]:
        if rnd.random() < 0.2:
            q["kind"] = rnd.choice(QUOTE_KINDS)
        for c in q["content"][:1]:
            if rnd.random() < 0.3:
                reshape(c, text, rnd)
        if len(q["content"]) > 1 and q["content"][0]["end"] > q["content"][1]["start"]:
            q["content"] = q["content"][:1]
        if rnd.random() < 0.3:
            reshape(q["cue"], text, rnd)
        if rnd.random() < 0.3:
            q["speaker_mention"] = None
            q["speaker_entity_id"] = None
    doc["events"] = [e for e in doc["events"] if rnd.random() < 0.85]
    for e in doc["events"]:
        if rnd.random() < 0.2:
            e["type"] = rnd.choice(EVENT_TYPES)
            e["arguments"] = [a for a in e["arguments"] if a["role"] in EVENT_ROLES[e["type"]]]
        if rnd.random() < 0.3:
            reshape(e["trigger"], text, rnd)
        for a in e["arguments"]:
            if rnd.random() < 0.2:
                a["role"] = rnd.choice(EVENT_ROLES[e["type"]])
                a["ref_id"] = None
        e["arguments"] = [a for a in e["arguments"] if rnd.random() < 0.85]
    return doc


def spurious_mention(doc: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """An entity whose one mention overlaps no gold mention of its document."""
    record = next(r for r in GOLD if r.document.id == doc["document_id"])
    covered = [(m.start, m.end) for e in record.entities for m in e.mentions]
    text = record.document.text
    free = [k for k in range(len(text)) if not text[k].isspace() and not any(s <= k < e for s, e in covered)]
    k = rnd.choice(free)
    return {"id": f"spurious{rnd.randrange(10**6)}", "type": rnd.choice(ENTITY_TYPES),
            "mentions": [{"id": f"spm{rnd.randrange(10**6)}", "start": k, "end": k + 1, "text": text[k]}]}


def submission(rnd: random.Random) -> list[dict[str, Any]]:
    return [perturb(from_gold(r).model_dump(mode="json"), rnd) for r in GOLD]


def shuffled(docs: list[dict[str, Any]], rnd: random.Random) -> list[dict[str, Any]]:
    docs = copy.deepcopy(docs)
    rnd.shuffle(docs)
    for d in docs:
        for layer in ("entities", "timexes", "quotes", "events"):
            rnd.shuffle(d[layer])
        for e in d["entities"]:
            rnd.shuffle(e["mentions"])
        for e in d["events"]:
            rnd.shuffle(e["arguments"])
    return docs


def test_gold_against_itself_is_perfect() -> None:
    for gold in (GOLD, GOLD[:1]):
        r = score([from_gold(x) for x in gold], gold, options=OPTS)
        values = {k: v for k, v in r.flat().items() if k.endswith((".f1", ".precision", ".recall", ".accuracy"))}
        assert values and all(v == 1.0 for v in values.values()), {k: v for k, v in values.items() if v != 1.0}
        for task in r.tasks.values():
            for metric in task.metrics.values():
                assert all(ci.low == 1.0 and ci.high == 1.0 for ci in metric.ci.values())


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_random_submissions(rnd: random.Random) -> None:
    docs = submission(rnd)
    r = score(docs, GOLD, options=OPTS)
    flat = r.flat()
    # scores are in [0, 1], intervals too
    for name, value in flat.items():
        if name.endswith((".f1", ".precision", ".recall", ".accuracy")) and value is not None:
            assert 0.0 <= value <= 1.0, name
    for task in r.tasks.values():
        for metric in task.metrics.values():
            for ci in metric.ci.values():
                assert ci.low is None or 0.0 <= ci.low <= ci.high <= 1.0
    # the per-unit counts behind the intervals equal those rebuilt from the stored outcomes
    # (which `compare` uses), and the outcomes add up to the counts
    from naba.evaluate import entities, events, quotes, timex
    from naba.evaluate.bootstrap import unit_counts
    from naba.evaluate.spans import Units

    units = Units.for_gold([[x.start for x in g.document.sentences] for g in GOLD])
    from naba.submission.validate import coerce_submission

    subs = coerce_submission(docs, GOLD).documents
    groups = (entities.score(GOLD, subs, units) + timex.score(GOLD, subs, units)
              + quotes.score(GOLD, subs, units, cue_match="overlap")
              + events.score(GOLD, subs, units, trigger_match="overlap", argument_match="overlap"))
    for group in groups:
        table = group.matched.unit_table(units.n)
        assert (table == unit_counts(group.outcomes, units.n, group.kind)).all(), group.name
        assert r.metric(group.name).counts == (group.counts if group.kind == "prf" else None)
        if group.kind == "prf":
            c = group.counts
            assert table.sum(axis=0).tolist() == [c.tp, c.fp, c.fn, c.partial]
    # the order of lines, items, mentions and arguments changes nothing
    again = score(shuffled(docs, rnd), GOLD, options=OPTS)
    assert again.tasks == r.tasks
    # a spurious prediction never raises precision
    docs[0]["entities"].append(spurious_mention(docs[0], rnd))
    worse = score(docs, GOLD, options=OPTS)
    for mode in ("strict", "exact", "partial", "type"):
        before, after = flat[f"entities.{mode}.precision"], worse.value(f"entities.{mode}.precision")
        assert after is not None and (before is None or after <= before)
        assert worse.value(f"entities.{mode}.recall") == flat[f"entities.{mode}.recall"]
