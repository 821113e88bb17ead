"""``naba build``: write ``corpus/`` and the record JSON Schema; ``--check`` compares.

A thin layer over ``naba.corpus.build``: it loads and validates the gold (exit 2 on bad
input, problems listed), builds every file in memory, then either writes the
changed files or, with ``--check``, names the stale ones and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from naba.cli.support import EXIT_BAD_INPUT, EXIT_FAIL


@click.command()
@click.option("--check", is_flag=True, help="Build in memory and exit 1 if corpus/ or the schema differ from it.")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder holding annotations/ and corpus/ (default: the checkout, or the installed data).",
)
def build(check: bool, root: Path | None) -> None:
    """Build the Hugging Face dataset folder corpus/ (splits test, dev, challenge) and annotations/record.schema.json."""
    from naba.common.problems import render
    from naba.corpus.build import CONFIGS, build_from_root, stale_files, write
    from pydantic import ValidationError

    from naba.challenge.edits import ConstructionError
    from naba.gold.records import GoldError, data_root

    base = root if root is not None else data_root()
    try:
        output = build_from_root(base)
    except GoldError as err:
        click.echo(render(err.problems), err=True)
        click.echo("the gold does not validate: nothing was built", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except FileNotFoundError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_BAD_INPUT)
    except ConstructionError as err:
        click.echo(str(err), err=True)
        click.echo("a challenge variant could not be built: nothing was built", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except ValidationError as err:
        click.echo("annotations/challenge/manifest.json is not a valid manifest:", err=True)
        for item in err.errors():
            where = ".".join(str(part) for part in item["loc"]) or "<root>"
            click.echo(f"  {where}: {item['msg']} (value: {item.get('input')!r})", err=True)
        sys.exit(EXIT_BAD_INPUT)

    stats = output.projection
    splits = list(output.split_counts)
    click.echo(f"{'config':<12} " + " ".join(f"{split:>10}" for split in splits))
    for config in CONFIGS:
        click.echo(f"{config:<12} " + " ".join(f"{output.split_counts[split][config]:>10}" for split in splits))
    click.echo(
        f"ner_tokens: {stats.mentions} named mention(s), {stats.represented} represented in IOB2; "
        f"{stats.start_inside_token} start inside a token ({stats.start_inside_non_proclitic} after a non-proclitic prefix), "
        f"{stats.end_inside_token} end inside a token, {stats.cross_sentence} cross a sentence, "
        f"{stats.overlap} nested/overlapping lost"
    )
    if check:
        stale = stale_files(output, base)
        if stale:
            for state in stale:
                click.echo(f"stale: {state.path} ({state.state})" + (f": {state.detail}" if state.detail else ""), err=True)
            click.echo(f"{len(stale)} stale file(s) under {base}: run `naba build`", err=True)
            sys.exit(EXIT_FAIL)
        click.echo(f"up to date: {len(output.files)} file(s) under {base}")
        return
    try:
        changes = write(output, base)
    except OSError as err:
        click.echo(f"cannot write the corpus under {base}: {err.strerror or err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    for change in changes:
        click.echo(f"{change.state}: {change.path}")
    click.echo(f"{len(changes)} file(s) changed, {len(output.files) - sum(c.state == 'written' for c in changes)} unchanged, under {base}")


COMMANDS = [build]
