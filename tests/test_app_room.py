"""The workshop room's pages in AppTest: the facilitator's controls and a participant's sharing."""

from __future__ import annotations

from conftest import new_app

from strategy.rooms.model import Share
from ui.room import rooms

ROOM_PAGE = "pages/workshop/room.py"


def start(app):
    app.switch_page(ROOM_PAGE).run()
    app.button(key="start_room").click().run()
    assert not app.exception
    code, key = app.query_params["room"], app.query_params["key"]
    assert app.title[0].value == f"Room {code[:4]}-{code[4:]}"
    return code, key


def test_a_facilitator_starts_a_room_and_sees_shares_hidden_or_not(app):
    code, key = start(app)
    assert rooms().is_facilitator(code, key)
    rooms().join(code, "p1", "test")
    rooms().share(code, Share(participant="p1", kind="why", text="We post to **be** found."))
    app.run()
    # Shared text is shown as typed: Markdown in it is escaped, never rendered.
    assert any("We post to \\*\\*be\\*\\* found." in m.value for m in app.markdown)
    picker = app.selectbox(key="w:room:answer:" + code)
    app.button(key="room_hide").click().run()
    assert picker.value == "p1:why"
    room = rooms().room(code)
    assert room is not None and room.visible() == []
    assert not any("found" in m.value for m in app.markdown if "Why" not in m.value)


def test_closing_a_kind_refuses_it_and_tells_the_participant(app):
    code, _key = start(app)
    app.multiselect(key="w:room:open:" + code).set_value(["channels"]).run()
    room = rooms().room(code)
    assert room is not None and room.open_kinds == ["channels"]
    participant = new_app()
    participant.query_params["room"] = code
    participant.run()
    participant.switch_page("pages/wizard/why.py").run()
    assert "The trainer has not opened sharing for this yet." in [
        c.value for c in participant.caption
    ]


def test_a_participant_joins_from_the_link_and_shares_exactly_the_preview():
    facilitator = new_app()
    code, _key = start(facilitator)
    participant = new_app()
    participant.query_params["room"] = code
    participant.run()
    assert any(f"Room {code[:4]}-{code[4:]}" in m.value for m in participant.sidebar.markdown)
    participant.switch_page("pages/wizard/why.py").run()
    participant.text_area(key="w:why.statement").input("We show how we work.").run()
    participant.text_input(key="w:room:name:why").input("Kim").run()
    assert "We show how we work. (Kim)" in [m.value for m in participant.markdown]
    participant.button(key="room_share:why").click().run()
    assert not participant.exception
    room = rooms().room(code)
    assert room is not None
    (shared,) = room.visible("why")
    assert (shared.text, shared.name) == ("We show how we work.", "Kim")


def test_a_wrong_facilitator_key_opens_no_controls(app):
    code, _key = start(new_app())
    app.query_params["room"] = code
    app.query_params["key"] = "not-the-key"
    app.switch_page(ROOM_PAGE).run()
    assert "not its facilitator link" in app.error[0].value
    assert [b.key for b in app.button if b.key].count("room_reset") == 0
