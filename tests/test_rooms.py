"""Workshop rooms: start, join, share, run and expire, on the in-memory store and on Redis."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader

from strategy.core.i18n import using
from strategy.core.library import library
from strategy.demo.personas import load_persona
from strategy.report import to_pdf
from strategy.rooms import aggregate, store
from strategy.rooms.model import MAX_TEXT, Share
from strategy.rooms.share import describe, guideline_options, make_share
from strategy.rooms.store import LIFETIME_S, MemoryBackend, RoomError, Rooms

LIB = library("en")
TODAY = dt.date(2026, 12, 2)


class Clock:
    """A clock the test moves by hand (both the room logic and the memory store read it)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "redis"])
def rooms(request, monkeypatch) -> Rooms:
    """A fresh store of each kind, with a clock the test moves."""
    clock = Clock()
    if request.param == "memory":
        return Rooms(MemoryBackend(clock=clock), clock=clock)
    monkeypatch.setenv("SOCIAL_WHY_ROOMS", request.getfixturevalue("redis_url"))
    made = store.from_environment()
    made.backend.flushdb()  # type: ignore[attr-defined]
    made.clock = clock
    return made


def share(participant: str, kind="why", text="", items=(), name="") -> Share:
    return Share(participant=participant, kind=kind, text=text, items=list(items), name=name)


def test_a_room_is_started_joined_and_shows_what_was_shared(rooms):
    code, secret = rooms.create()
    assert len(code) == 8 and secret not in code
    assert rooms.join(code.lower()[:4] + "-" + code.lower()[4:], "p1", "ip") == code
    rooms.join(code, "p2", "ip")
    rooms.share(code, share("p1", text="We post to be found."))
    rooms.share(code, share("p2", "channels", items=["linkedin", "mastodon"]))
    rooms.share(code, share("p1", text="We post to be found by recruiters."))  # replaces
    room = rooms.room(code)
    assert room is not None and room.participants == 2
    assert aggregate.wall(room, LIB) == ["We post to be found by recruiters."]
    assert aggregate.counts(room, LIB, "channels")["label"].tolist() == ["LinkedIn", "Mastodon"]


def test_one_room_never_sees_another(rooms):
    a, _sa = rooms.create()
    b, _sb = rooms.create()
    rooms.join(a, "p1", "ip")
    rooms.share(a, share("p1", text="only in a"))
    with pytest.raises(RoomError, match="reset"):
        rooms.share(b, share("p1", text="into b without joining"))
    room_b = rooms.room(b)
    assert room_b is not None and room_b.shares == [] and room_b.participants == 0


def test_the_facilitator_secret_is_needed_for_every_control(rooms):
    code, secret = rooms.create()
    other_code, other_secret = rooms.create()
    rooms.join(code, "p1", "ip")
    rooms.share(code, share("p1", text="hello"))
    for wrong in ("", "guess", other_secret, code):
        assert not rooms.is_facilitator(code, wrong)
        for control in (
            lambda w: rooms.set_open(code, w, []),
            lambda w: rooms.hide(code, w, "p1:why"),
            lambda w: rooms.reset(code, w),
            lambda w: rooms.end(code, w),
        ):
            with pytest.raises(RoomError):
                control(wrong)
    assert rooms.is_facilitator(code, secret) and rooms.is_facilitator(other_code, other_secret)
    assert aggregate.wall(rooms.room(code), LIB) == ["hello"]  # type: ignore[arg-type]


def test_controls_hide_close_reset_and_end(rooms):
    code, secret = rooms.create()
    rooms.join(code, "p1", "ip")
    rooms.share(code, share("p1", text="hide me"))
    rooms.hide(code, secret, "p1:why")
    assert aggregate.wall(rooms.room(code), LIB) == []  # type: ignore[arg-type]
    rooms.set_open(code, secret, ["channels"])
    with pytest.raises(RoomError, match="not opened"):
        rooms.share(code, share("p1", text="closed now"))
    rooms.share(code, share("p1", "channels", items=["linkedin"]))
    rooms.reset(code, secret)
    room = rooms.room(code)
    assert room is not None and room.shares == [] and room.participants == 0
    with pytest.raises(RoomError, match="join it again"):
        rooms.share(code, share("p1", "channels", items=["linkedin"]))
    rooms.end(code, secret)
    assert rooms.room(code) is None
    with pytest.raises(RoomError, match="no open room"):
        rooms.join(code, "p1", "ip")


def test_a_room_idle_past_its_lifetime_is_deleted(rooms):
    code, _secret = rooms.create()
    rooms.join(code, "p1", "ip")
    rooms.share(code, share("p1", text="x"))
    if isinstance(rooms.backend, MemoryBackend):
        rooms.clock.now += LIFETIME_S - 60  # type: ignore[attr-defined]
        rooms.share(code, share("p1", text="still here"))  # activity: a new lifetime
        rooms.clock.now += LIFETIME_S - 60  # type: ignore[attr-defined]
        assert rooms.room(code) is not None
        rooms.clock.now += 120  # type: ignore[attr-defined]
        assert rooms.room(code) is None
    else:  # Redis expires keys on its own clock: every key of the room carries the lifetime
        for key in (f"room:{code}:meta", f"room:{code}:people", f"room:{code}:shares"):
            assert 0 < rooms.backend.ttl(key) <= LIFETIME_S  # type: ignore[attr-defined]


def test_guessing_codes_is_slowed_and_then_refused_even_for_the_right_code(rooms):
    code, _secret = rooms.create()
    for _ in range(store.TRIES_PER_MINUTE):
        with pytest.raises(RoomError, match="no open room"):
            rooms.join("ABCDEFGH", "p", "attacker")
    with pytest.raises(RoomError, match="Too many tries"):
        rooms.join(code, "p", "attacker")
    assert rooms.join(code, "p", "someone else") == code  # others are not locked out
    # A good join leaves no counter behind (it would never expire).
    assert rooms.backend.get(f"tries:someone else:{int(rooms.clock() // 60)}") is None
    rooms.clock.now += 60  # type: ignore[attr-defined]
    assert rooms.join(code, "p", "attacker") == code


def test_a_full_room_refuses_the_next_participant(rooms, monkeypatch):
    monkeypatch.setattr(store, "MAX_PARTICIPANTS", 2)
    code, _secret = rooms.create()
    rooms.join(code, "p1", "ip")
    rooms.join(code, "p2", "ip")
    rooms.join(code, "p1", "ip")  # joining again is not a new participant
    with pytest.raises(RoomError, match="full"):
        rooms.join(code, "p3", "ip")


def test_the_server_refuses_rooms_past_its_maximum(monkeypatch):
    monkeypatch.setattr(store, "MAX_ROOMS", 3)
    clock = Clock()
    rooms = Rooms(MemoryBackend(clock=clock), clock=clock)
    for _ in range(3):
        rooms.create()
    with pytest.raises(RoomError, match="Too many rooms"):
        rooms.create()
    clock.now += LIFETIME_S + 1  # the idle ones expired: room for new ones
    rooms.create()


def test_a_share_is_capped_and_the_message_is_swedish_in_swedish():
    with pytest.raises(ValidationError):
        share("p", text="x" * (MAX_TEXT + 1))
    clock = Clock()
    rooms = Rooms(MemoryBackend(clock=clock), clock=clock)
    with using("sv"), pytest.raises(RoomError, match="Det finns inget öppet rum"):
        rooms.join("ABCDEFGH", "p", "ip")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_participant_shares_exactly_what_the_preview_shows(lang):
    with using(lang):
        lib = library(lang)
        s = load_persona("hr_team", lang, today=TODAY)
        s.why.statement = "  We  post\nto be found. " + "x" * 400
        why = make_share(s, lib, "why", participant="p", name="Kim")
        assert why is not None and why.text.startswith("We post to be found.")
        assert len(why.text) == MAX_TEXT and why.text.endswith("…")
        assert describe(why, lib).endswith("(Kim)")
        goal = make_share(s, lib, "goal", participant="p")
        assert goal is not None and goal.items == [s.why.top_goal] and goal.name == ""
        chosen = make_share(s, lib, "channels", participant="p")
        assert chosen is not None and chosen.items == [c.channel for c in s.channels.chosen]
        ready = make_share(s, lib, "readiness", participant="p")
        assert ready is not None and ready.items == s.why.readiness_done
        options = guideline_options(s, lib)
        favourite = make_share(s, lib, "guideline", participant="p", guideline=next(iter(options)))
        assert favourite is not None and favourite.text == next(iter(options.values()))
        s.why.statement = ""
        assert make_share(s, lib, "why", participant="p") is None


def test_a_personal_strategy_has_no_readiness_to_share():
    s = load_persona("career_changer", "en", today=TODAY)
    assert make_share(s, LIB, "readiness", participant="p") is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["linkedin", "mastodon", "youtube", "x"]), max_size=4)))
def test_channel_counts_are_participants_per_channel(picks):
    clock = Clock()
    rooms = Rooms(MemoryBackend(clock=clock), clock=clock)
    code, _secret = rooms.create()
    for n, items in enumerate(picks):
        rooms.join(code, f"p{n}", "ip")
        rooms.share(code, share(f"p{n}", "channels", items=items))
    table = aggregate.counts(rooms.room(code), LIB, "channels")  # type: ignore[arg-type]
    expected = Counter(i for items in picks for i in set(items))
    names = {c.id: c.name for c in LIB.channels.channel}
    assert dict(zip(table["label"], table["people"], strict=True)) == {
        names[i]: n for i, n in expected.items()
    }
    assert table["people"].is_monotonic_decreasing


def test_the_trainers_exports_are_safe_and_complete():
    clock = Clock()
    rooms = Rooms(MemoryBackend(clock=clock), clock=clock)
    code, secret = rooms.create()
    for n, text in enumerate(['=HYPERLINK("http://evil")', "We post to learn.", "Hidden one"]):
        rooms.join(code, f"p{n}", "ip")
        rooms.share(code, share(f"p{n}", text=text))
    rooms.join(code, "p9", "ip")
    rooms.share(code, share("p9", "readiness", items=["training"]))
    rooms.hide(code, secret, "p2:why")
    room = rooms.room(code)
    assert room is not None
    text = aggregate.to_csv(room, LIB).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "We post to learn." in text and "Hidden one" not in text
    assert "+00:00" in text  # when, with its zone
    ready = aggregate.readiness(room, LIB)
    assert ready["of"].eq(1).all() and ready["in_place"].sum() == 1
    pdf = to_pdf(aggregate.room_document(room, LIB, TODAY))
    words = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "We post to learn." in words and "Hidden one" not in words
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1  # a one-page handout, no cover


def test_leaving_stops_the_count_but_keeps_what_was_shared(rooms):
    code, _secret = rooms.create()
    rooms.join(code, "p1", "a")
    rooms.join(code, "p2", "b")
    rooms.share(code, share("p1", text="Kept."))
    rooms.leave(code.lower(), "p1")
    rooms.leave(code, "nobody")  # leaving twice, or never joined: no error
    room = rooms.room(code)
    assert room is not None and room.participants == 1
    assert [s.text for s in room.visible()] == ["Kept."]
    rooms.leave(code, "p2")
    room = rooms.room(code)
    assert room is not None and room.participants == 0  # the room outlives its last member
    with pytest.raises(RoomError, match="reset the room"):
        rooms.share(code, share("p2", text="After leaving."))
