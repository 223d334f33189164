"""Rules of the user's own: which posts each part picks, the rule in words, its test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from strategy.analytics.folk_rules import test_rules as run_rules
from strategy.analytics.own_rules import condition_mask, describe, group_label, rule_mask
from strategy.core.i18n import using
from strategy.core.model import OwnRule, RuleCondition, Strategy

POSTS = pd.DataFrame(
    {
        "text": [
            "Join our #webinar today",
            "New job: apply https://x.example",
            "#hrtech news",
            "Summer party 🎉",
            "A" * 150,
            None,
        ],
        "date": pd.to_datetime(
            [
                "2025-03-03 08:00",
                "2025-03-03 10:30",
                "2025-03-05 13:00",
                "2025-03-08 22:30",
                "2025-03-09 09:00",
                "2025-03-20 17:00",
            ]
        ),
        "hour": [8.0, 10.0, 13.0, 22.0, np.nan, 17.0],
        "post_type": ["Video", "Link", "Photos", "Reels", None, "Status"],
    }
)
NAN = np.nan


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        (RuleCondition(kind="contains", words="webinar"), [1, 0, 0, 0, 0, NAN]),
        (RuleCondition(kind="contains", words="#hr, 🎉"), [0, 0, 0, 1, 0, NAN]),  # not "#hrtech"
        (RuleCondition(kind="contains", words="JOB"), [0, 1, 0, 0, 0, NAN]),  # any case
        (RuleCondition(kind="post_type", words="video, reel"), [1, 0, 0, 1, NAN, 0]),
        (RuleCondition(kind="has_media"), [1, 0, 1, 1, NAN, 0]),
        (RuleCondition(kind="weekday", weekdays=[5, 6]), [0, 0, 0, 1, 1, 0]),
        (RuleCondition(kind="hours", start_hour=8, end_hour=11), [1, 1, 0, 0, NAN, 0]),
        (RuleCondition(kind="hours", start_hour=22, end_hour=2), [0, 0, 0, 1, NAN, 0]),
        (RuleCondition(kind="shorter_than", number=20), [0, 0, 1, 1, 0, NAN]),
        (RuleCondition(kind="longer_than", number=100), [0, 0, 0, 0, 1, NAN]),
        (RuleCondition(kind="has_link"), [0, 1, 0, 0, 0, NAN]),
        (RuleCondition(kind="has_link", negate=True), [1, 0, 1, 1, 1, NAN]),  # no text: unknown
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
    np.testing.assert_array_equal(rule_mask(rule, POSTS).to_numpy(float), [1, 0, 0, 0, NAN, 0])


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        ({"kind": "contains", "words": " , "}, "at least one word"),
        ({"kind": "weekday"}, "at least one weekday"),
        ({"kind": "hours", "start_hour": 9, "end_hour": 9}, "another hour"),
        ({"kind": "hours", "start_hour": 0, "end_hour": 24}, "whole day"),
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
        assert group_label(rule) == (
            "inlägg som innehåller ”webinar” eller ”#event” och publicerade 08:00–11:00"
        )
        assert describe(RuleCondition(kind="has_link", negate=True)) == "utan länk"


def _posts(n=200, effect=1.0, seed=0):
    rng = np.random.default_rng(seed)
    webinar = rng.random(n) < 0.4
    return pd.DataFrame(
        {
            "text": np.where(webinar, "Join our webinar", "News from the team " * 6),
            "date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 4000, n), unit="h"),
            "rate": 0.02 * rng.lognormal(0, 0.3, n) * np.where(webinar, effect, 1.0),
        }
    )


WEBINAR = OwnRule(
    name="Webinar posts do better", conditions=[RuleCondition(kind="contains", words="webinar")]
)


def test_an_own_rule_is_tested_in_the_same_family_as_the_folk_rules():
    results = run_rules(_posts(effect=1.6), own=[WEBINAR])
    mine = results[-1]
    assert mine.id == "own_1" and mine.own and mine.rule == "Webinar posts do better"
    assert mine.outcome == "first" and mine.with_label == "posts containing “webinar”"
    assert mine.tested == len([r for r in results if r.p_value is not None])
    plain = run_rules(_posts(effect=1.6))
    assert len(results) == len(plain) + 1


def test_own_rules_are_saved_and_resumed_with_the_strategy():
    s = Strategy()
    s.analytics.own_rules = [WEBINAR]
    again = Strategy.model_validate_json(s.model_dump_json())
    assert again.analytics.own_rules == [WEBINAR]
    from strategy.core.storage import loads

    old = loads(b'{"schema_version": 1, "analytics": {"notes": "x"}}')
    assert old.analytics.own_rules == []  # a file saved before own rules still loads


def test_figures_with_an_own_rule_are_never_shared_between_sessions():
    from strategy.analytics import Options
    from strategy.demo.datasets import demo_datasets, demo_only

    demo = demo_datasets()
    assert demo_only((demo, Options()))
    assert not demo_only((demo, Options(own_rules=(WEBINAR,))))


@pytest.mark.parametrize(
    ("words", "text", "hit"),
    [
        ("c++", "I write c++ daily", 1),
        (".*", "anything at all", 0),  # a sign is a sign, not a pattern
        ("a|b", "choose a|b here", 1),
        ("café", "cafe\u0301 opening", 1),  # the same word, composed differently
        ("ÅRETS", "årets bästa", 1),
        ("live", "Olive oil", 0),
        ("👨‍👩‍👧", "our family 👨‍👩‍👧 day", 1),
    ],
)
def test_words_are_matched_as_written_whatever_signs_case_or_composition(words, text, hit):
    posts = pd.DataFrame({"text": [text], "date": pd.to_datetime(["2025-01-01"])})
    got = condition_mask(RuleCondition(kind="contains", words=words), posts).tolist()
    assert got == [float(hit)]


def test_links_in_capitals_are_links_and_types_match_whole_words():
    posts = pd.DataFrame(
        {
            "text": ["See HTTPS://EXAMPLE.COM", "WWW.EXAMPLE.ORG", "plain"],
            "date": pd.to_datetime(["2025-01-01"] * 3),
            "post_type": ["Shortlink", "Photos", "Bilder"],
        }
    )
    assert condition_mask(RuleCondition(kind="has_link"), posts).tolist() == [1, 1, 0]
    assert condition_mask(RuleCondition(kind="has_media"), posts).tolist() == [0, 1, 1]


def test_a_rule_whose_part_the_export_lacks_cannot_be_tested_rather_than_too_few():
    posts = _posts()
    posts.loc[::2, "text"] += " https://x.example"
    rule = OwnRule(
        name="Video links",
        conditions=[RuleCondition(kind="post_type", words="video"), RuleCondition(kind="has_link")],
    )
    (mine,) = [r for r in run_rules(posts, own=[rule]) if r.own]
    assert mine.outcome == "not_applicable" and "names no post type" in mine.verdict
    no_text = posts.assign(text=None)
    words = OwnRule(name="W", conditions=[RuleCondition(kind="contains", words="webinar")])
    (mine,) = [r for r in run_rules(no_text, own=[words]) if r.own]
    assert mine.outcome == "not_applicable" and "no post texts" in mine.verdict


def test_near_another_works_by_position_and_ignores_date_only_neighbours():
    posts = pd.DataFrame(
        {
            "text": ["a", "b", "c"],
            "date": pd.to_datetime(["2025-01-01 01:00", "2025-01-01 00:00", "2025-01-01 02:00"]),
            "hour": [1.0, np.nan, 2.0],  # the second has a date only
        },
        index=[1, 1, 2],
    )
    got = condition_mask(RuleCondition(kind="near_another", number=3), posts).tolist()
    assert got[0] == 1.0 and np.isnan(got[1]) and got[2] == 1.0
    alone = posts.assign(
        date=pd.to_datetime(["2025-01-01 01:00", "2025-01-01 00:00", "2025-01-03 02:00"])
    )
    got = condition_mask(RuleCondition(kind="near_another", number=3), alone).tolist()
    assert got[0] == 0.0 and got[2] == 0.0  # the date-only post is no neighbour at 01:00


@pytest.mark.parametrize("name", ["   ", "\u200b", "\x00\x01"])
def test_a_blank_or_invisible_name_is_refused_by_the_form_and_the_file(name):
    from strategy.analytics.own_rules import make_rule
    from strategy.core.storage import StrategyFileError, loads

    rule, problems = make_rule(name, [{"kind": "has_link"}])
    assert rule is None and problems
    doc = {
        "schema_version": 1,
        "analytics": {"own_rules": [{"name": name, "conditions": [{"kind": "has_link"}]}]},
    }
    with pytest.raises(StrategyFileError) as info:
        loads(__import__("json").dumps(doc).encode())
    assert "name" in str(info.value.problems[0])


def test_a_file_gets_the_validators_words_without_pydantic_prefix_and_strict_types():
    import json

    from strategy.core.storage import StrategyFileError, loads

    def problem(cond: dict) -> str:
        rule = {"name": "x", "conditions": [cond]}
        doc = {"schema_version": 1, "analytics": {"own_rules": [rule]}}
        with pytest.raises(StrategyFileError) as info:
            loads(json.dumps(doc).encode())
        return str(info.value.problems[0])

    assert problem({"kind": "weekday"}).endswith(": Pick at least one weekday.")
    for bad in (
        {"kind": "weekday", "weekdays": [True]},
        {"kind": "weekday", "weekdays": ["3"]},
        {"kind": "has_link", "negate": "yes"},
        {"kind": "shorter_than", "number": 2.5},
    ):
        assert "own_rules.0.conditions.0" in problem(bad)
    assert RuleCondition(kind="weekday", weekdays=[1, 1, 3]).weekdays == [1, 3]


def test_make_rule_never_raises_it_says_what_to_fix():
    from strategy.analytics.own_rules import make_rule

    rule, problems = make_rule("x" * 201, [{"kind": "has_link"}])
    assert rule is None and "200" in problems[0]
    rule, problems = make_rule("n", [{"kind": "has_link"}] * 4)
    assert rule is None and "conditions" in problems[0]


def test_a_rule_each_post_lacks_one_part_of_cannot_be_tested_and_says_what_is_missing():
    from strategy.analytics.own_rules import split

    posts = pd.DataFrame(
        {
            "text": ["see http://x.example", None],
            "date": pd.to_datetime(["2025-01-01 08:00", "2025-01-02 00:00"]),
            "hour": [np.nan, 9.0],  # the first has no time, the second no text
        }
    )
    rule = OwnRule(
        name="x",
        conditions=[
            RuleCondition(kind="hours", start_hour=6, end_hour=12),
            RuleCondition(kind="has_link"),
        ],
    )
    mask, why = split(rule, posts)
    assert mask.isna().all() and "no times of day" in why
    assert split(rule, posts.assign(hour=[8.0, 9.0], text=["a", "b"]))[1] == ""
