"""Why: pick goals, rank the top one, write the why statement; readiness for organisations."""

import streamlit as st

from strategy.why import goal_warnings, readiness_gaps, staff_next_steps, statement_template
from ui import bind
from ui.nav import footer, header
from ui.state import lib, strategy

header("why")
s, content = strategy(), lib()
goals = content.goals_for(s.profile.kind)
titles = {g.id: g.title for g in goals}
who = "your organisation" if s.profile.kind == "organisation" else "you"
st.caption(f"Showing the goals for {who}. Change this on the Start page.")

with st.expander("What each goal means", expanded=False):
    for g in goals:
        st.markdown(f"**{g.title}**: {g.explain}  \n*Measure it by:* {'; '.join(g.measures)}")

bind.widget(
    st.multiselect,
    "Your goals: pick one or a few",
    "why.goals",
    options=list(titles),
    format_func=lambda i: titles.get(i, i),
    to_widget=lambda v: [g for g in v if g in titles],
)
for warning in goal_warnings(s):
    st.warning(warning)

if s.why.goals:
    if s.why.top_goal not in s.why.goals:
        bind.write("why.top_goal", s.why.goals[0])
        st.session_state.pop("w:why.top_goal", None)
    bind.widget(
        st.radio,
        "The goal that leads",
        "why.top_goal",
        options=list(s.why.goals),
        format_func=lambda i: titles.get(i, i),
        horizontal=True,
    )

st.subheader("Your why, in one sentence")
draft = statement_template(s, content)
if draft and not s.why.statement.strip():
    bind.write("why.statement", draft)
    st.session_state.pop("w:why.statement", None)
bind.widget(st.text_area, "Why statement", "why.statement", max_chars=5000, height=100)
if draft and s.why.statement.strip() != draft and st.button("Use the suggested sentence"):
    bind.write("why.statement", draft)
    st.session_state.pop("w:why.statement", None)
    st.rerun()
if draft:
    st.caption(f"Suggested from your goals: *{draft}* Edit it until it sounds like {who}.")

if s.profile.kind == "organisation":
    st.subheader("Is the organisation ready?")
    st.write(content.organisation.intro)
    bind.pick_many("Already in place", "why.readiness_done", content.organisation.readiness)
    for _, action in readiness_gaps(s, content):
        st.markdown(f"- To do: {action}")
    st.subheader("Meet people where they are")
    bind.pick_many("Staff groups you have", "why.staff_groups", content.organisation.staff_group)
    for title, step in staff_next_steps(s, content):
        st.markdown(f"- **{title}**: {step}")
    if readiness_gaps(s, content) or s.why.staff_groups:
        st.caption("Each of these becomes a suggested action in your plan.")

ready = bool(s.why.goals)
footer("why", can_continue=ready, reason="" if ready else "Pick at least one goal first.")
