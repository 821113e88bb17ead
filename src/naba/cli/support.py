"""Small helpers shared by the CLI command modules (kept apart from naba.cli to avoid import cycles)."""

from __future__ import annotations

import os
import sys

#: Exit codes of every command: success, a failed check or regression, bad input.
EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


def importable_from_cwd() -> None:
    """Let ``my_extractor:extract`` name a module in the current folder, as ``python -m`` would
    (a console script's sys.path starts at its own folder, not at the working directory).
    Called by the commands that take ``MODULE:CALLABLE`` (run, check), never at import."""
    cwd = os.getcwd()
    if "" not in sys.path and cwd not in sys.path:
        sys.path.insert(0, cwd)
