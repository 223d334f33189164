"""Saving and resuming strategy files: round trips and clear refusals."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.core.model import (
    SCHEMA_VERSION,
    Account,
    AnalyticsSection,
    AuditSection,
    ChannelChoice,
    ChannelsSection,
    Contact,
    GuidelineCard,
    GuidelinesSection,
    PlanAction,
    PlanSection,
    Profile,
    RecurringItem,
    Strategy,
    WhySection,
)
from strategy.core.storage import MAX_FILE_BYTES, StrategyFileError, dumps, loads

text = st.text(max_size=40)
ident = st.text(alphabet=string.ascii_lowercase + string.digits + "_-", max_size=20)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))


def lists(elem, n=4):
    return st.lists(elem, max_size=n)


strategies = st.builds(
    Strategy,
    created=dates,
    profile=st.builds(
        Profile,
        kind=st.sampled_from(["personal", "organisation"]),
        name=text,
        language=st.sampled_from(["en", "sv"]),
    ),
    why=st.builds(
        WhySection,
        goals=lists(ident),
        top_goal=st.one_of(st.none(), ident),
        statement=text,
        readiness_done=lists(ident),
        staff_groups=lists(ident),
    ),
    audit=st.builds(
        AuditSection,
        accounts=lists(
            st.builds(
                Account,
                network=text,
                handle=text,
                owner=text,
                usage=st.sampled_from(["often", "this_year", "wont_use"]),
                profile_done=lists(ident),
            )
        ),
        worth_it=lists(ident),
        reflection=text,
        baseline_done=st.booleans(),
    ),
    channels=st.builds(
        ChannelsSection,
        content_types=lists(ident),
        audiences=lists(ident),
        chosen=lists(
            st.builds(ChannelChoice, channel=ident, experiment=st.booleans(), review_date=dates)
        ),
    ),
    guidelines=st.builds(
        GuidelinesSection,
        cards=lists(
            st.builds(
                GuidelineCard,
                channel=ident,
                job=text,
                audience=text,
                share=text,
                avoid=text,
                tone=text,
                call_to_action=text,
                cadence=text,
                engage=text,
                edited=lists(ident),
            )
        ),
    ),
    plan=st.builds(
        PlanSection,
        actions=lists(
            st.builds(
                PlanAction,
                what=text,
                channel=text,
                owner=text,
                due=dates,
                status=st.sampled_from(["todo", "doing", "done"]),
                source=text,
            )
        ),
        recurring=lists(
            st.builds(
                RecurringItem,
                what=text,
                channel=text,
                rhythm=st.sampled_from(["weekly", "monthly", "quarterly"]),
                start=dates,
            )
        ),
        roster=lists(st.builds(Contact, who=text, channel=text, first_step=text)),
        review_date=dates,
        review_topics=lists(ident),
        dismissed=lists(text),
    ),
    analytics=st.builds(
        AnalyticsSection,
        denominator=st.sampled_from(["followers", "impressions", "reach"]),
        followers=st.dictionaries(ident, st.integers(0, 10**9), max_size=4),
        notes=text,
    ),
)


@settings(max_examples=150, deadline=None)
@given(strategies)
def test_any_valid_strategy_survives_a_json_round_trip_exactly(strategy):
    assert loads(dumps(strategy)) == strategy


def test_a_saved_file_is_stable_pretty_json():
    data = dumps(Strategy(created=dt.date(2026, 1, 2)))
    assert data == dumps(loads(data))
    assert json.loads(data)["created"] == "2026-01-02"


def _problem_text(data) -> str:
    with pytest.raises(StrategyFileError) as info:
        loads(data, name="x.json")
    return " | ".join(str(p) for p in info.value.problems)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"{", "cut short"),
        (b'{"schema_version": 1, "profile": {"name": "Al', "cut short"),
        (b"not json at all", "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b"[]", "not a saved strategy"),
        (b'"text"', "not a saved strategy"),
        (b"{}", "schema_version: missing"),
        (b'{"schema_version": 4}', "version 4, made by a newer Social Why"),
        (b'{"schema_version": 1, "extra": 1}', "extra: unknown field"),
        (b'{"schema_version": 1, "profile": {"kind": 5}}', "profile.kind"),
        (b'{"schema_version": 1, "plan": {"review_date": "soon"}}', "plan.review_date"),
        (
            b'{"schema_version": 1, "analytics": {"followers": {"x": NaN}}}',
            "NaN is not a valid number",
        ),
        (b'{"schema_version": 1, "analytics": {"followers": {"x": -1}}}', "analytics.followers.x"),
        (b'{"schema_version": 1, "why": {"statement": "' + b"a" * 6000 + b'"}}', "why.statement"),
        (b"[" * 10_000 + b"]" * 10_000, "nested too deeply"),
        (b'{"schema_version": 1}' + b" " * MAX_FILE_BYTES, "at most 1 MB"),
        (b'{"schema_version": "1"}', "schema_version"),
    ],
)
def test_bad_files_are_refused_with_the_field_and_reason(data, expected):
    assert expected in _problem_text(data)


def test_a_utf8_bom_is_accepted():
    data = b"\xef\xbb\xbf" + dumps(Strategy())
    assert loads(data) == Strategy()


def test_many_errors_are_capped_with_a_count():
    doc = {"schema_version": 1, "audit": {"accounts": [{"usage": "x"}] * 30}}
    text = _problem_text(json.dumps(doc).encode())
    assert "and 10 more problems" in text


def test_a_schema_version_of_true_is_refused():
    import json

    from strategy.core.storage import StrategyFileError, loads

    with pytest.raises(StrategyFileError):
        loads(json.dumps({"schema_version": True}).encode(), name="odd.json")
    assert loads(json.dumps({"schema_version": 1}).encode(), name="ok.json").schema_version == 3


def test_a_number_of_thousands_of_digits_is_refused_at_its_own_field():
    data = (
        b'{"schema_version": 1, "analytics": {"follower_totals": {"x:a": {"count": '
        + b"9" * 5000
        + b', "as_of": "2025-01-01"}}}}'
    )
    with pytest.raises(StrategyFileError) as refused:
        loads(data)
    assert "analytics.follower_totals.x:a.count" in str(refused.value.problems[0])


FROZEN_V1 = Path(__file__).parent / "data" / "saved_v1.json"


def test_a_file_saved_by_version_1_keeps_loading_and_is_upgraded():
    # Saved by main before version 2 (tests/data/saved_v1.json): never edit this file.
    raw = FROZEN_V1.read_bytes()
    assert json.loads(raw)["schema_version"] == 1
    s = loads(raw, name="saved_v1.json")
    assert s.schema_version == SCHEMA_VERSION == 3
    assert s.profile.kind == "organisation" and s.analytics.time_zone == "Europe/Stockholm"
    assert s.analytics.follower_totals["x:ADHOrg"].count == 1200
    assert s.analytics.own_rules == []  # what version 2 added starts empty
    assert s.targets.targets == [] and s.targets.snapshot is None  # and version 3's
    assert json.loads(dumps(s))["schema_version"] == 3
    assert loads(dumps(s)) == s


FROZEN_V2 = Path(__file__).parent / "data" / "saved_v2.json"


def test_a_file_saved_by_version_2_keeps_loading_without_targets():
    # Saved by main before version 3 (the hr_team demo, tests/data/saved_v2.json): never edit.
    raw = FROZEN_V2.read_bytes()
    assert json.loads(raw)["schema_version"] == 2
    s = loads(raw, name="saved_v2.json")
    assert s.schema_version == 3 and s.targets.targets == [] and s.targets.snapshot is None
    assert s.why.goals == ["employer_brand", "recruitment_spend"]
    assert [c.channel for c in s.channels.chosen] == ["linkedin", "instagram", "tiktok"]
    again = json.loads(dumps(s))
    assert again.pop("targets") == {"targets": [], "snapshot": None}
    assert again["channels"].pop("pillars") == []  # content pillars came later, still version 3
    assert again["channels"].pop("audience_notes") == []  # so did audiences in full
    old = json.loads(raw)
    assert again | {"schema_version": 2} == old  # nothing else changed on the way


def test_every_older_version_has_an_upgrade_and_the_model_takes_the_current_one():
    import typing

    from strategy.core.migrations import MIGRATIONS, upgrade
    from strategy.core.model import Strategy

    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))
    literal = Strategy.model_fields["schema_version"].annotation
    assert typing.get_args(literal) == (SCHEMA_VERSION,)
    old = {"schema_version": 1, "why": {"goals": []}}
    assert upgrade(old)["schema_version"] == SCHEMA_VERSION and old["schema_version"] == 1
