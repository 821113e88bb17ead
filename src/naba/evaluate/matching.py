"""One-to-one maximum matching with a deterministic, order-independent tie-break.

Every metric pairs gold and predicted items one-to-one. Greedy pairing (as in
nervaluate) depends on the order of the input and can miss pairs (a prediction
overlapping two gold items takes the first and starves a later prediction).
naba instead solves an assignment problem exactly:

* Each admissible pair carries a *lexicographic* weight tuple, e.g.
  ``(credit, 1, exact_span, overlap_chars)``: the matching first maximises the
  summed first component, then the second, and so on. Layer modules define the
  tuples (see their docstrings); every tuple ends with components that make the
  pairing prefer larger overlap.
* Remaining ties are broken by the canonical order of the items: both sides are
  sorted by ``Item.sort_key`` = (document, start, end, label, id); pairs are
  ranked by (gold rank, predicted rank); among equally good matchings naba picks
  the one containing the highest-ranked pair on which they differ. Equivalently:
  gold items, in canonical order, each take the best-ranked prediction they can
  still have (being unmatched ranks last). The optimum is therefore *unique*:
  the result is a function of the sets of items, not of their order.

How the tie-break is made exact at polynomial cost. Within a component, gold
item ``i`` (canonical order, ``i = 0 .. n-1``) has ``d_i`` admissible pairs,
ranked ``r = 0 .. d_i - 1`` by the predicted item's key. Pair ``(i, r)`` gets
the bonus ``(d_i - r) * B_i`` with ``B_{n-1} = 1`` and
``B_i = (d_{i+1} + 1) * ... * (d_{n-1} + 1)``. Proof sketch: let two matchings
first differ (in canonical gold order) at gold ``i``, which one matches at rank
``r`` and the other at a worse rank or not at all; gold ``i``'s bonus differs by
at least ``B_i``, while all later golds together differ by at most
``sum_{k>i} d_k B_k = B_i - 1`` (the sum telescopes). So the bonus orders
matchings exactly as the rule above, and every bonus total is below
``T = (d_0 + 1) ... (d_{n-1} + 1)``, which the weight tuple is scaled above.
The bonus needs ``sum_i log2(d_i + 1)`` bits, at most one per pair and usually
far fewer (a gold item with 100,000 rival predictions needs 17 bits, not
100,000); a component with one gold or one predicted item, the usual case,
is solved by a direct scan without any arithmetic on tuples.

The weights are combined into one Python integer (exact, unbounded), and each
connected component of the pair graph (usually one gold and one predicted item)
is solved by successive shortest augmenting paths with Dijkstra and potentials
(a sparse Hungarian method), stopping when an augmentation no longer increases
the total weight (the matching need not be perfect). The cost is at most
``min(n, m)`` shortest-path searches over the component's pairs.
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import groupby
from operator import itemgetter, mul
from typing import Callable, Hashable, Sequence

Weight = tuple[int, ...]


def maximum_matching(
    gold_key: Callable[[int], Hashable],
    pred_key: Callable[[int], Hashable],
    pairs: Sequence[tuple[int, int, Weight]],
) -> list[tuple[int, int]]:
    """The unique optimal one-to-one matching; returns (gold index, pred index) pairs.

    ``gold_key(i)``/``pred_key(j)`` give an item's canonical sort key (distinct
    within a side; only consulted where two pairs compete). ``pairs`` lists
    admissible pairs with weight tuples of non-negative integers, all of one
    length; a pair listed twice is an error. The result is sorted by gold index.
    """
    if not pairs:
        return []
    width = len(pairs[0][2])
    gold_degree = Counter(map(itemgetter(0), pairs))
    pred_degree = Counter(map(itemgetter(1), pairs))

    # a pair whose two items have no other admissible pair is its own component
    result: list[tuple[int, int]] = []
    rest: list[tuple[int, int, Weight]] = []
    for edge in pairs:
        if gold_degree[edge[0]] == 1 and pred_degree[edge[1]] == 1:
            result.append((edge[0], edge[1]))
        else:
            rest.append(edge)
    if len({(g, p) for g, p, _ in rest}) != len(rest):  # a repeated pair has both degrees > 1
        raise ValueError("a pair is listed twice")

    # connected components of the rest: one star (all pairs share an item) is
    # common in hostile input, anything else is found in C
    components: list[list[tuple[int, int, Weight]]]
    if not rest:
        components = []
    elif len({g for g, _, _ in rest}) == 1 or len({p for _, p, _ in rest}) == 1:
        components = [rest]
    else:
        by_label: dict[int, list[tuple[int, int, Weight]]] = {}
        for edge, label in zip(rest, _component_labels(rest)):
            by_label.setdefault(label, []).append(edge)
        components = list(by_label.values())
    for component in components:
        result.extend(_solve_component(component, gold_key, pred_key, width))
    result.sort()
    return result


def _solve_component(
    component: list[tuple[int, int, Weight]], gold_key: Callable[[int], Hashable], pred_key: Callable[[int], Hashable], width: int
) -> list[tuple[int, int]]:
    golds = {g for g, _, _ in component}
    preds = {p for _, p, _ in component}
    if len(golds) == 1 or len(preds) == 1:
        # a star: the optimum is one pair (every pair's bonus is positive), the
        # best tuple, and among equal tuples the first in canonical order: the
        # best-ranked prediction of the one gold item, or the first gold item of
        # the one prediction. Only the tied pairs' keys are consulted.
        best = max(w for _, _, w in component)
        tied = [(g, p) for g, p, w in component if w == best]
        if len(golds) == 1:
            keys = [pred_key(p) for _, p in tied]
            _check_distinct(keys, "predicted")
        else:
            keys = [gold_key(g) for g, _ in tied]
            _check_distinct(keys, "gold")
        return [tied[min(range(len(tied)), key=keys.__getitem__)]]
    gkeys = {g: gold_key(g) for g in golds}
    pkeys = {p: pred_key(p) for p in preds}
    _check_distinct(list(gkeys.values()), "gold")
    _check_distinct(list(pkeys.values()), "predicted")
    component.sort(key=lambda e: (gkeys[e[0]], pkeys[e[1]]))  # type: ignore[return-value]
    return _solve([(g, p) for g, p, _ in component], [w for _, _, w in component], width)


#: Below this many edges, components are found by union-find in Python: building scipy's sparse
#: graph costs about a millisecond, more than the whole search on a document's few dozen edges.
SMALL_GRAPH_EDGES: int = 4096


def _component_labels(edges: list[tuple[int, int, Weight]]) -> list[int]:
    """The connected component of each edge of the bipartite graph (gold and predicted nodes);
    two edges get the same label exactly when they are connected (label values are arbitrary)."""
    if len(edges) < SMALL_GRAPH_EDGES:
        return _component_labels_small(edges)
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    gold = np.fromiter((g for g, _, _ in edges), dtype=np.int64, count=len(edges))
    pred = np.fromiter((p for _, p, _ in edges), dtype=np.int64, count=len(edges))
    gold_nodes, gold_index = np.unique(gold, return_inverse=True)
    _, pred_index = np.unique(pred, return_inverse=True)
    n_gold = len(gold_nodes)
    n = n_gold + int(pred_index.max()) + 1
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (gold_index, n_gold + pred_index)), shape=(n, n))
    _, node_label = connected_components(graph, directed=False)
    labels: list[int] = node_label[gold_index].tolist()
    return labels


def _component_labels_small(edges: list[tuple[int, int, Weight]]) -> list[int]:
    """Union-find over the edges' nodes (gold ``g`` as ``2g``, predicted ``p`` as ``2p + 1``)."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    for g, p, _ in edges:
        a, b = find(2 * g), find(2 * p + 1)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [find(2 * g) for g, _, _ in edges]


def _check_distinct(keys: list[Hashable], side: str) -> None:
    if len(set(keys)) != len(keys):
        raise ValueError(f"two {side} items share a sort key among {sorted(map(repr, keys))}")


def scalar_weights(weights: Sequence[Weight], max_matches: int, gold_of: Sequence[int] | None = None) -> list[int]:
    """Fold lexicographic tuples (already in canonical pair order) into exact integers.

    ``gold_of[e]`` is the gold item of pair ``e`` (pairs of one gold item are
    consecutive, in predicted-key order); by default every pair has its own gold
    item. Component ``k`` of the tuples is scaled above the largest total the
    components after it can reach in any matching of at most ``max_matches``
    pairs; the last scale leaves room for the tie-break bonus (module docstring).
    """
    n_pairs = len(weights)
    width = len(weights[0])
    if any(len(weight) != width for weight in weights) or min(map(min, weights)) < 0:
        raise ValueError(f"weight tuples must be non-negative and of one length: {list(weights)}")
    if gold_of is None:
        gold_of = range(n_pairs)
    bonus, scale = _tie_bonus(gold_of)  # scale = T: every bonus total is below it
    scales = [0] * width
    maxima = [max(column) for column in zip(*weights)]
    for k in range(width - 1, -1, -1):
        scales[k] = scale
        scale *= max_matches * maxima[k] + 1
    return [sum(map(mul, w, scales)) + b for w, b in zip(weights, bonus)]


def _tie_bonus(gold_of: Sequence[int]) -> tuple[list[int], int]:
    """(each pair's tie-break bonus, T, the bound of every total). Pairs of a gold item are consecutive."""
    runs = [sum(1 for _ in run) for _, run in groupby(gold_of)]  # d_i per gold item, in order
    block = 1  # B_i, built from the last gold item backwards
    per_gold: list[int] = [0] * len(runs)
    for i in range(len(runs) - 1, -1, -1):
        per_gold[i] = block
        block *= runs[i] + 1
    out: list[int] = []
    for d, b in zip(runs, per_gold):
        out.extend(range(d * b, 0, -b))  # (d - r) * B_i for the ranks r = 0 .. d - 1
    return out, block


def _solve(component: list[tuple[int, int]], weights: list[Weight], width: int) -> list[tuple[int, int]]:
    """One component, pairs in canonical order (gold-major)."""
    golds = sorted({g for g, _ in component})
    preds = sorted({p for _, p in component})
    gi = {g: i for i, g in enumerate(golds)}
    pj = {p: j for j, p in enumerate(preds)}
    scalar = scalar_weights(weights, min(len(golds), len(preds)), [g for g, _ in component])
    adjacency: list[list[tuple[int, int]]] = [[] for _ in golds]
    for (g, p), w in zip(component, scalar):
        adjacency[gi[g]].append((pj[p], w))
    pairs = max_weight_matching(len(golds), len(preds), adjacency)
    return [(golds[i], preds[j]) for i, j in pairs]


def max_weight_matching(n_left: int, n_right: int, adjacency: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Maximum-weight (not necessarily perfect) bipartite matching, exact integers.

    ``adjacency[i]`` lists ``(j, weight)`` with positive integer weights. Network:
    source -> left -> right -> sink, unit capacities, cost = -weight; successive
    shortest paths keep reduced costs non-negative with node potentials, and stop
    once the cheapest augmenting path has non-negative cost.
    """
    source, sink = n_left + n_right, n_left + n_right + 1
    match_left: list[int | None] = [None] * n_left
    match_right: list[int | None] = [None] * n_right
    weight_of: dict[tuple[int, int], int] = {}
    incoming: list[list[tuple[int, int]]] = [[] for _ in range(n_right)]
    for i, row in enumerate(adjacency):
        for j, w in row:
            weight_of[(i, j)] = w
            incoming[j].append((i, w))
    # potentials: exact shortest distances from the source in the initial DAG
    potential = [0] * (n_left + n_right + 2)
    for j in range(n_right):
        potential[n_left + j] = min(-w for _, w in incoming[j]) if incoming[j] else 0
    potential[sink] = min(potential[n_left : n_left + n_right], default=0)

    while True:
        # Dijkstra on reduced costs, stopped once the sink is settled (ties settle the
        # sink first); nodes not settled move by the sink's distance, which keeps every
        # reduced cost non-negative (the usual early-exit rule of successive shortest paths)
        dist: dict[int, int] = {source: 0}
        parent: dict[int, int] = {}
        done: set[int] = set()
        heap: list[tuple[int, int, int]] = [(0, 1, source)]
        while heap:
            d, _, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            if u == sink:
                break
            for v, cost in _residual(u, n_left, n_right, source, sink, adjacency, match_left, match_right, weight_of):
                if v in done:
                    continue
                nd = d + cost + potential[u] - potential[v]
                if v not in dist or nd < dist[v]:
                    dist[v] = nd
                    parent[v] = u
                    heapq.heappush(heap, (nd, int(v != sink), v))
        if sink not in done:
            break
        path_cost = dist[sink] + potential[sink] - potential[source]
        if path_cost >= 0:
            break
        # augment along the path source -> ... -> sink
        v = sink
        while v != source:
            u = parent[v]
            if u < n_left and n_left <= v < n_left + n_right:  # forward left->right: match
                match_left[u] = v - n_left
                match_right[v - n_left] = u
            v = u
        reach = dist[sink]
        for node in range(n_left + n_right + 2):
            potential[node] += dist[node] if node in done else reach
    return [(i, j) for i, j in enumerate(match_left) if j is not None]


def _residual(u, n_left, n_right, source, sink, adjacency, match_left, match_right, weight_of):  # type: ignore[no-untyped-def]
    """Residual arcs leaving node ``u`` with their true costs."""
    if u == source:
        return [(i, 0) for i in range(n_left) if match_left[i] is None]
    if u == sink:
        return [(n_left + j, 0) for j in range(n_right) if match_right[j] is not None]
    if u < n_left:
        arcs = [(n_left + j, -w) for j, w in adjacency[u] if match_left[u] != j]
        if match_left[u] is not None:
            arcs.append((source, 0))
        return arcs
    j = u - n_left
    if match_right[j] is None:
        return [(sink, 0)]
    i = match_right[j]
    return [(i, weight_of[(i, j)])]
