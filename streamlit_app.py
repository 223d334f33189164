"""Social Why: route to the wizard's steps, with shared state and sidebar."""

import sys
from pathlib import Path

import streamlit as st

from strategy.core.library import ContentError
from ui.browser_copy import keep
from ui.nav import ROOM, build_pages, sidebar
from ui.page_lang import mark
from ui.state import app_state, lib, reconcile_session

# A local icon file: a Material icon as page_icon makes every browser fetch it from Google.
FAVICON = Path(__file__).parent / "ui" / "favicon.png"
st.set_page_config(page_title="Social Why", page_icon=str(FAVICON), layout="wide")
app_state()
try:
    lib()
except ContentError as exc:
    # A trainer's content folder is broken: say which file and field, and stop loudly.
    print(f"Social Why: {exc}", file=sys.stderr)
    st.error(f"The content library could not be loaded. {exc}")
    st.stop()
# What one step derives for another is computed here, never when a page happens to render.
reconcile_session()
pages = build_pages()
current = st.navigation(pages, position="hidden")
if st.query_params.get("key") and current.url_path != ROOM:
    # A facilitator's link (room and key) opens the room's controls from any page.
    st.switch_page(pages[-1], query_params=st.query_params.to_dict())
sidebar(pages)
# The work is kept in this browser as it changes, and restored in a new session (a reload).
keep()
# Streamlit's page says lang="en" in every language: say the session's.
mark()
current.run()
