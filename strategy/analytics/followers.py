"""Where an account's follower counts come from, and what they were on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from strategy.core.i18n import _, date, number
from strategy.importers.dataset import Dataset, totals_from_gains

# A typed total this close after the export's last day anchors it (the gap's growth is small).
ANCHOR_SLACK_DAYS = 7


@dataclass(frozen=True)
class TypedTotal:
    """A follower total the user typed, and the day it was true."""

    count: int
    as_of: dt.date


@dataclass(frozen=True)
class Followers:
    """One account's follower totals per day, and what they rest on.

    Attributes:
        source: "history" (in the export), "typed_gains" (the export's daily net gains anchored
            to a typed total), "typed_flat" (a typed total alone: an assumption) or "none".
        daily: Total per day (index: day); empty for "none".
        words: The source in words, for every caption and reading.
        net: Net change since the export's first day, from daily gains, when no total exists.
    """

    source: str
    daily: pd.Series
    words: str
    net: pd.Series | None = None

    @property
    def latest(self) -> float | None:
        """The last known total."""
        return float(self.daily.iloc[-1]) if len(self.daily) else None

    def on(self, days: pd.Series) -> pd.Series:
        """The total on each of `days`; NaN outside the range the source covers.

        A flat typed total holds for any day (it is labelled an assumption); a history does not
        reach before its first day or after its last, so those posts are left out, not
        backfilled with the first value.
        """
        if self.daily.empty:
            return pd.Series(np.nan, index=days.index)
        if self.source == "typed_flat":
            return pd.Series(float(self.daily.iloc[-1]), index=days.index)
        keys = pd.to_datetime(days).dt.floor("D")
        first, last = self.daily.index[0], self.daily.index[-1]
        # A day missing inside the range takes the nearest earlier known total.
        filled = self.daily.reindex(pd.date_range(first, last)).ffill()
        return keys.map(filled).where((keys >= first) & (keys <= last))


def _daily(datasets: list[Dataset], column: str, how: str) -> pd.Series:
    """One value per day from the day-grain datasets that have `column` (the first wins)."""
    parts = []
    for ds in datasets:
        if ds.grain != "day" or column not in ds.columns_used:
            continue
        rows = ds.frame.dropna(subset=[column])
        if len(rows):
            by_day = rows.groupby(rows["date"].dt.floor("D"))[column]
            parts.append(by_day.last() if how == "last" else by_day.sum())
    if not parts:
        return pd.Series(dtype="float64")
    out = parts[0]
    for more in parts[1:]:
        out = out.combine_first(more)
    return out.sort_index().astype("float64")


def followers_for(
    datasets: list[Dataset], typed: TypedTotal | None, days: pd.DatetimeIndex
) -> Followers:
    """Work out an account's follower totals, saying what they rest on.

    In order: a follower history in its exports (TikTok follower history, Facebook lifetime
    likes, LinkedIn totals from a stated total); its daily net gains anchored to a total the
    user typed, on the day it was true; the typed total alone, as a flat assumption. Per-post
    "follows" of a content export are new follows from one post, not a follower history.

    Args:
        datasets: The account's datasets.
        typed: The total the user typed for it, if any.
        days: Every day the account's rows fall on (for a flat total).

    Returns:
        The follower totals and their source.
    """
    history = _daily(datasets, "followers", "last")
    if len(history):
        return Followers("history", history, _("follower history in the export"))
    gains = _daily(datasets, "followers_gained", "sum")
    net = gains.cumsum() if len(gains) else None
    if typed is None:
        return Followers("none", pd.Series(dtype="float64"), _("no follower count"), net)
    as_of = cast(pd.Timestamp, pd.Timestamp(typed.as_of))  # a date is never NaT
    stated = _("{count} followers on {day}, typed by you").format(
        count=number(typed.count), day=date(typed.as_of)
    )
    if len(gains):
        first, last = cast(pd.Timestamp, gains.index[0]), cast(pd.Timestamp, gains.index[-1])
        if first - pd.Timedelta(days=1) <= as_of <= last + pd.Timedelta(days=ANCHOR_SLACK_DAYS):
            daily = totals_from_gains(gains, as_of, float(typed.count))
            words = _("the export's daily net gains anchored to {stated}").format(stated=stated)
            return Followers("typed_gains", daily, words, net)
    flat_days = days if len(days) else pd.DatetimeIndex([as_of])
    daily = pd.Series(float(typed.count), index=flat_days)
    words = _("{stated}, assumed for every day (an assumption: no history)").format(stated=stated)
    return Followers("typed_flat", daily, words, net)
