"""Step order, the progress indicator, Back / Next, and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from strategy.core.i18n import _
from strategy.steps.progress import STEPS, completed
from ui.downloads import save_button
from ui.room import join_from_url, sidebar_line
from ui.state import app_state, lib, strategy
from ui.workshop import facilitator_panel, sidebar_controls

ROOM = "room"  # the workshop room page's url path (its controls need the facilitator's key)
PAGE_FILES = {step: f"pages/wizard/{step}.py" for step in STEPS}
ICONS = {
    "start": ":material/flag:",
    "why": ":material/lightbulb:",
    "audit": ":material/checklist:",
    "channels": ":material/hub:",
    "guidelines": ":material/menu_book:",
    "plan": ":material/event:",
    "analytics": ":material/monitoring:",
    "export": ":material/download:",
}


def build_pages() -> list:
    """Create the st.Page objects: the steps in wizard order, the canvas, review and room."""
    titles = {s.id: s.title for s in lib().steps.step}
    steps = [
        st.Page(
            PAGE_FILES[step],
            title=titles[step],
            icon=ICONS[step],
            url_path=step,
            default=step == "start",
        )
        for step in STEPS
    ]
    canvas = st.Page(
        "pages/wizard/canvas.py",
        title=_("Strategy canvas"),
        icon=":material/dashboard:",
        url_path="canvas",
    )
    review = st.Page(
        "pages/wizard/review.py",
        title=_("Review"),
        icon=":material/fact_check:",
        url_path="review",
    )
    room = st.Page(
        "pages/workshop/room.py",
        title=_("Workshop room"),
        icon=":material/co_present:",
        url_path=ROOM,
    )
    return [*steps, canvas, review, room]  # the room stays last (see streamlit_app.py)


def sidebar(pages: list) -> None:
    """Draw the progress indicator, the step links and "Save progress"."""
    done = set(completed(strategy()))
    with st.sidebar:
        st.markdown("### Social Why")
        st.progress(
            len(done) / len(STEPS),
            text=_("{done} of {total} steps complete").format(done=len(done), total=len(STEPS)),
        )
        for step, page in zip(STEPS, pages, strict=False):
            mark = " ✓" if step in done else ""
            st.page_link(page, label=f"{page.title}{mark}", icon=page.icon)
        canvas, review, room = pages[len(STEPS) : len(STEPS) + 3]
        st.page_link(canvas, label=_("Strategy canvas"), icon=canvas.icon)
        if strategy().targets.targets:
            st.page_link(review, label=_("Review"), icon=review.icon)
        if app_state().workshop or app_state().facilitating:
            st.page_link(room, label=_("Workshop room"), icon=room.icon)
        st.divider()
        save_button(
            _("Save progress"),
            key="save_progress",
            help=_("Download your strategy as a file. Resume from it on the Start page."),
            width="stretch",
        )
        st.caption(_("Nothing is kept on the server: save your progress before you close the tab."))
    join_from_url()
    sidebar_line()
    sidebar_controls()


def header(step: str) -> None:
    """Show the step's position, title and introduction."""
    info = lib().step(step)
    number = STEPS.index(step) + 1
    st.caption(_("Step {number} of {total}").format(number=number, total=len(STEPS)))
    st.title(info.idea)
    st.write(info.intro)
    facilitator_panel(step)


def footer(step: str, *, can_continue: bool = True, reason: str = "") -> None:
    """Show Back and Next buttons that switch to the neighbouring steps.

    Args:
        step: The current step.
        can_continue: Whether Next is allowed (it is disabled, with `reason`, otherwise).
        reason: Shown when Next is disabled.
    """
    index = STEPS.index(step)
    st.divider()
    left, _middle, right = st.columns([1, 3, 1])
    if index > 0 and left.button(_("Back"), key=f"back_{step}", icon=":material/arrow_back:"):
        st.switch_page(PAGE_FILES[STEPS[index - 1]])
    if index < len(STEPS) - 1:
        if right.button(
            _("Next"),
            key=f"next_{step}",
            type="primary",
            icon=":material/arrow_forward:",
            disabled=not can_continue,
        ):
            st.switch_page(PAGE_FILES[STEPS[index + 1]])
        if not can_continue and reason:
            right.caption(reason)
