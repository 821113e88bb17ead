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
  the one containing the highest-ranked pair on which they differ. This is
  implemented exactly by giving pair number ``e`` (of ``E`` admissible pairs in
  that order) the tie-break bonus ``2 ** (E - 1 - e)``, below the resolution of
  the weight tuple, so the optimum is *unique*: the result is a function of the
  sets of items, not of their order.

The weights are combined into one Python integer (exact, unbounded), and each
connected component of the pair graph (usually one gold and one predicted item)
is solved by successive shortest augmenting paths with Dijkstra and potentials
(a sparse Hungarian method), stopping when an augmentation no longer increases
the total weight (the matching need not be perfect).
"""

from __future__ import annotations

import heapq
from collections import Counter
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
    gold_degree = Counter(g for g, _, _ in pairs)
    pred_degree = Counter(p for _, p, _ in pairs)
    if len({(g, p) for g, p, _ in pairs}) != len(pairs):
        raise ValueError("a pair is listed twice")

    # a pair whose two items have no other admissible pair is its own component
    result: list[tuple[int, int]] = []
    rest: list[tuple[int, int, Weight]] = []
    for edge in pairs:
        if gold_degree[edge[0]] == 1 and pred_degree[edge[1]] == 1:
            result.append((edge[0], edge[1]))
        else:
            rest.append(edge)

    # connected components of the rest (union-find over gold g and pred -1-p)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for g, p, _ in rest:
        a, b = find(g), find(-1 - p)
        if a != b:
            parent[a] = b
    components: dict[int, list[tuple[int, int, Weight]]] = {}
    for edge in rest:
        components.setdefault(find(edge[0]), []).append(edge)

    for component in components.values():
        golds = {g for g, _, _ in component}
        preds = {p for _, p, _ in component}
        gkeys = {g: gold_key(g) for g in golds}
        pkeys = {p: pred_key(p) for p in preds}
        _check_distinct(list(gkeys.values()), "gold")
        _check_distinct(list(pkeys.values()), "predicted")
        component.sort(key=lambda e: (gkeys[e[0]], pkeys[e[1]]))  # type: ignore[return-value]
        result.extend(_solve([(g, p) for g, p, _ in component], [w for _, _, w in component], width))
    result.sort()
    return result


def _check_distinct(keys: list[Hashable], side: str) -> None:
    if len(set(keys)) != len(keys):
        raise ValueError(f"two {side} items share a sort key among {sorted(map(repr, keys))}")


def scalar_weights(weights: Sequence[Weight], max_matches: int) -> list[int]:
    """Fold lexicographic tuples (already in canonical pair order) into exact integers.

    Component ``k`` is scaled above the largest total the components after it can
    reach in any matching of at most ``max_matches`` pairs; the last scale leaves
    room for the tie-break bits ``2 ** (E - 1 - e)``.
    """
    n_pairs = len(weights)
    width = len(weights[0])
    if any(len(weight) != width or min(weight) < 0 for weight in weights):
        raise ValueError(f"weight tuples must be non-negative and of one length: {list(weights)}")
    scale = 1 << n_pairs  # tie-break bits occupy [0, n_pairs)
    scales = [0] * width
    for k in range(width - 1, -1, -1):
        scales[k] = scale
        scale *= max_matches * max(w[k] for w in weights) + 1
    return [
        sum(w[k] * scales[k] for k in range(width)) + (1 << (n_pairs - 1 - e))
        for e, w in enumerate(weights)
    ]


def _solve(component: list[tuple[int, int]], weights: list[Weight], width: int) -> list[tuple[int, int]]:
    golds = sorted({g for g, _ in component})
    preds = sorted({p for _, p in component})
    gi = {g: i for i, g in enumerate(golds)}
    pj = {p: j for j, p in enumerate(preds)}
    scalar = scalar_weights(weights, min(len(golds), len(preds)))
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
        dist: dict[int, int] = {source: 0}
        parent: dict[int, int] = {}
        done: set[int] = set()
        heap: list[tuple[int, int]] = [(0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            for v, cost in _residual(u, n_left, n_right, source, sink, adjacency, match_left, match_right, weight_of):
                reduced = cost + potential[u] - potential[v]
                nd = d + reduced
                if v not in dist or nd < dist[v]:
                    dist[v] = nd
                    parent[v] = u
                    heapq.heappush(heap, (nd, v))
        if sink not in dist:
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
        largest = max(dist.values())
        for node in range(n_left + n_right + 2):
            potential[node] += dist.get(node, largest)
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
