"""Content pillars and audiences in full: planned on Channels, measured in Analytics.

Pillars are planned on the Channels step and measured on the user's own posts in Analytics.

The pillars live in the strategy (`channels.pillars`), so they are saved, resumed and printed.
The Analytics step tags each account's posts by the pillars' words (`strategy.analytics.pillars`)
and shows the actual mix beside the planned one, and how each pillar's posts did, through the
same tester as the rules of thumb.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from strategy.analytics.analyze import AccountAnalysis
from strategy.analytics.folk_rules import results_table
from strategy.analytics.pillars import candidates, mix_total, pillar_mix
from strategy.core.i18n import _, percent
from strategy.core.model import AudienceNote, ContentPillar
from strategy.steps.audiences import audiences_in_full
from strategy.steps.pillars import problems, suggestions
from ui import bind
from ui.state import lib, memo, strategy
from ui.table_fit import frame_table
from ui.text import safe


def pillar_editor() -> None:
    """The pillars as an editable table: name, planned share, words that tag a post, examples."""
    st.subheader(_("Content pillars: what you post about"))
    st.caption(
        _(
            "Three to five themes tied to your why and your audiences, each with its share of "
            "your posts. The words (separated by commas: words, #hashtags, phrases) find the "
            "pillar in your own posts on the Analytics step."
        )
    )
    notes = bind.table(
        "channels.pillars",
        ContentPillar,
        {
            "name": st.column_config.TextColumn(
                _("Pillar"), required=True, max_chars=200, width="medium"
            ),
            "share": st.column_config.NumberColumn(
                _("Planned share (%)"), min_value=0, max_value=100, step=1, default=0
            ),
            "words": st.column_config.TextColumn(
                _("Words that tag a post"), max_chars=200, width="medium"
            ),
            "examples": st.column_config.TextColumn(_("Examples"), max_chars=1000, width="large"),
        },
        required="name",
        hidden=("audiences",),
    )
    for note in notes:
        st.warning(note)
    pillars = strategy().channels.pillars
    offered = [] if pillars else suggestions(strategy().why, lib())
    if offered:
        st.button(
            _("Suggest pillars from my goals"),
            key="suggest_pillars",
            icon=":material/view_column:",
            on_click=bind.reseed,
            args=("channels.pillars", offered),
            help=_("Pillars and words from your goals, with an even mix: edit them to fit."),
        )
    for problem in problems(pillars):
        st.caption(f":orange[{safe(problem)}]")
    if pillars:
        mix = " + ".join(percent(p.share / 100, 0) for p in pillars)
        st.caption(
            _("Planned mix: {mix} = {total}").format(
                mix=mix, total=percent(mix_total(pillars) / 100, 0)
            )
        )


def pillar_results(a: AccountAnalysis, datasets: list, options: object) -> None:
    """One account's posts by pillar: the mix against the plan, each pillar's rate, candidates."""
    pillars = list(strategy().channels.pillars)
    if not len(a.posts):
        return
    st.markdown("**" + _("Your content pillars on these posts") + "**")
    if not pillars:
        st.caption(_("Name your content pillars on the Channels step to see them here."))
    else:
        key = tuple(p.model_dump_json() for p in pillars)
        rows = memo(
            "pillars",
            (datasets, options, a.account.key, key),
            lambda: pillar_mix(a.posts, pillars),
        )
        mix = pd.DataFrame(
            [
                {
                    _("Pillar"): r.name,
                    _("Posts"): r.posts,
                    _("Share of posts"): percent(r.share, 0),
                    _("Planned"): "" if r.planned_share is None else percent(r.planned_share, 0),
                    _("Median rate"): "" if r.rate is None else percent(r.rate, 2),
                    _("Rated"): r.rated,
                }
                for r in rows
            ]
        )
        frame_table(mix)
        st.caption(
            _(
                "A post in two pillars counts half in each, so the shares add up to 100%. "
                "Posts without a text are left out."
            )
        )
        tested = [r.result for r in rows if r.result is not None]
        if tested:
            # The rules tester's own table, each row a pillar against the other posts.
            frame_table(results_table(tested).rename(columns={_("Rule"): _("Pillar")}))
    found = memo(
        "pillar_candidates",
        (datasets, options, a.account.key, tuple(p.model_dump_json() for p in pillars)),
        lambda: candidates(a.posts, pillars),
    )
    if found:
        words = ", ".join(f"{c.word} ({c.posts})" for c in found)
        st.caption(
            _("Frequent in posts no pillar holds (posts): {words}").format(words=safe(words))
        )


def _note_field(audience: str, part: str, suggestion: str) -> bind.Target:
    """One half of an audience said in full, seeded with the user's words or the suggestion."""

    def get() -> str:
        for note in strategy().channels.audience_notes:
            if note.audience == audience and getattr(note, part).strip():
                return getattr(note, part)
        return suggestion

    def put(text: str) -> None:
        notes = list(strategy().channels.audience_notes)
        old = next((n for n in notes if n.audience == audience), AudienceNote(audience=audience))
        new = old.model_copy(update={part: text})
        others = [n for n in notes if n.audience != audience]
        bind.assign("channels.audience_notes", [*others, AudienceNote.model_validate(new)])

    return bind.field("audience", audience, part, get=get, put=put)


def audience_editor() -> None:
    """Each picked audience said in full: what they need from you, what you want them to do."""
    picked = audiences_in_full(strategy(), lib())
    if not picked:
        return
    with st.expander(_("Your audiences in full"), icon=":material/groups:"):
        st.caption(
            _(
                "Say what each audience needs from you and what you want it to do; the "
                "suggestions are a start. It is printed on each channel's guideline card."
            )
        )
        for a in picked:
            st.markdown(f"**{safe(a.title)}**")
            left, right = st.columns(2)
            with left:
                bind.text(
                    _("What they need from you"),
                    _note_field(a.id, "needs", a.needs),
                    max_chars=1000,
                )
            with right:
                bind.text(
                    _("What you want them to do"),
                    _note_field(a.id, "action", a.action),
                    max_chars=1000,
                )
