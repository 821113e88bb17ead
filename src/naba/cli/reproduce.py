"""``naba reproduce``: the main job (see naba.check.reproduce)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


@click.command("reproduce")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where baselines/ and evaluate/ are written (default: the repository of an editable install; "
                   "the current directory for an installed wheel, never site-packages).")
@click.option("--system", "systems", multiple=True, help="Run only these systems (repeatable); default: all available.")
@click.option("--num-proc", type=click.IntRange(min=1), default=None,
              help="Processes to run each system in; the files written are byte for byte the serial run's. "
                   "Default: the CPUs this process may use.")
def reproduce(root: Path | None, systems: tuple[str, ...], num_proc: int | None) -> None:
    """Run every available reference system, score each, print and write the leaderboard."""
    from naba.baselines.protocol import SystemUnavailable
    from naba.check.reproduce import reproduce as run
    from naba.common.problems import render
    from naba.evaluate.compare import NotComparable
    from naba.gold.records import data_root
    from naba.submission.model import SubmissionError

    if num_proc is None:
        num_proc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    checkout = data_root()
    target = root if root is not None else (checkout if (checkout / "pyproject.toml").is_file() else Path.cwd())
    try:
        report = run(target, systems=systems or None, log=lambda line: click.echo(line, err=True), num_proc=num_proc)
    except SubmissionError as err:
        click.echo(render(err.problems), err=True)
        sys.exit(2)
    except (ValueError, NotComparable, SystemUnavailable) as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    except OSError as err:
        click.echo(f"cannot write under {target}: {err.strerror or err} ({err.filename})", err=True)
        sys.exit(2)
    if not report.leaderboard_text:
        click.echo("no system could run here: " + "; ".join(f"{r.name}: {r.reason}" for r in report.skipped), err=True)
        sys.exit(1)
    click.echo(report.leaderboard_text, nl=False)
    for run_ in report.skipped:
        click.echo(f"(skipped {run_.name}: {run_.reason})")
    click.echo(f"wrote {len(report.written)} file(s) under {target}", err=True)


COMMANDS = [reproduce]
