"""The four tasks, their metric groups, and their headline metrics.

Metric names are stable and dotted: ``<task>.<group>.<statistic>`` for the
micro score (e.g. ``entities.strict.f1``, ``timex.value.f1``) and
``<task>.<group>.<label>.<statistic>`` per label (e.g. ``entities.strict.PER.f1``).
Statistics of PRF groups: ``precision``, ``recall``, ``f1``, ``tp``, ``fp``,
``fn``, ``partial``; of accuracy groups: ``accuracy``, ``correct``, ``total``.
The full list is ``metric_names()`` and is printed in evaluate/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskSpec:
    name: str
    layer: str
    groups: tuple[tuple[str, str], ...]  # (group name, "prf" | "accuracy")
    headline: str
    higher_is_better: bool = True


TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "entities", "entities",
        (("entities.strict", "prf"), ("entities.exact", "prf"), ("entities.partial", "prf"), ("entities.type", "prf")),
        "entities.strict.f1",
    ),
    TaskSpec(
        "timex", "timexes",
        (("timex.strict", "prf"), ("timex.relaxed", "prf"), ("timex.value", "prf"),
         ("timex.type_accuracy", "accuracy"), ("timex.value_accuracy", "accuracy"), ("timex.anchor_accuracy", "accuracy")),
        "timex.value.f1",
    ),
    TaskSpec(
        "quotes", "quotes",
        (("quotes.content_strict", "prf"), ("quotes.content_overlap", "prf"), ("quotes.cue", "prf"),
         ("quotes.speaker_accuracy", "accuracy"), ("quotes.quote_speaker", "prf")),
        "quotes.quote_speaker.f1",
    ),
    TaskSpec(
        "events", "events",
        (("events.trigger_identification", "prf"), ("events.trigger_classification", "prf"),
         ("events.argument_identification", "prf"), ("events.argument_classification", "prf"), ("events.event_time", "prf")),
        "events.argument_classification.f1",
    ),
)

TASK_BY_NAME: dict[str, TaskSpec] = {task.name: task for task in TASKS}

PRF_STATS: tuple[str, ...] = ("precision", "recall", "f1", "tp", "fp", "fn", "partial")
ACCURACY_STATS: tuple[str, ...] = ("accuracy", "correct", "total")


def metric_names() -> list[str]:
    """Every micro metric name (per-label names add ``.<label>`` before the statistic)."""
    return [
        f"{group}.{stat}"
        for task in TASKS
        for group, kind in task.groups
        for stat in (PRF_STATS if kind == "prf" else ACCURACY_STATS)
    ]
