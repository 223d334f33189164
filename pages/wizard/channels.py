"""Channels: what to communicate, the ranked shortlist with reasons, and the handful picked."""

import datetime as dt

import streamlit as st

from strategy.core.i18n import _
from strategy.core.model import ChannelChoice
from strategy.steps.plan import add_months
from strategy.steps.recommend import pick_messages, rank_channels
from ui import bind
from ui.nav import footer, header
from ui.state import lib, strategy, wkey

header("channels")
s, content = strategy(), lib()
types = content.titles(content.channels.content_type)
audiences = content.titles(content.channels.audience)

st.subheader(_("What do you want to communicate, and to whom?"))
st.caption(
    _(
        "Left empty, the app uses what your goals suggest. Channels suit different content: "
        "no family photos on LinkedIn, no job hunting on Snapchat."
    )
)
left, right = st.columns(2)
with left:
    bind.widget(
        st.multiselect,
        _("Content you will share"),
        "channels.content_types",
        options=list(types),
        format_func=types.get,
    )
with right:
    bind.widget(
        st.multiselect,
        _("Who you want to reach"),
        "channels.audiences",
        options=list(audiences),
        format_func=audiences.get,
    )

st.subheader(_("Your shortlist"))
ranked = rank_channels(s, content)
chosen = {c.channel: c for c in s.channels.chosen}
for rank, rec in enumerate(ranked, start=1):
    with st.container(border=True):
        pick_col, text_col = st.columns([1, 5])
        picked = pick_col.checkbox(
            _("Pick {name}").format(name=rec.name),
            value=rec.channel in chosen,
            key=wkey(f"pick_{rec.channel}"),
        )
        text_col.markdown(f"**{rank}. {rec.sentence()}**")
        if rec.cautions:
            text_col.caption(_("Watch out: {cautions}.").format(cautions="; ".join(rec.cautions)))
        if picked and rec.channel not in chosen:
            chosen[rec.channel] = ChannelChoice(channel=rec.channel)
        elif not picked and rec.channel in chosen:
            del chosen[rec.channel]
order = [r.channel for r in ranked]
# Ranked order; a channel the ranking does not list (not in this content) goes last.
bind.write(
    "channels.chosen",
    [chosen[c] for c in sorted(chosen, key=lambda c: order.index(c) if c in order else len(order))],
)

if s.channels.chosen:
    st.subheader(_("One experiment (optional)"))
    names = {c.channel: content.channel_name(c.channel) for c in s.channels.chosen}
    current = next((c.channel for c in s.channels.chosen if c.experiment), "")
    experiment = st.selectbox(
        _("Channel to try as an experiment"),
        options=["", *names],
        index=["", *names].index(current),
        format_func=lambda i: names.get(i, _("None")),
        key=wkey("experiment_pick"),
    )
    for choice in s.channels.chosen:
        choice.experiment = choice.channel == experiment
    if experiment:
        choice = next(c for c in s.channels.chosen if c.channel == experiment)
        default = choice.review_date or add_months(dt.date.today(), 3)
        choice.review_date = st.date_input(
            _("Review the experiment on"),
            value=default,
            min_value=min(default, dt.date.today()),  # a resumed file's day may have passed
            key=wkey("experiment_review"),
        )

errors, warnings = pick_messages(s, content)
for w in warnings:
    st.warning(w)
for e in errors:
    (st.error if s.channels.chosen else st.info)(e)
footer("channels", can_continue=not errors, reason=errors[0] if errors else "")
