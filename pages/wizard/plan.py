"""Plan: one action table, recurring content on a calendar, people to connect with, the review."""

import datetime as dt
from itertools import groupby
from typing import cast

import streamlit as st

from strategy.core.i18n import _, date, ngettext
from strategy.core.labels import RHYTHMS, STATUSES, rhythm_words, status_words
from strategy.core.model import EARLIEST, LATEST, Contact, PlanAction, RecurringItem
from strategy.steps.plan import (
    calendar_items,
    default_review_date,
    pillar_recurring,
    suggested_recurring,
)
from ui import bind
from ui.downloads import calendar_buttons
from ui.nav import footer, header
from ui.state import lib, strategy
from ui.text import safe

header("plan")
s, content = strategy(), lib()
today = dt.date.today()
channels = [""] + [content.channel_name(c.channel) for c in s.channels.chosen]

st.subheader(_("Actions"))
# The router has collected the earlier steps' actions (strategy.steps.reconcile).
before = {a.source for a in s.plan.actions if a.source}
st.caption(
    _("Collected from your earlier steps; add your own rows. A task you delete stays deleted.")
)
problems = bind.table(
    "plan.actions",
    PlanAction,
    {
        "what": st.column_config.TextColumn(
            _("What"), required=True, max_chars=1000, width="large"
        ),
        "channel": st.column_config.TextColumn(_("Channel"), max_chars=200),
        "owner": st.column_config.TextColumn(_("Owner"), max_chars=200),
        "due": st.column_config.DateColumn(
            _("Due"), format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST
        ),
        "status": st.column_config.SelectboxColumn(
            _("Status"),
            options=list(STATUSES),
            format_func=lambda v: status_words(cast(str, v)),
            default="todo",
            required=True,
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

st.subheader(_("Recurring content"))
st.caption(
    _("What you routinely share, e.g. {examples}. Add something new too.").format(
        examples=", ".join(content.steps.plan.routine).lower()
    )
)
problems = bind.table(
    "plan.recurring",
    RecurringItem,
    {
        "what": st.column_config.TextColumn(_("What you share"), required=True, max_chars=200),
        "channel": st.column_config.SelectboxColumn(_("Channel"), options=channels),
        "rhythm": st.column_config.SelectboxColumn(
            _("Rhythm"),
            options=list(RHYTHMS),
            format_func=lambda v: rhythm_words(cast(str, v)),
            default="monthly",
            required=True,
        ),
        "start": st.column_config.DateColumn(
            _("First date"), format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST
        ),
    },
    required="what",
)
for problem in problems:
    st.warning(problem)
from_pillars = pillar_recurring(s, today)
if from_pillars:
    st.button(
        _("Add recurring content from your content pillars"),
        key="pillar_recurring",
        icon=":material/view_column:",
        on_click=bind.reseed,
        args=("plan.recurring", [*s.plan.recurring, *from_pillars]),
        help=_("One row per pillar: weekly for a quarter of the posts or more, else monthly."),
    )
suggestions = suggested_recurring(s, content, today)
if suggestions:
    st.button(
        _("Suggest recurring content for {channels}").format(
            channels=", ".join(r.channel for r in suggestions)
        ),
        key="suggest_recurring",
        icon=":material/event_repeat:",
        on_click=bind.reseed,
        args=("plan.recurring", [*s.plan.recurring, *suggestions]),
        help=_(
            "From each channel's guideline: what to share there and how often. "
            "Edit or delete the rows."
        ),
    )

items = calendar_items(s.plan, today)
if items:
    st.markdown(
        ngettext(
            "**The next 12 months** ({n} dated item)",
            "**The next 12 months** ({n} dated items)",
            len(items),
        ).format(n=len(items))
    )
    months = [(k, list(g)) for k, g in groupby(items, key=lambda i: (i.day.year, i.day.month))]
    for row in range(0, len(months), 4):
        for col, ((year, month), group) in zip(st.columns(4), months[row : row + 4], strict=False):
            with col.container(border=True):
                st.markdown(f"**{date(dt.date(year, month, 1), 'month')}**")
                st.markdown(
                    "\n".join(
                        f"- {i.day.day}: {safe(i.what)}"
                        + (f" ({safe(i.channel)})" if i.channel else "")
                        for i in group[:8]
                    )
                    + (
                        "\n" + _("- and {n} more").format(n=len(group) - 8)
                        if len(group) > 8
                        else ""
                    )
                )

st.subheader(_("People to connect with"))
problems = bind.table(
    "plan.roster",
    Contact,
    {
        "who": st.column_config.TextColumn(_("Person or group"), required=True, max_chars=200),
        "channel": st.column_config.SelectboxColumn(_("Channel"), options=channels),
        "first_step": st.column_config.TextColumn(_("First step"), max_chars=1000, width="large"),
    },
    required="who",
)
for problem in problems:
    st.warning(problem)

st.subheader(_("Review"))
suggested = default_review_date(today, content)
# Left empty until the person picks a day: a mere visit does not complete the step. Every
# output uses the suggested day meanwhile, and says so here.
bind.day(
    _("Review this strategy on"),
    "plan.review_date",
    # A resumed strategy's review day may have passed: it stays, and can be moved on.
    min_value=min(today, s.plan.review_date or today),
    format="YYYY-MM-DD",
)
if s.plan.review_date is None:
    st.caption(
        _(
            "No day picked yet: the plan and the PDF use {day}, six months from today. "
            "Pick a day to make it yours."
        ).format(day=date(suggested, "medium"))
    )
topics = content.titles(content.rules.review_topic)
bind.many(
    _("What to review"),
    "plan.review_topics",
    list(topics),
    format_func=topics.get,
    style="pills",
)
st.caption(
    _(
        "Every strategy evolves: re-baseline who you follow, change what and where you "
        "communicate when needed, and experiment on purpose."
    )
)

calendar_buttons("plan")
footer("plan")
