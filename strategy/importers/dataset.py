"""The normalized dataset every importer produces, and its summary."""

from __future__ import annotations

from typing import Any, Literal, cast

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

METRICS = (
    "impressions",
    "reach",
    "views",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "profile_visits",
    "watch_hours",
    "followers",
    "followers_gained",
)
# post_type: the kind of post where the export names one (Meta: "Photos", "Reels"; legacy
# Facebook: "Link", "Video"), for rules of the user's own; empty elsewhere.
COLUMNS = ("platform", "account", "grain", "date", "post_id", "text", "link", "post_type", *METRICS)
TOTALS = ("impressions", "reach", "engagements", "followers_gained", "views")


class Dataset(BaseModel):
    """One table read from one export (a workbook or stacked file can give several).

    Attributes:
        source: The file name.
        sheet: The sheet or series title inside the file, if any.
        format_id: Which known format it matched ("mapped" for a user mapping).
        label: The format's name in words.
        platform: Network id (x, facebook, instagram, linkedin, youtube, tiktok, ...).
        grain: "post" or "day".
        frame: The normalized table, with the columns in `COLUMNS`.
        columns_used: Normalized field to the export's own column(s) it came from.
        notes: What the importer assumed or dropped, in words.
        account: The account the export itself names (a page name, a handle in its links or
            its file name); None when it names none.
        time_of_day: Whether the dates carry a time of day (else they are days only).
        time_zone: "UTC" when the times are zoned (converted to UTC on import); None when they
            are the exporting account's clock time, zone unknown.
        time_source: Where the times come from: the export's date column, the post ids
            (X and TikTok ids encode the moment of posting), or none (dates only).
        dropped_rows: Rows left out for having no date (totals, descriptions, notes).
        upload: Which upload it came from (two files may share a name: "Table data.csv").
        encoding: The file's text encoding, or its workbook kind (xlsx, xls, spreadsheetml).
        header_languages: Languages other than English its column names were read in.
        stated_totals: A totals row the export carries (YouTube's "Total"), by metric: kept to
            check the rows against, never added to them.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    source: str
    sheet: str | None = None
    format_id: str
    label: str
    platform: str
    grain: Literal["post", "day"]
    frame: Any
    columns_used: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    account: str | None = None
    time_of_day: bool = True
    time_zone: str | None = None
    time_source: Literal["export", "post_id", "none"] = "export"
    stated_totals: dict[str, float] = Field(default_factory=dict)
    dropped_rows: int = 0
    upload: str = ""
    encoding: str = ""
    header_languages: list[str] = Field(default_factory=list)

    @property
    def key(self) -> str:
        """Identify the dataset within one session's uploads (upload, file and sheet)."""
        return f"{self.upload}|{self.source}|{self.sheet or ''}|{self.format_id}"

    @property
    def rows(self) -> int:
        """Number of data rows."""
        return len(self.frame)

    def summary(self) -> dict:
        """Describe the dataset as `inspect --json` prints it."""
        df: pd.DataFrame = self.frame
        dates = df["date"].dropna()

        def total(col: str) -> float | int | None:
            if col not in self.columns_used:
                return None
            value = cast(pd.Series, df[col]).sum(min_count=1)
            if pd.isna(value):
                return None
            return int(value) if float(value).is_integer() else float(value)

        followers = pd.Series(dtype="float64")
        if "followers" in self.columns_used:
            followers = df.dropna(subset=["followers"]).sort_values("date", kind="stable")[
                "followers"
            ]
        return {
            "source": self.source,
            "sheet": self.sheet,
            "platform": self.platform,
            "account": self.account,
            "format": self.format_id,
            "recognised_by": "mapping"
            if self.format_id == "mapped"
            else "column names"
            + (f" ({', '.join(self.header_languages)})" if self.header_languages else ""),
            "encoding": self.encoding or None,
            "grain": self.grain,
            "rows": self.rows,
            "start": _iso(dates.min()) if len(dates) else None,
            "end": _iso(dates.max()) if len(dates) else None,
            "totals": {col: total(col) for col in TOTALS},
            "followers_first": _int(followers.iloc[0]) if len(followers) else None,
            "followers_last": _int(followers.iloc[-1]) if len(followers) else None,
        }


def totals_from_gains(gains: pd.Series, day: pd.Timestamp, total: float) -> pd.Series:
    """Follower totals per day from the daily gains and one known total.

    The total on `day` is known; a later day adds the gains after `day` up to it, an earlier day
    takes away the gains after it up to `day`.

    Args:
        gains: New followers per day, indexed by day in order.
        day: The day the total is known for (after the last day: the total is today's).
        total: The follower total on that day.

    Returns:
        The total on each day of `gains`' index.
    """
    cumulative = gains.cumsum()
    before = cast(pd.Series, cumulative[cumulative.index <= day])
    return total + cumulative - (before.iloc[-1] if len(before) else 0)


def _iso(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat()


def _int(value: Any) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
