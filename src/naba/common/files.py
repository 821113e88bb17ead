"""Reading a file that a user named: only a regular file, only up to a size, never a hang.

A FIFO or a device (``/dev/zero``) given where a file is expected would block or never end; a
huge file would exhaust memory. Every reader of user-named files that is not a record or a
submission (those have located problems of their own) goes through ``read_regular_text``.
"""

from __future__ import annotations

import stat
from pathlib import Path


class FileReadError(ValueError):
    """The file cannot be read as asked; the message says why, naming the file."""


def read_regular_text(path: Path, *, limit: int, what: str) -> str:
    """UTF-8 text of ``path`` if it is a regular file of at most ``limit`` bytes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileReadError(f"{path}: no such {what}") from None
    except OSError as err:
        raise FileReadError(f"{path}: cannot read the {what}: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileReadError(f"{path}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise FileReadError(f"{path}: not a regular file (a FIFO or a device), not a {what}")
    if info.st_size > limit:
        raise FileReadError(f"{path}: {info.st_size} bytes, larger than the {limit} bytes a {what} may have")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise FileReadError(f"{path}: the {what} is not UTF-8 (byte {err.start})") from None
    except OSError as err:
        raise FileReadError(f"{path}: cannot read the {what}: {err.strerror or err}") from None
