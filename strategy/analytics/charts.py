"""Chart builders: pure functions from prepared tables to `alt.Chart`, at most 5,000 rows each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast

import altair as alt
import pandas as pd

from strategy.analytics.folk_rules import RuleResult
from strategy.analytics.metrics import MAX_CHART_ROWS, sample_for_chart
from strategy.core.i18n import N_, _, language, weekday_names

# Vega's own number and date words, for the axes and tooltips of a chart in Swedish.
LOCALES = {
    "sv": {
        "number": {
            "decimal": ",",
            "thousands": "\u00a0",
            "grouping": [3],
            "currency": ["", " kr"],
            "percent": "\u00a0%",
        },
        "time": {
            "dateTime": "%A %e %B %Y %X",
            "date": "%Y-%m-%d",
            "time": "%H:%M:%S",
            "periods": ["fm", "em"],
            "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
            "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
            "months": [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "shortMonths": [
                "jan",
                "feb",
                "mar",
                "apr",
                "maj",
                "jun",
                "jul",
                "aug",
                "sep",
                "okt",
                "nov",
                "dec",
            ],
        },
    },
}


def localized(build: Callable[..., alt.TopLevelMixin]) -> Callable[..., alt.TopLevelMixin]:
    """Give the charts a builder returns the number and date formats of the language in force."""

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> alt.TopLevelMixin:
        chart = build(*args, **kwargs)
        locale = LOCALES.get(language())
        return chart.configure(locale=locale) if locale else chart

    return wrapper


LABEL_INK = "#31333f"  # Streamlit's text colour: the labels beside marks read as text

RATE_TITLE = N_("Engagement rate per account")
RATE_SUBTITLE = N_(
    "Dot: the median; bar: the middle half of posts (or days); the figure is the "
    "sample; black tick: a published figure for the same kind of rate. Each kind "
    "of rate has its own chart and axis."
)


def _rate_panel(
    rows: pd.DataFrame, panel: str, width: int | str, ticks: pd.DataFrame | None = None
) -> alt.LayerChart:
    base = alt.Chart(rows.head(MAX_CHART_ROWS)).encode(
        y=alt.Y("account:N", title=None, sort=None, axis=alt.Axis(labelLimit=300))
    )
    axis = alt.Axis(format=".1%")
    # The account's label names its network: a legend per panel would only repeat it.
    color = alt.Color("platform:N", title=_("Network"), legend=None)
    spread = base.mark_rule(strokeWidth=6, opacity=0.35).encode(
        x=alt.X("q1:Q", title=panel, axis=axis), x2="q3:Q", color=color
    )
    dots = base.mark_circle(size=140, opacity=0.95).encode(
        x=alt.X("median:Q", title=panel, axis=axis),
        color=color,
        tooltip=[
            alt.Tooltip("account:N", title=_("Account")),
            alt.Tooltip("median:Q", format=".2%", title=_("Median")),
            alt.Tooltip("q1:Q", format=".2%", title=_("Lower quartile")),
            alt.Tooltip("q3:Q", format=".2%", title=_("Upper quartile")),
            alt.Tooltip("n:Q", title=_("Sample")),
        ],
    )
    labels = base.mark_text(align="left", dy=-12, fontSize=11).encode(
        x="median:Q", text=alt.Text("n:Q", format="d")
    )
    layers = [spread, dots, labels]
    mine = ticks[ticks["panel"] == panel] if ticks is not None else None
    if mine is not None and len(mine):
        # A published figure of the same platform, measure, denominator and grain, for an
        # account of this size: a black tick on the account's own row.
        layers.append(
            alt.Chart(mine)
            .mark_tick(color="#222222", thickness=2, size=26)
            .encode(
                y=alt.Y("account:N", sort=None),
                x=alt.X("value:Q", title=panel, axis=axis),
                tooltip=[alt.Tooltip("label:N", title=_("Published figure"))],
            )
        )
    chart = cast(alt.LayerChart, alt.layer(*layers))  # no facet encodings: never a FacetChart
    return chart.properties(width=width, height=alt.Step(40))


def rate_panels(
    table: pd.DataFrame, width: int | str = "container", ticks: pd.DataFrame | None = None
) -> list[alt.LayerChart]:
    """Each account's median rate with its middle half: one chart per kind of rate.

    A rate per impression and a rate per follower, or a rate per post and one per day, are
    different numbers: each kind gets its own chart and axis. Separate charts (not one
    concatenated chart) so each can fill the page's width.

    Args:
        table: From `analysis.tables.rate_table`.
        width: Pixels, or "container" to fill the page.
        ticks: From `analysis.tables.benchmark_ticks`: published figures, each drawn only in
            its account's panel.

    Returns:
        One chart per kind of rate; the first carries the title.
    """
    charts = []
    for k, (panel, rows) in enumerate(table.groupby("panel", sort=False)):
        chart = _rate_panel(rows, str(panel), width, ticks)
        if k == 0:
            title = alt.TitleParams(_(RATE_TITLE), subtitle=[_(RATE_SUBTITLE)])
            chart = chart.properties(title=title)
        locale = LOCALES.get(language())
        charts.append(chart.configure(locale=locale) if locale else chart)
    return charts


@localized
def account_rates(
    table: pd.DataFrame, width: int = 620, ticks: pd.DataFrame | None = None
) -> alt.VConcatChart:
    """The rate panels stacked in one chart of a fixed width (for the PDF)."""
    panels = [
        _rate_panel(rows, str(panel), width, ticks)
        for panel, rows in table.groupby("panel", sort=False)
    ]
    return (
        alt.vconcat(*panels)
        .resolve_scale(x="independent", color="shared")
        .properties(title=alt.TitleParams(_(RATE_TITLE), subtitle=[_(RATE_SUBTITLE)]))
    )


@localized
def engagement_vs_followers(
    points: pd.DataFrame, lines: pd.DataFrame, measure: str, width: int | str = "container"
) -> alt.LayerChart:
    """Median rate per follower and post against follower count (log axis), with published figures.

    Only figures of the same networks, per follower and per post, are drawn.

    Args:
        points: From `analysis.tables.follower_points`.
        lines: From `analysis.tables.follower_lines`: published per-follower, per-post figures
            of the points' networks only, each over the follower range it is for.
        measure: The measure's name in words (the axis says it).
        width: Pixels, or "container" to fill the page.

    Returns:
        A layered chart.
    """
    title_y = _("Median {measure} per follower, per post").format(measure=measure)
    scale = alt.Scale(type="log", domain=[1, 10_000_000])
    x_title = _("Followers (log scale)")
    color = alt.Color("platform:N", title=_("Network"))
    published = (
        alt.Chart(lines)
        .mark_rule(strokeWidth=3, strokeDash=[6, 3], opacity=0.8)
        .encode(
            x=alt.X("x0:Q", scale=scale, title=x_title),
            x2="x1:Q",
            y=alt.Y("value:Q", title=title_y, axis=alt.Axis(format="%")),
            color=color,
            tooltip=[alt.Tooltip("label:N", title=_("Published figure"))],
        )
    )
    # Words beside a mark are dark: the network's pale colour would leave them unreadable, and
    # the legend and the account's name already say the network.
    ink = alt.value(LABEL_INK)
    cites = published.mark_text(align="left", dy=-8, fontSize=10).encode(
        x="x0:Q", text="cite:N", color=ink
    )
    dots = (
        alt.Chart(sample_for_chart(points))
        .mark_circle(size=160, opacity=0.9)
        .encode(
            x=alt.X("followers:Q", scale=scale, title=x_title),
            y=alt.Y("rate:Q", title=title_y, axis=alt.Axis(format="%")),
            color=color,
            tooltip=[
                alt.Tooltip("account:N", title=_("Account")),
                alt.Tooltip("followers:Q", format=",", title=_("Followers")),
                alt.Tooltip("source:N", title=_("Followers from")),
                alt.Tooltip("rate:Q", format=".2%", title=_("Median rate")),
                alt.Tooltip("rows:Q", title=_("Posts")),
            ],
        )
    )
    labels = dots.mark_text(align="left", dx=10, fontSize=11).encode(text="account:N", color=ink)
    if lines.empty:
        subtitle = _(
            "Only accounts with posts and a follower count. No published figure per "
            "follower and post for these networks, so no line is drawn."
        )
        layers = [dots, labels]
    else:
        subtitle = _(
            "Only accounts with posts and a follower count; dashed: a published figure "
            "for the same network, per follower and post, over the sizes it is for."
        )
        layers = [published, cites, dots, labels]
    chart = cast(alt.LayerChart, alt.layer(*layers))  # no facet encodings: never a FacetChart
    return chart.properties(
        title=alt.TitleParams(_("Engagement against follower count"), subtitle=[subtitle]),
        width=width,
        height=320,
    )


@localized
def over_time(weekly: pd.DataFrame, width: int | str = "container") -> alt.VConcatChart:
    """Weekly series per account, one panel per measure, on one shared time axis.

    Args:
        weekly: From `analysis.tables.weekly_long`: week, account, panel, value.
        width: Pixels, or "container" to fill the page.

    Returns:
        A vertically concatenated chart sharing the x axis.
    """
    data = sample_for_chart(weekly)
    panels = []
    for panel in dict.fromkeys(data["panel"]):
        part = data[data["panel"] == panel]
        panels.append(
            alt.Chart(part)
            .mark_line(point=True)
            .encode(
                x=alt.X("week:T", title=_("Week")),
                y=alt.Y("value:Q", title=str(panel)),
                color=alt.Color("account:N", title=_("Account")),
                tooltip=[
                    alt.Tooltip("account:N", title=_("Account")),
                    alt.Tooltip("week:T", title=_("Week of")),
                    alt.Tooltip("value:Q", format=",.0f", title=str(panel)),
                ],
            )
            .properties(height=150, width=width)
        )
    return (
        alt.vconcat(*panels)
        .resolve_scale(x="shared")
        .properties(title=_("Did growth bring engagement? Week by week"))
    )


# The share of the colour scale's range above which a cell takes white text: tealblues has
# 4.5:1 against black up to 0.745 of its range and against white from there (measured on its
# drawn colours), so every count reads at the contrast small text needs.
DARK_SHARE = 0.75


@localized
def best_time(
    cells: pd.DataFrame, rate: str, clock: str, width: int | str = "container"
) -> alt.LayerChart:
    """Weekday × hour heatmap of the median rate (weekdays only when the export has no times).

    Args:
        cells: From `analysis.tables.heat_cells`.
        rate: The rate in words ("interactions per impression").
        clock: Which clock the hours are on, in words ("times in Europe/Stockholm").
        width: Pixels, or "container" to fill the page.

    Returns:
        The heatmap; slots with fewer than 3 rated posts are grey.
    """
    timed = cast(pd.Series, cells["hour"]).notna().any()
    x = (
        alt.X("hour:O", title=_("Hour of day"), sort=list(range(24)))
        if timed
        else alt.X("day:O", title=None, sort=weekday_names())
    )
    y = (
        alt.Y("day:O", title=None, sort=weekday_names(), axis=alt.Axis(labelOverlap=False))
        if timed
        else alt.value(0)
    )
    data = cells if timed else cells.assign(hour=-1)
    base = alt.Chart(data).encode(
        x=x,
        tooltip=[
            alt.Tooltip("day:N", title=_("Day")),
            alt.Tooltip("hour:O", title=_("Hour")),
            alt.Tooltip("median_rate:Q", format=".2%", title=_("Median rate")),
            alt.Tooltip("posts:Q", title=_("Posts")),
            alt.Tooltip("rated:Q", title=_("Rated")),
        ],
    )
    if timed:
        base = base.encode(y=y)
    enough = (
        base.transform_filter(alt.datum.enough)
        .mark_rect()
        .encode(
            color=alt.Color(
                "median_rate:Q",
                title=_("Median"),
                scale=alt.Scale(scheme="tealblues"),
                legend=alt.Legend(format="%"),
            )
        )
    )
    few = base.transform_filter(~alt.datum.enough).mark_rect(color="#d9d9d9")
    # Each cell states its rated posts, so a slot is read without telling its colour apart:
    # black on the light cells (and the grey ones), white on the dark ones.
    rated = cast(pd.Series, cells.loc[cells["enough"].astype(bool), "median_rate"]).dropna()
    dark = float(rated.min() + DARK_SHARE * (rated.max() - rated.min())) if len(rated) else 1.0
    counts = base.mark_text(fontSize=11).encode(
        text=alt.Text("rated:Q", format="d"),
        color=alt.condition(
            f"datum.enough && datum.median_rate > {dark!r}",
            alt.value("#ffffff"),
            alt.value("#000000"),
        ),
    )
    subtitle = _(
        "Median {rate}; {clock}; the figure in a slot: its rated posts; grey: fewer than 3, "
        "too few to read."
    )
    chart = cast(alt.LayerChart, alt.layer(few, enough, counts))  # no facet encodings
    return chart.properties(
        title=alt.TitleParams(
            _("When your posts did best") if timed else _("Which weekday your posts did best"),
            subtitle=[subtitle.format(rate=rate, clock=clock)],
        ),
        width=width,
        # A height per row: a fixed total squeezes the rows under the title and axis.
        height=alt.Step(30) if timed else 60,
    )


@localized
def rule_chart(
    results: list[RuleResult], rate: str, width: int | str = "container"
) -> alt.LayerChart:
    """The difference in median rate per rule, in percentage points, with its 90% interval."""
    rows = [
        {
            "rule": _("{group} vs {other}").format(group=r.with_label, other=r.without_label),
            "diff": (r.difference or 0) * 100,
            "low": None if r.low is None else r.low * 100,
            "high": None if r.high is None else r.high * 100,
            "verdict": r.verdict,
            "tested": r.low is not None,
        }
        for r in results
    ]
    df = pd.DataFrame(rows, columns=["rule", "diff", "low", "high", "verdict", "tested"])
    tested = df[df["tested"]].head(MAX_CHART_ROWS)
    y = alt.Y("rule:N", title=None, sort=None, axis=alt.Axis(labelLimit=360))
    if results and results[0].statistic == "share_engaged":
        # Most posts have no engagement: the share of posts with any is compared instead.
        title_x = _(
            "Difference in the share of posts with any engagement (percentage points, 90% interval)"
        )
    else:
        title_x = _("Difference in median {rate} (percentage points, 90% interval)").format(
            rate=rate
        )
    bars = (
        alt.Chart(tested)
        .mark_rule(strokeWidth=3)
        .encode(
            y=y,
            x=alt.X("low:Q", title=title_x, axis=alt.Axis(format="+.2f")),
            x2="high:Q",
            tooltip=[
                alt.Tooltip("rule:N", title=_("Rule")),
                alt.Tooltip("verdict:N", title=_("Verdict")),
            ],
        )
    )
    dots = alt.Chart(tested).mark_point(filled=True, size=80).encode(y=y, x="diff:Q")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    chart = cast(alt.LayerChart, alt.layer(bars, dots, zero))  # no facet encodings
    return chart.properties(
        title=alt.TitleParams(
            _("Folk rules tested on your posts"),
            subtitle=[
                _(
                    "Right of the dashed line: the first group did better; a bar across it: "
                    "no clear difference."
                )
            ],
        ),
        width=width,
        height=alt.Step(34),
    )
