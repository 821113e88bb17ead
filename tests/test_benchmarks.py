"""The benchmarks' own helpers (the benchmarks are run by hand; their design is tested here).

``bench_rules`` interleaves the systems per document along a balanced Latin square, so that the
cost a system leaves behind (garbage, evicted caches) does not always fall on the same system.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_rules import williams_orders  # noqa: E402


@pytest.mark.parametrize("k", [2, 3, 4, 5, 6])
def test_williams_orders_are_balanced(k: int) -> None:
    rows = williams_orders(k)
    assert all(sorted(row) == list(range(k)) for row in rows)
    positions = Counter((row[i], i) for row in rows for i in range(k))
    assert len(positions) == k * k and len(set(positions.values())) == 1
    follows = Counter(pair for row in rows for pair in pairwise(row))
    assert len(follows) == k * (k - 1) and len(set(follows.values())) == 1


def test_williams_orders_four_systems_hand_computed() -> None:
    assert williams_orders(4) == [[0, 1, 3, 2], [1, 2, 0, 3], [2, 3, 1, 0], [3, 0, 2, 1]]
