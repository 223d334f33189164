"""Analytics: measure engagement, not follower counts."""

import streamlit as st

from ui import bind
from ui.nav import footer, header
from ui.state import lib, strategy

header("analytics")
s, content = strategy(), lib()
measure = content.steps.measure
st.info(measure.not_followers)
left, right = st.columns(2)
left.markdown(f"**Not a competition.** {measure.not_competition}")
right.markdown(f"**Not in a vacuum.** {measure.not_vacuum}")

st.subheader("Followers today, per channel")
st.caption("Most post exports carry no follower total; type today's figure for each channel.")
followers = dict(s.analytics.followers)
for choice in s.channels.chosen:
    value = st.number_input(
        f"{content.channel_name(choice.channel)} followers",
        min_value=0,
        max_value=10_000_000_000,
        value=followers.get(choice.channel, 0),
        step=1,
        key=f"w:followers:{choice.channel}",
    )
    if value:
        followers[choice.channel] = int(value)
    else:
        followers.pop(choice.channel, None)
if followers != s.analytics.followers:
    bind.write("analytics.followers", followers)
if not s.channels.chosen:
    st.caption("Pick channels on the Channels step to enter their follower counts.")

st.subheader("Learn by doing")
st.write(measure.learn_by_doing)
bind.widget(
    st.text_area,
    "Your notes on what works for your audience",
    "analytics.notes",
    max_chars=5000,
    height=100,
)

footer("analytics")
