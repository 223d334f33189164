"""The review: new exports against each target's baseline, and what the strategy changed since.

On or after the review day a user resumes their saved file on Start, comes here, uploads the
exports downloaded since, and sees per target: baseline → now → target, with the days and
sample each figure rests on, and on track, behind, reached or too little data to tell.
"""

import datetime as dt

import streamlit as st

from strategy.core.i18n import _, date
from strategy.targets.review import review
from ui.nav import PAGE_FILES
from ui.state import app_state, lib, memo, strategy
from ui.text import safe
from ui.uploads import mapping_form, upload_box

# Each status in a colour a reader also gets from its words (never from the colour alone).
COLOURS = {
    "reached": "green",
    "on_track": "blue",
    "behind": "orange",
    "too_little_data": "gray",
    "not_set": "gray",
}

s, state = strategy(), app_state()
today = dt.date.today()
st.title(_("Review your strategy"))
st.write(
    _(
        "Compare new exports with the baselines your targets were set on: for each target, "
        "where you started, where you are now and where you wanted to be, with the days and "
        "sample each figure rests on."
    )
)
if not s.targets.targets:
    st.info(
        _(
            "This strategy has no targets yet. Set them on the Analytics step, from your "
            "exports: a target per goal, with its baseline."
        ),
        icon=":material/flag:",
    )
    st.page_link(PAGE_FILES["analytics"], label=_("Go to Analytics"), icon=":material/monitoring:")
    st.stop()

planned = s.plan.review_date
if planned and planned > today:
    st.caption(
        _("Your review is planned for {day}; you can look at any time.").format(
            day=date(planned, "long")
        )
    )

st.subheader(_("Your new exports"))
st.caption(
    _(
        "Upload what you downloaded since the baselines were set. Days the baseline already "
        "counted are left out of “now”."
    )
)
upload_box()
mapping_form()
datasets = state.datasets

# The strategy as text: the memo compares it by value, and the session's object changes in place.
result = memo("review", (datasets, s.model_dump_json()), lambda: review(s, datasets, lib()))
st.subheader(_("Targets"))
if not datasets:
    st.caption(_("No exports uploaded yet: every target is “too little data to tell” for now."))
for t in result.targets:
    with st.container(border=True):
        st.badge(t.status_words, color=COLOURS.get(t.status, "gray"))  # pyright: ignore[reportArgumentType]
        st.markdown(safe(t.line()))
        if not t.goal_chosen:
            st.caption(_("Its goal is no longer one of your goals."))

st.subheader(_("What changed in the strategy"))
if result.snapshot_taken is None:
    st.caption(_("No snapshot was kept with the baselines, so changes cannot be listed."))
elif not result.changes:
    st.caption(
        _("Nothing changed in channels or guidelines since {day}.").format(
            day=date(result.snapshot_taken, "medium")
        )
    )
else:
    st.caption(_("Since {day}:").format(day=date(result.snapshot_taken, "medium")))
    st.markdown("\n".join(f"- {safe(c.words)}" for c in result.changes))
