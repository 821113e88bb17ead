"""One-to-one maximum matching: optimal, unique, independent of input order."""

from __future__ import annotations

import itertools
import random
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from naba.evaluate.matching import max_weight_matching, maximum_matching, scalar_weights
from naba.evaluate.spans import Item, hull_overlapping_pairs


def brute_force(n_gold: int, n_pred: int, gold_keys, pred_keys, pairs):  # type: ignore[no-untyped-def]
    """Every matching, best by (summed weight tuple, tie-break) as documented."""
    edges = sorted(pairs, key=lambda e: (gold_keys[e[0]], pred_keys[e[1]]))
    width = len(edges[0][2]) if edges else 0
    best_key, best = None, []
    for r in range(0, min(n_gold, n_pred) + 1):
        for subset in itertools.combinations(edges, r):
            if len({g for g, _, _ in subset}) < r or len({p for _, p, _ in subset}) < r:
                continue
            total = tuple(sum(w[k] for _, _, w in subset) for k in range(width))
            tie = tuple(1 if (g, p) in {(a, b) for a, b, _ in subset} else 0 for g, p, _ in edges)
            key = (total, tie)
            if best_key is None or key > best_key:
                best_key, best = key, [(g, p) for g, p, _ in subset]
    return sorted(best)


@st.composite
def problems(draw):  # type: ignore[no-untyped-def]
    n_gold = draw(st.integers(0, 4))
    n_pred = draw(st.integers(0, 4))
    width = draw(st.integers(1, 3))
    gold_keys = draw(st.permutations(list(range(n_gold))))
    pred_keys = draw(st.permutations(list(range(n_pred))))
    all_pairs = [(g, p) for g in range(n_gold) for p in range(n_pred)]
    chosen = draw(st.lists(st.sampled_from(all_pairs), unique=True)) if all_pairs else []
    pairs = [(g, p, tuple(draw(st.integers(0, 3)) for _ in range(width))) for g, p in chosen]
    return n_gold, n_pred, list(gold_keys), list(pred_keys), pairs


@settings(max_examples=300, deadline=None)
@given(problems())
def test_matches_brute_force(problem) -> None:  # type: ignore[no-untyped-def]
    n_gold, n_pred, gold_keys, pred_keys, pairs = problem
    got = maximum_matching(gold_keys.__getitem__, pred_keys.__getitem__, pairs)
    assert sorted(got) == brute_force(n_gold, n_pred, gold_keys, pred_keys, pairs)


@settings(max_examples=200, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_independent_of_input_order(problem, rnd) -> None:  # type: ignore[no-untyped-def]
    n_gold, n_pred, gold_keys, pred_keys, pairs = problem
    reference = {(gold_keys[g], pred_keys[p]) for g, p in maximum_matching(gold_keys.__getitem__, pred_keys.__getitem__, pairs)}
    gperm = list(range(n_gold))
    pperm = list(range(n_pred))
    rnd.shuffle(gperm)
    rnd.shuffle(pperm)
    g_new = {old: new for new, old in enumerate(gperm)}
    p_new = {old: new for new, old in enumerate(pperm)}
    shuffled_pairs = [(g_new[g], p_new[p], w) for g, p, w in pairs]
    rnd.shuffle(shuffled_pairs)
    gk = [gold_keys[old] for old in gperm]
    pk = [pred_keys[old] for old in pperm]
    got = {(gk[g], pk[p]) for g, p in maximum_matching(gk.__getitem__, pk.__getitem__, shuffled_pairs)}
    assert got == reference


def test_tie_break_prefers_earliest_pairs() -> None:
    # two golds, two preds, all four pairs equally good: the documented tie-break
    # keeps (gold 0, pred 0), the highest-ranked pair, hence also (1, 1).
    pairs = [(g, p, (1,)) for g in range(2) for p in range(2)]
    assert maximum_matching([0, 1].__getitem__, [0, 1].__getitem__, pairs) == [(0, 0), (1, 1)]
    # reversing the predicted keys reverses the choice
    assert maximum_matching([0, 1].__getitem__, [1, 0].__getitem__, pairs) == [(0, 1), (1, 0)]


def test_maximum_not_greedy() -> None:
    # gold 0 is admissible with preds 0 and 1, gold 1 only with pred 0: a greedy
    # pass taking (0, 0) first leaves gold 1 alone; the maximum pairs both.
    pairs = [(0, 0, (1,)), (0, 1, (1,)), (1, 0, (1,))]
    assert maximum_matching([0, 1].__getitem__, [0, 1].__getitem__, pairs) == [(0, 1), (1, 0)]


def test_lexicographic_weights_first_component_wins() -> None:
    # one pair with credit 1 beats two pairs with credit 0
    pairs = [(0, 0, (1, 1)), (0, 1, (0, 1)), (1, 0, (0, 1))]
    assert maximum_matching([0, 1].__getitem__, [0, 1].__getitem__, pairs) == [(0, 0)]


def test_rejects_duplicate_pairs_and_keys() -> None:
    with pytest.raises(ValueError):
        maximum_matching([0].__getitem__, [0].__getitem__, [(0, 0, (1,)), (0, 0, (1,))])
    with pytest.raises(ValueError):
        maximum_matching([0, 0].__getitem__, [0].__getitem__, [(0, 0, (1,)), (1, 0, (1,))])


def test_scalar_weights_are_lexicographic() -> None:
    weights = [(1, 0), (0, 5), (0, 5)]
    scalar = scalar_weights(weights, max_matches=2)
    assert scalar[0] > scalar[1] + scalar[2]  # one unit of the first component beats any sum of the second


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.integers(0, 2**31 - 1))
def test_max_weight_matching_agrees_with_scipy(n_left: int, n_right: int, seed: int) -> None:
    rng = random.Random(seed)
    matrix = np.zeros((n_left, n_right), dtype=np.int64)
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n_left)]
    for i in range(n_left):
        for j in range(n_right):
            if rng.random() < 0.6:
                w = rng.randint(1, 50)
                matrix[i, j] = w
                adjacency[i].append((j, w))
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    best = int(matrix[rows, cols].sum())
    got = max_weight_matching(n_left, n_right, adjacency)
    assert len({i for i, _ in got}) == len(got) == len({j for _, j in got})
    assert sum(int(matrix[i, j]) for i, j in got) == best
    assert all(matrix[i, j] > 0 for i, j in got)


def test_large_chain_component_is_solved() -> None:
    # off-by-one spans chain 300 golds and 300 preds into one component
    golds = [Item(0, 10 * k, 10 * k + 10, "PER", f"g{k}", "", 0, ((10 * k, 10 * k + 10),)) for k in range(300)]
    preds = [Item(0, 10 * k + 5, 10 * k + 15, "PER", f"p{k}", "", 0, ((10 * k + 5, 10 * k + 15),)) for k in range(300)]
    pairs = [(i, j, (1, min(golds[i].end, preds[j].end) - max(golds[i].start, preds[j].start))) for i, j in hull_overlapping_pairs(golds, preds)]
    got = maximum_matching(lambda i: golds[i].sort_key, lambda j: preds[j].sort_key, pairs)
    assert len(got) == 300


def _item(doc: int, start: int, end: int, key: str) -> Item:
    return Item(doc, start, end, "X", key, "", 0, ((start, end),))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 20), st.integers(1, 6)), max_size=8),
       st.lists(st.tuples(st.integers(0, 1), st.integers(0, 20), st.integers(1, 6)), max_size=8))
def test_overlap_sweep_finds_exactly_the_overlapping_pairs(gold_spec, pred_spec) -> None:  # type: ignore[no-untyped-def]
    golds = [_item(d, s, s + n, f"g{k}") for k, (d, s, n) in enumerate(gold_spec)]
    preds = [_item(d, s, s + n, f"p{k}") for k, (d, s, n) in enumerate(pred_spec)]
    expected = {(i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)
                if g.doc == p.doc and min(g.end, p.end) > max(g.start, p.start)}
    got = hull_overlapping_pairs(golds, preds)
    assert len(got) == len(set(got))
    assert set(got) == expected


def test_touching_spans_do_not_overlap() -> None:
    assert hull_overlapping_pairs([_item(0, 0, 3, "g")], [_item(0, 3, 5, "p")]) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=6))
def test_tie_bonus_orders_matchings_gold_major(degrees) -> None:  # type: ignore[no-untyped-def]
    # every bonus total is below T, and gold i's worst bonus beats all later golds' best
    from naba.evaluate.matching import _tie_bonus

    gold_of = [g for g, d in enumerate(degrees) for _ in range(d)]
    bonus, total = _tie_bonus(gold_of)
    assert total == int(np.prod([d + 1 for d in degrees]))
    first = {}
    for e, g in enumerate(gold_of):
        first.setdefault(g, e)
    best_of = [bonus[first[g]] for g in range(len(degrees))]
    worst_of = [bonus[first[g] + degrees[g] - 1] for g in range(len(degrees))]
    assert sum(best_of) < total
    for i in range(len(degrees)):
        assert worst_of[i] > sum(best_of[i + 1:])
        ranks = [bonus[first[i] + r] for r in range(degrees[i])]
        assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)


def test_a_flood_of_rival_predictions_needs_few_bits() -> None:
    # 100,000 predictions of one gold span: the exact tie-break used to need 100,000 bits
    # per weight; now the star is solved by a scan and a chain by ~1.6 bits per gold item
    from naba.evaluate.matching import scalar_weights

    n = 100_000
    pairs = [(0, j, (0, 1, 1, 5)) for j in range(n)]
    keys = list(range(n))[::-1]  # the last prediction has the best key
    assert maximum_matching([0].__getitem__, keys.__getitem__, pairs) == [(0, n - 1)]
    chain = scalar_weights([(1, 3)] * 600, 300, [e // 2 for e in range(600)])
    assert max(chain).bit_length() < 600  # one bit per pair was the old cost
    assert maximum_matching(lambda i: i, lambda j: j, [(i, j, (1,)) for i in range(300) for j in (i, i + 1)]) == [(i, i) for i in range(300)]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), st.integers(0, 3), st.randoms(use_true_random=False))
def test_stars_match_brute_force(n_rivals, width_extra, rnd) -> None:  # type: ignore[no-untyped-def]
    # one gold item and many predictions (and the mirror case) take the direct scan
    weights = [tuple(rnd.randint(0, 2) for _ in range(1 + width_extra)) for _ in range(n_rivals)]
    pred_keys = list(range(n_rivals))
    rnd.shuffle(pred_keys)
    star = [(0, j, w) for j, w in enumerate(weights)]
    assert maximum_matching([0].__getitem__, pred_keys.__getitem__, star) == brute_force(1, n_rivals, [0], pred_keys, star)
    mirror = [(i, 0, w) for i, w in enumerate(weights)]
    assert maximum_matching(pred_keys.__getitem__, [0].__getitem__, mirror) == brute_force(n_rivals, 1, pred_keys, [0], mirror)


def _one_bit_per_pair_reference(gold_keys, pred_keys, pairs):  # type: ignore[no-untyped-def]
    """The previous exact tie-break (pair e of E in canonical order gets 2 ** (E - 1 - e)),
    kept here as the reference the polynomial encoding must agree with."""
    edges = sorted(pairs, key=lambda e: (gold_keys[e[0]], pred_keys[e[1]]))
    if not edges:
        return []
    width, n_pairs = len(edges[0][2]), len(edges)
    golds = sorted({g for g, _, _ in edges})
    preds = sorted({p for _, p, _ in edges})
    max_matches = min(len(golds), len(preds))
    scale, scales = 1 << n_pairs, [0] * width
    for k in range(width - 1, -1, -1):
        scales[k] = scale
        scale *= max_matches * max(w[k] for _, _, w in edges) + 1
    adjacency: list[list[tuple[int, int]]] = [[] for _ in golds]
    for e, (g, p, w) in enumerate(edges):
        adjacency[golds.index(g)].append((preds.index(p), sum(w[k] * scales[k] for k in range(width)) + (1 << (n_pairs - 1 - e))))
    return sorted((golds[i], preds[j]) for i, j in max_weight_matching(len(golds), len(preds), adjacency))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 3), st.floats(0.1, 0.9), st.integers(0, 2**31 - 1))
def test_agrees_with_the_one_bit_per_pair_reference(n_gold, n_pred, width, density, seed) -> None:  # type: ignore[no-untyped-def]
    # larger problems than brute force can enumerate: the results before and after the change are identical
    rng = random.Random(seed)
    gold_keys = rng.sample(range(100), n_gold)
    pred_keys = rng.sample(range(100), n_pred)
    pairs = [(g, p, tuple(rng.randint(0, 2) for _ in range(width))) for g in range(n_gold) for p in range(n_pred) if rng.random() < density]
    got = maximum_matching(gold_keys.__getitem__, pred_keys.__getitem__, pairs)
    assert got == _one_bit_per_pair_reference(gold_keys, pred_keys, pairs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=40, unique=True))
def test_union_find_components_are_scipys(pairs: list[tuple[int, int]]) -> None:
    # the Python union-find (small graphs) and scipy's connected_components (large ones) partition alike
    from naba.evaluate import matching

    edges = [(g, p, (1,)) for g, p in pairs]
    small = matching._component_labels_small(edges)
    with mock.patch.object(matching, "SMALL_GRAPH_EDGES", 0):
        large = matching._component_labels(edges)
    assert len(small) == len(large) == len(edges)
    for a in range(len(edges)):
        for b in range(len(edges)):
            assert (small[a] == small[b]) == (large[a] == large[b])
