"""Metrics, chart specs and the folk-rule tester, on data where the answer is known."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from strategy import charts, metrics, readings
from strategy.demo import demo_datasets
from strategy.folk_rules import test_rules as run_rules
from strategy.importers.dataset import COLUMNS, Dataset


def dataset(frame: pd.DataFrame, grain="post", platform="x", account="acme") -> Dataset:
    full = pd.DataFrame({c: frame[c] if c in frame else np.nan for c in COLUMNS})
    full["platform"], full["account"], full["grain"] = platform, account, grain
    return Dataset(
        source="t",
        format_id="t",
        label="t",
        platform=platform,
        grain=grain,
        frame=full,
        columns_used={c: c for c in frame.columns if c != "date"},
    )


def synthetic_posts(n=400, effect=1.0, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365 * 24, n), unit="h")
    short = rng.random(n) < 0.5
    text = np.where(short, "Short post", "A much longer post " * 8)
    rate = 0.02 * rng.lognormal(0, 0.3, n) * np.where(short, effect, 1.0)
    return pd.DataFrame({"date": dates, "text": text, "rate": rate})


def verdict(posts, rule="Keep posts under 100 characters", **kw):
    return next(r for r in run_rules(posts, **kw) if r.rule == rule)


def test_a_planted_effect_is_found():
    r = verdict(synthetic_posts(effect=1.5))
    assert r.verdict.startswith("Posts under 100 characters did better here")
    assert r.low > 0 and r.n_with + r.n_without == 400


def test_no_effect_gives_no_clear_difference():
    r = verdict(synthetic_posts(effect=1.0, seed=3))
    assert r.verdict == "No clear difference for your audience."
    assert r.low < 0 < r.high


def test_a_reverse_effect_is_named_the_other_way():
    r = verdict(synthetic_posts(effect=0.6))
    assert r.verdict.startswith("Posts of 100 characters or more did better here")


def test_tiny_groups_give_not_enough_posts():
    r = verdict(synthetic_posts(n=12, effect=3.0))
    assert r.verdict.startswith("Not enough posts to say")
    assert r.low is None


def test_the_rule_tester_is_repeatable():
    posts = synthetic_posts(effect=1.2)
    assert run_rules(posts) == run_rules(posts)


@pytest.mark.parametrize(
    ("rule", "column"),
    [
        ("More than two hashtags hurts engagement", "#a #b #c text"),
        ("Links in the post hurt reach", "see https://example.org"),
        ("Don't flood the account with job posts", "We are hiring, apply now"),
    ],
)
def test_each_rule_splits_on_its_own_feature(rule, column):
    posts = synthetic_posts(n=60)
    posts.loc[:29, "text"] = column
    r = verdict(posts, rule=rule)
    assert r.n_with == 30 and r.n_without == 30


def test_followers_from_history_from_anchored_gains_and_from_a_typed_total():
    days = pd.date_range("2025-01-01", periods=4, freq="D")
    history = dataset(pd.DataFrame({"date": days, "followers": [10, 12, 15, 20]}), "day", "tiktok")
    gains = dataset(pd.DataFrame({"date": days, "followers_gained": [1, 2, 3, 4]}), "day", "x")
    flat = dataset(pd.DataFrame({"date": days, "engagements": [1, 1, 1, 1]}), "day", "linkedin")
    s = metrics.follower_series([history, gains, flat], {"x": 100, "linkedin": 50})
    assert s[("tiktok", "acme")].daily.tolist() == [10, 12, 15, 20]
    assert s[("tiktok", "acme")].source == "the export's follower history"
    assert s[("x", "acme")].daily.tolist() == [91, 93, 96, 100]
    assert s[("x", "acme")].source == "daily gains anchored to the total you typed"
    assert s[("linkedin", "acme")].daily.tolist() == [50, 50, 50, 50]


def test_engagement_rate_uses_the_chosen_denominator():
    df = pd.DataFrame(
        {"engagements": [10.0], "impressions": [1000.0], "reach": [0.0], "followers_at": [200.0]}
    )
    assert metrics.rate(df, "followers").iloc[0] == pytest.approx(0.05)
    assert metrics.rate(df, "impressions").iloc[0] == pytest.approx(0.01)
    assert pd.isna(metrics.rate(df, "reach").iloc[0]), "no division by zero reach"


@pytest.fixture(scope="module")
def demo():
    ds = demo_datasets()
    series = metrics.follower_series(ds)
    return ds, series


def test_demo_data_shows_small_engaged_beats_big_silent(demo):
    ds, series = demo
    points = metrics.account_points(ds, series, "followers").set_index("account")
    assert points.loc["Alex Berg", "followers"] < points.loc["Northwind Careers", "followers"]
    assert points.loc["Alex Berg", "rate"] > 5 * points.loc["Northwind Careers", "rate"]
    assert "Alex Berg has 820 followers and the highest engagement rate" in readings.read_points(
        points.reset_index()
    )


def test_demo_data_hides_a_morning_effect_the_tester_finds(demo):
    ds, series = demo
    posts = metrics.posts(ds, series, "followers")
    posts = posts[posts["account"] == "Northwind HR"]
    assert verdict(posts, "Post in the morning").verdict.startswith("Posts before noon did better")


@pytest.mark.parametrize("denominator", ["followers", "impressions", "reach"])
def test_engagement_chart_spec_names_the_denominator_and_has_bands(demo, denominator):
    ds, series = demo
    points = metrics.account_points(ds, series, denominator)
    spec = charts.engagement_vs_followers(points, metrics.bands(), denominator).to_dict()
    text = json.dumps(spec)
    assert charts.DENOMINATOR_TITLES[denominator] in text
    assert '"type": "log"' in text
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert ("rect" in marks) == (denominator == "followers")


def test_heatmap_greys_cells_with_fewer_than_three_posts():
    posts = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-06 09:00"] * 3 + ["2025-01-07 10:00"]),
            "rate": [0.01, 0.02, 0.03, 0.5],
        }
    )
    cells = metrics.heatmap_cells(posts).set_index(["weekday", "hour"])
    assert cells.loc[("Mon", 9), "enough"] and cells.loc[("Mon", 9), "median_rate"] == 0.02
    assert not cells.loc[("Tue", 10), "enough"]
    spec = charts.best_time(cells.reset_index(), "followers").to_dict()
    assert '"color": "#d9d9d9"' in json.dumps(spec)
    assert "Mon 09:00" in readings.read_heatmap(cells.reset_index())


def test_weekly_chart_has_followers_and_engagement_on_one_time_axis(demo):
    ds, series = demo
    weekly = metrics.weekly(ds, series)
    assert set(weekly["measure"]) == {"Followers", "Engagements per week"}
    spec = charts.over_time(weekly).to_dict()
    assert spec["resolve"]["scale"]["x"] == "shared"
    assert len(spec["vconcat"]) == 2


def test_a_million_rows_chart_without_max_rows_error_and_under_a_megabyte():
    n = 1_000_000
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 8760, n), unit="h"),
        "engagements": rng.integers(0, 50, n).astype(float),
        "impressions": rng.integers(100, 5000, n).astype(float),
        "followers_gained": rng.integers(0, 3, n).astype(float),
        "text": "post",
    })  # fmt: skip
    ds = [dataset(frame)]
    series = metrics.follower_series(ds, {"x": 100_000})
    posts = metrics.posts(ds, series, "impressions")
    specs = [
        charts.engagement_vs_followers(metrics.account_points(ds, series, "impressions"),
                                       metrics.bands(), "impressions"),
        charts.over_time(metrics.weekly(ds, series)),
        charts.best_time(metrics.heatmap_cells(posts), "impressions"),
        charts.rule_chart(run_rules(posts)),
    ]  # fmt: skip
    for chart in specs:
        text = chart.to_json()
        assert len(text) < 1_000_000
    assert len(metrics.sample_for_chart(posts)) == metrics.MAX_CHART_ROWS
