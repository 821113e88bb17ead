"""``naba errors`` and ``naba view``: a submission's errors, as a table, JSON or an HTML page.

Thin commands over ``naba.inspect``: the submission is validated first (bad input: one
collected report, exit 2, never a traceback), then scored, then its outcomes are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import click

from naba.cli.evaluate import _fail, _guard, _options, _system_name, _write_text
from naba.gold.inventory import LAYERS


def _matching_options(func):  # type: ignore[no-untyped-def]
    """The options a per-item outcome depends on (the bootstrap does not matter here)."""
    for decorator in reversed([
        click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                     help="Folder of gold record files (default: the shipped annotations)."),
        click.option("--split", type=click.Choice(["test", "dev"]), default="test", show_default=True,
                     help="Gold to compare with (dev: the dev articles); not with --gold."),
        click.option("--trigger-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--argument-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--cue-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--fused-lam", type=click.Choice(["either", "strict"]), default="either", show_default=True),
        click.option("--max-problems", type=int, default=200, show_default=True, help="Problems to print (0: all)."),
    ]):
        func = decorator(func)
    return func


def _scored(file: Path, gold_dir: Path | None, split: str, trigger_match: str, argument_match: str, cue_match: str, fused_lam: str,
            max_problems: int, name: str | None):  # type: ignore[no-untyped-def]
    from naba.evaluate.options import DEFAULT_SEED
    from naba.inspect.errors import score_for_inspection

    if split != "test" and gold_dir is not None:
        _fail("give either --gold DIR or --split, not both")
    options = _options(0, DEFAULT_SEED, 0.95, trigger_match, argument_match, cue_match, fused_lam)
    if split == "dev":
        from naba.corpus.splits import split_gold

        gold = _guard(lambda: split_gold("dev"))
    else:
        from naba.gold.records import gold_records

        _guard(lambda: gold_records(gold_dir))  # the gold is checked first: a broken folder is its own report
        gold = gold_dir
    return _guard(lambda: score_for_inspection(file, gold, options=options, system=_system_name(file, name)), max_problems)


@click.command("errors")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--layer", "layers", multiple=True, type=click.Choice(list(LAYERS)),
              help="Only this layer (repeatable; default: every layer).")
@_matching_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--name", default=None, help="System name (default: the file's folder name).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the report as JSON here.")
def errors(file: Path, layers: Sequence[str], gold_dir: Path | None, split: str, trigger_match: str, argument_match: str, cue_match: str,
           fused_lam: str, max_problems: int, fmt: str, name: str | None, output: Path | None) -> None:
    """Every missed, spurious and mismatched item of a submission, with its gold counterpart and its sentence."""
    from naba.inspect.errors import error_report, render_errors

    scored = _scored(file, gold_dir, split, trigger_match, argument_match, cue_match, fused_lam, max_problems, name)
    report = error_report(scored, layers or None)
    click.echo(report.to_json() if fmt == "json" else render_errors(report), nl=False)
    if output is not None:
        _write_text(output, report.to_json())


@click.command("view")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The HTML page to write.")
@click.option("--layer", "layers", multiple=True, type=click.Choice(list(LAYERS)), help="Only this layer (repeatable; default: every layer).")
@click.option("--document", "documents", multiple=True, help="Only this gold document id (repeatable; default: every document).")
@_matching_options
@click.option("--name", default=None, help="System name (default: the file's folder name).")
def view(file: Path, output: Path, layers: Sequence[str], documents: Sequence[str], gold_dir: Path | None, split: str, trigger_match: str,
         argument_match: str, cue_match: str, fused_lam: str, max_problems: int, name: str | None) -> None:
    """Write one self-contained right-to-left HTML page: the article with the gold and the system's annotations, errors marked."""
    from naba.inspect.view import render_page

    scored = _scored(file, gold_dir, split, trigger_match, argument_match, cue_match, fused_lam, max_problems, name)
    known = {r.document.id for r in scored.gold}
    unknown = sorted(set(documents) - known)
    if unknown:
        _fail(f"unknown document(s) {', '.join(unknown)}; gold has: {', '.join(sorted(known))}")
    page = render_page(scored, documents=list(documents) or None, layers=list(layers) or None)
    _write_text(output, page)


COMMANDS = [errors, view]
