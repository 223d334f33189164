"""The analytics charts as Vega-Lite specs with their readings, for the report."""

from __future__ import annotations

from typing import cast

import pandas as pd

from strategy.analytics import Analysis, charts, readings
from strategy.analytics.measures import MEASURE_NAMES
from strategy.analytics.tables import (
    benchmark_ticks,
    follower_lines,
    follower_points,
    heat_cells,
    rate_table,
    weekly_long,
)
from strategy.analytics.timing import zone_words
from strategy.core.i18n import _

WIDTH = 620


def labelled_made_up(spec: dict) -> dict:
    """Return a chart spec whose title says its data is made up (a demo chart in a handout).

    The words go on the chart itself, not only beside it, so a chart copied out of the PDF
    or shown alone on a projector still says it is no one's real figures.
    """
    label = _("made-up demo data")
    title = spec.get("title")
    if not isinstance(title, dict):
        title = {"text": title or ""}
    text = title.get("text") or ""
    lines = [text] if isinstance(text, str) else list(text)
    # The chart's own subtitle keeps its style; the label joins the title's first line.
    lines[0] = f"{lines[0]} ({label})" if lines[0] else label
    return {**spec, "title": {**title, "text": lines if len(lines) > 1 else lines[0]}}


def figures(analysis: Analysis, made_up: bool = False) -> list[tuple[dict, str, str]]:
    """Return (Vega-Lite spec, reading, alt text) for each chart the data supports.

    The charts are drawn where the PDF is laid out, side by side with its text.

    Args:
        analysis: The analysis of the exports.
        made_up: Whether the exports are the built-in demo: every chart then says so.
    """
    out = []
    rates = rate_table(analysis)
    if not rates.empty:
        reading = " ".join(
            filter(None, [readings.read_rates(analysis), readings.read_benchmarks(analysis)])
        )
        out.append(
            (
                charts.account_rates(rates, WIDTH, benchmark_ticks(analysis)),
                reading,
                _("Engagement rate per account"),
            )
        )
    points = follower_points(analysis)
    if not points.empty:
        lines = follower_lines(analysis, points)
        measure = _(MEASURE_NAMES[analysis.options.measure])
        out.append(
            (
                charts.engagement_vs_followers(points, lines, measure, WIDTH),
                readings.read_points(points, lines),
                _("Engagement against followers"),
            )
        )
    for a in analysis.accounts:  # one account a chart: exports of different years share no axis
        weekly = weekly_long(analysis, [a])
        if not weekly.empty:
            out.append(
                (
                    charts.over_time(weekly, WIDTH),
                    readings.read_weekly(analysis, [a]),
                    _("Followers and engagement per week: {account}").format(
                        account=a.account.label
                    ),
                )
            )
    posted = [
        a
        for a in analysis.accounts
        if len(a.posts) and cast(pd.Series, a.posts["rate"]).notna().any()
    ]
    if posted:
        # The busiest account speaks for itself: audiences differ, so they are not pooled.
        a = max(posted, key=lambda a: int(cast(pd.Series, a.posts["rate"]).notna().sum()))
        clock = zone_words(a.zoned, a.has_time_of_day, a.options.zone)
        out.append(
            (
                charts.best_time(heat_cells(a), a.rate_name, clock, WIDTH),
                readings.read_heatmap(a),
                _("Best time to post"),
            )
        )
        out.append(
            (
                charts.rule_chart(a.rules, a.rate_name, WIDTH),
                readings.read_rules(a),
                _("Folk rules tested"),
            )
        )
    # Our builders produce known-good specs; skipping Altair's schema validation saves ~0.1 s
    # a chart (the unit tests validate every builder).
    specs = [(chart.to_dict(validate=False), reading, alt) for chart, reading, alt in out]
    if made_up:
        specs = [(labelled_made_up(spec), reading, alt) for spec, reading, alt in specs]
    return specs
