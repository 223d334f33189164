"""Published figures: each names its source, and sits only beside the same kind of rate."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from strategy.analytics import Options, analyze, charts
from strategy.analytics.benchmarks import all_benchmarks, matching
from strategy.analytics.followers import TypedTotal
from strategy.analytics.readings import read_benchmarks
from strategy.analytics.tables import benchmark_ticks, follower_lines, follower_points, rate_table
from strategy.core import published
from strategy.core.library import ContentError, load_library
from strategy.demo.datasets import demo_datasets


def posts(n=40, seed=0, **metrics) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 2000, n), unit="h"),
            "text": "post",
            "likes": rng.integers(0, 30, n).astype(float),
        }
    )
    for k, v in metrics.items():
        frame[k] = v
    return frame


def mixed(make_dataset, measure="interactions"):
    """A LinkedIn page rated per impression and an X handle rated per (typed) follower."""
    page = make_dataset(
        posts(impressions=1000.0, engagements=5.0), platform="linkedin", account="Page"
    )
    handle = make_dataset(posts(seed=1), platform="x", account="Handle")
    typed = {
        "x:Handle": TypedTotal(800, dt.date(2025, 3, 1)),
        "linkedin:Page": TypedTotal(12_000, dt.date(2025, 3, 1)),
    }
    return analyze([page, handle], Options(typed=typed, measure=measure))


def test_every_published_figure_names_its_source_year_statistic_and_denominator():
    for b in all_benchmarks():
        words = b.words()
        assert b.source in words and str(b.year) in words
        assert any(w in words for w in ("per follower", "per impression", "per view", "reached"))
        assert any(w in words for w in ("median", "mean", "not stated"))
        assert b.url.startswith("https://") and str(b.sample)


def test_a_mark_sits_only_beside_a_rate_of_the_same_platform_measure_denominator_and_grain(
    make_dataset,
):
    analysis = analyze(demo_datasets(), Options(denominator="impressions"))
    for a in (mixed(make_dataset), analysis, analyze(demo_datasets(), Options())):
        ticks = benchmark_ticks(a)
        assert len(ticks)  # there is something to check
        for row in ticks.itertuples():
            acc = next(x for x in a.accounts if x.account.label == row.account)
            same = matching(acc.account.platform, acc.measure, acc.denominator, acc.rate_grain)
            assert row.value in {b.value for b in same}, (row.account, row.label)
            assert row.panel == f"{acc.rate_name}, per post"


def test_the_follower_chart_draws_per_follower_figures_only():
    a = analyze(demo_datasets(), Options(denominator="impressions"))
    lines = follower_lines(a, follower_points(a))
    per_follower = {b.value for b in all_benchmarks() if b.denominator == "followers"}
    assert len(lines) and set(lines["value"]) <= per_follower
    # A per-impression figure on this chart would be ~10x off: the LinkedIn bands are absent.
    assert not {b.value for b in matching("linkedin", "interactions", "impressions", "post")} & set(
        lines["value"]
    )


def test_a_linkedin_page_per_impression_gets_the_band_for_its_size(make_dataset):
    a = mixed(make_dataset).account("linkedin:Page")
    assert a.denominator == "impressions"
    values = sorted(b.value for b in a.benchmarks)
    assert 0.0387 in values and 0.0542 not in values  # 12,000 followers: the 5K-25K band
    assert "SociaVault Labs 2026" in read_benchmarks(mixed(make_dataset))


def test_a_small_account_is_told_the_source_samples_only_brands(make_dataset):
    a = mixed(make_dataset).account("x:Handle")
    assert a.denominator == "followers" and a.benchmarks == []
    assert "samples only brands with 5,000 followers or more" in a.benchmark_note
    assert "with 800" in a.benchmark_note


def test_the_networks_own_engagements_get_no_published_figure_and_say_why(make_dataset):
    a = mixed(make_dataset, "engagements").account("linkedin:Page")
    assert a.benchmarks == [] and "choose the measure Interactions" in a.benchmark_note
    ticks = benchmark_ticks(mixed(make_dataset, "engagements"))
    assert ticks.empty
    spec = json.dumps(
        charts.rate_panels(rate_table(mixed(make_dataset, "engagements")), ticks=ticks)[0].to_dict()
    )
    assert '"tick"' not in spec


def test_the_rate_chart_draws_a_tick_in_its_own_panel(make_dataset):
    a = mixed(make_dataset)
    specs = [c.to_dict() for c in charts.rate_panels(rate_table(a), ticks=benchmark_ticks(a))]
    with_tick = [s for s in specs if '"tick"' in json.dumps(s)]
    assert len(with_tick) == 1 and "per impression" in json.dumps(with_tick[0])


def test_analyze_json_lists_the_figures_with_their_source(make_dataset):
    out = mixed(make_dataset).to_json()
    page = next(x for x in out["accounts"] if x["platform"] == "linkedin")
    assert {b["source"] for b in page["benchmarks"]} >= {"SociaVault Labs"}
    assert all(b["denominator"] == "impressions" for b in page["benchmarks"])
    handle = next(x for x in out["accounts"] if x["platform"] == "x")
    assert handle["benchmarks"] == [] and "brands" in handle["benchmark_note"]


def test_a_trainer_can_replace_the_file_and_a_broken_one_names_its_field(tmp_path, monkeypatch):
    (tmp_path / "benchmarks.toml").write_text(
        '[[benchmark]]\nplatform = "linkedin"\nmeasure = "interactions"\n'
        'denominator = "impressions"\ngrain = "post"\nstatistic = "median"\nvalue = 0.05\n'
        'source = "Our network"\ntitle = "Members survey"\nyear = 2026\n'
        'url = "https://example.org"\nsample = { en = "our members" }\n'
    )
    monkeypatch.setenv("SOCIAL_WHY_CONTENT", str(tmp_path))
    assert [b.source for b in all_benchmarks()] == ["Our network"]
    (tmp_path / "benchmarks.toml").write_text(
        (tmp_path / "benchmarks.toml").read_text().replace("value = 0.05", "value = 5")
    )
    published._load.cache_clear()
    with pytest.raises(ContentError, match=r"benchmarks.toml: field benchmark.0.value"):
        load_library(tmp_path)
    published._load.cache_clear()
