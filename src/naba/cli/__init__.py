"""The ``naba`` command line: a thin layer over pure functions.

Every command validates its input, prints a readable report, and exits 0 on
success, 1 on a failed check or regression, 2 on bad input. The commands of each
area live in their own module of this package (``naba.cli.gold``: validate, audit;
``naba.cli.build``: build; ``naba.cli.run``: run; ``naba.cli.evaluate``: score,
validate-submission, leaderboard, compare; ``naba.cli.check``: check;
``naba.cli.reproduce``: reproduce; ``naba.cli.export``: export; ``naba.cli.inspect``: errors, view); this module only wires them into one group.
"""

from __future__ import annotations

import os

# numpy asks the kernel for transparent huge pages for every array of 4 MB or more; where the
# kernel compacts memory on that request (``defrag`` set to ``madvise``, a common default), each
# such array took about a second to allocate: 80 MB of bootstrap weights at 10,000 documents,
# four times over (issue 15). Off unless the user set it (numpy reads it when first imported, which
# none of the command line's modules has done yet); the scores do not depend on it.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")

import click  # noqa: E402

from naba import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="naba")
def main() -> None:
    """naba: Arabic news information-extraction benchmark."""


def _register() -> None:
    """Attach the commands of every area; a missing module is an error, never skipped."""
    import importlib

    for module_name in ("naba.cli.gold", "naba.cli.build", "naba.cli.evaluate", "naba.cli.run", "naba.cli.check", "naba.cli.reproduce",
                        "naba.cli.export", "naba.cli.inspect"):
        module = importlib.import_module(module_name)
        for command in module.COMMANDS:
            main.add_command(command)


_register()
