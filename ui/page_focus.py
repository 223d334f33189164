"""After the step changes, keyboard focus starts at the new step's title (WCAG 2.4.3).

Next, Back and the Strategy canvas switch pages by replacing the main section's content: the
button that had focus is gone, focus falls back to the document, and the browser's next Tab
goes on from where that button stood, somewhere in the middle of the new page. An invisible
component (Streamlit's custom components v2, as in ui.browser_copy) watches the page's path
and, when it changes while nothing has focus, focuses the new page's title (made focusable
with tabindex="-1", so it is no tab stop of its own): a screen reader reads the step's name,
and the next Tab is the step's first control. Focus somewhere (a sidebar link pressed) stays
where it is.
"""

from __future__ import annotations

import streamlit as st
from streamlit.components.v2 import component

ELEMENT_KEY = "page_focus"
RUNS_KEY = "page_focus_runs"

JS = """
export default function ({ data }) {
  if (!data) return;
  const s = (window.__socialWhyPage ??= { path: null });
  const path = window.location.pathname;
  if (s.path === null || s.path === path) { s.path = path; return; }
  s.path = path;
  const lost = () => !document.activeElement || document.activeElement === document.body;
  // The old page's title can stay on screen until the new one is drawn, and a title that is
  // replaced takes its focus with it: look again for a while, only while focus is lost, and
  // never after the person presses a key (Tab past the page's end leaves focus nowhere too).
  let ticks = 0, pressed = false;
  window.addEventListener("keydown", () => { pressed = true; }, { once: true, capture: true });
  const move = () => {
    if (pressed) return;
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (title && lost()) {
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
    if (++ticks < 40) setTimeout(move, 50);
  };
  move();
}
"""
# The element holds nothing to see: take it out of the layout, gap included.
CSS = f".st-key-{ELEMENT_KEY} {{ display: none; }}"
_mount = component("social_why_page_focus", js=JS, css=CSS, isolate_styles=False)


def page_focus() -> None:
    """Mount the component; call once per run (it compares the page's path itself)."""
    # A new value each run, so the script runs on every run, also when only the page changed.
    runs = st.session_state.get(RUNS_KEY, 0) + 1
    st.session_state[RUNS_KEY] = runs
    _mount(key=ELEMENT_KEY, data={"run": runs}, height=0)
