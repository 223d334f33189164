"""The participant's side of a workshop room: join from the link, the sidebar line, sharing.

A participant joins by opening the room's link (`/?room=CODE`, also the QR code) or typing
the code on the Start page. Sharing is always the participant's own act: each panel shows
exactly what would be shared (the payload itself, not a description of it), lets them add
their name or stay anonymous, and shares on a button press. Nothing else leaves the session.
"""

from __future__ import annotations

import streamlit as st

from strategy.core.i18n import _
from strategy.rooms.model import Kind
from strategy.rooms.share import describe, guideline_options, make_share
from strategy.rooms.store import RoomError, Rooms, from_environment, normal_code, shown_code
from ui import bind
from ui.state import app_state, lib, wkey
from ui.text import safe


@st.cache_resource
def rooms() -> Rooms:
    """The server's rooms (one per process, or Redis shared by several replicas).

    The one store of user-derived data that outlives a session, by design: only what
    participants shared, per room, deleted when the room ends, is reset or expires.
    """
    return from_environment()


def client_id() -> str:
    """Who is joining, for the limit on failed tries: the browser's address if known."""
    address = getattr(st.context, "ip_address", None)
    return address or app_state().room_token


def join(code: str) -> bool:
    """Join a room by its code; on refusal, say why and return False."""
    state = app_state()
    try:
        state.room = rooms().join(code, state.room_token, client_id())
    except RoomError as exc:
        st.error(str(exc), icon=":material/meeting_room:")
        return False
    return True


def rejoin(code: str, token: str) -> None:
    """Take back a room membership this browser kept (a reload, a new session).

    The new session may already have joined the same room from the link, under a token of its
    own: that one leaves, so the room counts the person once and their shares stay theirs.
    A room that ended, or another room joined by the link, leaves the session as it is.
    """
    state = app_state()
    if state.room and state.room != normal_code(code):
        return
    try:
        joined = rooms().join(code, token, client_id())
    except RoomError:
        return
    if state.room and state.room_token != token:
        rooms().leave(state.room, state.room_token)
    state.room, state.room_token = joined, token


def join_from_url() -> None:
    """Join the room named in the address (`?room=CODE`), once per session and code."""
    code = st.query_params.get("room")
    if not code or st.query_params.get("key"):
        return  # no room, or the facilitator's own link (pages/room.py handles it)
    state = app_state()
    if state.room != normal_code(code):
        join(code)


def sidebar_line() -> None:
    """Name the joined room in the sidebar, with a way to leave it."""
    state = app_state()
    if not state.room:
        _join_form()
        return
    with st.sidebar:
        if rooms().open_kinds(state.room) is None:
            st.caption(_("The room {code} has ended.").format(code=shown_code(state.room)))
            state.room = None
            return
        st.markdown(
            _(":blue-background[**Room {code}**] · you share only what you choose").format(
                code=shown_code(state.room)
            )
        )
        if st.button(_("Leave the room"), key="leave_room", icon=":material/logout:"):
            rooms().leave(state.room, state.room_token)
            state.room = None
            st.query_params.pop("room", None)  # else the link in the address joins again
            st.rerun()


def _join_form() -> None:
    """Join by typing the room's code (the projector shows it beside the QR code)."""
    with st.sidebar, st.expander(_("Join a workshop room"), icon=":material/co_present:"):
        typed = bind.text(
            _("Room code"),
            bind.local(wkey("room", "code")),
            max_chars=12,
            placeholder="ABCD-EFGH",
        )
        if st.button(_("Join"), key="join_room", icon=":material/login:") and typed:
            if join(typed):
                st.rerun()


def _share(kind: Kind, name: str, guideline: str = "") -> None:
    state = app_state()
    if not state.room:
        return
    share = make_share(
        state.strategy, lib(), kind, participant=state.room_token, name=name, guideline=guideline
    )
    if share is None:
        return
    try:
        rooms().share(state.room, share)
    except RoomError as exc:
        st.session_state[f"room_error:{kind}"] = str(exc)
    else:
        st.session_state[f"room_error:{kind}"] = ""
        st.session_state[f"room_shared:{kind}"] = describe(share, lib())


def share_panel(kind: Kind) -> None:
    """Offer to share one answer with the joined room, showing exactly what would be shared."""
    state = app_state()
    if not state.room:
        return
    open_kinds = rooms().open_kinds(state.room)
    if open_kinds is None:
        return
    labels = {
        "why": _("Share my why sentence with the room"),
        "goal": _("Share my leading goal with the room"),
        "channels": _("Share my chosen channels with the room"),
        "readiness": _("Share what is in place with the room"),
        "guideline": _("Share a favourite guideline with the room"),
    }
    with st.expander(labels[kind], icon=":material/co_present:"):
        if kind not in open_kinds:
            st.caption(_("The trainer has not opened sharing for this yet."))
            return
        guideline = ""
        if kind == "guideline":
            options = guideline_options(state.strategy, lib())
            if not options:
                st.caption(_("Write a guideline first; then you can share one line of it."))
                return
            guideline = bind.choice(
                _("Which line"),
                bind.local(wkey("room", "guideline")),
                list(options),
                format_func=lambda key: options.get(key, key),
            )
        name = bind.text(
            _("Your name beside it (leave empty to share anonymously)"),
            bind.local(wkey("room", "name", kind)),
            max_chars=40,
        )
        share = make_share(
            state.strategy,
            lib(),
            kind,
            participant=state.room_token,
            name=name or "",
            guideline=guideline or "",
        )
        if share is None:
            st.caption(_("Nothing to share yet: answer this step first."))
            return
        st.caption(_("This is exactly what the room will see:"))
        # A bordered box, not a Markdown quote: Streamlit greys quotes below 4.5:1 contrast.
        with st.container(border=True, key=f"room_preview_{kind}"):
            st.markdown(safe(describe(share, lib())))
        st.button(
            _("Share"),
            key=f"room_share:{kind}",
            icon=":material/send:",
            on_click=_share,
            args=(kind, name or "", guideline or ""),
        )
        error = st.session_state.get(f"room_error:{kind}")
        if error:
            st.error(error)
        elif st.session_state.get(f"room_shared:{kind}"):
            st.success(_("Shared. Share again to replace it."), icon=":material/check:")
