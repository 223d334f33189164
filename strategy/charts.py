"""Chart builders: pure functions from prepared tables to `alt.Chart`, at most 5,000 rows each."""

from __future__ import annotations

import altair as alt
import pandas as pd

from strategy.folk_rules import RuleResult
from strategy.metrics import MAX_CHART_ROWS, BandsFile, sample_for_chart

DENOMINATOR_TITLES = {
    "followers": "Engagement rate (engagements per follower)",
    "impressions": "Engagement rate (engagements per impression)",
    "reach": "Engagement rate (engagements per person reached)",
}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


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
              title="Followers (log scale)")  # fmt: skip
    band_layer = alt.Chart(band_df).mark_rect(opacity=0.18, color="#2a9d8f").encode(
        x=alt.X("min_followers:Q", scale=alt.Scale(type="log", domain=[1, 10_000_000]),
                title="Followers (log scale)"),
        x2="max_followers:Q",
        y=alt.Y("low:Q", title=DENOMINATOR_TITLES[denominator], axis=alt.Axis(format="%")),
        y2="high:Q",
        tooltip=[alt.Tooltip("label:N", title="Typical range"),
                 alt.Tooltip("low:Q", format=".1%"), alt.Tooltip("high:Q", format=".1%")],
    )  # fmt: skip
    dots = alt.Chart(sample_for_chart(points)).mark_circle(size=160, opacity=0.9).encode(
        x=x,
        y=alt.Y("rate:Q", title=DENOMINATOR_TITLES[denominator], axis=alt.Axis(format="%")),
        color=alt.Color("platform:N", title="Network"),
        tooltip=["account:N", "platform:N", alt.Tooltip("followers:Q", format=","),
                 alt.Tooltip("rate:Q", format=".2%"), alt.Tooltip("rows:Q", title="posts/days")],
    )  # fmt: skip
    labels = dots.mark_text(align="left", dx=10, fontSize=11).encode(text="account:N")
    layers = [dots, labels] if denominator != "followers" else [band_layer, dots, labels]
    return alt.layer(*layers).properties(
        title=alt.TitleParams(
            "Engagement against follower count",
            subtitle=[
                "Shaded: a typical range for accounts of that size (engagement per follower)."
                if denominator == "followers"
                else "Typical ranges are shown for engagement per follower only."
            ],
        ),  # fmt: skip
        width=width,
        height=340,
    )


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
        x=alt.X("week:T", title="Week"),
        color=alt.Color("account:N", title="Account"),
        tooltip=["account:N", alt.Tooltip("week:T", title="Week of"),
                 alt.Tooltip("value:Q", format=",.0f")],
    )  # fmt: skip
    followers = (
        base.transform_filter(alt.datum.measure == "Followers")
        .encode(y=alt.Y("value:Q", title="Followers"))
        .properties(height=160, width=width)
    )
    engagement = (
        base.transform_filter(alt.datum.measure == "Engagements per week")
        .encode(y=alt.Y("value:Q", title="Engagements per week"))
        .properties(height=160, width=width)
    )
    return (
        alt.vconcat(followers, engagement)
        .resolve_scale(x="shared")
        .properties(title="Did growth bring engagement? Followers and engagement, week by week")
    )


def best_time(cells: pd.DataFrame, denominator: str, width: int | str = "container") -> alt.Chart:
    """Weekday × hour heatmap of median engagement rate; cells with fewer than 3 posts grey."""
    base = alt.Chart(cells).encode(
        x=alt.X("hour:O", title="Hour of day", sort=list(range(24))),
        y=alt.Y("weekday:O", title=None, sort=WEEKDAYS, axis=alt.Axis(labelOverlap=False)),
        tooltip=["weekday:N", "hour:O", alt.Tooltip("median_rate:Q", format=".2%",
                 title="Median rate"), alt.Tooltip("posts:Q", title="Posts")],
    )  # fmt: skip
    enough = (
        base.transform_filter(alt.datum.enough)
        .mark_rect()
        .encode(
            color=alt.Color(
                "median_rate:Q",
                title=DENOMINATOR_TITLES[denominator].split(" (")[0],
                scale=alt.Scale(scheme="tealblues"),
                legend=alt.Legend(format="%"),
            )
        )
    )
    few = base.transform_filter(~alt.datum.enough).mark_rect(color="#d9d9d9")
    return alt.layer(few, enough).properties(
        title=alt.TitleParams(
            "When your posts did best",
            subtitle=[
                "Median engagement rate; grey cells have fewer than 3 posts, too few to read."
            ],
        ),  # fmt: skip
        width=width,
        # A height per row: a fixed total squeezes the rows under the title and axis.
        height=alt.Step(30),
    )


def rule_chart(results: list[RuleResult], width: int | str = "container") -> alt.Chart:
    """The difference in median engagement rate per rule, with its 90% interval."""
    rows = [{"rule": f"{r.with_label} vs {r.without_label}",
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
                title="Difference in median engagement rate (90% interval)",
                axis=alt.Axis(format="%"),
            ),
            x2="high:Q",
            tooltip=["rule:N", "verdict:N"],
        )
    )
    dots = alt.Chart(tested).mark_point(filled=True, size=80).encode(y=y, x="diff:Q")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, dots, zero).properties(
        title=alt.TitleParams(
            "Folk rules tested on your posts",
            subtitle=[
                "Right of the dashed line: the first group did better; a bar across it: no clear "
                "difference."
            ],
        ),  # fmt: skip
        width=width,
        height=alt.Step(34),
    )
