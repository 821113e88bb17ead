"""Throughput of the rule-based baseline next to dateparser, in the same run, on varied text.

Not a test: run it by hand (``python benchmarks/bench_rules.py [--rounds 5] [--overwrite]``);
it prints a table and writes ``benchmarks/results/rules.json`` (an existing file is replaced only
with ``--overwrite``).

Workload: every document of the test, dev and challenge splits (the article, the dev articles
written for naba and the article's variants), as separate documents, the way ``naba run`` calls an
extractor. Every system gets exactly the same documents and is warmed up on all of them once
before timing (imports, lexicons, dateparser's language data). Each round then runs the systems
*interleaved per document*, so drift of the machine affects all alike; the figures are min /
median / max over rounds of each system's chars/s. The order of the systems changes from one
document to the next along a balanced Latin square (Williams design: over every four documents
each system runs in each position once and right after each other system once), because a
system timed right after dateparser pays for what dateparser left behind (its garbage and its
evicted CPU caches): with a fixed order that cost fell on whichever system came first, and
``rules_cold`` looked faster than ``rules``. Two rule rows: ``rules`` keeps its per-word caches
across documents, as in a real run; ``rules_cold`` clears them before every document (the
pessimistic figure, shown so that nothing flatters).

A second table, *per pass*, times each system over the whole workload at once (the systems in a
rotating order per round), as a user running one system over a document file sees it. It is
reported beside the per-document figures to show how much of the gap is interference between
the systems; the goal is judged on the per-document figures.

Systems:

* ``rules``: ``naba.baselines.rules.extract``: all four layers;
* ``dateparser_default``: ``dateparser.search.search_dates(text)``, the default mode (language
  detection, default settings): the peer of the goal;
* ``dateparser_ar``: ``search_dates(text, languages=['ar'], settings=...)``, the configuration the
  dateparser adapter uses (faster: no detection).

The goal is rules >= 5x dateparser's default mode (median chars/s ratio).
"""

from __future__ import annotations

import datetime as _dt
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "rules.json"
GOAL_RATIO = 5.0


def workload() -> list[dict[str, str]]:
    from naba.baselines.runner import split_documents

    docs = [d for split in ("test", "dev", "challenge") for d in split_documents(split)]
    return [{"id": d.id, "text": d.text, "publication_date": d.publication_date} for d in docs]


def _cold_caches() -> None:
    """Clear the rule system's per-word caches (not the lexicons, which are built once per process)."""
    from naba.baselines.rules import timex

    for function in (timex._may_start, timex._has_future_reading):
        function.cache_clear()


def williams_orders(k: int) -> list[list[int]]:
    """A balanced Latin square of ``k`` treatments (Williams design), as orders to run them in.

    Over the ``k`` rows (``2k`` when ``k`` is odd) every treatment takes every position equally
    often and follows every other treatment equally often, so no system is always the one timed
    right after another: what a run leaves behind (garbage, evicted caches) falls on all alike.
    """
    first = [0]
    low, high = 1, k - 1
    while len(first) < k:
        first.append(low)
        low += 1
        if len(first) < k:
            first.append(high)
            high -= 1
    rows = [[(x + shift) % k for x in first] for shift in range(k)]
    if k % 2:
        rows += [row[::-1] for row in rows]
    return rows


def main() -> int:
    import argparse
    import statistics

    import dateparser
    from dateparser.search import search_dates

    import naba
    from naba.baselines.rules import extract

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _process import output_path, write_result

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    output = output_path(parser, RESULTS)
    args = parser.parse_args()

    def rules(doc: dict[str, str]) -> Any:
        return extract(doc)

    def rules_cold(doc: dict[str, str]) -> Any:
        _cold_caches()
        return extract(doc)

    def dateparser_default(doc: dict[str, str]) -> Any:
        return search_dates(doc["text"])

    def dateparser_ar(doc: dict[str, str]) -> Any:
        base = _dt.datetime.fromisoformat(doc["publication_date"])
        return search_dates(doc["text"], languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})

    systems: dict[str, Callable[[dict[str, str]], Any]] = {
        "rules": rules, "rules_cold": rules_cold, "dateparser_default": dateparser_default, "dateparser_ar": dateparser_ar}
    documents = workload()
    chars = sum(len(d["text"]) for d in documents)
    for doc in tqdm(documents, desc="warm-up", unit="doc", file=sys.stderr):
        for run in systems.values():
            run(doc)
    names = list(systems)
    orders = williams_orders(len(names))
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    for _ in tqdm(range(args.rounds), desc="rounds, per document", unit="round", file=sys.stderr):
        spent = dict.fromkeys(systems, 0.0)
        for index, doc in enumerate(documents):
            for position in orders[index % len(orders)]:
                name = names[position]
                run = systems[name]
                start = time.perf_counter()
                run(doc)
                spent[name] += time.perf_counter() - start
        for name in systems:
            seconds[name].append(spent[name])
    pass_seconds: dict[str, list[float]] = {name: [] for name in systems}
    for round_index in tqdm(range(args.rounds), desc="rounds, per pass", unit="round", file=sys.stderr):
        for position in orders[round_index % len(orders)]:
            name = names[position]
            run = systems[name]
            start = time.perf_counter()
            for doc in documents:
                run(doc)
            pass_seconds[name].append(time.perf_counter() - start)

    def table(times_by_name: dict[str, list[float]]) -> list[dict[str, Any]]:
        out = []
        for name, times in times_by_name.items():
            rates = sorted(chars / t for t in times)
            out.append({"system": name, "documents": len(documents), "chars": chars, "rounds": len(times),
                        "chars_per_s_min": round(rates[0], 1), "chars_per_s_median": round(statistics.median(rates), 1),
                        "chars_per_s_max": round(rates[-1], 1), "seconds_median": round(statistics.median(times), 3)})
        return out

    rows = table(seconds)
    pass_rows = table(pass_seconds)
    by_name = {r["system"]: r for r in rows}

    def ratio(a: str, b: str) -> float:
        return round(by_name[a]["chars_per_s_median"] / by_name[b]["chars_per_s_median"], 2)

    by_pass = {r["system"]: r for r in pass_rows}
    pass_ratio = round(by_pass["rules"]["chars_per_s_median"] / by_pass["dateparser_default"]["chars_per_s_median"], 2)
    ratios = {"rules_vs_dateparser_default": ratio("rules", "dateparser_default"),
              "rules_cold_vs_dateparser_default": ratio("rules_cold", "dateparser_default"),
              "rules_vs_dateparser_ar": ratio("rules", "dateparser_ar")}
    result = {
        "benchmark": "bench_rules",
        "workload": f"the test, dev and challenge documents ({len(documents)} documents, {chars} chars), {args.rounds} rounds, "
                    "systems interleaved per document in a balanced Latin-square order, all warmed up first; "
                    "then the same rounds per pass (each system over all documents at once)",
        "naba_version": naba.__version__,
        "dateparser_version": dateparser.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.system()}",
        "goal": f"rules >= {GOAL_RATIO}x dateparser default mode (median chars/s)",
        "goal_met": ratios["rules_vs_dateparser_default"] >= GOAL_RATIO,
        "rows": rows,
        "ratios": ratios,
        "per_pass_rows": pass_rows,
        "per_pass_rules_vs_dateparser_default": pass_ratio,
    }
    header = f"{'system':<20} {'docs':>5} {'chars':>8} {'min chars/s':>12} {'median':>10} {'max':>10}"
    for title, table_rows in (("per document (the goal's figures)", rows), ("per pass", pass_rows)):
        print(title)
        print(header)
        print("-" * len(header))
        for r in table_rows:
            print(f"{r['system']:<20} {r['documents']:>5} {r['chars']:>8} {r['chars_per_s_min']:>12.0f} {r['chars_per_s_median']:>10.0f} {r['chars_per_s_max']:>10.0f}")
        print()
    print()
    for key, value in ratios.items():
        print(f"{key}: {value}x")
    print(f"per pass, rules_vs_dateparser_default: {pass_ratio}x")
    print(f"goal ({result['goal']}, per document): {'met' if result['goal_met'] else 'NOT met'}")
    write_result(output, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
