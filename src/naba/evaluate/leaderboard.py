"""Ranking systems per task on the headline metric.

Systems are ranked by the headline score (higher is better for every naba
task), ties share a rank and are listed by system name; a system whose
headline is undefined is listed after the ranked ones, and a system that did
not predict a task is listed as "not predicted", never ranked as zero. All
results must share gold hash, schema version and options, or they are not
comparable and nothing is ranked. Output is deterministic (no timestamps,
sorted keys), so a rebuilt leaderboard is byte-identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from naba.evaluate.compare import NotComparable
from naba.evaluate.report import fmt_pm, fmt_score, md_text, render_table
from naba.evaluate.results import Results
from naba.evaluate.robustness import RobustnessReport
from naba.evaluate.tasks import TASKS

LEADERBOARD_FORMAT = "naba-leaderboard-1"


@dataclass(frozen=True)
class Entry:
    """A system's results on test (ranked); optionally on dev and its challenge report (shown beside)."""

    system: str
    results: Results
    dev: Results | None = None
    challenge: "RobustnessReport | None" = None


def build(entries: Sequence[Entry]) -> dict[str, Any]:
    """The leaderboard as a JSON-ready dict."""
    if not entries:
        raise NotComparable("no system to rank")
    names = [e.system for e in entries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise NotComparable(f"system names must be unique; repeated: {', '.join(duplicates)} (use --name)")
    first = entries[0].results
    for entry in entries[1:]:
        for field in ("gold_sha256", "schema_version", "options"):
            if getattr(entry.results, field) != getattr(first, field):
                raise NotComparable(f"{entry.system} differs from {entries[0].system} in {field}")
    dev_sizes = sorted({len(e.dev.gold_documents) for e in entries if e.dev is not None})
    if len(dev_sizes) > 1:
        raise NotComparable(f"the dev results were scored against different gold (documents: {dev_sizes})")
    tasks: dict[str, Any] = {}
    for spec in TASKS:
        scored: list[dict[str, Any]] = []
        undefined: list[dict[str, Any]] = []
        absent: list[str] = []
        for entry in entries:
            r = entry.results
            if not r.tasks[spec.name].predicted:
                absent.append(entry.system)
                continue
            value = r.headline(spec.name)
            interval = r.headline_interval(spec.name)
            row = {
                "system": entry.system,
                "value": value,
                "low": interval.low if interval else None,
                "high": interval.high if interval else None,
                "pm": interval.half_width if interval else None,
                "submission_sha256": r.submission_sha256,
                **_beside(entry, spec.name),
            }
            (undefined if value is None else scored).append(row)
        sign = -1.0 if spec.higher_is_better else 1.0
        scored.sort(key=lambda row: (sign * row["value"], row["system"]))
        rank = 0
        previous = None
        for position, row in enumerate(scored, start=1):
            if row["value"] != previous:
                rank, previous = position, row["value"]
            row["rank"] = rank
        for row in undefined:
            row["rank"] = None
        tasks[spec.name] = {
            "headline": spec.headline,
            "higher_is_better": spec.higher_is_better,
            "entries": scored + sorted(undefined, key=lambda row: row["system"]),
            "not_predicted": sorted(absent),
        }
    return {
        "format": LEADERBOARD_FORMAT,
        "naba_version": first.naba_version,
        "schema_version": first.schema_version,
        "gold_sha256": first.gold_sha256,
        "options": first.options.model_dump(mode="json"),
        "units": first.units.model_dump(mode="json"),
        # the dev column's size, stated in the rendered table rather than written into its prose by hand
        "dev_documents": dev_sizes[0] if dev_sizes else None,
        "tasks": tasks,
    }


def _beside(entry: Entry, task: str) -> dict[str, Any]:
    """The dev score and the challenge columns (all variants pooled) of one system and task;
    ``None`` where the system was not run on that split or did not predict the task."""
    dev = entry.dev.headline(task) if entry.dev is not None and entry.dev.tasks[task].predicted else None
    pooled = None
    if entry.challenge is not None:
        pooled = next((row.tasks.get(task) for row in entry.challenge.rows if row.name == "all variants"), None)
    return {
        "dev": dev,
        "challenge": pooled.score if pooled else None,
        "challenge_drop": pooled.drop if pooled else None,
        "invariance_failure_rate": pooled.invariance_failure_rate if pooled else None,
    }


def _fmt_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _fmt_drop(value: float | None) -> str:
    return "—" if value is None else f"{value:+.3f}"


def to_markdown(board: dict[str, Any]) -> str:
    opts = board["options"]
    n_dev = board.get("dev_documents")
    dev_what = f"{n_dev} articles written for naba" if n_dev else "articles written for naba"
    lines = [
        "# naba leaderboard",
        "",
        f"Gold `{board['gold_sha256'][:12]}`, schema {board['schema_version']}, naba {board['naba_version']}. "
        f"±: half-width of the {opts['confidence']:.0%} percentile bootstrap interval "
        f"({opts['n_bootstrap']} resamples of {board['units']['n']} {board['units']['kind']} units, seed {opts['seed']}).",
        "",
        f"Ranked by the **test** score (the article). Beside it, not ranked: **dev** ({dev_what} "
        "from five regions; each system card says whether its system was developed or trained with them in view), "
        "**challenge** (all variants of the article pooled), its **drop** against test, and the **invariance failure** "
        "rate: gold items right on the article and wrong on a variant. — : not run on that split.",
    ]
    for name, task in board["tasks"].items():
        lines += ["", f"## {name}: `{task['headline']}`", ""]
        rows = [
            [str(row["rank"]) if row["rank"] is not None else DASH_RANK, md_text(row["system"]), fmt_score(row["value"]), fmt_pm(row["pm"]),
             f"[{fmt_score(row['low'])}, {fmt_score(row['high'])}]", fmt_score(row.get("dev")), fmt_score(row.get("challenge")),
             _fmt_drop(row.get("challenge_drop")), _fmt_rate(row.get("invariance_failure_rate"))]
            for row in task["entries"]
        ]
        if rows:
            lines.append(render_table(["rank", "system", "test", "±", "interval", "dev", "challenge", "drop", "inv. fail"], rows,
                                      markdown=True, align_left=2))
        else:
            lines.append("No system predicted this task.")
        if task["not_predicted"]:
            lines += ["", "Not predicted: " + ", ".join(md_text(name) for name in task["not_predicted"]) + "."]
    return "\n".join(lines) + "\n"


DASH_RANK = "—"


def to_text(board: dict[str, Any]) -> str:
    parts = []
    for name, task in board["tasks"].items():
        parts.append(f"{name} ({task['headline']})")
        rows = [
            [str(row["rank"]) if row["rank"] is not None else DASH_RANK, row["system"], fmt_score(row["value"]), fmt_pm(row["pm"])]
            for row in task["entries"]
        ] + [["", system, "not predicted", ""] for system in task["not_predicted"]]
        parts.append(render_table(["rank", "system", "score", "±"], rows, markdown=False, align_left=2) if rows else "(no system)")
        parts.append("")
    return "\n".join(parts)


def write(board: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "leaderboard.md", out_dir / "leaderboard.json"
    md.write_text(to_markdown(board), encoding="utf-8")
    js.write_text(json.dumps(board, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return md, js
