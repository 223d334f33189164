"""The strategy canvas: the whole strategy on one screen, to project or print."""

import datetime as dt
from typing import cast

import streamlit as st

from strategy.core.i18n import _, date
from strategy.core.model import PlanAction
from strategy.steps.plan import calendar_items, default_review_date
from strategy.steps.recommend import rank_channels
from ui.state import lib, strategy
from ui.text import safe


def due(action: PlanAction) -> dt.date:
    """The due date of an action already filtered to have one."""
    return cast(dt.date, action.due)


s, content = strategy(), lib()
today = dt.date.today()
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
    soon = sorted(
        (
            a
            for a in s.plan.actions
            if a.status != "done" and a.due and a.due <= today + dt.timedelta(days=90)
        ),
        key=due,
    )
    lines = [f"- {date(due(a), 'short')}: {safe(a.what)}" for a in soon[:8]]
    st.markdown("\n".join(lines) or _("Nothing dated yet."))
with middle.container(border=True):
    st.markdown("##### " + _("Every month"))
    items = calendar_items(s.plan, today, months=1)
    lines = [
        f"- {safe(i.what)}" + (f" ({safe(i.channel)})" if i.channel else "") for i in items[:8]
    ]
    st.markdown("\n".join(lines) or _("No recurring content yet."))
with right.container(border=True):
    st.markdown("##### " + _("Measure and review"))
    review = s.plan.review_date or default_review_date(today, content)
    st.write(
        _("Review on **{day}**. Measure engagement, not follower counts.").format(day=date(review))
    )
    st.caption(" ".join(content.rules.value_check_intro.split(". ")[:1]) + ".")
