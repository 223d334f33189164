"""Rules that turn answers into statements, warnings and actions (Why and Audit steps)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from strategy.core.library import load_library
from strategy.core.model import Account, Profile, Strategy, WhySection
from strategy.steps.audit import account_actions
from strategy.steps.why import goal_warnings, readiness_gaps, staff_next_steps, statement_template

LIB = load_library()
TODAY = dt.date(2026, 11, 22)


def strat(kind="personal", goals=(), top=None, **why) -> Strategy:
    return Strategy(
        profile=Profile(kind=kind), why=WhySection(goals=list(goals), top_goal=top, **why)
    )


@pytest.mark.parametrize(
    ("kind", "goals", "top", "expected"),
    [
        ("personal", [], None, ""),
        ("personal", ["new_job"], None, "I use social media to land a new job."),
        (
            "personal",
            ["new_job", "learn"],
            "learn",
            "I use social media to learn from people in my field, and to land a new job.",
        ),
        (
            "organisation",
            ["employer_brand", "recruitment_spend", "leadership"],
            None,
            "We use social media to show what it is like to work here, and to fill roles through "
            "our own networks instead of paid ads and to let our leaders take part in their own "
            "words.",
        ),
        ("personal", ["no_such_goal"], None, ""),
    ],
)
def test_statement_template_leads_with_the_top_goal(kind, goals, top, expected):
    assert statement_template(strat(kind, goals, top), LIB) == expected


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ([], "at least one goal"),
        (["a"], None),
        (["a", "b", "c"], None),
        (["a", "b", "c", "d"], "You picked 4 goals"),
    ],
)
def test_goal_warnings(goals, expected):
    warnings = goal_warnings(strat(goals=goals))
    if expected is None:
        assert warnings == []
    else:
        assert expected in warnings[0]


def test_readiness_gaps_become_actions_for_organisations_only():
    org = strat("organisation", readiness_done=["case_made", "policy"])
    gaps = dict(readiness_gaps(org, LIB))
    assert set(gaps) == {"training", "joined_up", "leaders"}
    assert "training" in gaps["training"].lower()
    assert readiness_gaps(strat("personal"), LIB) == []


def test_each_staff_group_gets_its_own_next_step():
    org = strat("organisation", staff_groups=["one_more_chore", "tech_jargon"])
    steps = staff_next_steps(org, LIB)
    assert [t for t, _ in steps] == [
        "See one more chore",
        "Struggle with the technology or the jargon",
    ]
    assert "champion" in steps[1][1]


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        (
            Account(network="MySpace", handle="@old", usage="wont_use"),
            [("Close this account: MySpace @old", 14)],
        ),
        (
            Account(
                network="LinkedIn",
                handle="alex",
                usage="often",
                profile_done=["picture", "bio", "links", "contact"],
            ),
            [("Pin a post that shows what you are about: LinkedIn alex", 30)],
        ),
        (
            Account(
                network="X",
                usage="this_year",
                profile_done=["picture", "bio", "links", "contact", "pinned"],
            ),
            [],
        ),
        (Account(network="", handle="", usage="wont_use"), []),
    ],
)
def test_accounts_become_dated_actions(account, expected):
    actions = account_actions([account], LIB, TODAY)
    assert [(a.what, (a.due - TODAY).days) for a in actions] == expected


def test_an_account_with_nothing_ticked_gets_every_profile_task():
    actions = account_actions([Account(network="Instagram", owner="Sam")], LIB, TODAY)
    assert len(actions) == len(LIB.audit.profile_item)
    assert {a.owner for a in actions} == {"Sam"}
    assert len({a.source for a in actions}) == len(actions), "sources are unique keys"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("#one #two #three", 3),
        ("no tags here", 0),
        ("C# and F# developers", 0),
        ("glued#tag is not one", 0),
        ("#öppet #jobb i Malmö", 2),
        ("(#paren) and #under_score!", 2),
        ("#a#b", 1),
        ("line one\n#next line", 1),
    ],
)
def test_hashtags_are_counted_as_a_reader_would(text, count):
    from strategy.analytics.folk_rules import hashtags

    assert hashtags(pd.Series([text, None]).fillna("")).tolist() == [count, 0]
