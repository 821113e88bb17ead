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

import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice
from typing import Final, NamedTuple

from naba.baselines.rules import lexicons as lx
from naba.baselines.rules.entities import EntityLayer, Mention
from naba.baselines.rules.normalization import View, stems
from naba.common.arabic import normalize

_QUOTE: Final = '"'
_QUOTES: Final = frozenset((_QUOTE,))
_SENTENCE_END: Final = frozenset(".!?؟")
_COMMAS: Final = frozenset("،,")
_NARRATOR_BREAKS: Final = frozenset(normalize(w) for w in ("وذلك", "ذلك"))
#: Contrastive connectives that, right before a new cue, end the content at their comma (round 11).
_CONTRASTS: Final = frozenset(normalize(w) for w in ("غير", "لكن", "لكنه", "لكنها", "إلا", "بيد"))


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


class QuoteMatch(NamedTuple):
    """A quote found in the text (a NamedTuple: cheap to build; compared by value)."""

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


def _cue_reading(view: View, i: int) -> tuple[int, str] | None:
    return _cue_of(view.norms[i]) if view.words[i] else None


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


@lru_cache(maxsize=1 << 16)
def _is_relay_verb(norm: str) -> bool:
    relay_verbs = cues().relay_verbs
    return any(s in relay_verbs for _, s in stems(norm))


def _quote_pairs(view: View) -> dict[int, int]:
    """Opening quotation-mark token -> closing one, paired left to right per paragraph."""
    pairs: dict[int, int] = {}
    open_at: int | None = None
    paragraphs = view.paragraphs
    # only the quotation marks are visited; paragraphs never decrease, so a mark opened
    # in an earlier paragraph is one whose paragraph differs from this mark's
    for index in view.positions_of(_QUOTES):
        if open_at is not None and paragraphs[open_at] != paragraphs[index]:
            open_at = None
        if open_at is None:
            open_at = index
        else:
            pairs[open_at] = index
            open_at = None
    return pairs


def _is_name_quote(view: View, open_i: int, close_i: int, c: Cues) -> bool:
    """Short quoted span (at most two words) not introduced by a colon, a cue or a
    complementizer: a name or scare quote, not speech."""
    if sum(view.words[open_i + 1 : close_i]) > 2:
        return False
    if open_i == 0:
        return True
    prev = open_i - 1
    if view.norms[prev] == ":":
        return False
    if view.words[prev] and (_cue_reading(view, prev) or _complementizer(view, prev)):
        return False
    return True


def _complementizer(view: View, i: int) -> bool:
    return view.words[i] and _is_complementizer(view.norms[i])


_COORDINATED: Final = ("وان", "وبان", "وانه", "وانها")
#: the tokens that can end, split or change the kind of a quote's content
_MARKS: Final = frozenset((_QUOTE, *_SENTENCE_END, *_COMMAS, *_COORDINATED))


def _count_words(words: list[bool], norms: list[str], first: int, end: int) -> int:
    """Word tokens in [first, end) other than a coordinating وأن."""
    if end <= first:
        return 0
    count = sum(words[first:end])
    if count and not _COORDINATED_SET.isdisjoint(norms[first:end]):
        count -= sum(1 for norm in norms[first:end] if norm in _COORDINATED_SET)
    return count


_COORDINATED_SET: Final = frozenset(_COORDINATED)

#: Denial participles whose complement may be a noun phrase stating the denied proposition
#: (GUIDELINES 2.1: نافيا وجود أي اتصالات is a quote), as well as a clause (نافيا أن).
_DENIAL_PARTICIPLES: Final = frozenset(normalize(w) for w in ("نافيا", "نافية"))


#: Words before a verbal noun of saying that make it no speech act: ``طلب عدم ذكر اسمه``
#: ("asked that his name not be given"), ``دون ذكر``.
_OMISSION_WORDS: Final = frozenset(normalize(w) for w in ("عدم", "دون", "بدون", "ودون"))


#: Cues of warning and of asking whose quoted complement with no complementizer or colon is a noun
#: phrase, the act warned against or asked for (GUIDELINES 2.1: ``حذرتها من التدخل``), no speech
#: (round 11); ``حذر من أن "…"`` and ``طالب قائلا: "…"`` still open a content.
_ACT_CUES: Final = frozenset(normalize(w) for w in (
    "حذر", "حذرت", "محذرا", "محذرة", "طالب", "طالبت", "مطالبا", "مطالبة", "دعا", "دعت", "داعيا", "داعية",
))


#: How far after a cue its content may open: news puts long titles, the time and the occasion
#: between them (قال وزير الدولة لشؤون … الدكتور X، أمس الخميس، خلال مؤتمر صحفي بمقر …، إن).
_CONTENT_WINDOW: Final = 45
#: the marks that end the walk from a cue to its content (with the cues and complementizers)
_CONTENT_STOPS: Final = _SENTENCE_END | {":", _QUOTE}


def find_quotes(view: View, layer: EntityLayer) -> list[QuoteMatch]:
    c = cues()
    norms = view.norms
    paragraphs = view.paragraphs
    words = view.words
    n = view.n
    pairs = _quote_pairs(view)
    closing = {v: k for k, v in pairs.items()}
    name_quotes = {o for o, cl in pairs.items() if _is_name_quote(view, o, cl, c)}
    mention_index = (layer.mentions, [m.first for m in layer.mentions])  # in text order
    marks = view.positions_of(_MARKS)
    # the tokens _cue_reading holds for, less a verbal noun after a word of omission
    # (``طلب عدم ذكر اسمه``: no one speaks; round 11)
    cue_positions = [k for k in view.positions(_cue_of) if not (k > 0 and norms[k - 1] in _OMISSION_WORDS)]
    cue_at = set(cue_positions)
    complementizer_at = set(view.positions(_is_complementizer))  # ... and _complementizer
    #: the tokens where the walk from a cue to its content can stop (why: the walk used to visit
    #: every token of the window, a tenth of the time of the quotes)
    stops = sorted(cue_at.union(complementizer_at, view.cached_positions(_CONTENT_STOPS)))
    out: list[QuoteMatch] = []
    running: str | None = None
    i = 0
    for candidate in cue_positions:
        if candidate < i:
            continue  # a cue inside the region just read (e.g. a participle before the content)
        i = candidate
        reading = _cue_of(norms[i])
        if reading is None:
            continue
        cut, stem = reading
        paragraph = paragraphs[i]
        # 1. find where the content opens: at the first stop after the cue inside the window and
        # the paragraph (``stops`` holds every token a test below can hold for, so the tokens
        # skipped are the ones the walk would have passed over); j ends where the walk ended
        j = min(n, i + _CONTENT_WINDOW + 1, bisect.bisect_right(paragraphs, paragraph, i))
        open_at: int | None = None
        for k in islice(stops, bisect.bisect_right(stops, i), None):
            if k >= j:
                break
            norm = norms[k]
            if norm in _SENTENCE_END or (k > i + 1 and k in cue_at and k not in complementizer_at):
                j = k
                break
            if k in complementizer_at:
                open_at = k + 1
                j = k
                break
            if norm == ":":
                open_at = k + 1
                j = k
                break
            if norm == _QUOTE and k in pairs and k not in name_quotes:
                open_at = k
                j = k
                break
        before = _quotation_before(view, i, closing, name_quotes) if stem in c.verbs else None
        if before is not None and (open_at is None or open_at >= n or paragraphs[open_at] != paragraph):
            # the quotation alone, before its cue: «"…"، قال X في تصريح …»
            o, cl = before
            end = i + 1
            while end < n and paragraphs[end] == paragraph and norms[end] not in _SENTENCE_END and norms[end] != _QUOTE:
                end += 1
            region = (i + 1, end - 1)
            speaker, speaker_key, relay_key = _speaker(view, i, region, mention_index, stem, c)
            if speaker_key is None:
                speaker_key = running
            else:
                running = speaker_key
            out.append(QuoteMatch(i, view.stripped_start_at(i, cut), view.ends[i], ((view.starts[o + 1], view.ends[cl - 1]),),
                                  (o, cl), "direct", speaker, speaker_key, relay_key, region))
            i = end
            continue
        if open_at is not None and stem in _ACT_CUES and open_at < n and norms[open_at] == _QUOTE \
                and not (open_at > 0 and (norms[open_at - 1] == ":" or open_at - 1 in complementizer_at)):
            open_at = None  # حذر من "تكرار …"، مطالبة "بوقف …": an act warned against or asked for (2.1)
        if open_at is None and stem in _DENIAL_PARTICIPLES and i + 1 < n and words[i + 1] and paragraphs[i + 1] == paragraph \
                and norms[i + 1] not in c.prepositions and not _is_complementizer(norms[i + 1]):
            open_at = j = i + 1  # a denial's noun phrase states the denied proposition: نافيا وجود أي اتصالات
        if open_at is None or open_at >= n or paragraphs[open_at] != paragraph:
            if stem in c.verbs and i + 1 < n:
                # a speech verb whose content is no clause (نفى المتحدث X تعرض …) still names who
                # speaks next: its subject, right after it, is the running speaker of ``، مؤكدا أن``
                subject = next((m for m in _mentions_in(view, i + 1, i + 1, mention_index) if m.type == "PER"), None)
                subject = subject or next((m for m in _mentions_in(view, i + 1, min(n - 1, i + 6), mention_index)
                                           if m.first == i + 1 and m.type == "PER"), None)
                if subject is not None:
                    running = subject.key
            i += 1
            continue
        region = (i + 1, j - 1)
        # 2. find where it ends (the sentence end outside quotation marks, a comma before
        # another cue or the narrator, the paragraph end), and split on coordinated "وأن".
        # Only the marks, commas and وأن can end or split the content: visit those alone.
        stop = bisect.bisect_right(paragraphs, paragraph, open_at)  # paragraphs never decrease
        spans: list[tuple[int, int]] = []
        span_first = open_at
        inside_quote = False
        for k in islice(marks, bisect.bisect_left(marks, open_at), None):
            if k >= stop:
                break
            norm = norms[k]
            if norm == _QUOTE:
                if k in pairs and k not in name_quotes:
                    inside_quote = True
                elif k in closing and closing[k] not in name_quotes:
                    inside_quote = False
            elif not inside_quote:
                if norm in _SENTENCE_END:
                    stop = k
                    break
                if norm in _COMMAS and k + 1 < n:
                    if k + 1 in cue_at or norms[k + 1] in _NARRATOR_BREAKS or (
                            norms[k + 1] in _CONTRASTS and (k + 2 in cue_at or k + 3 in cue_at)):
                        stop = k  # … ، غير أنه استبعد أن: the narrator's contrast opens another quote
                        break
                if norm in _COORDINATED and k > span_first:
                    spans.append((span_first, k - 1))
                    span_first = k + 1
        last = stop - 1  # the content region is [open_at, last]
        spans.append((span_first, last))
        content: list[tuple[int, int]] = []
        quoted_words = unquoted_words = 0
        for first, end in spans:
            # trim edge punctuation and quotation marks
            while first <= end and not words[first]:
                first += 1
            while end >= first and not words[end]:
                end -= 1
            if first > end:
                continue
            content.append((view.starts[first], view.ends[end]))
        if not content:
            i += 1
            continue
        # words inside and outside quotation marks (وأن not counted): segment by segment
        depth = False
        segment = open_at
        for k in islice(marks, bisect.bisect_left(marks, open_at), None):
            if k > last:
                break
            norm = norms[k]
            if norm == _QUOTE:
                if k in pairs and k not in name_quotes:
                    opens = True
                elif k in closing and closing[k] not in name_quotes:
                    opens = False
                else:
                    continue
                count = _count_words(words, norms, segment, k)
                if depth:
                    quoted_words += count
                else:
                    unquoted_words += count
                depth = opens
                segment = k + 1
        count = _count_words(words, norms, segment, last + 1)
        if depth:
            quoted_words += count
        else:
            unquoted_words += count
        kind = "direct" if unquoted_words == 0 else ("indirect" if quoted_words == 0 else "mixed")
        if before is not None:  # «"…"، قالت X، "…"»: the quotation before the cue is a span of the same quote
            content.insert(0, (view.starts[before[0] + 1], view.ends[before[1] - 1]))
            kind = "mixed" if kind == "indirect" else kind
        # 3. speaker and relay
        speaker, speaker_key, relay_key = _speaker(view, i, region, mention_index, stem, c)
        if speaker_key is None and stem in c.verbs and cut == 0:
            previous_cue = out[-1].cue_index if out and view.sentences[out[-1].cue_index] == view.sentences[i] else -1
            speaker_key = _fronted_subject(view, i, previous_cue, mention_index)
        elif speaker_key is None and stem in c.participles and not (out and view.sentences[out[-1].cue_index] == view.sentences[i]):
            speaker_key = _clause_subject(view, i, mention_index)
        if speaker_key is None:
            speaker_key = running
        else:
            running = speaker_key
        cue_start = view.stripped_start_at(i, cut)
        out.append(QuoteMatch(i, cue_start, view.ends[i], tuple(content), (open_at, last), kind, speaker, speaker_key, relay_key, region))
        i = max(i + 1, j)
    return out


def _quotation_before(view: View, cue: int, closing: dict[int, int], name_quotes: set[int]) -> tuple[int, int] | None:
    """(opening, closing) marks of a quotation written before its cue verb, a frequent order in
    news: ``"لا أفكر إلا في المباراة"، قال اللاعب``. The quotation must open its sentence (or
    paragraph) and be closed right before the comma that precedes the cue; a name or scare quote
    is not speech."""
    norms = view.norms
    if cue < 3 or norms[cue - 1] not in _COMMAS or (cue - 2) not in closing:
        return None
    opening = closing[cue - 2]
    if opening in name_quotes or opening + 1 > cue - 3:
        return None
    if opening > 0 and view.paragraphs[opening - 1] == view.paragraphs[opening] and norms[opening - 1] not in _SENTENCE_END:
        return None
    return opening, cue - 2


_MentionIndex = tuple[list[Mention], list[int]]  # the layer's mentions (text order) and their first tokens


def _mentions_in(view: View, first: int, last: int, index: _MentionIndex) -> list[Mention]:
    """The mentions inside tokens [first, last], in text order (the layer is sorted by
    start, so by first token: the candidates are one slice)."""
    mentions, firsts = index
    low = bisect.bisect_left(firsts, first)
    high = bisect.bisect_right(firsts, last)
    return [m for m in mentions[low:high] if m.last <= last]


def _fronted_subject(view: View, cue: int, previous_cue: int, index: _MentionIndex) -> str | None:
    """The key of the subject written before a cue that has none after it: ``وكانت X قد زارت …،
    حيث قالت إن``, ``أصدرت اللجنة بيانا قالت فيه``, ``طالب النائب X …، محذرا من أن``. The nearest
    person mention earlier in the same sentence, else the nearest organisation; a mention behind a
    preposition (an object or a place) is not a subject. Never across a previous cue of the
    sentence: a continuation (``…، مضيفا أن``) after one keeps that cue's speaker (the running
    speaker), as it does when the sentence names no one before it."""
    sentences, norms, starts = view.sentences, view.norms, view.starts
    sentence = sentences[cue]
    first = cue
    while first > 0 and first - 1 > previous_cue and sentences[first - 1] == sentence:
        first -= 1
    if first >= cue:
        return None
    mentions = [m for m in _mentions_in(view, first, cue - 1, index)
                if not (m.start > starts[m.first] and norms[m.first][:1] in "بلك")
                and not (m.first > 0 and norms[m.first - 1] in _NOT_SUBJECT_BEFORE)]
    for type_ in ("PER", "ORG"):
        found = [m for m in mentions if m.type == type_ and not m.nisba]
        if found:
            return found[-1].key
    return None


#: How far into its clause (after a fronted adverbial) the subject of a participle's main verb
#: may start: the verb, an auxiliary and قد come first (``وكانت X قد طالبت``، ``طالب رئيس X``).
_CLAUSE_SUBJECT_WINDOW: Final = 4
_DASHES: Final = frozenset(("-", "–", "—"))
#: Object pronouns on a word between a verb and a noun: the verb's subject is implicit.
_PRONOUN_SUFFIXES: Final = ("ه", "ها", "هم", "هما")
#: How many tokens may lie between an organisation and a person named in apposition after it.
_APPOSITION_GAP: Final = 3


def _clause_subject(view: View, cue: int, index: _MentionIndex) -> str | None:
    """The key of the subject of the clause a participle cue continues, in a sentence with no
    earlier quote (round 11): ``حذرت لجنة X، أمس، الناديين من …، مؤكدة أنها …``, ``طالب رئيس
    النادي، Y، الجامعة بـ…، مشيرا إلى أن``. The participle's implicit subject is the main verb's
    (GUIDELINES 2.5), and news writes that subject right after the verb (VSO) or before it with
    ``كان … قد``: the first mention of the clause, within a few tokens of its start (after a fronted
    adverbial such as ``من جهته،``), not behind a preposition nor a dateline's place (a state only
    right after the verb: in ``غرفة تجارة X`` it is a genitive); a person named in apposition right
    after an organisation (the organisation is a title's complement) is the subject."""
    sentences, norms, starts = view.sentences, view.norms, view.starts
    sentence = sentences[cue]
    first = cue
    while first > 0 and sentences[first - 1] == sentence:
        first -= 1
    comma = next((k for k in range(first, min(first + 5, cue)) if norms[k] in ("،", ",")), None)
    if comma is not None and not _mentions_in(view, first, comma - 1, index):
        first = comma + 1  # a fronted adverbial: من جهته، في المقابل، وفي سياق متصل،
    mentions = [m for m in _mentions_in(view, first, cue - 1, index)
                if (m.type in ("PER", "ORG") or m.type == "GPE" and m.first == first + 1) and not m.nisba
                and not (m.last + 1 < view.n and norms[m.last + 1] in _DASHES)  # a dateline
                and not (m.start > starts[m.first] and norms[m.first][:1] in "بلك")
                and not (m.first > first and norms[m.first - 1] in _NOT_SUBJECT_BEFORE)]
    if not mentions or mentions[0].first - first > _CLAUSE_SUBJECT_WINDOW:
        return None
    subject = mentions[0]
    if any(norms[k] in _NOT_SUBJECT_BEFORE or view.raw(k).endswith(_PRONOUN_SUFFIXES) for k in range(first + 1, subject.first)):
        return None  # ``وطالب خلاله الوزارة``: a pro-drop verb's object, not its subject
    if subject.type != "PER":
        after = next((m for m in mentions[1:] if m.type == "PER" and 0 < m.first - subject.last <= _APPOSITION_GAP
                      and norms[subject.last + 1] in ("،", ",")), None)
        subject = after or subject
    return subject.key


#: Words after which a mention is an object or a complement, not the subject of a later cue.
_NOT_SUBJECT_BEFORE: Final = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "على", "عن", "مع", "بين", "باسم", "لدى", "عند", "ضد", "حول", "نحو", "بحضور", "رفقة",
))


#: Heads of a news outlet that the preposition ل makes the addressee of a statement.
_OUTLET_HEADS: Final = frozenset(normalize(w) for w in (
    "قناة", "إذاعة", "موقع", "صحيفة", "جريدة", "وكالة", "مجلة", "تلفزيون", "شبكة", "بوابة",
))


def _told_to_outlet(view: View, m: Mention) -> bool:
    """Is the mention a named outlet the words were given to (round 11)? ``في تصريح لإذاعة «X»``,
    ``لقناة X الفضائية``, ``لـ"X"``: ل + an outlet head (or a bare ل) right before the name, quotation
    marks aside. It is the relay (GUIDELINES 2.5), never the speaker."""
    norms = view.norms
    k = m.first - 1
    while k >= 0 and not view.words[k] and norms[k] not in _COMMAS and norms[k] not in _SENTENCE_END:
        k -= 1
    if k < 0 or not view.words[k]:
        return False
    norm = norms[k]
    return norm in ("ل", "لـ") or (norm[:1] == "ل" and norm[1:] in _OUTLET_HEADS)


def _subject(view: View, mentions: list[Mention]) -> Mention | None:
    """The first person mention, else the first non-nisba mention, skipping addressees (لـ)."""
    norms = view.norms
    starts = view.starts

    def addressee(m: Mention) -> bool:
        return m.start > starts[m.first] and norms[m.first].startswith("ل") or _told_to_outlet(view, m)

    def complement(m: Mention) -> bool:
        """A place behind a preposition (في عمّان، بفاس، لملعب X) is where the words were said,
        never who said them."""
        if m.type not in ("GPE", "LOC", "FAC"):
            return False
        behind = m.start > starts[m.first] and norms[m.first][:1] in "بلك"
        return behind or (m.first > 0 and norms[m.first - 1] in _NOT_SUBJECT_BEFORE)

    candidates = [m for m in mentions if not addressee(m) and not complement(m)]
    for m in candidates:
        if m.type == "PER":
            return m
    for m in candidates:
        if not m.nisba:
            return m
    return None


#: The speaker key of a quote whose speaker is unnamed and plural: no entity (round 11).
NOBODY: Final = "@nobody"
#: Plural unnamed sources, which are no entity: a quote attributed to them has no speaker.
_PLURAL_SOURCES: Final = frozenset(normalize(w) for w in (
    "مصادر", "المصادر", "أوساط", "مسؤولون", "مسؤولين", "شهود", "مراقبون", "مراقبين",
))


#: How far before ``قوله`` its ``عن`` may stand: the source's long title and name lie between
#: (نقلت الوكالة عن نائب رئيس الجامعة … المكلف بالمسابقات، X، قوله).
_RELAY_WINDOW: Final = 25


def _speaker(view: View, cue: int, region: tuple[int, int], by_token: _MentionIndex, stem: str, c: Cues) -> tuple[Mention | None, str | None, str | None]:
    norms = view.norms
    sentences = view.sentences
    first, last = region
    # relayed: "نقلت X عن Y قوله" (cue is the speech noun)
    if stem in c.nouns:
        k = cue - 1
        sentence = sentences[cue]
        about = None
        while k >= 0 and sentences[k] == sentence and cue - k <= _RELAY_WINDOW:
            if norms[k] == "عن" and about is None:
                about = k
            if about is not None and _is_relay_verb(norms[k]):
                speaker = _subject(view, _mentions_in(view, about + 1, cue - 1, by_token))
                relay = _subject(view, _mentions_in(view, k + 1, about - 1, by_token))
                if norms[about + 1] in _PLURAL_SOURCES:
                    return None, NOBODY, relay.key if relay else None
                return speaker, speaker.key if speaker else None, relay.key if relay else None
            k -= 1
        if about is not None and norms[about + 1] in _PLURAL_SOURCES:
            return None, NOBODY, None
        if about is not None:
            speaker = _subject(view, _mentions_in(view, about + 1, cue - 1, by_token))
            return speaker, speaker.key if speaker else None, None
        return None, None, None
    # relative clause "X، الذي قال إن": the antecedent speaks (no overt mention)
    if cue > 0 and norms[cue - 1] in ("الذي", "التي"):
        k = cue - 2
        while k >= 0 and norms[k] in ("،", ","):
            k -= 1
        # the first mention (text order) covering token k
        covering = next((m for m in by_token[0] if m.first <= k <= m.last), None)
        if covering is not None:
            return None, covering.key, None
    if last < first:
        return None, None, None
    # unnamed plural sources (قالت مصادر مطلعة، نقلت صحيفة X عن مصادر، نقلا عن مصادر): no speaker
    # entity (GUIDELINES 2.5: the gold speaker is null), and their continuations have none either
    for k in range(first, min(last, first + _RELAY_WINDOW) + 1):
        if norms[k] in _PLURAL_SOURCES and (k == first or norms[k - 1] in ("عن", "نقلا")):
            relay = _subject(view, [m for m in _mentions_in(view, first, k - 1, by_token) if not _told_to_outlet(view, m)]) if k > first else None
            return None, NOBODY, relay.key if relay else None
    # "نقلا عن Y" inside the region: Y speaks, the cue's subject relays
    for k in range(first, last + 1):
        if norms[k] in ("نقلا",):
            source_first = k + 2 if k + 1 <= last and norms[k + 1] == "عن" else k + 1
            speaker = _subject(view, _mentions_in(view, source_first, last, by_token))
            relay = _subject(view, _mentions_in(view, first, k - 1, by_token))
            return speaker, speaker.key if speaker else None, relay.key if relay else None
    mentions = _mentions_in(view, first, last, by_token)
    subject = _subject(view, mentions)
    # words given to a named outlet (``في تصريح لقناة X``، ``لـ"X"``) reach the narrator through it
    outlet = next((m for m in mentions if _told_to_outlet(view, m)), None)
    relay_key = outlet.key if outlet is not None else None
    if subject is None:
        return None, None, relay_key
    # the subject must come first in the region (VSO): skip if a preposition precedes it
    lead = norms[subject.first]
    if subject.start > view.starts[subject.first] and lead[0] in "بلك" and not lead.startswith("ال"):
        return None, None, relay_key
    return subject, subject.key, relay_key
