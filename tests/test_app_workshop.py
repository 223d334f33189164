"""AppTest: demo personas, workshop mode (notes, timer, projector type), clearing, the canvas."""

from __future__ import annotations

import pytest

from strategy.demo.personas import load_persona, personas
from ui.state import SESSION_KEY


def go(at, page):
    at.switch_page(f"pages/wizard/{page}.py").run()
    assert not at.exception, at.exception
    return at


def state(at):
    return at.session_state[SESSION_KEY]


@pytest.mark.parametrize("persona", [p.id for p in personas()])
def test_a_persona_loads_in_one_click_and_is_labelled_demo(app, persona):
    app.button(key=f"demo_{persona}").click().run()
    assert not app.exception
    assert state(app).strategy == load_persona(persona)
    assert state(app).persona == persona
    assert "(made-up data)" in " ".join(c.value for c in app.sidebar.caption)
    for step in ["why", "audit", "channels", "guidelines", "plan", "analytics", "export", "canvas"]:
        go(app, step)


def test_loading_a_demo_over_real_work_asks_first(app):
    app.text_input(key="w:profile.name").input("My real work").run()
    assert app.button(key="demo_hr_team").disabled
    app.checkbox(key="w:demo_sure").check().run()
    app.button(key="demo_hr_team").click().run()
    assert state(app).strategy.profile.name == "Northwind HR (demo)"


def test_persona_analytics_show_only_its_own_accounts(app):
    app.button(key="demo_career_changer").click().run()
    go(app, "analytics")
    assert app.selectbox(key="w:rules_account").options == ["linkedin · Alex Berg"]
    assert "Career changer" in " ".join(c.value for c in app.caption)


def test_personas_are_complete_strategies():
    for persona in personas():
        s = load_persona(persona.id)
        assert s.why.goals and s.why.statement and s.audit.accounts and s.channels.chosen
        assert len(s.guidelines.cards) == len(s.channels.chosen)
        assert s.plan.actions and s.plan.recurring and s.plan.review_date


def test_workshop_mode_from_the_url_shows_notes_timer_and_large_type(make_app):
    at = make_app()
    at.query_params["mode"] = "workshop"
    at.run()
    assert not at.exception
    assert state(at).workshop
    page = " ".join(m.value for m in at.markdown)
    assert "Ask the room:" in page and "Typical answers:" in page
    assert at.metric[0].value == "05:00"
    # Projector type: a larger root size scales all of Streamlit (see ui/layout_css.py).
    assert any("html { font-size: 22px; }" in h.proto.body for h in at.get("html"))


def test_the_timer_starts_pauses_and_resets(app):
    app.toggle(key="workshop_toggle").set_value(True).run()
    go(app, "why")
    assert app.metric[0].value == "15:00"
    app.button(key="timer_go_why").click().run()
    timer = state(app).timers["why"]
    assert timer["end"] is not None
    app.button(key="timer_go_why").click().run()
    assert timer["end"] is None and 0 < timer["left"] <= 900
    app.button(key="timer_reset_why").click().run()
    assert state(app).timers["why"]["left"] == 900


def test_without_workshop_mode_there_are_no_notes(app):
    assert "Ask the room:" not in " ".join(m.value for m in app.markdown)
    assert not app.metric


def test_clear_my_data_empties_the_session_uploads_included(app, exports):
    app.text_input(key="w:profile.name").input("Someone").run()
    go(app, "analytics")
    app.file_uploader(key="analytics_upload").upload(
        "t.csv", exports.x_legacy_en(), "text/csv"
    ).run()
    assert len(state(app).datasets) == 1
    app.button(key="confirm_clear").click().run()
    assert not app.exception
    assert state(app).strategy.profile.name == ""
    assert state(app).datasets == [] and state(app).handled_uploads == []
    assert "Showing made-up demo data" in " ".join(c.value for c in app.caption)


def test_the_canvas_shows_the_strategy_on_one_page(app):
    app.button(key="demo_hr_team").click().run()
    go(app, "canvas")
    page = " ".join(m.value for m in app.markdown)
    assert "LinkedIn" in page and "TikTok (experiment)" in page
    assert "Northwind HR (demo)" in app.title[0].value
    assert "Review on" in " ".join(m.value for m in app.markdown)
