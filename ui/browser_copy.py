"""A copy of the work in this browser's own storage, so a reload or a new session keeps it.

F5, a dropped phone connection or opening `?mode=workshop` starts a new server session. So the
strategy (never an upload), the demo persona and workshop mode are kept in the browser's
`localStorage` under one key as the user works, and a new session reads them back once:

1. Every run, `keep()` mounts an invisible component (Streamlit's custom components v2: a few
   lines of JavaScript in the page, no iframe, no build) and tells it this session's `nonce`.
2. The first time the page sees a nonce, the script reads the stored copy and, if there is one,
   sends it back as the trigger `found`. `_received` (its callback, before the run) restores it
   when this session holds no work yet, or notes quietly that it could not be read.
3. Afterwards each run compares a hash of the copy with the one last sent: only a changed copy
   goes to the browser (op "write"); work that went back to untouched removes the copy.
4. "Start fresh" and "Clear my data" (`ui.state.clear_session` calls `forget_copy`) empty the
   session and remove the copy; the session's new nonce is marked `ready`, so it is not read.

The script writes nothing while a copy it found waits for the server (`ready` is false), so a
new, empty session can never overwrite the work it is about to restore. Nothing of this is
kept on the server beyond the session's own state.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.components.v2 import component

from strategy.core.i18n import _
from strategy.core.known import keep_known
from strategy.core.library import library
from strategy.core.model import Strategy
from strategy.core.storage import MAX_FILE_BYTES, StrategyFileError, dumps, loads
from strategy.demo.personas import find_persona
from ui import bind
from ui.room import rejoin
from ui.state import AppState, app_state, clear_session, replace_strategy
from ui.workshop import WORKSHOP

# The browser's key for the copy (one per site), and what the copy says it is.
STORAGE_KEY = "social-why:work"
APP = "social-why"
FORMAT = 1
# Session keys: this module's state, and the component's (its element gets class st-key-...).
STATE_KEY = "browser_copy_state"
ELEMENT_KEY = "browser_copy"
REMOVED = "removed"  # `sent` after the copy was removed
UNKNOWN = "unknown"  # `sent` when the browser may hold a copy this session must remove

JS = """
export default function ({ data, setTriggerValue }) {
  if (!data) return;
  const s = (window.__socialWhyCopy ??= { nonce: null, seq: 0, waiting: false });
  if (s.nonce !== data.nonce) {
    // A new session: read its copy once, unless it starts without one (after a clear).
    Object.assign(s, { nonce: data.nonce, seq: 0, waiting: false });
    let stored = null;
    try { stored = data.ready ? null : window.localStorage.getItem(KEY); } catch (e) {}
    if (stored) {
      s.waiting = true;  // write nothing until the server has seen what was kept
      setTriggerValue("found", stored);
    }
  }
  if (data.ready) s.waiting = false;
  if (s.waiting || !data.op || data.seq <= s.seq) return;
  s.seq = data.seq;
  try {
    if (data.op === "write") window.localStorage.setItem(KEY, data.copy);
    if (data.op === "remove") window.localStorage.removeItem(KEY);
  } catch (e) {}  // storage full or turned off: the session goes on without a copy
}
""".replace("KEY", json.dumps(STORAGE_KEY))
# The element holds nothing to see: take it out of the layout, gap included.
CSS = f".st-key-{ELEMENT_KEY} {{ display: none; }}"
_mount = component("social_why_browser_copy", js=JS, css=CSS, isolate_styles=False)


@dataclass
class CopyState:
    """What this session knows of the copy in its browser (kept in the session state).

    Attributes:
        nonce: Names this session to the page's script, which reads a copy once per nonce.
        ready: The browser's copy was dealt with (restored or refused), or must not be read.
        blank: Hash of the work of an untouched session (no copy is kept of that).
        sent: Hash of the copy last written, REMOVED, UNKNOWN, or None (nothing sent yet).
        seq: Number of the last operation sent; the script applies each one once.
        restored: Hash of the work restored from the browser's copy ("" until the run after the
            restore has reconciled it), while the work is unchanged since; else None.
        notes: Quiet notes to show once (a copy that could not be read, ids left out).
    """

    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    ready: bool = False
    blank: str | None = None
    sent: str | None = None
    seq: int = 0
    restored: str | None = None
    notes: list[str] = field(default_factory=list)


def _state() -> CopyState:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = CopyState()
    return st.session_state[STATE_KEY]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def copy_text(state: AppState) -> tuple[str, str]:
    """The browser's copy of a session's work, and a hash of the work alone.

    The copy is JSON: the strategy as `strategy.core.storage.dumps` saves it, the demo persona,
    workshop mode and the workshop room joined (its code and this session's token there).
    Uploads are never in it. The hash leaves workshop mode and the room out: turning one on or
    joining is no work of one's own (a reload may still restore the room: see `keep`).
    """
    body = dumps(state.strategy).decode("utf-8")
    persona = json.dumps(state.persona)
    # The joined room and the session's token there: a reload rejoins as the same person.
    room = json.dumps({"code": state.room, "token": state.room_token} if state.room else None)
    text = (
        f'{{"app": "{APP}", "format": {FORMAT}, "persona": {persona}, '
        f'"workshop": {json.dumps(state.workshop)}, "room": {room}, "strategy": {body}}}'
    )
    return text, _digest(f"{persona}\n{body}")


@dataclass(frozen=True)
class Copy:
    """A copy read back from the browser."""

    strategy: Strategy
    persona: str | None
    workshop: bool
    notes: list[str]
    room: tuple[str, str] | None = None  # (code, token)


def read_copy(text: str) -> Copy:
    """Read a copy the browser kept, as strictly as a resumed file.

    Raises:
        StrategyFileError: The copy is not one this app wrote, or its strategy is not valid.
    """
    if len(text) > 2 * MAX_FILE_BYTES:
        raise StrategyFileError([])
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise StrategyFileError([]) from None
    if not isinstance(doc, dict) or doc.get("app") != APP or doc.get("format") != FORMAT:
        raise StrategyFileError([])
    try:
        raw = json.dumps(doc.get("strategy"))
    except (ValueError, RecursionError):
        raise StrategyFileError([]) from None
    strategy = loads(raw, name="browser copy")  # an older strategy is migrated as a file is
    strategy, notes = keep_known(strategy, library(strategy.profile.language))
    persona = doc.get("persona")
    if not isinstance(persona, str) or find_persona(persona, strategy.profile.language) is None:
        persona = None
    return Copy(strategy, persona, doc.get("workshop") is True, notes, _room(doc.get("room")))


def _room(value: Any) -> tuple[str, str] | None:
    """The room a copy names, if it is shaped like one this app wrote (else none)."""
    if not isinstance(value, dict):
        return None
    code, token = value.get("code"), value.get("token")
    if not (isinstance(code, str) and isinstance(token, str)):
        return None
    if not (0 < len(code) <= 16 and code.isalnum() and 0 < len(token) <= 64):
        return None
    return code, token


def _received() -> None:
    """Restore the copy the browser sent, once per session, before the run that follows."""
    copy_state = _state()
    value = st.session_state.get(ELEMENT_KEY)
    text = value.get("found") if isinstance(value, dict) else None
    if copy_state.ready or not isinstance(text, str):
        return
    copy_state.ready = True
    state = app_state()
    if copy_state.blank is not None and copy_text(state)[1] != copy_state.blank:
        return  # the session has work of its own already: it is kept, and so is its copy
    try:
        copy = read_copy(text)
    except StrategyFileError:
        note = _("The work kept in this browser could not be read, so this session starts empty.")
        copy_state.notes.append(note)
        return
    if copy.room:
        rejoin(*copy.room)
    replace_strategy(copy.strategy)
    state.persona = copy.persona
    if copy.workshop and not state.workshop:
        state.workshop = True
        bind.forget(WORKSHOP)
    copy_state.restored = ""
    copy_state.notes += copy.notes


def forget_copy() -> None:
    """Start this session again without a copy: the browser's is removed on the next run."""
    st.session_state[STATE_KEY] = CopyState(ready=True, sent=UNKNOWN)


def keep() -> None:
    """Keep the browser's copy in step with the session, and show what was restored.

    Call once per run, before the page runs: it mounts the invisible component (which sends
    the copy only when it changed) and, after a restore, the "Restored from this browser"
    line with its "Start fresh" button.
    """
    copy_state = _state()
    text, work = copy_text(app_state())
    if copy_state.blank is None:
        copy_state.blank = work
    data: dict[str, Any] = {"nonce": copy_state.nonce, "ready": copy_state.ready}
    # A joined room is kept even in an untouched session: a reload then counts one person once.
    if work == copy_state.blank and not app_state().room:
        if copy_state.sent not in (None, REMOVED):
            copy_state.seq += 1
            data.update(op="remove", seq=copy_state.seq)
            copy_state.sent = REMOVED
    elif _digest(text) != copy_state.sent:
        copy_state.seq += 1
        data.update(op="write", seq=copy_state.seq, copy=text)
        copy_state.sent = _digest(text)
    data.setdefault("seq", copy_state.seq)
    _mount(key=ELEMENT_KEY, data=data, on_found_change=_received, height=0)
    for note in copy_state.notes:
        st.toast(note, icon=":material/info:")
    copy_state.notes.clear()
    if copy_state.restored == "":
        copy_state.restored = work
    elif copy_state.restored is not None and copy_state.restored != work:
        copy_state.restored = None  # work went on: "Clear my data" is the way now
    if copy_state.restored is not None:
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            line = _("Restored from this browser")
            st.caption(f":material/history: {line} ·", width="content")
            if st.button(
                _("Start fresh"),
                key="start_fresh",
                type="tertiary",
                help=_("Empty this session and the copy of your work kept in this browser."),
            ):
                clear_session()
                st.rerun()
