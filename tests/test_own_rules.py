"""Rules of the user's own: which posts each part picks, the rule in words, its test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from strategy.folk_rules import test_rules as run_rules
from strategy.i18n import using
from strategy.model import OwnRule, RuleCondition, Strategy
from strategy.own_rules import condition_mask, describe, group_label, rule_mask

POSTS = pd.DataFrame({
    "text": ["Join our #webinar today", "New job: apply https://x.example", "#hrtech news",
             "Summer party 🎉", "A" * 150, None],
    "date": pd.to_datetime(["2025-03-03 08:00", "2025-03-03 10:30", "2025-03-05 13:00",
                            "2025-03-08 22:30", "2025-03-09 09:00", "2025-03-20 17:00"]),
    "hour": [8.0, 10.0, 13.0, 22.0, np.nan, 17.0],
    "post_type": ["Video", "Link", "Photos", "Reels", None, "Status"],
})  # fmt: skip
NAN = np.nan


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        (RuleCondition(kind="contains", words="webinar"), [1, 0, 0, 0, 0, 0]),
        (RuleCondition(kind="contains", words="#hr, 🎉"), [0, 0, 0, 1, 0, 0]),  # not "#hrtech"
        (RuleCondition(kind="contains", words="JOB"), [0, 1, 0, 0, 0, 0]),  # any case
        (RuleCondition(kind="post_type", words="video, reel"), [1, 0, 0, 1, NAN, 0]),
        (RuleCondition(kind="has_media"), [1, 0, 1, 1, NAN, 0]),
        (RuleCondition(kind="weekday", weekdays=[5, 6]), [0, 0, 0, 1, 1, 0]),
        (RuleCondition(kind="hours", start_hour=8, end_hour=11), [1, 1, 0, 0, NAN, 0]),
        (RuleCondition(kind="hours", start_hour=22, end_hour=2), [0, 0, 0, 1, NAN, 0]),
        (RuleCondition(kind="shorter_than", number=20), [0, 0, 1, 1, 0, 1]),
        (RuleCondition(kind="longer_than", number=100), [0, 0, 0, 0, 1, 0]),
        (RuleCondition(kind="has_link"), [0, 1, 0, 0, 0, 0]),
        (RuleCondition(kind="has_link", negate=True), [1, 0, 1, 1, 1, 1]),
        (RuleCondition(kind="near_another", number=3), [1, 1, 0, 0, NAN, 0]),
        (RuleCondition(kind="near_another", number=48), [1, 1, 0, 1, 1, 0]),
    ],
    ids=lambda v: v.kind if isinstance(v, RuleCondition) else "",
)
def test_each_part_picks_its_posts_and_cannot_tell_where_the_export_lacks_it(cond, expected):
    got = condition_mask(cond, POSTS).to_numpy(float)
    np.testing.assert_array_equal(got, np.array(expected, float))


def test_a_rule_needs_every_part_and_a_missed_part_outweighs_an_unknown_one():
    rule = OwnRule(
        name="Morning media",
        conditions=[
            RuleCondition(kind="has_media"),
            RuleCondition(kind="hours", start_hour=6, end_hour=12),
        ],
    )
    np.testing.assert_array_equal(rule_mask(rule, POSTS).to_numpy(float),
                                  [1, 0, 0, 0, NAN, 0])  # fmt: skip


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        ({"kind": "contains", "words": " , "}, "at least one word"),
        ({"kind": "weekday"}, "at least one weekday"),
        ({"kind": "hours", "start_hour": 9, "end_hour": 9}, "another hour"),
        ({"kind": "hours", "start_hour": 0, "end_hour": 24}, "another hour"),
        ({"kind": "near_another", "number": 400}, "at most 336 hours"),
        ({"kind": "shorter_than", "number": 0}, "greater than or equal to 1"),
    ],
)
def test_an_incomplete_part_is_refused_saying_what_to_fix(cond, message):
    with pytest.raises(ValidationError, match=message):
        RuleCondition.model_validate(cond)


def test_the_refusal_is_in_the_strategy_language():
    with using("sv"), pytest.raises(ValidationError, match="veckodag"):
        RuleCondition(kind="weekday")


def test_rules_read_in_words_in_both_languages():
    rule = OwnRule(
        name="x",
        conditions=[
            RuleCondition(kind="contains", words="webinar, #event"),
            RuleCondition(kind="hours", start_hour=8, end_hour=11),
        ],
    )
    assert group_label(rule) == "posts containing “webinar” or “#event” and published 08:00–11:00"
    with using("sv"):
        assert group_label(rule) == ("inlägg som innehåller “webinar” eller “#event” och "
                                     "publicerade 08:00–11:00")  # fmt: skip
        assert describe(RuleCondition(kind="has_link", negate=True)) == "utan länk"


def _posts(n=200, effect=1.0, seed=0):
    rng = np.random.default_rng(seed)
    webinar = rng.random(n) < 0.4
    return pd.DataFrame({
        "text": np.where(webinar, "Join our webinar", "News from the team " * 6),
        "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 4000, n), unit="h"),
        "rate": 0.02 * rng.lognormal(0, 0.3, n) * np.where(webinar, effect, 1.0),
    })  # fmt: skip


WEBINAR = OwnRule(name="Webinar posts do better",
                  conditions=[RuleCondition(kind="contains", words="webinar")])  # fmt: skip


def test_an_own_rule_is_tested_in_the_same_family_as_the_folk_rules():
    results = run_rules(_posts(effect=1.6), own=[WEBINAR])
    mine = results[-1]
    assert mine.id == "own_1" and mine.own and mine.rule == "Webinar posts do better"
    assert mine.outcome == "first" and mine.with_label == "posts containing “webinar”"
    assert mine.tested == len([r for r in results if r.p_value is not None])
    plain = run_rules(_posts(effect=1.6))
    assert len(results) == len(plain) + 1


def test_an_own_rule_on_posts_without_what_it_needs_is_not_applicable():
    typed = OwnRule(name="Video", conditions=[RuleCondition(kind="post_type", words="video")])
    (mine,) = [r for r in run_rules(_posts(), own=[typed]) if r.own]
    assert mine.outcome == "not_applicable" and "names no post type" in mine.verdict


def test_own_rules_are_saved_and_resumed_with_the_strategy():
    s = Strategy()
    s.analytics.own_rules = [WEBINAR]
    again = Strategy.model_validate_json(s.model_dump_json())
    assert again.analytics.own_rules == [WEBINAR]
    old = Strategy.model_validate({"schema_version": 1, "analytics": {"notes": "x"}})
    assert old.analytics.own_rules == []  # a file saved before own rules still loads


def test_figures_with_an_own_rule_are_never_shared_between_sessions():
    from strategy.analysis import Options
    from strategy.demo import demo_datasets, demo_only

    demo = demo_datasets()
    assert demo_only((demo, Options()))
    assert not demo_only((demo, Options(own_rules=(WEBINAR,))))
