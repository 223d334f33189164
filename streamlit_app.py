"""Social Why: route to the wizard's steps, with shared state and sidebar."""

import streamlit as st

from ui.nav import build_pages, sidebar
from ui.state import app_state

st.set_page_config(page_title="Social Why", page_icon=":material/lightbulb:", layout="wide")
app_state()
pages = build_pages()
current = st.navigation(pages, position="hidden")
sidebar(pages)
current.run()
