"""Demo personas open on today's calendar, and each task has one due date everywhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from strategy.core.library import DEFAULT_ROOT, library
from strategy.core.model import Account
from strategy.demo.personas import load_persona, personas
from strategy.report.calendar import to_csv, to_ics
from strategy.steps.audit import planned_account_actions
from strategy.steps.reconcile import reconcile

WORKSHOP_DAYS = [dt.date(2026, 12, 2), dt.date(2027, 3, 31), dt.date(2028, 2, 29)]
IDS = [p.id for p in personas("en")]


def raw_dates(persona_id: str) -> tuple[dt.date, list[dt.date]]:
    """The file's created day and its actions' due days, read without the app's loader."""
    data = json.loads((DEFAULT_ROOT / "en" / "personas" / f"{persona_id}.json").read_text())
    dues = [dt.date.fromisoformat(a["due"]) for a in data["plan"]["actions"] if a.get("due")]
    return dt.date.fromisoformat(data["created"]), dues


@pytest.mark.parametrize("today", WORKSHOP_DAYS, ids=str)
@pytest.mark.parametrize("persona_id", IDS)
def test_a_demo_keeps_its_schedule_but_starts_on_the_day_it_is_opened(persona_id, today):
    created, dues = raw_dates(persona_id)
    s = load_persona(persona_id, "en", today=today)
    assert s.created == today
    assert [a.due for a in s.plan.actions if a.due] == [d + (today - created) for d in dues]
    open_tasks = [a for a in s.plan.actions if a.due and a.status != "done"]
    assert open_tasks and all(a.due >= today for a in open_tasks), "overdue on the demo's day"


@pytest.mark.parametrize("persona_id", IDS)
def test_audit_plan_csv_and_ics_give_a_task_the_same_due_date(persona_id):
    opened, later = dt.date(2026, 12, 2), dt.date(2027, 1, 20)
    lib = library("en")
    s = load_persona(persona_id, "en", today=opened)
    s.audit.accounts.append(Account(network="Snapchat", handle="@old", usage="wont_use"))
    s = reconcile(s, lib, opened)
    # Weeks later the same file is opened again: no date may be scheduled afresh.
    s = reconcile(s, lib, later)
    plan_due = {a.what: a.due for a in s.plan.actions}
    audit = planned_account_actions(s, lib, later)
    assert any("Snapchat" in a.what for a in audit)
    for task in audit:
        assert task.due == plan_due[task.what] != later + dt.timedelta(days=14)
    rows = list(csv.DictReader(io.StringIO(to_csv(s, later).decode("utf-8-sig"))))
    csv_due = {r["what"]: r["due"] for r in rows if r["type"] == "action"}
    ics = icalendar.Calendar.from_ical(to_ics(s, later))
    ics_due = {str(e["SUMMARY"]): e["DTSTART"].dt for e in ics.walk("VEVENT")}
    for task in audit:
        assert csv_due[task.what] == task.due.isoformat()
        if task.status != "done":
            assert ics_due[task.what] == task.due


def test_a_task_removed_from_the_plan_is_not_listed_on_audit():
    lib, today = library("en"), dt.date(2026, 12, 2)
    s = load_persona("hr_team", "en", today=today)
    s.audit.accounts.append(Account(network="Snapchat", handle="@old", usage="wont_use"))
    s = reconcile(s, lib, today)
    (close,) = [a for a in s.plan.actions if "Snapchat" in a.what]
    s.plan.actions.remove(close)
    s.plan.dismissed.append(close.source or "")
    assert all("Snapchat" not in a.what for a in planned_account_actions(s, lib, today))
