"""Analytics: upload exports, chart engagement against followers, test the folk rules."""

import pandas as pd
import streamlit as st

from strategy import charts, metrics, readings
from strategy.demo import demo_datasets
from strategy.folk_rules import results_table, test_rules
from strategy.i18n import _
from strategy.personas import find_persona
from ui import bind, chart
from ui.nav import footer, header
from ui.state import app_state, lib, memo, strategy
from ui.text import safe
from ui.uploads import mapping_form, upload_box

header("analytics")
s, content, state = strategy(), lib(), app_state()
measure = content.steps.measure
st.info(measure.not_followers)
left, right = st.columns(2)
left.markdown("**" + _("Not a competition.") + "** " + measure.not_competition)
right.markdown("**" + _("Not in a vacuum.") + "** " + measure.not_vacuum)

st.subheader(_("Your data"))
SUMMARY_COLUMNS = {"source": _("file"), "sheet": _("sheet"), "platform": _("network"),
                   "grain": _("one row per"), "rows": _("rows"), "start": _("from"),
                   "end": _("to"), "format": _("format"), "columns used": _("columns used"),
                   "notes": _("notes")}  # fmt: skip
upload_box()
mapping_form()
datasets = state.datasets
if datasets:
    summary = pd.DataFrame(
        [
            d.summary()
            | {
                "format": d.label,
                "columns used": ", ".join(f"{k} ← {v}" for k, v in d.columns_used.items()),
                "notes": " ".join(d.notes),
            }
            for d in datasets
        ]
    ).drop(columns=["totals", "followers_first", "followers_last"])
    summary = summary.rename(columns=lambda c: SUMMARY_COLUMNS.get(c, c))
    st.dataframe(summary, hide_index=True)
    if st.button(_("Remove all uploaded data"), key="clear_uploads"):
        state.datasets = []
        st.rerun()
else:
    persona = find_persona(state.persona, s.profile.language)
    datasets = demo_datasets(persona.accounts if persona else None)
    who = persona.title if persona else _("an HR team's two accounts and a personal account")
    st.caption(_(":orange[**Showing made-up demo data**] ({who}): upload your own exports to "
                 "replace it.").format(who=who))  # fmt: skip

st.subheader(_("Followers"))
platforms = sorted({d.platform for d in datasets} | {c.channel for c in s.channels.chosen})
typed = dict(s.analytics.followers)
cols = st.columns(4)
for i, platform in enumerate(platforms):
    value = cols[i % 4].number_input(
        _("{network} followers today").format(network=content.channel_name(platform)),
        min_value=0,
        max_value=10_000_000_000,
        step=1,
        value=typed.get(platform, 0),
        key=f"w:followers:{platform}",
    )
    if value:
        typed[platform] = int(value)
    else:
        typed.pop(platform, None)
if typed != s.analytics.followers:
    bind.write("analytics.followers", typed)
typed_key = tuple(sorted(typed.items()))
series = memo("series", (datasets, typed_key), lambda: metrics.follower_series(datasets, typed))
if series:
    st.caption(
        _("Follower counts come from: {sources}.").format(
            sources="; ".join(f"{p} {safe(a)}: {fs.source}" for (p, a), fs in series.items())
        )
    )
else:
    st.caption(_("No follower counts yet: upload a follower history or type today's totals."))

DENOMS = {"followers": _("Followers"), "impressions": _("Impressions"), "reach": _("Reach")}
bind.widget(
    st.radio,
    _("Engagement rate per"),
    "analytics.denominator",
    options=list(DENOMS),
    format_func=DENOMS.get,
    horizontal=True,
)
denominator = s.analytics.denominator


def overview() -> list[tuple[dict, str]]:
    """Engagement against followers, and growth over time: (chart spec, reading) pairs."""
    points = metrics.account_points(datasets, series, denominator)
    out = [(chart.spec(charts.engagement_vs_followers(points, metrics.bands(), denominator)),
            readings.read_points(points))]  # fmt: skip
    weekly = metrics.weekly(datasets, series)
    if not weekly.empty:
        out.append((chart.spec(charts.over_time(weekly)), readings.read_weekly(weekly)))
    return out


for spec, reading in memo("overview", (datasets, typed_key, denominator), overview):
    chart.show(spec)
    st.caption(safe(reading))

st.subheader(_("Test the rules of thumb on your own audience"))
st.write(measure.learn_by_doing)
post_data = [d for d in datasets if d.grain == "post"]
accounts = sorted({f"{d.platform} · {a}" for d in post_data for a in d.frame["account"].unique()})
if accounts:
    chosen = st.selectbox(_("Account to test"), accounts, key="w:rules_account")

    def rule_figures(chosen: str) -> tuple[list[tuple[dict, str]], pd.DataFrame]:
        """Best time to post and the rule tests for one account: specs, readings, table."""
        platform, account = chosen.split(" · ", 1)
        rows = metrics.posts(post_data, series, denominator)
        rows = rows[(rows["platform"] == platform) & (rows["account"].astype(str) == account)]
        cells, results = metrics.heatmap_cells(rows), test_rules(rows)
        shown = [(chart.spec(charts.rule_chart(results)), readings.read_rules(results))]
        if not cells.empty:
            heat = chart.spec(charts.best_time(cells, denominator))
            shown.insert(0, (heat, readings.read_heatmap(cells)))
        return shown, results_table(results)

    shown, table = memo("rules", (datasets, typed_key, denominator, chosen),
                        lambda: rule_figures(chosen))  # fmt: skip
    for spec, reading in shown:
        chart.show(spec)
        st.caption(safe(reading))
    st.dataframe(table, hide_index=True)
else:
    st.caption(_("The rule tester needs a per-post export (not a daily one)."))

bind.widget(
    st.text_area,
    _("Your notes on what works for your audience"),
    "analytics.notes",
    max_chars=5000,
    height=100,
)
footer("analytics")
