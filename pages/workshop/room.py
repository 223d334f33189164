"""Workshop room: start one, show it on the projector, run it (the facilitator's page).

Participants never see this page's controls: they are reached only through the facilitator's
link (the room code plus a secret), which this page shows once, to the facilitator.
"""

import datetime as dt
import html

import segno
import streamlit as st

from strategy.core.i18n import _, ngettext
from strategy.report import to_pdf
from strategy.rooms import aggregate
from strategy.rooms.address import base_url, facilitator_link, join_link
from strategy.rooms.charts import answer_bars, readiness_bars
from strategy.rooms.model import KINDS, Kind
from strategy.rooms.share import describe
from strategy.rooms.store import RoomError, shown_code
from ui import bind
from ui.chart import show
from ui.room import rooms
from ui.state import app_state, lib, wkey
from ui.text import safe

state = app_state()
asked, key = st.query_params.get("room"), st.query_params.get("key")
if asked and key and state.facilitating != (asked, key):
    if rooms().is_facilitator(asked, key):
        state.facilitating = (asked, key)
    else:
        st.error(_("This room has ended, or this is not its facilitator link."))
if state.facilitating and rooms().room(state.facilitating[0]) is None:
    state.facilitating = None  # ended elsewhere, or expired

if not state.facilitating:
    st.title(_("Workshop room"))
    st.write(
        _(
            "Start a room to show the room's answers on the projector: participants join with "
            "a QR code or a short code, and share an answer only when they choose to. A room "
            "is deleted 12 hours after its last activity, or when you end it."
        )
    )
    if st.button(_("Start a room"), type="primary", icon=":material/add:", key="start_room"):
        try:
            new_code, secret = rooms().create()
        except RoomError as exc:
            st.error(str(exc))
        else:
            state.facilitating = (new_code, secret)
            st.query_params.update({"room": new_code, "key": secret})
            st.rerun()
    st.stop()

code, secret = state.facilitating
base = base_url(int(st.get_option("server.port")), st.context.url or "")
link = join_link(base, code)
st.title(_("Room {code}").format(code=shown_code(code)))
qr, how = st.columns([1, 2], vertical_alignment="center")
with qr:
    # An <img> of our own: st.image gives no alternative text, and a QR code needs one.
    picture = segno.make(link, error="m").png_data_uri(scale=10, border=2)
    words = html.escape(_("QR code that opens {link}").format(link=link), quote=True)
    st.html(f'<img src="{picture}" alt="{words}" width="260" height="260">')
    st.caption(_("Scan to join"))
with how:
    st.markdown(_("**Join on your phone:** scan the code, or open"))
    st.code(link, language=None)
    st.markdown(
        _("or type **{code}** under “Join a workshop room” in the app's menu.").format(
            code=shown_code(code)
        )
    )
    with st.expander(_("Your facilitator link (keep it to yourself)"), icon=":material/key:"):
        st.caption(_("It opens these controls on another screen, e.g. your laptop."))
        st.code(facilitator_link(base, code, secret), language=None)


# Large type for the back of the room: the counts and the walls of answers.
st.html(
    "<style>.st-key-room_live [data-testid='stMarkdownContainer'] p "
    "{ font-size: 1.5rem; line-height: 1.35; }</style>"
)


# Every second: an answer reaches the projector within 2 s of its Share, drawing included.
@st.fragment(run_every=1)
def live() -> None:
    """The room's answers, read again every second for the projector."""
    with st.container(key="room_live"):
        _answers()


def _answers() -> None:
    room = rooms().room(code)
    if room is None:
        st.warning(_("This room has ended."))
        return
    shared = room.visible()
    st.markdown(
        ngettext("**{n} participant**", "**{n} participants**", room.participants).format(
            n=room.participants
        )
        + " · "
        + ngettext("{n} answer shared", "{n} answers shared", len(shared)).format(n=len(shared))
    )
    content = lib()
    left, right = st.columns(2)
    counted: tuple[tuple[object, Kind], ...] = ((left, "goal"), (right, "channels"))
    for column, kind in counted:
        with column:
            table = aggregate.counts(room, content, kind)
            if len(table):
                show(answer_bars(table, aggregate.kind_label(kind)))
            else:
                st.caption(_("{what}: nothing shared yet.").format(what=aggregate.kind_label(kind)))
    ready = aggregate.readiness(room, content)
    if len(ready):
        show(readiness_bars(ready, aggregate.kind_label("readiness")))
    walls: tuple[Kind, ...] = ("why", "guideline")
    for kind in walls:
        lines = aggregate.wall(room, content, kind)
        st.subheader(aggregate.kind_label(kind))
        if not lines:
            st.caption(_("Nothing shared yet."))
        cards = st.columns(3)
        for n, line in enumerate(lines):
            with cards[n % 3], st.container(border=True):
                st.markdown(safe(line))


live()


def _export(kind: str) -> bytes:
    # Built on click, outside the script run: the language is passed in, not looked up.
    room = rooms().room(code)
    if room is None:
        return b""
    if kind == "csv":
        return aggregate.to_csv(room, lib())
    return to_pdf(aggregate.room_document(room, lib(), dt.date.today()))


def controls(code: str, secret: str) -> None:
    """Open and close sharing, hide answers, export, reset and end: the facilitator's tools."""
    room_now = rooms().room(code)
    if room_now is None:
        return
    open_kinds = room_now.open_kinds
    bind.many(
        _("Open for sharing"),
        bind.field(
            "room",
            "open",
            code,
            get=lambda: open_kinds,
            put=lambda kinds: rooms().set_open(code, secret, list(kinds)),
        ),
        list(KINDS),
        format_func=aggregate.kind_label,
    )
    answers = {s.key: s for s in room_now.shares}
    if answers:
        picked = bind.choice(
            _("An answer to hide or show again"),
            bind.local(wkey("room", "answer", code)),
            list(answers),
            format_func=lambda k: (
                ("🚫 " if answers[k].hidden else "")
                + aggregate.kind_label(answers[k].kind)
                + ": "
                + describe(answers[k], lib())[:80]
            ),
        )
        if picked in answers:
            hidden = answers[picked].hidden
            if st.button(
                _("Show it again") if hidden else _("Hide it from the projector"),
                key="room_hide",
                icon=":material/visibility:" if hidden else ":material/visibility_off:",
            ):
                rooms().hide(code, secret, picked, not hidden)
                st.rerun()
    exports, danger = st.columns(2)
    with exports:
        stamp = dt.date.today().isoformat()
        st.download_button(
            _("The room's answers (CSV)"),
            data=lambda: _export("csv"),
            file_name=f"social-why-room-{code}-{stamp}.csv",
            mime="text/csv",
            on_click="ignore",
            key="room_csv",
            icon=":material/table:",
        )
        st.download_button(
            _("The room's answers (PDF)"),
            data=lambda: _export("pdf"),
            file_name=f"social-why-room-{code}-{stamp}.pdf",
            mime="application/pdf",
            on_click="ignore",
            key="room_pdf",
            icon=":material/picture_as_pdf:",
        )
    with danger:
        with st.popover(_("Reset the room"), icon=":material/restart_alt:"):
            st.write(_("Deletes every answer and participant now; the code and link stay."))
            if st.button(_("Yes, reset"), key="room_reset", type="primary"):
                rooms().reset(code, secret)
                st.rerun()
        with st.popover(_("End the room"), icon=":material/stop_circle:"):
            st.write(_("Deletes the room and everything in it now."))
            if st.button(_("Yes, end it"), key="room_end", type="primary"):
                rooms().end(code, secret)
                state.facilitating = None
                st.query_params.clear()
                st.rerun()


st.divider()
st.subheader(_("Controls"))
controls(code, secret)
