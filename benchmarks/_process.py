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


def _tree_rss_mib(root: int) -> float:
    """Resident memory of ``root`` and all its descendants now (Linux ``/proc``), MiB."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total / 2**20


def measure(argv: list[str], repeats: int, *, tree: bool = False) -> dict[str, Any]:
    """Wall time and peak memory, per run: the child's own peak RSS (``os.wait4``) or, with
    ``tree``, the larger of that and the peak of the summed RSS of the child and its worker
    processes, sampled every 100 ms (worker processes are not in the child's own figure)."""
    walls: list[float] = []
    peaks: list[float] = []
    codes: list[int] = []
    for _ in range(repeats):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
            sampled = 0.0
            while tree:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid:
                    break
                sampled = max(sampled, _tree_rss_mib(child.pid))
                time.sleep(0.1)
            else:
                _, status, usage = os.wait4(child.pid, 0)
            walls.append(time.perf_counter() - start)
            child.returncode = os.waitstatus_to_exitcode(status)
            peaks.append(max(usage.ru_maxrss / 1024.0, sampled))  # ru_maxrss is KiB on Linux
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
