"""The analysis on the real exports, each figure recomputed here with a few lines of plain pandas.

The raw files are read with `pd.read_csv` straight from disk, never through the importer, so a
bug in the importer or the analysis cannot hide behind itself.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from strategy.analytics import Options, analyze
from strategy.importers import import_file

REAL = os.environ.get("REAL_EXPORTS_DIR")
pytestmark = pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
DOWNLOADED = dt.date(2026, 2, 28)  # the TikTok export's download day (it leaves out years)


def path(prefix: str) -> Path:
    found = sorted(p for p in Path(REAL or ".").iterdir() if p.name.startswith(prefix))
    assert len(found) == 1, prefix
    return found[0]


def load(*prefixes: str) -> list:
    out = []
    for prefix in prefixes:
        p = path(prefix)
        out += import_file(p.name, p.read_bytes(), reference=DOWNLOADED)
    return out


def run(*prefixes: str, **options) -> dict:
    result = analyze(load(*prefixes), Options(**options)).to_json()
    return {a["platform"] + ":" + a["account"]: a for a in result["accounts"]}


X_LEGACY, X_CONTENT = "TWITTER__dersuchendee", "X__FG-SC"
META_POSTS, FB_LEGACY = "FACEBOOK__LeonMpofu", "FACEBOOK__johankitti"
META_DAILY, TT_OVERVIEW = "META-PAGE-DAILY", "TIKTOK__htupycollabs-spec__Analytics__Overview"
TT_FOLLOWERS, YOUTUBE = "TIKTOK__htupycollabs-spec__Analytics__FollowerHistory", "YOUTUBE__"


# -- the independent figure per account: plain pandas from the raw file --------------------
def pandas_x_legacy() -> float:
    raw = pd.read_csv(path(X_LEGACY))
    inter = raw["likes"] + raw["replies"] + raw["retweets"]
    return float((inter / raw["impressions"].where(raw["impressions"] > 0)).median())


def pandas_x_content() -> float:
    raw = pd.read_csv(path(X_CONTENT))
    inter = raw["Likes"] + raw["Replies"] + raw["Reposts"] + raw["Share"] + raw["Bookmarks"]
    return float((inter / raw["Impressions"].where(raw["Impressions"] > 0)).median())


def pandas_meta_posts() -> float:
    raw = pd.read_csv(path(META_POSTS), encoding="utf-8-sig")
    inter = raw[["Reactions", "Comments", "Shares"]].sum(axis=1, min_count=1)
    return float((inter / raw["Reach"].where(raw["Reach"] > 0)).mean())


def pandas_tiktok_interactions() -> int:
    raw = pd.read_csv(path(TT_OVERVIEW), encoding="utf-8-sig")
    return int((raw["Likes"] + raw["Comments"] + raw["Shares"]).sum())


def pandas_tiktok_followers_last() -> int:
    raw = pd.read_csv(path(TT_FOLLOWERS), encoding="utf-8-sig", na_values=["undefined"])
    return int(raw["Followers"].dropna().iloc[-1])


def pandas_youtube_views() -> tuple[int, int]:
    raw = pd.read_csv(path(YOUTUBE))
    total = raw[raw["Content"] == "Total"]["Views"].iloc[0]
    return int(raw[raw["Content"] != "Total"]["Views"].sum()), int(total)


def pandas_meta_daily_gains() -> int:
    raw = pd.read_csv(path(META_DAILY), encoding="utf-16", skiprows=2)
    return int(raw["Primary"].sum())


def pandas_fb_legacy_reach() -> int:
    raw = pd.read_csv(path(FB_LEGACY), encoding="utf-8-sig", skiprows=[1])
    return int(raw["Lifetime Post Total Reach"].sum())


def test_x_legacy_alone_names_its_handle_and_rates_every_post_per_impression():
    a = run(X_LEGACY)["x:ADHOrg"]
    assert a["denominator"] == "impressions" and a["time_source"] == "export"
    assert a["time_zone"] == "UTC" and a["has_time_of_day"]
    assert a["rate"]["rated_posts"] == 31
    assert a["rate"]["median"] == pytest.approx(pandas_x_legacy(), rel=1e-9)


def test_x_content_alone_takes_its_times_from_the_post_ids():
    a = run(X_CONTENT)["x:Wormhole_BR"]
    assert a["time_source"] == "post_id" and a["has_time_of_day"]
    assert a["rate"]["median"] == pytest.approx(pandas_x_content(), rel=1e-9)
    raw = pd.read_csv(path(X_CONTENT))
    utc = pd.to_datetime((raw["Post id"].to_numpy() >> 22) + 1288834974657, unit="ms")
    expected = raw.assign(w=utc.day_of_week, h=utc.hour).groupby(["w", "h"]).size()
    got = {(s["weekday"], s["hour"]): s["posts"] for s in a["slots"]}
    assert got == {k: int(v) for k, v in expected.items()}
    # The morning rule is tested on real hours, not on a midnight every date-only row had.
    morning = next(r for r in a["rules"] if r["id"] == "morning")
    assert morning["verdict"] != "not_applicable"
    assert morning["group_posts"] + morning["other_posts"] == a["rate"]["rated_posts"]


def test_meta_posts_alone_are_rated_per_person_reached_and_named_by_the_page():
    accounts = run(META_POSTS)
    ((key, a),) = accounts.items()
    assert key == "facebook:Oigetit Fake News Filter - South Africa"
    assert a["denominator"] == "reach" and a["rate"]["rated_posts"] > 0
    assert a["rate"]["mean"] == pytest.approx(pandas_meta_posts(), rel=1e-9)
    assert a["time_zone"] is None  # clock time of the page, zone unknown
    assert all(r["group_posts"] + r["other_posts"] > 0 for r in a["rules"])


def test_tiktok_overview_and_follower_history_are_one_account_rated_per_follower():
    accounts = run(TT_OVERVIEW, TT_FOLLOWERS)
    assert list(accounts) == ["tiktok:TikTok account"]
    a = accounts["tiktok:TikTok account"]
    assert a["follower_source"] == "history" and a["denominator"] == "followers"
    assert a["followers_latest"] == pandas_tiktok_followers_last()
    assert a["cards"]["totals"]["measure"] == pandas_tiktok_interactions()
    assert a["rate"]["grain"] == "day"
    # Days before the history's first known count are left out, not backfilled.
    raw = pd.read_csv(path(TT_FOLLOWERS), encoding="utf-8-sig", na_values=["undefined"])
    assert a["rate"]["rated_days"] <= raw["Followers"].notna().sum()


def test_youtube_without_interactions_is_shown_with_what_it_has_and_checked_against_its_total():
    a = run(YOUTUBE)["youtube:YouTube account"]
    rows, stated = pandas_youtube_views()
    assert a["cards"]["totals"]["views"] == rows
    check = next(c for c in a["checks"] if c["metric"] == "views")
    assert (check["rows"], check["stated"], check["agrees"]) == (rows, stated, False)
    assert any("no columns for interactions" in n for n in a["notes"])
    assert a["has_time_of_day"] is False
    assert all(s["hour"] is None for s in a["slots"])
    assert sum(w["views"] or 0 for w in a["weekly"]) == rows


def test_meta_daily_follows_and_legacy_facebook_are_read_alone():
    daily = run(META_DAILY)["facebook:Facebook account"]
    assert daily["cards"]["totals"]["followers_gained"] == pandas_meta_daily_gains()
    legacy = run(FB_LEGACY)["facebook:Facebook account"]
    assert legacy["cards"]["totals"]["reach"] == pandas_fb_legacy_reach()
    # Blank action cells are zeros: every post with a reach is rated.
    raw = pd.read_csv(path(FB_LEGACY), encoding="utf-8-sig", skiprows=[1])
    assert legacy["rate"]["rated_posts"] == int((raw["Lifetime Post Total Reach"] > 0).sum())
    links = raw["Lifetime Post Consumptions by type - link clicks"].fillna(0)
    seen = raw["Lifetime Post Total Impressions"] > 0
    expected = links[seen].sum() / raw["Lifetime Post Total Impressions"][seen].sum() * 1000
    assert legacy["per_thousand_impressions"]["link_clicks"] == pytest.approx(expected)


def test_meta_link_clicks_are_link_clicks_and_x_shares_include_both_kinds():
    meta = run(META_POSTS)["facebook:Oigetit Fake News Filter - South Africa"]
    raw = pd.read_csv(path(META_POSTS), encoding="utf-8-sig")
    seen = raw["Views"] > 0
    expected = raw["Link Clicks"][seen].sum() / raw["Views"][seen].sum() * 1000
    assert meta["per_thousand_impressions"]["link_clicks"] == pytest.approx(expected)
    x = run(X_CONTENT)["x:Wormhole_BR"]
    raw = pd.read_csv(path(X_CONTENT))
    parts = ["Likes", "Replies", "Reposts", "Share", "Bookmarks"]
    assert x["cards"]["totals"]["measure"] == int(raw[parts].sum().sum())


def test_two_x_handles_stay_two_accounts_with_the_figures_they_have_alone():
    both = run(X_LEGACY, X_CONTENT)
    assert set(both) == {"x:ADHOrg", "x:Wormhole_BR"}
    assert both["x:ADHOrg"]["rate"] == run(X_LEGACY)["x:ADHOrg"]["rate"]
    assert both["x:Wormhole_BR"]["rate"] == run(X_CONTENT)["x:Wormhole_BR"]["rate"]


def test_four_platforms_at_once_give_each_account_its_own_figures():
    together = run(X_CONTENT, META_POSTS, TT_OVERVIEW, YOUTUBE)
    assert len(together) == 4
    for prefix in (X_CONTENT, META_POSTS, TT_OVERVIEW, YOUTUBE):
        ((key, alone),) = run(prefix).items()
        for field in ("rate", "slots", "weekly", "cards", "denominator", "rules"):
            assert together[key][field] == alone[field], (key, field)
    # Every account with posts gets a heatmap and a rule table with posts in them.
    for key in ("x:Wormhole_BR", "facebook:Oigetit Fake News Filter - South Africa"):
        assert together[key]["slots"] and together[key]["rules"]
        assert sum(r["group_posts"] for r in together[key]["rules"]) > 0


def test_everything_uploaded_together_gives_every_account_a_named_reading():
    prefixes = (
        X_LEGACY,
        X_CONTENT,
        META_POSTS,
        FB_LEGACY,
        META_DAILY,
        TT_OVERVIEW,
        TT_FOLLOWERS,
        YOUTUBE,
    )
    result = analyze(load(*prefixes), Options()).to_json()
    assert all(a["account"] for a in result["accounts"])
    assert all(a["reading"].startswith(a["platform"] + " · ") for a in result["accounts"])
    # Nameless Facebook files are one "Facebook account", never a blank or a sheet title.
    names = {a["account"] for a in result["accounts"] if a["platform"] == "facebook"}
    assert names == {"Oigetit Fake News Filter - South Africa", "Facebook account"}


# -- metamorphic: what must change changes, and nothing else (the same rows in another order:
# test_metamorphic.py's "shuffled" variant of every real export) ---------------------------------
def test_a_renamed_legacy_x_file_keeps_its_account_from_the_post_links():
    p = path(X_LEGACY)
    datasets = import_file("export.csv", p.read_bytes())
    assert datasets[0].account == "ADHOrg"


def test_another_zone_moves_zoned_hours_and_nothing_else():
    utc = run(X_LEGACY, zone="UTC")["x:ADHOrg"]
    sthlm = run(X_LEGACY, zone="Europe/Stockholm")["x:ADHOrg"]
    assert sthlm["time_zone"] == "Europe/Stockholm"
    assert utc["rate"] == sthlm["rate"] and utc["cards"] == sthlm["cards"]
    raw = pd.read_csv(path(X_LEGACY))
    when = pd.to_datetime(raw["time"], format="%Y-%m-%d %H:%M %z").dt.tz_convert("Europe/Stockholm")
    expected = raw.assign(w=when.dt.day_of_week, h=when.dt.hour).groupby(["w", "h"]).size()
    assert {(s["weekday"], s["hour"]): s["posts"] for s in sthlm["slots"]} == {
        k: int(v) for k, v in expected.items()
    }
    assert utc["slots"] != sthlm["slots"]


def test_another_zone_leaves_clock_times_of_unknown_zone_alone():
    assert run(META_POSTS, zone="UTC") == {
        k: v | {"time_zone": None} for k, v in run(META_POSTS, zone="Asia/Tokyo").items()
    }


def test_the_cli_prints_the_same_analysis(tmp_path, capsys):
    import json

    from strategy.cli import main

    files = [str(path(p)) for p in (X_CONTENT, META_POSTS, TT_OVERVIEW, YOUTUBE)]
    assert main(["analyze", *files, "--json", "--downloaded", DOWNLOADED.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    direct = analyze(load(X_CONTENT, META_POSTS, TT_OVERVIEW, YOUTUBE), Options()).to_json()
    assert json.loads(json.dumps(direct, default=str)) == printed


def test_xlsx_of_a_real_export_gives_the_same_figures(tmp_path):
    raw = pd.read_csv(path(X_LEGACY), dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    raw.to_excel(buffer, index=False)
    datasets = import_file(
        "tweet_activity_metrics_ADHOrg_20210401_20210501_en.xlsx", buffer.getvalue()
    )
    via_xlsx = analyze(datasets, Options()).to_json()["accounts"][0]
    assert via_xlsx["rate"] == run(X_LEGACY)["x:ADHOrg"]["rate"]


# -- the rule tester on real posts: shuffled metrics give (almost) no verdicts ------------------
PER_POST = [X_LEGACY, X_CONTENT, META_POSTS, FB_LEGACY, YOUTUBE]


def real_posts(prefix: str) -> pd.DataFrame:
    (a,) = [a for a in analyze(load(prefix), Options()).accounts if len(a.posts)]
    return a.posts


@pytest.mark.parametrize("prefix", PER_POST)
def test_shuffled_metrics_of_real_posts_rarely_give_any_verdict(prefix):
    from strategy.analytics.folk_rules import test_rules

    posts = real_posts(prefix)
    rng = np.random.default_rng(20)
    runs = []
    for k in range(20):
        # The metrics move to other posts; texts and times stay: no rule can matter.
        shuffled = posts.assign(rate=rng.permutation(posts["rate"].to_numpy()))
        runs.append(any(r.outcome in ("first", "second") for r in test_rules(shuffled, seed=k)))
    assert sum(runs) <= 4, f"{sum(runs)} of 20 shuffled runs show a verdict"


# Each export's rule with enough posts on both sides (the Meta posts are nearly all long, with
# links and hashtags; YouTube's table has no interactions to rate).
@pytest.mark.parametrize(
    ("prefix", "rule"), [(X_CONTENT, "short_posts"), (META_POSTS, "morning"), (X_LEGACY, "morning")]
)
def test_a_planted_effect_in_real_posts_is_still_found(prefix, rule):
    from strategy.analytics.folk_rules import test_rules

    posts = real_posts(prefix)
    rng = np.random.default_rng(3)
    rate = rng.permutation(posts["rate"].to_numpy())
    # The group in plain pandas: the hour in the charts' zone, or the text's length.
    split = (
        posts["hour"] < 12 if rule == "morning" else posts["text"].fillna("").str.len() < 100
    ).to_numpy()
    # The group truly does better: three times the rate, and (where most posts have none)
    # most of its posts now have some.
    planted = np.where(split, rate * 3, rate)
    typical = np.nanquantile(rate[rate > 0], 0.5)
    planted = np.where(split & (planted == 0) & (rng.random(len(rate)) < 0.6), typical, planted)
    result = next(r for r in test_rules(posts.assign(rate=planted)) if r.id == rule)
    assert result.outcome == "first", (result.verdict, result.n_with, result.n_without)


def test_the_zero_heavy_meta_export_compares_shares_and_states_overlap():
    from strategy.analytics.folk_rules import test_rules

    posts = real_posts(META_POSTS)
    zero = float((posts["rate"].dropna() == 0).mean())
    assert zero > 0.5  # most of its posts have no interactions
    results = test_rules(posts)
    assert {r.statistic for r in results} == {"share_engaged"}
    for r in results:
        assert not (r.low == r.high == 0), r.id  # never a 0-to-0 interval
        if r.outcome == "unclear":
            assert r.detectable is not None and r.detectable > 0
    # Plain pandas: the share of rated posts under 100 characters with any interaction.
    raw = pd.read_csv(path(META_POSTS), encoding="utf-8-sig")
    inter = raw[["Reactions", "Comments", "Shares"]].sum(axis=1, min_count=1)
    rated = raw[(raw["Reach"] > 0) & inter.notna()]
    text = rated["Title"].fillna(rated["Description"]).fillna("")
    short_posts = next(r for r in results if r.id == "short_posts")
    share = float((inter[rated.index][text.str.len() < 100] > 0).mean())
    assert short_posts.figure_with == pytest.approx(share)
    # Its link posts and hashtag posts are nearly the same posts, and it says so by both.
    notes = {r.id: r.overlap_note for r in results}
    assert "posts with more than two hashtags" in notes["has_link"]
    assert "posts with a link" in notes["many_hashtags"]
