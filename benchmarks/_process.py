"""Timing a command as a whole process: wall time and the child's own peak memory.

Shared by the benchmarks that run ``naba`` as a user does (a fresh process per run), so that
imports, reading and writing are all inside the figure. ``os.wait4`` gives the resource usage
of that one child (``RUSAGE_CHILDREN`` would report the largest child so far).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def measure(argv: list[str], repeats: int) -> dict[str, Any]:
    """Wall time and the child's own peak RSS (``os.wait4``), per run."""
    walls: list[float] = []
    peaks: list[float] = []
    codes: list[int] = []
    for _ in range(repeats):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(child.pid, 0)
            walls.append(time.perf_counter() - start)
            child.returncode = os.waitstatus_to_exitcode(status)
            peaks.append(usage.ru_maxrss / 1024.0)  # KiB on Linux
            codes.append(child.returncode)
            if child.returncode != 0:
                errors.seek(0)
                print(errors.read()[-2000:].decode("utf-8", "replace"), file=sys.stderr)
    return {"seconds_median": statistics.median(walls), "seconds_min": min(walls), "seconds_max": max(walls),
            "peak_mib": max(peaks), "exit_codes": codes}


def output_path(parser: argparse.ArgumentParser, default: Path) -> Path:
    """``--output``/``--overwrite``: committed results are never replaced unless asked."""
    parser.add_argument("--output", type=Path, default=default)
    parser.add_argument("--overwrite", action="store_true")
    args, _ = parser.parse_known_args()
    if args.output.exists() and not args.overwrite:
        parser.error(f"{args.output} exists; pass --overwrite to replace committed results")
    return args.output


def write_result(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
