"""Workshop mode: facilitator notes, a countdown per step, projector type, clearing a session."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from strategy.core.i18n import _, using
from strategy.core.library import library
from strategy.demo.personas import find_persona
from strategy.report import to_pdf
from strategy.report.guide import facilitator_guide
from ui import bind
from ui.focus_css import FOCUS_CSS
from ui.layout_css import COUNTDOWN_KEY, LAYOUT_CSS, PROJECTOR_CSS
from ui.page_focus import page_focus
from ui.state import app_state, clear_session, lib

# Workshop mode belongs to the session, not the strategy: a resume or a demo keeps it.
WORKSHOP = bind.setting("workshop", key="workshop_toggle")


def guide_button(language: str) -> None:
    """Offer the facilitator's guide (agenda with times, questions for the room) as a PDF."""

    def build() -> bytes:
        # Built on click, outside the script run: the language is passed in, not looked up.
        with using(language):
            return to_pdf(facilitator_guide(library(language), dt.date.today()))

    st.download_button(
        _("Facilitator guide (PDF)"),
        data=build,
        file_name="social-why-facilitator-guide.pdf",
        mime="application/pdf",
        icon=":material/co_present:",
        on_click="ignore",
        key="facilitator_guide",
        width="stretch",
    )


def sidebar_controls() -> None:
    """Workshop toggle (also `?mode=workshop`), the demo label, and "Clear my data"."""
    state = app_state()
    if st.query_params.get("mode") == "workshop" and "workshop_from_url" not in st.session_state:
        st.session_state["workshop_from_url"] = True
        state.workshop = True
        bind.forget(WORKSHOP)
    with st.sidebar:
        bind.flag(
            _("Workshop mode"),
            WORKSHOP,
            style="toggle",
            help=_("Facilitator notes, a timer per step and larger type."),
        )
        if state.workshop:
            guide_button(state.strategy.profile.language)
        if state.persona:
            persona = find_persona(state.persona, state.strategy.profile.language)
            title = persona.title if persona else state.persona
            st.caption(_(":orange[**Demo: {title}**] (made-up data)").format(title=title))
        with st.popover(_("Clear my data"), icon=":material/delete:", width="stretch"):
            st.write(
                _(
                    "This empties your strategy and every upload in this session, and removes "
                    "the copy of your answers kept in this browser. "
                    "Save progress first if you want to keep it."
                )
            )
            if st.button(_("Yes, clear everything"), type="primary", key="confirm_clear"):
                clear_session()
                st.rerun()
        page_focus()
    st.html(LAYOUT_CSS + FOCUS_CSS)
    if state.workshop:
        st.html(PROJECTOR_CSS)


def _remaining(timer: dict, minutes: int) -> float:
    if timer.get("end"):
        return max(0.0, timer["end"] - time.time())
    return timer.get("left", minutes * 60.0)


def facilitator_panel(step: str) -> None:
    """Show the step's facilitator notes and countdown (workshop mode only)."""
    state = app_state()
    if not state.workshop:
        return
    info = lib().step(step)
    timer = state.timers.setdefault(step, {"end": None, "left": info.minutes * 60.0})
    with st.container(border=True):
        # The clock's column holds the countdown and two buttons in projector type.
        notes, clock = st.columns([3, 2])
        notes.markdown(
            _(
                "**Ask the room:** {ask}  \n**Typical answers:** {answers}  \n"
                "**Time:** about {minutes} minutes"
            ).format(ask=info.ask, answers=info.answers, minutes=info.minutes)
        )
        with clock:
            with st.container(key=COUNTDOWN_KEY):
                _countdown(step, info.minutes)
            running = bool(timer.get("end"))
            left, right = st.columns(2)
            if left.button(_("Pause") if running else _("Start"), key=f"timer_go_{step}"):
                if running:
                    timer.update(left=_remaining(timer, info.minutes), end=None)
                else:
                    timer["end"] = time.time() + _remaining(timer, info.minutes)
                st.rerun()
            if right.button(_("Reset"), key=f"timer_reset_{step}"):
                timer.update(end=None, left=info.minutes * 60.0)
                st.rerun()


@st.fragment(run_every=1)
def _countdown(step: str, minutes: int) -> None:
    timer = app_state().timers.get(step, {})
    left = _remaining(timer, minutes)
    label = f"{int(left // 60):02d}:{int(left % 60):02d}"
    st.metric(_("Time left"), label if left > 0 else _("Time's up"))
