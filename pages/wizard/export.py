"""Export: the file to resume later and the plan's calendar files."""

import streamlit as st

from strategy.progress import STEPS, completed
from strategy.storage import dumps
from ui.downloads import calendar_buttons
from ui.nav import footer, header
from ui.state import lib, strategy

header("export")
s, content = strategy(), lib()
done = set(completed(s))
missing = [content.step(step).title for step in STEPS[:-1] if step not in done]
if missing:
    st.warning("Not complete yet: " + ", ".join(missing) + ". You can export anyway.")
else:
    st.success("Every step is complete.")

st.subheader("Save to resume later")
st.download_button(
    "Strategy file (.json)",
    data=lambda: dumps(s),
    file_name="social-why-strategy.json",
    mime="application/json",
    icon=":material/save:",
    on_click="ignore",
    key="export_json",
)
st.subheader("Calendar")
calendar_buttons("export")
footer("export")
