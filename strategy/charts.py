"""Chart builders: pure functions from prepared tables to `alt.Chart`, at most 5,000 rows each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from strategy.folk_rules import RuleResult
from strategy.i18n import N_, _, language, weekday_names
from strategy.metrics import MAX_CHART_ROWS, BandsFile, sample_for_chart

DENOMINATOR_TITLES = {
    "followers": N_("Engagement rate (engagements per follower)"),
    "impressions": N_("Engagement rate (engagements per impression)"),
    "reach": N_("Engagement rate (engagements per person reached)"),
}
# Vega's own number and date words, for the axes and tooltips of a chart in Swedish.
LOCALES = {
    "sv": {
        "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"],
                   "percent": "\u00a0%"},
        "time": {
            "dateTime": "%A %e %B %Y %X", "date": "%Y-%m-%d", "time": "%H:%M:%S",
            "periods": ["fm", "em"],
            "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
            "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
            "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                       "september", "oktober", "november", "december"],
            "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
                            "nov", "dec"],
        },
    },
}  # fmt: skip


def localized(build: Callable[..., alt.TopLevelMixin]) -> Callable[..., alt.TopLevelMixin]:
    """Give the charts a builder returns the number and date formats of the language in force."""

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> alt.TopLevelMixin:
        chart = build(*args, **kwargs)
        locale = LOCALES.get(language())
        return chart.configure(locale=locale) if locale else chart

    return wrapper


def denominator_title(denominator: str) -> str:
    """The engagement-rate axis title for a denominator, in the language in force."""
    return _(DENOMINATOR_TITLES[denominator])


@localized
def engagement_vs_followers(
    points: pd.DataFrame, bands: BandsFile, denominator: str, width: int | str = "container"
) -> alt.Chart:
    """Engagement rate against follower count (log axis), over typical bands by account size.

    Args:
        points: One row per account: platform, account, followers, rate, rows.
        bands: Reference bands with their source.
        denominator: What the rate is per (sets the axis title).
        width: Pixels, or "container" to fill the page.

    Returns:
        A layered chart.
    """
    band_df = pd.DataFrame([b.model_dump() for b in bands.band])
    x = alt.X("followers:Q", scale=alt.Scale(type="log", domain=[1, 10_000_000]),
              title=_("Followers (log scale)"))  # fmt: skip
    band_layer = alt.Chart(band_df).mark_rect(opacity=0.18, color="#2a9d8f").encode(
        x=alt.X("min_followers:Q", scale=alt.Scale(type="log", domain=[1, 10_000_000]),
                title=_("Followers (log scale)")),
        x2="max_followers:Q",
        y=alt.Y("low:Q", title=denominator_title(denominator), axis=alt.Axis(format="%")),
        y2="high:Q",
        tooltip=[alt.Tooltip("label:N", title=_("Typical range")),
                 alt.Tooltip("low:Q", format=".1%", title=_("from")),
                 alt.Tooltip("high:Q", format=".1%", title=_("to"))],
    )  # fmt: skip
    dots = alt.Chart(sample_for_chart(points)).mark_circle(size=160, opacity=0.9).encode(
        x=x,
        y=alt.Y("rate:Q", title=denominator_title(denominator), axis=alt.Axis(format="%")),
        color=alt.Color("platform:N", title=_("Network")),
        tooltip=[alt.Tooltip("account:N", title=_("Account")),
                 alt.Tooltip("platform:N", title=_("Network")),
                 alt.Tooltip("followers:Q", format=",", title=_("Followers")),
                 alt.Tooltip("rate:Q", format=".2%", title=_("Engagement rate")),
                 alt.Tooltip("rows:Q", title=_("posts/days"))],
    )  # fmt: skip
    labels = dots.mark_text(align="left", dx=10, fontSize=11).encode(text="account:N")
    layers = [dots, labels] if denominator != "followers" else [band_layer, dots, labels]
    return alt.layer(*layers).properties(
        title=alt.TitleParams(
            _("Engagement against follower count"),
            subtitle=[
                _("Shaded: a typical range for accounts of that size (engagement per follower).")
                if denominator == "followers"
                else _("Typical ranges are shown for engagement per follower only.")
            ],
        ),  # fmt: skip
        width=width,
        height=340,
    )


@localized
def over_time(weekly: pd.DataFrame, width: int | str = "container") -> alt.Chart:
    """Weekly followers and engagements on one time axis, one panel each.

    Args:
        weekly: Long table with week, account, measure, value.
        width: Pixels, or "container" to fill the page.

    Returns:
        A vertically concatenated chart sharing the x axis.
    """
    data = sample_for_chart(weekly)
    base = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("week:T", title=_("Week")),
        color=alt.Color("account:N", title=_("Account")),
        tooltip=[alt.Tooltip("account:N", title=_("Account")),
                 alt.Tooltip("week:T", title=_("Week of")),
                 alt.Tooltip("value:Q", format=",.0f", title=_("Value"))],
    )  # fmt: skip
    followers = (
        base.transform_filter(alt.datum.measure == "Followers")
        .encode(y=alt.Y("value:Q", title=_("Followers")))
        .properties(height=160, width=width)
    )
    engagement = (
        base.transform_filter(alt.datum.measure == "Engagements per week")
        .encode(y=alt.Y("value:Q", title=_("Engagements per week")))
        .properties(height=160, width=width)
    )
    return (
        alt.vconcat(followers, engagement)
        .resolve_scale(x="shared")
        .properties(title=_("Did growth bring engagement? Followers and engagement, week by week"))
    )


@localized
def best_time(cells: pd.DataFrame, denominator: str, width: int | str = "container") -> alt.Chart:
    """Weekday × hour heatmap of median engagement rate; cells with fewer than 3 posts grey."""
    base = alt.Chart(cells).encode(
        x=alt.X("hour:O", title=_("Hour of day"), sort=list(range(24))),
        y=alt.Y("weekday:O", title=None, sort=weekday_names(), axis=alt.Axis(labelOverlap=False)),
        tooltip=[alt.Tooltip("weekday:N", title=_("Day")), alt.Tooltip("hour:O", title=_("Hour")),
                 alt.Tooltip("median_rate:Q", format=".2%", title=_("Median rate")),
                 alt.Tooltip("posts:Q", title=_("Posts"))],
    )  # fmt: skip
    enough = (
        base.transform_filter(alt.datum.enough)
        .mark_rect()
        .encode(
            color=alt.Color(
                "median_rate:Q",
                title=denominator_title(denominator).split(" (")[0],
                scale=alt.Scale(scheme="tealblues"),
                legend=alt.Legend(format="%"),
            )
        )
    )
    few = base.transform_filter(~alt.datum.enough).mark_rect(color="#d9d9d9")
    return alt.layer(few, enough).properties(
        title=alt.TitleParams(
            _("When your posts did best"),
            subtitle=[
                _("Median engagement rate; grey cells have fewer than 3 posts, too few to read.")
            ],
        ),  # fmt: skip
        width=width,
        # A height per row: a fixed total squeezes the rows under the title and axis.
        height=alt.Step(30),
    )


@localized
def rule_chart(results: list[RuleResult], width: int | str = "container") -> alt.Chart:
    """The difference in median engagement rate per rule, with its 90% interval."""
    rows = [{"rule": _("{group} vs {other}").format(group=r.with_label, other=r.without_label),
             "diff": (r.median_with or 0) - (r.median_without or 0),
             "low": r.low, "high": r.high, "verdict": r.verdict,
             "tested": r.low is not None} for r in results]  # fmt: skip
    df = pd.DataFrame(rows).head(MAX_CHART_ROWS)
    tested = df[df["tested"]]
    y = alt.Y("rule:N", title=None, sort=None, axis=alt.Axis(labelLimit=360))
    bars = (
        alt.Chart(tested)
        .mark_rule(strokeWidth=3)
        .encode(
            y=y,
            x=alt.X(
                "low:Q",
                title=_("Difference in median engagement rate (90% interval)"),
                axis=alt.Axis(format="%"),
            ),
            x2="high:Q",
            tooltip=[
                alt.Tooltip("rule:N", title=_("Rule")),
                alt.Tooltip("verdict:N", title=_("Verdict")),
            ],
        )
    )
    dots = alt.Chart(tested).mark_point(filled=True, size=80).encode(y=y, x="diff:Q")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, dots, zero).properties(
        title=alt.TitleParams(
            _("Folk rules tested on your posts"),
            subtitle=[
                _(
                    "Right of the dashed line: the first group did better; a bar across it: "
                    "no clear difference."
                )
            ],
        ),  # fmt: skip
        width=width,
        height=alt.Step(34),
    )
