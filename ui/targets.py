"""Targets per goal on the Analytics step: a measure the exports give, its baseline, a figure.

A goal becomes measurable here. The user picks, for one of their goals, an account and a
measure its exports can give; the page shows the baseline computed from the exports shown
(with the days and sample it rests on, and whether that is too little to compare); the user
sets the figure to reach and the day. The strategy keeps the baseline's figures, never the
exports (`strategy.targets`). The form's draft lives in widget keys until the target is set.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from strategy.core.i18n import _, date
from strategy.core.library import Library
from strategy.core.model import Target
from strategy.importers.dataset import Dataset
from strategy.targets.baseline import baseline_for, choices, set_baseline
from strategy.targets.measures import Figure, account_words, describe, measure_name, show
from strategy.targets.suggest import Suggestions, suggestions
from ui import bind
from ui.state import lib, memo, strategy, wkey
from ui.text import safe

DEFAULT_HORIZON = dt.timedelta(days=90)  # a quarter: the usual first review
MAX_TARGETS = 30  # as many as a strategy file keeps


def draft(name: str) -> bind.Target:
    """One widget of the target being set: kept in the session until it is set."""
    return bind.local(wkey("target", name))


def saved_figure(target: Target) -> Figure | None:
    """A saved target's baseline as a figure, to describe it as the form did."""
    b = target.baseline
    if b is None:
        return None
    return Figure(
        target.measure,
        target.account,
        target.platform,
        b.value,
        b.start,
        b.end,
        b.n,
        b.unit,
        b.counted,
        b.denominator,
    )


def _use(key: str, value: float) -> None:
    """Put a published figure into the target's field (before the run draws it)."""
    st.session_state[key] = value


def _goal_title(goal: str, content: Library | None = None) -> str:
    found = (content or lib()).goal(goal)
    return found.title if found else goal


def _listed(targets: list[Target]) -> None:
    """The targets set so far, each with what it starts from and a Remove button."""
    for i, t in enumerate(targets):
        fig = saved_figure(t)
        b = t.baseline
        name = measure_name(t.measure, b.denominator if b else None, b.counted if b else None)
        with st.container(border=True):
            words, button = st.columns([5, 1], vertical_alignment="center")
            with words:
                where = account_words(t.account, t.platform)
                st.markdown(f"**{safe(_goal_title(t.goal))}** · {safe(where)} · {safe(name)}")
                if fig is not None:
                    st.markdown(_("Baseline: {figure}").format(figure=safe(describe(fig))))
                if t.value is not None and t.by is not None:
                    st.markdown(
                        _("**Target: {value} by {by}**").format(
                            value=show(t.measure, t.value), by=date(t.by, "medium")
                        )
                    )
            if button.button(_("Remove"), key=f"target_remove_{i}"):
                bind.write("targets.targets", targets[:i] + targets[i + 1 :])
                st.rerun()


def target_section(datasets: list[Dataset], *, demo: bool) -> None:
    """Targets for the strategy's goals, from the exports shown on the Analytics step.

    Args:
        datasets: The datasets the step shows (the uploads, or the demo's).
        demo: Whether they are the made-up demo data (the baseline is then made up too).
    """
    s = strategy()
    st.subheader(_("Targets for your goals"))
    st.caption(
        _(
            "Make a goal measurable: pick what your exports can measure, see where you stand "
            "(the baseline, with the days and sample it rests on) and set where you want to "
            "be, and by when. At the review, new exports are compared with it. Only the "
            "figures are saved, never your exports."
        )
    )
    targets = list(s.targets.targets)
    _listed(targets)
    if len(targets) >= MAX_TARGETS:
        st.caption(
            _("A strategy keeps at most {n} targets: remove one to set another.").format(
                n=MAX_TARGETS
            )
        )
        return
    if not s.why.goals:
        st.caption(_("Pick a goal on the Why step first: a target measures a goal."))
        return
    accounts = memo("target_choices", (datasets, s.analytics), lambda: choices(datasets, s))
    if not accounts:
        st.caption(_("These exports give no figure a target could use."))
        return
    with st.expander(_("Set a target"), expanded=not targets, icon=":material/flag:"):
        if demo:
            st.caption(
                _(":orange[**Made-up demo data**]: upload your own exports for a real baseline.")
            )
        content = lib()  # taken now: a select box may format its options outside the run
        by_key = {a.account: a for a in accounts}
        first, second = st.columns(2)
        with first:
            goal = bind.choice(
                _("For the goal"),
                draft("goal"),
                list(s.why.goals),
                format_func=lambda g: _goal_title(g, content),
            )
        with second:
            key = bind.choice(
                _("Account"),
                draft("account"),
                list(by_key),
                format_func=lambda k: account_words(k, by_key[k].platform) if k in by_key else k,
            )
        account = by_key.get(key) or accounts[0]
        first, second = st.columns(2)
        with first:
            measure = bind.choice(
                _("Measure"),
                draft(f"measure:{account.account}"),
                list(account.measures),
                format_func=measure_name,
            )
        measure = measure if measure in account.measures else account.measures[0]
        denominator = None
        if measure == "interaction_rate" and account.denominators:
            with second:
                denominator = bind.choice(
                    _("Per"),
                    draft(f"per:{account.account}"),
                    list(account.denominators),
                    format_func=lambda d: measure_name("interaction_rate", d, s.analytics.measure),
                )
        draft_target = Target(
            goal=goal or s.why.goals[0],
            measure=measure,  # pyright: ignore[reportArgumentType]  # one of the model's
            account=account.account,
            platform=account.platform,
        )
        fig = memo(
            "target_baseline",
            (datasets, s.analytics, account.account, measure, denominator),
            lambda: baseline_for(datasets, draft_target, s, denominator=denominator),
        )
        offered = memo(
            "target_published",
            (datasets, s.analytics, account.account, measure, denominator),
            lambda: suggestions(datasets, draft_target, s, denominator),
        )
        _form(s.plan.review_date, targets, draft_target, fig, denominator, offered)


def _form(
    review_day: dt.date | None,
    targets: list[Target],
    draft_target: Target,
    fig: Figure,
    denominator: str | None,
    offered: Suggestions,
) -> None:
    """The baseline in words, published figures to compare, the figure to reach, the day, Set."""
    st.markdown(_("**Where you stand:** {figure}").format(figure=safe(describe(fig))))
    if fig.value is None:
        return
    # A rate and a share are typed as percentages; the other figures as they are shown.
    rate = draft_target.measure in ("interaction_rate", "reply_share")
    share = draft_target.measure == "reply_share"
    value_field = draft(f"value:{draft_target.account}:{draft_target.measure}:{denominator}")
    for i, published in enumerate(offered.figures):
        words, button = st.columns([5, 1], vertical_alignment="center")
        words.caption(
            _("Published for comparison: {figure}").format(figure=safe(published.words()))
        )
        button.button(
            _("Use {value}").format(value=show("interaction_rate", published.value)),
            key=f"target_use_{i}",
            on_click=_use,
            args=(value_field.key, round(published.value * 100, 2)),
            help=_("Take this published median as your target figure."),
        )
    if offered.note:
        st.caption(safe(offered.note))
    today = dt.date.today()
    left, right = st.columns(2)
    with left:
        start = round(fig.value * 100, 2) if rate else round(fig.value, 1)
        value = bind.number(
            _("Target (%)") if rate else _("Target"),
            value_field,
            value=float(start),
            step=1.0 if share or not rate else 0.01,
            min_value=0.0 if share else -1e9,
            max_value=100.0 if share else 1e9,
        )
    with right:
        by = bind.day(
            _("By"),
            draft("by"),
            value=review_day if review_day and review_day > today else today + DEFAULT_HORIZON,
            min_value=today,
        )
    if st.button(_("Set this target"), key="target_set", type="primary", icon=":material/flag:"):
        target = draft_target.model_copy(
            update={"value": float(value) / 100 if rate else float(value), "by": by}
        )
        s = strategy().model_copy(update={"targets": strategy().targets.model_copy(deep=True)})
        s.targets.targets = [*targets, target]
        try:
            updated = set_baseline(s, len(targets), fig, today)
        except ValueError as exc:
            st.error(safe(str(exc)))
            return
        bind.write("targets", updated.targets)
        bind.forget_under("target")
        st.rerun()
