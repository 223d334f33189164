"""Channel ranking, pick limits, guideline cards and the draft value check."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy.core.i18n import using
from strategy.core.library import library, load_library
from strategy.core.model import (
    ChannelChoice,
    ChannelsSection,
    GuidelineCard,
    GuidelinesSection,
    Profile,
    Strategy,
    WhySection,
)
from strategy.demo.personas import load_persona
from strategy.steps.guidelines import (
    CARD_FIELDS,
    check_draft,
    generate_card,
    regenerate,
    sync_cards,
)
from strategy.steps.recommend import pick_messages, rank_channels

LIB = load_library()


def strat(goals, kind="personal", types=(), audiences=(), chosen=()) -> Strategy:
    return Strategy(
        profile=Profile(kind=kind),
        why=WhySection(goals=list(goals), top_goal=goals[0] if goals else None),
        channels=ChannelsSection(
            content_types=list(types),
            audiences=list(audiences),
            chosen=[ChannelChoice(channel=c) for c in chosen],
        ),
    )


@pytest.mark.parametrize(
    ("goals", "kind", "types", "audiences", "top3"),
    [
        (["new_job"], "personal", [], [], ["linkedin", "x", "bluesky"]),
        (
            ["relationships"],
            "personal",
            ["personal", "photos"],
            ["friends_family"],
            ["facebook", "instagram", "linkedin"],
        ),
        (["employer_brand"], "organisation", [], [], ["linkedin", "instagram", "tiktok"]),
        (["learn"], "personal", [], [], ["mastodon", "bluesky", "linkedin"]),
        (
            ["consumer_brand", "sales"],
            "organisation",
            ["video"],
            ["customers"],
            ["instagram", "facebook", "youtube"],
        ),
    ],
)
def test_ranking_table(goals, kind, types, audiences, top3):
    ranked = rank_channels(strat(goals, kind, types, audiences), LIB)
    assert [r.channel for r in ranked[:3]] == top3
    assert len(ranked) == len(LIB.channels.channel)
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)


def test_ranking_gives_reasons_in_words():
    top = rank_channels(strat(["new_job"]), LIB)[0]
    assert top.sentence().startswith("LinkedIn: fits “Land a new job”")
    assert top.points()[0] == "Fits “Land a new job”" and len(top.points()) == len(top.reasons)
    assert "reaches peers and professional contacts" in top.sentence()


def test_unsuited_content_is_a_caution_and_lowers_the_rank():
    ranked = {r.channel: r for r in rank_channels(strat(["new_job"], types=["personal"]), LIB)}
    assert "not made for family and private life" in ranked["linkedin"].cautions


def test_channels_with_the_same_score_keep_the_librarys_order():
    ranked = rank_channels(strat(["promote_work", "learn"]), LIB)
    scores = [r.score for r in ranked]
    assert len(set(scores)) < len(scores), "the case needs a tie"
    library = [c.id for c in LIB.channels.channel]
    expected = sorted(ranked, key=lambda r: (-r.score, library.index(r.channel)))
    assert [r.channel for r in ranked] == [r.channel for r in expected]


@pytest.mark.parametrize(
    ("chosen", "errors", "warnings"),
    [
        ([], ["at least one channel"], []),
        (["linkedin"], [], []),
        (["linkedin", "x", "youtube", "mastodon"], [], []),
        (["linkedin", "x", "youtube", "mastodon", "bluesky"], [], ["You picked 5 channels"]),
    ],
)
def test_pick_limits(chosen, errors, warnings):
    errs, warns = pick_messages(strat(["new_job"], chosen=chosen), LIB)
    assert len(errs) == len(errors) and all(e in x for e, x in zip(errors, errs, strict=True))
    assert len(warns) == len(warnings) and all(w in x for w, x in zip(warnings, warns, strict=True))
    if warnings:
        assert "time" in warns[0]


def test_only_one_experiment_and_it_needs_a_review_date():
    s = strat(["new_job"], chosen=["linkedin", "youtube"])
    s.channels.chosen[1].experiment = True
    errs, warns = pick_messages(s, LIB)
    assert errs == [] and "review date for the experiment on YouTube" in warns[0]
    s.channels.chosen[0].experiment = True
    assert "only one channel" in pick_messages(s, LIB)[0][0]


def test_a_card_fills_every_field_from_goals_and_channel():
    s = strat(["new_job"], chosen=["linkedin"])
    card = generate_card("linkedin", s, LIB)
    for field in CARD_FIELDS:
        assert getattr(card, field), f"{field} is empty"
    assert "It serves your goal “Land a new job”." in card.job
    assert "Suggested:" in card.cadence and card.edited == []


def test_the_experiment_card_says_so():
    s = strat(["personal_brand"], chosen=["youtube"])
    s.channels.chosen[0].experiment = True
    job = generate_card("youtube", s, LIB).job
    assert job.endswith("You run it as an experiment: try it, then decide at the review.")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "“future colleagues and candidates” and “peers and professional contacts”"),
        ("sv", "”framtida kollegor och kandidater” och ”kollegor och yrkeskontakter”"),
    ],
)
def test_the_users_choices_are_quoted_so_items_with_and_stay_apart(lang, expected):
    # "future colleagues and candidates, peers and professional contacts" read as four groups.
    with using(lang):
        s = load_persona("hr_team", lang, today=dt.date(2026, 12, 2))
        card = generate_card("linkedin", s, library(lang))
    assert expected in card.audience
    assert ": " not in card.job and "Here:" not in card.audience


def test_regeneration_keeps_edited_fields_and_refreshes_the_rest():
    before = strat(["new_job"], chosen=["linkedin"])
    card = generate_card("linkedin", before, LIB).model_copy(
        update={"tone": "My own tone", "edited": ["tone"]}
    )
    after = strat(["sales"], kind="organisation", chosen=["linkedin"])
    fresh = regenerate(card, generate_card("linkedin", after, LIB))
    assert fresh.tone == "My own tone" and fresh.edited == ["tone"]
    assert "Support sales" in fresh.job and "Land a new job" not in fresh.job


def test_sync_cards_follows_the_picks_in_order_and_keeps_edits():
    s = strat(["new_job"], chosen=["x", "linkedin"])
    s.guidelines = GuidelinesSection(
        cards=[
            GuidelineCard(channel="linkedin", tone="Mine", edited=["tone"]),
            GuidelineCard(channel="facebook", tone="Dropped"),
        ]
    )
    cards = sync_cards(s, LIB)
    assert [c.channel for c in cards] == ["x", "linkedin"]
    assert cards[1].tone == "Mine"


@pytest.mark.parametrize(
    ("draft", "channel", "answered", "cta", "notes"),
    [
        (
            "Thanks to everyone who came! What should we cover next?",
            "linkedin",
            {"relationship"},
            True,
            [],
        ),
        (
            "Here is what I learned from my experience: a guide on how to prepare. Join us!",
            "linkedin",
            {"cause", "brand"},
            True,
            [],
        ),
        ("Buy now", "x", set(), False, ["serves none", "call to action"]),
        (
            "https://example.org/article",
            "x",
            set(),
            False,
            ["serves none", "call to action", "bare reshare"],
        ),
        (
            "Our new #tips #guide #learn #career post, tell us what you think",
            "x",
            {"cause", "relationship"},
            True,
            ["4 hashtags"],
        ),
        ("x" * 300 + " thank you?", "bluesky", {"relationship"}, True, ["311 characters"]),
    ],
)
def test_the_draft_value_check(draft, channel, answered, cta, notes):
    result = check_draft(draft, channel, LIB)
    assert set(result.answered) == answered
    assert result.has_call_to_action is cta
    assert len(result.notes) == len(notes)
    for expected, got in zip(notes, result.notes, strict=True):
        assert expected in got
