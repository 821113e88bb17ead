"""The normalised, tokenised view every rule works on, with offsets back to the original.

Rules match on ``naba.arabic.normalize_with_map`` output (hamza/alef forms, alef
maqsura, taa marbuta, diacritics, tatweel and Eastern digits folded) so that one
lexicon entry covers all spellings; every span a rule produces is mapped back
through ``Normalized.to_original`` to the untouched document text.

Proclitics: Arabic writes the conjunctions و ف, the prepositions ب ل ك and the
fused ل+ال (لل) as part of the next word. The gold excludes them from spans, so a
match found on a *stem* ("بالكرملين" -> "الكرملين") starts after the clitics.
``stems`` lists the readings of a token from the least to the most stripped; a
lexicon lookup tries them in that order, so a name that really begins with one
of these letters (واشنطن، بريطانيا، لبنان) is found whole before any stripping.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Final, Iterable, Mapping, NamedTuple, Sequence

from naba.arabic import Normalized, normalize_char, normalize_with_map

_TOKEN_RE: Final = re.compile(r"[^\W_]+|\S", re.UNICODE)
_SENTENCE_END: Final = frozenset(".!?؟\n")
_NEWLINE_RE: Final = re.compile("\n")
_CONJUNCTIONS: Final = ("و", "ف")
_PREPOSITIONS: Final = ("ب", "ل", "ك")


class Token(NamedTuple):
    """A word or punctuation character of the normalised view.

    A NamedTuple rather than a frozen dataclass: views build one per token and
    tuple construction is several times cheaper (see benchmarks/bench_rules.py).
    """

    index: int
    norm: str
    start: int  # original offsets, half-open
    end: int
    paragraph: int
    sentence: int
    raw: str  # the original characters (diacritics included)
    is_word: bool  # letters/digits, not punctuation

    @property
    def definite(self) -> bool:
        """Begins with the article ال (آليات begins with آ, not with the article)."""
        return self.norm.startswith("ال") and not self.raw.startswith("آ")


@lru_cache(maxsize=1 << 16)
def stems(word: str) -> tuple[tuple[int, str], ...]:
    """Readings of ``word`` as (number of clitic characters stripped, stem).

    Order: unstripped first, then conjunction only, then conjunction +
    preposition. ``لل`` is read as ل + ال (the article's alef is not written), so
    its stem gets the article back: "للولايات" -> (2, "الولايات").
    """
    out: list[tuple[int, str]] = [(0, word)]
    bases: list[tuple[int, str]] = [(0, word)]
    if len(word) > 3 and word[0] in _CONJUNCTIONS:
        out.append((1, word[1:]))
        bases.append((1, word[1:]))
    for cut, base in bases:
        if len(base) > 4 and base.startswith("لل"):
            out.append((cut + 2, "ال" + base[2:]))
        if len(base) > 3 and base[0] in _PREPOSITIONS:
            out.append((cut + 1, base[1:]))
    return tuple(out)


#: str.translate table equal to naba.arabic.normalize_char over the Arabic block and
#: the characters it folds; checked against normalize_with_map in the tests.
_TABLE: Final = {
    ord(ch): (normalize_char(ch) or None)
    for ch in [chr(c) for c in range(0x0600, 0x0700)] + [chr(c) for c in range(0x06F0, 0x06FA)] + list("“”«»„") + [chr(c) for c in range(0x06D6, 0x06EE)] + ["\u0670", "\u0640"]
    if normalize_char(ch) != ch
}
_DELETED_RE: Final = re.compile("[" + "".join(re.escape(chr(k)) for k, v in _TABLE.items() if v is None) + "]")
_DELETED_RUN_RE: Final = re.compile(_DELETED_RE.pattern + "+")
_FOLDS: Final = tuple((chr(k), v) for k, v in sorted(_TABLE.items()) if v is not None)


def fast_normalize_with_map(text: str) -> Normalized:
    """Same result as ``naba.arabic.normalize_with_map``, at C speed.

    Every fold is one character to one character and the only other change is
    deletion, so the folded string is a chain of ``str.replace`` (ten times faster
    than ``str.translate`` with a dict here) followed by the deletions, and the
    offset map is the identity with the deleted positions skipped.
    """
    folded = text
    for char, replacement in _FOLDS:
        if char in folded:  # a C-speed scan; most folds are absent from most texts
            folded = folded.replace(char, replacement)
    if _DELETED_RE.search(folded) is None:
        return Normalized(folded, tuple(range(len(text))), len(text))
    folded = _DELETED_RE.sub("", folded)
    origin: list[int] = []
    cursor = 0
    for match in _DELETED_RE.finditer(text):
        origin.extend(range(cursor, match.start()))
        cursor = match.end()
    origin.extend(range(cursor, len(text)))
    return Normalized(folded, tuple(origin), len(text))


class View:
    """A document's normalised tokens with paragraph and sentence indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.normalized: Normalized = fast_normalize_with_map(text)
        norm = self.normalized.text
        origin = self.normalized.origin
        matches = list(_TOKEN_RE.finditer(norm))
        surfaces = [m.group() for m in matches]
        starts = [origin[m.start()] for m in matches]
        ends = [origin[m.end() - 1] + 1 for m in matches]
        if len(norm) != len(text):  # trailing harakat/tanween/tatweel belong to the word (غداً)
            token_ending_at = {end: k for k, end in enumerate(ends)}
            for deleted in _DELETED_RUN_RE.finditer(text):
                k = token_ending_at.get(deleted.start())
                if k is not None:
                    ends[k] = deleted.end()
        # a line break between two tokens starts a new paragraph (and a new sentence)
        n_tokens = len(matches)
        breaks = [False] * n_tokens
        for newline in _NEWLINE_RE.finditer(text):
            k = bisect.bisect_left(starts, newline.start())  # first token after the line break
            if 0 < k < n_tokens:
                breaks[k] = True
        new_sentence = breaks[:]
        for k, surf in enumerate(surfaces):
            if surf in _SENTENCE_END and k + 1 < n_tokens and not (surf == "." and self._inside_number(matches[k].start())):
                new_sentence[k + 1] = True
        paragraphs = list(accumulate(breaks))
        sentences = list(accumulate(new_sentence))
        new = tuple.__new__  # NamedTuple's own __new__ parses arguments in Python: 3x slower
        tokens = [
            new(Token, (k, surf, start, end, para, sent, text[start:end], surf[0].isalnum()))
            for k, (surf, start, end, para, sent) in enumerate(zip(surfaces, starts, ends, paragraphs, sentences))
        ]
        self.tokens: tuple[Token, ...] = tuple(tokens)
        self._starts = [t.start for t in tokens]
        by_norm: dict[str, list[int]] = {}
        for k, surf in enumerate(surfaces):
            if surf[0].isalnum():
                found = by_norm.get(surf)
                if found is None:
                    by_norm[surf] = [k]
                else:
                    found.append(k)
        #: word tokens grouped by normalised form: a rule tests each distinct word once
        self.by_norm: Mapping[str, list[int]] = by_norm
        self._indexed: dict[Callable[[str], object], list[int]] = {}

    def positions(self, predicate: Callable[[str], object]) -> list[int]:
        """Sorted indices of the word tokens whose normalised form satisfies ``predicate``.

        Why: every rule starts from a few trigger words (a title, a cue, a month…);
        testing the document's distinct words once and visiting only the hits is
        several times cheaper than walking every token in every pass. Predicates
        indexed by ``index_predicates`` are answered from that index.
        """
        indexed = self._indexed.get(predicate)
        if indexed is not None:
            return indexed
        hits = [i for norm, indices in self.by_norm.items() if predicate(norm) for i in indices]
        hits.sort()
        return hits

    def index_predicates(self, predicates: Sequence[Callable[[str], object]], profile: Callable[[str], int]) -> None:
        """Answer ``positions(predicates[k])`` from one pass: ``profile(norm)`` has bit k set
        when ``predicates[k](norm)`` holds (a memoised profile tests each word once per process)."""
        lists: list[list[int]] = [[] for _ in predicates]
        for norm, indices in self.by_norm.items():
            bits = profile(norm)
            k = 0
            while bits:
                if bits & 1:
                    lists[k].extend(indices)
                bits >>= 1
                k += 1
        for hits in lists:
            hits.sort()
        self._indexed = dict(zip(predicates, lists))

    def _inside_number(self, pos: int) -> bool:
        norm = self.normalized.text
        return 0 < pos < len(norm) - 1 and norm[pos - 1].isdigit() and norm[pos + 1].isdigit()

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._starts, offset)

    def stripped_start(self, token: Token, cut: int) -> int:
        """Original offset of the ``cut``-th normalised character of ``token``.

        Walks the normalised characters so that a diacritic after a clitic
        (وَ) is skipped correctly.
        """
        if cut == 0:
            return token.start
        nstart = bisect.bisect_left(self.normalized.origin, token.start)
        return self.normalized.origin[nstart + cut]

    def paragraph_tokens(self) -> list[list[Token]]:
        out: list[list[Token]] = []
        for tok in self.tokens:
            while len(out) <= tok.paragraph:
                out.append([])
            out[tok.paragraph].append(tok)
        return out


class PhraseMatch(NamedTuple):
    """A lexicon phrase found at tokens [first, last] with clitics stripped."""

    first: int
    last: int
    cut: int
    key: tuple[str, ...]
    start: int
    end: int


class PhraseIndex:
    """Longest-match lookup of multi-token phrases (keys: tuples of normalised tokens)."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self._phrases: frozenset[tuple[str, ...]] = frozenset(p for p in phrases if p)
        lengths: dict[str, set[int]] = {}
        for phrase in self._phrases:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        self._lengths: Mapping[str, tuple[int, ...]] = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self._readings: dict[str, tuple[tuple[int, str, tuple[int, ...]], ...]] = {}

    def readings(self, word: str) -> tuple[tuple[int, str, tuple[int, ...]], ...]:
        """(cut, stem, phrase lengths) of the readings of ``word`` that start a phrase (memoised)."""
        found = self._readings.get(word)
        if found is None:
            found = tuple((cut, stem, self._lengths[stem]) for cut, stem in stems(word) if stem in self._lengths)
            self._readings[word] = found
        return found

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self._phrases

    def match_at(self, view: View, index: int, *, strip: bool = True) -> PhraseMatch | None:
        """The longest phrase starting at token ``index`` (first token read through
        ``stems`` when ``strip``); ties go to the reading with fewer clitics."""
        tokens = view.tokens
        first = tokens[index]
        if not first.is_word:
            return None
        best: PhraseMatch | None = None
        readings = self.readings(first.norm) if strip else tuple((0, first.norm, self._lengths[first.norm]) for _ in (0,) if first.norm in self._lengths)
        for cut, stem, lengths in readings:
            for length in lengths:
                last = index + length - 1
                if last >= len(tokens) or (best is not None and length <= best.last - best.first + 1):
                    continue
                key = (stem,) + tuple(t.norm for t in tokens[index + 1 : last + 1])
                if key in self._phrases and all(t.paragraph == first.paragraph for t in tokens[index : last + 1]):
                    start = view.stripped_start(first, cut)
                    best = PhraseMatch(index, last, cut, key, start, tokens[last].end)
                    break
        return best

    def find_all(self, view: View, *, strip: bool = True) -> list[PhraseMatch]:
        """Non-overlapping longest matches, left to right."""
        out: list[PhraseMatch] = []
        i = 0
        n = len(view.tokens)
        if not strip:
            while i < n:
                found = self.match_at(view, i, strip=False)
                if found is None:
                    i += 1
                else:
                    out.append(found)
                    i = found.last + 1
            return out
        for index in view.positions(self.readings):
            if index < i:
                continue  # inside the previous match
            found = self.match_at(view, index)
            if found is not None:
                out.append(found)
                i = found.last + 1
        return out
