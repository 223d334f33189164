"""The analytics charts as Vega-Lite specs with their readings, for the report."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import pandas as pd

from strategy.analytics import Analysis, chart_text, charts, readings
from strategy.analytics.chart_text import ChartText
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


def figures(analysis: Analysis, made_up: bool = False) -> list[tuple[dict, str, ChartText]]:
    """Return (Vega-Lite spec, reading, text alternative) for each chart the data supports.

    The charts are drawn where the PDF is laid out, side by side with its text. The text
    alternative (`chart_text`) names the chart and gives its takeaway: the figure's alt text.

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
        # One figure holds every rate panel: its alt text says each panel's takeaway.
        panels = chart_text.rate_texts(analysis)
        text = ChartText(
            _("Engagement rate per account"),
            " ".join(t.alt for t in panels),
            pd.concat([t.table for t in panels], ignore_index=True),
        )
        out.append((charts.account_rates(rates, WIDTH, benchmark_ticks(analysis)), reading, text))
    points = follower_points(analysis)
    if not points.empty:
        lines = follower_lines(analysis, points)
        measure = _(MEASURE_NAMES[analysis.options.measure])
        out.append(
            (
                charts.engagement_vs_followers(points, lines, measure, WIDTH),
                readings.read_points(points, lines),
                chart_text.followers_text(analysis, points, lines),
            )
        )
    for a in analysis.accounts:  # one account a chart: exports of different years share no axis
        weekly = weekly_long(analysis, [a])
        if not weekly.empty:
            out.append(
                (
                    charts.over_time(weekly, WIDTH),
                    readings.read_weekly(analysis, [a]),
                    chart_text.weekly_text(analysis, a),
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
                chart_text.heatmap_text(a),
            )
        )
        out.append(
            (
                charts.rule_chart(a.rules, a.rate_name, WIDTH),
                readings.read_rules(a),
                chart_text.rules_text(a),
            )
        )
    # Our builders produce known-good specs; skipping Altair's schema validation saves ~0.1 s
    # a chart (the unit tests validate every builder).
    specs = [(chart.to_dict(validate=False), reading, text) for chart, reading, text in out]
    if made_up:
        # The alternative text says so too, as the chart's title does to someone who sees it.
        label = _("made-up demo data")
        specs = [
            (labelled_made_up(spec), reading, replace(text, name=f"{text.name} ({label})"))
            for spec, reading, text in specs
        ]
    return specs
