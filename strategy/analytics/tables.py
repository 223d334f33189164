"""Chart-ready tables from an analysis: small, aggregated, every row naming what it measures."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from strategy.analytics.analyze import MIN_SLOT_POSTS, AccountAnalysis, Analysis
from strategy.analytics.benchmarks import matching
from strategy.analytics.measures import MEASURE_NAMES, rate_name
from strategy.analytics.timing import zone_words
from strategy.core.i18n import _, number, percent, weekday_names
from strategy.core.published import STATISTIC_WORDS

RATE_COLUMNS = ["account", "platform", "panel", "median", "q1", "q3", "n"]


def rate_panel(a: AccountAnalysis) -> str:
    """The panel an account's rate is drawn in: its rate's name and grain (never mixed)."""
    grain = _("per post") if a.rate_grain == "post" else _("per day")
    return _("{rate}, {grain}").format(rate=a.rate_name, grain=grain)


def rate_table(analysis: Analysis) -> pd.DataFrame:
    """One row per account with a rate: median and quartiles, in its own panel."""
    rows = []
    for a in analysis.accounts:
        rates = a.rates
        if not len(rates):
            continue
        rows.append(
            {
                "account": a.account.label,
                "platform": a.account.platform,
                "panel": rate_panel(a),
                "median": float(rates.median()),
                "q1": float(rates.quantile(0.25)),
                "q3": float(rates.quantile(0.75)),
                "n": int(len(rates)),
            }
        )
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def follower_rate(a: AccountAnalysis) -> pd.Series:
    """Per-post rates per follower for an account (empty without posts or followers)."""
    if a.posts.empty or a.followers.source == "none":
        return pd.Series(dtype="float64")
    base = a.followers.on(cast(pd.Series, a.posts["date"]))
    return (cast(pd.Series, a.posts["value"]) / base.where(base > 0)).dropna()


BENCHMARK_COLUMNS = ["account", "panel", "value", "label"]
LINE_COLUMNS = ["platform", "value", "x0", "x1", "cite", "label"]
AXIS_FOLLOWERS = (1, 10_000_000)  # the follower chart's log axis


def benchmark_ticks(analysis: Analysis) -> pd.DataFrame:
    """Published figures to mark beside each account's rate, in the rate's own panel.

    Only figures of the account's platform, measure, denominator and grain, for an account of
    its size (see `analysis.benchmarks`), so a mark never sits on another kind of rate.
    """
    rows = [
        {"account": a.account.label, "panel": rate_panel(a), "value": b.value, "label": b.words()}
        for a in analysis.accounts
        if len(a.rates)
        for b in a.benchmarks
    ]
    return pd.DataFrame(rows, columns=BENCHMARK_COLUMNS)


def benchmark_table(analysis: Analysis) -> tuple[pd.DataFrame, list[str]]:
    """The published figures beside each account's rate, and why an account has none.

    Returns:
        A table (account, its median, the figure, statistic, for accounts of, sample,
        source, link) and one note per account without a comparable figure or smaller than
        a source's sample.
    """
    rows, notes = [], []
    for a in analysis.accounts:
        if not len(a.rates):
            continue
        for b in a.benchmarks:
            rows.append(
                {
                    _("Account"): a.account.label,
                    _("Your median"): percent(float(a.rates.median()), 2),
                    _("Published figure"): percent(b.value, 2),
                    _("Rate"): _("{rate}, {grain}").format(
                        rate=rate_name(b.measure, b.denominator), grain=_("per post")
                    ),
                    _("Statistic"): _(STATISTIC_WORDS[b.statistic]),
                    _("For accounts of"): b.span() or _("every size"),
                    _("Sample"): str(b.sample),
                    _("Source"): f"{b.cite()}: {b.title}",
                    _("Link"): b.url,
                }
            )
        if a.benchmark_note:
            notes.append(f"{a.account.label}: {a.benchmark_note}")
    return pd.DataFrame(rows), notes


def follower_lines(analysis: Analysis, points: pd.DataFrame) -> pd.DataFrame:
    """Published per-follower, per-post figures of the networks drawn on the follower chart.

    Each is a segment over the follower range it is for (the whole axis where the source gives
    none); accounts of other sizes see where they sit against it.
    """
    rows = []
    measure = analysis.options.measure
    for platform in sorted(set(points["platform"])):
        for b in matching(platform, measure, "followers", "post"):
            low = b.min_followers or AXIS_FOLLOWERS[0]
            high = b.max_followers or AXIS_FOLLOWERS[1]
            rows.append(
                {
                    "platform": platform,
                    "value": b.value,
                    "x0": low,
                    "x1": high,
                    "cite": b.cite(),
                    "label": b.words(),
                }
            )
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def follower_points(analysis: Analysis) -> pd.DataFrame:
    """Accounts with posts and a follower count: followers against the median rate per follower.

    Only per-post rates per follower are drawn here, so they can sit beside published figures
    per follower and per post of the same network (`follower_lines`).
    """
    rows = []
    for a in analysis.accounts:
        rates = follower_rate(a)
        if not len(rates) or a.followers.latest is None:
            continue
        rows.append(
            {
                "account": a.account.label,
                "platform": a.account.platform,
                "followers": a.followers.latest,
                "rate": float(rates.median()),
                "rows": int(len(rates)),
                "source": a.followers.words,
            }
        )
    return pd.DataFrame(
        rows, columns=["account", "platform", "followers", "rate", "rows", "source"]
    )


def weekly_long(analysis: Analysis, accounts: list[AccountAnalysis] | None = None) -> pd.DataFrame:
    """Weekly series of the accounts (all by default) in long form: week, account, panel, value.

    Accounts whose exports cover different years share no useful time axis: the page draws
    one account at a time.
    """
    parts = []
    measure = _(MEASURE_NAMES[analysis.options.measure])
    panels = {
        "engagements": _("{measure} per week").format(measure=measure.capitalize()),
        "followers": _("Followers (end of week)"),
        "views": _("Views per week (accounts without {measure})").format(measure=measure),
    }
    for a in analysis.accounts if accounts is None else accounts:
        weekly = a.weekly
        if weekly.empty:
            continue
        for col, panel in panels.items():
            if col == "views" and a.measure_columns is not None:
                continue
            values = weekly[["week", col]].dropna()
            if len(values):
                parts.append(
                    pd.DataFrame(
                        {
                            "week": values["week"],
                            "account": a.account.label,
                            "panel": panel,
                            "value": values[col],
                        }
                    )
                )
        net = a.net_followers
        if net is not None and len(net):
            weeks = cast(pd.DatetimeIndex, net.index).to_period("W-SUN").start_time
            by_week = net.groupby(weeks).last()
            parts.append(
                pd.DataFrame(
                    {
                        "week": by_week.index,
                        "account": a.account.label,
                        "panel": _("Net follower change since the export's start"),
                        "value": by_week.to_numpy(),
                    }
                )
            )
    if not parts:
        return pd.DataFrame(columns=["week", "account", "panel", "value"])
    return pd.concat(parts, ignore_index=True)


def heat_cells(a: AccountAnalysis) -> pd.DataFrame:
    """The account's slots for the heatmap, with weekday names and whether they can be read."""
    cells = a.slots.copy()
    if cells.empty:
        return cells.assign(day=pd.Series(dtype=str), enough=pd.Series(dtype=bool))
    names = weekday_names()
    cells["day"] = [names[int(w)] for w in cells["weekday"]]
    cells["enough"] = cells["rated"] >= MIN_SLOT_POSTS
    cells["hour"] = cells["hour"].astype("float64")
    cells["median_rate"] = cells["median_rate"].astype("float64").where(cells["rated"] > 0, np.nan)
    return cells


WEB_LINK = r"(?i)^https?://[^\s\x00-\x1f]+$"


def web_links(links: pd.Series) -> pd.Series:
    """Links as shown clickable: a file's "javascript:" or "data:" value becomes no link."""
    text = links.astype("string")
    return text.where(text.str.match(WEB_LINK, na=False))


def top_posts_table(a: AccountAnalysis) -> pd.DataFrame:
    """Every post of an account, best rate first, with the columns the page and CSV show."""
    top = a.top_posts(None)
    return pd.DataFrame(
        {
            _("Date"): top["local"],
            _("Text"): top["text"],
            _("Link"): web_links(cast(pd.Series, top["link"])),
            _(MEASURE_NAMES[a.measure]).capitalize(): top["value"],
            a.rate_name.capitalize(): top["rate"],
        }
    )


def quality_table(analysis: Analysis) -> pd.DataFrame:
    """The data-quality panel: one row per uploaded table, under the account it belongs to."""
    rows = []
    for a in analysis.accounts:
        for ds, q in zip(a.account.datasets, a.quality(), strict=True):
            rows.append(
                {
                    _("file"): q["source"],
                    _("sheet"): q["sheet"] or "",
                    _("account"): a.account.label,
                    _("format"): ds.label,
                    _("one row per"): _("post") if q["grain"] == "post" else _("day"),
                    _("rows"): q["rows"],
                    _("from"): q["start"],
                    _("to"): q["end"],
                    _("missing days"): q["missing_days"],
                    _("rows left out (no date)"): q["rows_without_date"],
                    _("missing for the charts"): ", ".join(q["missing_columns"]) or "–",
                    _("times"): zone_words(
                        ds.time_zone is not None, ds.time_of_day, analysis.options.zone
                    )
                    if ds.grain == "post"
                    else "–",
                    _("columns used"): ", ".join(f"{k} ← {v}" for k, v in ds.columns_used.items()),
                    _("notes"): " ".join(ds.notes),
                }
            )
    return pd.DataFrame(rows)


def accounts_table(analysis: Analysis) -> pd.DataFrame:
    """One row per uploaded table with the account it is counted under (editable on the page)."""
    # Upload order, never account order: the editor keeps its edits by row, so a row must not
    # move when a rename regroups the accounts.
    owner = {id(ds): a for a in analysis.accounts for ds in a.account.datasets}
    rows = [
        {
            "key": ds.key,
            _("file"): ds.source,
            _("sheet"): ds.sheet or "",
            _("network"): ds.platform,
            _("account"): owner[id(ds)].account.name,
        }
        for ds in analysis.datasets
    ]
    return pd.DataFrame(rows)


def cards(a: AccountAnalysis) -> list[tuple[str, str, str | None]]:
    """Headline figures for an account: (label, value, change against the previous 28 days).

    The change is given only where the exports cover both periods.
    """
    card = a.cards()
    change = card["change"]
    names = {
        "measure": _(MEASURE_NAMES[a.measure]).capitalize(),
        "impressions": _("Impressions"),
        "reach": _("Reach"),
        "views": _("Views"),
        "watch_hours": _("Hours watched"),
        "followers_gained": _("Followers gained"),
        "posts": _("Posts"),
    }
    out = []
    for key, label in names.items():
        value = card["totals"].get(key)
        if value is None:
            continue
        delta = None
        if change is not None:
            now, before = change["current"].get(key), change["previous"].get(key)
            if now is not None and before:
                delta = percent(now / before - 1, 0, signed=True)
        out.append((label, number(value), delta))
    return out
