"""The choices a score depends on, recorded in every result.

Each matching mode is a named choice with the benchmark's official default;
results computed with different options are not comparable, and the
leaderboard refuses to rank them together.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SpanMatch = Literal["overlap", "exact"]

#: Official seed of naba's bootstrap (the article's publication date).
DEFAULT_SEED = 20250623


class ScoreOptions(BaseModel):
    """Options of ``naba.evaluate.score``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    n_bootstrap: int = Field(default=1000, ge=0, le=100_000, description="Bootstrap resamples; 0 = no intervals.")
    seed: int = Field(default=DEFAULT_SEED, ge=0, description="Seed of numpy's default_rng for the resamples.")
    confidence: float = Field(default=0.95, gt=0.0, lt=1.0, description="Coverage of the percentile intervals.")
    trigger_match: SpanMatch = Field(default="overlap", description="Event trigger spans: overlap or identical.")
    argument_match: SpanMatch = Field(default="overlap", description="Argument span against the referent's mentions.")
    cue_match: SpanMatch = Field(default="overlap", description="Quote cue spans: overlap or identical.")
    fused_lam: Literal["either", "strict"] = Field(
        default="either",
        description="A predicted span starting on the article's lam of a fused لل: the gold's span (either) or a miss (strict).",
    )
