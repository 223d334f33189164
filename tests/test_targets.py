"""Targets per goal: baselines from exports, a review that compares, and what changed since.

The real-export tests set a baseline from the first half of an export's period and review it
with the second half; every figure is recomputed here with plain pandas from the raw CSV
(never through the importer), so a bug in the importer or the analysis cannot hide behind itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.cli import main
from strategy.core.i18n import using
from strategy.core.library import library
from strategy.core.model import (
    Baseline,
    ChannelChoice,
    ChannelsSection,
    GuidelineCard,
    GuidelinesSection,
    Strategy,
    Target,
    TargetsSection,
    WhySection,
)
from strategy.core.storage import StrategyFileError, dumps, loads
from strategy.demo.datasets import demo_datasets
from strategy.importers import import_file
from strategy.targets.baseline import baseline_for, choices, set_baseline
from strategy.targets.changes import changes_since, snapshot
from strategy.targets.measures import DAYS_PER_MONTH, MIN_RATED, describe, span
from strategy.targets.review import compare, review

REAL = os.environ.get("REAL_EXPORTS_DIR")
real_only = pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
DOWNLOADED = dt.date(2026, 2, 28)  # the TikTok exports' download day (they leave out years)
X_LEGACY, X_CONTENT = "TWITTER__dersuchendee", "X__FG-SC"
TT_FOLLOWERS = "TIKTOK__htupycollabs-spec__Analytics__FollowerHistory"
TT_OVERVIEW = "TIKTOK__htupycollabs-spec__Analytics__Overview"
META_DAILY = "META-PAGE-DAILY"


def path(prefix: str) -> Path:
    found = sorted(p for p in Path(REAL or ".").iterdir() if p.name.startswith(prefix))
    assert len(found) == 1, prefix
    return found[0]


def load(prefix: str) -> list:
    p = path(prefix)
    return import_file(p.name, p.read_bytes(), reference=DOWNLOADED)


# -- plain pandas: each raw file as (day, figures) rows -------------------------------------
def raw_x_legacy() -> pd.DataFrame:
    raw = pd.read_csv(path(X_LEGACY))
    day = pd.to_datetime(raw["time"], utc=True).dt.tz_convert(None).dt.floor("D")
    inter = raw["likes"] + raw["replies"] + raw["retweets"]
    return pd.DataFrame(
        {"day": day, "rate": inter / raw["impressions"].where(raw["impressions"] > 0)}
    )


def raw_x_content() -> pd.DataFrame:
    raw = pd.read_csv(path(X_CONTENT))
    day = pd.to_datetime(raw["Date"], format="%a %b %d %Y")
    inter = raw["Likes"] + raw["Replies"] + raw["Reposts"] + raw["Share"] + raw["Bookmarks"]
    return pd.DataFrame(
        {"day": day, "rate": inter / raw["Impressions"].where(raw["Impressions"] > 0)}
    )


def raw_x_legacy_replies() -> pd.DataFrame:
    raw = pd.read_csv(path(X_LEGACY))
    day = pd.to_datetime(raw["time"], utc=True).dt.tz_convert(None).dt.floor("D")
    return pd.DataFrame({"day": day, "replies": raw["replies"]})


def raw_x_content_replies() -> pd.DataFrame:
    raw = pd.read_csv(path(X_CONTENT))
    return pd.DataFrame(
        {"day": pd.to_datetime(raw["Date"], format="%a %b %d %Y"), "replies": raw["Replies"]}
    )


def raw_tiktok(name: str) -> pd.DataFrame:
    raw = pd.read_csv(path(name), encoding="utf-8-sig", na_values=["undefined"])
    # The dates carry no year: 365 days in a row, ending the day before the download.
    days = pd.date_range(end=pd.Timestamp(DOWNLOADED) - pd.Timedelta(days=1), periods=len(raw))
    assert list(raw["Date"]) == [f"{d:%B} {d.day}" for d in days]
    return raw.assign(day=days)


def raw_tiktok_followers() -> pd.DataFrame:
    raw = raw_tiktok(TT_FOLLOWERS)
    return pd.DataFrame({"day": raw["day"], "followers": raw["Followers"]})


def raw_tiktok_overview() -> pd.DataFrame:
    raw = raw_tiktok(TT_OVERVIEW)
    inter = raw["Likes"] + raw["Comments"] + raw["Shares"]
    views = raw["Video Views"]
    return pd.DataFrame({"day": raw["day"], "rate": inter / views.where(views > 0)})


def raw_meta_daily() -> pd.DataFrame:
    raw = pd.read_csv(path(META_DAILY), encoding="utf-16", skiprows=2)
    return pd.DataFrame(
        {"day": pd.to_datetime(raw["Date"]).dt.floor("D"), "gained": raw["Primary"]}
    )


# Each measure from a half's rows: (value, sample, first day, last day); the half's own first
# and last day are given, as a period's figures rest on all its days, posts or none.
Half = tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp]


def median_rate(half: Half) -> tuple:
    rows, first, last = half
    rates = rows["rate"].dropna()
    return float(rates.median()), len(rates), first, last


def reply_share(half: Half) -> tuple:
    rows, first, last = half
    counted = rows["replies"].dropna()
    return float((counted > 0).mean()), len(counted), first, last


def posts_per_week(half: Half) -> tuple:
    rows, first, last = half
    return len(rows) / ((last - first).days + 1) * 7, len(rows), first, last


def last_followers(half: Half) -> tuple:
    known = half[0].dropna(subset=["followers"])
    return (
        float(known["followers"].iloc[-1]),
        len(known),
        known["day"].iloc[0],
        known["day"].iloc[-1],
    )


def history_growth(half: Half) -> tuple:
    known = half[0].dropna(subset=["followers"])
    first, last = known["day"].iloc[0], known["day"].iloc[-1]
    change = float(known["followers"].iloc[-1] - known["followers"].iloc[0])
    return change / (last - first).days * DAYS_PER_MONTH, len(known), first, last


def gains_growth(half: Half) -> tuple:
    rows = half[0].dropna(subset=["gained"])
    first, last = rows["day"].iloc[0], rows["day"].iloc[-1]
    per_day = float(rows["gained"].sum()) / ((last - first).days + 1)
    return per_day * DAYS_PER_MONTH, len(rows), first, last


CASES: list[tuple[str, str, str, Callable[[], pd.DataFrame], Callable[[Half], tuple]]] = [
    (X_LEGACY, "x:ADHOrg", "interaction_rate", raw_x_legacy, median_rate),
    (X_LEGACY, "x:ADHOrg", "posts_per_week", raw_x_legacy, posts_per_week),
    (X_CONTENT, "x:Wormhole_BR", "interaction_rate", raw_x_content, median_rate),
    (X_CONTENT, "x:Wormhole_BR", "posts_per_week", raw_x_content, posts_per_week),
    (X_LEGACY, "x:ADHOrg", "reply_share", raw_x_legacy_replies, reply_share),
    (X_CONTENT, "x:Wormhole_BR", "reply_share", raw_x_content_replies, reply_share),
    (TT_FOLLOWERS, "tiktok:TikTok account", "followers", raw_tiktok_followers, last_followers),
    (
        TT_FOLLOWERS,
        "tiktok:TikTok account",
        "follower_growth",
        raw_tiktok_followers,
        history_growth,
    ),
    (TT_OVERVIEW, "tiktok:TikTok account", "interaction_rate", raw_tiktok_overview, median_rate),
    (META_DAILY, "facebook:Facebook account", "follower_growth", raw_meta_daily, gains_growth),
]


def halves(raw: pd.DataFrame) -> tuple[Half, Half, dt.date]:
    """The raw rows split at the middle day of the file's period (that day in the first half)."""
    start, end = raw["day"].min(), raw["day"].max()
    mid = start + pd.Timedelta(days=(end - start).days // 2)
    first = raw[raw["day"] <= mid]
    second = raw[raw["day"] > mid]
    return (first, start, mid), (second, mid + pd.Timedelta(days=1), end), mid.date()


def strategy_with(target: Target) -> Strategy:
    return Strategy(why=WhySection(goals=[target.goal]), targets=TargetsSection(targets=[target]))


def as_figures(fig) -> tuple:
    return fig.value, fig.n, fig.start, fig.end


def expected(values: tuple) -> tuple:
    value, n, first, last = values
    return pytest.approx(value, rel=1e-9), n, first.date(), last.date()


@real_only
@pytest.mark.parametrize(
    ("prefix", "account", "measure", "raw", "compute"),
    CASES,
    ids=[f"{c[0].split('__')[0]}-{c[2]}" for c in CASES],
)
def test_a_baseline_from_the_first_half_is_reviewed_with_the_second(
    prefix, account, measure, raw, compute
):
    datasets = load(prefix)
    first, second, mid = halves(raw())
    platform = account.partition(":")[0]
    target = Target(goal="employer_brand", measure=measure, account=account, platform=platform)
    s = strategy_with(target)
    fig = baseline_for(datasets, target, s, end=mid)
    assert as_figures(fig) == expected(compute(first)), fig.reason
    assert fig.enough and fig.account == account
    # A target above both halves' figures, due on the second half's last day.
    goal = 3 * max(abs(fig.value or 0), abs(compute(second)[0])) + 1
    s.targets.targets[0] = target.model_copy(update={"value": goal, "by": second[2].date()})
    saved = loads(dumps(set_baseline(s, 0, fig, dt.date(2026, 3, 1))))
    b = saved.targets.targets[0].baseline
    assert b is not None and (b.value, b.n, b.start, b.end) == as_figures(fig)
    (result,) = review(saved, datasets).targets
    assert result.current is not None
    assert as_figures(result.current) == expected(compute(second)), result.current.reason
    # The second half ends on the target's day without reaching it: behind, never on track.
    assert result.status == "behind"


@real_only
def test_review_json_on_the_command_line_prints_baseline_now_target_status_and_sample(
    tmp_path, capsys
):
    datasets = load(X_LEGACY)
    first, second, mid = halves(raw_x_legacy())
    target = Target(
        goal="employer_brand",
        measure="interaction_rate",
        account="x:ADHOrg",
        platform="x",
        value=0.0035,  # between the halves' medians (0.33 % and 0.37 %)
        by=dt.date(2021, 6, 30),
    )
    s = strategy_with(target)
    s = set_baseline(s, 0, baseline_for(datasets, target, s, end=mid), dt.date(2021, 4, 16))
    saved = tmp_path / "my-strategy.json"
    saved.write_bytes(dumps(s))
    assert main(["review", str(saved), str(path(X_LEGACY)), "--json"]) == 0
    (out,) = json.loads(capsys.readouterr().out)["targets"]
    value, n, start, end = median_rate(first)
    assert out["baseline"] == {
        "value": pytest.approx(value, rel=1e-9),
        "start": start.date().isoformat(),
        "end": end.date().isoformat(),
        "sample": n,
        "sample_unit": "post",
        "counted": "interactions",
        "denominator": "impressions",
    }
    value, n, start, end = median_rate(second)
    assert out["current"]["value"] == pytest.approx(value, rel=1e-9)
    assert out["current"]["sample"] == n and out["current"]["start"] == start.date().isoformat()
    assert out["target"] == 0.0035 and out["by"] == "2021-06-30"
    assert median_rate(first)[0] < 0.0035 <= value and out["status"] == "reached"
    assert main(["review", str(saved), str(path(X_LEGACY))]) == 0
    assert "reached" in capsys.readouterr().out


# -- without real exports: the built-in demo and a small made-up export ---------------------
def demo() -> list:
    return demo_datasets()


def demo_choice(measure: str):
    return next(c for c in choices(demo(), Strategy()) if measure in c.measures)


@pytest.mark.parametrize(
    "measure", ["interaction_rate", "followers", "follower_growth", "posts_per_week"]
)
def test_the_demo_offers_each_measure_and_its_baseline_rests_on_a_period_and_a_sample(measure):
    c = demo_choice(measure)
    target = Target(goal="employer_brand", measure=measure, account=c.account, platform=c.platform)
    fig = baseline_for(demo(), target, Strategy())
    assert fig.value is not None and fig.enough and fig.n > 0
    words = describe(fig)
    assert str(fig.n) in words and "too little" not in words
    assert c.start is not None and c.end is not None
    assert fig.start is not None and fig.end is not None
    assert c.start <= fig.start <= fig.end <= c.end
    if measure == "interaction_rate":
        assert fig.denominator == c.denominators[0] and fig.counted == "interactions"


def test_a_rate_baseline_is_the_analytics_steps_median_over_the_same_posts():
    from strategy.analytics import analyze

    c = demo_choice("interaction_rate")
    target = Target(goal="g", measure="interaction_rate", account=c.account, platform=c.platform)
    fig = baseline_for(demo(), target, Strategy())
    account = analyze(demo()).account(c.account)
    assert account is not None
    summary = account.rate_summary()
    assert fig.value == summary["median"]
    assert fig.n == summary.get("rated_posts", summary.get("rated_days"))


def test_a_few_days_are_too_little_data_to_tell():
    c = demo_choice("interaction_rate")
    assert c.start is not None
    target = Target(
        goal="g",
        measure="interaction_rate",
        account=c.account,
        platform=c.platform,
        value=1.0,
        by=dt.date(2030, 1, 1),
    )
    s = strategy_with(target)
    fig = baseline_for(demo(), target, s, end=c.start + dt.timedelta(days=2))
    assert fig.n < MIN_RATED and not fig.enough and "at least" in fig.reason
    assert "too little data to compare" in describe(fig)
    with using("sv"):
        assert "för lite data" in describe(fig)
    (result,) = review(set_baseline(s, 0, fig, dt.date(2026, 1, 1)), demo()).targets
    assert result.status == "too_little_data" and result.reason.startswith("baseline:")


def test_nothing_after_the_baseline_is_too_little_data_and_a_target_without_one_is_not_set():
    c = demo_choice("posts_per_week")
    target = Target(
        goal="g",
        measure="posts_per_week",
        account=c.account,
        platform=c.platform,
        value=9.0,
        by=dt.date(2030, 1, 1),
    )
    s = strategy_with(target)
    s = set_baseline(s, 0, baseline_for(demo(), target, s), dt.date(2026, 1, 1))
    s.targets.targets.append(Target(goal="g", measure="followers", account="x:a", platform="x"))
    s.why.goals = []  # the goal was dropped since: the review says so
    first, second = review(s, demo()).targets
    assert first.status == "too_little_data" and "now:" in first.reason
    assert second.status == "not_set" and second.current is None
    assert second.to_json()["baseline"] is None and not second.to_json()["goal_chosen"]


def test_an_account_is_found_by_network_when_its_default_name_is_in_another_language():
    c = demo_choice("posts_per_week")
    target = Target(
        goal="g",
        measure="posts_per_week",
        account=f"{c.platform}:{c.platform.upper()}-konto",
        platform=c.platform,
    )
    same = [x for x in choices(demo(), Strategy()) if x.platform == c.platform]
    fig = baseline_for(demo(), target, Strategy())
    if len(same) == 1:
        assert fig.value is not None and fig.account == c.account
    else:  # two accounts on the network: never a guess
        assert fig.value is None and fig.reason


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_review_says_what_changed_since_the_baselines_in_both_languages(lang):
    s = Strategy(
        channels=ChannelsSection(
            chosen=[ChannelChoice(channel="linkedin"), ChannelChoice(channel="instagram")]
        ),
        guidelines=GuidelinesSection(
            cards=[
                GuidelineCard(channel="linkedin", tone="Warm"),
                GuidelineCard(channel="instagram"),
            ]
        ),
    )
    s.targets.snapshot = snapshot(s, dt.date(2026, 1, 15))
    assert changes_since(s) == []
    s.channels.chosen = [ChannelChoice(channel="linkedin"), ChannelChoice(channel="tiktok")]
    s.guidelines.cards[0] = GuidelineCard(channel="linkedin", tone="Dry", call_to_action="Apply")
    saved = loads(dumps(s))
    with using(lang):
        changes = changes_since(saved, library(lang))
        words = [c.words for c in changes]
    assert [(c.kind, c.channel) for c in changes] == [
        ("channel_added", "tiktok"),
        ("channel_dropped", "instagram"),
        ("card_edited", "linkedin"),
    ]
    assert changes[2].fields == ("tone", "call_to_action")
    assert "TikTok" in words[0] and "LinkedIn" in words[2]
    if lang == "sv":
        assert "lagts till" in words[0] and "januari" in words[0]
    else:
        assert "was added" in words[0] and "January" in words[0]


def x_legacy(rows: list[tuple[str, int, int]]) -> bytes:
    """A legacy X export: one tweet per (time, impressions, likes)."""
    head = "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,retweets,replies,likes"
    lines = [head] + [
        f"{i + 1},https://x.com/acme/status/{i + 1},Post {i},{when},{seen},{liked},0,0,{liked}"
        for i, (when, seen, liked) in enumerate(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_review_on_the_command_line_with_a_made_up_export(tmp_path, capsys):
    start = dt.datetime(2025, 3, 1, 9, 0)
    rows = [
        ((start + dt.timedelta(days=i)).strftime("%Y-%m-%d %H:%M +0000"), 1000, 10 + (i >= 20) * 20)
        for i in range(40)
    ]
    export = tmp_path / "tweet_activity_metrics_acme_20250301_20250409_en.csv"
    export.write_bytes(x_legacy(rows))
    datasets = import_file(export.name, export.read_bytes())
    target = Target(
        goal="new_job",
        measure="interaction_rate",
        account="x:acme",
        platform="x",
        value=0.025,
        by=dt.date(2025, 5, 31),
    )
    s = strategy_with(target)
    fig = baseline_for(datasets, target, s, end=dt.date(2025, 3, 20))
    assert (fig.value, fig.n, fig.denominator) == (0.01, 20, "impressions")
    saved = tmp_path / "s.json"
    saved.write_bytes(dumps(set_baseline(s, 0, fig, dt.date(2025, 3, 21))))
    assert main(["review", str(saved), str(export), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (out,) = doc["targets"]
    assert out["current"]["value"] == 0.03 and out["current"]["sample"] == 20
    assert out["status"] == "reached" and doc["changes"] == []
    assert main(["review", str(saved), str(export)]) == 0
    text = capsys.readouterr().out
    assert "acme (X)" in text and "1.00%" in text and "3.00%" in text and "reached" in text


def test_review_in_swedish_speaks_swedish(tmp_path, capsys):
    s = Strategy.model_validate({"profile": {"language": "sv"}})
    s.targets.targets = [Target(goal="new_job", measure="followers", account="x:a", platform="x")]
    saved = tmp_path / "s.json"
    saved.write_bytes(dumps(s))
    export = tmp_path / "tweet_activity_metrics_a_20250301_20250309_en.csv"
    export.write_bytes(x_legacy([("2025-03-01 09:00 +0000", 100, 1)]))
    assert main(["review", str(saved), str(export)]) == 0
    assert "inget utgångsläge" in capsys.readouterr().out


def test_a_strategy_without_targets_reviews_to_nothing_and_an_old_file_loads():
    old = Path(__file__).parent / "data" / "saved_v2.json"
    s = loads(old.read_bytes(), name=old.name)
    assert s.targets.targets == [] and s.targets.snapshot is None
    result = review(s, demo())
    assert result.to_json() == {"targets": [], "changes_since": None, "changes": []}


@pytest.mark.parametrize(
    ("baseline", "problem"),
    [
        ({"value": 1, "start": "2025-02-01", "end": "2025-01-01", "n": 3}, "end cannot come"),
        ({"value": 1e300, "start": "2025-01-01", "end": "2025-01-01", "n": 3}, "value"),
        ({"value": 1, "start": "2025-01-01", "end": "2025-01-02", "n": -1}, "n"),
        (
            {"value": 1, "start": "2025-01-01", "end": "2025-01-02", "n": 1, "denominator": "x"},
            "denominator",
        ),
    ],
)
def test_a_saved_baseline_that_makes_no_sense_is_refused_with_its_field(baseline, problem):
    target = {"goal": "g", "measure": "followers", "account": "x:a", "platform": "x"}
    doc = {"schema_version": 3, "targets": {"targets": [target | {"baseline": baseline}]}}
    with pytest.raises(StrategyFileError) as refused:
        loads(json.dumps(doc))
    assert "targets.targets.0.baseline" in str(refused.value)
    assert problem in str(refused.value)


# -- properties -----------------------------------------------------------------------------
figures = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
days = st.integers(min_value=0, max_value=800)


@settings(max_examples=200, deadline=None)
@given(baseline=figures, now=figures, target=figures, elapsed=days, total=days)
def test_a_target_below_the_baseline_mirrors_one_above(baseline, now, target, elapsed, total):
    day = dt.date(2025, 1, 1)
    up = compare(baseline, day, now, day + dt.timedelta(elapsed), target, day + dt.timedelta(total))
    down = compare(
        -baseline, day, -now, day + dt.timedelta(elapsed), -target, day + dt.timedelta(total)
    )
    if target != baseline:  # a target equal to the baseline is "up" both ways
        assert up[0] == down[0]
    assert up[0] in ("reached", "on_track", "behind")
    if (now - target) * (1 if target >= baseline else -1) >= 0:
        assert up == ("reached", None)
    if elapsed >= total and up[0] != "reached":
        assert up[0] == "behind"  # past the day and not there: behind, whatever the line


@settings(max_examples=100, deadline=None)
@given(
    value=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    start=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    length=st.integers(min_value=0, max_value=3000),
    n=st.integers(min_value=0, max_value=10**6),
)
def test_a_baseline_survives_saving_and_loading(value, start, length, n):
    baseline = Baseline(value=value, start=start, end=start + dt.timedelta(length), n=n)
    target = Target(goal="g", measure="followers", account="x:a", platform="x", baseline=baseline)
    s = strategy_with(target)
    assert loads(dumps(s)) == s


def test_span_of_the_demo_is_its_first_and_last_day():
    got = span(demo())
    assert got is not None and got[0] < got[1]


def test_a_figure_no_file_can_hold_is_none_with_its_reason(tmp_path):
    rows = [(f"2025-03-{d:02d} 09:00 +0000", 1, 10**13) for d in range(1, 29)]
    export = tmp_path / "tweet_activity_metrics_acme_20250301_20250328_en.csv"
    datasets = import_file(export.name, x_legacy(rows))
    target = Target(goal="g", measure="interaction_rate", account="x:acme", platform="x")
    fig = baseline_for(datasets, target, Strategy())
    assert fig.value is None and "out of range" in fig.reason and not fig.enough
    with pytest.raises(ValueError, match="out of range"):
        fig.baseline()


def test_the_strategys_denominator_is_taken_where_the_account_has_it_an_asked_one_always(tmp_path):
    rows = [(f"2025-03-{d:02d} 09:00 +0000", 1000, 10) for d in range(1, 29)]
    export = tmp_path / "tweet_activity_metrics_acme_20250301_20250328_en.csv"
    datasets = import_file(export.name, x_legacy(rows))
    s = Strategy.model_validate({"analytics": {"denominator": "followers"}})
    target = Target(goal="g", measure="interaction_rate", account="x:acme", platform="x")
    fig = baseline_for(datasets, target, s)
    assert (fig.value, fig.denominator, fig.n) == (0.01, "impressions", 28)
    asked = baseline_for(datasets, target, s, denominator="followers")
    assert asked.value is None and "per follower" in asked.reason


def test_a_median_of_zero_says_it_can_hardly_show_a_change(tmp_path):
    rows = [(f"2025-03-{d:02d} 09:00 +0000", 1000, 10 * (d % 3 == 0)) for d in range(1, 29)]
    export = tmp_path / "tweet_activity_metrics_acme_20250301_20250328_en.csv"
    datasets = import_file(export.name, x_legacy(rows))
    target = Target(goal="g", measure="interaction_rate", account="x:acme", platform="x")
    fig = baseline_for(datasets, target, Strategy())
    assert fig.value == 0 and fig.enough and "median of 0" in describe(fig)


@pytest.mark.parametrize(
    ("denominator", "offered"),
    [("impressions", [("SociaVault Labs", 0.0387)]), ("followers", []), ("reach", [])],
)
def test_only_a_published_median_of_the_same_rate_and_size_is_suggested(denominator, offered):
    from strategy.targets.suggest import suggestions

    datasets, s = demo(), Strategy(why=WhySection(goals=["employer_brand"]))
    account = next(c for c in choices(datasets, s) if c.account == "linkedin:Northwind HR")
    target = Target(
        goal="employer_brand",
        measure="interaction_rate",
        account=account.account,
        platform=account.platform,
    )
    found = suggestions(datasets, target, s, denominator)
    assert [(b.source, b.value) for b in found.figures] == offered
    assert all(b.statistic == "median" and b.denominator == denominator for b in found.figures)
    assert bool(found.note) == (not offered)  # none offered: the reason is given
    followers = target.model_copy(update={"measure": "followers"})
    assert suggestions(datasets, followers, s).figures == []
