"""CoNLL export: one token per line with its BIO2 (IOB2) entity tag, the format NER tools read.

Why naba's own tokenizer and projection (``naba.corpus.tokenize``): the tags of an export of the
gold must equal the ``ner_tokens`` columns of the corpus, token for token, so that a model
trained on either sees one truth. The file of a document is::

    -DOCSTART- O
    <blank line>
    token TAG        (one line per token, separated by one space; tokens never hold white space)
    ...
    <blank line>     (after every sentence)

Sentences are the gold sentences of the document (a document without sentences is one
sentence); a sentence without a token writes nothing.

Which mentions are tagged: by default the *named* ones (``kind == "name"``), as in the corpus;
``kinds=None`` tags every kind. A submission mention that gives no kind is tagged under the
default (nothing says it is not a name).

Nested and overlapping mentions: IOB2 gives a token one tag, so at most one of two mentions that
share a token can be written. The rule is the corpus's (``naba.corpus.tokenize``): the longest
mention wins (ties: earlier start, earlier end, entity type order, mention id), i.e. the
outermost; the other is dropped and counted as ``overlap``. A mention that ends inside a token
(``end_inside_token``) or whose tokens lie in two sentences (``cross_sentence``) cannot be
written either and is counted likewise. The counts are returned, and the command prints them.
"""

from __future__ import annotations

from collections import Counter

from naba.corpus.tokenize import MentionSpan, NER_MENTION_KINDS, Token, project_mentions, tokenize
from naba.export import ExportDocument, Rendered

#: The mention kinds tagged by default: the corpus's (``ner_tokens``).
DEFAULT_KINDS: tuple[str, ...] = NER_MENTION_KINDS

#: The first line of every document (CoNLL-2003's document separator, with the tag column only).
DOCSTART = "-DOCSTART- O"


def sentence_tokens(doc: ExportDocument) -> list[list[Token]]:
    """Tokens of every gold sentence (or of the whole text when the document has no sentence)."""
    text = doc.document.text
    spans = [(s.start, s.end) for s in doc.document.sentences] or [(0, len(text))]
    return [tokenize(text, start, end) for start, end in spans]


def render_conll(doc: ExportDocument, *, kinds: tuple[str, ...] | None = DEFAULT_KINDS) -> Rendered:
    """The CoNLL file of one document and the counts of mentions not written (see module doc)."""
    text = doc.document.text
    sentences = sentence_tokens(doc)
    counts: Counter[str] = Counter()
    mentions: list[MentionSpan] = []
    entities = doc.annotations.entities
    if entities is None:
        counts["entities layer not predicted (every tag O)"] += 1
    for entity in entities or []:
        for m in entity.mentions:
            if kinds is not None and m.kind is not None and m.kind not in kinds:
                counts[f"mentions not tagged: kind {m.kind}"] += 1
                continue
            mentions.append(MentionSpan(m.id, entity.type, m.start, m.end))
    projection = project_mentions(text, sentences, mentions)
    counts["mentions tagged"] += projection.stats.represented
    for _, reason in projection.dropped:
        counts[f"mentions dropped: {reason}"] += 1
    lines = [DOCSTART, ""]
    for tokens, tags in zip(sentences, projection.tags):
        if not tokens:
            continue
        lines.extend(f"{token.text} {tag}" for token, tag in zip(tokens, tags))
        lines.append("")
    return Rendered({f"{doc.document.id}.conll": "\n".join(lines) + "\n"}, counts)
