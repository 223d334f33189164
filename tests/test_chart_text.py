"""Each chart's text alternative: a takeaway naming its measure and sample, and its numbers."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from strategy.analytics import Analysis, Options, analyze, chart_text, charts
from strategy.analytics.folk_rules import points
from strategy.analytics.tables import follower_lines, follower_points, heat_cells
from strategy.core.i18n import percent, using
from strategy.demo.datasets import demo_datasets
from strategy.importers import import_file

REAL = os.environ.get("REAL_EXPORTS_DIR")
DOWNLOADED = dt.date(2026, 2, 28)  # the TikTok export's download day (it leaves out years)
CHARTS = ["rates", "followers", "weekly", "heatmap", "rules"]
MAX_ROWS = 1000  # a table to read, never a dump of every post


def texts(analysis: Analysis, kind: str) -> list[chart_text.ChartText]:
    """Every text of one kind of chart the Analytics page shows for these exports."""
    if kind == "rates":
        return chart_text.rate_texts(analysis)
    if kind == "followers":
        points = follower_points(analysis)
        return [chart_text.followers_text(analysis, points, follower_lines(analysis, points))]
    out = []
    for a in analysis.accounts:
        if kind == "weekly" and not a.weekly.empty:
            out.append(chart_text.weekly_text(analysis, a))
        elif kind == "heatmap" and len(a.posts):
            out.append(chart_text.heatmap_text(a))
        elif kind == "rules" and len(a.posts):
            out.append(chart_text.rules_text(a))
    return out


def check(text: chart_text.ChartText, lang: str) -> None:
    """What every text alternative must be, in either language."""
    assert text.name and text.alt.strip(), text
    assert "nan" not in text.alt.lower().split() and "{" not in text.alt, text.alt
    assert len(text.table) <= MAX_ROWS
    assert all(str(c).strip() for c in text.table.columns)  # every column says what it is
    if lang == "sv":
        for english in (" over ", " posts", " accounts", "highest", "median rate"):
            assert english not in text.alt, (english, text.alt)


@pytest.fixture(scope="module", params=["en", "sv"])
def demo(request):
    # Each test says its language with `using`: a fixture's own would outlive it.
    return request.param, analyze(demo_datasets(), Options(zone="Europe/Stockholm"))


@pytest.mark.parametrize("kind", CHARTS)
def test_every_demo_chart_has_a_takeaway_with_its_sample_and_a_table(demo, kind):
    lang, analysis = demo
    with using(lang):
        found = texts(analysis, kind)
        assert found
        for text in found:
            check(text, lang)
            assert len(text.table), text.name
    # The sample is said in words: posts, weeks, or the accounts and their posts.
    sample = {"en": ("posts", "weeks"), "sv": ("inlägg", "veckor")}[lang]
    assert all(any(w in t.alt for w in sample) for t in found), [t.alt for t in found]


def test_the_rate_takeaway_names_the_highest_and_lowest_median_with_its_denominator(demo):
    lang, analysis = demo
    with using(lang):
        [text] = chart_text.rate_texts(analysis)
        medians = {a.account.label: float(a.rates.median()) for a in analysis.accounts}
        top = max(medians, key=medians.__getitem__)
        low = min(medians, key=medians.__getitem__)
        per = {"en": "interactions per follower, per post", "sv": "per följare, per inlägg"}
        assert per[lang] in text.alt
        assert f"{top} ({percent(medians[top], 2)}" in text.alt
        assert f"{low} ({percent(medians[low], 2)}" in text.alt
        # The table has every account's figures, formatted the language's way.
        assert list(text.table.iloc[:, 0]) == list(medians)
        assert "," in text.table.iloc[0, 3] if lang == "sv" else "." in text.table.iloc[0, 3]


def test_the_rules_takeaway_states_the_largest_difference_in_points_with_its_groups(demo):
    lang, analysis = demo
    a = analysis.accounts[0]
    with using(lang):
        text = chart_text.rules_text(a)
        shown = [r for r in a.rules if r.outcome in ("first", "second")]
        largest = max(shown, key=lambda r: abs(r.difference or 0))
        difference = points(largest.difference or 0)  # "−0.55 pp", "−0,55 p.e."
    assert largest.with_label in text.alt and largest.without_label in text.alt
    assert difference in text.alt
    assert f"{largest.n_with} " in text.alt and f"{largest.n_without} " in text.alt
    assert len(text.table) == len(a.rules)
    assert "90" in text.alt  # the interval is part of the takeaway, not only of the table


def test_every_heatmap_cell_states_its_rated_posts(demo):
    lang, analysis = demo
    a = analysis.accounts[0]
    with using(lang):
        cells = heat_cells(a)
        spec = charts.best_time(cells, a.rate_name, "times in UTC").to_dict()
    marks = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [m["encoding"]["text"]["field"] for m in marks] == ["rated"]
    # Unfiltered: the grey slots (too few to colour) say their count too.
    assert "transform" not in marks[0]
    colours = marks[0]["encoding"]["color"]
    assert {colours["value"], colours["condition"]["value"]} == {"#000000", "#ffffff"}
    # White only on the last quarter of the colour range, where tealblues is dark enough for
    # it (4.5:1); black below, on the light colours and the grey.
    rated = cells.loc[cells["enough"].astype(bool), "median_rate"]
    dark = float(rated.min() + 0.75 * (rated.max() - rated.min()))
    assert colours["condition"]["test"] == f"datum.enough && datum.median_rate > {dark!r}"
    assert colours["condition"]["value"] == "#ffffff"


def test_charts_with_no_data_or_one_point_say_so(make_dataset):
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-06 09:00", "2025-01-07 10:00"]),
            "likes": [1.0, 2.0],
            "impressions": [100.0, 50.0],
            "text": ["a", "b"],
        }
    )
    analysis = analyze([make_dataset(frame)])
    a = analysis.accounts[0]
    [rate] = chart_text.rate_texts(analysis)
    assert " over 2 posts; " in rate.alt and "middle half" in rate.alt  # one account: no ranking
    empty = follower_points(analysis)
    none = chart_text.followers_text(analysis, empty, follower_lines(analysis, empty))
    assert "No account has both posts and a follower count" in none.alt and none.table.empty
    heat = chart_text.heatmap_text(a)
    assert "no slot has 3 or more rated posts" in heat.alt
    assert set(heat.table.iloc[:, -1]) == {"too few to read"}
    weekly = chart_text.weekly_text(analysis, a)
    assert "Too few weeks" in weekly.alt and "one week drawn, the week of 6 Jan 2025" in weekly.alt
    rules = chart_text.rules_text(a)
    assert "could not be tested" in rules.alt and "largest" not in rules.alt
    assert chart_text.rules_text(a, []).alt == "x · acme: no rated posts to test the rules on."


# -- real exports: every chart's text, and one figure recomputed from the raw file -------------
def real_path(prefix: str) -> Path:
    found = sorted(p for p in Path(REAL or ".").iterdir() if p.name.startswith(prefix))
    assert len(found) == 1, prefix
    return found[0]


def real_analysis(*prefixes: str) -> Analysis:
    datasets = []
    for prefix in prefixes:
        p = real_path(prefix)
        datasets += import_file(p.name, p.read_bytes(), reference=DOWNLOADED)
    return analyze(datasets, Options())


X_LEGACY = "TWITTER__dersuchendee"
EVERY_EXPORT = (
    X_LEGACY,
    "X__FG-SC",
    "FACEBOOK__LeonMpofu",
    "FACEBOOK__johankitti",
    "META-PAGE-DAILY",
    "TIKTOK__htupycollabs-spec__Analytics__Overview",
    "TIKTOK__htupycollabs-spec__Analytics__FollowerHistory",
    "YOUTUBE__",
)


@pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_of_the_real_exports_has_a_text_alternative(kind, lang):
    with using(lang):
        analysis = real_analysis(*EVERY_EXPORT)
        found = texts(analysis, kind)
        assert found
        for text in found:
            check(text, lang)
            json.dumps(text.table.astype(str).to_dict())  # plain values a page can show


@pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
def test_the_rate_alt_text_matches_plain_pandas_on_the_raw_x_export():
    """The median, middle half and sample in the words, from the CSV with three lines of pandas."""
    raw = pd.read_csv(real_path(X_LEGACY))
    rate = (raw["likes"] + raw["replies"] + raw["retweets"]) / raw["impressions"].where(
        raw["impressions"] > 0
    )
    rate = rate.dropna()
    [text] = chart_text.rate_texts(real_analysis(X_LEGACY))
    assert text.alt == (
        f"x · ADHOrg: median {percent(rate.median(), 2)} interactions per impression "
        f"over {len(rate)} posts; the middle half of them lie between "
        f"{percent(rate.quantile(0.25), 2)} and {percent(rate.quantile(0.75), 2)}."
    )
