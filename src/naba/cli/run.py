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
    if output is not None:
        _stream(spec, documents, output, num_proc)
        return
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
        sys.exit(EXIT_BAD_INPUT)
    click.echo(dump_submission(records), nl=False)


def _stream(spec: str, documents: list, output: Path, num_proc: int) -> None:  # type: ignore[type-arg]
    """Write the submission chunk by chunk as the extractor goes (memory holds one chunk, not
    the run); on failure the file holds the documents that succeeded and the run exits 2."""
    from naba.baselines.protocol import SystemUnavailable
    from naba.baselines.runner import SpecError, dump_submission, iter_extractor
    from naba.common.problems import render
    from naba.gold.inventory import LAYERS

    problems = []
    written = 0
    counts: dict[str, int] = {}
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("wb") as handle:
            for records, found in iter_extractor(spec, documents, progress=True, num_proc=num_proc):
                handle.write(dump_submission(records).encode("utf-8"))
                problems.extend(found)
                written += len(records)
                for record in records:
                    for layer in LAYERS:
                        if layer in record:
                            counts[layer] = counts.get(layer, 0) + len(record[layer])
    except SystemUnavailable as err:
        output.unlink(missing_ok=True)
        click.echo(f"skipped {spec}: system unavailable: {err}", err=True)
        sys.exit(EXIT_OK)
    except SpecError as err:
        output.unlink(missing_ok=True)
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OSError as err:
        click.echo(f"cannot write {output}: {err.strerror or err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if problems:
        click.echo(f"error: {spec} failed or returned invalid output:", err=True)
        click.echo(render(problems), err=True)
        if written:
            click.echo(f"wrote {output}: the {written} document(s) that succeeded (incomplete: not a full submission)", err=True)
        else:
            output.unlink(missing_ok=True)  # nothing succeeded: no file, as before streaming
        sys.exit(EXIT_BAD_INPUT)
    summary = ", ".join(f"{layer} {counts[layer]}" for layer in LAYERS if layer in counts)
    click.echo(f"wrote {output}: {written} document(s); layers predicted: {summary or 'none'}", err=True)


COMMANDS = [run]
