"""Plan: one action table, recurring content on a calendar, people to connect with, the review."""

import datetime as dt
from itertools import groupby

import streamlit as st

from strategy.model import Contact, PlanAction, RecurringItem
from strategy.plan import calendar_items, default_review_date, suggested_actions, sync_actions
from ui import bind, table
from ui.downloads import calendar_buttons
from ui.nav import footer, header
from ui.state import lib, strategy
from ui.text import safe

header("plan")
s, content = strategy(), lib()
today = dt.date.today()
channels = [""] + [content.channel_name(c.channel) for c in s.channels.chosen]

st.subheader("Actions")
synced = sync_actions(s.plan, suggested_actions(s, content, today))
if len(synced) != len(s.plan.actions):
    bind.write("plan.actions", synced)
    table.reset("plan.actions")
before = {a.source for a in s.plan.actions if a.source}
st.caption("Collected from your earlier steps; add your own rows. A task you delete stays deleted.")
problems = table.model_table(
    "plan.actions",
    PlanAction,
    {
        "what": st.column_config.TextColumn("What", required=True, max_chars=1000, width="large"),
        "channel": st.column_config.TextColumn("Channel", max_chars=200),
        "owner": st.column_config.TextColumn("Owner", max_chars=200),
        "due": st.column_config.DateColumn("Due", format="YYYY-MM-DD"),
        "status": st.column_config.SelectboxColumn(
            "Status", options=["todo", "doing", "done"], default="todo", required=True
        ),
    },
    required="what",
    hidden=("source",),
)
gone = before - {a.source for a in s.plan.actions if a.source}
if gone:
    bind.write("plan.dismissed", [*s.plan.dismissed, *sorted(gone)])
for problem in problems:
    st.warning(problem)

st.subheader("Recurring content")
st.caption(
    "What you routinely share, e.g. "
    + ", ".join(content.steps.plan.routine).lower()
    + ". Add something new too."
)
problems = table.model_table(
    "plan.recurring",
    RecurringItem,
    {
        "what": st.column_config.TextColumn("What you share", required=True, max_chars=200),
        "channel": st.column_config.SelectboxColumn("Channel", options=channels),
        "rhythm": st.column_config.SelectboxColumn(
            "Rhythm", options=["weekly", "monthly", "quarterly"], default="monthly", required=True
        ),
        "start": st.column_config.DateColumn("First date", format="YYYY-MM-DD"),
    },
    required="what",
)
for problem in problems:
    st.warning(problem)

items = calendar_items(s.plan, today)
if items:
    st.markdown(f"**The next 12 months** ({len(items)} dated items)")
    months = [(k, list(g)) for k, g in groupby(items, key=lambda i: (i.day.year, i.day.month))]
    for row in range(0, len(months), 4):
        for col, ((year, month), group) in zip(st.columns(4), months[row : row + 4], strict=False):
            with col.container(border=True):
                st.markdown(f"**{dt.date(year, month, 1):%B %Y}**")
                st.markdown(
                    "\n".join(
                        f"- {i.day.day}: {safe(i.what)}"
                        + (f" ({safe(i.channel)})" if i.channel else "")
                        for i in group[:8]
                    )
                    + (f"\n- and {len(group) - 8} more" if len(group) > 8 else "")
                )

st.subheader("People to connect with")
problems = table.model_table(
    "plan.roster",
    Contact,
    {
        "who": st.column_config.TextColumn("Person or group", required=True, max_chars=200),
        "channel": st.column_config.SelectboxColumn("Channel", options=channels),
        "first_step": st.column_config.TextColumn("First step", max_chars=1000, width="large"),
    },
    required="who",
)
for problem in problems:
    st.warning(problem)

st.subheader("Review")
if s.plan.review_date is None:
    bind.write("plan.review_date", default_review_date(today, content))
bind.widget(
    st.date_input,
    "Review this strategy on",
    "plan.review_date",
    min_value=today,
    format="YYYY-MM-DD",
)
topics = content.titles(content.rules.review_topic)
bind.widget(
    st.pills,
    "What to review",
    "plan.review_topics",
    options=list(topics),
    format_func=topics.get,
    selection_mode="multi",
)
st.caption(
    "Every strategy evolves: re-baseline who you follow, change what and where you "
    "communicate when needed, and experiment on purpose."
)

calendar_buttons("plan")
footer("plan")
