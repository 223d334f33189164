"""Channels: what to communicate, the ranked shortlist with reasons, and the handful picked."""

import datetime as dt

import streamlit as st

from strategy.core.i18n import _
from strategy.core.model import ChannelChoice
from strategy.steps.plan import add_months
from strategy.steps.recommend import pick_messages, rank_channels
from ui import bind
from ui.nav import footer, header
from ui.pillars import audience_editor, pillar_editor
from ui.room import share_panel
from ui.state import lib, strategy
from ui.text import safe

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
    bind.many(
        _("Content you will share"), "channels.content_types", list(types), format_func=types.get
    )
with right:
    bind.many(
        _("Who you want to reach"), "channels.audiences", list(audiences), format_func=audiences.get
    )

audience_editor()
pillar_editor()

st.subheader(_("Your shortlist"))
ranked = rank_channels(s, content)
order = [r.channel for r in ranked]


def in_rank_order(chosen: list[ChannelChoice]) -> list[ChannelChoice]:
    """Ranked order; a channel the ranking does not list (not in this content) goes last."""
    return sorted(
        chosen, key=lambda c: order.index(c.channel) if c.channel in order else len(order)
    )


def pick(channel: str) -> bind.Target:
    """The tick that puts a channel on the list (or takes it off)."""

    def put(picked: bool) -> None:
        chosen = {c.channel: c for c in bind.read("channels.chosen")}
        if picked:
            chosen.setdefault(channel, ChannelChoice(channel=channel))
        else:
            chosen.pop(channel, None)
        bind.assign("channels.chosen", in_rank_order(list(chosen.values())))

    return bind.field(
        f"pick_{channel}",
        get=lambda: channel in {c.channel for c in bind.read("channels.chosen")},
        put=put,
    )


def the_experiment() -> ChannelChoice | None:
    return next((c for c in bind.read("channels.chosen") if c.experiment), None)


def default_review(choice: ChannelChoice | None) -> dt.date:
    if choice is not None and choice.review_date:
        return choice.review_date
    return add_months(dt.date.today(), 3)


def review_date() -> bind.Target:
    """The experiment's review day (the widget shows the suggested day while there is none)."""

    def put(day: dt.date) -> None:
        choice = the_experiment()
        if choice is not None:
            choice.review_date = day

    return bind.field("experiment_review", get=lambda: default_review(the_experiment()), put=put)


def experiment() -> bind.Target:
    """Which chosen channel is the experiment ("" for none)."""

    def get() -> str:
        choice = the_experiment()
        return choice.channel if choice else ""

    def put(channel: str) -> None:
        before = the_experiment()
        for c in bind.read("channels.chosen"):
            c.experiment = c.channel == channel
        after = the_experiment()
        if after is not None and after is not before:
            # The review day on screen stays: the new experiment takes it (or its own, or the
            # suggested day when none was shown).
            shown = before.review_date if before else None
            after.review_date = shown or default_review(after)
            bind.forget(review_date())

    return bind.field("experiment_pick", get=get, put=put)


for rank, rec in enumerate(ranked, start=1):
    with st.container(border=True):
        pick_col, text_col = st.columns([1, 5])
        with pick_col:
            bind.flag(_("Pick {name}").format(name=rec.name), pick(rec.channel))
        text_col.markdown(
            f"**{rank}. {rec.name}**\n" + "\n".join(f"- {safe(p)}" for p in rec.points())
        )
        if rec.cautions:
            text_col.caption(_("Watch out: {cautions}.").format(cautions="; ".join(rec.cautions)))
# The picks keep the ranking's order, also when other answers change the ranking.
if in_rank_order(s.channels.chosen) != s.channels.chosen:
    bind.write("channels.chosen", in_rank_order(s.channels.chosen))

if s.channels.chosen:
    st.subheader(_("One experiment (optional)"))
    names = {c.channel: content.channel_name(c.channel) for c in s.channels.chosen}
    picked = bind.choice(
        _("Channel to try as an experiment"),
        experiment(),
        ["", *names],
        format_func=lambda i: names.get(i, _("None")),
    )
    if picked:
        default = default_review(the_experiment())
        bind.day(
            _("Review the experiment on"),
            review_date(),
            min_value=min(default, dt.date.today()),  # a resumed file's day may have passed
        )

errors, warnings = pick_messages(s, content)
for w in warnings:
    st.warning(w)
for e in errors:
    (st.error if s.channels.chosen else st.info)(e)
share_panel("channels")
footer("channels", can_continue=not errors, reason=errors[0] if errors else "")
