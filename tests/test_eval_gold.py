"""Properties that hold for any valid gold: the shipped records score themselves perfectly."""

from __future__ import annotations

from naba.evaluate import ScoreOptions, score
from naba.gold.records import gold_records, gold_sha256
from naba.submission.model import from_gold


def test_shipped_gold_scores_itself_perfectly() -> None:
    gold = list(gold_records())
    r = score([from_gold(record) for record in gold], options=ScoreOptions(n_bootstrap=50))
    assert r.gold_sha256 == gold_sha256()
    n_items = {
        "entities": sum(len(e.mentions) for g in gold for e in g.entities),
        "timex": sum(len(g.timexes) for g in gold),
        "quotes": sum(len(g.quotes) for g in gold),
        "events": sum(len(g.events) for g in gold),
    }
    for name, task in r.tasks.items():
        assert task.predicted
        for group, metric in task.metrics.items():
            counts = metric.counts
            has_items = (counts.tp + counts.fn > 0) if counts is not None else (metric.ratio is not None and metric.ratio.total > 0)
            for stat, value in metric.values.items():
                if has_items:
                    assert value == 1.0, (group, stat, value)
                else:
                    assert value is None, (group, stat, value)  # undefined, never a silent 0
            if counts is not None:
                assert counts.fp == 0 and counts.fn == 0
        if n_items[name] == 0:
            assert all(v is None for m in task.metrics.values() for v in m.values.values())
