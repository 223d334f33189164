"""The one session object: the strategy plus what lives only in this browser session."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field
from streamlit.runtime.scriptrunner import get_script_run_ctx

from strategy.core import i18n
from strategy.core.library import Library, library
from strategy.core.model import Strategy

SESSION_KEY = "social_why"
# Keys with this prefix are forgotten when the strategy is replaced (resume, demo, clear), so
# every widget showing the strategy is seeded again from the new one: make them with `wkey`.
WIDGET_PREFIX = "w:"
# A refused entry's message, by field path: forgotten with the widgets.
ERROR_PREFIX = "error:"
# The column-mapping form's widgets: forgotten with the uploads, not with the strategy.
MAPPING_PREFIX = "map_"


def wkey(*parts: str) -> str:
    """The session key of a widget showing strategy or draft values: "w:" and the parts."""
    return WIDGET_PREFIX + ":".join(parts)


def mapping_key(field: str) -> str:
    """The session key of a widget of the column-mapping form (forgotten with the uploads)."""
    return MAPPING_PREFIX + field


@dataclass(frozen=True)
class PendingUpload:
    """An upload no known format matched, waiting for the user to map its columns.

    Attributes:
        name: The file name.
        data: The file's bytes (read again with the mapping).
        headers: Its column names.
        preview: Its first rows, cut to size for the form.
        message: Why it needs a mapping, in words.
        guess: A mapping guessed from the values (field -> column), to pre-fill the form.
        reference: The download day it was uploaded with (for exports without years).
    """

    name: str
    data: bytes
    headers: list[str]
    preview: list[list[str]]
    message: str
    guess: dict[str, str] = field(default_factory=dict)
    reference: dt.date | None = None


@dataclass(frozen=True)
class MemoEntry:
    """One remembered value: what it was computed from, and the inputs it holds on to.

    The inputs are kept so the ids of the datasets in `key` are never reused while the entry
    lives (`memo` compares datasets by identity).
    """

    key: tuple
    value: Any
    held: list


class AppState(BaseModel):
    """Everything one session holds. Only `strategy` is saved; uploads stay in memory."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    strategy: Strategy = Field(default_factory=Strategy)
    datasets: list[Any] = Field(default_factory=list)
    handled_uploads: list[str] = Field(default_factory=list)
    # Content hashes of the files read: the same file uploaded again is not read twice.
    upload_hashes: list[str] = Field(default_factory=list)
    # The download day each of those files was read with (TikTok's dates have no year).
    upload_days: dict[str, dt.date] = Field(default_factory=dict)
    upload_errors: list[str] = Field(default_factory=list)
    pending: PendingUpload | None = None
    mappings: dict[tuple, dict[str, Any]] = Field(default_factory=dict)
    # Account names the user gave uploaded tables (by Dataset.key): uploads are never saved,
    # so neither are these.
    account_names: dict[str, str] = Field(default_factory=dict)
    report_pdf: bytes | None = None
    report_key: str | None = None
    # The last PDF's charts as SVG, by spec: a PDF made again after a text edit draws none.
    chart_drawings: dict[str, bytes] = Field(default_factory=dict)
    # The charts being drawn ahead as the Export page opens, and for which data and options.
    drawing_ahead: Any = None
    drawn_ahead_for: tuple | None = None
    persona: str | None = None
    workshop: bool = False
    timers: dict[str, dict[str, float | None]] = Field(default_factory=dict)
    generation: int = 0
    messages: list[tuple[str, str]] = Field(default_factory=list)
    memo: dict[str, MemoEntry] = Field(default_factory=dict)
    # The workshop room this session joined (its code), and the session's random token there:
    # the room knows a participant by the token only.
    room: str | None = None
    room_token: str = Field(default_factory=lambda: secrets.token_urlsafe(16))
    # The room this session runs as facilitator (code, secret), from its link.
    facilitating: tuple[str, str] | None = None


def app_state() -> AppState:
    """Return this session's state, creating it on first use."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = AppState(strategy=Strategy(created=dt.date.today()))
    return st.session_state[SESSION_KEY]


def _session_language() -> str | None:
    """The language of the session whose script (or callback) is running, if any."""
    if get_script_run_ctx(suppress_warning=True) is None or SESSION_KEY not in st.session_state:
        return None
    return st.session_state[SESSION_KEY].strategy.profile.language


# Every `_()` in pages, ui and strategy follows the language of the session it runs for.
i18n.set_resolver(_session_language)


# Figures of the built-in demo alone (`strategy.demo.datasets.demo_only`), computed once for every
# session: a room that opens Analytics together would otherwise compute the same figures once
# each, all under the server's one interpreter lock. Nothing a user entered gets here.
_DEMO_MEMO: dict[str, list[tuple[tuple, Any]]] = {}
_DEMO_LOCK = threading.Lock()
DEMO_MEMO_PER_NAME = 8  # languages, zones and denominators a room switches between


def memo(name: str, inputs: tuple, compute: Callable[[], Any]) -> Any:
    """Compute once per distinct inputs, in this session only (the demo's: once for all).

    Every widget change reruns a page; the Analytics figures and charts only change when the
    data or the options do. Datasets are compared by identity, and the entry holds them, so an
    id is never reused while it is remembered.

    Args:
        name: What is computed (one remembered value per name).
        inputs: Everything the value depends on: lists (of datasets) are compared item by
            item by identity, anything else by value.
        compute: Builds the value.

    Returns:
        The value.
    """
    # Charts and readings hold words: a change of language computes them again.
    key = (i18n.language(), *(tuple(map(id, x)) if isinstance(x, list) else x for x in inputs))
    from strategy.demo.datasets import demo_only  # pandas: only where figures are computed

    if demo_only(inputs):
        # One session computes while the others wait for the same value.
        with _DEMO_LOCK:
            shared = _DEMO_MEMO.setdefault(name, [])
            for known, value in shared:
                if known == key:
                    return value
            value = compute()
            shared.append((key, value))
            del shared[:-DEMO_MEMO_PER_NAME]
            return value
    store = app_state().memo
    hit = store.get(name)
    if hit is not None and hit.key == key:
        return hit.value
    value = compute()
    store[name] = MemoEntry(key, value, [tuple(x) if isinstance(x, list) else x for x in inputs])
    return value


def browser_zone() -> str:
    """The browser's time zone when the zone database knows it, else UTC.

    The Analytics page reads hours in it when the strategy names no zone, and the PDF the
    Export page makes does the same, so both show the same hours.
    """
    from strategy.analytics.timing import zone_names  # pandas: only where figures are computed

    zone = st.context.timezone
    return zone if zone and zone in zone_names() else "UTC"


def strategy() -> Strategy:
    """Return this session's strategy."""
    return app_state().strategy


def lib() -> Library:
    """Return the content library in the strategy's language."""
    return library(strategy().profile.language)


def reconcile_session() -> None:
    """Bring what the steps derive for each other up to date before a page runs.

    A widget shows what it was seeded with: the ones whose field `reconcile` changed are
    forgotten, so the page seeds them again from the strategy.
    """
    from strategy.steps.guidelines import CARD_FIELDS
    from strategy.steps.reconcile import reconcile

    state = app_state()
    old = state.strategy
    new = reconcile(old, lib(), dt.date.today())
    if new is old:
        return
    stale = []
    if new.why.top_goal != old.why.top_goal:
        stale.append(wkey("why.top_goal"))
    if new.why.statement != old.why.statement:
        stale.append(wkey("why.statement"))
    if new.plan.actions != old.plan.actions:
        # The action table keeps its own copy of the rows and of the base it edits.
        stale += [wkey("plan.actions"), wkey("base", "plan.actions")]  # ui.table.keys
    before = {c.channel: c for c in old.guidelines.cards}
    for card in new.guidelines.cards:
        if before.get(card.channel) != card:
            stale += [wkey("card", card.channel, field) for field in CARD_FIELDS]
    for key in stale:
        st.session_state.pop(key, None)
    state.strategy = new


def replace_strategy(new: Strategy) -> None:
    """Swap in another strategy (resume, demo) and re-seed every widget from it."""
    app_state().strategy = new
    clear_widgets()


def clear_widgets() -> None:
    """Forget widget values so the next run seeds them from the state again."""
    stale = (WIDGET_PREFIX, ERROR_PREFIX)  # a message about the old strategy is stale too
    for key in [k for k in st.session_state if str(k).startswith(stale)]:
        del st.session_state[key]


def upload_key(name: str) -> str:
    """Key of an uploader, or of a widget over the uploads' tables.

    A new one after "Clear my data", so old files are not read again.
    """
    generation = app_state().generation
    return name if generation == 0 else f"{name}_{generation}"


def clear_uploads() -> None:
    """Forget every upload: tables, file chips (a new uploader), a pending mapping, names."""
    state = app_state()
    state.datasets, state.handled_uploads, state.upload_hashes = [], [], []
    state.pending, state.account_names, state.upload_days = None, {}, {}
    state.generation += 1
    for key in [k for k in st.session_state if str(k).startswith(MAPPING_PREFIX)]:
        del st.session_state[key]


def clear_session() -> None:
    """Empty this session: strategy, uploads, PDF, widgets, the browser's copy of the work.

    Workshop mode stays as it was; a workshop room joined is left.
    """
    old = app_state()
    if old.room:  # the room stops counting this person (what they shared stays shared)
        from ui.room import rooms  # it imports this module

        rooms().leave(old.room, old.room_token)
    st.session_state[SESSION_KEY] = AppState(
        strategy=Strategy(created=dt.date.today()),
        workshop=old.workshop,
        generation=old.generation + 1,
    )
    for key in list(st.session_state):
        if key != SESSION_KEY:
            del st.session_state[key]
    from ui.browser_copy import forget_copy  # it imports this module

    forget_copy()  # the copy of the work kept in this browser goes too


def flash(kind: str, text: str) -> None:
    """Queue a message to show after the next rerun (e.g. after switching page)."""
    app_state().messages.append((kind, text))


def show_flashes() -> None:
    """Show and clear the queued messages."""
    state = app_state()
    for kind, text in state.messages:
        getattr(st, kind)(text)
    state.messages.clear()
