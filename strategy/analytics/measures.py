"""What "engagement" means for each dataset, and what a rate is divided by."""

from __future__ import annotations

import pandas as pd

from strategy.core.i18n import N_, _
from strategy.core.labels import PER_NAMES
from strategy.importers.dataset import Dataset

INTERACTION_PARTS = ("likes", "comments", "shares", "saves")
DENOMINATORS = ("followers", "reach", "impressions", "views")
MEASURE_NAMES = {"interactions": N_("interactions"), "engagements": N_("engagements")}


def measure_values(ds: Dataset, measure: str) -> pd.Series | None:
    """A dataset's values of the measure per row, or None when it has no columns for it.

    Interactions are likes or reactions + comments + shares or reposts (+ saves where the
    export has them), the same sum on every network; engagements are the network's own figure
    (X counts clicks and expands too, legacy Facebook counts engaged people).
    """
    if measure == "engagements":
        if "engagements" not in ds.columns_used:
            return None
        values = ds.frame["engagements"]
    else:
        parts = [p for p in INTERACTION_PARTS if p in ds.columns_used]
        if not parts:
            return None
        values = ds.frame[list(parts)].sum(axis=1, min_count=1)
    # An empty count cell in a row that was seen (it has reach, impressions or views) is a
    # zero: legacy Facebook and Meta leave the cell blank when nobody reacted.
    seen = ds.frame[["impressions", "reach", "views"]].notna().any(axis=1)
    return values.where(values.notna() | ~seen, 0.0)


def measure_columns(ds: Dataset, measure: str) -> str | None:
    """The export's own columns a dataset's measure is made of, in words."""
    if measure == "engagements":
        return ds.columns_used.get("engagements")
    parts = [ds.columns_used[p] for p in INTERACTION_PARTS if p in ds.columns_used]
    return " + ".join(parts) if parts else None


def rate_name(measure: str, denominator: str) -> str:
    """Name a rate: "interactions per impression"."""
    return f"{_(MEASURE_NAMES[measure])} {_(PER_NAMES[denominator])}"


def default_denominator(follower_source: str, available: set[str]) -> str | None:
    """The best denominator an account has: a real follower history, else reach, impressions, views.

    Args:
        follower_source: Where its followers come from (see `Followers.source`).
        available: The denominators its rows have values for.

    Returns:
        The denominator, or None when it has none.
    """
    if follower_source == "history":
        return "followers"
    for denominator in ("reach", "impressions", "views"):
        if denominator in available:
            return denominator
    return "followers" if "followers" in available else None
