"""The scorer at scale: many article-sized documents, beside the JSON-parse floor.

Not a test: run it by hand (``python benchmarks/bench_scale.py [--sizes 1,100,1000,10000]``); it
prints a table and writes ``benchmarks/results/scale.json`` (``--output`` elsewhere; an existing
file is replaced only with ``--overwrite``).

Data (the generator is ``make_corpus``): a gold folder of N copies of the test article's record,
each its own document id (``scale_00000`` ...), and the matching complete submission (every
copy's gold written as a submission line), in two workloads: ``exact`` (the lines are the gold,
so every prediction matches) and ``perturbed`` (each line ``perturb_line`` of it, seeded by the
document's number: spans shifted, labels, roles, values and speakers changed, items dropped,
spurious items and competing near copies added, at the rates ``RATES``). Each size is scored, in a fresh process, with the
default scoring options (1,000 bootstrap resamples) in two configurations:

- ``default``: ``naba score SUB --gold DIR -o OUT`` (one process, every item's outcome kept
  in the results, which are then about 270 KB of JSON per document);
- ``scale``: the same with ``--num-proc 2 --no-outcomes`` (two processes, counts only);

beside the floor: a fresh process that reads every gold file and the submission and parses
them with ``json.loads`` (what any scorer must at least do). Wall time and peak memory of the
whole process tree (``_process.measure(tree=True)``: worker processes included), median/min/max
of ``--repeats`` runs. ``--configs`` picks the configurations (the default one at 10,000
documents needs tens of GB for its outcomes and is not run unless asked).

Goal (issue 15): 10,000 documents in under 60 s and 2 GB on 2 cores, within 5x the floor, cost
linear in documents, in both workloads.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from _process import measure, output_path, write_result

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS_10K = 60.0
GOAL_MIB = 2048.0
GOAL_FLOOR_RATIO = 5.0
WORKLOADS: tuple[str, ...] = ("exact", "perturbed")

_FLOOR = """
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    json.loads(path.read_text(encoding="utf-8"))
for raw in Path(sys.argv[2]).read_bytes().split(b"\\n"):
    if raw:
        json.loads(raw.decode("utf-8"))
"""


#: Per layer, the fraction of items the perturbed workload changes in each way (``perturb_line``).
RATES: dict[str, float] = {"shift": 0.2, "relabel": 0.1, "drop": 0.1, "spurious": 0.05, "compete": 0.05}


def _span(span: dict[str, Any], text: str, rnd: random.Random) -> dict[str, Any]:
    """A copy of ``span`` with its boundaries moved by up to 3 characters (kept non-empty, inside
    the text, its ``text`` fixed)."""
    start = min(max(0, span["start"] + rnd.randint(-3, 3)), len(text) - 1)
    end = min(len(text), max(start + 1, span["end"] + rnd.randint(-3, 3)))
    return {**span, "start": start, "end": end, "text": text[start:end]}


def _random_span(text: str, rnd: random.Random) -> dict[str, Any]:
    start = rnd.randrange(len(text) - 8)
    end = start + rnd.randint(1, 8)
    return {"start": start, "end": end, "text": text[start:end]}


def perturb_line(line: dict[str, Any], text: str, rnd: random.Random) -> dict[str, Any]:
    """A plausible, valid system output from a gold submission line, seeded by ``rnd``: in every
    layer a fraction (``RATES``) of the items get shifted spans, wrong labels (types, kinds,
    roles, values, speakers), are dropped, are joined by spurious items, or by a near copy
    that competes with the original for the same gold item (so matchings have real
    components to solve, not only lone pairs)."""
    from naba.gold.inventory import ENTITY_TYPES, EVENT_ROLES, EVENT_TYPES, QUOTE_KINDS, TIMEX_TYPES

    r = RATES
    line = json.loads(json.dumps(line))
    for entity in line["entities"]:
        if rnd.random() < r["relabel"]:
            entity["type"] = rnd.choice(ENTITY_TYPES)
        mentions = []
        for m in entity["mentions"]:
            if rnd.random() < r["drop"] and len(entity["mentions"]) > 1:
                continue
            mentions.append(_span(m, text, rnd) if rnd.random() < r["shift"] else m)
            if rnd.random() < r["compete"]:
                mentions.append({**_span(m, text, rnd), "id": m["id"] + "-c"})
        entity["mentions"] = mentions or entity["mentions"][:1]
    spurious_entities = []
    for k in range(int(len(line["entities"]) * r["spurious"]) + 1):
        span = _random_span(text, rnd)
        spurious_entities.append({"id": f"sp-e{k}", "type": rnd.choice(ENTITY_TYPES), "name": f"spurious {k}",
                                  "mentions": [{**span, "id": f"sp-e{k}-m1", "kind": "name"}]})
    line["entities"] += spurious_entities
    timexes = []
    for t in line["timexes"]:
        if rnd.random() < r["drop"]:
            continue
        t = _span(t, text, rnd) if rnd.random() < r["shift"] else dict(t)
        if rnd.random() < r["relabel"]:
            t["type"] = rnd.choice(TIMEX_TYPES)
        if rnd.random() < r["relabel"]:
            t["value"] = "PAST_REF"
        if t["anchor"] and t["anchor"]["id"] is not None:  # its target may be dropped
            t["anchor"] = {"kind": "publication_date", "id": None}
        timexes.append(t)
        if rnd.random() < r["compete"]:
            timexes.append({**_span(t, text, rnd), "id": t["id"] + "-c"})
    timexes += [{**_random_span(text, rnd), "id": f"sp-t{k}", "type": "DATE", "value": "PRESENT_REF", "anchor": None}
                for k in range(int(len(line["timexes"]) * r["spurious"]) + 1)]
    line["timexes"] = timexes
    timex_ids = {t["id"] for t in timexes}
    entity_ids = [e["id"] for e in line["entities"]]
    quotes = []
    for q in line["quotes"]:
        if rnd.random() < r["drop"]:
            continue
        q = dict(q)
        if rnd.random() < r["shift"]:
            q["content"] = [_span(q["content"][0], text, rnd)] + q["content"][1:]
            if len(q["content"]) > 1 and q["content"][0]["end"] > q["content"][1]["start"]:
                q["content"] = q["content"][:1]
        if rnd.random() < r["shift"]:
            q["cue"] = _span(q["cue"], text, rnd)
        if rnd.random() < r["relabel"]:
            q["kind"] = rnd.choice(QUOTE_KINDS)
        if rnd.random() < r["relabel"]:  # a wrong speaker
            q["speaker_entity_id"] = rnd.choice(entity_ids)
            q["speaker_mention"] = None
        quotes.append(q)
        if rnd.random() < r["compete"]:
            quotes.append({**q, "id": q["id"] + "-c", "content": [_span(q["content"][0], text, rnd)], "cue": _span(q["cue"], text, rnd)})
    for k in range(int(len(line["quotes"]) * r["spurious"]) + 1):
        quotes.append({"id": f"sp-q{k}", "kind": "direct", "cue": _random_span(text, rnd), "content": [_random_span(text, rnd)],
                       "speaker_entity_id": None, "speaker_name": None, "speaker_mention": None, "relayed_by_entity_id": None})
    line["quotes"] = quotes
    events = []
    for e in line["events"]:
        if rnd.random() < r["drop"]:
            continue
        e = dict(e)
        if rnd.random() < r["relabel"]:
            e["type"] = rnd.choice(EVENT_TYPES)
            e["arguments"] = [a for a in e["arguments"] if a["role"] in EVENT_ROLES[e["type"]]]
        if rnd.random() < r["shift"]:
            e["trigger"] = _span(e["trigger"], text, rnd)
        arguments = []
        for a in e["arguments"]:
            if rnd.random() < r["drop"]:
                continue
            if rnd.random() < r["shift"] or (a["role"] == "Time" and a["ref_id"] not in timex_ids):
                a = {**_span(a, text, rnd), "ref_id": None}
            if rnd.random() < r["relabel"]:
                a = {**a, "role": rnd.choice(EVENT_ROLES[e["type"]]), "ref_id": None}
            arguments.append(a)
        e["arguments"] = arguments
        if e["time_id"] is not None and e["time_id"] not in timex_ids:
            e["time_id"] = None
        events.append(e)
        if rnd.random() < r["compete"]:
            events.append({**e, "id": e["id"] + "-c", "trigger": _span(e["trigger"], text, rnd)})
    for k in range(int(len(line["events"]) * r["spurious"]) + 1):
        etype = rnd.choice(EVENT_TYPES)
        events.append({"id": f"sp-v{k}", "type": etype, "trigger": _random_span(text, rnd),
                       "arguments": [{**_random_span(text, rnd), "role": rnd.choice(EVENT_ROLES[etype]), "ref_id": None}],
                       "time_id": None, "factuality": "asserted"})
    line["events"] = events
    return line


def make_corpus(root: Path, n: int, workload: str = "exact") -> tuple[Path, Path]:
    """Write ``root/gold`` (n records) and ``root/submission.jsonl``; returns both paths.

    ``workload``: "exact" (every line the gold written as a submission) or "perturbed" (every line
    ``perturb_line`` of it, seeded by the document's number: deterministic, different per document)."""
    from naba.gold.records import load_record, record_paths
    from naba.submission.model import SubmissionDocument, from_gold

    if workload not in WORKLOADS:
        raise ValueError(f"workload must be one of {WORKLOADS}, got {workload!r}")
    record = load_record()
    (source,) = record_paths()
    gold_text = source.read_text(encoding="utf-8")
    line = from_gold(record).canonical_json()
    base = json.loads(line)
    old = record.document.id
    gold = root / "gold"
    gold.mkdir(parents=True)
    with (root / "submission.jsonl").open("w", encoding="utf-8") as out:
        for k in range(n):
            new = f"scale_{k:05d}"
            (gold / f"{new}.json").write_text(gold_text.replace(old, new), encoding="utf-8")
            if workload == "exact":
                out.write(line.replace(old, new) + "\n")
            else:
                changed = perturb_line({**base, "document_id": new}, record.document.text, random.Random(k))
                out.write(SubmissionDocument.model_validate(changed).canonical_json() + "\n")
    return gold, root / "submission.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,100,1000", help="document counts, comma-separated (10000 takes minutes)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--n-bootstrap", type=int, default=1000)
    parser.add_argument("--configs", default="default,scale", help="configurations, comma-separated (see the module docstring)")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="submissions scored, comma-separated: exact (the gold itself), "
                        "perturbed (perturb_line of it, seeded per document)")
    parser.add_argument("--default-up-to", type=int, default=1000, help="largest size the default configuration is run at")
    output = output_path(parser, ROOT / "benchmarks" / "results" / "scale.json")
    args = parser.parse_args()
    from naba import __version__

    naba_cli = str(Path(sys.executable).with_name("naba"))
    configs = {"default": [], "scale": ["--num-proc", "2", "--no-outcomes"]}
    chosen = [c for c in args.configs.split(",") if c]
    unknown = sorted(set(chosen) - set(configs))
    if unknown:
        parser.error(f"unknown configuration(s) {unknown}; known: {sorted(configs)}")
    workloads = [w for w in args.workloads.split(",") if w]
    if set(workloads) - set(WORKLOADS):
        parser.error(f"unknown workload(s) {sorted(set(workloads) - set(WORKLOADS))}; known: {list(WORKLOADS)}")
    rows: dict[str, Any] = {}
    for n in [int(size) for size in args.sizes.split(",")]:
        rows[str(n)] = {"documents": n}
        for workload in workloads:
            with tempfile.TemporaryDirectory() as tmp:
                print(f"{n} documents ({workload}): writing the gold folder and submission ...", file=sys.stderr, flush=True)
                gold, submission = make_corpus(Path(tmp), n, workload)
                repeats = args.repeats if n <= 1000 else 1
                print(f"{n} documents ({workload}): floor ...", file=sys.stderr, flush=True)
                floor = measure([sys.executable, "-c", _FLOOR, str(gold), str(submission)], repeats, tree=True)
                row: dict[str, Any] = {"json_floor": floor}
                for config in chosen:
                    if config == "default" and n > args.default_up_to:
                        continue
                    print(f"{n} documents ({workload}): naba score ({config}) ...", file=sys.stderr, flush=True)
                    scored = measure([naba_cli, "score", str(submission), "--gold", str(gold), "--n-bootstrap", str(args.n_bootstrap),
                                      "-o", str(Path(tmp) / "out.json"), *configs[config]], repeats, tree=True)
                    row[config] = {"naba_score": scored, "ratio_to_floor": scored["seconds_median"] / floor["seconds_median"],
                                   "seconds_per_document": scored["seconds_median"] / n}
                rows[str(n)][workload] = row
    largest = rows[max(rows, key=int)]

    def met(row: dict[str, Any] | None) -> bool:
        goal_row = None if row is None else row.get("scale")
        return (goal_row is not None and largest["documents"] >= 10_000
                and goal_row["naba_score"]["seconds_max"] < GOAL_SECONDS_10K
                and goal_row["naba_score"]["peak_mib"] < GOAL_MIB and goal_row["ratio_to_floor"] <= GOAL_FLOOR_RATIO
                and all(code == 0 for code in goal_row["naba_score"]["exit_codes"]))

    result = {"benchmark": "scale", "naba": __version__, "python": platform.python_version(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "n_bootstrap": args.n_bootstrap, "repeats": args.repeats, "configs": {c: configs[c] for c in chosen},
              "workloads": workloads, "perturbation_rates": RATES, "sizes": rows,
              "goal": {"documents": 10_000, "seconds": GOAL_SECONDS_10K, "peak_mib": GOAL_MIB, "floor_ratio": GOAL_FLOOR_RATIO,
                       "config": "scale", "measured_at": largest["documents"],
                       "met_by_workload": {w: met(largest.get(w)) for w in workloads},
                       "met": bool(workloads) and all(met(largest.get(w)) for w in workloads)}}
    print(f"{'documents':>9} {'workload':>9} {'config':>8} {'floor s':>8} {'score s':>8} {'min':>7} {'max':>7} {'peak MiB':>9} {'x floor':>8} {'ms/doc':>7}")
    for sized in rows.values():
        for workload in workloads:
            row = sized[workload]
            for config in chosen:
                if config not in row:
                    continue
                s = row[config]["naba_score"]
                print(f"{sized['documents']:>9} {workload:>9} {config:>8} {row['json_floor']['seconds_median']:>8.2f} {s['seconds_median']:>8.2f} "
                      f"{s['seconds_min']:>7.2f} {s['seconds_max']:>7.2f} {s['peak_mib']:>9.1f} {row[config]['ratio_to_floor']:>8.1f} "
                      f"{1000 * row[config]['seconds_per_document']:>7.1f}")
    print(f"goal (10,000 documents, scale configuration, every workload, < {GOAL_SECONDS_10K:.0f} s, < {GOAL_MIB:.0f} MiB, "
          f"<= {GOAL_FLOOR_RATIO:.0f}x floor): {'met' if result['goal']['met'] else 'NOT met'} (largest size measured: {largest['documents']})")
    write_result(output, result)


if __name__ == "__main__":
    main()
