"""Token features of the statistical baseline (one dict per token).

Only general resources feed the flags (the rule baseline's CLDR gazetteer,
title, speech-verb and month/weekday lexicons): the model learns how to use
them from the gold, it is not given the article's names.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from naba.baselines.rules import lexicons as lx
from naba.baselines.rules.normalization import Token, View, stems
from naba.baselines.rules.timex import PART_OF_DAY, RELATIVE_DAYS, month_names, weekday_of
from naba.common.arabic import normalize


@lru_cache(maxsize=1)
def _flags() -> tuple[dict[tuple[str, ...], lx.GazetteerEntry], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    gaz = lx.gazetteer()
    multi_first = frozenset(k[0] for k in gaz if len(k) > 1)
    titles = frozenset(t[0] for t in map(lx.norm_tokens, lx.TITLES))
    speech = frozenset(normalize(w) for w in lx.SPEECH_VERBS + lx.SPEECH_PARTICIPLES + lx.SPEECH_NOUNS)
    months = frozenset(k[0] for k in month_names())
    return gaz, titles, speech, months, multi_first


@lru_cache(maxsize=1)
def _heads() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns that head organisation and facility names (general Arabic: حزب، وزارة، مطار ...)."""
    def forms(words: tuple[str, ...]) -> frozenset[str]:
        out = set()
        for word in words:
            norm = normalize(word)
            out |= {norm, norm[2:] if norm.startswith("ال") else "ال" + norm}
        return frozenset(out)

    return forms(lx.ORG_HEADS), forms(lx.FAC_HEADS)


def _shape(norm: str) -> str:
    if norm.isdecimal():
        return f"digit{min(len(norm), 4)}"
    if norm.isascii() and norm.isalpha():
        return "latin_cap" if norm[0].isupper() else "latin"
    if norm[0].isalpha():
        return "arabic"
    return "punct"


def _lexical(tok: Token) -> dict[str, Any]:
    gaz, titles, speech, months, multi_first = _flags()
    norm = tok.norm
    out: dict[str, Any] = {"shape": _shape(norm), "definite": tok.definite}
    for cut, stem in stems(norm):
        entry = gaz.get((stem,))
        if entry is not None:
            out[f"gaz_{entry.type}"] = True
            out["gaz_nisba"] = entry.nisba
            out["gaz_cut"] = cut
        if stem in titles:
            out["title"] = True
        org_heads, fac_heads = _heads()
        if stem in org_heads:
            out["org_head"] = True
        if stem in fac_heads:
            out["fac_head"] = True
        if stem in speech:
            out["speech"] = True
        if stem in months or stem.lower() in months:
            out["month"] = True
        if weekday_of(stem) is not None:
            out["weekday"] = True
        if stem in RELATIVE_DAYS:
            out["relday"] = True
        if stem in PART_OF_DAY:
            out["pod"] = True
    if norm in multi_first:
        out["gaz_multi_first"] = True
    return out


def token_features(view: View, i: int) -> dict[str, Any]:
    tokens = view.tokens
    tok = tokens[i]
    norm = tok.norm
    feats: dict[str, Any] = {"bias": 1.0, "w": norm, "len": min(len(norm), 8)}
    for n in (1, 2, 3):
        feats[f"pre{n}"] = norm[:n]
        feats[f"suf{n}"] = norm[-n:]
    for cut, stem in stems(norm)[1:]:
        feats[f"stem{cut}"] = stem
    feats.update(_lexical(tok))
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(tokens) and tokens[j].paragraph == tok.paragraph:
            other = tokens[j]
            feats[f"{offset}:w"] = other.norm
            feats[f"{offset}:suf2"] = other.norm[-2:]
            for key, value in _lexical(other).items():
                feats[f"{offset}:{key}"] = value
        else:
            feats[f"{offset}:edge"] = True
    return feats


def sentence_features(view: View) -> list[dict[str, Any]]:
    """Features of every token of the view, in order."""
    return [token_features(view, i) for i in range(len(view.tokens))]


def rule_mention_features(view: View) -> list[dict[str, Any]]:
    """The rule baseline's own entity mentions (``rules.entities.find_mentions``) as token
    features: the outermost mention's IOB position and type at the token (B/I/E ...), its kind,
    whether a shorter mention is nested inside it, and the inner mention's type; the same
    label for the neighbours at distance 1 and 2 (within the paragraph).

    Why: the rules read names from patterns (a title before a person, a class noun before an
    organisation, a locative before a place, the document's own earlier names) that token
    features over two neighbours cannot see; the model learns from the gold how far to trust
    each reading.
    """
    from naba.baselines.rules.entities import find_mentions

    tokens = view.tokens
    n = len(tokens)
    outer: list[tuple[int, int, str, str] | None] = [None] * n
    inner: list[str | None] = [None] * n
    mentions = sorted(find_mentions(View(view.text)).mentions, key=lambda m: (-(m.last - m.first), m.first, m.type))
    for m in mentions:
        if not (0 <= m.first <= m.last < n):
            continue
        for i in range(m.first, m.last + 1):
            if outer[i] is None:
                outer[i] = (m.first, m.last, m.type, m.kind)
            elif inner[i] is None and (outer[i][0], outer[i][1]) != (m.first, m.last):
                inner[i] = m.type

    def label(i: int) -> str:
        o = outer[i]
        if o is None:
            return "O"
        first, last, type_, _ = o
        pos = "S" if first == last else ("B" if i == first else ("E" if i == last else "I"))
        return f"{pos}-{type_}"

    out: list[dict[str, Any]] = []
    for i in range(n):
        o = outer[i]
        feats: dict[str, Any] = {"r": label(i)}
        if o is not None:
            feats["r_kind"] = f"{o[2]}:{o[3]}"
            feats["r_len"] = min(o[1] - o[0] + 1, 4)
        if inner[i] is not None:
            feats["r_in"] = inner[i]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n and tokens[j].paragraph == tokens[i].paragraph:
                feats[f"{offset}:r"] = label(j)
        feats["r_bi"] = f"{label(i - 1) if i > 0 else '^'}|{label(i)}"
        out.append(feats)
    return out
