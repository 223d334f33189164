"""Analytics: upload exports; rates per account; growth; best time; the folk rules tested."""

import datetime as dt
from typing import cast

import streamlit as st

from strategy.analytics import analyze, chart_text, charts
from strategy.analytics.folk_rules import results_table
from strategy.analytics.measures import MEASURE_NAMES
from strategy.analytics.settings import options_for
from strategy.analytics.tables import (
    accounts_table,
    benchmark_table,
    benchmark_ticks,
    cards,
    follower_lines,
    follower_points,
    heat_cells,
    quality_table,
    rate_table,
    top_posts_table,
    weekly_long,
)
from strategy.analytics.timing import zone_names, zone_words
from strategy.core.csvsafe import frame_csv
from strategy.core.i18n import _
from strategy.core.model import FollowerTotal
from strategy.core.textclean import clean
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import find_persona
from ui import bind, chart
from ui.nav import footer, header
from ui.own_rules import own_rule_section
from ui.pillars import pillar_results
from ui.state import (
    app_state,
    browser_zone,
    clear_uploads,
    lib,
    memo,
    strategy,
    upload_key,
    wkey,
)
from ui.table_fit import frame_table
from ui.targets import target_section
from ui.text import safe
from ui.uploads import mapping_form, upload_box


def totals() -> dict[str, FollowerTotal]:
    return dict(bind.read("analytics.follower_totals"))


def as_of(account: str) -> dt.date:
    known = totals().get(account)
    return known.as_of if known else dt.date.today()


def follower_day(account: str, i: int) -> bind.Target:
    """The day an account's typed follower total was true (kept with a total, not alone)."""

    def put(day: dt.date) -> None:
        typed = totals()
        known = typed.get(account)
        if known is not None:
            typed[account] = FollowerTotal(count=known.count, as_of=day)
            bind.assign("analytics.follower_totals", typed)

    return bind.field("followers_day", account, str(i), get=lambda: as_of(account), put=put)


def follower_count(account: str, i: int, day: bind.Target) -> bind.Target:
    """An account's typed follower total: 0 removes it; a new one takes the day shown beside."""

    def put(count: int) -> None:
        typed = totals()
        if count:
            shown = bind.current(day.key)
            day_true = shown if isinstance(shown, dt.date) else as_of(account)
            typed[account] = FollowerTotal(count=int(count), as_of=day_true)
        else:
            typed.pop(account, None)
        bind.assign("analytics.follower_totals", typed)

    def get() -> int:
        known = totals().get(account)
        return known.count if known else 0

    return bind.field("followers", account, str(i), get=get, put=put)


header("analytics")
s, content, state = strategy(), lib(), app_state()
measure_text = content.steps.measure
st.info(measure_text.not_followers)
left, right = st.columns(2)
left.markdown("**" + _("Not a competition.") + "** " + measure_text.not_competition)
right.markdown("**" + _("Not in a vacuum.") + "** " + measure_text.not_vacuum)

st.subheader(_("Your data"))
upload_box()
mapping_form()
datasets = state.datasets
if datasets:
    if st.button(_("Remove all uploaded data"), key="clear_uploads"):
        clear_uploads()
        st.rerun()
else:
    persona = find_persona(state.persona, s.profile.language)
    datasets = demo_datasets(persona.accounts if persona else None)
    who = persona.title if persona else _("an HR team's two accounts and a personal account")
    st.caption(
        _(
            ":orange[**Showing made-up demo data**] ({who}): upload your own exports to replace it."
        ).format(who=who)
    )

# The browser's zone is the default; a strategy that names one keeps it wherever it is opened.
zone = browser_zone()
options = options_for(s.analytics, zone, state.account_names)
analysis = memo("analysis", (datasets, options), lambda: analyze(datasets, options))

with st.expander(_("Data quality: what each file holds and lacks"), expanded=bool(state.datasets)):
    frame_table(quality_table(analysis))

if state.datasets:
    st.markdown("**" + _("Accounts") + "**")
    st.caption(
        _(
            "Each table is counted under an account. Give two tables the same account "
            "name to merge them, or another name to split them."
        )
    )
    table = accounts_table(analysis)
    edited = bind.local_table(
        table,
        # A new editor when tables are added, or after "Remove all uploaded data".
        bind.local(upload_key(f"accounts_{len(state.datasets)}")),
        hide_index=True,
        disabled=[c for c in table.columns if c != _("account")],
        column_config={"key": None},
    )
    names: dict[str, str] = {
        cast(str, row["key"]): clean(str(row[_("account")] or ""), lines=False).strip()[:100]
        for _i, row in edited.iterrows()
        if str(row[_("account")] or "").strip()
        and str(row[_("account")]).strip() != table.set_index("key").loc[row["key"], _("account")]
    }
    if names:
        state.account_names = {**state.account_names, **names}
        st.rerun()

st.subheader(_("How to read the figures"))
zones = ["", *zone_names()]
c1, c2, c3 = st.columns(3)
with c1:
    bind.choice(
        _("Time zone for weekdays and hours"),
        "analytics.time_zone",
        zones,
        format_func=lambda z: z or _("Your browser's ({zone})").format(zone=zone),
        help=_(
            "Times the export gives in UTC are converted; clock times of an unknown "
            "zone are shown as the export wrote them."
        ),
    )
MEASURES = {"interactions": _("Interactions"), "engagements": _("The network's engagements")}
with c2:
    bind.choice(
        _("Measure"),
        "analytics.measure",
        list(MEASURES),
        format_func=MEASURES.get,
        style="radio",
        help=_(
            "Interactions: likes or reactions + comments + shares (+ saves), the same "
            "on every network. Engagements: each network's own figure (X counts "
            "clicks and expands too)."
        ),
    )
DENOMS = {
    "auto": _("Best per account"),
    "followers": _("Followers"),
    "reach": _("Reach"),
    "impressions": _("Impressions"),
    "views": _("Views"),
}
with c3:
    bind.choice(
        _("Rate per"),
        "analytics.denominator",
        list(DENOMS),
        format_func=DENOMS.get,
        style="radio",
        help=_(
            "Best per account: a follower history in the export, else reach, impressions or views."
        ),
    )

st.subheader(_("Followers"))
needs = [a for a in analysis.accounts if a.followers.source != "history"]
for a in analysis.accounts:
    st.caption(
        safe(_("{account}: {source}.").format(account=a.account.label, source=a.followers.words))
    )
if needs:
    st.caption(
        _(
            "Type a follower total and the day it was true (a count from the profile "
            "today, or one you noted when you downloaded the export)."
        )
    )
    for i, a in enumerate(needs):
        day = follower_day(a.account.key, i)
        col_count, col_day = st.columns([2, 1])
        with col_count:
            bind.number(
                _("{account} followers").format(account=a.account.label),
                follower_count(a.account.key, i, day),
                min_value=0,
                max_value=10_000_000_000,
                step=1,
            )
        with col_day:
            bind.day(_("on"), day, max_value=dt.date.today())

st.subheader(_("Per account"))
CHANGE_HELP = _("Change: the last 28 days against the 28 before, where the exports cover both.")
for a in analysis.accounts:
    figures = cards(a)
    period = a.period()
    if period:
        st.markdown(f"**{safe(a.account.label)}** · {period['start']} – {period['end']}")
    # Rows of four, so a phone (where columns stack) reads them in order.
    for start in range(0, len(figures), 4):
        row = figures[start : start + 4]
        for col, (label, value, delta) in zip(st.columns(4), row, strict=False):
            col.metric(label, value, delta, help=CHANGE_HELP)
    thousand = a.per_thousand()
    if thousand:
        words = {
            "follows": _("follows"),
            "profile_visits": _("profile visits"),
            "link_clicks": _("link clicks"),
        }
        st.caption(
            _("Per 1,000 impressions: {figures}.").format(
                figures=", ".join(f"{v:.1f} {words[k]}" for k, v in thousand.items())
            )
        )


def described(text: chart_text.ChartText) -> None:
    """Under a chart: its takeaway in words (a screen reader's text too), then its numbers."""
    st.caption(safe(text.alt))
    if text.notes:
        st.caption(safe(text.notes))
    if len(text.table):
        with st.expander(_("The numbers: {chart}").format(chart=text.name)):
            frame_table(text.table)


def overview() -> list[tuple[dict | None, chart_text.ChartText]]:
    """The per-account rates and followers, then the notes: (chart spec or None, its text)."""
    out: list[tuple[dict | None, chart_text.ChartText]] = []
    rates = rate_table(analysis)
    if not rates.empty:
        panels = [chart.spec(c) for c in charts.rate_panels(rates, ticks=benchmark_ticks(analysis))]
        out += list(zip(panels, chart_text.rate_texts(analysis), strict=True))
    points = follower_points(analysis)
    measure = _(MEASURE_NAMES[analysis.options.measure])
    if not points.empty:
        lines = follower_lines(analysis, points)
        out.append(
            (
                chart.spec(charts.engagement_vs_followers(points, lines, measure)),
                chart_text.followers_text(analysis, points, lines),
            )
        )
    else:
        note = _(
            "Engagement against follower count needs an account with posts and "
            "a follower count: type a total above."
        )
        out.append((None, chart_text.ChartText("", note)))
    return out + [(None, chart_text.ChartText("", note)) for note in analysis.notes()]


for spec, text in memo("overview", (datasets, options), overview):
    if spec is not None:
        chart.show(spec)
        described(text)
    else:
        st.caption(safe(text.alt))

published, published_notes = memo(
    "published", (datasets, options), lambda: benchmark_table(analysis)
)
with st.expander(_("Published figures for the same kind of rate"), expanded=False):
    st.caption(
        _(
            "Figures from published studies, each beside a rate of the same network, measure "
            "and denominator, for accounts of the size it was measured on. They say what is "
            "typical where they were measured, not what you should reach."
        )
    )
    if len(published):
        frame_table(published, column_config={_("Link"): st.column_config.LinkColumn()})
    for note in published_notes:
        st.caption(safe(note))

st.subheader(_("One account at a time: growth, best time, the rules of thumb"))
st.write(measure_text.learn_by_doing)
if analysis.accounts:
    labels = {a.account.key: a.account.label for a in analysis.accounts}
    chosen = bind.choice(
        _("Account"),
        bind.local(wkey("rules_account")),
        list(labels),
        format_func=labels.__getitem__,
    )
    a = analysis.account(chosen) or analysis.accounts[0]

    def account_figures() -> list[tuple[dict, chart_text.ChartText]]:
        """Weekly growth, best time to post and the rule tests for one account."""
        out = []
        weekly = weekly_long(analysis, [a])
        if not weekly.empty:
            out.append((chart.spec(charts.over_time(weekly)), chart_text.weekly_text(analysis, a)))
        if len(a.posts):
            clock = zone_words(a.zoned, a.has_time_of_day, a.options.zone)
            out.append(
                (
                    chart.spec(charts.best_time(heat_cells(a), a.rate_name, clock)),
                    chart_text.heatmap_text(a),
                )
            )
            out.append(
                (chart.spec(charts.rule_chart(a.rules, a.rate_name)), chart_text.rules_text(a))
            )
        return out

    for spec, text in memo("account", (datasets, options, a.account.key), account_figures):
        chart.show(spec)
        described(text)
    if not len(a.posts):
        st.caption(_("The rule tester and best time need a per-post export (not a daily one)."))
    if a.rules:
        frame_table(results_table(a.rules))
    own_rule_section()
    pillar_results(a, datasets, options)
    if len(a.posts):
        st.markdown("**" + _("Top posts") + "**")
        top = top_posts_table(a)
        frame_table(top, column_config={_("Link"): st.column_config.LinkColumn()})
        st.download_button(
            _("Posts as CSV"),
            data=lambda: frame_csv(top),
            file_name="posts.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"posts_csv_{a.account.key}",
        )

target_section(datasets, demo=not state.datasets)

bind.text(
    _("Your notes on what works for your audience"),
    "analytics.notes",
    area=True,
    max_chars=5000,
    height=100,
)
footer("analytics")
