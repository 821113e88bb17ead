"""``naba run MODULE:CALLABLE``: run an extractor and write a submission file.

A thin layer over ``naba.baselines.runner``. Exit codes: 0 on success (also
when the system is unavailable here: it is *skipped* with its reason on
stderr and no file is written), 2 on bad input or bad extractor output (every
problem listed, no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from naba.cli.support import EXIT_BAD_INPUT, EXIT_OK


@click.command("run")
@click.argument("spec", metavar="MODULE:CALLABLE")
@click.option("--documents", "documents_path", type=click.Path(path_type=Path), default=None,
              help="JSON Lines of {id, text, publication_date}; default: the corpus documents (inputs only, never gold layers).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Submission file to write (default: stdout).")
@click.option("--split", type=click.Choice(["test", "dev", "challenge"]), default=None,
              help="Run over a split's documents (challenge: the test article and every variant); default: test.")
@click.option("--num-proc", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to run the extractor in; the output is byte for byte the serial run's.")
def run(spec: str, documents_path: Path | None, output: Path | None, split: str | None, num_proc: int) -> None:
    """Run the extractor MODULE:CALLABLE over documents and write a validated submission."""
    from naba.baselines.protocol import SystemUnavailable
    from naba.baselines.runner import SpecError, corpus_documents, dump_submission, read_documents, run_extractor, split_documents
    from naba.cli.support import importable_from_cwd
    from naba.common.problems import render
    from naba.gold.inventory import LAYERS
    from naba.submission.model import SubmissionError

    importable_from_cwd()

    if documents_path is not None and split is not None:
        click.echo("give either --documents FILE or --split, not both", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if documents_path is not None:
        documents, problems = read_documents(documents_path)
        if problems:
            click.echo(render(problems), err=True)
            sys.exit(EXIT_BAD_INPUT)
    else:
        documents = split_documents(split) if split is not None else corpus_documents()
    try:
        records = run_extractor(spec, documents, progress=True, num_proc=num_proc)
    except SystemUnavailable as err:
        click.echo(f"skipped {spec}: system unavailable: {err}", err=True)
        sys.exit(EXIT_OK)
    except SpecError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except SubmissionError as err:
        click.echo(f"error: {spec} failed or returned invalid output:", err=True)
        click.echo(render(err.problems), err=True)
        kept = getattr(err, "records", [])
        if kept and output is not None:
            _write(output, dump_submission(kept))
            click.echo(f"wrote {output}: the {len(kept)} document(s) that succeeded (incomplete: not a full submission)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    text = dump_submission(records)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        layers = [layer for layer in LAYERS if any(layer in r for r in records)]
        counts = ", ".join(f"{layer} {sum(len(r.get(layer, [])) for r in records)}" for layer in layers)
        click.echo(f"wrote {output}: {len(records)} document(s); layers predicted: {counts or 'none'}", err=True)


def _write(path: Path, text: str) -> None:
    """Write the submission; an output path that cannot be written is bad input, not a traceback."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    except OSError as err:
        click.echo(f"cannot write {path}: {err.strerror or err}", err=True)
        sys.exit(EXIT_BAD_INPUT)


COMMANDS = [run]
