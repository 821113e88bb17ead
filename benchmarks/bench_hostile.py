"""The largest submission the size limit admits, scored in bounded time and memory.

Not a test: run it by hand (``python benchmarks/bench_hostile.py [--quick]``); it prints a table
and writes ``benchmarks/results/hostile.json`` (``--output`` to write elsewhere; an existing
results file is only replaced with ``--overwrite``).

Goal (issue 11): a submission as large as ``naba.submission.validate.submission_byte_limit``
admits for the test article scores with ``naba score`` (default options: 1,000 bootstrap
resamples) in under 30 s and 1 GB peak memory. Each shape fills the limit (to within one item)
by repeating one item of the gold-as-submission with new ids, which is what a runaway or hostile
extractor writes:

* ``flood_one_span``: mentions all on the span of one gold mention (one gold item, every
  prediction its rival: the case that took 4.3 GB and 90 s at 100,000 mentions);
* ``spread_short``: short mentions at seeded random places (many small components);
* ``long_spans``: mentions 200 to 2,000 characters long at seeded random places, each
  overlapping many gold mentions (large components);
* ``timex_flood``, ``quote_flood``, ``event_flood``: one gold time expression, quote or event
  repeated (its arguments and speaker kept).

Peers in the same run, each in a fresh process timed the same way: ``json_floor`` (reading the
file and ``json.loads`` of every line, the least any scorer must do) and ``complete`` (the gold
as a submission: what a perfect system sends). Each case is a subprocess
``naba score FILE -o out.json`` (the console script beside the running Python); wall time and peak RSS (``ru_maxrss`` of the child)
are the median and maximum of ``--repeats`` runs.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import random
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from _process import measure as _measure
from _process import output_path, write_result

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 30.0
GOAL_MIB = 1024.0


def _line(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")


def _fill(base: dict[str, Any], layer: str, add: Callable[[dict[str, Any], int], None], limit: int) -> dict[str, Any]:
    """Add items with ``add(document, k)`` until the line is as large as ``limit`` admits."""
    document = copy.deepcopy(base)
    start = len(_line(document))
    for k in range(200):
        add(document, k)
    per_item = max(1, (len(_line(document)) - start) // 200)
    k = 200
    target = int((limit - start) / per_item * 0.97)
    while k < target:
        add(document, k)
        k += 1
    while len(_line(document)) <= limit:
        for _ in range(50):
            add(document, k)
            k += 1
    while len(_line(document)) > limit:  # never above the limit
        _pop_last(document, layer)
    return document


def _pop_last(document: dict[str, Any], layer: str) -> None:
    items = document["entities"][0]["mentions"] if layer == "entities" else document[layer]
    items.pop()


def shapes(base: dict[str, Any], text: str) -> dict[str, tuple[str, Callable[[dict[str, Any], int], None]]]:
    """name -> (the layer it grows, how it adds item ``k``)."""
    rng = random.Random(20251202)
    first = base["entities"][0]["mentions"][0]

    def mention(document: dict[str, Any], k: int, start: int, end: int, kind: str = "name") -> None:
        document["entities"][0]["mentions"].append({"start": start, "end": end, "text": text[start:end], "id": f"x{k}", "kind": kind})

    def flood(document: dict[str, Any], k: int) -> None:
        mention(document, k, first["start"], first["end"])

    def spread(document: dict[str, Any], k: int) -> None:
        start = rng.randrange(len(text) - 21)
        mention(document, k, start, start + rng.randrange(1, 20))

    def long_spans(document: dict[str, Any], k: int) -> None:
        length = rng.randrange(200, 2000)
        start = rng.randrange(len(text) - length)
        mention(document, k, start, start + length)

    def repeat(layer: str) -> Callable[[dict[str, Any], int], None]:
        item = base[layer][0]

        def add(document: dict[str, Any], k: int) -> None:
            clone = copy.deepcopy(item)
            clone["id"] = f"x{k}"
            document[layer].append(clone)

        return add

    return {
        "flood_one_span": ("entities", flood),
        "spread_short": ("entities", spread),
        "long_spans": ("entities", long_spans),
        "timex_flood": ("timexes", repeat("timexes")),
        "quote_flood": ("quotes", repeat("quotes")),
        "event_flood": ("events", repeat("events")),
    }


_FLOOR = """
import json, sys
with open(sys.argv[1], "rb") as handle:
    for raw in handle.read().split(b"\\n"):
        if raw:
            json.loads(raw.decode("utf-8"))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run per case, no bootstrap")
    output = output_path(parser, ROOT / "benchmarks" / "results" / "hostile.json")
    args = parser.parse_args()

    from naba import __version__
    from naba.gold.records import load_record
    from naba.submission.model import from_gold
    from naba.submission.validate import submission_byte_limit

    record = load_record()
    text = record.document.text
    limit = submission_byte_limit([record])
    base = json.loads(from_gold(record).model_dump_json())
    repeats = 1 if args.quick else args.repeats
    extra = ["--n-bootstrap", "0"] if args.quick else []
    cases: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Path] = {"complete": Path(tmp) / "complete.jsonl"}
        files["complete"].write_bytes(_line(base))
        for name, (layer, add) in shapes(base, text).items():
            path = Path(tmp) / f"{name}.jsonl"
            path.write_bytes(_line(_fill(base, layer, add, limit)))
            files[name] = path
        for name, path in files.items():
            data = path.read_bytes()
            size = len(data)
            doc = json.loads(data)
            items = {layer: (sum(len(e["mentions"]) for e in doc[layer]) if layer == "entities" else len(doc[layer]))
                     for layer in ("entities", "timexes", "quotes", "events")}
            print(f"{name}: {size} bytes ({size / limit:.3f} of the limit), items {items}", file=sys.stderr, flush=True)
            floor = _measure([sys.executable, "-c", _FLOOR, str(path)], repeats)
            scored = _measure([str(Path(sys.executable).with_name("naba")), "score", str(path), "-o", str(Path(tmp) / f"{name}.out.json"), *extra], repeats)
            cases[name] = {"bytes": size, "items": items, "json_floor": floor, "naba_score": scored,
                           "ratio_to_floor": scored["seconds_median"] / floor["seconds_median"]}
    worst_s = max(c["naba_score"]["seconds_max"] for c in cases.values())
    worst_mib = max(c["naba_score"]["peak_mib"] for c in cases.values())
    result = {
        "benchmark": "hostile", "naba": __version__, "python": platform.python_version(), "machine": platform.machine(),
        "limit_bytes": limit, "repeats": repeats, "bootstrap": 0 if args.quick else 1000, "cases": cases,
        "goal": {"seconds": GOAL_SECONDS, "peak_mib": GOAL_MIB, "worst_seconds": worst_s, "worst_peak_mib": worst_mib,
                 "all_scored": all(code == 0 for c in cases.values() for code in c["naba_score"]["exit_codes"]),
                 "met": worst_s < GOAL_SECONDS and worst_mib < GOAL_MIB
                 and all(code == 0 for c in cases.values() for code in c["naba_score"]["exit_codes"])},
    }
    print(f"{'case':<16} {'bytes':>9} {'floor s':>8} {'score s':>8} {'max s':>7} {'peak MiB':>9} {'x floor':>8}")
    for name, case in cases.items():
        s = case["naba_score"]
        print(f"{name:<16} {case['bytes']:>9} {case['json_floor']['seconds_median']:>8.2f} {s['seconds_median']:>8.2f} "
              f"{s['seconds_max']:>7.2f} {s['peak_mib']:>9.1f} {case['ratio_to_floor']:>8.1f}")
    print(f"goal: under {GOAL_SECONDS:.0f} s and {GOAL_MIB:.0f} MiB for every case: worst {worst_s:.2f} s, {worst_mib:.1f} MiB -> "
          f"{'met' if result['goal']['met'] else 'NOT met'}")
    write_result(output, result)


if __name__ == "__main__":
    main()
