"""Valid-looking strategy files at and past the model's limits: every page and export works.

Dates outside 1900-2200 are refused with the field named; ids the content does not have are
left out with a note; a field of many lines lays out as paragraphs across pages; repeated
tasks keep their own calendar UIDs; a failed PDF build is a message, not a crash.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from strategy.core.known import keep_known
from strategy.core.library import load_library
from strategy.core.model import ChannelChoice, PlanAction, RecurringItem, Strategy
from strategy.core.storage import StrategyFileError, dumps, loads
from strategy.report import build_document, to_markdown, to_pdf
from strategy.report.calendar import to_ics
from strategy.steps.guidelines import sync_cards
from ui.state import SESSION_KEY

LIB = load_library()
TODAY = dt.date(2026, 12, 1)
PAGES = ["why", "audit", "channels", "guidelines", "plan", "analytics", "canvas", "export"]


def saved(**sections) -> bytes:
    return json.dumps({"schema_version": 1, **sections}).encode()


@pytest.mark.parametrize(
    ("sections", "field"),
    [
        ({"plan": {"recurring": [{"what": "x", "start": "9999-01-01"}]}}, "plan.recurring.0.start"),
        ({"plan": {"actions": [{"what": "x", "due": "9999-12-31"}]}}, "plan.actions.0.due"),
        ({"plan": {"actions": [{"what": "x", "due": "0001-01-01"}]}}, "plan.actions.0.due"),
        ({"plan": {"review_date": "2201-01-01"}}, "plan.review_date"),
        ({"created": "1899-12-31"}, "created"),
        (
            {"channels": {"chosen": [{"channel": "linkedin", "review_date": "9999-01-01"}]}},
            "channels.chosen.0.review_date",
        ),
        (
            {"analytics": {"follower_totals": {"x:a": {"count": 1, "as_of": "9999-01-01"}}}},
            "analytics.follower_totals",
        ),
    ],
)
def test_a_date_outside_1900_to_2200_is_refused_naming_the_field(sections, field):
    with pytest.raises(StrategyFileError) as refused:
        loads(saved(**sections))
    problems = " ".join(map(str, refused.value.problems))
    assert field in problems and "between 1900 and 2200" in problems


def test_dates_at_the_limits_go_through_every_export():
    s = Strategy()
    s.plan.actions = [PlanAction(what="late", due=dt.date(2200, 12, 31))]
    s.plan.recurring = [
        RecurringItem(what="weekly", rhythm="weekly", start=dt.date(2200, 12, 25)),
        RecurringItem(what="monthly", start=dt.date(1900, 1, 31)),
    ]
    events = Calendar.from_ical(to_ics(s, TODAY)).walk("VEVENT")
    assert any(str(e["summary"]) == "late" for e in events)
    doc = build_document(s, LIB, [], charts=False, today=TODAY)
    assert to_pdf(doc).startswith(b"%PDF") and "late" in to_markdown(doc)


def test_ids_the_content_lacks_are_left_out_with_a_note():
    s = Strategy()
    s.why.goals = ["new_job", "no_such_goal"]
    s.why.top_goal = "no_such_goal"
    s.channels.chosen = [ChannelChoice(channel="myspace"), ChannelChoice(channel="linkedin")]
    s.guidelines.cards = sync_cards(s.model_copy(update={"channels": s.channels}), LIB)
    s.plan.review_topics = ["zz"]
    kept, notes = keep_known(s, LIB)
    assert kept.why.goals == ["new_job"] and kept.why.top_goal is None
    assert [c.channel for c in kept.channels.chosen] == ["linkedin"]
    assert [c.channel for c in kept.guidelines.cards] == ["linkedin"]
    assert kept.plan.review_topics == []
    assert any("myspace" in n and "channels" in n for n in notes)
    assert any("no_such_goal" in n for n in notes)
    assert s.channels.chosen[0].channel == "myspace"  # the input is not changed
    assert keep_known(kept, LIB)[1] == []


def test_a_resumed_file_with_an_unknown_channel_opens_every_step(make_app):
    data = saved(
        why={"goals": ["new_job"]},
        channels={"chosen": [{"channel": "myspace"}, {"channel": "linkedin"}]},
        plan={"review_date": "2020-01-01"},
    )
    at = make_app()
    at.run()
    at.file_uploader(key="resume_upload").upload("old.json", data, "application/json").run()
    assert not at.exception
    assert any("myspace" in w.value for w in at.warning)
    assert [c.channel for c in at.session_state[SESSION_KEY].strategy.channels.chosen] == [
        "linkedin"
    ]
    for page in PAGES:  # a review day that has passed is kept, not a crash
        at.switch_page(f"pages/wizard/{page}.py").run()
        assert not at.exception, (page, at.exception)


def test_the_channels_step_survives_an_unknown_channel_in_the_session(make_app):
    at = make_app()
    at.run()
    at.session_state[SESSION_KEY].strategy.channels.chosen = [ChannelChoice(channel="myspace")]
    at.switch_page("pages/wizard/channels.py").run()
    assert not at.exception


@pytest.mark.parametrize(
    "what",
    ["\n".join(["line"] * 60), "\n".join(["l"] * 300), "🇸🇪" * 100, "word " * 199],
    ids=["60 lines", "300 lines", "100 flags", "long words"],
)
def test_a_tall_field_in_a_table_lays_out_across_pages(what):
    s = Strategy()
    s.plan.actions = [
        PlanAction(what="first"),
        PlanAction(what=what[:1000]),
        PlanAction(what="last"),
    ]
    pdf = to_pdf(build_document(s, LIB, [], charts=False, today=TODAY))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "first" in text and "last" in text


def test_repeated_tasks_keep_their_own_uids_the_same_in_every_export():
    s = Strategy()
    s.plan.actions = [PlanAction(what="Post", due=dt.date(2027, 1, d)) for d in (5, 12, 19)]
    s.plan.recurring = [RecurringItem(what="Tip", rhythm="weekly")] * 2

    def uids(strategy: Strategy) -> list[str]:
        events = Calendar.from_ical(to_ics(strategy, TODAY)).walk("VEVENT")
        return [str(e["uid"]) for e in events]

    first = uids(s)
    assert len(first) == len(set(first)) == 5
    s2 = Strategy.model_validate_json(dumps(s))
    s2.plan.actions[1].due = dt.date(2027, 2, 1)  # moved, not a new task: the same UID
    assert uids(s2) == first


def test_a_failed_pdf_build_is_a_message_and_the_work_is_kept(monkeypatch, make_app):
    from strategy.report import isolated

    monkeypatch.setattr(isolated, "report", lambda *args, **kwargs: None)
    at = make_app()
    at.run()
    at.text_input(key="w:profile.name").input("Keep me").run()
    at.switch_page("pages/wizard/export.py").run()
    at.button(key="make_pdf").click().run()
    assert not at.exception
    assert any("Building the PDF failed" in e.value for e in at.error)
    assert at.session_state[SESSION_KEY].strategy.profile.name == "Keep me"
    assert at.session_state[SESSION_KEY].report_pdf is None


def test_the_pdf_is_built_in_a_worker_process():
    from strategy.report import isolated

    doc = build_document(Strategy(), LIB, [], charts=False, today=TODAY)
    made = isolated.pdf(doc)
    assert made is not None and made.startswith(b"%PDF")
    worker_pids = {w.proc.pid for w in isolated.PDF_POOL._idle}
    assert worker_pids and all(pid != __import__("os").getpid() for pid in worker_pids)


def test_a_flood_of_combining_marks_is_cut_where_text_enters():
    s = Strategy()
    s.plan.actions = [PlanAction(what="a" + "\u0301" * 999)]
    assert s.plan.actions[0].what == "a" + "\u0301" * 4
    assert Strategy.model_validate_json(dumps(s)).plan.actions[0].what == "a" + "\u0301" * 4
    assert PlanAction(what="é̃ café").what == "é̃ café"  # a letter's own marks stay


def test_tabs_and_line_separators_never_reach_the_calendar_raw():
    s = Strategy()
    s.plan.actions = [PlanAction(what="a\tb\u2028c", channel="x\ty", due=dt.date(2027, 1, 5))]
    ics = to_ics(s, TODAY).decode()
    assert "\t" not in ics and "\u2028" not in ics
    assert "SUMMARY:a b\\nc" in ics
