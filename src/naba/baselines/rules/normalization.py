"""The normalised, tokenised view every rule works on, with offsets back to the original.

Rules match on ``naba.common.arabic.normalize_with_map`` output (hamza/alef forms, alef
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
import operator
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress, repeat
from typing import Callable, Final, Iterable, Iterator, Mapping, NamedTuple, Sequence

from naba.common.arabic import Normalized, normalize_char, normalize_with_map

_TOKEN_RE: Final = re.compile(r"[^\W_]+|\S", re.UNICODE)
_TOKEN_SPLIT_RE: Final = re.compile("(" + _TOKEN_RE.pattern + ")")
_WORD_SPLIT_RE: Final = re.compile(r"(\w+|\S)")  # the same split for a text without "_"
_SENTENCE_END_RE: Final = re.compile("[.!?؟]")  # sentence-final marks (a line break is a paragraph break)
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


#: str.translate table equal to naba.common.arabic.normalize_char over the Arabic block and
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
    """Same result as ``naba.common.arabic.normalize_with_map``, at C speed.

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


_DELETED_ORDER: Final = tuple(sorted(chr(k) for k, v in _TABLE.items() if v is None))
_SENTENCE_MARKS: Final = ".!?؟"  # sentence-final marks (a line break is a paragraph break)


def _tokenize(norm: str) -> tuple[list[str], list[int], list[bool]]:
    """Tokens of ``norm`` (the regex ``[^\\W_]+|\\S``: maximal runs of letters/digits, every
    other non-space character on its own), their offsets, and whether each is a word.

    Why not the regex itself: Python's regex engine costs hundreds of instructions per
    character here. Split on the space instead (a C scan): a piece made only of
    letters/digits is one word token at an offset given by the running length of the
    pieces; only the other pieces (punctuation attached to a word, other white space,
    empty) are taken apart (``str.isalnum``/``str.isspace`` are the regex's ``[^\\W_]``
    and ``\\s``).
    """
    pieces = norm.split(" ")
    count = len(pieces)
    # start of piece k = total length of the pieces before it + k separating spaces
    offsets = list(map(operator.add, accumulate(map(len, pieces), initial=0), range(count + 1)))
    norms: list[str] = []
    starts: list[int] = []
    words: list[bool] = []
    done = 0
    for k in compress(range(count), map(operator.not_, map(str.isalnum, pieces))):
        if k > done:  # pieces done..k-1 are words
            norms += pieces[done:k]
            starts += offsets[done:k]
            words += _TRUES[: k - done] if k - done <= len(_TRUES) else [True] * (k - done)
        piece = pieces[k]
        if piece:
            _split_piece(piece, offsets[k], norms, starts, words)
        done = k + 1
    if done < count:
        norms += pieces[done:]
        starts += offsets[done:count]
        words += [True] * (count - done)
    return norms, starts, words


_TRUES: Final = [True] * 64
#: punctuation that usually clings to a word ("موسكو،" / "«نعم»" / "(رويترز)")
_CLINGING: Final = ".,،:;؛!?؟\"'()[]{}«»“”<>-—–…/|*#@%+=~^`&$"


def _split_piece(piece: str, base: int, norms: list[str], starts: list[int], words: list[bool]) -> None:
    """Append the tokens of a space-free ``piece`` starting at ``base`` (see ``_tokenize``)."""
    core = piece.strip(_CLINGING)
    if core.isalnum():  # the usual case: a word with punctuation before and/or after it
        lead = len(piece) - len(piece.lstrip(_CLINGING))
        for i in range(lead):
            norms.append(piece[i])
            starts.append(base + i)
            words.append(False)
        norms.append(core)
        starts.append(base + lead)
        words.append(True)
        for i in range(lead + len(core), len(piece)):
            norms.append(piece[i])
            starts.append(base + i)
            words.append(False)
        return
    if "\n" in piece:
        # words joined by a line break ("كلمة.\n\nكلمة": a paragraph break without a space): no
        # token spans white space, so each part between line breaks is split on its own; why?
        # The character-by-character loop below tested every letter of both words in Python.
        for part in piece.split("\n"):
            if part:
                if part.isalnum():
                    norms.append(part)
                    starts.append(base)
                    words.append(True)
                else:
                    _split_piece(part, base, norms, starts, words)
            base += len(part) + 1
        return
    size = len(piece)
    i = 0
    while i < size:  # anything else, character by character
        char = piece[i]
        if char.isalnum():
            j = i + 1
            while j < size and piece[j].isalnum():
                j += 1
            norms.append(piece[i:j])
            starts.append(base + i)
            words.append(True)
            i = j
        else:
            if not char.isspace():
                norms.append(char)
                starts.append(base + i)
                words.append(False)
            i += 1


def _find_all(text: str, char: str) -> Iterator[int]:
    """Every offset of ``char`` in ``text`` (str.find: a C scan, no regex)."""
    pos = text.find(char)
    while pos >= 0:
        yield pos
        pos = text.find(char, pos + 1)


def _shifted(positions: list[int], shifts: list[int], back: int) -> list[int]:
    """Original offsets of normalised ``positions`` (sorted) given the normalised positions
    of the deleted characters (``View._shifts``); ``back=1`` maps an end through the
    character before it. The shift is constant between two deletions: one slice each."""
    out: list[int] = []
    done = 0
    shift = 0
    for q in sorted(set(shifts)):
        k = bisect.bisect_left(positions, q + back, done)  # positions before k map with the old shift
        out += map(operator.add, positions[done:k], repeat(shift, k - done)) if shift else positions[done:k]
        done = k
        shift = bisect.bisect_right(shifts, q)
    out += map(operator.add, positions[done:], repeat(shift, len(positions) - done)) if shift else positions[done:]
    return out


def _runs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs [start, end) of consecutive offsets in sorted ``positions``."""
    start = previous = positions[0]
    for pos in positions[1:]:
        if pos != previous + 1:
            yield start, previous + 1
            start = pos
        previous = pos
    yield start, previous + 1


@lru_cache(maxsize=1 << 12)
def _set_bits(bits: int) -> tuple[int, ...]:
    """Positions of the bits set in ``bits``, lowest first (memoised: few distinct profiles)."""
    return tuple(k for k in range(bits.bit_length()) if bits >> k & 1)


def _numbering(starts: set[int], n: int) -> list[int]:
    """Segment number of each of ``n`` items, a new segment starting at each index of
    ``starts`` (as ``accumulate`` over booleans gives it: the first entry is ``False``)."""
    out: list[int] = []
    previous = 0
    for number, k in enumerate(sorted(starts)):
        out.extend([number] * (k - previous))
        previous = k
    out.extend([len(starts)] * (n - previous))
    if out:
        out[0] = False  # accumulate() returns the first boolean itself
    return out


#: ``View.positions_of`` tests every token instead of scanning the text per form beyond this many
#: characters scanned per token (measured over the benchmark's documents: 50 halves the cost of
#: the calls that switch, 20 to 100 all do about as well)
_SCAN_PER_TOKEN: Final = 50


class View:
    """A document's normalised tokens with paragraph and sentence indices.

    Stored column-wise (``norms``, ``starts``, ``ends``, ``paragraphs``,
    ``sentences``, ``words``: one list each, indexed by token number) and built
    with C-level operations (one ``re.split``, ``accumulate``, ``map``): why? A
    view per document used to allocate one tuple per token, and building them
    plus the garbage collector's work on them was a third of the rule system's
    time (benchmarks/bench_rules.py). The rules read the columns; ``tokens``
    (``Token`` tuples, equal to what the view always gave) is built on first
    access for code that wants whole tokens.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # fold (one character to one, and no fold yields a folded character, so the
        # replacements commute), then delete harakat/tatweel; ``in`` and ``replace`` are C
        # scans, while iterating the text would build a string object per character
        norm = text
        for char, replacement in _FOLDS:
            if char in norm:
                norm = norm.replace(char, replacement)
        deleted = [char for char in _DELETED_ORDER if char in text]
        #: normalised position q of each deleted character (non-decreasing): the original
        #: offset of normalised position p is p + (number of entries <= p)
        shifts: list[int] = []
        positions: list[int] = []
        if deleted:
            positions = sorted(p for char in deleted for p in _find_all(text, char))
            shifts = [p - j for j, p in enumerate(positions)]
            for char in deleted:
                norm = norm.replace(char, "")
        norms, nstarts, words = _tokenize(norm)
        n_tokens = len(norms)
        nends = list(map(operator.add, nstarts, map(len, norms)))
        if not shifts:  # nothing deleted: normalised offsets are original offsets
            starts = nstarts
            ends = nends
        else:
            starts = _shifted(nstarts, shifts, 0)
            ends = _shifted(nends, shifts, 1)  # the end maps through the token's last character
            # trailing harakat/tanween/tatweel belong to the word (غداً)
            plain_ends = ends[:]
            for run_start, run_end in _runs(positions):
                k = bisect.bisect_left(plain_ends, run_start)
                if k < n_tokens and plain_ends[k] == run_start:
                    ends[k] = run_end
        # a line break between two tokens starts a new paragraph (and a new sentence)
        breaks: set[int] = set()
        for newline in _find_all(text, "\n"):
            k = bisect.bisect_left(starts, newline)  # first token after the line break
            if 0 < k < n_tokens:
                breaks.add(k)
        new_sentence = set(breaks)
        self._norm = norm
        for mark in _SENTENCE_MARKS:  # each mark is a one-character token
            for pos in _find_all(norm, mark):
                k = bisect.bisect_left(nstarts, pos)
                if k + 1 < n_tokens and not (mark == "." and self._inside_number(pos)):
                    new_sentence.add(k + 1)
        self.n: int = n_tokens
        #: normalised form of each token
        self.norms: list[str] = norms
        #: original offsets of each token, half-open
        self.starts: list[int] = starts
        self.ends: list[int] = ends
        #: paragraph and sentence number of each token (never decreasing)
        self.paragraphs: list[int] = _numbering(breaks, n_tokens)
        self.sentences: list[int] = _numbering(new_sentence, n_tokens)
        #: letters/digits, not punctuation (a word token is all alphanumeric, a punctuation token is one other character)
        self.words: list[bool] = words
        self._shifts = shifts
        self._nstarts = nstarts
        self._starts = starts
        self._indexed: dict[Callable[[str], object], list[int]] = {}
        self._positions: dict[frozenset[str], list[int]] = {}

    @cached_property
    def normalized(self) -> Normalized:
        """The folded text with its full offset map (``naba.common.arabic.normalize_with_map``)."""
        return fast_normalize_with_map(self.text)

    def positions_of(self, forms: frozenset[str] | set[str]) -> list[int]:
        """Sorted indices of the tokens whose normalised form is in ``forms``.

        Found by searching the normalised text for each form (a C scan) and keeping
        the occurrences that are a whole token: no pass over the tokens. The ``str.find``
        loop is written out rather than taken from ``_find_all``: most forms of a set are
        absent from the text, and a generator per form cost more than its one failed scan.

        A large set (``len(forms)`` text scans of more than ``_SCAN_PER_TOKEN`` characters per
        token) is instead tested token by token in C (``compress`` over ``forms.__contains__``):
        why? One scan per form costs a pass over the text each, plus Python work at every place
        a form occurs *inside* a word; short forms (ان، الذي، punctuation) occur in many words,
        and a dozen of them cost several times the one membership test per token. Both give the
        same list: a token's form is never empty nor blank, and a whole-token occurrence of a
        form is exactly a token whose form is in ``forms``.
        """
        if len(forms) * len(self._norm) > _SCAN_PER_TOKEN * self.n:
            return list(compress(range(self.n), map(forms.__contains__, self.norms)))
        out: list[int] = []
        norms = self.norms
        nstarts = self._nstarts
        find = self._norm.find
        bisect_left = bisect.bisect_left
        n = self.n
        for form in forms:
            pos = find(form)
            if pos < 0 or not form or form.isspace():
                continue
            while pos >= 0:
                k = bisect_left(nstarts, pos)
                if k < n and nstarts[k] == pos and norms[k] == form:
                    out.append(k)
                pos = find(form, pos + 1)
        if len(forms) > 1:
            out.sort()
        return out

    def positions_ending_with(self, forms: frozenset[str] | set[str], cores: Iterable[str]) -> list[int]:
        """``positions_of(forms)`` when every form of ``forms`` ends with one of ``cores`` (the
        caller's promise): one scan of the text per core instead of one per form.

        Why: a name's clitic forms (و/ف, ب/ل/ك, لل: a dozen per name) all end with the name, so
        a token holding one of them ends with an occurrence of the name; each occurrence is
        kept when it ends the token that contains it and that token's form is in ``forms``.
        An empty or blank core would match everywhere: then the forms are searched one by one.
        """
        cores = set(cores)
        if any(not core or core.isspace() for core in cores):
            return self.positions_of(forms)
        out: list[int] = []
        norms = self.norms
        nstarts = self._nstarts
        find = self._norm.find
        bisect_right = bisect.bisect_right
        for core in cores:
            size = len(core)
            pos = find(core)
            while pos >= 0:
                k = bisect_right(nstarts, pos) - 1  # the token starting at or before pos
                if k >= 0 and nstarts[k] + len(norms[k]) == pos + size and norms[k] in forms:
                    out.append(k)
                pos = find(core, pos + 1)
        if len(cores) > 1:
            out = sorted(set(out))  # a token can end with two cores (one a suffix of the other)
        return out

    def contains(self, fragment: str) -> bool:
        """Whether the normalised text contains ``fragment`` anywhere (one C scan): a pass that
        needs a word ending with ``fragment`` can stop before any other work when it does not."""
        return fragment in self._norm

    def cached_positions(self, forms: frozenset[str]) -> list[int]:
        """``positions_of(forms)``, computed once per view and form set."""
        found = self._positions.get(forms)
        if found is None:
            found = self._positions[forms] = self.positions_of(forms)
        return found

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens as ``Token`` tuples (built on first access; the rules read the columns)."""
        text = self.text
        new = tuple.__new__  # NamedTuple's own __new__ parses arguments in Python: 3x slower
        return tuple(
            new(Token, (k, surf, start, end, para, sent, text[start:end], word))
            for k, (surf, start, end, para, sent, word) in enumerate(zip(self.norms, self.starts, self.ends, self.paragraphs, self.sentences, self.words))
        )

    @cached_property
    def by_norm(self) -> Mapping[str, list[int]]:
        """Word tokens grouped by normalised form (built on first access)."""
        by_norm: dict[str, list[int]] = {}
        for k in compress(range(self.n), self.words):
            surf = self.norms[k]
            found = by_norm.get(surf)
            if found is None:
                by_norm[surf] = [k]
            else:
                found.append(k)
        return by_norm

    def raw(self, i: int) -> str:
        """The original characters of token ``i`` (diacritics included)."""
        return self.text[self.starts[i] : self.ends[i]]

    def definite(self, i: int) -> bool:
        """Token ``i`` begins with the article ال (آليات begins with آ, not with the article)."""
        return self.norms[i].startswith("ال") and not self.text.startswith("آ", self.starts[i])

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
        return self.positions_of({norm for norm in self.vocabulary if predicate(norm)})

    def indexed(self, predicate: Callable[[str], object]) -> list[int] | None:
        """``positions(predicate)`` when ``index_predicates`` indexed it, else None (the caller then
        tests its few words itself instead of having every word of the document tested)."""
        return self._indexed.get(predicate)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The distinct normalised forms of the word tokens."""
        return frozenset(compress(self.norms, self.words))

    def index_predicates(self, predicates: Sequence[Callable[[str], object]], profile: Callable[[str], int]) -> None:
        """Answer ``positions(predicates[k])`` from one pass: ``profile(norm)`` has bit k set
        when ``predicates[k](norm)`` holds (a memoised profile tests each word once per process)."""
        profiles = list(map(profile, compress(self.norms, self.words)))
        lists: list[list[int]] = [[] for _ in predicates]
        appends = [hits.append for hits in lists]
        # the word tokens some predicate holds for, in text order, with their profiles
        for i, bits in zip(compress(compress(range(self.n), self.words), profiles), filter(None, profiles)):
            for k in _set_bits(bits):
                appends[k](i)
        self._indexed = dict(zip(predicates, lists))

    def _inside_number(self, pos: int) -> bool:
        norm = self._norm
        return 0 < pos < len(norm) - 1 and norm[pos - 1].isdecimal() and norm[pos + 1].isdecimal()

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._starts, offset)

    def stripped_start(self, token: Token, cut: int) -> int:
        """Original offset of the ``cut``-th normalised character of ``token``."""
        return self.stripped_start_at(token.index, cut)

    def stripped_start_at(self, i: int, cut: int) -> int:
        """Original offset of the ``cut``-th normalised character of token ``i``.

        Goes through the normalised characters so that a diacritic after a clitic
        (وَ) is skipped correctly.
        """
        if cut == 0:
            return self.starts[i]
        pos = self._nstarts[i] + cut
        return pos + bisect.bisect_right(self._shifts, pos) if self._shifts else pos

    def paragraph_tokens(self) -> list[list[Token]]:
        out: list[list[Token]] = []
        for tok in self.tokens:
            while len(out) <= tok.paragraph:
                out.append([])
            out[tok.paragraph].append(tok)
        return out


_new_tuple: Final = tuple.__new__  # builds a NamedTuple without its Python-level __new__


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
        #: first two tokens of every longer phrase: a cheap test before building longer keys
        self._pairs: frozenset[tuple[str, str]] = frozenset((p[0], p[1]) for p in self._phrases if len(p) > 1)
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
        if not view.words[index]:
            return None
        norms = view.norms
        word = norms[index]
        n = view.n
        paragraphs = view.paragraphs
        best: PhraseMatch | None = None
        best_length = 0
        if strip:
            readings = self._readings.get(word)
            if readings is None:
                readings = self.readings(word)
        else:
            readings = ((0, word, self._lengths[word]),) if word in self._lengths else ()
        following = norms[index + 1] if index + 1 < n else None
        for cut, stem, lengths in readings:
            longer = (stem, following) in self._pairs
            for length in lengths:
                last = index + length - 1
                if last >= n or (best is not None and length <= best_length):
                    continue
                if length > 1 and not longer:
                    continue  # no phrase of two or more tokens starts with these two
                key = (stem, *norms[index + 1 : last + 1]) if length > 1 else (stem,)
                # paragraphs never decrease: same paragraph at both ends = one paragraph throughout
                if key in self._phrases and paragraphs[last] == paragraphs[index]:
                    start = view.starts[index] if cut == 0 else view.stripped_start_at(index, cut)
                    best = _new_tuple(PhraseMatch, (index, last, cut, key, start, view.ends[last]))
                    best_length = length
                    break
        return best

    def find_all(self, view: View, *, strip: bool = True) -> list[PhraseMatch]:
        """Non-overlapping longest matches, left to right."""
        out: list[PhraseMatch] = []
        i = 0
        n = view.n
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
