"""AppTest: the language picked on Start drives every page, the demos and the session only."""

from __future__ import annotations

import pytest

from strategy.core.i18n import using
from strategy.demo.personas import load_persona
from ui.state import SESSION_KEY

# One fixed Swedish line each page shows, from the catalogue or the Swedish content.
SWEDISH_PAGES = {
    "why": "Hitta ditt varför",
    "audit": "Förra året: vad var värt det?",
    "channels": "Din kortlista",
    "guidelines": "Husregler för alla kanaler",
    "plan": "Återkommande innehåll",
    "analytics": "Ett konto i taget: tillväxt, bästa tid, tumreglerna",
    "export": "Strategidokument",
    "canvas": "Kommande 90 dagar",
}


def state(at):
    return at.session_state[SESSION_KEY]


def texts(at) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "warning")
        for e in getattr(at, kind)
    ]
    parts += [b.label for b in at.button] + [p.label for p in at.sidebar.get("page_link")]
    return "\n".join(str(p) for p in parts)


def swedish_app(make_app):
    at = make_app()
    at.run()
    at.radio(key="w:profile.language").set_value("sv").run()
    assert not at.exception
    return at


def test_picking_swedish_on_start_turns_the_interface_swedish(app):
    assert "Who is this strategy for?" in texts(app)
    app.radio(key="w:profile.language").set_value("sv").run()
    assert state(app).strategy.profile.language == "sv"
    shown = texts(app)
    assert "Vem gäller strategin?" in shown and "Who is this strategy for?" not in shown
    assert "Nästa" in [b.label for b in app.button]
    assert {"Varför", "Genomgång", "Strategiöversikt"} <= {
        p.label.removesuffix(" ✓") for p in app.sidebar.get("page_link")
    }
    kinds = app.radio(key="w:profile.kind").options
    assert kinds == ["Mig, personligen", "En organisation eller ett team"]


def test_next_and_back_work_in_swedish(make_app):
    at = swedish_app(make_app)
    at.button(key="next_start").click().run()
    assert "Hitta ditt varför" in [t.value for t in at.title]
    assert at.button(key="next_why").disabled
    assert "Välj minst ett mål först." in [c.value for c in at.caption]
    at.button(key="back_why").click().run()
    assert "Vem gäller strategin?" in [t.value for t in at.title]


@pytest.mark.parametrize("page", list(SWEDISH_PAGES))
def test_every_page_speaks_swedish_with_a_swedish_demo(page, make_app):
    at = swedish_app(make_app)
    at.button(key="demo_hr_team").click().run()
    assert state(at).strategy == load_persona("hr_team", "sv")
    at.switch_page(f"pages/wizard/{page}.py").run()
    assert not at.exception, at.exception
    assert SWEDISH_PAGES[page] in texts(at)
    assert "Next" not in [b.label for b in at.button]


def test_the_swedish_demo_is_labelled_and_its_analytics_are_swedish(make_app):
    at = swedish_app(make_app)
    at.button(key="demo_career_changer").click().run()
    assert "(påhittade data)" in " ".join(c.value for c in at.sidebar.caption)
    at.switch_page("pages/wizard/analytics.py").run()
    captions = " ".join(c.value for c in at.caption)
    assert "Karriärbytare" in captions
    assert "av 6 regler visade" in captions  # the rule tester's reading
    assert "Regel" in at.dataframe[-2].value.columns
    assert "Interaktioner per följare" in at.dataframe[-1].value.columns  # the top posts


def test_one_sessions_language_never_reaches_another(make_app):
    swedish, english = swedish_app(make_app), make_app()
    english.run()
    swedish.run()
    english.run()
    assert "Who is this strategy for?" in texts(english)
    assert "Vem gäller strategin?" in texts(swedish)


def test_workshop_notes_are_swedish(make_app):
    at = make_app()
    at.query_params["mode"] = "workshop"
    at.run()
    at.radio(key="w:profile.language").set_value("sv").run()
    notes = " ".join(m.value for m in at.markdown)
    assert "Fråga gruppen:" in notes and "Ask the room" not in notes


def test_a_resumed_swedish_file_opens_in_swedish(app):
    """The language is saved in the file; resuming puts the whole strategy back, language too."""
    from strategy.core.storage import dumps, loads

    resumed = loads(dumps(load_persona("career_changer", "sv")), name="saved.json")
    app.session_state[SESSION_KEY].strategy = resumed  # what Start does after an upload
    app.run()
    assert "Vem gäller strategin?" in texts(app)


def test_an_own_rule_is_written_and_refused_in_swedish(make_app):
    at = swedish_app(make_app)
    at.switch_page("pages/wizard/analytics.py").run()
    assert "Testa en egen tumregel" in " ".join(m.value for m in at.markdown)
    # AppTest formats every select's options in the test's thread: in Swedish, as the page did.
    with using("sv"):
        at.text_input(key="w:own_rule:name").set_value("Helger").run()
        at.selectbox(key="w:own_rule:kind0").set_value("weekday").run()
        at.button(key="own_rule_add").click().run()
        assert any("Del 1" in e.value and "Välj minst en veckodag" in e.value for e in at.error)
        at.multiselect(key="w:own_rule:days0").set_value([5, 6]).run()
        at.button(key="own_rule_add").click().run()
    assert not at.exception and not at.error
    assert "Helger" in at.dataframe[-2].value["Regel"].tolist()
    assert "inlägg publicerade på Lör, Sön" in " ".join(m.value for m in at.markdown)
