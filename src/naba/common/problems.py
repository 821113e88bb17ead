"""The one shape every validation problem takes, at every boundary.

A problem names the file, the line, the field (a dotted path) and the bad value,
so that a user can go straight to it. Validators *collect* problems and return
them all; only the CLI turns a non-empty list into a non-zero exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from naba.common.jsonpos import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    value: str
    message: str
    code: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message} [{self.code}] (value: {self.value})"


def dotted(path: Path) -> str:
    """``("entities", 3, "start")`` -> ``entities[3].start``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<root>"


def short(value: object, limit: int = 80) -> str:
    """A bounded repr for messages: long texts must not flood the report."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def render(problems: Iterable[Problem]) -> str:
    items = list(problems)
    lines = [str(p) for p in items]
    lines.append(f"{len(items)} problem(s)")
    return "\n".join(lines)
