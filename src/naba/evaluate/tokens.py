"""Token-level IOB2 scoring, identical to ``seqeval.metrics`` in strict mode.

``iob2_scores(y_true, y_pred)`` returns the numbers of
``seqeval.metrics.classification_report(y_true, y_pred, mode="strict",
scheme=IOB2)`` (per type and micro average), as counts, about 20x faster and
with a fraction of the memory (see benchmarks/README.md).

seqeval's strict IOB2 reading, reproduced exactly:
  * a tag's prefix is its first character, its type the rest with ``-``
    stripped from both ends (``_`` if nothing is left): ``B-PER`` -> (B, PER);
  * an entity starts at every ``B`` and extends over the following ``I`` tags of
    the same type; an ``I`` that does not continue an entity starts none
    (the lenient conlleval reading would start one), and ``O`` ends any entity;
  * an entity is (sequence, type, start, end); true positives are the entities
    present on both sides.

Divergences, all tested: undefined precision/recall/F1 are ``None`` where
seqeval reports 0.0 (and warns); a tag whose prefix is not B, I or O (or an
empty tag) raises ``ValueError`` naming the sequence and position, where
seqeval raises ``ValueError``, ``KeyError`` or ``IndexError`` depending on the
character; macro and weighted averages are not computed (they would have to
treat undefined per-type scores as 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from naba.evaluate.counts import Counts


@dataclass(frozen=True)
class TokenScores:
    """Per-type and micro counts of a strict IOB2 evaluation."""

    per_type: dict[str, Counts]
    micro: Counts

    def support(self, type_name: str) -> int:
        counts = self.per_type[type_name]
        return counts.tp + counts.fn


def _parse(tag: str) -> tuple[str, str]:
    if not tag:
        raise ValueError("empty tag")
    prefix = tag[0]
    if prefix not in "BIO":
        raise ValueError(f"invalid IOB2 tag {tag!r}: the prefix must be B, I or O")
    return prefix, tag[1:].strip("-") or "_"


def iob2_entities(sequences: Sequence[Sequence[str]]) -> list[tuple[int, str, int, int]]:
    """Entities as (sequence index, type, start, end) with half-open token offsets."""
    cache: dict[str, tuple[str, str]] = {}
    out: list[tuple[int, str, int, int]] = []
    for s, sequence in enumerate(sequences):
        parsed = []
        for position, tag in enumerate(sequence):
            item = cache.get(tag)
            if item is None:
                if not isinstance(tag, str):
                    raise ValueError(f"sequence {s}, position {position}: tag {tag!r} is not a string")
                try:
                    item = _parse(tag)
                except ValueError as err:
                    raise ValueError(f"sequence {s}, position {position}: {err}") from None
                cache[tag] = item
            parsed.append(item)
        n = len(parsed)
        i = 0
        while i < n:
            prefix, type_name = parsed[i]
            if prefix != "B":
                i += 1
                continue
            j = i + 1
            while j < n and parsed[j][0] == "I" and parsed[j][1] == type_name:
                j += 1
            out.append((s, type_name, i, j))
            i = j
    return out


def iob2_scores(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> TokenScores:
    """Strict IOB2 counts per type and micro; the sequences must have equal lengths."""
    if len(y_true) != len(y_pred):
        raise ValueError(f"{len(y_true)} gold sequences but {len(y_pred)} predicted")
    for s, (t, p) in enumerate(zip(y_true, y_pred)):
        if len(t) != len(p):
            raise ValueError(f"sequence {s}: {len(t)} gold tags but {len(p)} predicted")
    true_entities = set(iob2_entities(y_true))
    pred_entities = set(iob2_entities(y_pred))
    n_true: dict[str, int] = {}
    n_pred: dict[str, int] = {}
    n_tp: dict[str, int] = {}
    for entity in true_entities:
        n_true[entity[1]] = n_true.get(entity[1], 0) + 1
    for entity in pred_entities:
        n_pred[entity[1]] = n_pred.get(entity[1], 0) + 1
    for entity in true_entities & pred_entities:
        n_tp[entity[1]] = n_tp.get(entity[1], 0) + 1
    per_type = {}
    for name in sorted(set(n_true) | set(n_pred)):
        tp = n_tp.get(name, 0)
        per_type[name] = Counts(tp=tp, fp=n_pred.get(name, 0) - tp, fn=n_true.get(name, 0) - tp)
    micro = sum(per_type.values(), Counts())
    return TokenScores(per_type, micro)
