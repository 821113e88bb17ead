"""Arabic orthographic normalisation with an offset map back to the original.

Matching (baselines, string-only alignment, weekday checks) runs on a folded view
of the text, but every offset naba stores points into the original, unmodified
article. ``Normalized.to_original`` is the bridge: a half-open span over the
normalised string maps to a half-open span over the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Harakat, tanween, shadda, sukun, dagger alef, Quranic marks; plus tatweel.
_DELETE: Final[frozenset[str]] = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_FOLD: Final[dict[str, str]] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    **{chr(0x0660 + i): str(i) for i in range(10)},   # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},   # Eastern (Persian) digits
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"',
}


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised string plus, for each of its characters, the original index."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to the original."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize_char(char: str) -> str:
    """Fold one character; returns "" for characters that are deleted."""
    if char in _DELETE:
        return ""
    return _FOLD.get(char, char)


def normalize_with_map(text: str) -> Normalized:
    """Fold ``text`` (hamza/alef forms, alef maqsura, taa marbuta, diacritics,
    tatweel, Arabic-Indic and Eastern digits, curly quotes) and keep the map."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = normalize_char(char)
        if folded:
            chars.append(folded)
            origin.append(index)
    return Normalized("".join(chars), tuple(origin), len(text))


#: ``normalize_char`` as a ``str.translate`` table (every fold is one character to at most one).
_TRANSLATION: Final[dict[int, str | None]] = {**{ord(c): None for c in _DELETE}, **{ord(k): v for k, v in _FOLD.items()}}


def normalize(text: str) -> str:
    """The folded view of ``text`` without the offset map: ``normalize_char`` on every
    character, done by ``str.translate`` (in C; the scorer folds every speaker name)."""
    return text.translate(_TRANSLATION)
