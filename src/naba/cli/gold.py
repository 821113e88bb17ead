"""``naba validate`` and ``naba audit``: the gold records' invariants, and the events sweep as a report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from naba.cli.support import EXIT_BAD_INPUT


def _record_files(paths: tuple[Path, ...]) -> list[Path]:
    """The record files named (folders expanded, sorted); the shipped gold when none is named."""
    from naba.gold.records import record_paths

    files: list[Path] = []
    for path in paths or (None,):
        if path is None:
            files.extend(record_paths())
        elif path.is_dir():
            files.extend(record_paths(path))
        else:
            files.append(path)
    if not files:
        click.echo("no record files found", err=True)
        sys.exit(EXIT_BAD_INPUT)
    return files


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check every invariant of the gold records (default: the shipped annotations)."""
    from naba.common.problems import render
    from naba.gold.validate import validate_paths

    files = _record_files(paths)
    problems = validate_paths(files)
    if problems:
        click.echo(render(problems), err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"{len(files)} record file(s): 0 problems")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the findings as JSON to this file.")
def audit(paths: tuple[Path, ...], json_path: Path | None) -> None:
    """List, per event, the entities and time expressions of its sentence that are not its arguments.

    The events sweep of Part I 3.3 as a report: it never edits the gold. Also lists events whose
    time_id is set without a Time argument.
    """
    import json

    from naba.common.problems import render
    from naba.gold.audit import audit_record, render_table
    from naba.gold.validate import validate_paths

    files = _record_files(paths)
    problems = validate_paths(files)
    if problems:
        click.echo(render(problems), err=True)
        click.echo("the records do not validate: nothing was audited", err=True)
        sys.exit(EXIT_BAD_INPUT)
    from naba.gold.records import read_record

    findings = [finding for path in files for finding in audit_record(read_record(path))]
    click.echo(render_table(findings))
    if json_path is not None:
        payload = json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
        try:
            json_path.write_text(payload, encoding="utf-8")
        except OSError as err:
            click.echo(f"cannot write {json_path}: {err.strerror or err}", err=True)
            sys.exit(EXIT_BAD_INPUT)


COMMANDS = [validate, audit]
