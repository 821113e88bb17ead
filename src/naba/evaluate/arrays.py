"""One document's count tables by array work: what ``scorer.score_document`` runs.

The reference computation (``scorer.reference_document_score``: each task module's ``score``,
``outcomes.prf_group`` and ``perdoc.rows_of``) builds a ``GroupScore`` per metric group,
weighs every candidate pair with a Python callback, re-indexes each label's items and pairs,
and counts statuses item by item. At 10,000 documents that per-item Python work is most of
the scorer's time (issue 15). This module gives the same ``Rows``, byte for byte
(``tests/test_arrays.py`` compares the two on random perturbed submissions), with less of it:

* a group's items on each side become integer columns (start, end, label code, unit), and its
  candidate pairs two index arrays; which pairs are admissible, and each pair's status if it
  is matched, are array expressions (a Python predicate only where the rule needs one: a
  referent, a speaker, a value set);
* the matching: a pair whose gold and predicted items have no other admissible pair is its own
  component and is matched whatever its weight (``naba.evaluate.matching``), so only pairs in
  components where items really compete are weighed (by the task module's own weight function)
  and solved by ``matching.maximum_matching``. A document's pairs are mostly alone.
* per-label matchings: when every admissible pair joins items of one label, a label's
  matching is the micro matching's restriction to it (``outcomes.restrict``); otherwise the
  same-label admissible pairs are solved once together, since no component of that graph
  crosses labels and each component is solved on its own;
* status tables (micro and every label at once) are one ``np.bincount``.

Outcomes, when kept, are built by ``outcomes.Matched.outcomes`` from the same pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Callable, Sequence

import numpy as np

from naba.evaluate import entities, events, quotes, timex
from naba.evaluate.matching import Weight, _solve, maximum_matching, scalar_weights
from naba.evaluate.options import ScoreOptions
from naba.evaluate.outcomes import ACCURACY_STATUSES, PRF_STATUSES, Matched, Outcome
from naba.evaluate.perdoc import DocScore, OutcomesMode, Rows
from naba.evaluate.spans import Item, Units, hull_overlapping_pairs, set_overlap
from naba.gold.model import Record
from naba.submission.model import SubmissionDocument

TP, PARTIAL, INCORRECT, FN, FP = (PRF_STATUSES.index(s) for s in ("tp", "partial", "incorrect", "fn", "fp"))
_N_PRF = len(PRF_STATUSES)
_N_ACC = len(ACCURACY_STATUSES)
_EMPTY = np.zeros(0, dtype=np.int64)
_TRUE = np.ones(1, dtype=bool)

Weigh = Callable[[Item, Item], Weight | None]


@dataclass(frozen=True)
class Side:
    """One side's items of a group and their integer columns (``label``: codes into the group's
    sorted labels)."""

    items: Sequence[Item]
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    unit: np.ndarray


@dataclass(frozen=True)
class Pairs:
    """The candidate pairs of a group's two sides, with the columns every rule asks about."""

    gold: Side
    pred: Side
    labels: list[str]
    gi: np.ndarray
    pj: np.ndarray
    same_span: np.ndarray
    same_label: np.ndarray
    shared: np.ndarray  # characters the hulls share (<= 0: none)
    #: the shape of the graph of each set of admissible candidates asked about (``_graph``):
    #: the groups of a task share their candidates, and often their admissible ones
    graphs: dict[bytes, "_Graph"] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def ranks(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Both sides' ranks in canonical order (``_ranks``), once per group's items; None when a
        side has two items with one key."""
        gold, pred = _side_ranks(self.gold), _side_ranks(self.pred)
        return None if gold is None or pred is None else (gold, pred)

    def item_pairs(self) -> list[tuple[Item, Item]]:
        golds, preds = self.gold.items, self.pred.items
        return [(golds[a], preds[b]) for a, b in zip(self.gi.tolist(), self.pj.tolist())]


def _side(items: Sequence[Item], code: dict[str, int]) -> Side:
    if not items:
        return Side(items, _EMPTY, _EMPTY, _EMPTY, _EMPTY)
    n = len(items)  # one C-level pass per column (no tuple per item)
    return Side(items, np.fromiter(map(_START, items), np.int64, n), np.fromiter(map(_END, items), np.int64, n),
                np.fromiter(map(code.__getitem__, map(_LABEL, items)), np.int64, n), np.fromiter(map(_UNIT, items), np.int64, n))


_START, _END, _LABEL, _UNIT = itemgetter(1), itemgetter(2), itemgetter(3), itemgetter(6)  # Item's fields


def pairs_of(golds: Sequence[Item], preds: Sequence[Item], candidates: Sequence[tuple[int, int]] | None = None, *,
             columns: tuple[list[int], list[int]] | None = None) -> Pairs:
    """The group's sides and candidate pairs (default: ``hull_overlapping_pairs``, as the reference;
    ``columns``: the candidates as a column of gold and one of predicted positions)."""
    labels = sorted({i.label for i in golds} | {i.label for i in preds})
    code = {label: k for k, label in enumerate(labels)}
    g, p = _side(golds, code), _side(preds, code)
    if columns is not None:
        gi, pj = (np.array(columns[0], dtype=np.int64), np.array(columns[1], dtype=np.int64)) if columns[0] else (_EMPTY, _EMPTY)
    elif candidates is None and len(golds) * len(preds) <= DENSE_PAIRS:
        gi, pj = _hull_pairs(golds, preds, g, p)
    else:
        listed = hull_overlapping_pairs(golds, preds) if candidates is None else candidates
        if listed:
            index = np.array(listed, dtype=np.int64)
            gi, pj = index[:, 0], index[:, 1]
        else:
            gi = pj = _EMPTY
    gs, ge, ps, pe = g.start[gi], g.end[gi], p.start[pj], p.end[pj]
    return Pairs(g, p, labels, gi, pj, (gs == ps) & (ge == pe), g.label[gi] == p.label[pj], np.minimum(ge, pe) - np.maximum(gs, ps))


#: Up to this many (gold, predicted) item combinations, hull candidates are found by comparing
#: every combination at once (a document's few hundred items make tens of thousands); beyond it,
#: by ``spans.hull_overlapping_pairs``'s sweep, which is linear in the items and pairs.
DENSE_PAIRS: int = 1 << 20


def _hull_pairs(golds: Sequence[Item], preds: Sequence[Item], g: Side, p: Side) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``spans.hull_overlapping_pairs`` lists, by one comparison of every combination
    (``_windowed_hull_pairs`` beyond ``WINDOWED_FROM`` combinations: the same pairs in the same
    order). Its sweep pairs an item with the other side's items still open at its start, a gold item
    first at equal starts: a prediction starting before the gold one and ending after the gold
    start, or starting at or after the gold start and before the gold end (so an empty
    prediction at a gold start is paired and an empty gold item at a prediction's start is not);
    both in one document. The order of the pairs differs, which no result depends on."""
    if not golds or not preds:
        return _EMPTY, _EMPTY
    gd = np.fromiter(map(_DOC, golds), np.int64, len(golds))
    pd = np.fromiter(map(_DOC, preds), np.int64, len(preds))
    if len(golds) * len(preds) >= WINDOWED_FROM:
        return _windowed_hull_pairs(gd, pd, g, p)
    gs, ge = g.start[:, None], g.end[:, None]
    ps, pe = p.start[None, :], p.end[None, :]
    hit = np.where(ps < gs, pe > gs, ge > ps)
    if gd.min() != gd.max() or pd.min() != pd.max() or gd[0] != pd[0]:
        hit &= gd[:, None] == pd[None, :]
    gi, pj = np.nonzero(hit)
    return gi.astype(np.int64, copy=False), pj.astype(np.int64, copy=False)


#: From this many (gold, predicted) combinations on, ``_hull_pairs`` compares each gold item with
#: the predictions near it only (``_windowed_hull_pairs``); below it, one comparison of them all is
#: cheaper (measured break-even near 75 x 75; a document's entity mentions make some 27,000 combinations for under 200 pairs).
WINDOWED_FROM: int = 6400


def _windowed_hull_pairs(gd: np.ndarray, pd: np.ndarray, g: Side, p: Side) -> tuple[np.ndarray, np.ndarray]:
    """``_hull_pairs``' dense comparison (same pairs, same order: gold-major, then predicted index)
    on a window per gold item. A prediction the rule pairs with a gold item of its document starts
    before the gold end (the rule's two cases: before the gold start, or at or after it and before
    the gold end) and no earlier than the gold start less the longest prediction (it ends after
    the gold start, or starts at or after it); so, with (document, start) folded into one sorted
    key, its candidates are one slice of the predictions (``np.searchsorted``), tested by the rule."""
    gs, ge, ps, pe = g.start, g.end, p.start, p.end
    longest = max(int((pe - ps).max()), 0)
    scale = max(int(ge.max()), int(gs.max()), int(pe.max()), int(ps.max())) + longest + 2  # a document's keys stay apart
    key = pd * scale + ps
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    low = np.searchsorted(ordered, gd * scale + gs - longest, side="left")
    high = np.searchsorted(ordered, gd * scale + ge, side="left")
    counts = np.maximum(high - low, 0)
    total = int(counts.sum())
    if total == 0:
        return _EMPTY, _EMPTY
    gi = np.repeat(np.arange(gs.size, dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    pj = order[np.arange(total, dtype=np.int64) - np.repeat(first - low, counts)]
    c_gs, c_ge, c_ps, c_pe = gs[gi], ge[gi], ps[pj], pe[pj]
    hit = np.where(c_ps < c_gs, c_pe > c_gs, c_ge > c_ps) & (gd[gi] == pd[pj])
    gi, pj = gi[hit], pj[hit]
    at = np.lexsort((pj, gi))
    return gi[at], pj[at]


def _mask(values: list[bool]) -> np.ndarray:
    return np.array(values, dtype=bool) if values else np.zeros(0, dtype=bool)


def _components(gi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Each edge's connected component (the smallest node number in it; gold ``g`` is node ``g``,
    predicted ``p`` is node ``n_gold + p``), by min-label propagation: as many rounds as the
    components' diameter, a handful of array operations each; up to ``UNION_FIND_EDGES`` edges by
    ``_components_small`` (the same numbers), which is cheaper there."""
    if gi.size <= UNION_FIND_EDGES:
        return _components_small(gi, pj)
    n_gold = int(gi.max()) + 1
    gold_label = np.arange(n_gold, dtype=np.int64)
    pred_label = np.arange(int(pj.max()) + 1, dtype=np.int64) + n_gold
    while True:
        edge = np.minimum(gold_label[gi], pred_label[pj])
        new_gold, new_pred = gold_label.copy(), pred_label.copy()
        np.minimum.at(new_gold, gi, edge)
        np.minimum.at(new_pred, pj, edge)
        if not ((new_gold != gold_label).any() or (new_pred != pred_label).any()):  # np.array_equal, without its checks
            return edge
        gold_label, pred_label = new_gold, new_pred


#: Up to this many edges, ``_components`` is a union-find in Python: a few rounds of the
#: propagation's array operations cost more than that (a document's typical graph: 6 edges, at
#: most some 60; 31 -> 9 us a call).
UNION_FIND_EDGES: int = 128


def _components_small(gi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """``_components`` by union-find: joining two sets keeps the smaller root, so every root is its
    set's smallest node and an edge's label is its component's smallest node, as propagated."""
    golds, preds = gi.tolist(), pj.tolist()
    n_gold = max(golds) + 1
    parent = list(range(n_gold + max(preds) + 1))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for g, p in zip(golds, preds):
        a, b = find(g), find(n_gold + p)
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b
    return np.array([find(g) for g in golds], dtype=np.int64)


def _single(component: np.ndarray, node: np.ndarray) -> np.ndarray:
    """Per edge: does its component hold one ``node`` only (the smallest and largest agree)?"""
    size = int(component.max()) + 1
    low = np.full(size, node.max(), dtype=np.int64)
    high = np.zeros(size, dtype=np.int64)
    np.minimum.at(low, component, node)
    np.maximum.at(high, component, node)
    return low[component] == high[component]


#: ``Item.sort_key`` (document, start, end, label, key: the item's first five fields) in C, for
#: every item of a group at once (``_ranks``); tests/test_arrays.py checks the two agree.
_SORT_KEY: Callable[[Item], tuple[int, int, int, str, str]] = itemgetter(0, 1, 2, 3, 4)


def _ranks(items: Sequence[Item]) -> np.ndarray | None:
    """Each item's rank in canonical order (``Item.sort_key``), or None when two items share a key
    (the reference then raises where they compete; the caller lets it)."""
    keys = list(map(_SORT_KEY, items))
    if len(set(keys)) != len(keys):
        return None
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys), dtype=np.int64)
    return rank


def _side_ranks(side: Side) -> np.ndarray | None:
    """``_ranks`` of a side's items from its integer columns: canonical order is (document, start,
    end, label, key) and the label codes follow the labels' order, so where no two items agree
    on the first four the columns alone give it (one ``np.lexsort``); otherwise the key decides,
    by ``_ranks``."""
    items = side.items
    n = len(items)
    if n < 2:
        return _ranks(items)
    doc = np.fromiter(map(_DOC, items), np.int64, n)
    order = np.lexsort((side.label, side.end, side.start, doc))
    same = doc[order][1:] == doc[order][:-1]
    for column in (side.start, side.end, side.label):
        same &= column[order][1:] == column[order][:-1]
    if same.any():
        return _ranks(items)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    return rank


_DOC = itemgetter(0)


@dataclass(frozen=True)
class _Graph:
    """The admissible candidates ``chosen`` of a group as a graph, before any weight: the pairs
    alone in their component (``lone``, positions), the others (``rest``) with each one's
    component and whether that component has one gold item, or one predicted item."""

    lone: np.ndarray
    rest: np.ndarray
    component: np.ndarray
    one_gold: np.ndarray
    one_pred: np.ndarray


def _graph(pairs: Pairs, chosen: np.ndarray) -> _Graph:
    """``_Graph`` of ``chosen``, computed once per set of positions (the four entity modes, for
    one, admit the same candidates and differ only in weights and statuses)."""
    key = chosen.tobytes()
    graph = pairs.graphs.get(key)
    if graph is None:
        gi, pj = pairs.gi[chosen], pairs.pj[chosen]
        alone = (np.bincount(gi)[gi] == 1) & (np.bincount(pj)[pj] == 1)
        rest = chosen[~alone]
        if rest.size:
            r_g, r_p = pairs.gi[rest], pairs.pj[rest]
            component = _components(r_g, r_p)
            graph = _Graph(chosen[alone], rest, component, _single(component, r_g), _single(component, r_p))
        else:
            graph = _Graph(chosen, rest, _EMPTY, _EMPTY, _EMPTY)
        pairs.graphs[key] = graph
    return graph


def solve(pairs: Pairs, chosen: np.ndarray, weights: np.ndarray, weigh: Weigh) -> np.ndarray:
    """The optimal matching over the admissible candidates ``chosen`` (positions into the
    candidate arrays), as ``matching.maximum_matching`` finds it: the positions of its pairs,
    sorted by gold index. ``weights[k]`` is candidate ``k``'s weight tuple (what ``weigh`` gives).

    A pair alone in its component is matched; a star (one gold or one predicted item) takes its
    best tuple, ties to the first key in canonical order, as ``matching._solve_component`` does,
    here on arrays; other components are weighed by ``weigh`` and solved by ``maximum_matching``."""
    if chosen.size == 0:
        return _EMPTY
    graph = _graph(pairs, chosen)
    found = [graph.lone]
    if graph.rest.size:
        rest, component, one_gold, one_pred = graph.rest, graph.component, graph.one_gold, graph.one_pred
        r_g, r_p = pairs.gi[rest], pairs.pj[rest]
        star = one_gold ^ one_pred  # both: a pair listed twice, which maximum_matching refuses
        ranks = pairs.ranks
        if ranks is None:
            star[:] = False
        elif star.any():
            gold_rank, pred_rank = ranks
            s = np.flatnonzero(star)
            tie = np.where(one_gold[s], pred_rank[r_p[s]], gold_rank[r_g[s]])
            w = weights[rest[s]]
            order = np.lexsort((tie, *(-w[:, k] for k in range(w.shape[1] - 1, -1, -1)), component[s]))
            ordered = component[s][order]
            first = np.flatnonzero(np.concatenate((_TRUE, ordered[1:] != ordered[:-1])))  # each component's best pair
            found.append(rest[s[order[first]]])
        general = rest[~star]
        if general.size and ranks is not None:
            found.append(_solve_general(pairs, general, component[~star], weights, ranks))
        elif general.size:  # two items share a key: the reference's path, which refuses it where they compete
            golds, preds = pairs.gold.items, pairs.pred.items
            at: dict[tuple[int, int], int] = {}
            edges: list[tuple[int, int, Weight]] = []
            for k, a, b in zip(general.tolist(), pairs.gi[general].tolist(), pairs.pj[general].tolist()):
                weight = weigh(golds[a], preds[b])
                if weight is None:
                    raise ValueError(f"an admissible pair has no weight: {golds[a].key} / {preds[b].key}")
                at[(a, b)] = k
                edges.append((a, b, weight))
            solved = maximum_matching(lambda i: golds[i].sort_key, lambda j: preds[j].sort_key, edges)
            found.append(np.array([at[edge] for edge in solved], dtype=np.int64))
    positions = np.concatenate(found) if len(found) > 1 else found[0]
    return positions[np.argsort(pairs.gi[positions], kind="stable")]


#: Components whose matchings are at most this many (bounded by the product of each gold item's
#: admissible pairs plus one; a 2 x 2 component has 7 matchings, a 4 x 4 one 209) are solved by
#: trying every matching, which is exact and much cheaper than the shortest-path search there.
BRUTE_FORCE_MATCHINGS: int = 512


def _solve_general(pairs: Pairs, general: np.ndarray, component: np.ndarray, weights: np.ndarray,
                   ranks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The components that are neither a lone pair nor a star, as ``matching._solve`` solves them:
    pairs in canonical order (gold key, then predicted key: the ranks), weight tuples folded into
    exact integers by ``matching.scalar_weights`` with its tie-break bonus, so that the optimum is
    unique, and the maximum-weight matching found by search (small) or ``max_weight_matching``."""
    gold_rank, pred_rank = ranks
    g, p = pairs.gi[general], pairs.pj[general]
    order = np.lexsort((pred_rank[p], gold_rank[g], component))
    ordered = component[order]
    starts = np.flatnonzero(np.concatenate((_TRUE, ordered[1:] != ordered[:-1]))).tolist() + [order.size]
    g_list, p_list, k_list = g[order].tolist(), p[order].tolist(), general[order].tolist()
    tuples = [tuple(row) for row in weights[general[order]].tolist()]
    width = weights.shape[1]
    found: list[int] = []
    for a, b in zip(starts[:-1], starts[1:]):
        edges = list(zip(g_list[a:b], p_list[a:b]))
        if _matchings_bound(g_list[a:b]) <= BRUTE_FORCE_MATCHINGS:
            n_gold, n_pred = len(set(g_list[a:b])), len(set(p_list[a:b]))
            scalar = scalar_weights(tuples[a:b], min(n_gold, n_pred), g_list[a:b])
            chosen = _best_matching(edges, scalar)
        else:
            chosen = set(_solve(edges, tuples[a:b], width))
        found.extend(k for k, edge in zip(k_list[a:b], edges) if edge in chosen)
    return np.array(found, dtype=np.int64)


def _matchings_bound(gold_of: list[int]) -> int:
    """An upper bound of a component's matchings: each gold item unmatched or on one of its pairs."""
    bound = 1
    for count in Counter(gold_of).values():
        bound *= count + 1
    return bound


def _best_matching(edges: list[tuple[int, int]], scalar: list[int]) -> set[tuple[int, int]]:
    """The matching of largest total ``scalar`` weight among all matchings of a small component
    (pairs gold-major); the totals of two matchings always differ (``matching``'s tie-break)."""
    options: dict[int, list[tuple[int, int]]] = {}
    for (g, p), w in zip(edges, scalar):
        options.setdefault(g, []).append((p, w))
    golds = list(options)
    if len(golds) == 2:  # the usual component (two gold items, two or three pairs): no search
        return _best_of_two(golds[0], options[golds[0]], golds[1], options[golds[1]])
    best_total = -1
    best: list[tuple[int, int]] = []
    chosen: list[tuple[int, int]] = []
    used: set[int] = set()

    def search(i: int, total: int) -> None:
        nonlocal best_total, best
        if i == len(golds):
            if total > best_total:
                best_total, best = total, list(chosen)
            return
        search(i + 1, total)
        for p, w in options[golds[i]]:
            if p not in used:
                used.add(p)
                chosen.append((golds[i], p))
                search(i + 1, total + w)
                chosen.pop()
                used.remove(p)

    search(0, 0)
    return set(best)


def _best_of_two(a: int, first: list[tuple[int, int]], b: int, second: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """``_best_matching`` of a component with two gold items ``a`` and ``b`` (their options, each
    (predicted item, scalar weight)): the best of every matching, each one pair or two pairs on
    two predicted items (weights are positive and totals distinct, so the maximum is unique)."""
    best_total, best = -1, set()
    for p, w in first:
        if w > best_total:
            best_total, best = w, {(a, p)}
        for q, v in second:
            if q != p and w + v > best_total:
                best_total, best = w + v, {(a, p), (b, q)}
    for q, v in second:
        if v > best_total:
            best_total, best = v, {(b, q)}
    return best


def weight_columns(n: int, *columns: np.ndarray | int) -> np.ndarray:
    """A (n, width) weight array from per-candidate columns or constants (as the weight tuples)."""
    out = np.empty((n, len(columns)), dtype=np.int64)
    for k, column in enumerate(columns):
        out[:, k] = column  # a constant broadcast, a boolean column as 0 / 1
    return out


def _prf_tables(pairs: Pairs, matched: np.ndarray, status: np.ndarray, n_units: int, n_labels: int) -> np.ndarray:
    """Status counts of a matching, shape (n_labels, n_units, 5) (``n_labels`` 1: micro, all in label 0).

    A cell is (label, unit) (the unit alone for micro); a matched pair counts in its gold item's
    cell under its status, an unmatched item in its own cell as fn (gold) or fp (predicted). The
    matching holds an item at most once, so a cell's unmatched items are its items less its
    matched ones: four bincounts, no mask of the unmatched."""
    g, p = pairs.gold, pairs.pred
    gi, pj = pairs.gi[matched], pairs.pj[matched]
    if n_labels == 1:
        gold_cell, pred_cell = g.unit, p.unit
    else:
        gold_cell, pred_cell = g.label * n_units + g.unit, p.label * n_units + p.unit
    size = n_labels * n_units
    matched_cell = gold_cell[gi]
    counts = np.bincount(matched_cell * _N_PRF + status[matched], minlength=size * _N_PRF).astype(np.int64, copy=False).reshape(size, _N_PRF)
    counts[:, FN] += np.bincount(gold_cell, minlength=size) - np.bincount(matched_cell, minlength=size)
    counts[:, FP] += np.bincount(pred_cell, minlength=size) - np.bincount(pred_cell[pj], minlength=size)
    return counts.reshape(n_labels, n_units, _N_PRF)


def _reference_prf_tables(pairs: Pairs, matched: np.ndarray, status: np.ndarray, n_units: int, n_labels: int) -> np.ndarray:
    """``_prf_tables`` by masks of the unmatched items (its definition; tests/test_arrays.py)."""
    g, p = pairs.gold, pairs.pred
    gi, pj = pairs.gi[matched], pairs.pj[matched]
    unmatched_gold = np.ones(len(g.items), dtype=bool)
    unmatched_gold[gi] = False
    unmatched_pred = np.ones(len(p.items), dtype=bool)
    unmatched_pred[pj] = False
    if n_labels == 1:
        cells = [g.unit[gi] * _N_PRF + status[matched], g.unit[unmatched_gold] * _N_PRF + FN, p.unit[unmatched_pred] * _N_PRF + FP]
    else:
        span = n_units * _N_PRF
        cells = [g.label[gi] * span + g.unit[gi] * _N_PRF + status[matched],
                 g.label[unmatched_gold] * span + g.unit[unmatched_gold] * _N_PRF + FN,
                 p.label[unmatched_pred] * span + p.unit[unmatched_pred] * _N_PRF + FP]
    counts = np.bincount(np.concatenate(cells), minlength=n_labels * n_units * _N_PRF)
    return counts.astype(np.int64, copy=False).reshape(n_labels, n_units, _N_PRF)


def _outcomes(pairs: Pairs, matched: np.ndarray, statuses: list[str], pairs_only: bool) -> tuple[tuple[Outcome, ...], tuple[Outcome, ...]]:
    listed = list(zip(pairs.gi[matched].tolist(), pairs.pj[matched].tolist()))
    every = Matched(pairs.gold.items, pairs.pred.items, listed, statuses, pairs_only).outcomes()
    n_gold = len(every) if pairs_only else len(pairs.gold.items)
    return tuple(every[:n_gold]), tuple(every[n_gold:])


def _by_label(pairs: Pairs, chosen: np.ndarray, micro: np.ndarray, weights: np.ndarray, weigh: Weigh) -> np.ndarray:
    """Every label's own matching at once (positions sorted by gold index): the matching of the
    same-label admissible pairs, whose components never cross labels. A component of the micro
    graph without a cross-label pair is a component of that graph too, and is solved alike, so
    its micro pairs stand (when there is no cross-label pair at all, this is ``outcomes.restrict``);
    only the same-label pairs of components holding a cross-label pair are solved again."""
    cross = ~pairs.same_label[chosen]
    if not cross.any():
        return micro
    # each chosen pair's component in the micro graph, from its ``_Graph`` (the one ``solve`` just
    # used): a lone pair is a component of its own, numbered past every node; the others keep theirs
    graph = _graph(pairs, chosen)
    base = len(pairs.gold.items) + len(pairs.pred.items)
    component_of = np.zeros(pairs.gi.size, dtype=np.int64)
    component_of[graph.lone] = np.arange(base, base + graph.lone.size, dtype=np.int64)
    component_of[graph.rest] = graph.component
    component = component_of[chosen]
    mixed = np.zeros(base + graph.lone.size, dtype=bool)
    mixed[component[cross]] = True
    kept = micro[~mixed[component_of[micro]]]
    again = solve(pairs, chosen[mixed[component] & ~cross], weights, weigh)
    positions = np.concatenate([kept, again])
    return positions[np.argsort(pairs.gi[positions], kind="stable")]


def prf_rows(name: str, pairs: Pairs, admissible: np.ndarray | None, status: np.ndarray | None, weights: np.ndarray, weigh: Weigh, *,
             semeval: bool, n_units: int, outcomes: OutcomesMode) -> tuple[Rows, np.ndarray]:
    """One PRF group (as ``outcomes.prf_group`` then ``perdoc.rows_of``) and its micro matching.

    ``admissible``: which candidates ``weigh`` accepts (None: all); ``status``: each candidate's
    status code if matched (None: all tp); ``weights``: each candidate's weight tuple where it is
    admissible (``weight_columns``)."""
    chosen = np.flatnonzero(admissible) if admissible is not None else np.arange(pairs.gi.size)
    if status is None:
        status = np.zeros(pairs.gi.size, dtype=np.int64)
    micro = solve(pairs, chosen, weights, weigh)
    n_labels = len(pairs.labels)
    by_label = _by_label(pairs, chosen, micro, weights, weigh)
    tables = _prf_tables(pairs, by_label, status, n_units, n_labels)
    # one matching for both (no cross-label pair): the micro table is the labels' tables summed
    table = tables.sum(axis=0) if by_label is micro else _prf_tables(pairs, micro, status, n_units, 1)[0]
    per_label = {label: (tables[k], semeval) for k, label in enumerate(pairs.labels)}
    gold_outcomes = fp_outcomes = None
    if outcomes == "items":
        gold_outcomes, fp_outcomes = _outcomes(pairs, micro, [PRF_STATUSES[s] for s in status[micro].tolist()], False)
    return Rows(name, "prf", semeval, table, per_label, gold_outcomes, fp_outcomes), micro


def accuracy_rows(name: str, pairs: Pairs, matched: np.ndarray, correct: np.ndarray, *, n_units: int, outcomes: OutcomesMode) -> Rows:
    """An attribute accuracy over the matched pairs ``matched`` (as ``outcomes.accuracy_group``):
    ``correct`` per candidate; per label by the gold item's label, labels of matched pairs only."""
    gi = pairs.gi[matched]
    column = np.where(correct[matched], 0, 1)
    unit, label = pairs.gold.unit[gi], pairs.gold.label[gi]
    n_labels = len(pairs.labels)
    span = n_units * _N_ACC
    counts = np.bincount(label * span + unit * _N_ACC + column, minlength=max(n_labels, 1) * span)
    tables = counts.astype(np.int64, copy=False).reshape(max(n_labels, 1), n_units, _N_ACC)
    table = tables.sum(axis=0)
    per_label = {pairs.labels[k]: (tables[k], False) for k in sorted(set(label.tolist()))}
    gold_outcomes = fp_outcomes = None
    if outcomes == "items":
        gold_outcomes, fp_outcomes = _outcomes(pairs, matched, [ACCURACY_STATUSES[c] for c in column.tolist()], True)
    return Rows(name, "accuracy", False, table, per_label, gold_outcomes, fp_outcomes)


def _entities(record: Record, doc: SubmissionDocument, units: Units, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    sigs = outcomes == "items"  # an item's sig only names it in its outcomes
    pairs = pairs_of(entities.gold_items(0, record, units, sigs=sigs), entities.pred_items(0, doc, units, sigs=sigs))
    n = pairs.gi.size
    admissible = pairs.shared > 0
    shared = np.maximum(pairs.shared, 0)
    same_span, same_label = pairs.same_span, pairs.same_label
    rules = {  # (status if matched, weight tuple): entities' module docstring
        "strict": (np.where(same_span & same_label, TP, INCORRECT), weight_columns(n, same_span & same_label, 1, same_span, same_label, shared)),
        "exact": (np.where(same_span, TP, INCORRECT), weight_columns(n, same_span, 1, same_label, shared)),
        "partial": (np.where(same_span, TP, PARTIAL), weight_columns(n, np.where(same_span, 2, 1), 1, same_label, shared)),
        "type": (np.where(same_label, TP, INCORRECT), weight_columns(n, same_label, 1, same_span, shared)),
    }
    return tuple(prf_rows(f"entities.{mode}", pairs, admissible, rules[mode][0], rules[mode][1], entities.RULES[mode][0], semeval=True,
                          n_units=units.n, outcomes=outcomes)[0] for mode in entities.MODES)


def _timex(record: Record, doc: SubmissionDocument, units: Units, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    pairs = pairs_of(timex.gold_items(0, record, units), timex.pred_items(0, doc, units))
    m = pairs.gi.size
    overlapping = pairs.shared > 0
    shared = np.maximum(pairs.shared, 0)
    value = _mask([timex.value_right(g, p) for g, p in pairs.item_pairs()])
    anchor = _mask([timex.anchor_right(g, p) for g, p in pairs.item_pairs()])
    attributes = pairs.same_label.astype(np.int64) + value + anchor
    n = units.n
    strict, _ = prf_rows("timex.strict", pairs, pairs.same_span, None, weight_columns(m, 1), timex.weigh_strict, semeval=False, n_units=n,
                         outcomes=outcomes)
    relaxed, matched = prf_rows("timex.relaxed", pairs, overlapping, None, weight_columns(m, 1, pairs.same_span, shared, attributes),
                                timex.weigh_relaxed, semeval=False, n_units=n, outcomes=outcomes)
    valued, _ = prf_rows("timex.value", pairs, overlapping & value, None, weight_columns(m, 1, pairs.same_span, shared), timex.weigh_value,
                         semeval=False, n_units=n, outcomes=outcomes)
    return (strict, relaxed, valued,
            accuracy_rows("timex.type_accuracy", pairs, matched, pairs.same_label, n_units=n, outcomes=outcomes),
            accuracy_rows("timex.value_accuracy", pairs, matched, value, n_units=n, outcomes=outcomes),
            accuracy_rows("timex.anchor_accuracy", pairs, matched, anchor, n_units=n, outcomes=outcomes))


def _quotes(record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    sigs = outcomes == "items"  # an item's sig only names it in its outcomes
    g_content, g_cue = quotes.gold_items(0, record, units, sigs=sigs)
    p_content, p_cue = quotes.pred_items(0, doc, units, sigs=sigs)
    content = pairs_of(g_content, p_content)
    m = content.gi.size
    item_pairs = content.item_pairs()
    same_content = _mask([g.spans == p.spans for g, p in item_pairs])
    shared = np.array([set_overlap(g.spans, p.spans) for g, p in item_pairs], dtype=np.int64) if m else _EMPTY
    speaker = _mask([quotes.speaker_right(g, p) for g, p in item_pairs])
    cue = pairs_of(g_cue, p_cue)
    if options.cue_match == "exact":
        cue_admissible, cue_weights = cue.same_span, weight_columns(cue.gi.size, 1)
    else:
        cue_admissible, cue_weights = cue.shared > 0, weight_columns(cue.gi.size, 1, cue.same_span, np.maximum(cue.shared, 0))
    n = units.n
    strict, _ = prf_rows("quotes.content_strict", content, same_content, None, weight_columns(m, 1), quotes.weigh_content_strict,
                         semeval=False, n_units=n, outcomes=outcomes)
    overlapping, matched = prf_rows("quotes.content_overlap", content, shared > 0, None,
                                    weight_columns(m, 1, same_content, shared, speaker.astype(np.int64) + content.same_label),
                                    quotes.weigh_content_overlap, semeval=False, n_units=n, outcomes=outcomes)
    cues, _ = prf_rows("quotes.cue", cue, cue_admissible, None, cue_weights, quotes.weigh_cue(options.cue_match), semeval=False, n_units=n,
                       outcomes=outcomes)
    speakers = accuracy_rows("quotes.speaker_accuracy", content, matched, speaker, n_units=n, outcomes=outcomes)
    quote_speaker, _ = prf_rows("quotes.quote_speaker", content, (shared > 0) & speaker, None, weight_columns(m, 1, same_content, shared),
                                quotes.weigh_quote_speaker, semeval=False, n_units=n, outcomes=outcomes)
    return strict, overlapping, cues, speakers, quote_speaker


def _events(record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    sigs = outcomes == "items"  # an item's sig only names it in its outcomes
    g_trig, g_args, g_time = events.gold_items(0, record, units, sigs=sigs)
    p_trig, p_args, p_time = events.pred_items(0, doc, units, sigs=sigs)
    weigh = events.weighers(options.trigger_match, options.argument_match)
    exact = options.trigger_match == "exact"
    trig = pairs_of(g_trig, p_trig)
    trig_match = trig.same_span if exact else trig.shared > 0
    trig_shared = np.maximum(trig.shared, 0)
    args = pairs_of(g_args, p_args, columns=events.argument_candidate_columns(g_args, p_args))
    refers = _refers(args, options.trigger_match, options.argument_match)
    arg_shared = np.maximum(args.shared, 0)
    times = pairs_of(g_time, p_time)
    timed = _mask([weigh["event_time"](g, p) is not None for g, p in times.item_pairs()])
    t, a, e = trig.gi.size, args.gi.size, times.gi.size
    n = units.n
    groups = (  # (name, pairs, admissible, weight tuples): events' module docstring
        ("trigger_identification", trig, trig_match, weight_columns(t, 1, trig.same_span, trig_shared, trig.same_label)),
        ("trigger_classification", trig, trig_match & trig.same_label, weight_columns(t, 1, trig.same_span, trig_shared)),
        ("argument_identification", args, refers, weight_columns(a, 1, args.same_label, args.same_span, arg_shared)),
        ("argument_classification", args, refers & args.same_label, weight_columns(a, 1, args.same_span, arg_shared)),
        ("event_time", times, timed, weight_columns(e, 1, times.same_span, np.maximum(times.shared, 0))),
    )
    return tuple(prf_rows(f"events.{name}", pairs, admissible, None, weights, weigh[name], semeval=False, n_units=n, outcomes=outcomes)[0]
                 for name, pairs, admissible, weights in groups)


def _refers(args: Pairs, trigger_match: str, argument_match: str) -> np.ndarray:
    """Per argument candidate: does the predicted argument refer to the gold one's referent, as
    ``events.weighers``' ``refers`` asks (same event type, triggers matching, the predicted span
    overlapping, or equal to, one of the referent's spans), for every candidate at once.

    ``ArgData.refers_to``'s binary search, on arrays: each distinct referent (``gold_items``
    gives the arguments of one referent one tuple, sorted, with its running largest end) is laid
    out once, its spans keyed by (referent, start) in one sorted column, and each candidate looks
    its predicted span up there (``np.searchsorted``), where spelling every referent span out for
    every candidate repeated an entity's mentions once per argument and pair."""
    golds, preds = args.gold.items, args.pred.items
    gi, pj = args.gi, args.pj
    if gi.size == 0:
        return np.zeros(0, dtype=bool)
    types: dict[str, int] = {}
    g_data = [i.data for i in golds]
    p_data = [i.data for i in preds]
    g_type = np.array([types.setdefault(d.event_type, len(types)) for d in g_data], dtype=np.int64)
    p_type = np.array([types.setdefault(d.event_type, len(types)) for d in p_data], dtype=np.int64)
    g_trig = np.array([d.trigger for d in g_data], dtype=np.int64).reshape(-1, 2)[gi]
    p_trig = np.array([d.trigger for d in p_data], dtype=np.int64).reshape(-1, 2)[pj]
    ok = g_type[gi] == p_type[pj]
    if trigger_match == "exact":
        ok &= (g_trig[:, 0] == p_trig[:, 0]) & (g_trig[:, 1] == p_trig[:, 1])
    else:
        ok &= np.minimum(g_trig[:, 1], p_trig[:, 1]) - np.maximum(g_trig[:, 0], p_trig[:, 0]) > 0
    # each distinct referent once (by identity: one tuple per referent; equal ones apart are only laid out twice)
    slot: dict[int, int] = {}
    referents: list[tuple[tuple[int, int], ...]] = []
    reaches: list[tuple[int, ...]] = []
    ref_of = []
    for d in g_data:
        k = slot.get(id(d.referent))
        if k is None:
            k = slot[id(d.referent)] = len(referents)
            referents.append(d.referent)
            reaches.append(d.referent_reach)
        ref_of.append(k)
    counts = np.array([len(r) for r in referents], dtype=np.int64)
    spans = np.array([span for r in referents for span in r], dtype=np.int64).reshape(-1, 2)
    if spans.size == 0:  # no referent has a span: nothing is referred to
        return np.zeros(gi.size, dtype=bool)
    first = np.cumsum(counts) - counts  # each referent's first span
    owner = np.repeat(np.arange(len(referents), dtype=np.int64), counts)
    ref = np.array(ref_of, dtype=np.int64)[gi]
    start, end = args.pred.start[pj], args.pred.end[pj]
    scale = int(max(int(spans.max(initial=0)), int(end.max(initial=0)), int(start.max(initial=0)))) + 2
    if argument_match == "exact":
        # a referent span equal to the predicted one: (referent, start, end) keys, sorted as the spans are
        if (len(referents) + 1) * scale * scale >= 1 << 62:  # pragma: no cover - a text of about a billion characters
            return ok & np.array([golds[a].data.refers_to("exact", (preds[b].start, preds[b].end)) for a, b in zip(gi.tolist(), pj.tolist())],
                                 dtype=bool)
        keys = (owner * scale + spans[:, 0]) * scale + spans[:, 1]
        wanted = (ref * scale + start) * scale + end
        at = np.searchsorted(keys, wanted, side="left")
        found = keys[np.minimum(at, keys.size - 1)] == wanted
        found &= at < keys.size
        return ok & found
    # overlap: the last referent span starting before the predicted span ends reaches past its start
    reach = np.array([end_ for r in reaches for end_ in r], dtype=np.int64)
    keys = owner * scale + spans[:, 0]
    last = np.searchsorted(keys, ref * scale + end, side="left") - 1
    inside = last >= first[ref]
    found = inside & (reach[np.maximum(last, 0)] > start)
    return ok & found & (end > start)


def task_rows(task: str, record: Record, doc: SubmissionDocument, units: Units, options: ScoreOptions, outcomes: OutcomesMode) -> tuple[Rows, ...]:
    """One task's groups over one document, in the task module's group order."""
    if task == "entities":
        return _entities(record, doc, units, outcomes)
    if task == "timex":
        return _timex(record, doc, units, outcomes)
    if task == "quotes":
        return _quotes(record, doc, units, options, outcomes)
    if task == "events":
        return _events(record, doc, units, options, outcomes)
    raise ValueError(f"unknown task {task!r}")


def document_rows(record: Record, doc: SubmissionDocument, tasks: Sequence[str], units: Units, options: ScoreOptions,
                  outcomes: OutcomesMode) -> DocScore:
    """The ``DocScore`` of one document (``doc`` already made canonical for ``fused_lam``)."""
    return DocScore(record.document.id, units.n, {task: task_rows(task, record, doc, units, options, outcomes) for task in tasks})
