"""AppTest flows for the Why, Audit, Channels, Guidelines and Plan steps."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

from strategy.core.model import ChannelChoice, Strategy
from ui.state import SESSION_KEY


def go(at, step):
    at.switch_page(f"pages/wizard/{step}.py").run()
    assert not at.exception, at.exception
    return at


def state(at) -> Strategy:
    return at.session_state[SESSION_KEY].strategy


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


@pytest.fixture
def org(app):
    app.radio(key="w:profile.kind").set_value("organisation").run()
    return app


# --- Why -----------------------------------------------------------------------------------------


def test_why_warns_for_no_goal_and_for_more_than_three(app):
    go(app, "why")
    assert "at least one goal" in texts(app.warning)
    app.multiselect(key="w:why.goals").set_value(
        ["new_job", "learn", "relationships", "promote_work"]
    ).run()
    assert "You picked 4 goals" in texts(app.warning)
    app.multiselect(key="w:why.goals").set_value(["new_job", "learn"]).run()
    assert not app.warning


def test_why_drafts_the_statement_from_the_goals_and_keeps_the_users_edit(app):
    go(app, "why")
    app.multiselect(key="w:why.goals").set_value(["new_job", "learn"]).run()
    assert app.text_area(key="w:why.statement").value == (
        "I use social media to land a new job, and to learn from people in my field."
    )
    app.radio(key="w:why.top_goal").set_value("learn").run()
    app.button[0].click().run()  # "Use the suggested sentence"
    assert state(app).why.statement.startswith("I use social media to learn from people")
    app.text_area(key="w:why.statement").input("My own why.").run()
    go(app, "audit")
    go(app, "why")
    assert app.text_area(key="w:why.statement").value == "My own why."


def test_organisations_see_their_goals_readiness_and_staff_groups(org):
    go(org, "why")
    options = org.multiselect(key="w:why.goals").options
    assert "Employer brand" in options and "Land a new job" not in options
    org.multiselect(key="w:why.goals").set_value(["employer_brand"]).run()
    assert org.text_area(key="w:why.statement").value.startswith("We use social media to")
    org.button_group(key="w:why.readiness_done").set_value(["case_made", "training"]).run()
    page = texts(org.markdown)
    assert "To do: Draft a one-page social media policy" in page
    assert "Book a hands-on training" not in page
    org.button_group(key="w:why.staff_groups").set_value(["tech_jargon"]).run()
    assert "Pair them with a champion" in texts(org.markdown)
    assert state(org).why.readiness_done == ["case_made", "training"]


def test_switching_to_personal_hides_organisation_goals_without_crashing(org):
    go(org, "why")
    org.multiselect(key="w:why.goals").set_value(["employer_brand"]).run()
    go(org, "start")
    org.radio(key="w:profile.kind").set_value("personal").run()
    go(org, "why")
    assert org.multiselect(key="w:why.goals").value == []


# --- Audit ---------------------------------------------------------------------------------------


def add_rows(at, key, rows):
    at.session_state[key] = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception


def test_audit_accounts_become_close_and_refresh_tasks(app):
    go(app, "audit")
    add_rows(
        app,
        "w:audit.accounts",
        [
            {"network": "MySpace", "handle": "@old", "usage": "wont_use"},
            {
                "network": "LinkedIn",
                "handle": "alex",
                "usage": "often",
                "has_picture": True,
                "has_bio": True,
                "has_links": True,
                "has_contact": True,
            },
            {"handle": "no network: ignored"},
        ],
    )
    accounts = state(app).audit.accounts
    assert [(a.network, a.usage) for a in accounts] == [
        ("MySpace", "wont_use"),
        ("LinkedIn", "often"),
    ]
    assert accounts[1].profile_done == ["picture", "bio", "links", "contact"]
    tasks = texts(app.expander[0].markdown).replace("\\", "")  # shown escaped, as typed
    assert "Close this account: MySpace @old" in tasks
    assert "Pin a post that shows what you are about: LinkedIn alex" in tasks
    go(app, "plan")
    go(app, "audit")
    assert len(state(app).audit.accounts) == 2


def test_audit_row_with_too_long_text_is_explained_not_lost(app):
    go(app, "audit")
    add_rows(app, "w:audit.accounts", [{"network": "X", "handle": "h" * 300}])
    assert "Row 1 is not saved yet" in texts(app.warning)
    assert "handle" in texts(app.warning)


def test_audit_reflection_and_baseline(app):
    go(app, "audit")
    app.button_group(key="w:audit.worth_it").set_value(["networking", "event_hashtags"]).run()
    app.checkbox(key="w:audit.baseline_done").check().run()
    assert "Unfollow nearly everyone" in texts(app.markdown)
    assert state(app).audit.worth_it == ["networking", "event_hashtags"]
    assert state(app).audit.baseline_done


# --- Channels ------------------------------------------------------------------------------------


def test_channels_need_one_pick_and_warn_above_four(app):
    go(app, "why")
    app.multiselect(key="w:why.goals").set_value(["new_job"]).run()
    go(app, "channels")
    assert app.button(key="next_channels").disabled
    assert "1. LinkedIn**\n- Fits “Land a new job”" in texts(app.markdown)
    for channel in ["linkedin", "x", "bluesky", "mastodon", "youtube"]:
        app.checkbox(key=f"w:pick_{channel}").check().run()
    assert "You picked 5 channels" in texts(app.warning)
    assert not app.button(key="next_channels").disabled
    app.checkbox(key="w:pick_youtube").uncheck().run()
    assert not app.warning
    assert [c.channel for c in state(app).channels.chosen] == [
        "linkedin",
        "x",
        "bluesky",
        "mastodon",
    ]


def test_one_channel_can_be_the_experiment_with_a_review_date(app):
    go(app, "channels")
    app.checkbox(key="w:pick_linkedin").check().run()
    app.checkbox(key="w:pick_youtube").check().run()
    app.selectbox(key="w:experiment_pick").set_value("youtube").run()
    app.date_input(key="w:experiment_review").set_value(dt.date(2031, 1, 2)).run()
    chosen = {c.channel: c for c in state(app).channels.chosen}
    assert chosen["youtube"].experiment and chosen["youtube"].review_date == dt.date(2031, 1, 2)
    assert not chosen["linkedin"].experiment


# --- Guidelines ----------------------------------------------------------------------------------


def with_channels(app, *channels, goals=("new_job",)):
    s = state(app)
    s.why.goals = list(goals)
    s.channels.chosen = [ChannelChoice(channel=c) for c in channels]
    return go(app, "guidelines")


def test_guidelines_without_channels_point_back(app):
    go(app, "guidelines")
    assert "Pick at least one channel" in texts(app.info)


def test_a_card_per_channel_and_edits_survive_goal_changes(app):
    with_channels(app, "linkedin", "x")
    assert len(app.tabs) == 2
    app.text_area(key="w:card:linkedin:tone").input("Dry humour").run()
    assert "(edited)" in app.text_area(key="w:card:linkedin:tone").label
    # Change the goals elsewhere: suggestions follow, the edit stays.
    go(app, "why")
    app.multiselect(key="w:why.goals").set_value(["learn"]).run()
    go(app, "guidelines")
    assert app.text_area(key="w:card:linkedin:tone").value == "Dry humour"
    assert "Learn from peers" in app.text_area(key="w:card:linkedin:job").value
    # Resetting asks first, then discards the edit.
    assert app.button(key="reset_linkedin").disabled
    app.checkbox(key="w:sure:linkedin").check().run()
    app.button(key="reset_linkedin").click().run()
    card = state(app).guidelines.cards[0]
    assert card.edited == [] and card.tone != "Dry humour"
    assert app.text_area(key="w:card:linkedin:tone").value == card.tone


def test_the_draft_checker_reports_on_a_post(app):
    with_channels(app, "x")
    app.text_area(key="w:draft_text").input("Buy now #a #b #c").run()
    warnings = texts(app.warning)
    assert "serves none" in warnings and "3 hashtags" in warnings and "call to action" in warnings
    app.text_area(key="w:draft_text").input("Thanks all! What did you learn? Tell us.").run()
    assert "Looks ready" in texts(app.success)


# --- Plan ----------------------------------------------------------------------------------------


def test_plan_collects_actions_and_a_deleted_one_stays_deleted(app):
    go(app, "plan")
    sources = [a.source for a in state(app).plan.actions]
    assert sources == ["audit:baseline", "plan:review"]
    # A visit picks no review day: the step is not complete until the person picks one.
    assert state(app).plan.review_date is None
    assert "No day picked yet" in " ".join(c.value for c in app.caption)
    app.session_state["w:plan.actions"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    app.run()
    assert [a.source for a in state(app).plan.actions] == ["plan:review"]
    assert state(app).plan.dismissed == ["audit:baseline"]
    go(app, "audit")
    go(app, "plan")
    assert [a.source for a in state(app).plan.actions] == ["plan:review"]


def test_recurring_content_shows_on_the_month_calendar(app):
    go(app, "plan")
    add_rows(
        app,
        "w:plan.recurring",
        [
            {"what": "Event calendar", "rhythm": "monthly", "start": "2027-01-31"},
        ],
    )
    assert state(app).plan.recurring[0].start == dt.date(2027, 1, 31)
    page = texts(app.markdown)
    assert "**February 2027**" in page and "28: Event calendar" in page
    assert "(12 dated items)" in page


# --- Export --------------------------------------------------------------------------------------


def pdf_links(at) -> list[bytes]:
    found = re.findall(
        r"data:application/pdf;base64,([A-Za-z0-9+/=]+)", " ".join(m.value for m in at.markdown)
    )
    return [base64.b64decode(f) for f in found]


def test_export_builds_the_pdf_only_when_asked_and_drops_a_stale_one(app):
    go(app, "export")
    assert "Not complete yet" in texts(app.warning)
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Markdown (.md)" in labels and not pdf_links(app)
    assert app.session_state[SESSION_KEY].report_pdf is None
    app.button(key="make_pdf").click().run()
    assert not app.exception
    assert app.session_state[SESSION_KEY].report_pdf.startswith(b"%PDF")
    links = pdf_links(app)
    assert len(links) == 1 and links[0] == app.session_state[SESSION_KEY].report_pdf
    state(app).profile.name = "Changed"
    app.run()
    assert not pdf_links(app)
    assert "generate it again" in " ".join(c.value for c in app.caption)


def test_a_pdf_made_before_the_uploads_changed_is_not_offered(app, exports):
    from strategy.importers import import_file

    session = app.session_state[SESSION_KEY]
    session.datasets = import_file("tweet_activity_metrics_ADHOrg.csv", exports.x_legacy_en())
    go(app, "export")
    app.button(key="make_pdf").click().run()
    assert not app.exception and len(pdf_links(app)) == 1
    # Another file in place of the first: as many tables as before, other data.
    session.datasets = import_file("content.csv", exports.x_content())
    app.run()
    assert not pdf_links(app)
    assert "generate it again" in " ".join(c.value for c in app.caption)


def test_a_visit_does_not_complete_plan_picking_a_review_day_does(app):
    from strategy.steps.progress import completed

    go(app, "plan")
    assert state(app).plan.actions and "plan" not in completed(state(app))
    app.date_input(key="w:plan.review_date").set_value(dt.date(2030, 5, 17)).run()
    assert "plan" in completed(state(app))


def test_the_pdf_names_accounts_as_the_analytics_step_does(app, exports):
    import io

    from pypdf import PdfReader

    from strategy.importers import import_file

    session = app.session_state[SESSION_KEY]
    session.datasets = import_file("content.csv", exports.x_content())
    session.account_names = {ds.key: "Our renamed handle" for ds in session.datasets}
    go(app, "export")
    app.button(key="make_pdf").click().run()
    assert not app.exception
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(session.report_pdf)).pages)
    assert "Our renamed handle" in " ".join(text.split())


def test_plan_suggests_recurring_content_from_the_chosen_channels(app):
    go(app, "channels")
    app.checkbox(key="w:pick_linkedin").check().run()
    go(app, "plan")
    assert not app.exception
    (button,) = [b for b in app.button if b.key == "suggest_recurring"]
    assert "LinkedIn" in button.label
    button.click().run()
    recurring = state(app).plan.recurring
    assert [(r.channel, r.rhythm) for r in recurring] == [("LinkedIn", "weekly")]
    assert not [b for b in app.button if b.key == "suggest_recurring"], "offered once"
