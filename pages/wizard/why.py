"""Why: pick goals, rank the top one, write the why statement; readiness for organisations."""

import streamlit as st

from strategy.core.i18n import _
from strategy.steps.why import goal_warnings, readiness_gaps, staff_next_steps, statement_template
from ui import bind
from ui.nav import footer, header
from ui.room import share_panel
from ui.state import lib, strategy

header("why")
s, content = strategy(), lib()
goals = content.goals_for(s.profile.kind)
titles = {g.id: g.title for g in goals}
organisation = s.profile.kind == "organisation"
st.caption(
    _("Showing the goals for your organisation. Change this on the Start page.")
    if organisation
    else _("Showing the goals for you. Change this on the Start page.")
)

with st.expander(_("What each goal means"), expanded=False):
    for g in goals:
        st.markdown(
            _("**{goal}**: {explain}  \n*Measure it by:* {measures}").format(
                goal=g.title, explain=g.explain, measures="; ".join(g.measures)
            )
        )

# Goals of the other kind of strategy stay stored but are not offered (bind.many shows none).
bind.many(
    _("Your goals: pick one or a few"),
    "why.goals",
    list(titles),
    format_func=lambda i: titles.get(i, i),
)
for warning in goal_warnings(s):
    st.warning(warning)

if s.why.goals:
    bind.choice(
        _("The goal that leads"),
        "why.top_goal",
        list(s.why.goals),
        format_func=lambda i: titles.get(i, i),
        style="radio",
        horizontal=True,
    )

st.subheader(_("Your why, in one sentence"))
draft = statement_template(s, content)  # the router drafted it already while it was empty
bind.text(_("Why statement"), "why.statement", area=True, max_chars=5000, height=100)
if draft and s.why.statement.strip() != draft and st.button(_("Use the suggested sentence")):
    bind.reseed("why.statement", draft)
    st.rerun()
if draft:
    st.caption(
        (
            _(
                "Suggested from your goals: *{draft}* Edit it until it sounds like your "
                "organisation."
            )
            if organisation
            else _("Suggested from your goals: *{draft}* Edit it until it sounds like you.")
        ).format(draft=draft)
    )

if organisation:
    st.subheader(_("Is the organisation ready?"))
    st.write(content.organisation.intro)
    bind.pick_many(_("Already in place"), "why.readiness_done", content.organisation.readiness)
    for _item, action in readiness_gaps(s, content):
        st.markdown(_("- To do: {action}").format(action=action))
    st.subheader(_("Meet people where they are"))
    bind.pick_many(_("Staff groups you have"), "why.staff_groups", content.organisation.staff_group)
    for title, step in staff_next_steps(s, content):
        st.markdown(f"- **{title}**: {step}")
    if readiness_gaps(s, content) or s.why.staff_groups:
        st.caption(_("Each of these becomes a suggested action in your plan."))

ready = bool(s.why.goals)
for kind in ("why", "goal", "readiness"):
    share_panel(kind)
footer("why", can_continue=ready, reason="" if ready else _("Pick at least one goal first."))
