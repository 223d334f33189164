"""One line of plain-language reading under each chart (for the page and the PDF)."""

from __future__ import annotations

import pandas as pd

from strategy.folk_rules import RuleResult
from strategy.i18n import _, number, percent
from strategy.metrics import bands


def read_points(points: pd.DataFrame) -> str:
    """Say what the engagement-against-followers chart shows, and where the bands come from."""
    return _read_points(points) + " " + _("Shaded bands: {source}").format(source=bands().source)


def _read_points(points: pd.DataFrame) -> str:
    if points.empty:
        return _("No account has both engagement and a follower count yet.")
    if len(points) == 1:
        p = points.iloc[0]
        return _("{account}: {rate} engagement with {followers} followers.").format(
            account=p["account"], rate=percent(p["rate"]), followers=number(p["followers"])
        )
    best = points.loc[points["rate"].idxmax()]
    biggest = points.loc[points["followers"].idxmax()]
    if best["account"] == biggest["account"]:
        return _(
            "{account} has both the most followers ({followers}) and the highest engagement "
            "rate ({rate})."
        ).format(
            account=best["account"], followers=number(best["followers"]), rate=percent(best["rate"])
        )
    return _(
        "{best} has {best_followers} followers and the highest engagement rate ({best_rate}); "
        "{biggest} has the most followers ({biggest_followers}) but {biggest_rate}. Engagement, "
        "not follower count, is what counts."
    ).format(
        best=best["account"],
        best_followers=number(best["followers"]),
        best_rate=percent(best["rate"]),
        biggest=biggest["account"],
        biggest_followers=number(biggest["followers"]),
        biggest_rate=percent(biggest["rate"]),
    )


def read_weekly(weekly: pd.DataFrame) -> str:
    """Compare the first and last quarter of the period: did growth bring engagement?"""
    if weekly.empty:
        return _("No weekly data yet.")
    lines = []
    for account, g in weekly.groupby("account", sort=True):
        f = g[g["measure"] == "Followers"].sort_values("week")["value"]
        e = g[g["measure"] == "Engagements per week"].sort_values("week")["value"]
        if len(f) >= 8 and len(e) >= 8 and f.iloc[0] > 0:
            q = max(1, len(e) // 4)
            growth = f.iloc[-1] / f.iloc[0] - 1
            before, after = e.iloc[:q].mean(), e.iloc[-q:].mean()
            change = (after / before - 1) if before else float("nan")
            lines.append(
                _("{account}: followers {growth}, weekly engagement {change}").format(
                    account=account,
                    growth=percent(growth, 0, signed=True),
                    change=percent(change, 0, signed=True) if change == change else "–",
                )
            )
    if not lines:
        return _("Too few weeks with both followers and engagement to compare growth.")
    return _("First quarter against last: {lines}.").format(lines="; ".join(lines))


def read_heatmap(cells: pd.DataFrame) -> str:
    """Name the best slot with enough posts, and how much of the week is too thin to read."""
    enough = cells[cells["enough"]] if not cells.empty else cells
    if enough.empty:
        return _("No weekday and hour has 3 or more posts yet: too few to say when to post.")
    best = enough.loc[enough["median_rate"].idxmax()]
    return _(
        "Best slot with enough posts: {day} {hour:02d}:00 (median {rate} over {posts} posts). "
        "{thin} of {slots} slots have too few posts to read."
    ).format(
        day=best["weekday"],
        hour=int(best["hour"]),
        rate=percent(best["median_rate"]),
        posts=int(best["posts"]),
        thin=len(cells) - len(enough),
        slots=len(cells),
    )


def read_rules(results: list[RuleResult]) -> str:
    """Count how the folk rules fared."""
    if not results:
        return _("No posts to test the rules on.")
    held = sum(r.outcome in ("first", "second") for r in results)
    unclear = sum(r.outcome == "unclear" for r in results)
    thin = sum(r.outcome == "thin" for r in results)
    return _(
        "Of {n} rules, {held} showed a difference for this audience, {unclear} showed none and "
        "{thin} had too few posts to say. Every audience is different."
    ).format(n=len(results), held=held, unclear=unclear, thin=thin)
