"""``naba reproduce``: the main job (see naba.check.reproduce)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("reproduce")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where baselines/ and evaluate/ are written (default: the repository of an editable install; "
                   "the current directory for an installed wheel, never site-packages).")
@click.option("--system", "systems", multiple=True, help="Run only these systems (repeatable); default: all available.")
@click.option("--num-proc", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes to run each system in (0: one per CPU); the files written are byte for byte the serial run's.")
def reproduce(root: Path | None, systems: tuple[str, ...], num_proc: int) -> None:
    """Run every available reference system, score each, print and write the leaderboard."""
    from naba.baselines.protocol import SystemUnavailable
    from naba.check.reproduce import reproduce as run
    from naba.common.problems import render
    from naba.evaluate.compare import NotComparable
    from naba.evaluate.folder import worker_count
    from naba.gold.records import data_root
    from naba.submission.model import SubmissionError

    checkout = data_root()
    target = root if root is not None else (checkout if (checkout / "pyproject.toml").is_file() else Path.cwd())
    try:
        report = run(target, systems=systems or None, log=lambda line: click.echo(line, err=True), num_proc=worker_count(num_proc))
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
