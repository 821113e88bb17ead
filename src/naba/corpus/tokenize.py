"""A deterministic whitespace-and-punctuation tokenizer with offsets, and the
projection of gold entity mentions onto its tokens as IOB2 tags.

Why a rule tokenizer and not a learned one: the ``ner_tokens`` config must be
rebuilt byte for byte on any machine, from the stored text alone, and every
token must point back into the original article with half-open code-point
offsets. The rules are small enough to state completely.

Tokenization rules (applied left to right over ``text[start:end]``):

1. White space (``str.isspace``) and invisible format characters (Unicode
   category ``Cf``, e.g. RLM/LRM marks) separate tokens and belong to none,
   except ZWNJ/ZWJ (U+200C/U+200D), which join the word they sit in.
2. A *word* is a maximal run of letters and digits of any script
   (``str.isalnum``: Arabic letters, tatweel, Latin, Arabic-Indic and ASCII
   digits). Combining marks (category ``M*``: harakat, shadda, tanween,
   variation selectors) always stay with the character before them.
3. A digit group separator (``.`` ``,`` ``٫`` ``٬``) between two digits stays
   inside the number (``3.5``, ``1,000``); anywhere else it is punctuation.
4. Every other character (punctuation such as ``.`` ``،`` ``؟`` ``:``, curly
   and straight quotes ``“ ” « » "``, brackets, dashes, ``@``, symbols, emoji)
   is a token of its own, so ``..`` is two tokens.

Arabic clitics are **not** split off: ``وموسكو`` is one token. This is why a
projection rule is needed.

Projection rule (mention spans -> IOB2 tags). Gold mention spans exclude the
proclitics و ف ب ل ك لل (GUIDELINES.md), so a mention can begin inside a token
(token ``وموسكو``, mention ``موسكو``). A token *belongs* to a mention when the
mention covers the token's **last character**. Consequently:

* a mention that starts inside a token (after a proclitic) labels that whole
  token; it is counted as ``start_inside_token`` (and, if the characters
  before it in the token are not a proclitic sequence, also as
  ``start_inside_non_proclitic``), and it is still represented;
* a mention that ends inside a token (before the token's last character)
  cannot be represented, because the token it ends in is not its own; it is
  dropped and counted as ``end_inside_token``;
* a mention whose tokens lie in two sentences is dropped (``cross_sentence``);
* overlapping or nested mentions cannot both be represented in IOB2. They are
  resolved greedily, outermost-longest first: mentions are ranked by character
  length (longest first), then start, then end, then entity type order in
  ``naba.gold.inventory.ENTITY_TYPES``, then mention id; a mention is kept only if
  none of its tokens was taken by a higher-ranked one. Dropped ones are counted
  as ``overlap``.

Only mentions of the kinds passed to :func:`project_mentions` are projected; the
corpus build uses named mentions (``kind == "name"``), the classic NER task.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Iterable, Sequence

from naba.gold.inventory import ENTITY_TYPES
from naba.gold.model import Record

_JOINERS: Final = frozenset("\u200c\u200d")
_NUMBER_SEPARATORS: Final = frozenset(".,\u066b\u066c")
#: Proclitic sequences that may precede a mention inside a token: an optional
#: conjunction (و ف) followed by an optional preposition (ب ل ك, or لل where the
#: article's alef is elided after ل). Kept in one place for the projection report.
PROCLITIC_RE: Final = re.compile(r"^[وف]?(?:لل|[بلك])?$")

_SPACE, _WORD, _MARK, _PUNCT = 0, 1, 2, 3


def _kind(char: str) -> int:
    if char.isspace():
        return _SPACE
    if char in _JOINERS:
        return _MARK
    category = unicodedata.category(char)
    if category[0] == "M":
        return _MARK
    if category == "Cf":
        return _SPACE
    if char.isalnum():
        return _WORD
    return _PUNCT


@dataclass(frozen=True, slots=True)
class Token:
    """A token: half-open ``[start, end)`` offsets into the text, and its text."""

    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (see module rules)."""
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"span [{start}, {stop}) outside text of length {len(text)}")
    tokens: list[Token] = []
    i = start
    while i < stop:
        kind = _kind(text[i])
        if kind == _SPACE:
            i += 1
            continue
        j = i + 1
        if kind == _WORD:
            while j < stop:
                next_kind = _kind(text[j])
                if next_kind in (_WORD, _MARK):
                    j += 1
                elif (
                    text[j] in _NUMBER_SEPARATORS
                    and j + 1 < stop
                    and text[j - 1].isdecimal()
                    and text[j + 1].isdecimal()
                ):
                    j += 2
                else:
                    break
        else:  # punctuation, symbol, or a mark with nothing before it: one character
            while j < stop and _kind(text[j]) == _MARK:
                j += 1
        tokens.append(Token(i, j, text[i:j]))
        i = j
    return tokens


# --------------------------------------------------------------------------- IOB2


def iob2_names() -> tuple[str, ...]:
    """The ``ner_tags`` label names: ``O`` then ``B-``/``I-`` per entity type."""
    names = ["O"]
    for entity_type in ENTITY_TYPES:
        names += [f"B-{entity_type}", f"I-{entity_type}"]
    return tuple(names)


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """What the projection needs to know about one gold mention."""

    mention_id: str
    entity_type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ProjectionStats:
    """How faithfully IOB2 over whole tokens represents the gold mentions.

    ``represented + end_inside_token + cross_sentence + overlap == mentions``;
    ``start_inside_token`` counts represented mentions whose first token has a
    prefix outside the mention (normally a proclitic).
    """

    mentions: int
    represented: int
    start_inside_token: int
    start_inside_non_proclitic: int
    end_inside_token: int
    cross_sentence: int
    overlap: int

    @property
    def unrepresentable(self) -> int:
        return self.end_inside_token + self.cross_sentence + self.overlap

    def __add__(self, other: "ProjectionStats") -> "ProjectionStats":
        return ProjectionStats(*(a + b for a, b in zip(_fields(self), _fields(other))))


def _fields(stats: ProjectionStats) -> tuple[int, ...]:
    return (
        stats.mentions, stats.represented, stats.start_inside_token, stats.start_inside_non_proclitic,
        stats.end_inside_token, stats.cross_sentence, stats.overlap,
    )


@dataclass(frozen=True, slots=True)
class Projection:
    """IOB2 tags per sentence (parallel to the tokens), the kept mentions with
    their token ranges ``(sentence index, first token, last token)``, and counts."""

    tags: tuple[tuple[str, ...], ...]
    kept: tuple[tuple[MentionSpan, int, int, int], ...]
    dropped: tuple[tuple[MentionSpan, str], ...]
    stats: ProjectionStats


def _rank(mention: MentionSpan) -> tuple[int, int, int, int, str]:
    return (
        -(mention.end - mention.start), mention.start, mention.end,
        ENTITY_TYPES.index(mention.entity_type), mention.mention_id,
    )


def project_mentions(
    text: str, sentences: Sequence[Sequence[Token]], mentions: Iterable[MentionSpan]
) -> Projection:
    """Project mentions onto the tokens of each sentence (rule in the module docstring)."""
    # token -> (sentence, index), by the token's last character
    owner_of_last_char: dict[int, tuple[int, int]] = {}
    for s, tokens in enumerate(sentences):
        for t, token in enumerate(tokens):
            owner_of_last_char[token.end - 1] = (s, t)
    taken: set[tuple[int, int]] = set()
    tags = [["O"] * len(tokens) for tokens in sentences]
    kept: list[tuple[MentionSpan, int, int, int]] = []
    dropped: list[tuple[MentionSpan, str]] = []
    counts = {"start_inside_token": 0, "start_inside_non_proclitic": 0}
    all_mentions = sorted(mentions, key=_rank)
    for mention in all_mentions:
        covered = [owner_of_last_char[c] for c in range(mention.start, mention.end) if c in owner_of_last_char]
        last = owner_of_last_char.get(mention.end - 1)
        if last is None or not covered:
            dropped.append((mention, "end_inside_token"))
            continue
        if len({s for s, _ in covered}) > 1:
            dropped.append((mention, "cross_sentence"))
            continue
        if any(position in taken for position in covered):
            dropped.append((mention, "overlap"))
            continue
        sentence, first = covered[0]
        first_token = sentences[sentence][first]
        if first_token.start < mention.start:
            counts["start_inside_token"] += 1
            if not PROCLITIC_RE.match(text[first_token.start : mention.start]):
                counts["start_inside_non_proclitic"] += 1
        taken.update(covered)
        for k, (_, t) in enumerate(covered):
            tags[sentence][t] = ("B-" if k == 0 else "I-") + mention.entity_type
        kept.append((mention, sentence, first, covered[-1][1]))
    reasons = [reason for _, reason in dropped]
    stats = ProjectionStats(
        mentions=len(all_mentions),
        represented=len(kept),
        start_inside_token=counts["start_inside_token"],
        start_inside_non_proclitic=counts["start_inside_non_proclitic"],
        end_inside_token=reasons.count("end_inside_token"),
        cross_sentence=reasons.count("cross_sentence"),
        overlap=reasons.count("overlap"),
    )
    kept.sort(key=lambda item: (item[1], item[2], item[0].mention_id))
    dropped.sort(key=lambda item: (item[0].start, item[0].end, item[0].mention_id))
    return Projection(tuple(tuple(t) for t in tags), tuple(kept), tuple(dropped), stats)


#: Mention kinds projected into ``ner_tokens``: named mentions, the classic NER task.
NER_MENTION_KINDS: Final[tuple[str, ...]] = ("name",)


def sentence_tokens(record: Record) -> list[list[Token]]:
    """Tokens of every sentence of the record, in sentence order."""
    text = record.document.text
    return [tokenize(text, s.start, s.end) for s in record.document.sentences]


def record_mentions(record: Record, kinds: Sequence[str] = NER_MENTION_KINDS) -> list[MentionSpan]:
    return [
        MentionSpan(m.id, e.type, m.start, m.end)
        for e in record.entities
        for m in e.mentions
        if m.kind in kinds
    ]


def project_record(record: Record, kinds: Sequence[str] = NER_MENTION_KINDS) -> Projection:
    """The IOB2 projection of one record's mentions of ``kinds``."""
    return project_mentions(record.document.text, sentence_tokens(record), record_mentions(record, kinds))


def projection_stats(records: Iterable[Record], kinds: Sequence[str] = NER_MENTION_KINDS) -> ProjectionStats:
    """Summed projection counts over records (what ``naba build`` reports)."""
    total = ProjectionStats(0, 0, 0, 0, 0, 0, 0)
    for record in records:
        total = total + project_record(record, kinds).stats
    return total
