"""Start: who the strategy is for, a demo persona, and resuming from a saved file."""

import streamlit as st

from strategy.personas import load_persona, personas
from strategy.storage import StrategyFileError, loads
from ui import bind
from ui.nav import footer, header
from ui.state import app_state, flash, replace_strategy, show_flashes, upload_key
from ui.text import safe

header("start")
show_flashes()
state = app_state()

KINDS = {"personal": "Me, personally", "organisation": "An organisation or team"}
bind.widget(
    st.radio,
    "This strategy is for",
    "profile.kind",
    options=list(KINDS),
    format_func=KINDS.get,
    horizontal=True,
)
bind.widget(
    st.text_input,
    "Your name, or your organisation's",
    "profile.name",
    max_chars=200,
    placeholder="e.g. Alex Berg, or Northwind HR",
)

st.subheader("Resume where you left off")
st.write("Open a strategy file you saved earlier with **Save progress**.")
upload = st.file_uploader("Saved strategy (.json)", type=["json"], key=upload_key("resume_upload"))
if upload is not None and upload.file_id not in state.handled_uploads:
    # Handle each upload once: the uploader keeps the file across reruns.
    state.handled_uploads.append(upload.file_id)
    try:
        resumed = loads(upload.getvalue(), name=upload.name)
    except StrategyFileError as exc:
        safe_lines = "\n".join(f"- {safe(p)}" for p in exc.problems)
        st.error(
            f"Could not resume from **{safe(upload.name)}**; your current work is kept.\n\n"
            + safe_lines
        )
    else:
        replace_strategy(resumed)
        state.persona = None
        flash("success", f"Resumed from {safe(upload.name)}.")
        st.rerun()

st.subheader("Or try a demo")
st.write("A complete example strategy with made-up analytics, to explore every step.")
has_work = state.strategy.profile.name.strip() or state.strategy.why.goals
sure = not has_work or st.checkbox("Replace my current work with the demo", key="w:demo_sure")
for persona in personas():
    with st.container(border=True):
        st.markdown(f"**{persona.title}**  \n{persona.description}")
        if st.button(
            f"Load the demo: {persona.title}", key=f"demo_{persona.id}", disabled=not sure
        ):
            replace_strategy(load_persona(persona.id))
            state.persona = persona.id
            flash("success", f"Loaded the demo '{persona.title}'. Its data is made up.")
            st.rerun()

footer("start")
