"""The strategy canvas: the whole strategy on one screen, to project or print."""

import datetime as dt

import streamlit as st

from strategy.plan import calendar_items, default_review_date
from strategy.recommend import rank_channels
from ui.state import lib, strategy

s, content = strategy(), lib()
today = dt.date.today()
who = s.profile.name.strip() or "Our strategy"
st.caption("Strategy canvas · print it with your browser (Ctrl+P) or project it")
st.title(who)
with st.container(border=True):
    st.markdown("##### Why")
    st.markdown(f"### {s.why.statement.strip() or '*No why statement yet.*'}")
    goals = [g.title for g in (content.goal(i) for i in s.why.goals) if g]
    st.write(" · ".join(goals) or "No goals picked yet.")

reasons = {r.channel: r for r in rank_channels(s, content)}
cards = {c.channel: c for c in s.guidelines.cards}
cols = st.columns(max(1, len(s.channels.chosen)))
for col, choice in zip(cols, s.channels.chosen, strict=False):
    card = cards.get(choice.channel)
    with col.container(border=True):
        label = " (experiment)" if choice.experiment else ""
        st.markdown(f"##### {content.channel_name(choice.channel)}{label}")
        st.write(card.job if card else reasons[choice.channel].sentence())
        if card:
            st.caption(f"Share: {card.share}  \nCall to action: {card.call_to_action}  \n"
                       f"Cadence: {card.cadence}")  # fmt: skip
if not s.channels.chosen:
    st.info("No channels picked yet.")

left, middle, right = st.columns(3)
with left.container(border=True):
    st.markdown("##### Next 90 days")
    soon = [a for a in s.plan.actions if a.status != "done" and a.due
            and a.due <= today + dt.timedelta(days=90)]  # fmt: skip
    st.markdown("\n".join(f"- {a.due:%d %b}: {a.what}" for a in sorted(soon, key=lambda a: a.due)
                          [:8]) or "Nothing dated yet.")  # fmt: skip
with middle.container(border=True):
    st.markdown("##### Every month")
    items = calendar_items(s.plan, today, months=1)
    st.markdown("\n".join(f"- {i.what}" + (f" ({i.channel})" if i.channel else "")
                          for i in items[:8]) or "No recurring content yet.")  # fmt: skip
with right.container(border=True):
    st.markdown("##### Measure and review")
    review = s.plan.review_date or default_review_date(today, content)
    st.write(f"Review on **{review:%d %B %Y}**. Measure engagement, not follower counts.")
    st.caption(" ".join(content.rules.value_check_intro.split(". ")[:1]) + ".")
