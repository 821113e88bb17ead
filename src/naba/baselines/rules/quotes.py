"""Quotes: cue lexicon, quotation-mark pairing, content extent, speaker and relay.

GUIDELINES.md section 2, as rules:

* Quotation-mark pairs are found per paragraph. A pair around at most two
  words that directly follows a word other than a cue, a complementizer or a
  colon is a *name or scare quote* (وكالة “بلومبرغ”، موقفها “المتراخي”), never
  speech.
* A cue is a speech verb, participle or noun (lexicons.SPEECH_*), or
  ``القول``. Its content starts after a complementizer (أن/إن/بأن/أنه …, also
  after إلى/على/من), after a colon, or at an opening quotation mark found in
  the same sentence before any other cue. No such opening: no quote (``أعلن عن
  زيارته``, ``حذرتها من التدخل`` have no propositional content).
* The content runs to the end of the clause: the sentence end outside any open
  quotation, or a comma followed by another cue or by the narrator's ``وذلك``.
  ``وأن`` inside the content starts a further span of the same quote.
  Complementizer, colon, edge quotation marks and final punctuation are outside.
* Kind: all content words inside quotation marks -> direct; none -> indirect;
  both -> mixed.
* Speaker: in ``نقل … عن Y قوله`` the speaker is Y and the relaying subject is
  the relay; with ``نقلا عن Y`` likewise. Otherwise the first person mention
  (else the first non-nisba mention) between the cue and the content, not
  preceded by the preposition ل (an addressee). With no overt subject
  (``وأضاف أن``، ``مشيرا إلى أن``) the speaker is the running speaker of the
  discourse and no speaker mention is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from naba.arabic import normalize
from naba.baselines.rules import lexicons as lx
from naba.baselines.rules.entities import EntityLayer, Mention
from naba.baselines.rules.normalization import Token, View, stems

_QUOTE: Final = '"'
_SENTENCE_END: Final = frozenset(".!?؟")
_COMMAS: Final = frozenset("،,")
_NARRATOR_BREAKS: Final = frozenset(normalize(w) for w in ("وذلك", "ذلك"))


@dataclass(frozen=True, slots=True)
class Cues:
    verbs: frozenset[str]
    participles: frozenset[str]
    nouns: frozenset[str]
    relay_verbs: frozenset[str]
    complementizers: frozenset[str]
    prepositions: frozenset[str]

    def is_cue(self, stem: str) -> bool:
        return stem in self.verbs or stem in self.participles or stem in self.nouns or stem == "القول"


@lru_cache(maxsize=1)
def cues() -> Cues:
    def n(words: tuple[str, ...]) -> frozenset[str]:
        return frozenset(normalize(w) for w in words)

    return Cues(n(lx.SPEECH_VERBS), n(lx.SPEECH_PARTICIPLES), n(lx.SPEECH_NOUNS), n(lx.RELAY_VERBS), n(lx.COMPLEMENTIZERS), n(lx.CUE_PREPOSITIONS))


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    cue_index: int
    cue_start: int
    cue_end: int
    content: tuple[tuple[int, int], ...]  # original offsets
    content_tokens: tuple[int, int]  # first, last token index of the whole content region
    kind: str
    speaker: Mention | None  # overt speaker mention
    speaker_key: str | None
    relay_key: str | None
    region: tuple[int, int]  # tokens between cue and content (subject, circumstantials)


def _cue_reading(tok: Token, c: Cues) -> tuple[int, str] | None:
    return _cue_of(tok.norm) if tok.is_word else None


@lru_cache(maxsize=1 << 16)
def _cue_of(norm: str) -> tuple[int, str] | None:
    """(cut, cue) of the first reading of ``norm`` that is a cue (memoised)."""
    c = cues()
    for cut, stem in stems(norm):
        if c.is_cue(stem):
            return cut, stem
    return None


@lru_cache(maxsize=1 << 16)
def _is_complementizer(norm: str) -> bool:
    c = cues()
    return any(stem in c.complementizers for _, stem in stems(norm)[:2])


def _quote_pairs(view: View) -> dict[int, int]:
    """Opening quotation-mark token -> closing one, paired left to right per paragraph."""
    pairs: dict[int, int] = {}
    open_at: int | None = None
    paragraph = -1
    for tok in view.tokens:
        if tok.paragraph != paragraph:
            open_at, paragraph = None, tok.paragraph
        if tok.norm == _QUOTE:
            if open_at is None:
                open_at = tok.index
            else:
                pairs[open_at] = tok.index
                open_at = None
    return pairs


def _is_name_quote(view: View, open_i: int, close_i: int, c: Cues) -> bool:
    """Short quoted span (at most two words) not introduced by a colon, a cue or a
    complementizer: a name or scare quote, not speech."""
    words = [t for t in view.tokens[open_i + 1 : close_i] if t.is_word]
    if len(words) > 2:
        return False
    if open_i == 0:
        return True
    prev = view.tokens[open_i - 1]
    if prev.norm == ":":
        return False
    if prev.is_word and (_cue_reading(prev, c) or _complementizer(prev, c)):
        return False
    return True


def _complementizer(tok: Token, c: Cues) -> bool:
    return tok.is_word and _is_complementizer(tok.norm)


def find_quotes(view: View, layer: EntityLayer) -> list[QuoteMatch]:
    c = cues()
    tokens = view.tokens
    n = len(tokens)
    pairs = _quote_pairs(view)
    closing = {v: k for k, v in pairs.items()}
    name_quotes = {o for o, cl in pairs.items() if _is_name_quote(view, o, cl, c)}
    mentions_by_token = layer.by_token()
    out: list[QuoteMatch] = []
    running: str | None = None
    i = 0
    for candidate in view.positions(_cue_of):
        if candidate < i:
            continue  # a cue inside the region just read (e.g. a participle before the content)
        i = candidate
        tok = tokens[i]
        reading = _cue_of(tok.norm)
        if reading is None:
            continue
        cut, stem = reading
        # 1. find where the content opens
        j = i + 1
        open_at: int | None = None
        while j < n and j - i <= 25 and tokens[j].paragraph == tok.paragraph:
            t = tokens[j]
            if t.norm in _SENTENCE_END or (j > i + 1 and _cue_reading(t, c) and not _complementizer(t, c)):
                break
            if _complementizer(t, c):
                open_at = j + 1
                break
            if t.norm == ":":
                open_at = j + 1
                break
            if t.norm == _QUOTE and j in pairs and j not in name_quotes:
                open_at = j
                break
            j += 1
        if open_at is None or open_at >= n or tokens[open_at].paragraph != tok.paragraph:
            i += 1
            continue
        region = (i + 1, j - 1)
        # 2. find where it ends, and split on coordinated "وأن"
        spans: list[tuple[int, int]] = []
        k = open_at
        span_first = open_at
        inside_quote = False
        last = open_at - 1
        while k < n and tokens[k].paragraph == tok.paragraph:
            t = tokens[k]
            if t.norm == _QUOTE:
                if k in pairs and k not in name_quotes:
                    inside_quote = True
                elif k in closing and closing[k] not in name_quotes:
                    inside_quote = False
            elif not inside_quote:
                if t.norm in _SENTENCE_END:
                    break
                if t.norm in _COMMAS and k + 1 < n:
                    nxt = tokens[k + 1]
                    if _cue_reading(nxt, c) or nxt.norm in _NARRATOR_BREAKS:
                        break
                if t.norm in ("وان", "وبان", "وانه", "وانها") and k > span_first:
                    spans.append((span_first, k - 1))
                    span_first = k + 1
                    last = k
                    k += 1
                    continue
            last = k
            k += 1
        spans.append((span_first, last))
        content: list[tuple[int, int]] = []
        quoted_words = unquoted_words = 0
        for first, end in spans:
            # trim edge punctuation and quotation marks
            while first <= end and not tokens[first].is_word:
                first += 1
            while end >= first and not tokens[end].is_word:
                end -= 1
            if first > end:
                continue
            content.append((tokens[first].start, tokens[end].end))
        if not content:
            i += 1
            continue
        depth = False
        for k in range(open_at, last + 1):
            t = tokens[k]
            if t.norm == _QUOTE:
                if k in pairs and k not in name_quotes:
                    depth = True
                elif k in closing and closing[k] not in name_quotes:
                    depth = False
            elif t.is_word and t.norm not in ("وان", "وبان", "وانه", "وانها"):
                if depth:
                    quoted_words += 1
                else:
                    unquoted_words += 1
        kind = "direct" if unquoted_words == 0 else ("indirect" if quoted_words == 0 else "mixed")
        # 3. speaker and relay
        speaker, speaker_key, relay_key = _speaker(view, i, region, mentions_by_token, stem, c)
        if speaker_key is None:
            speaker_key = running
        else:
            running = speaker_key
        cue_start = view.stripped_start(tok, cut)
        out.append(QuoteMatch(i, cue_start, tok.end, tuple(content), (open_at, last), kind, speaker, speaker_key, relay_key, region))
        i = max(i + 1, j)
    return out


def _mentions_in(view: View, first: int, last: int, by_token: dict[int, list[Mention]]) -> list[Mention]:
    seen: list[Mention] = []
    for k in range(first, last + 1):
        for m in by_token.get(k, ()):
            if m not in seen and m.first >= first and m.last <= last:
                seen.append(m)
    return seen


def _subject(view: View, mentions: list[Mention]) -> Mention | None:
    """The first person mention, else the first non-nisba mention, skipping addressees (لـ)."""
    tokens = view.tokens

    def addressee(m: Mention) -> bool:
        tok = tokens[m.first]
        return m.start > tok.start and tok.norm.startswith("ل")

    candidates = [m for m in mentions if not addressee(m)]
    for m in candidates:
        if m.type == "PER":
            return m
    for m in candidates:
        if not m.nisba:
            return m
    return None


def _speaker(view: View, cue: int, region: tuple[int, int], by_token: dict[int, list[Mention]], stem: str, c: Cues) -> tuple[Mention | None, str | None, str | None]:
    tokens = view.tokens
    first, last = region
    # relayed: "نقلت X عن Y قوله" (cue is the speech noun)
    if stem in c.nouns:
        k = cue - 1
        sentence = tokens[cue].sentence
        about = None
        while k >= 0 and tokens[k].sentence == sentence and cue - k <= 15:
            if tokens[k].norm == "عن" and about is None:
                about = k
            if any(s in c.relay_verbs for _, s in stems(tokens[k].norm)) and about is not None:
                speaker = _subject(view, _mentions_in(view, about + 1, cue - 1, by_token))
                relay = _subject(view, _mentions_in(view, k + 1, about - 1, by_token))
                return speaker, speaker.key if speaker else None, relay.key if relay else None
            k -= 1
        if about is not None:
            speaker = _subject(view, _mentions_in(view, about + 1, cue - 1, by_token))
            return speaker, speaker.key if speaker else None, None
        return None, None, None
    # relative clause "X، الذي قال إن": the antecedent speaks (no overt mention)
    if cue > 0 and tokens[cue - 1].norm in ("الذي", "التي"):
        k = cue - 2
        while k >= 0 and tokens[k].norm in ("،", ","):
            k -= 1
        for m in by_token.get(k, ()):
            return None, m.key, None
    if last < first:
        return None, None, None
    # "نقلا عن Y" inside the region: Y speaks, the cue's subject relays
    for k in range(first, last + 1):
        if tokens[k].norm in ("نقلا",):
            source_first = k + 2 if k + 1 <= last and tokens[k + 1].norm == "عن" else k + 1
            speaker = _subject(view, _mentions_in(view, source_first, last, by_token))
            relay = _subject(view, _mentions_in(view, first, k - 1, by_token))
            return speaker, speaker.key if speaker else None, relay.key if relay else None
    mentions = _mentions_in(view, first, last, by_token)
    subject = _subject(view, mentions)
    if subject is None:
        return None, None, None
    # the subject must come first in the region (VSO): skip if a preposition precedes it
    lead = tokens[subject.first]
    if subject.start > lead.start and lead.norm[0] in "بلك" and not lead.norm.startswith("ال"):
        return None, None, None
    return subject, subject.key, None
