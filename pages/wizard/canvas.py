"""The strategy canvas: the whole strategy on one screen, to project or print."""

import datetime as dt
from typing import cast

import streamlit as st

from strategy.core.i18n import _, date, ngettext
from strategy.core.model import PlanAction
from strategy.steps.plan import default_review_date, next_actions, routines
from strategy.steps.recommend import rank_channels
from ui.handout import printable
from ui.state import lib, strategy
from ui.text import safe


def due(action: PlanAction) -> dt.date:
    """The due date of an action already filtered to have one."""
    return cast(dt.date, action.due)


s, content = strategy(), lib()
today = dt.date.today()
printable()
who = s.profile.name.strip() or _("Our strategy")
st.caption(_("Strategy canvas · print it with your browser (Ctrl+P) or project it"))
st.title(safe(who))
with st.container(border=True):
    st.markdown("##### " + _("Why"))
    statement = s.why.statement.strip()
    st.markdown(f"### {safe(statement)}" if statement else "*" + _("No why statement yet.") + "*")
    goals = [g.title for g in (content.goal(i) for i in s.why.goals) if g]
    st.write(" · ".join(goals) or _("No goals picked yet."))

reasons = {r.channel: r for r in rank_channels(s, content)}
cards = {c.channel: c for c in s.guidelines.cards}
cols = st.columns(max(1, len(s.channels.chosen)))
for col, choice in zip(cols, s.channels.chosen, strict=False):
    card = cards.get(choice.channel)
    with col.container(border=True):
        label = _(" (experiment)") if choice.experiment else ""
        st.markdown(f"##### {content.channel_name(choice.channel)}{label}")
        st.markdown(safe(card.job) if card else reasons[choice.channel].sentence())
        if card:
            st.caption(
                _("Share: {share}  \nCall to action: {cta}  \nCadence: {cadence}").format(
                    share=safe(card.share),
                    cta=safe(card.call_to_action),
                    cadence=safe(card.cadence),
                )
            )
if not s.channels.chosen:
    st.info(_("No channels picked yet."))

left, middle, right = st.columns(3)
with left.container(border=True):
    st.markdown("##### " + _("Next 90 days"))
    overdue, coming = next_actions(s.plan, today)
    lines = [f"- {date(due(a), 'short')}: {safe(a.what)}" for a in coming[:8]]
    if len(coming) > 8:
        lines.append("- " + _("and {n} more in the plan").format(n=len(coming) - 8))
    st.markdown("\n".join(lines) or _("Nothing dated yet."))
    if overdue:
        st.markdown(
            "**"
            + ngettext("{n} task is overdue", "{n} tasks are overdue", len(overdue)).format(
                n=len(overdue)
            )
            + "**\n"
            + "\n".join(f"- {date(due(a), 'short')}: {safe(a.what)}" for a in overdue[:3])
        )
with middle.container(border=True):
    st.markdown("##### " + _("Recurring content"))
    lines = [
        f"- **{safe(r.when)}**: {safe(r.what)}" + (f" ({safe(r.channel)})" if r.channel else "")
        for r in routines(s.plan, today)[:8]
    ]
    st.markdown("\n".join(lines) or _("No recurring content yet."))
with right.container(border=True):
    st.markdown("##### " + _("Measure and review"))
    review = s.plan.review_date or default_review_date(today, content)
    st.write(
        _("Review on **{day}**. Measure engagement, not follower counts.").format(day=date(review))
    )
    st.markdown("**" + _("Before you share anything, ask:") + "**")
    st.markdown(
        "\n".join(
            f"{i}. {safe(q)}"
            for i, q in enumerate(content.rules.value_questions(s.profile.kind), 1)
        )
    )
