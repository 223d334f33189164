"""The analytics charts as PNG images with their readings, for the report."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import vl_convert as vlc

from strategy import charts, metrics, readings
from strategy.folk_rules import test_rules
from strategy.i18n import _
from strategy.importers.dataset import Dataset

WIDTH = 620


def png(chart) -> bytes:
    """Render a chart to PNG at scale 2 (sharp in print)."""
    # Our builders produce known-good specs; skipping Altair's schema validation saves ~0.1 s each.
    return vlc.vegalite_to_png(chart.to_dict(validate=False), scale=2)


def figures(
    datasets: list[Dataset], typed: dict[str, int], denominator: str
) -> list[tuple[bytes, str, str]]:
    """Return (png, reading, alt text) for each chart the data supports."""
    series = metrics.follower_series(datasets, typed)
    out = []
    points = metrics.account_points(datasets, series, denominator)
    if not points.empty:
        chart = charts.engagement_vs_followers(points, metrics.bands(), denominator, WIDTH)
        out.append((chart, readings.read_points(points), _("Engagement against followers")))
    weekly = metrics.weekly(datasets, series)
    if not weekly.empty:
        out.append((charts.over_time(weekly, WIDTH), readings.read_weekly(weekly),
                    _("Followers and engagement per week")))  # fmt: skip
    posts = metrics.posts(datasets, series, denominator)
    if not posts.empty:
        # The busiest account speaks for itself: audiences differ, so they are not pooled.
        key = posts.groupby(["platform", "account"]).size().idxmax()
        one = posts[(posts["platform"] == key[0]) & (posts["account"] == key[1])]
        cells = metrics.heatmap_cells(one)
        label = f" ({key[0]} {key[1]})"
        out.append((charts.best_time(cells, denominator, WIDTH),
                    readings.read_heatmap(cells) + label, _("Best time to post")))  # fmt: skip
        results = test_rules(one)
        out.append((charts.rule_chart(results, WIDTH), readings.read_rules(results) + label,
                    _("Folk rules tested")))  # fmt: skip
    # vl-convert renders outside the GIL, so the charts are drawn side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        images = list(pool.map(png, [chart for chart, _, _ in out]))
    return [(image, reading, alt) for image, (_, reading, alt) in zip(images, out, strict=True)]
