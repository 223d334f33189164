"""AppTest: the work kept in the browser's storage, sent as it changes and restored once.

AppTest has no browser: what the page's script would send back (the stored copy, as the
component's `found` trigger) is put into the next run's widget states here, and what the app
sends the script is read from the component's data.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import new_app
from export_fixtures import x_legacy_en
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetState

from strategy.core.model import Strategy
from strategy.demo.personas import load_persona
from ui.browser_copy import STATE_KEY, copy_text, read_copy
from ui.state import SESSION_KEY, AppState


def state(at) -> AppState:
    return at.session_state[SESSION_KEY]


def copy_component(at):
    """The browser copy's component (the page has other invisible components too)."""
    (element,) = [
        e for e in at.get("bidi_component") if e.proto.component_name.endswith("browser_copy")
    ]
    return element


def sent(at) -> dict:
    """What this run told the page's script: nonce, ready, and an operation when there is one."""
    return json.loads(copy_component(at).proto.json)


def found(at, text: str):
    """Run again as the page's script does when it found a copy in the browser."""
    element = copy_component(at)
    widgets = at._tree.get_widget_states()
    widgets.widgets.append(
        WidgetState(
            id=_make_trigger_id(element.proto.id, "events"),
            json_trigger_value=json.dumps([{"event": "found", "value": text}]),
        )
    )
    at._run(widgets)
    assert not at.exception, at.exception
    return at


def kept(strategy: Strategy, persona: str | None = None, workshop: bool = False) -> str:
    """The copy another session of this browser kept."""
    return copy_text(AppState(strategy=strategy, persona=persona, workshop=workshop))[0]


def restored_line(at) -> bool:
    return any("Restored from this browser" in c.value for c in at.caption)


def test_an_untouched_session_keeps_nothing_and_a_change_is_sent_once(app):
    first = sent(app)
    assert first["ready"] is False and "op" not in first
    app.text_input(key="w:profile.name").input("Kept Marker").run()
    write = sent(app)
    assert write["op"] == "write" and write["seq"] == 1 and write["nonce"] == first["nonce"]
    copy = read_copy(write["copy"])
    assert copy.strategy == state(app).strategy and copy.persona is None
    # The copy is the strategy as a saved file holds it, in an envelope.
    doc = json.loads(write["copy"])
    assert doc["strategy"]["profile"]["name"] == "Kept Marker" and doc["format"] == 1
    app.run()  # nothing changed: nothing is sent
    assert sent(app) == {"nonce": first["nonce"], "ready": False, "seq": 1}
    app.text_input(key="w:profile.name").input("").run()  # back to untouched: the copy goes
    assert sent(app)["op"] == "remove"


def test_a_kept_copy_is_restored_with_a_line_to_start_fresh(app):
    s = Strategy(created=dt.date(2026, 1, 5))
    s.profile.name = "Restored Marker"
    s.why.statement = "I use social media to be found."
    found(app, kept(s))
    assert state(app).strategy.profile.name == "Restored Marker"
    assert app.text_input(key="w:profile.name").value == "Restored Marker"
    assert restored_line(app)
    assert sent(app)["ready"] is True and sent(app)["op"] == "write"
    # The script reads once per session: a second copy sent is not restored over the first.
    other = Strategy()
    other.profile.name = "Other"
    found(app, kept(other))
    assert state(app).strategy.profile.name == "Restored Marker"

    app.button(key="start_fresh").click().run()
    assert not app.exception
    assert state(app).strategy.profile.name == ""
    assert not restored_line(app)
    assert sent(app)["op"] == "remove" and sent(app)["ready"] is True
    assert app.text_input(key="w:profile.name").value == ""


def test_the_line_goes_once_the_work_goes_on(app):
    s = Strategy()
    s.profile.name = "Restored Marker"
    found(app, kept(s))
    assert restored_line(app)
    app.switch_page("pages/wizard/why.py").run()
    assert restored_line(app)  # another page, the same restored work
    app.switch_page("pages/wizard/start.py").run()
    app.text_input(key="w:profile.name").input("Went on").run()
    assert not restored_line(app)
    assert read_copy(sent(app)["copy"]).strategy.profile.name == "Went on"


def test_the_demo_and_workshop_mode_come_back_with_the_work():
    at = new_app()
    at.query_params["mode"] = "workshop"
    at.run()
    found(at, kept(load_persona("hr_team"), persona="hr_team"))
    assert state(at).persona == "hr_team" and state(at).workshop
    assert state(at).strategy.profile.name == "Northwind HR (demo)"
    assert "(made-up data)" in " ".join(c.value for c in at.sidebar.caption)
    # Workshop mode kept in the copy turns it on again in a session opened without the URL.
    other = new_app()
    other.run()
    found(other, kept(Strategy(), persona="hr_team", workshop=True))
    assert state(other).workshop and other.toggle(key="workshop_toggle").value


def test_clear_my_data_removes_the_copy(app):
    app.text_input(key="w:profile.name").input("Someone").run()
    assert sent(app)["op"] == "write"
    app.button(key="confirm_clear").click().run()
    assert not app.exception
    assert state(app).strategy.profile.name == ""
    assert sent(app)["op"] == "remove" and sent(app)["ready"] is True
    app.run()
    assert "op" not in sent(app)


def test_uploads_never_go_into_the_copy(app):
    app.text_input(key="w:profile.name").input("Uploader").run()
    app.switch_page("pages/wizard/analytics.py").run()
    app.file_uploader(key="analytics_upload").upload("t.csv", x_legacy_en(), "text/csv").run()
    assert len(state(app).datasets) == 1
    text = copy_text(state(app))[0]
    assert "Post 0" not in text and "t.csv" not in text
    assert set(json.loads(text)) == {"app", "format", "persona", "workshop", "room", "strategy"}


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "null",
        "[1, 2]",
        json.dumps({"app": "social-why", "format": 2, "strategy": {}}),
        json.dumps({"app": "other", "format": 1, "strategy": {"schema_version": 1}}),
        json.dumps({"app": "social-why", "format": 1, "strategy": {"schema_version": 999}}),
        json.dumps({"app": "social-why", "format": 1, "strategy": {"schema_version": "x"}}),
        json.dumps({"app": "social-why", "format": 1, "strategy": "[" * 5000}),
        "[" * 100_000,
    ],
)
def test_a_bad_copy_is_ignored_with_a_quiet_note(app, text):
    found(app, text)
    assert state(app).strategy.profile.name == ""
    assert not restored_line(app)
    assert any("could not be read" in t.value for t in app.toast)
    assert "op" not in sent(app)  # the bad copy stays until there is work to keep instead
    app.text_input(key="w:profile.name").input("New work").run()
    assert sent(app)["op"] == "write"


def test_a_copy_arriving_after_the_session_has_work_does_not_replace_it(app):
    app.text_input(key="w:profile.name").input("Typed first").run()
    s = Strategy()
    s.profile.name = "Kept earlier"
    found(app, kept(s))
    assert state(app).strategy.profile.name == "Typed first"
    assert not restored_line(app)
    assert app.session_state[STATE_KEY].ready
