"""Cost of the challenge split: building it, and scoring one system on it, beside its peers.

Not a test: run it by hand (``python benchmarks/bench_challenge.py``); it prints a table and
writes ``benchmarks/results/challenge.json``.

Goals (issue 12): building the split adds under 2 s to ``naba build``; scoring one system on it
takes under 3 s. Measured in one process, each case repeated (median of 5 after one warm-up):

* ``build_without_challenge``: ``naba.corpus.build.build_files`` for test and dev (the peer);
* ``build_with_challenge``: the same plus the challenge split (variants built and validated from
  the manifest, then their data files); the difference is what the split adds;
* ``score_test``: scoring the rule system's test submission (the peer);
* ``score_challenge``: ``naba.evaluate.splits.score_challenge`` on the rule system's challenge
  submission (the article and 25 variants), default options (1,000 joint bootstrap resamples).
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def _median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    action()  # warm-up: imports and caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from naba.baselines.runner import run_extractor, split_documents
    from naba.corpus.build import build_files, extra_splits_from_root
    from naba.evaluate.options import ScoreOptions
    from naba.evaluate.scorer import score
    from naba.evaluate.splits import score_challenge
    from naba.gold.records import gold_sha256, load_records

    records = load_records(ROOT / "annotations" / "records")
    sha = gold_sha256(ROOT / "annotations" / "records")

    def build(with_challenge: bool) -> object:
        extra = extra_splits_from_root(ROOT, records)
        if not with_challenge:
            extra = [split for split in extra if split.name != "challenge"]
        return build_files(records, sha, extra)

    test_sub = run_extractor("naba.baselines.rules:extract", split_documents("test"))
    challenge_sub = run_extractor("naba.baselines.rules:extract", split_documents("challenge"))
    options = ScoreOptions()
    rows = {
        "build_without_challenge": _median_seconds(lambda: build(False)),
        "build_with_challenge": _median_seconds(lambda: build(True)),
        "score_test": _median_seconds(lambda: score(test_sub, records, options=options)),
        "score_challenge": _median_seconds(lambda: score_challenge(challenge_sub, options=options)),
    }
    added = rows["build_with_challenge"] - rows["build_without_challenge"]
    result = {
        "benchmark": "challenge split: build and score",
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(), "processor": platform.machine()},
        "median_seconds": rows,
        "build_added_seconds": added,
        "build_ratio_with_vs_without": rows["build_with_challenge"] / rows["build_without_challenge"],
        "score_ratio_challenge_vs_test": rows["score_challenge"] / rows["score_test"],
        "goals": {"build_added_under_2s": added < 2.0, "score_challenge_under_3s": rows["score_challenge"] < 3.0},
    }
    width = max(map(len, rows))
    for name, seconds in rows.items():
        print(f"{name:<{width}}  {seconds:7.3f} s")
    print(f"{'build: challenge adds':<{width}}  {added:7.3f} s (goal < 2 s; x{result['build_ratio_with_vs_without']:.2f} the build without it)")
    print(f"{'score: challenge / test':<{width}}  x{result['score_ratio_challenge_vs_test']:.1f} (challenge goal < 3 s)")
    out = ROOT / "benchmarks" / "results" / "challenge.json"
    out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
