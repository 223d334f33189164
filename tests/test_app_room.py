"""The workshop room's pages in AppTest: the facilitator's controls and a participant's sharing."""

from __future__ import annotations

import json

from conftest import new_app
from test_app_restore import found, sent, state

from strategy.rooms.address import facilitator_link
from strategy.rooms.model import Share
from ui.browser_copy import copy_text
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


def joined(code: str):
    """A participant's session that opened the join link."""
    participant = new_app()
    participant.query_params["room"] = code
    participant.run()
    assert not participant.exception
    return participant


def test_a_reload_counts_the_participant_once_and_keeps_their_share():
    code, _key = start(new_app())
    first = joined(code)
    first.switch_page("pages/wizard/why.py").run()
    first.text_area(key="w:why.statement").input("We show how we work.").run()
    first.button(key="room_share:why").click().run()
    token = state(first).room_token
    copy = copy_text(state(first))[0]
    assert json.loads(copy)["room"] == {"code": code, "token": token}
    # F5: a new session opens the same link, then the browser hands back its copy.
    again = joined(code)
    room = rooms().room(code)
    assert room is not None and room.participants == 2  # before the copy arrives
    found(again, copy)
    room = rooms().room(code)
    assert room is not None and room.participants == 1
    assert state(again).room == code and state(again).room_token == token
    again.switch_page("pages/wizard/why.py").run()
    again.text_area(key="w:why.statement").input("We show how we work, daily.").run()
    again.button(key="room_share:why").click().run()
    room = rooms().room(code)
    assert room is not None
    assert [s.text for s in room.visible("why")] == ["We show how we work, daily."]


def test_a_participant_who_only_joined_is_kept_too():
    code, _key = start(new_app())
    participant = joined(code)
    written = sent(participant)
    assert written.get("op") == "write"  # no work typed: the room alone is kept
    assert json.loads(written["copy"])["room"]["code"] == code


def test_a_kept_room_that_ended_is_left_alone():
    facilitator = new_app()
    code, key = start(facilitator)
    participant = joined(code)
    participant.text_input(key="w:profile.name").input("Kim").run()
    copy = copy_text(state(participant))[0]
    rooms().end(code, key)
    fresh = new_app()
    fresh.run()
    found(fresh, copy)
    assert state(fresh).room is None
    assert state(fresh).strategy.profile.name == "Kim"


def test_leaving_stops_the_count_and_the_link_does_not_join_again():
    code, _key = start(new_app())
    participant = joined(code)
    participant.button(key="leave_room").click().run()
    assert state(participant).room is None
    assert "room" not in participant.query_params
    participant.run()
    room = rooms().room(code)
    assert state(participant).room is None and room is not None and room.participants == 0


def test_the_facilitator_link_at_the_root_opens_the_controls():
    code, key = start(new_app())
    link = facilitator_link("http://example.org", code, key)
    assert link.startswith("http://example.org/?")
    other = new_app()
    other.query_params["room"] = code
    other.query_params["key"] = key
    other.run()
    assert not other.exception
    assert other.title[0].value == f"Room {code[:4]}-{code[4:]}"
    assert [b.key for b in other.button if b.key].count("room_reset") == 1
    room = rooms().room(code)
    assert room is not None and room.participants == 0  # the facilitator did not join


def test_clear_my_data_leaves_a_room_joined_by_its_code():
    code, _key = start(new_app())
    participant = new_app()
    participant.run()
    participant.text_input(key="w:room:code").input(f"{code[:4]}-{code[4:]}".lower()).run()
    participant.button(key="join_room").click().run()
    room = rooms().room(code)
    assert state(participant).room == code and room is not None and room.participants == 1
    participant.button(key="confirm_clear").click().run()
    room = rooms().room(code)
    assert state(participant).room is None and room is not None and room.participants == 0
