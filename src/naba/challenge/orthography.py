"""Orthography: the spelling variation real Arabic writers produce, seeded and deterministic.

Each variation is a named kind with a rate (the share of eligible places it touches):

- ``diacritics``: a short vowel, tanwin or shadda on a consonant inside a word (one per word);
- ``tatweel``: the kashida ـ between two joining letters (one per word);
- ``hamza``: أ إ آ written as bare alef ا at the start of a word (a very common omission);
- ``yaa``: word-final ى and ي exchanged (Egyptian print writes final ي as ى, others the reverse);
- ``taa_marbuta``: word-final ة written as ه;
- ``quotes``: the text's quotation marks in another style (« », "", ‹ ›; rate ignored: all of them);
- ``comma``: the Arabic comma ، as a Latin comma, or the reverse, in Arabic-script context.

Substitutions keep every offset. Insertions (diacritics, tatweel) are placed only where no
annotated span starts or ends, so each belongs unambiguously inside or outside every span.
"""

from __future__ import annotations

import random
import re
from typing import Literal

from naba.challenge.edits import Edit, OffsetMap, apply_edits, insertion_allowed, span_boundaries
from naba.gold.model import Record

Kind = Literal["diacritics", "tatweel", "hamza", "yaa", "taa_marbuta", "quotes", "comma"]
QuoteStyle = Literal["guillemets", "straight", "single_guillemets"]

_ARABIC_LETTER = "[\u0621-\u064a]"
_HARAKAT = ("\u064e", "\u064f", "\u0650", "\u0651", "\u064b")  # fatha, damma, kasra, shadda, fathatan
#: Letters that join to the following letter (a kashida may follow them).
_JOINING = set("بتثجحخسشصضطظعغفقكلمنهيئ")
#: Letters a short vowel or shadda is written on (not the long vowels, alef maqsura, taa marbuta, hamza).
_CONSONANTS = set("بتثجحخدذرزسشصضطظعغفقكلمنه")
_ALEFS = set("اأإآ")
_STYLES: dict[str, tuple[str, str]] = {"guillemets": ("«", "»"), "straight": ('"', '"'), "single_guillemets": ("‹", "›")}


def _sample(rng: random.Random, places: list[int], rate: float) -> list[int]:
    """A seeded subset of ``places`` of size round(rate * len), in text order."""
    count = round(rate * len(places))
    return sorted(rng.sample(places, count)) if count else []


def _places(kind: Kind, text: str, boundaries: frozenset[int]) -> list[int]:
    if kind in ("diacritics", "tatweel"):
        # one place per word: after the word's first consonant (diacritics) or joining letter
        # (tatweel) that another letter follows, where no span starts or ends
        eligible = _CONSONANTS if kind == "diacritics" else _JOINING
        places = []
        for word in re.finditer(rf"{_ARABIC_LETTER}+", text):
            for index in range(word.start(), word.end() - 1):
                if text[index] in eligible and insertion_allowed(boundaries, index + 1) and not (
                    kind == "tatweel" and text[index + 1] in _ALEFS  # a kashida never splits lam-alef
                ):
                    places.append(index + 1)
                    break
        return places
    if kind == "hamza":
        return [m.start(1) for m in re.finditer(r"(?<![\w])(?:ال|[وفبلك]|وال|بال|فال)?([أإآ])", text)]
    if kind == "yaa":
        return [m.start() for m in re.finditer(r"[ىي](?![\w])", text) if m.start() > 0 and re.match(_ARABIC_LETTER, text[m.start() - 1])]
    if kind == "taa_marbuta":
        return [m.start() for m in re.finditer(r"ة(?![\w])", text)]
    if kind == "comma":
        return [m.start() for m in re.finditer(r"،", text)]
    raise ValueError(f"unknown kind {kind!r}")  # pragma: no cover - Literal-typed callers


def orthography(record: Record, kind: Kind, rate: float, seed: int, quote_style: QuoteStyle = "guillemets") -> tuple[Record, OffsetMap]:
    """The record with one kind of spelling variation applied (see the module docstring)."""
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be within [0, 1], got {rate}")
    text = record.document.text
    rng = random.Random(f"{kind}:{seed}")
    edits: list[Edit] = []
    if kind == "quotes":
        opening, closing = _STYLES[quote_style]
        edits = [Edit(m.start(), m.end(), opening if m.group(0) == "“" else closing) for m in re.finditer("[“”]", text)]
        return apply_edits(record, edits)
    boundaries = span_boundaries(record)
    for place in _sample(rng, _places(kind, text, boundaries), rate):
        if kind == "diacritics":
            edits.append(Edit(place, place, rng.choice(_HARAKAT)))
        elif kind == "tatweel":
            edits.append(Edit(place, place, "ـ"))
        elif kind == "hamza":
            edits.append(Edit(place, place + 1, "ا"))
        elif kind == "yaa":
            edits.append(Edit(place, place + 1, "ي" if text[place] == "ى" else "ى"))
        elif kind == "taa_marbuta":
            edits.append(Edit(place, place + 1, "ه"))
        elif kind == "comma":
            edits.append(Edit(place, place + 1, ","))
    return apply_edits(record, edits)
