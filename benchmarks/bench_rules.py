"""Throughput of the rule-based baseline next to dateparser, in the same run.

Not a test: run it by hand (``/work/venv/bin/python benchmarks/bench_rules.py``);
it prints a table and writes ``benchmarks/results/rules.json``.

Workload: the article (the text of the first corpus document) repeated as
*separate documents* until the total reaches at least 1,000,000 characters
(196 documents of 5,127 characters). Separate documents rather than one big
one because that is how extractors are run (``naba run`` calls the extractor
once per document), and because dateparser's search is not linear in the
length of one huge string. Every system gets exactly the same documents.

Systems, each warmed up on one document first (one-off loading, import of the
rule module included, is reported separately as ``setup_s``, not counted in the
throughput):

* ``rules``: ``naba.baselines.rules.extract``: all four layers;
* ``dateparser_default``: ``dateparser.search.search_dates(text)``, the
  default mode (language detection, default settings): the peer of the goal;
* ``dateparser_ar``: ``search_dates(text, languages=['ar'], settings=...)``,
  the configuration the dateparser adapter uses (faster: no detection).

The goal is rules >= 5x dateparser's default mode (chars/s ratio). Ratios
against both dateparser configurations are reported.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "rules.json"
TARGET_CHARS = 1_000_000
GOAL_RATIO = 5.0


def workload() -> list[dict[str, str]]:
    from naba.baselines.runner import corpus_documents

    base = corpus_documents()[0]
    copies = math.ceil(TARGET_CHARS / len(base.text))
    return [{"id": f"bench_{n:04d}", "text": base.text, "publication_date": base.publication_date} for n in range(copies)]


def measure(name: str, run: Callable[[dict[str, str]], Any], documents: list[dict[str, str]], setup_before: float = 0.0) -> dict[str, Any]:
    start = time.perf_counter()
    run(documents[0])  # warm-up: lexicons, models, dateparser's language data
    setup = time.perf_counter() - start + setup_before
    chars = 0
    start = time.perf_counter()
    for doc in tqdm(documents, desc=name, unit="doc", file=sys.stderr):
        run(doc)
        chars += len(doc["text"])
    seconds = time.perf_counter() - start
    return {"system": name, "documents": len(documents), "chars": chars, "seconds": round(seconds, 3),
            "setup_s": round(setup, 3), "chars_per_s": round(chars / seconds, 1), "docs_per_s": round(len(documents) / seconds, 3)}


def main() -> int:
    import dateparser
    from dateparser.search import search_dates

    import naba

    documents = workload()
    started = time.perf_counter()
    from naba.baselines.rules import extract  # import + first call = the rule system's setup

    import_s = time.perf_counter() - started

    def rules(doc: dict[str, str]) -> Any:
        return extract(doc)

    def dateparser_default(doc: dict[str, str]) -> Any:
        return search_dates(doc["text"])

    def dateparser_ar(doc: dict[str, str]) -> Any:
        base = _dt.datetime.fromisoformat(doc["publication_date"])
        return search_dates(doc["text"], languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})

    rows = [measure("rules", rules, documents, import_s), measure("dateparser_default", dateparser_default, documents),
            measure("dateparser_ar", dateparser_ar, documents)]
    by_name = {r["system"]: r for r in rows}
    ratios = {
        "rules_vs_dateparser_default": round(by_name["rules"]["chars_per_s"] / by_name["dateparser_default"]["chars_per_s"], 2),
        "rules_vs_dateparser_ar": round(by_name["rules"]["chars_per_s"] / by_name["dateparser_ar"]["chars_per_s"], 2),
    }
    result = {
        "benchmark": "bench_rules",
        "workload": f"the article repeated as {len(documents)} separate documents ({sum(len(d['text']) for d in documents)} chars)",
        "naba_version": naba.__version__,
        "dateparser_version": dateparser.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.system()}",
        "goal": f"rules >= {GOAL_RATIO}x dateparser default mode (chars/s)",
        "goal_met": ratios["rules_vs_dateparser_default"] >= GOAL_RATIO,
        "rows": rows,
        "ratios": ratios,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = f"{'system':<20} {'docs':>5} {'chars':>9} {'seconds':>8} {'chars/s':>10} {'docs/s':>8} {'setup s':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['system']:<20} {r['documents']:>5} {r['chars']:>9} {r['seconds']:>8.2f} {r['chars_per_s']:>10.0f} {r['docs_per_s']:>8.2f} {r['setup_s']:>8.2f}")
    print()
    for key, value in ratios.items():
        print(f"{key}: {value}x")
    print(f"goal ({result['goal']}): {'met' if result['goal_met'] else 'NOT met'}")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
