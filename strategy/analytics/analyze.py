"""The whole analysis of a set of uploads, account by account, as the page and the CLI show it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from strategy.analytics.accounts import Account, network_name, resolve_accounts
from strategy.analytics.benchmarks import Benchmark, for_account
from strategy.analytics.folk_rules import RuleResult, test_rules
from strategy.analytics.followers import Followers, TypedTotal, followers_for
from strategy.analytics.measures import (
    DENOMINATORS,
    MEASURE_NAMES,
    default_denominator,
    measure_columns,
    measure_values,
    rate_name,
)
from strategy.analytics.pillars import PillarResult, pillar_mix
from strategy.analytics.timing import localize, post_rows, zone_words
from strategy.core.i18n import N_, _, ngettext, number, percent
from strategy.core.model import ContentPillar, OwnRule
from strategy.importers.dataset import Dataset

MIN_SLOT_POSTS = 3
WEEKLY = ["week", "engagements", "posts", "followers", "views"]
# Card figure -> the column it adds up ("measure": the chosen measure, as `value`).
CARD_FIGURES = {
    "measure": "value",
    "impressions": "impressions",
    "reach": "reach",
    "views": "views",
    "watch_hours": "watch_hours",
    "followers_gained": "followers_gained",
}
CHANGE_DAYS = 28
TOP_POSTS = 10
DAY_METRICS = (
    "impressions",
    "reach",
    "views",
    "watch_hours",
    "followers_gained",
    "profile_visits",
    "clicks",
)
METRIC_WORDS = {
    "followers": N_("followers"),
    "reach": N_("reach"),
    "impressions": N_("impressions"),
    "views": N_("views"),
    "watch_hours": N_("hours watched"),
    "followers_gained": N_("followers gained"),
    "profile_visits": N_("profile visits"),
    "clicks": N_("link clicks"),
    "engagements": N_("engagements"),
}
PER_THOUSAND = {
    "followers_gained": "follows",
    "profile_visits": "profile_visits",
    "clicks": "link_clicks",
}


@dataclass(frozen=True)
class Options:
    """The user's choices.

    Attributes:
        zone: IANA zone the charts use for weekdays and hours (zoned times are converted).
        measure: "interactions" or "engagements".
        denominator: What rates are per; None picks each account's best.
        typed: Follower totals the user typed, by account key ("x:ADHOrg"), by platform, or
            under "*" for every account without a history.
        names: Account names the user gave, by dataset key (to merge or split accounts).
        own_rules: Rules the user wrote, tested with the folk rules on every account.
        pillars: The strategy's content pillars, measured on every account's posts.
    """

    zone: str = "UTC"
    measure: str = "interactions"
    denominator: str | None = None
    typed: dict[str, TypedTotal] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    own_rules: tuple[OwnRule, ...] = ()
    pillars: tuple[ContentPillar, ...] = ()

    def typed_for(self, account: Account) -> TypedTotal | None:
        """The typed total that applies to an account, the most specific first."""
        return (
            self.typed.get(account.key) or self.typed.get(account.platform) or self.typed.get("*")
        )


def _num(value: float | int | None) -> float | int | None:
    """A JSON-safe number: None for NaN, an int when whole."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


@dataclass
class AccountAnalysis:
    """Everything the uploads say about one account, with what each figure rests on."""

    account: Account
    options: Options

    # -- what the figures rest on -------------------------------------------------------
    @cached_property
    def post_data(self) -> list[Dataset]:
        """The account's per-post datasets."""
        return [d for d in self.account.datasets if d.grain == "post"]

    @cached_property
    def day_data(self) -> list[Dataset]:
        """The account's per-day datasets."""
        return [d for d in self.account.datasets if d.grain == "day"]

    @cached_property
    def measure_columns(self) -> str | None:
        """The export's columns the measure is made of, in words (None: it has none)."""
        found = [c for d in self.account.datasets if (c := measure_columns(d, self.measure))]
        return "; ".join(dict.fromkeys(found)) or None

    @property
    def measure(self) -> str:
        """The measure rates and totals use."""
        return self.options.measure

    @cached_property
    def has_time_of_day(self) -> bool:
        """Whether every per-post dataset carries a time of day."""
        return bool(self.post_data) and all(d.time_of_day for d in self.post_data)

    @cached_property
    def zoned(self) -> bool:
        """Whether the posts' times are zoned (and so converted to the chosen zone)."""
        return bool(self.post_data) and all(d.time_zone for d in self.post_data)

    @cached_property
    def time_source(self) -> str:
        """Where the posts' times come from: post_id, export or none."""
        sources = [d.time_source for d in self.post_data]
        return max(set(sources), key=sources.count) if sources else "none"

    @cached_property
    def days_covered(self) -> pd.DatetimeIndex:
        """Every day any of its rows falls on."""
        frames = [d.frame["date"] for d in self.account.datasets if len(d.frame)]
        if not frames:
            return pd.DatetimeIndex([])
        return pd.DatetimeIndex(sorted(pd.concat(frames).dt.floor("D").unique()))

    @cached_property
    def followers(self) -> Followers:
        """Its follower totals and their source."""
        typed = self.options.typed_for(self.account)
        return followers_for(self.account.datasets, typed, self.days_covered)

    @cached_property
    def days(self) -> pd.DataFrame:
        """One row per day from its per-day datasets: the metrics and the measure.

        Two daily files of one account (TikTok's overview and follower history) are joined by
        day; where both give a metric for a day, the first upload's value is kept, never a sum.
        """
        out: pd.DataFrame | None = None
        for ds in self.day_data:
            frame = ds.frame.assign(value=measure_values(ds, self.measure))
            cols = [m for m in DAY_METRICS if m in ds.columns_used]
            if measure_columns(ds, self.measure):
                cols.append("value")
            if not cols:
                continue
            by_day = frame.groupby(frame["date"].dt.floor("D"))[cols].sum(min_count=1)
            out = by_day if out is None else out.combine_first(by_day)
        if out is None:
            return pd.DataFrame(columns=["value", *DAY_METRICS], index=pd.DatetimeIndex([]))
        for col in ("value", *DAY_METRICS):
            if col not in out:
                out[col] = np.nan
        return out.sort_index()

    @cached_property
    def available(self) -> set[str]:
        """The denominators its rows have values for."""
        rows = self.posts_raw if len(self.posts_raw) else self.days
        found = {d for d in DENOMINATORS[1:] if d in rows and (cast(pd.Series, rows[d]) > 0).any()}
        if self.followers.source != "none":
            found.add("followers")
        return found

    @cached_property
    def denominator(self) -> str | None:
        """The denominator its rates use: the one chosen if it has it, else its best."""
        chosen = self.options.denominator
        if chosen and chosen in self.available:
            return chosen
        return default_denominator(self.followers.source, self.available)

    @cached_property
    def denominator_note(self) -> str | None:
        """Why its denominator is not the one chosen, if it is not."""
        chosen = self.options.denominator
        if not chosen or chosen == self.denominator or self.denominator is None:
            return None
        return _("{account} has no {chosen}, so its rates are {rate}.").format(
            account=self.account.label, chosen=metric_words(chosen), rate=self.rate_name
        )

    @property
    def rate_name(self) -> str:
        """The rate in words, e.g. "interactions per impression"."""
        return rate_name(self.measure, self.denominator or "impressions")

    @property
    def posts_raw(self) -> pd.DataFrame:
        """Its posts, localized, with the measure as `value` (before any rate)."""
        return self._merged_posts[0]

    @property
    def duplicates(self) -> int:
        """Posts that were in more than one upload (repeated downloads), counted once."""
        return self._merged_posts[1]

    @cached_property
    def _merged_posts(self) -> tuple[pd.DataFrame, int]:
        """Its posts across uploads, each post once, and how many repeats were dropped."""
        frames = []
        for ds in self.post_data:
            rows = post_rows([ds], self.account.name)
            if rows.empty:
                continue
            values = measure_values(ds, self.measure)
            frames.append(rows.assign(value=values if values is not None else np.nan))
        if not frames:
            return pd.DataFrame(), 0
        rows = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        rows, duplicates = _unique_posts(rows) if len(frames) > 1 else (rows, 0)
        # One order whatever the export's (newest first, by views, shuffled): the rule tester's
        # resampling and every tie then give the same answer for the same posts.
        rows = rows.sort_values(["date", "post_id", "text"], kind="stable", ignore_index=True)
        return localize(rows, self.options.zone), duplicates

    @cached_property
    def posts(self) -> pd.DataFrame:
        """Its posts with `base` (the denominator's value) and `rate` (NaN: left out)."""
        rows = self.posts_raw
        if rows.empty:
            return rows
        return rows.assign(**self._rates(rows, cast(pd.Series, rows["date"])))

    def _rates(self, rows: pd.DataFrame, days: pd.Series) -> dict[str, pd.Series]:
        if self.denominator == "followers":
            base = self.followers.on(days)
        elif self.denominator is None:
            base = pd.Series(np.nan, index=rows.index)
        else:
            base = cast(pd.Series, rows[self.denominator])
        base = base.where(base > 0)
        return {"base": base, "rate": cast(pd.Series, rows["value"]) / base}

    @cached_property
    def day_rates(self) -> pd.DataFrame:
        """Per-day rates (only for accounts with no posts: per-day and per-post never mix)."""
        days = self.days
        if days.empty:
            return days.assign(base=np.nan, rate=np.nan)
        return days.assign(**self._rates(days, pd.Series(days.index, index=days.index)))

    @cached_property
    def left_out(self) -> dict[str, int]:
        """Posts without a rate, by reason."""
        rows = self.posts
        if rows.empty:
            return {}
        no_value = cast(pd.Series, rows["value"]).isna()
        out = {"no_measure": int(no_value.sum())}
        if self.denominator == "followers" and self.followers.source in ("history", "typed_gains"):
            outside = self.followers.on(cast(pd.Series, rows["date"])).isna() & ~no_value
            out["outside_follower_history"] = int(outside.sum())
        out["no_denominator"] = int(
            (cast(pd.Series, rows["rate"]).isna() & ~no_value).sum()
        ) - out.get("outside_follower_history", 0)
        return {k: v for k, v in out.items() if v}

    # -- figures ---------------------------------------------------------------------------
    @cached_property
    def rate_grain(self) -> str:
        """Rates are per "post", or per "day" when the account has only days."""
        return "post" if len(self.posts) else "day"

    @cached_property
    def rates(self) -> pd.Series:
        """Its rates (per post, else per day), without the missing."""
        rows = self.posts if self.rate_grain == "post" else self.day_rates
        return (
            cast(pd.Series, rows["rate"]).dropna() if "rate" in rows else pd.Series(dtype="float64")
        )

    def rate_summary(self) -> dict:
        """Median and mean rate over the rated posts (or days)."""
        rates = self.rates
        key = "rated_posts" if self.rate_grain == "post" else "rated_days"
        return {
            "grain": self.rate_grain,
            key: int(len(rates)),
            "median": _num(rates.median()) if len(rates) else None,
            "mean": _num(rates.mean()) if len(rates) else None,
        }

    @cached_property
    def slots(self) -> pd.DataFrame:
        """Posts by weekday and hour (hour NaN without times): posts, rated, median rate."""
        rows = self.posts
        cols = ["weekday", "hour", "posts", "rated", "median_rate"]
        if rows.empty:
            return pd.DataFrame(columns=cols)
        grouped = rows.groupby(["weekday", "hour"], dropna=False)["rate"]
        cells = grouped.agg(posts="size", rated="count", median_rate="median").reset_index()
        return cast(pd.DataFrame, cells[cols]).sort_values(
            ["weekday", "hour"], kind="stable", ignore_index=True
        )

    @cached_property
    def best_slot(self) -> dict | None:
        """The slot with the highest median rate among those with 3 or more rated posts."""
        enough = cast(pd.DataFrame, self.slots[self.slots["rated"] >= MIN_SLOT_POSTS])
        if enough.empty:
            return None
        best = enough.loc[enough["median_rate"].idxmax()]
        return _slot(best)

    @cached_property
    def weekly(self) -> pd.DataFrame:
        """Per week (Monday): the measure's total, posts, followers at the week's end.

        The measure comes from the daily export when the account has one with it (the posts of
        a period never add up to the account's own daily total), else from the posts.
        """

        def week(index: pd.Series | pd.Index) -> pd.Series:
            return pd.Series(pd.DatetimeIndex(index).to_period("W-SUN").start_time, index=index)

        parts = {}
        days, posts = self.days, self.posts
        day_weeks = week(days.index).to_numpy() if len(days) else None
        post_weeks = week(cast(pd.Series, posts["local"])).to_numpy() if len(posts) else None
        measure_by_day = len(days) and cast(pd.Series, days["value"]).notna().any()
        if measure_by_day:
            parts["engagements"] = days["value"].groupby(day_weeks).sum(min_count=1)
        if len(posts):
            parts["posts"] = posts.groupby(post_weeks).size().astype(float)
            if not measure_by_day and cast(pd.Series, posts["value"]).notna().any():
                parts["engagements"] = posts["value"].groupby(post_weeks).sum(min_count=1)
        if len(days) and cast(pd.Series, days["views"]).notna().any():
            parts["views"] = days["views"].groupby(day_weeks).sum(min_count=1)
        elif len(posts) and cast(pd.Series, posts["views"]).notna().any():
            parts["views"] = posts["views"].groupby(post_weeks).sum(min_count=1)
        daily = self.followers.daily if self.followers.source != "typed_flat" else pd.Series()
        if len(daily):
            parts["followers"] = daily.groupby(week(daily.index).to_numpy()).last()
        if not parts:
            return pd.DataFrame(columns=WEEKLY)
        out = pd.DataFrame(parts).sort_index()
        for col in WEEKLY[1:]:
            if col not in out:
                out[col] = np.nan
        if len(posts):
            # A week without posts is a zero, not a gap the chart would silently bridge.
            out = out.reindex(pd.date_range(out.index[0], out.index[-1], freq="7D"))
            out["posts"] = out["posts"].fillna(0)
            if not measure_by_day and cast(pd.Series, posts["value"]).notna().any():
                out["engagements"] = out["engagements"].fillna(0)
        return cast(pd.DataFrame, out.rename_axis("week").reset_index()[WEEKLY])

    @cached_property
    def rules(self) -> list[RuleResult]:
        """The folk rules tested on its posts (none for an account without posts)."""
        if self.posts.empty or not cast(pd.Series, self.posts["rate"]).notna().any():
            return []
        return test_rules(self.posts, own=self.options.own_rules)

    @cached_property
    def pillars(self) -> list[PillarResult]:
        """The content pillars on its posts: the actual mix and each pillar's rate."""
        return pillar_mix(self.posts, self.options.pillars)

    @cached_property
    def _published(self) -> tuple[list[Benchmark], str]:
        return for_account(
            self.account.platform,
            self.measure,
            self.denominator,
            self.rate_grain,
            self.followers.latest,
            network_name(self.account.platform),
        )

    @property
    def benchmarks(self) -> list[Benchmark]:
        """Published figures comparable with its rate, for an account of its size."""
        return self._published[0]

    @property
    def benchmark_note(self) -> str:
        """Why no published figure is shown, or that the sources sampled bigger accounts."""
        return self._published[1]

    def period(self) -> dict | None:
        """The first and last day its rows cover."""
        days = self.days_covered
        if not len(days):
            return None
        first, last = cast(pd.Timestamp, days[0]), cast(pd.Timestamp, days[-1])
        return {
            "start": first.date().isoformat(),
            "end": last.date().isoformat(),
            "days": int((last - first).days) + 1,
        }

    def _sources(self) -> dict[str, tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp]]:
        """Per figure, the rows its totals add up and the days those rows cover.

        The daily grain is the account's own total where it has the figure (the posts of a
        period never add up to it); the posts give the rest.
        """
        out = {}
        posts = self.posts
        post_rows = posts.set_index(posts["date"].dt.floor("D")) if len(posts) else None
        if post_rows is not None:
            # The days the post exports cover, posts with no date aside (they hold no figures).
            dates = pd.concat([d.frame["date"] for d in self.post_data]).dt.floor("D")
            first, last = dates.min(), dates.max()
        days = self.days
        for key, col in CARD_FIGURES.items():
            if key != "measure" and not any(col in d.columns_used for d in self.account.datasets):
                continue
            if len(days) and cast(pd.Series, days[col]).notna().any():
                out[key] = (days, days.index[0], days.index[-1])
            elif post_rows is not None and cast(pd.Series, post_rows[col]).notna().any():
                out[key] = (post_rows, first, last)
        if post_rows is not None:
            out["posts"] = (post_rows.assign(posts=1.0), first, last)
        return out

    def cards(self) -> dict:
        """The period's totals, and the change of the last 28 days against the 28 before.

        A figure's change is given only when the rows it comes from cover both periods, so two
        files of different years in one account never compare a period with an empty one.
        """
        sources = self._sources()

        def total(key: str, rows: pd.DataFrame) -> float | int | None:
            return _num(cast(pd.Series, rows[CARD_FIGURES.get(key, key)]).sum(min_count=1))

        totals = {key: total(key, rows) for key, (rows, _s, _e) in sources.items()}
        grain = "day" if "measure" in sources and sources["measure"][0] is self.days else "post"
        card = {"grain": grain, "period": self.period(), "totals": totals, "change": None}
        ends = [end for _rows, _start, end in sources.values()]
        if not ends:
            return card
        end = max(ends)
        start = end - pd.Timedelta(days=CHANGE_DAYS - 1)
        before = start - pd.Timedelta(days=CHANGE_DAYS)
        current, previous = {}, {}
        for key, (rows, first, last) in sources.items():
            if first > before or last < end:
                continue  # these rows do not cover both periods
            index = pd.DatetimeIndex(rows.index)
            current[key] = (
                total(key, cast(pd.DataFrame, rows[(index >= start) & (index <= end)])) or 0
            )
            previous[key] = (
                total(key, cast(pd.DataFrame, rows[(index >= before) & (index < start)])) or 0
            )
        if current:
            card["change"] = {
                "days": CHANGE_DAYS,
                "current": current,
                "previous": previous,
                "current_start": start.date().isoformat(),
                "previous_start": before.date().isoformat(),
            }
        return card

    def per_thousand(self) -> dict[str, float]:
        """Follows, profile visits and link clicks per 1,000 impressions, where it has them."""
        rows = self.posts if len(self.posts) else self.days
        out = {}
        for col, name in PER_THOUSAND.items():
            if not any(col in d.columns_used for d in self.account.datasets):
                continue
            if col not in rows or "impressions" not in rows:
                continue
            grain = self.post_data if len(self.posts) else self.day_data
            seen = cast(pd.DataFrame, rows[rows["impressions"] > 0])
            if all(col in d.columns_used for d in grain):
                # Every table has the column: an empty cell in a seen row is a zero.
                counted = cast(pd.Series, seen[col]).fillna(0)
            else:
                seen = cast(pd.DataFrame, seen[seen[col].notna()])
                counted = cast(pd.Series, seen[col])
            impressions = cast(pd.Series, seen["impressions"])
            if len(seen) and impressions.sum() > 0:
                out[name] = float(counted.sum() / impressions.sum() * 1000)
        return out

    def checks(self) -> list[dict]:
        """The rows' sums against a totals row the export carries."""
        out = []
        for ds in self.account.datasets:
            for metric, stated in ds.stated_totals.items():
                rows = float(ds.frame[metric].sum())
                out.append(
                    {
                        "source": ds.source,
                        "metric": metric,
                        "rows": _num(rows),
                        "stated": _num(stated),
                        "agrees": abs(rows - stated) <= max(1.0, 0.005 * abs(stated)),
                    }
                )
        return out

    @cached_property
    def net_followers(self) -> pd.Series | None:
        """Net change in followers since the export's first day, when no total is known."""
        if self.followers.source != "none":
            return None
        return self.followers.net

    def top_posts(self, n: int | None = TOP_POSTS) -> pd.DataFrame:
        """Its posts by rate (or by the measure when none has a rate), best first."""
        rows = self.posts
        cols = ["local", "text", "link", "value", "base", "rate"]
        if rows.empty:
            return pd.DataFrame(columns=cols)
        key = "rate" if cast(pd.Series, rows["rate"]).notna().any() else "value"
        ranked = rows.sort_values(key, ascending=False, na_position="last", kind="stable")
        return cast(pd.DataFrame, (ranked if n is None else ranked.head(n))[cols]).reset_index(
            drop=True
        )

    def quality(self) -> list[dict]:
        """A data-quality line per dataset: period, gaps, missing columns, rows left out."""
        out = []
        for ds in self.account.datasets:
            dates = ds.frame["date"].dropna()
            entry = {
                "source": ds.source,
                "sheet": ds.sheet,
                "grain": ds.grain,
                "rows": ds.rows,
                "start": dates.min().date().isoformat() if len(dates) else None,
                "end": dates.max().date().isoformat() if len(dates) else None,
                "missing_days": None,
                "missing_columns": missing_columns(ds),
                "rows_without_date": ds.dropped_rows,
            }
            if ds.grain == "day" and len(dates):
                span = (dates.max().floor("D") - dates.min().floor("D")).days + 1
                entry["missing_days"] = int(span - dates.dt.floor("D").nunique())
            out.append(entry)
        return out

    def notes(self) -> list[str]:
        """What a reader must know about this account's figures."""
        notes = []
        if self.duplicates:
            period = self.period() or {}
            notes.append(
                ngettext(
                    "{account}: {files} uploads cover {start} – {end} together; {n} post that was "
                    "in more than one of them is counted once.",
                    "{account}: {files} uploads cover {start} – {end} together; {n} posts that "
                    "were in more than one of them are counted once.",
                    self.duplicates,
                ).format(
                    account=self.account.label,
                    files=len(self.post_data),
                    n=self.duplicates,
                    start=period.get("start"),
                    end=period.get("end"),
                )
            )
        if self.account.named_by == "default" and self._apart():
            notes.append(
                _(
                    "{account}: its files name no account and cover periods years or "
                    "months apart; if they are different accounts, give them different "
                    "names under Accounts."
                ).format(account=self.account.label)
            )
        if self.measure_columns is None:
            has = [
                m
                for m in ("views", "watch_hours", "impressions", "followers_gained", "reach")
                if any(m in d.columns_used for d in self.account.datasets)
            ]
            notes.append(
                _(
                    "{account}: the export has no columns for {measure}; shown with what "
                    "it has ({has})."
                ).format(
                    account=self.account.label,
                    measure=_(MEASURE_NAMES[self.measure]),
                    has=", ".join(map(metric_words, has)) or "–",
                )
            )
        elif self.denominator is None:
            notes.append(
                _(
                    "{account}: no followers, reach, impressions or views to divide by, so no rate."
                ).format(account=self.account.label)
            )
        if self.denominator_note:
            notes.append(self.denominator_note)
        for reason, n in self.left_out.items():
            if reason == "no_measure" and self.measure_columns is None:
                continue  # said once above, for the whole account
            notes.append(LEFT_OUT[reason](n).format(account=self.account.label, n=n))
        if self.post_data and not self.has_time_of_day:
            notes.append(
                _(
                    "{account}: this export has dates but no times of day; best time "
                    "is by weekday only."
                ).format(account=self.account.label)
            )
        for check in self.checks():
            if not check["agrees"]:
                notes.append(
                    _(
                        "{account}: the rows add up to {rows} {metric}; the export's own "
                        "total says {stated}."
                    ).format(
                        account=self.account.label,
                        rows=number(check["rows"]),
                        metric=metric_words(check["metric"]),
                        stated=number(check["stated"]),
                    )
                )
        return notes

    def _apart(self) -> bool:
        """Whether some of its files cover periods that do not touch (a month or more apart)."""
        spans = sorted(
            (d.frame["date"].min(), d.frame["date"].max())
            for d in self.account.datasets
            if len(d.frame)
        )
        return any(
            nxt[0] - prev[1] > pd.Timedelta(days=31)
            for prev, nxt in zip(spans, spans[1:], strict=False)
        )

    def summary(self) -> str:
        """One reading: account, grain, measure and denominator, and the sample."""
        rates = self.rates
        if not len(rates):
            notes = self.notes()
            return (
                notes[0] if notes else _("{account}: no rate.").format(account=self.account.label)
            )
        count = len(rates)
        sample = (
            ngettext("{n} post", "{n} posts", count)
            if self.rate_grain == "post"
            else ngettext("{n} day", "{n} days", count)
        ).format(n=count)
        return _("{account}: median {rate} {name} over {sample}").format(
            account=self.account.label,
            rate=percent(float(rates.median()), 2),
            name=self.rate_name,
            sample=sample,
        )

    def to_json(self) -> dict:
        """The account as `analyze --json` prints it."""
        weekly = [
            {
                "week": r.week.date().isoformat(),
                "engagements": _num(r.engagements),
                "posts": _num(r.posts),
                "followers": _num(r.followers),
                "views": _num(r.views),
            }
            for r in cast(Iterable[Any], self.weekly.itertuples())  # namedtuples of the columns
        ]
        top = [
            {
                "date": r.local.isoformat(),
                "text": r.text if isinstance(r.text, str) else None,
                "link": r.link if isinstance(r.link, str) else None,
                "value": _num(r.value),
                "rate": _num(r.rate),
            }
            for r in cast(Iterable[Any], self.top_posts().itertuples())
        ]
        return {
            "platform": self.account.platform,
            "account": self.account.name,
            "account_named_by": self.account.named_by,
            "grains": self.account.grains,
            "has_time_of_day": self.has_time_of_day,
            "time_source": self.time_source,
            "time_zone": self.options.zone if self.zoned and self.has_time_of_day else None,
            "measure": self.measure,
            "measure_columns": self.measure_columns,
            "denominator": self.denominator,
            "follower_source": self.followers.source,
            "follower_source_words": self.followers.words,
            "followers_latest": _num(self.followers.latest),
            "rate": self.rate_summary(),
            "left_out": self.left_out,
            "duplicates_dropped": self.duplicates,
            "slots": [_slot(r) for _i, r in self.slots.iterrows()],
            "best_slot": self.best_slot,
            "weekly": weekly,
            "rules": [_rule(r) for r in self.rules],
            "pillars": [_pillar(p) for p in self.pillars],
            "benchmarks": [_benchmark(b) for b in self.benchmarks],
            "benchmark_note": self.benchmark_note or None,
            "cards": self.cards(),
            "per_thousand_impressions": self.per_thousand(),
            "checks": self.checks(),
            "top_posts": top,
            "datasets": self.quality(),
            "reading": self.summary(),
            "notes": self.notes(),
        }


LEFT_OUT = {
    "no_measure": lambda n: ngettext(
        "{account}: {n} post has no value for the measure and is left out of the rates.",
        "{account}: {n} posts have no value for the measure and are left out of the rates.",
        n,
    ),
    "outside_follower_history": lambda n: ngettext(
        "{account}: {n} post falls outside the follower history and is left out of the rates.",
        "{account}: {n} posts fall outside the follower history and are left out of the rates.",
        n,
    ),
    "no_denominator": lambda n: ngettext(
        "{account}: {n} post has nothing to divide by and is left out of the rates.",
        "{account}: {n} posts have nothing to divide by and are left out of the rates.",
        n,
    ),
}


def _unique_posts(rows: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """One row per post across overlapping downloads: by post id, else by time and text.

    A later download has more lifetime impressions for the same post, so the row seen the most
    is kept.
    """
    key = (
        rows["post_id"]
        .astype("string")
        .fillna(rows["date"].astype("string") + "|" + rows["text"].astype("string").fillna(""))
    )
    seen = rows[["impressions", "reach", "views"]].max(axis=1).fillna(-1)
    order = rows.assign(_key=key, _seen=seen).sort_values(
        ["_key", "_seen"], ascending=[True, False], kind="stable"
    )
    unique = order.drop_duplicates("_key").drop(columns=["_key", "_seen"])
    return unique, len(rows) - len(unique)


def metric_words(metric: str) -> str:
    """A metric's name in words, in the language in force."""
    return _(METRIC_WORDS[metric]) if metric in METRIC_WORDS else metric


def missing_columns(ds: Dataset) -> list[str]:
    """What the charts would need that a dataset does not have, in words."""
    missing = []
    if ds.grain == "post" and not ds.time_of_day:
        missing.append(_("time of day"))
    if measure_columns(ds, "interactions") is None:
        missing.append(_("interactions (likes, comments, shares)"))
    if not any(d in ds.columns_used for d in ("reach", "impressions", "views", "followers")):
        missing.append(_("reach, impressions or views"))
    if "followers" not in ds.columns_used and ds.grain == "day":
        missing.append(_("follower totals"))
    return missing


def _slot(row: pd.Series) -> dict:
    # A row of `slots`: its cells are all numbers (floats in the row's common dtype).
    hour = cast(float, row["hour"])
    return {
        "weekday": int(cast(float, row["weekday"])),
        "hour": None if pd.isna(hour) else int(hour),
        "posts": int(cast(float, row["posts"])),
        "rated": int(cast(float, row["rated"])),
        "median_rate": _num(cast(float, row["median_rate"])),
    }


def _benchmark(b: Benchmark) -> dict:
    # Every field of the content file; the sample in the language in force, no empty "via".
    return {
        **b.model_dump(exclude={"sample", "via"}),
        "via": b.via or None,
        "sample": str(b.sample),
    }


def _rule(r: RuleResult) -> dict:
    return {
        "id": r.id,
        "group_posts": r.n_with,
        "other_posts": r.n_without,
        "own": r.own,
        "rule": r.rule,
        "statistic": r.statistic,
        "group_figure": _num(r.figure_with),
        "other_figure": _num(r.figure_without),
        "difference": _num(r.difference),
        "interval": [r.low, r.high] if r.low is not None else None,
        "unit": "percentage_points",
        "verdict": r.code,
        "reason": r.verdict,
        "detectable_difference": _num(r.detectable),
        "posts_needed": r.needed,
        "overlaps": [{"rule": o, "shared_posts": n} for o, n in r.overlaps],
        "overlap_note": r.overlap_note or None,
        "p_value": _num(r.p_value),
        "adjusted_p_value": _num(r.adjusted),
        "tested": r.tested,
    }


def _pillar(p: PillarResult) -> dict:
    r = p.result
    return {
        "id": p.id,
        "name": p.name,
        "posts": p.posts,
        "share": _num(p.share),
        "tagged_share": _num(p.tagged_share),
        "planned_share": _num(p.planned_share),
        "rated_posts": p.rated,
        "rate": _num(p.rate),
        "statistic": r.statistic if r else None,
        "difference": _num(r.difference) if r else None,
        "interval": [r.low, r.high] if r and r.low is not None else None,
        "unit": "percentage_points",
        "verdict": r.code if r else None,
        "reason": r.verdict if r else None,
        "adjusted_p_value": _num(r.adjusted) if r else None,
        "tested": r.tested if r else None,
    }


@dataclass
class Analysis:
    """The analysis of every uploaded dataset."""

    options: Options
    accounts: list[AccountAnalysis]
    datasets: list[Dataset]

    def notes(self) -> list[str]:
        """What a reader must know about the figures, across accounts."""
        notes = []
        for a in self.accounts:
            notes += a.notes()
        words = {
            zone_words(a.zoned, a.has_time_of_day, self.options.zone)
            for a in self.accounts
            if a.post_data
        }
        notes += sorted(_("Times: {words}.").format(words=w) for w in words)
        return notes

    def to_json(self) -> dict:
        """The analysis as `python -m strategy analyze --json` prints it."""
        return {
            "time_zone": self.options.zone,
            "measure": self.options.measure,
            "notes": self.notes(),
            "accounts": [a.to_json() for a in self.accounts],
        }

    def account(self, key: str) -> AccountAnalysis | None:
        """One account by its key ("x:ADHOrg")."""
        return next((a for a in self.accounts if a.account.key == key), None)


def analyze(datasets: list[Dataset], options: Options | None = None) -> Analysis:
    """Analyse the uploads account by account.

    Args:
        datasets: Every uploaded dataset.
        options: The user's choices (zone, measure, denominator, follower totals, names).

    Returns:
        The analysis; its figures are computed when first asked for.
    """
    options = options or Options()
    accounts = resolve_accounts(datasets, options.names)
    return Analysis(options, [AccountAnalysis(a, options) for a in accounts], datasets)
