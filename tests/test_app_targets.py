"""AppTest: targets set on the Analytics step, and the Review page that compares new exports.

The figures themselves are tested in tests/test_targets.py (recomputed with plain pandas);
here the pages must show what the domain computes, keep what the user set, and say so in
English and Swedish.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from conftest import new_app

from strategy.core.i18n import _, using
from strategy.core.library import library
from strategy.core.model import Strategy, Target, WhySection
from strategy.core.storage import dumps
from strategy.importers import import_file
from strategy.targets.baseline import baseline_for, set_baseline
from strategy.targets.measures import show
from strategy.targets.review import review
from ui.state import SESSION_KEY

ANALYTICS = "pages/wizard/analytics.py"
REVIEW = "pages/wizard/review.py"


def state(at):
    return at.session_state[SESSION_KEY]


def demo_analytics(language: str = "en"):
    at = new_app()
    at.run()
    if language != "en":
        at.radio(key="w:profile.language").set_value(language).run()
    at.button(key="demo_hr_team").click().run()
    at.switch_page(ANALYTICS).run()
    assert not at.exception
    return at


def test_a_target_is_set_from_the_baseline_shown_listed_and_removed():
    at = demo_analytics()
    assert at.subheader[-1].value == "Targets for your goals" or any(
        s.value == "Targets for your goals" for s in at.subheader
    )
    (stand,) = [m.value for m in at.markdown if m.value.startswith("**Where you stand:**")]
    assert "median interactions per follower" in stand and "156 posts" in stand
    value = at.number_input(key="w:target:value:linkedin:Northwind HR:interaction_rate:followers")
    value.set_value(2.5).run()
    at.button(key="target_set").click().run()
    assert not at.exception
    (target,) = state(at).strategy.targets.targets
    assert target.goal == "employer_brand" and target.measure == "interaction_rate"
    assert target.value == pytest.approx(0.025)
    assert target.baseline is not None and target.baseline.n == 156
    assert target.baseline.denominator == "followers"
    assert target.by is not None and target.by > dt.date.today()
    assert state(at).strategy.targets.snapshot is not None
    # Listed with its baseline and figure; the draft form is empty again.
    shown = " ".join(m.value for m in at.markdown)
    assert f"**Target: {show('interaction_rate', 0.025)} by" in shown
    assert "Baseline: 1\\.84% median interactions per follower" in shown
    at.button(key="target_remove_0").click().run()
    assert state(at).strategy.targets.targets == []


def test_targets_are_set_in_swedish_too():
    at = demo_analytics("sv")
    with using("sv"):
        heading, button = _("Targets for your goals"), _("Set this target")
    assert heading != "Targets for your goals"
    assert heading in [s.value for s in at.subheader]
    assert at.button(key="target_set").label == button
    # AppTest formats the page's select boxes outside the session, in the thread's language.
    with using("sv"):
        at.button(key="target_set").click().run()
    assert not at.exception
    assert len(state(at).strategy.targets.targets) == 1


def test_without_goals_the_page_says_where_to_pick_them():
    at = new_app()
    at.run()
    at.switch_page(ANALYTICS).run()
    assert not at.exception
    assert "Pick a goal on the Why step first: a target measures a goal." in [
        c.value for c in at.caption
    ]
    assert not [b for b in at.button if b.key == "target_set"]


def x_export(days: int = 60) -> bytes:
    """An X (legacy) export: one post a day, interactions rising over the period."""
    start = dt.datetime(2026, 1, 1, 9, 30)
    rows = []
    for i in range(days):
        interactions = 2 + i // 6
        rows.append(
            {
                "Tweet id": str(1000 + i),
                "Tweet permalink": f"https://x.com/a/status/{1000 + i}",
                "Tweet text": f"Post {i}",
                "time": (start + dt.timedelta(days=i)).strftime("%Y-%m-%d %H:%M +0000"),
                "impressions": "1000.0",
                "engagements": str(float(interactions + 3)),
                "engagement rate": "0.01",
                "retweets": "1.0",
                "replies": "0.0",
                "likes": str(float(interactions - 1)),
                "url clicks": "0.0",
                "follows": "0.0",
            }
        )
    buffer = io.StringIO()
    pd.DataFrame(rows).to_csv(buffer, index=False)
    return buffer.getvalue().encode()


def saved_with_target(data: bytes) -> tuple[bytes, Strategy]:
    """A strategy whose target's baseline rests on the export's first 30 days."""
    datasets = import_file("tweets.csv", data)
    s = Strategy(why=WhySection(goals=["personal_brand"]))
    target = Target(goal="personal_brand", measure="interaction_rate", account="", platform="x")
    account = datasets[0]
    draft = target.model_copy(update={"account": f"x:{account.account or ''}"})
    fig = baseline_for(
        datasets,
        draft,
        s,
        denominator="impressions",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 30),
    )
    assert fig.value is not None, fig.reason
    s.targets.targets = [draft.model_copy(update={"value": 0.006, "by": dt.date(2026, 6, 30)})]
    s = set_baseline(s, 0, fig, dt.date(2026, 1, 31))
    return dumps(s), s


def resumed(saved: bytes):
    at = new_app()
    at.run()
    at.file_uploader(key="resume_upload").upload("mine.json", saved, "application/json").run()
    assert not at.exception
    return at


def test_a_resumed_file_reviews_new_exports_as_the_domain_does():
    data = x_export()
    saved, s = saved_with_target(data)
    at = resumed(saved)
    assert any(p.label == "Review" for p in at.sidebar.get("page_link"))
    at.switch_page(REVIEW).run()
    assert not at.exception
    with using("en"):
        before = review(s, [], library("en")).targets[0]
    assert before.status == "too_little_data"
    assert f":gray-badge[{before.status_words}]" in [m.value for m in at.markdown]
    at.file_uploader(key="analytics_upload").upload("tweets.csv", data, "text/csv").run()
    assert not at.exception
    expected = review(s, import_file("tweets.csv", data), library("en")).targets[0]
    assert expected.status in ("on_track", "reached", "behind")
    assert expected.current is not None and expected.current.n == 30
    text = " ".join(m.value for m in at.markdown)
    colour = {"on_track": "blue", "reached": "green", "behind": "orange"}[expected.status]
    assert f":{colour}-badge[{expected.status_words}]" in text
    # "Now" rests on the 30 days after the baseline's, one post each, and says so.
    (now,) = [c.value for c in at.caption if c.value.startswith("31 Jan 2026")]
    assert now.endswith("30 posts")
    assert "1 Jan 2026 – 30 Jan 2026 · 30 posts" in [c.value for c in at.caption]
    assert "Nothing changed in channels or guidelines since" in " ".join(
        c.value for c in at.caption
    )


def test_an_old_file_without_targets_loads_and_the_review_says_how_to_set_them():
    at = resumed(dumps(Strategy(why=WhySection(goals=["personal_brand"]))))
    assert not any(p.label == "Review" for p in at.sidebar.get("page_link"))
    at.switch_page(REVIEW).run()
    assert not at.exception
    assert "no targets yet" in at.info[0].value


def test_a_published_median_of_the_same_rate_is_offered_and_taken_as_the_figure():
    at = demo_analytics()
    at.selectbox(key="w:target:per:linkedin:Northwind HR").set_value("impressions").run()
    (line,) = [c.value for c in at.caption if c.value.startswith("Published for comparison")]
    assert "per impression per post, median" in line and "SociaVault Labs 2026" in line
    at.button(key="target_use_0").click().run()
    field = at.number_input(key="w:target:value:linkedin:Northwind HR:interaction_rate:impressions")
    assert field.value == pytest.approx(3.87)
    # Per follower there is none: the page says why instead of making one up.
    at.selectbox(key="w:target:per:linkedin:Northwind HR").set_value("followers").run()
    assert not [c for c in at.caption if c.value.startswith("Published for comparison")]
    assert any("no published figure for LinkedIn per follower" in c.value for c in at.caption)


def test_the_review_page_speaks_swedish_for_a_swedish_file():
    data = x_export()
    saved, s = saved_with_target(data)
    swedish = s.model_copy(update={"profile": s.profile.model_copy(update={"language": "sv"})})
    at = resumed(dumps(swedish))
    at.switch_page(REVIEW).run()
    assert not at.exception
    with using("sv"):
        title, status = _("Review your strategy"), _("too little data to tell")
    assert at.title[0].value == title != "Review your strategy"
    assert f":gray-badge[{status}]" in [m.value for m in at.markdown]
