"""The plan: collected actions, rhythm expansion, iCalendar and CSV exports, and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from strategy.cli import main
from strategy.core.csvsafe import safe_cell
from strategy.core.library import load_library
from strategy.core.model import (
    ChannelChoice,
    PlanAction,
    RecurringItem,
    Strategy,
)
from strategy.core.storage import dumps
from strategy.demo.personas import load_persona
from strategy.report.calendar import to_csv, to_ics
from strategy.steps.plan import (
    add_months,
    default_review_date,
    expand,
    suggested_actions,
    suggested_recurring,
    sync_actions,
)
from strategy.steps.progress import STEPS, completed

LIB = load_library()
TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
GOLDEN = Path(__file__).parent / "data" / "golden"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2026, 11, 22), 6, dt.date(2027, 5, 22)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2027, 3, 31), -1, dt.date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def item(rhythm, start):
    return RecurringItem(what="Pictures", channel="Instagram", rhythm=rhythm, start=start)


def test_monthly_from_the_31st_returns_to_the_31st_after_short_months():
    days = expand(item("monthly", dt.date(2027, 12, 31)), TODAY)
    assert days[:4] == [
        dt.date(2027, 12, 31),
        dt.date(2028, 1, 31),
        dt.date(2028, 2, 29),
        dt.date(2028, 3, 31),
    ]
    assert len(days) == 12


@pytest.mark.parametrize(
    ("rhythm", "start", "count", "last"),
    [
        ("weekly", dt.date(2026, 11, 22), 53, dt.date(2027, 11, 21)),
        ("monthly", dt.date(2026, 11, 22), 12, dt.date(2027, 10, 22)),
        ("quarterly", dt.date(2026, 11, 30), 4, dt.date(2027, 8, 30)),
        ("quarterly", dt.date(2027, 11, 30), 4, dt.date(2028, 8, 30)),
    ],
)
def test_rhythms_expand_over_twelve_months(rhythm, start, count, last):
    days = expand(item(rhythm, start), TODAY)
    assert len(days) == count and days[-1] == last
    assert days == sorted(days) and days[0] == start


def test_an_item_without_a_start_begins_today():
    assert expand(RecurringItem(what="Links", rhythm="monthly"), TODAY)[0] == TODAY


def test_suggested_actions_collect_every_step(full_strategy):
    actions = suggested_actions(full_strategy(), LIB, TODAY)
    sources = [a.source for a in actions]
    assert sources == [
        "why:readiness:leaders",
        "why:staff:one_more_chore",
        "audit:myspace:@nw:close",
        "audit:linkedin:northwind:pinned",
        "audit:baseline",
        "channels:experiment:tiktok",
        "plan:review",
    ]
    by = {a.source: a for a in actions}
    assert by["channels:experiment:tiktok"].due == dt.date(2027, 3, 1)
    assert by["plan:review"].due == dt.date(2027, 5, 22)
    # One sentence naming who it is for, not "See one more chore: Show what…".
    assert by["why:staff:one_more_chore"].what.startswith(
        "Staff who see one more chore – show what is in it for them"
    )
    assert by["audit:linkedin:northwind:pinned"].owner == "Kim"


def test_sync_keeps_user_rows_and_never_brings_back_a_deleted_suggestion(full_strategy):
    s = full_strategy()
    suggestions = suggested_actions(s, LIB, TODAY)
    s.plan.actions = sync_actions(s.plan, suggestions)
    s.plan.actions[0].status = "done"
    s.plan.actions.append(PlanAction(what="My own task"))
    s.plan.dismissed = ["audit:baseline"]
    s.plan.actions = [a for a in s.plan.actions if a.source != "audit:baseline"]
    again = sync_actions(s.plan, suggestions)
    assert again == s.plan.actions
    assert again[0].status == "done"


def test_default_review_is_six_months_out():
    assert default_review_date(TODAY, LIB) == dt.date(2027, 5, 22)


def test_ics_parses_back_with_one_event_per_dated_item(planned_strategy):
    cal = Calendar.from_ical(to_ics(planned_strategy(), TODAY, NOW))
    events = cal.walk("VEVENT")
    # 6 open actions + monthly rule + weekly rule + quarterly from the 31st as 4 single events.
    assert len(events) == 6 + 1 + 1 + 4
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    rules = {str(e["SUMMARY"]): e["RRULE"] for e in events if "RRULE" in e}
    assert rules["Pictures (Instagram)"]["FREQ"] == ["MONTHLY"]
    assert rules["Pictures (Instagram)"]["COUNT"] == [12]
    assert rules['=HYPERLINK("http://x") (LinkedIn)']["FREQ"] == ["WEEKLY"]
    for e in events:
        assert isinstance(e.decoded("DTSTART"), dt.date)
        assert e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(days=1)
        assert "DTSTAMP" in e
    assert cal["VERSION"] == "2.0" and "PRODID" in cal


def test_ics_uids_are_stable_across_exports(planned_strategy):
    first = Calendar.from_ical(to_ics(planned_strategy(), TODAY, NOW))
    later = Calendar.from_ical(to_ics(planned_strategy(), TODAY, NOW + dt.timedelta(days=3)))
    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in later.walk("VEVENT")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_csv_cells_that_look_like_formulas_are_escaped(value, expected):
    assert safe_cell(value) == expected


def test_csv_lists_actions_then_dated_content(planned_strategy):
    rows = list(csv.reader(io.StringIO(to_csv(planned_strategy(), TODAY).decode("utf-8-sig"))))
    assert rows[0] == ["type", "what", "channel", "owner", "due", "status"]
    kinds = [r[0] for r in rows[1:]]
    assert kinds == sorted(kinds)  # actions first, then content
    assert kinds.count("content") == 12 + 4 + 53
    assert ["content", '\'=HYPERLINK("http://x")', "LinkedIn", "", "2026-12-07", ""] in rows


@pytest.mark.parametrize("name", ["plan.ics", "plan.csv"])
def test_exports_match_the_golden_files(name, planned_strategy):
    data = (
        to_ics(planned_strategy(), TODAY, NOW)
        if name.endswith("ics")
        else to_csv(planned_strategy(), TODAY)
    )
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_cli_writes_ics_and_csv(tmp_path, planned_strategy):
    src = tmp_path / "s.json"
    src.write_bytes(dumps(planned_strategy()))
    ics, plan_csv = tmp_path / "plan.ics", tmp_path / "plan.csv"
    code = main(
        ["calendar", str(src), "-o", str(ics), "--csv", str(plan_csv), "--today", TODAY.isoformat()]
    )
    assert code == 0
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 12
    assert plan_csv.read_bytes().startswith(b"\xef\xbb\xbftype,what")


def test_cli_calendar_refuses_a_bad_file(tmp_path, capsys):
    src = tmp_path / "s.json"
    src.write_text("{}")
    assert main(["calendar", str(src), "-o", str(tmp_path / "x.ics")]) == 2
    assert "schema_version" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize(
    "value",
    [
        " =1+1",
        "\n=1+1",
        "\u200b=1+1",
        "\x00=1+1",
        "\ufeff@SUM(1)",
        "\uff1d1+1",
        "\uff0b1",
        "\xa0-2",
        "\u3000=1",
        "\u2028=1",
        "\r\n+1",
        "\u3164=1",
        "\u034f=1",
        "\ufe0f=1",
        "\u2800@x",
        "\u180b=1",
        "\U000e0041=1",
        "\u0301=1",
    ],
)
def test_formula_variants_behind_invisible_or_full_width_characters_are_escaped(value):
    assert safe_cell(value) == "'" + value


def test_the_posts_csv_escapes_every_text_cell_from_an_upload():
    import pandas as pd

    from strategy.core.csvsafe import frame_csv

    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://evil")', "fine", None],
            "n": [-1, 2, 3],
            "=head": ["a", "b", "c"],
        }
    )
    rows = list(csv.reader(io.StringIO(frame_csv(frame).decode("utf-8-sig"))))
    assert rows[0] == ["text", "n", "'=head"]
    assert rows[1] == ['\'=HYPERLINK("http://evil")', "-1", "a"]  # numbers stay numbers
    assert rows[3] == ["", "3", "c"]


def test_export_is_complete_only_when_every_other_step_is():
    s = load_persona("hr_team")
    done = completed(s)
    assert ("export" in done) == (set(STEPS) - {"export"} <= set(done))
    s.profile.name = ""
    assert "export" not in completed(s)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_recurring_content_is_suggested_from_each_chosen_channels_cadence(lang):
    lib = load_library(language=lang)
    s = Strategy()
    s.channels.chosen = [ChannelChoice(channel=c) for c in ("linkedin", "youtube", "x")]
    s.plan.recurring = [RecurringItem(what="Weekly tip", channel=lib.channel_name("x"))]
    today = dt.date(2026, 12, 2)  # a Wednesday
    items = suggested_recurring(s, lib, today)
    assert [i.channel for i in items] == [lib.channel_name("linkedin"), lib.channel_name("youtube")]
    linkedin, youtube = items
    assert (linkedin.rhythm, linkedin.start) == ("weekly", dt.date(2026, 12, 8))  # next Tuesday
    assert (youtube.rhythm, youtube.start) == ("monthly", dt.date(2026, 12, 16))
    for item in items:
        assert 0 < len(item.what) <= 81 and not item.what.endswith((",", " "))
    s.plan.recurring += items
    assert suggested_recurring(s, lib, today) == []
