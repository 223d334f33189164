"""Follower series, engagement rates and chart-ready aggregates from normalized datasets."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from strategy.i18n import _, language, weekday_names
from strategy.importers.dataset import COLUMNS, Dataset, totals_from_gains

MAX_CHART_ROWS = 5000
BANDS_FILE = Path(__file__).parent / "content" / "benchmarks.toml"


class Band(BaseModel):
    """A typical engagement range for accounts of one size."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    min_followers: int
    max_followers: int
    low: float
    high: float


class BandsText(BaseModel):
    """The bands' wording in another language: the source, and one label per band in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    labels: list[str]


class BandsFile(BaseModel):
    """benchmarks.toml: the bands, where they come from, and their wording in other languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    band: list[Band]
    translation: dict[str, BandsText] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_label_per_band(self) -> BandsFile:
        for lang, text in self.translation.items():
            if len(text.labels) != len(self.band):
                raise ValueError(f"translation.{lang}: give one label per band ({len(self.band)})")
        return self

    def worded(self, lang: str) -> BandsFile:
        """Return the bands with their source and labels in `lang` (English when missing)."""
        text = self.translation.get(lang)
        if text is None:
            return self
        band = [
            b.model_copy(update={"label": label})
            for b, label in zip(self.band, text.labels, strict=True)
        ]
        return self.model_copy(update={"source": text.source, "band": band})


@functools.cache
def _bands_file() -> BandsFile:
    with BANDS_FILE.open("rb") as fh:
        return BandsFile.model_validate(tomllib.load(fh))


def bands() -> BandsFile:
    """Return the reference bands, worded in the language in force (no user data, read once)."""
    return _bands_file().worded(language())


def combine(datasets: list[Dataset]) -> pd.DataFrame:
    """Stack datasets into one normalized table."""
    frames = [d.frame for d in datasets if len(d.frame)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in COLUMNS})
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class FollowerSeries:
    """Daily follower totals for one account, and where they came from."""

    platform: str
    account: str
    daily: pd.Series  # index: day (Timestamp), value: followers
    source: str


def follower_series(
    datasets: list[Dataset], typed: dict[str, int] | None = None
) -> dict[tuple[str, str], FollowerSeries]:
    """Work out follower totals per account, saying which source each uses.

    In order of preference: a follower-history column (TikTok FollowerHistory, Facebook's
    Lifetime Total Likes); daily gains anchored to a total the user typed for that platform;
    the typed total alone, as a flat line.

    Args:
        datasets: The imported datasets.
        typed: Follower totals the user typed today, by platform id.

    Returns:
        One series per (platform, account).
    """
    typed = typed or {}
    df = combine(datasets)
    out: dict[tuple[str, str], FollowerSeries] = {}
    if df.empty:
        return out
    df = df.assign(day=df["date"].dt.floor("D"), account=df["account"].fillna("").astype(str))
    for (platform, account), g in df.groupby(["platform", "account"], sort=True):
        history = g.dropna(subset=["followers"])
        if len(history):
            daily = history.groupby("day")["followers"].last().sort_index()
            source = _("the export's follower history")
            out[(platform, account)] = FollowerSeries(platform, account, daily, source)
            continue
        gains = g.dropna(subset=["followers_gained"])
        if platform in typed and len(gains):
            per_day = gains.groupby("day")["followers_gained"].sum().sort_index()
            # Anchor: the typed total is today's, so earlier totals are it minus later gains.
            daily = totals_from_gains(per_day, per_day.index[-1], typed[platform])
            out[(platform, account)] = FollowerSeries(
                platform, account, daily, _("daily gains anchored to the total you typed")
            )
            continue
        if platform in typed:
            days = pd.DatetimeIndex(sorted(g["day"].dropna().unique()))
            daily = pd.Series(float(typed[platform]), index=days)
            source = _("the total you typed (no history)")
            out[(platform, account)] = FollowerSeries(platform, account, daily, source)
    return out


def with_followers(df: pd.DataFrame, series: dict[tuple[str, str], FollowerSeries]) -> pd.DataFrame:
    """Attach the follower total on each row's day (the nearest earlier known day)."""
    df = df.copy()
    df["followers_at"] = np.nan
    for (platform, account), s in series.items():
        mask = (df["platform"] == platform) & (df["account"].fillna("").astype(str) == account)
        if not mask.any() or s.daily.empty:
            continue
        days = df.loc[mask, "date"].dt.floor("D")
        idx = s.daily.index.searchsorted(days.to_numpy(), side="right") - 1
        values = s.daily.to_numpy()[np.clip(idx, 0, len(s.daily) - 1)]
        df.loc[mask, "followers_at"] = np.where(idx >= 0, values, s.daily.iloc[0])
    return df


def rate(df: pd.DataFrame, denominator: str) -> pd.Series:
    """Engagement rate per row: engagements divided by followers, impressions or reach."""
    base = df["followers_at"] if denominator == "followers" else df[denominator]
    base = base.where(base > 0)
    return df["engagements"] / base


def account_points(datasets: list[Dataset], series: dict, denominator: str) -> pd.DataFrame:
    """One point per account: latest followers and engagement rate over its posts or days.

    The rate is total engagements over the total of the denominator, so big days count more.
    """
    df = combine(datasets)
    if df.empty:
        return pd.DataFrame(columns=["platform", "account", "followers", "rate", "rows"])
    df = with_followers(df, series)
    df["account"] = df["account"].fillna("").astype(str)
    rows = []
    for (platform, account), g in df.groupby(["platform", "account"], sort=True):
        s = series.get((platform, account))
        if s is None or s.daily.empty:
            continue
        eng = g["engagements"].sum(min_count=1)
        if denominator == "followers":
            # Engagement per follower, per post (or per day for daily exports).
            base = (g["followers_at"] * g["engagements"].notna()).sum()
        else:
            base = g.loc[g["engagements"].notna(), denominator].sum(min_count=1)
        if pd.isna(eng) or not base or pd.isna(base):
            continue
        rows.append({"platform": platform, "account": account or platform,
                     "followers": float(s.daily.iloc[-1]), "rate": float(eng / base),
                     "rows": int(g["engagements"].notna().sum())})  # fmt: skip
    return pd.DataFrame(rows, columns=["platform", "account", "followers", "rate", "rows"])


def weekly(datasets: list[Dataset], series: dict) -> pd.DataFrame:
    """Weekly engagements and follower totals per account, in long form for one time axis."""
    df = combine(datasets)
    if df.empty:
        return pd.DataFrame(columns=["week", "account", "measure", "value"])
    df["account"] = df["account"].fillna("").astype(str)
    df["label"] = df["platform"] + " " + df["account"]
    df["week"] = df["date"].dt.to_period("W-SUN").dt.start_time
    eng = (df.groupby(["week", "label"])["engagements"].sum(min_count=1).dropna()
           .rename("value").reset_index())  # fmt: skip
    eng["measure"] = "Engagements per week"
    parts = [eng.rename(columns={"label": "account"})]
    for (platform, account), s in series.items():
        w = s.daily.groupby(s.daily.index.to_period("W-SUN").start_time).last()
        parts.append(pd.DataFrame({"week": w.index, "account": f"{platform} {account}",
                                   "value": w.to_numpy(), "measure": "Followers"}))  # fmt: skip
    out = pd.concat(parts, ignore_index=True)
    return out[["week", "account", "measure", "value"]].sort_values(["measure", "account", "week"])


def posts(datasets: list[Dataset], series: dict, denominator: str) -> pd.DataFrame:
    """Post-level rows with their engagement rate (daily exports are left out)."""
    df = combine([d for d in datasets if d.grain == "post"])
    if df.empty:
        return df.assign(rate=pd.Series(dtype="float64"))
    df = with_followers(df, series)
    df["rate"] = rate(df, denominator)
    return df.dropna(subset=["rate"])


def heatmap_cells(post_rows: pd.DataFrame, min_posts: int = 3) -> pd.DataFrame:
    """Median engagement rate by weekday and hour, with the post count of each cell.

    Cells with fewer than `min_posts` posts are kept but flagged, so the chart can grey them.
    """
    cols = ["weekday", "hour", "median_rate", "posts", "enough"]
    if post_rows.empty:
        return pd.DataFrame(columns=cols)
    names = dict(enumerate(weekday_names()))
    df = post_rows.assign(weekday=post_rows["date"].dt.day_of_week.map(names),
                          hour=post_rows["date"].dt.hour)  # fmt: skip
    cells = df.groupby(["weekday", "hour"])["rate"].agg(["median", "size"]).reset_index()
    cells.columns = ["weekday", "hour", "median_rate", "posts"]
    cells["enough"] = cells["posts"] >= min_posts
    return cells[cols]


def sample_for_chart(df: pd.DataFrame, limit: int = MAX_CHART_ROWS, seed: int = 0) -> pd.DataFrame:
    """Keep at most `limit` rows (a seeded random sample) so a chart spec stays small."""
    if len(df) <= limit:
        return df
    return df.sample(n=limit, random_state=seed).sort_index()
