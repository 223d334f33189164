"""Benchmark: chart specs from a 1,000,000-row dataset: time and size (target < 1 s, < 1 MB)."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd

from strategy.analytics import Options, analyze, charts, metrics
from strategy.analytics.followers import TypedTotal
from strategy.analytics.tables import follower_points, heat_cells, rate_table, weekly_long
from strategy.importers.dataset import COLUMNS, Dataset


def big_dataset(n: int = 1_000_000) -> Dataset:
    """One X account with n posts over a year."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({c: np.nan for c in COLUMNS}, index=range(n))
    frame = frame.assign(
        platform="x",
        account="big",
        grain="post",
        post_id=None,
        text="A post #tag",
        date=pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 8760, n), unit="h"),
        likes=rng.integers(0, 50, n).astype(float),
        impressions=rng.integers(100, 5000, n).astype(float),
        followers_gained=rng.integers(0, 3, n).astype(float),
    )
    return Dataset(
        source="bench",
        format_id="bench",
        label="bench",
        platform="x",
        grain="post",
        frame=frame[list(COLUMNS)],
        columns_used={"likes": "l", "impressions": "i"},
        account="big",
        time_zone="UTC",
    )


def main() -> None:
    """Print time and spec size per chart, against the time of just computing the figures."""
    ds = [big_dataset()]
    t = time.perf_counter()
    analysis = analyze(ds, Options(typed={"*": TypedTotal(100_000, dt.date(2025, 6, 1))}))
    a = analysis.accounts[0]
    a.rules  # noqa: B018 (computes the rule tests, the costliest figure)
    prep = time.perf_counter() - t
    print(f"baseline: analyse 1,000,000 rows {prep:6.2f} s")
    builders = {
        "rates per account": lambda: charts.account_rates(rate_table(analysis)),
        "engagement vs followers": lambda: charts.engagement_vs_followers(
            follower_points(analysis), metrics.bands(), "interactions"
        ),
        "over time": lambda: charts.over_time(weekly_long(analysis)),
        "best time": lambda: charts.best_time(heat_cells(a), a.rate_name, "times in UTC"),
        "rule tester": lambda: charts.rule_chart(a.rules, a.rate_name),
    }
    for name, build in builders.items():
        t = time.perf_counter()
        spec = build().to_json()
        print(f"{name:<24} {time.perf_counter() - t:6.2f} s  spec {len(spec) / 1e3:7.1f} kB")
    print("target: each < 1 s and < 1 MB")


if __name__ == "__main__":
    main()
