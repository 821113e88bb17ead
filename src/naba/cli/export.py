"""``naba export``: the gold or a submission as CoNLL, brat or TimeML files, one per document.

A thin layer over ``naba.export``. The gold is read and validated as by every command (default:
the shipped test gold; ``--gold DIR`` or ``--split``); a submission (``--submission FILE``) is
validated against those gold documents by ``naba.submission``'s validator first, and any problem
is listed with file, line, field and value and exits 2. An output folder that cannot be written
exits 2 with a message. What a format could not represent is counted on stdout, never dropped
silently. Exit codes: 0 written, 2 bad input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from naba.cli.support import EXIT_BAD_INPUT


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["conll", "brat", "timeml"]), required=True,
              help="conll: tokens and BIO2 tags; brat: .txt and .ann standoff; timeml: XML with inline TIMEX3.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder to write into (created if missing; files of the same names are replaced).")
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of gold record files (default: the shipped test gold).")
@click.option("--split", type=click.Choice(["test", "dev", "challenge"]), default=None,
              help="The gold of a split (challenge: every variant of the article).")
@click.option("--submission", "submission_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Export this submission (JSON Lines) instead of the gold; validated against the gold documents first.")
@click.option("--mentions", type=click.Choice(["name", "all"]), default="name", show_default=True,
              help="conll: tag named mentions only (as the corpus's ner_tokens) or mentions of every kind.")
def export_command(fmt: str, out_dir: Path, gold_dir: Path | None, split: str | None, submission_path: Path | None, mentions: str) -> None:
    """Write the gold (or a submission) as CoNLL, brat or TimeML files, one per document."""
    from naba.common.problems import render
    from naba.corpus.splits import split_gold
    from naba.export import ExportError, export, gold_documents, submission_documents, write_files
    from naba.gold.records import GoldError, gold_records
    from naba.submission.model import SubmissionError
    from naba.submission.validate import load_submission

    if gold_dir is not None and split is not None:
        _fail("give either --gold DIR or --split, not both")
    if out_dir.exists() and not out_dir.is_dir():
        _fail(f"cannot write into {out_dir}: it exists and is not a folder")
    try:
        records = list(gold_records(gold_dir)) if split is None else split_gold(split)
    except GoldError as err:
        _fail(render(err.problems) + "\nthe gold does not validate: nothing was exported")
    except FileNotFoundError as err:
        _fail(f"cannot load the gold: {err}")
    if not records:
        _fail(f"no gold records in {gold_dir}")
    if submission_path is None:
        documents = gold_documents(records)
        what = "the gold"
    else:
        try:
            submission = load_submission(submission_path, records)
        except SubmissionError as err:
            _fail(render(err.problems) + f"\n{submission_path} does not validate: nothing was exported")
        documents = submission_documents(submission, records)
        what = f"submission {submission_path}"
    try:
        rendered = export(documents, fmt, all_mentions=mentions == "all")
    except ExportError as err:
        _fail(f"cannot export to {fmt}: {err}")
    try:
        written = write_files(out_dir, rendered.files)
    except OSError as err:
        _fail(f"cannot write into {out_dir}: {err.strerror or err}")
    click.echo(f"wrote {len(written)} file(s) into {out_dir}: {len(documents)} document(s) of {what} as {fmt}")
    for reason, count in sorted(rendered.counts.items()):
        click.echo(f"  {reason}: {count}")


COMMANDS = [export_command]
