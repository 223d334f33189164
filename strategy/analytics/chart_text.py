"""Each chart's text alternative: its takeaway in a sentence or two, and its numbers as a table.

A chart is one way to see the figures; someone who cannot see it (a screen reader, a PDF read
aloud, a printout in black and white) gets the same takeaway in words and the same numbers in
a small table. The words reuse the readings (`readings`) and say what each figure is: its
measure, denominator, follower source, clock and sample. No new statistic is made here: every
number is one the chart draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from strategy.analytics import AccountAnalysis, Analysis, readings
from strategy.analytics.accounts import network_name
from strategy.analytics.analyze import MIN_SLOT_POSTS
from strategy.analytics.folk_rules import SHORT_VERDICTS, RuleResult, figure_name, points
from strategy.analytics.measures import MEASURE_NAMES
from strategy.analytics.tables import heat_cells, rate_panel, weekly_long
from strategy.core.i18n import _, date, ngettext, number, percent


@dataclass(frozen=True)
class ChartText:
    """What a chart says, without the chart.

    Attributes:
        name: The chart's name ("Best time to post").
        alt: Its takeaway from the data in one or two sentences, naming the measure, what it
            is per and the sample.
        table: The numbers it draws, aggregated (one row per account, week, slot or rule),
            in labelled columns, formatted in the language in force.
        notes: What else its reading says (caveats, published figures), shown after `alt`.
    """

    name: str
    alt: str
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: str = ""

    def described(self) -> str:
        """The name and the takeaway together: a figure's alternative text in the PDF."""
        return f"{self.name}. {self.alt}"


def _sample(count: int, grain: str) -> str:
    words = (
        ngettext("{n} post", "{n} posts", count)
        if grain == "post"
        else ngettext("{n} day", "{n} days", count)
    )
    return words.format(n=number(count))


def _accounts(count: int) -> str:
    return ngettext("{n} account", "{n} accounts", count).format(n=count)


# -- engagement rate per account: one chart per kind of rate ---------------------------------
def rate_texts(analysis: Analysis) -> list[ChartText]:
    """One text per rate panel, in the order `charts.rate_panels` draws them.

    The takeaway names the panel's rate (measure, denominator, grain), the accounts with the
    highest and the lowest median, and each one's sample; the table has every account's
    median, middle half, sample and the published figures beside it.
    """
    panels: dict[str, list[AccountAnalysis]] = {}
    for a in analysis.accounts:
        if len(a.rates):
            panels.setdefault(rate_panel(a), []).append(a)
    return [_rate_text(panel, accounts) for panel, accounts in panels.items()]


def _rate_text(panel: str, accounts: list[AccountAnalysis]) -> ChartText:
    medians = [float(a.rates.median()) for a in accounts]
    notes = ""
    if len(accounts) == 1:
        a = accounts[0]
        # The account's reading word for word (the CLI's `reading`), then its middle half.
        alt = _("{summary}; the middle half of them lie between {q1} and {q3}.").format(
            summary=a.summary().rstrip("."),
            q1=percent(float(a.rates.quantile(0.25)), 2),
            q3=percent(float(a.rates.quantile(0.75)), 2),
        )
    else:
        top = max(range(len(accounts)), key=medians.__getitem__)
        low = min(range(len(accounts)), key=medians.__getitem__)
        alt = _(
            "{accounts}, median {panel}: highest for {top} ({top_median} over {top_sample}), "
            "lowest for {low} ({low_median} over {low_sample})."
        ).format(
            panel=panel,
            accounts=_accounts(len(accounts)),
            top=accounts[top].account.label,
            top_median=percent(medians[top], 2),
            top_sample=_sample(len(accounts[top].rates), accounts[top].rate_grain),
            low=accounts[low].account.label,
            low_median=percent(medians[low], 2),
            low_sample=_sample(len(accounts[low].rates), accounts[low].rate_grain),
        )
        # Every account's reading word for word (as `readings.read_rates`, for this panel).
        notes = "; ".join(a.summary().rstrip(".") for a in accounts) + "."
    published = [a for a in accounts if a.benchmarks]
    if published:
        alt += " " + ngettext(
            "A published figure for the same kind of rate is marked for {n} account.",
            "Published figures for the same kind of rate are marked for {n} accounts.",
            len(published),
        ).format(n=len(published))
    table = pd.DataFrame(
        [
            {
                _("Account"): a.account.label,
                _("Network"): network_name(a.account.platform),
                _("Rate"): panel,
                _("Median"): percent(m, 2),
                _("Lower quartile"): percent(float(a.rates.quantile(0.25)), 2),
                _("Upper quartile"): percent(float(a.rates.quantile(0.75)), 2),
                _("Sample"): _sample(len(a.rates), a.rate_grain),
                _("Published figure"): "; ".join(b.words() for b in a.benchmarks) or "–",
            }
            for a, m in zip(accounts, medians, strict=True)
        ]
    )
    return ChartText(_("Engagement rate per account"), alt, table, notes)


# -- engagement against follower count --------------------------------------------------------
def followers_text(analysis: Analysis, points: pd.DataFrame, lines: pd.DataFrame) -> ChartText:
    """The follower chart's takeaway (`readings.read_points`) with its measure and sample.

    Args:
        analysis: The analysis the points come from (for the measure's name).
        points: From `tables.follower_points`.
        lines: From `tables.follower_lines`.
    """
    name = _("Engagement against followers")
    if points.empty:
        return ChartText(name, readings.read_points(points))
    measure = _(MEASURE_NAMES[analysis.options.measure])
    posts = sum(int(n) for n in points["rows"])
    sample = _(
        "Each dot is an account's median {measure} per follower and post: {accounts}, "
        "{posts} in all."
    ).format(
        measure=measure,
        accounts=_accounts(len(points)),
        posts=_sample(posts, "post"),
    )
    table = pd.DataFrame(
        {
            _("Account"): points["account"],
            _("Network"): [network_name(p) for p in points["platform"]],
            _("Followers"): [number(f) for f in points["followers"]],
            _("Followers from"): points["source"],
            _("Median {measure} per follower and post").format(measure=measure): [
                percent(r, 2) for r in points["rate"]
            ],
            _("Posts"): points["rows"].astype(int),
        }
    )
    alt = readings.read_points(points) + " " + sample
    return ChartText(name, alt, table, readings.points_notes(points, lines))


# -- weekly growth against engagement ---------------------------------------------------------
def weekly_text(analysis: Analysis, a: AccountAnalysis) -> ChartText:
    """One account's weekly chart: first quarter of its weeks against the last, and each week.

    The table has one row per week (Monday) and a column per panel the chart draws.
    """
    name = _("Followers and engagement per week: {account}").format(account=a.account.label)
    weekly = weekly_long(analysis, [a])
    alt = readings.read_weekly(analysis, [a])
    if weekly.empty:
        return ChartText(name, alt)
    wide = weekly.pivot_table(
        index="week", columns="panel", values="value", aggfunc="last", sort=False
    )
    wide = wide[list(dict.fromkeys(weekly["panel"]))].sort_index()
    first, last = cast(pd.Timestamp, wide.index[0]), cast(pd.Timestamp, wide.index[-1])
    if alt == _("Too few weeks with both followers and engagement to compare growth."):
        # Nothing to compare: say at least what the chart covers.
        if len(wide) == 1:
            covers = _("{account}: one week drawn, the week of {start}.")
        else:
            covers = _("{account}: {n} weeks drawn, {start} to {end}.")
        alt += " " + covers.format(
            account=a.account.label,
            n=len(wide),
            start=date(first.date(), "medium"),
            end=date(last.date(), "medium"),
        )
    table = pd.DataFrame(
        {_("Week of"): [date(w.date(), "medium") for w in cast(pd.DatetimeIndex, wide.index)]}
    )
    for panel in wide.columns:
        table[str(panel)] = [number(v) if v == v else "–" for v in wide[panel]]
    return ChartText(name, alt, table)


# -- best time to post ------------------------------------------------------------------------
def heatmap_text(a: AccountAnalysis) -> ChartText:
    """The heatmap's best slot with enough posts (`readings.read_heatmap`) and every slot.

    The table has a row per weekday and hour with posts: posts, rated posts and the median
    rate, which is given only where the chart colours the slot (3 or more rated posts).
    """
    cells = heat_cells(a)
    timed = cast(pd.Series, cells["hour"]).notna().any() if len(cells) else False
    rows = []
    for c in cells.to_dict("records"):
        row = {_("Day"): c["day"]}
        if timed:
            row[_("Hour")] = f"{int(c['hour']):02d}:00" if c["hour"] == c["hour"] else "–"
        row[_("Posts")] = int(c["posts"])
        row[_("Rated posts")] = int(c["rated"])
        row[_("Median {rate}").format(rate=a.rate_name)] = (
            percent(float(c["median_rate"]), 2)
            if c["rated"] >= MIN_SLOT_POSTS
            else _("too few to read")
        )
        rows.append(row)
    return ChartText(_("Best time to post"), readings.read_heatmap(a), pd.DataFrame(rows))


# -- the folk rules ---------------------------------------------------------------------------
def rules_text(a: AccountAnalysis, results: list[RuleResult] | None = None) -> ChartText:
    """The rule chart: how many rules showed a difference, and the largest one that did.

    The first sentence is `readings.read_rules`' count; the second names the rule with the
    largest difference among those that showed one (its two groups' figures, the difference
    in percentage points, its 90% interval and both groups' posts). The reading's caveats
    (the family, overlapping groups, association) are the notes.
    """
    results = a.rules if results is None else results
    lines = readings.rules_lines(a, results)
    alt = lines[0]
    shown = [r for r in results if r.outcome in ("first", "second") and r.difference is not None]
    if shown:
        r = max(shown, key=lambda r: abs(r.difference or 0))
        alt += " " + _rule_words(r, _("The largest difference"))
    elif results and any(r.low is not None for r in results):
        alt += " " + _("None of the rules tested showed a clear difference on these posts.")
    table = pd.DataFrame(
        [
            {
                _("Rule"): r.rule,
                _("Group"): r.with_label,
                _("Posts"): r.n_with,
                figure_name(r.statistic): _pct(r.figure_with),
                _("Other group"): r.without_label,
                _("Posts (other)"): r.n_without,
                _("{figure} (other)").format(figure=figure_name(r.statistic)): _pct(
                    r.figure_without
                ),
                _("Difference"): "–" if r.difference is None else points(r.difference),
                _("90% interval"): "–"
                if r.low is None or r.high is None
                else _("{low} to {high}").format(low=points(r.low), high=points(r.high)),
                _("Verdict"): _(SHORT_VERDICTS[r.outcome]),
            }
            for r in results
        ]
    )
    return ChartText(_("Folk rules tested"), alt, table, " ".join(lines[1:]))


def _pct(value: float | None) -> str:
    return "–" if value is None else percent(value, 2)


def _rule_words(r: RuleResult, lead: str) -> str:
    """One rule's result in a sentence: both groups' figures, the difference, its interval."""
    assert r.difference is not None and r.low is not None and r.high is not None
    return _(
        "{lead}: {group}, {figure} {value}, against {other_value} for {other} ({difference}, "
        "90% interval {low} to {high}; {n} and {other_n} posts)."
    ).format(
        lead=lead,
        group=r.with_label,
        figure=figure_name(r.statistic).lower(),
        value=percent(r.figure_with or 0, 2),
        other_value=percent(r.figure_without or 0, 2),
        other=r.without_label,
        difference=points(r.difference),
        low=points(r.low),
        high=points(r.high),
        n=number(r.n_with),
        other_n=number(r.n_without),
    )
