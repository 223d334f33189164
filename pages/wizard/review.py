"""The review: new exports against each target's baseline, and what the strategy changed since.

On or after the review day a user resumes their saved file on Start, comes here, uploads the
exports downloaded since, and sees per target: baseline → now → target, with the days and
sample each figure rests on, and on track, behind, reached or too little data to tell.
"""

import datetime as dt

import streamlit as st

from strategy.core.i18n import _, date, using
from strategy.report.targets import review_markdown, review_pdf
from strategy.targets.measures import account_words, measure_name, sample, show
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


def figure_column(label: str, value: str, rests_on: str) -> None:
    """One figure of a target's row: what it is, the figure, and the days and sample under it."""
    st.caption(label)
    st.markdown(f"**{safe(value)}**")
    if rests_on:
        st.caption(safe(rests_on))


def period(start: dt.date | None, end: dt.date | None, n: int, unit: str) -> str:
    if start is None or end is None:
        return ""
    return f"{date(start, 'medium')} – {date(end, 'medium')} · {sample(n, unit)}"


for t in result.targets:
    target, b, now = t.target, t.target.baseline, t.current
    with st.container(border=True):
        st.badge(t.status_words, color=COLOURS.get(t.status, "gray"))  # pyright: ignore[reportArgumentType]
        name = measure_name(target.measure, b.denominator if b else None, b.counted if b else None)
        where = account_words(target.account, target.platform)
        st.markdown(f"**{safe(where)}** · {safe(name)}")
        then, current, aim = st.columns(3)
        with then:
            figure_column(
                _("Baseline"),
                show(target.measure, b.value) if b else "–",
                period(b.start, b.end, b.n, b.unit) if b else "",
            )
        with current:
            figure_column(
                _("Now"),
                show(target.measure, now.value) if now and now.value is not None else "–",
                period(now.start, now.end, now.n, now.unit) if now else "",
            )
        with aim:
            figure_column(
                _("Target"),
                show(target.measure, target.value) if target.value is not None else "–",
                _("by {day}").format(day=date(target.by, "medium")) if target.by else "",
            )
        if t.reason:
            st.caption(safe(t.reason))
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

# Built on click, outside the script run: the language and the figures are taken now.
language, content = s.profile.language, lib()


def _pdf() -> bytes:
    with using(language):
        return review_pdf(result, s, content, today)


def _markdown() -> str:
    with using(language):
        return review_markdown(result, s, content, today)


st.subheader(_("Take the review with you"))
left, right = st.columns(2)
left.download_button(
    _("Review (PDF, one page)"),
    data=_pdf,
    file_name=f"social-why-review-{today.isoformat()}.pdf",
    mime="application/pdf",
    on_click="ignore",
    key="review_pdf",
    icon=":material/picture_as_pdf:",
)
right.download_button(
    _("Review (Markdown)"),
    data=_markdown,
    file_name=f"social-why-review-{today.isoformat()}.md",
    mime="text/markdown",
    on_click="ignore",
    key="review_md",
    icon=":material/description:",
)
