"""Times of posts in the zone the charts use: zoned times converted, clock times kept as written."""

from __future__ import annotations

import functools
import zoneinfo
from typing import cast

import numpy as np
import pandas as pd

from strategy.core.i18n import _
from strategy.importers.dataset import Dataset


class UnknownZone(ValueError):
    """A time zone name that is not an IANA zone."""


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name, sorted (system data, read once per process: no user data)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def check_zone(name: str) -> str:
    """Return an IANA zone name as given, or raise UnknownZone."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownZone(
            _("'{zone}' is not a time zone name such as Europe/Stockholm").format(zone=name)
        ) from exc
    return name


def post_rows(datasets: list[Dataset], name: str) -> pd.DataFrame:
    """Stack per-post datasets with what each knows of its times, as `_timed` and `_zoned`."""
    frames = []
    for ds in datasets:
        if ds.grain != "post" or not len(ds.frame):
            continue
        frames.append(
            ds.frame.assign(account=name, _timed=ds.time_of_day, _zoned=ds.time_zone is not None)
        )
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def localize(rows: pd.DataFrame, zone: str) -> pd.DataFrame:
    """Add `local` (the time in `zone`, or the clock time as written), `weekday` and `hour`.

    Zoned times (stored as UTC) are converted before the weekday and hour are taken, so a post
    at 23:30 UTC is a Monday 00:30 post in Stockholm, across DST. Times of unknown zone stay the
    exporting account's clock time. Date-only rows keep their day and get no hour.

    Args:
        rows: Post rows with `date`, `_timed` and `_zoned`.
        zone: An IANA zone name.

    Returns:
        The rows with `local`, `weekday` (0 = Monday) and `hour` (NaN without a time).
    """
    if rows.empty:
        return rows.assign(
            local=pd.Series(dtype="datetime64[ns]"),
            weekday=pd.Series(dtype=int),
            hour=pd.Series(dtype=float),
        )
    dates = pd.to_datetime(rows["date"])
    zoned = rows["_zoned"].to_numpy(bool)
    local = dates.copy()
    if zoned.any():
        picked = cast(pd.Series, dates[zoned])
        converted = picked.dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
        local = local.where(~zoned, converted)
    hour = np.where(rows["_timed"].to_numpy(bool), local.dt.hour, np.nan)
    return rows.assign(local=local, weekday=local.dt.day_of_week, hour=hour)


def zone_words(zoned: bool, timed: bool, zone: str) -> str:
    """Say in words which clock the times are on."""
    if not timed:
        return _("dates only, no time of day")
    if zoned:
        return _("times in {zone}").format(zone=zone)
    return _("clock time of the exporting account, zone unknown")
