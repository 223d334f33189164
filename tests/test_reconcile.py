"""What the steps derive for each other does not depend on which pages were opened."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from strategy.cli import main
from strategy.core.library import load_library
from strategy.core.model import Account, Strategy
from strategy.core.storage import dumps
from strategy.demo.personas import load_persona
from strategy.report import build_document, to_markdown
from strategy.report.calendar import to_ics
from strategy.steps.reconcile import reconcile
from ui.state import SESSION_KEY

PAGES = ["why", "audit", "channels", "guidelines", "plan", "analytics", "export", "canvas"]
TODAY = dt.date.today()  # the app schedules new actions from the real day
LIB = load_library()


def _outputs(s: Strategy) -> tuple[str, str, str]:
    md = to_markdown(build_document(s, LIB, today=TODAY, charts=False))
    ics = to_ics(s, TODAY, now=dt.datetime(2026, 1, 1, 12, 0)).decode()
    return dumps(s).decode(), md, ics


def _walk(make_app, order: list[str]) -> Strategy:
    at = make_app()
    at.run()
    at.button(key="demo_hr_team").click().run()
    s = at.session_state[SESSION_KEY].strategy
    # A change made on Audit (as its table would make it): an account the team won't use.
    s.audit.accounts = [*s.audit.accounts, Account(network="Snapchat", usage="wont_use")]
    for page in order:
        at.switch_page(f"pages/wizard/{page}.py").run()
        assert not at.exception, (page, at.exception)
    return at.session_state[SESSION_KEY].strategy


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exports_are_the_same_whatever_order_the_pages_were_visited_in(seed, tmp_path, make_app):
    order = PAGES[:]
    random.Random(seed).shuffle(order)
    walked = _outputs(_walk(make_app, order[:4]))  # some pages never opened
    straight = _outputs(_walk(make_app, ["export"]))  # straight to Export, Plan never opened
    assert walked == straight
    json_text, md, _ics = walked
    assert "Close this account\\: Snapchat" in md  # the Audit change reached the plan
    # The CLI on the saved file gives the same Markdown and calendar.
    saved = tmp_path / "s.json"
    saved.write_text(json_text, encoding="utf-8")
    assert main(["markdown", str(saved), "-o", str(tmp_path / "s.md")]) == 0
    assert (tmp_path / "s.md").read_text(encoding="utf-8") == md
    assert main(["calendar", str(saved), "-o", str(tmp_path / "s.ics")]) == 0
    stamp = re.compile(r"DTSTAMP:[0-9TZ]+")
    cli_ics = (tmp_path / "s.ics").read_bytes().decode("utf-8")
    assert stamp.sub("", cli_ics) == stamp.sub("", walked[2])


def test_the_cli_adds_what_a_file_saved_before_plan_was_opened_lacks(tmp_path):
    s = load_persona("hr_team", "en")
    s.audit.accounts = [*s.audit.accounts, Account(network="Snapchat", usage="wont_use")]
    saved = tmp_path / "old.json"
    saved.write_bytes(dumps(s))
    assert main(["markdown", str(saved), "-o", str(tmp_path / "old.md")]) == 0
    assert "Close this account\\: Snapchat" in (tmp_path / "old.md").read_text(encoding="utf-8")


def test_reconcile_is_idempotent_and_keeps_what_the_user_wrote():
    s = load_persona("hr_team", "en")
    s.why.statement = "Our own words."
    s.plan.actions = [a for a in s.plan.actions if a.source != "audit:baseline"]
    s.plan.dismissed = ["audit:baseline"]  # the user deleted the task
    once = reconcile(s, LIB, TODAY)
    assert reconcile(once, LIB, TODAY) is once  # nothing left to derive
    assert once.why.statement == "Our own words."
    assert "audit:baseline" not in {a.source for a in once.plan.actions}  # deleted stays deleted
    assert [c.channel for c in once.guidelines.cards] == [c.channel for c in s.channels.chosen]


def test_a_leading_goal_and_a_draft_sentence_follow_the_goals():
    s = Strategy()
    s.why.goals = ["new_job"]
    out = reconcile(s, LIB, TODAY)
    assert out.why.top_goal == "new_job"
    assert out.why.statement == "I use social media to land a new job."
    assert s.why.statement == ""  # the caller's object is left as it was
