"""Guidelines: one editable card per chosen channel, house rules, and the draft value check."""

import streamlit as st

from strategy.core.i18n import _
from strategy.report.pillars import audience_line, mix_line
from strategy.steps.audiences import for_channel
from strategy.steps.guidelines import CARD_FIELDS, check_draft, field_label, generate_card
from ui import bind
from ui.nav import footer, header
from ui.room import share_panel
from ui.state import lib, strategy, wkey
from ui.text import safe

header("guidelines")
s, content = strategy(), lib()
if not s.channels.chosen:
    st.info(_("Pick at least one channel on the Channels step first."))
    footer("guidelines", can_continue=False, reason=_("No channel picked yet."))
    st.stop()

# The router keeps one card per chosen channel (suggestions follow the goals and channels;
# fields the user edited are kept as written).
cards = {c.channel: c for c in s.guidelines.cards}


def current_card(channel: str):
    return next((c for c in strategy().guidelines.cards if c.channel == channel), None)


def card_field(channel: str, field: str) -> bind.Target:
    """One field of a channel's card; what the user writes there is marked as theirs."""

    def get() -> str:
        card = current_card(channel)
        return getattr(card, field) if card else ""

    def put(value: str) -> None:
        card = current_card(channel)
        if card is None:
            return  # the strategy was replaced since this card was shown
        setattr(card, field, value)
        if field not in card.edited:
            card.edited = [*card.edited, field]

    return bind.field("card", channel, field, get=get, put=put)


def reset_card(channel: str) -> None:
    now = strategy()
    fresh = generate_card(channel, now, lib())
    bind.reseed(
        "guidelines.cards",
        [fresh if c.channel == channel else c for c in now.guidelines.cards],
        *(card_field(channel, field) for field in CARD_FIELDS),
    )


tabs = st.tabs([content.channel_name(c) for c in cards])
for tab, (channel, card) in zip(tabs, cards.items(), strict=True):
    with tab:
        if s.channels.pillars:  # the mix planned on Channels holds here too
            st.markdown(safe(mix_line(s.channels.pillars)))
        for whom in for_channel(s, content, channel):
            st.caption(safe(audience_line(whom)))
        for field in CARD_FIELDS:
            label = field_label(field) + (_(" (edited)") if field in card.edited else "")
            bind.text(label, card_field(channel, field), area=True, max_chars=1000, height=68)
        if card.edited:
            sure = bind.flag(_("Discard my edits on this card"), bind.local(wkey("sure", channel)))
            st.button(
                _("Reset card to the suggestions"),
                key=f"reset_{channel}",
                disabled=not sure,
                on_click=reset_card,
                args=(channel,),
            )

st.subheader(_("House rules for every channel"))
st.markdown("\n".join(f"- {rule}" for rule in content.rules.house_rules))

st.subheader(_("The value check"))
st.write(content.rules.value_check_intro)
questions = content.rules.value_questions(s.profile.kind)
st.markdown("\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1)))
with st.container(border=True):
    st.markdown("**" + _("Check a draft post") + "**")
    channel = bind.choice(
        _("Channel"),
        bind.local(wkey("draft_channel")),
        list(cards),
        format_func=content.channel_name,
    )
    draft = bind.text(
        _("Draft"),
        bind.local(wkey("draft_text")),
        area=True,
        max_chars=10000,
        placeholder=_("Paste a post you are about to share"),
    )
    if draft.strip():
        result = check_draft(draft, channel, content)
        asked = {q.id: q.asked_by(s.profile.kind) for q in content.rules.value_question}
        for qid, question in asked.items():
            answered = qid in result.answered
            mark = ":green[" + _("answers") + "]" if answered else ":orange[" + _("not clear") + "]"
            st.markdown(f"- {mark}: {question}")
        cols = st.columns(3)
        cols[0].metric(_("Length"), f"{result.length} / {result.max_chars}")
        cols[1].metric(_("Hashtags"), f"{result.hashtags} / {result.max_hashtags}")
        cols[2].metric(_("Call to action"), _("yes") if result.has_call_to_action else _("missing"))
        for note in result.notes:
            st.warning(note)
        if not result.notes:
            st.success(_("Looks ready: it serves a goal, invites a response and fits the channel."))
        st.caption(
            _(
                "“Answers” and “not clear” are hints from the words used, not a judgement: "
                "you are the judge."
            )
        )


share_panel("guideline")
footer("guidelines")
