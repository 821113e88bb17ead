"""Line numbers for paths inside a JSON document.

Problem reports must name the file *and line* of a bad value. ``json`` does not
keep positions, so after a document parses we scan it once more and record the
line on which each value starts, keyed by its path (``("entities", 3, "start")``).
"""

from __future__ import annotations

import json
from typing import Final

Path = tuple[str | int, ...]

_WS: Final = " \t\n\r"
_SCANNER: Final = json.JSONDecoder()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[Path, int] = {}
        self._line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def _line(self, pos: int) -> int:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def _skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in _WS:
            pos += 1
        return pos

    def value(self, pos: int, path: Path) -> int:
        pos = self._skip(pos)
        self.lines[path] = self._line(pos)
        char = self.text[pos]
        if char == "{":
            pos = self._skip(pos + 1)
            if self.text[pos] == "}":
                return pos + 1
            while True:
                key, pos = _SCANNER.raw_decode(self.text, self._skip(pos))
                pos = self._skip(pos) + 1  # the colon
                pos = self._skip(self.value(pos, path + (key,)))
                if self.text[pos] == "}":
                    return pos + 1
                pos += 1  # the comma
        if char == "[":
            pos = self._skip(pos + 1)
            if self.text[pos] == "]":
                return pos + 1
            index = 0
            while True:
                pos = self._skip(self.value(pos, path + (index,)))
                index += 1
                if self.text[pos] == "]":
                    return pos + 1
                pos += 1
        _, end = _SCANNER.raw_decode(self.text, pos)
        return end


def line_map(text: str) -> dict[Path, int]:
    """Map every path in the (already valid) JSON ``text`` to its 1-based line."""
    scanner = _Scanner(text)
    scanner.value(0, ())
    return scanner.lines


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
