"""The binding API (ui.bind) on a small script of its own: seed, write back, refuse, reseed, forget.

Each test runs `script` below under AppTest with a strategy put in the session first, so what
the widget shows and what the strategy holds can be compared run by run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from strategy.core.model import Strategy
from ui.state import SESSION_KEY, AppState, wkey


def script() -> None:
    """A page binding one widget of each kind (AppTest runs this function's body as a script)."""
    import datetime as dt

    import streamlit as st

    from strategy.core.model import Strategy
    from ui import bind
    from ui.state import replace_strategy, strategy, wkey

    bind.text("Name", "profile.name")  # no max_chars: the model refuses a long name itself
    bind.text("Why", "why.statement", area=True)
    bind.choice("Kind", "profile.kind", ["personal", "organisation"], style="radio")
    goals = ["new_job", "learn"]
    bind.many("Goals", "why.goals", goals)
    bind.flag("Baseline", "audit.baseline_done")
    bind.day("Review", "plan.review_date")
    # A value no dotted path reaches: the top goal, shown in capitals.
    bind.text(
        "Top",
        bind.field(
            "top",
            get=lambda: (strategy().why.top_goal or "").upper(),
            put=lambda v: setattr(strategy().why, "top_goal", v.lower()),
        ),
    )
    # A choice whose options follow the strategy: the goals picked.
    if strategy().why.top_goal:
        bind.choice("Leading", "why.top_goal", strategy().why.goals)
    draft = bind.text("Draft", bind.local(wkey("draft", "text")), value="not saved")
    bind.flag("Workshop", bind.setting("workshop", key="test_workshop"), style="toggle")
    st.write(f"draft={draft}")
    if st.button("Suggest", key="suggest"):
        bind.reseed("why.statement", "A suggested sentence.")
        st.rerun()
    if st.button("Resume", key="resume"):
        replace_strategy(Strategy(created=dt.date(2025, 1, 1), profile={"name": "Resumed"}))
        st.rerun()
    if st.button("Forget draft", key="forget"):
        bind.forget_under("draft")
        st.rerun()


def run(**strategy: object) -> AppTest:
    at = AppTest.from_function(script, default_timeout=30)
    at.session_state[SESSION_KEY] = AppState(
        strategy=Strategy.model_validate({"created": "2025-01-01", **strategy})
    )
    at.run()
    assert not at.exception, at.exception
    return at


def stored(at: AppTest) -> Strategy:
    return at.session_state[SESSION_KEY].strategy


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_a_widget_is_seeded_from_the_strategy_under_the_key_of_its_path():
    at = run(
        profile={"name": "Ada", "kind": "organisation"},
        why={"statement": "Because.", "goals": ["learn"], "top_goal": "learn"},
        audit={"baseline_done": True},
        plan={"review_date": "2030-05-17"},
    )
    assert at.text_input(key=wkey("profile.name")).value == "Ada"
    assert at.text_area(key=wkey("why.statement")).value == "Because."
    assert at.radio(key=wkey("profile.kind")).value == "organisation"
    assert at.multiselect(key=wkey("why.goals")).value == ["learn"]
    assert at.checkbox(key=wkey("audit.baseline_done")).value is True
    assert at.date_input(key=wkey("plan.review_date")).value == dt.date(2030, 5, 17)
    assert at.text_input(key=wkey("top")).value == "LEARN"


def test_a_change_is_written_back_before_the_page_runs_again():
    at = run()
    at.text_input(key=wkey("profile.name")).input("Grace").run()
    assert stored(at).profile.name == "Grace"
    at.radio(key=wkey("profile.kind")).set_value("organisation").run()
    at.multiselect(key=wkey("why.goals")).set_value(["new_job"]).run()
    at.checkbox(key=wkey("audit.baseline_done")).check().run()
    at.date_input(key=wkey("plan.review_date")).set_value(dt.date(2031, 2, 3)).run()
    s = stored(at)
    assert (s.profile.kind, s.why.goals, s.audit.baseline_done) == (
        "organisation",
        ["new_job"],
        True,
    )
    assert s.plan.review_date == dt.date(2031, 2, 3)
    # A field target writes through its own function.
    at.text_input(key=wkey("top")).input("NEW_JOB").run()
    assert stored(at).why.top_goal == "new_job"


def test_a_refused_value_keeps_the_old_one_and_says_why_until_a_valid_one_comes():
    at = run(profile={"name": "Ada"})
    at.text_input(key=wkey("profile.name")).input("x" * 300).run()
    assert stored(at).profile.name == "Ada"
    assert "Name: " in errors(at) and "Your last valid entry is kept." in errors(at)
    assert at.session_state["error:profile.name"]
    at.text_input(key=wkey("profile.name")).input("Ada Lovelace").run()
    assert stored(at).profile.name == "Ada Lovelace"
    assert not at.error and "error:profile.name" not in at.session_state


def test_a_refused_value_of_a_field_target_is_said_under_that_widget():
    at = run(why={"goals": ["learn"], "top_goal": "learn"})
    at.text_input(key=wkey("top")).input("NOT AN ID!").run()  # Ident: lower case, no spaces
    assert stored(at).why.top_goal == "learn"
    assert errors(at).startswith("Top: ") and "error:top" in at.session_state


def test_reseed_sets_the_value_and_the_widget_shows_it():
    at = run(why={"statement": "Mine."})
    at.text_area(key=wkey("why.statement")).input("Mine, edited.").run()
    at.button(key="suggest").click().run()
    assert stored(at).why.statement == "A suggested sentence."
    assert at.text_area(key=wkey("why.statement")).value == "A suggested sentence."


def test_a_choice_whose_value_is_no_longer_offered_is_seeded_again():
    at = run(why={"goals": ["new_job", "learn"], "top_goal": "learn"})
    assert at.selectbox(key=wkey("why.top_goal")).value == "learn"
    # Code elsewhere drops the leading goal: its option goes, the choice shows the new one.
    stored(at).why.goals, stored(at).why.top_goal = ["other", "new_job"], "new_job"
    at.run()
    assert not at.exception
    assert at.selectbox(key=wkey("why.top_goal")).value == "new_job"


def test_stored_values_that_are_not_offered_are_kept_but_not_shown():
    at = run(why={"goals": ["learn", "a_goal_of_the_other_kind"]})
    assert at.multiselect(key=wkey("why.goals")).value == ["learn"]
    assert stored(at).why.goals == ["learn", "a_goal_of_the_other_kind"]


def test_a_resumed_strategy_is_shown_and_session_values_go_but_settings_stay():
    at = run(profile={"name": "Ada"})
    at.text_input(key=wkey("draft", "text")).input("half a thought").run()
    at.toggle(key="test_workshop").set_value(True).run()
    assert at.session_state[SESSION_KEY].workshop
    at.button(key="resume").click().run()
    assert at.text_input(key=wkey("profile.name")).value == "Resumed"
    assert at.text_input(key=wkey("draft", "text")).value == "not saved"  # forgotten
    assert at.toggle(key="test_workshop").value is True
    assert at.session_state[SESSION_KEY].workshop


def test_a_local_widget_writes_nothing_and_forget_under_empties_a_draft():
    at = run(profile={"name": "Ada"})
    before = stored(at).model_dump()
    at.text_input(key=wkey("draft", "text")).input("half a thought").run()
    assert "draft=half a thought" in " ".join(m.value for m in at.markdown)
    assert stored(at).model_dump() == before
    at.button(key="forget").click().run()
    assert at.text_input(key=wkey("draft", "text")).value == "not saved"


def test_a_value_sent_for_a_forgotten_widget_is_not_written(monkeypatch):
    import streamlit as st

    from ui import bind

    # What a callback finds when a resume deleted the key before the browser's value came.
    monkeypatch.setattr(st, "session_state", {})
    written: list = []
    target = bind.field("gone", get=lambda: "", put=written.append)
    assert bind.current(target.key) is bind.STALE
    bind._changed(target)
    assert written == []
    st.session_state[target.key] = "typed"
    bind._changed(target)
    assert written == ["typed"]


def test_a_bound_widget_refuses_a_default_of_its_own():
    from ui import bind

    with pytest.raises(TypeError, match="seeded from its target"):
        bind._render(lambda *a, **k: None, "Name", "profile.name", value="x")


def test_a_setting_key_must_outlive_the_strategy():
    from ui import bind

    with pytest.raises(ValueError, match="outlive"):
        bind.setting("workshop", key=wkey("workshop"))


def test_unpicking_the_experiment_channel_leaves_no_experiment_on_the_channels_page(app):
    # The experiment's choice loses its option when its channel is unpicked: it is seeded
    # again from the strategy (no experiment) instead of naming a channel no longer picked.
    app.switch_page("pages/wizard/channels.py").run()
    app.checkbox(key=wkey("pick_linkedin")).check().run()
    app.checkbox(key=wkey("pick_youtube")).check().run()
    app.selectbox(key=wkey("experiment_pick")).set_value("youtube").run()
    assert stored(app).channels.chosen[1].review_date  # the suggested day, at once
    app.checkbox(key=wkey("pick_youtube")).uncheck().run()
    assert not app.exception
    assert app.selectbox(key=wkey("experiment_pick")).value == ""
    assert [c.experiment for c in stored(app).channels.chosen] == [False]
