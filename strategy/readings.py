"""One line of plain-language reading under each chart (for the page and the PDF)."""

from __future__ import annotations

import pandas as pd

from strategy.folk_rules import RuleResult
from strategy.metrics import bands


def read_points(points: pd.DataFrame) -> str:
    """Say what the engagement-against-followers chart shows, and where the bands come from."""
    return _read_points(points) + " Shaded bands: " + bands().source


def _read_points(points: pd.DataFrame) -> str:
    if points.empty:
        return "No account has both engagement and a follower count yet."
    if len(points) == 1:
        p = points.iloc[0]
        return f"{p['account']}: {p['rate']:.1%} engagement with {p['followers']:,.0f} followers."
    best = points.loc[points["rate"].idxmax()]
    biggest = points.loc[points["followers"].idxmax()]
    if best["account"] == biggest["account"]:
        return (f"{best['account']} has both the most followers ({best['followers']:,.0f}) and the "
                f"highest engagement rate ({best['rate']:.1%}).")  # fmt: skip
    return (f"{best['account']} has {best['followers']:,.0f} followers and the highest engagement "
            f"rate ({best['rate']:.1%}); {biggest['account']} has the most followers "
            f"({biggest['followers']:,.0f}) but {biggest['rate']:.1%}. Engagement, not follower "
            "count, is what counts.")  # fmt: skip


def read_weekly(weekly: pd.DataFrame) -> str:
    """Compare the first and last quarter of the period: did growth bring engagement?"""
    if weekly.empty:
        return "No weekly data yet."
    lines = []
    for account, g in weekly.groupby("account", sort=True):
        f = g[g["measure"] == "Followers"].sort_values("week")["value"]
        e = g[g["measure"] == "Engagements per week"].sort_values("week")["value"]
        if len(f) >= 8 and len(e) >= 8 and f.iloc[0] > 0:
            q = max(1, len(e) // 4)
            growth = f.iloc[-1] / f.iloc[0] - 1
            before, after = e.iloc[:q].mean(), e.iloc[-q:].mean()
            change = (after / before - 1) if before else float("nan")
            lines.append(f"{account}: followers {growth:+.0%}, weekly engagement {change:+.0%}")
    if not lines:
        return "Too few weeks with both followers and engagement to compare growth."
    return "First quarter against last: " + "; ".join(lines) + "."


def read_heatmap(cells: pd.DataFrame) -> str:
    """Name the best slot with enough posts, and how much of the week is too thin to read."""
    enough = cells[cells["enough"]] if not cells.empty else cells
    if enough.empty:
        return "No weekday and hour has 3 or more posts yet: too few to say when to post."
    best = enough.loc[enough["median_rate"].idxmax()]
    return (
        f"Best slot with enough posts: {best['weekday']} {int(best['hour']):02d}:00 "
        f"(median {best['median_rate']:.1%} over {int(best['posts'])} posts). "
        f"{len(cells) - len(enough)} of {len(cells)} slots have too few posts to read."
    )


def read_rules(results: list[RuleResult]) -> str:
    """Count how the folk rules fared."""
    if not results:
        return "No posts to test the rules on."
    held = sum("did better" in r.verdict for r in results)
    unclear = sum(r.verdict.startswith("No clear") for r in results)
    thin = sum(r.verdict.startswith("Not enough") for r in results)
    return (
        f"Of {len(results)} rules, {held} showed a difference for this audience, {unclear} "
        f"showed none and {thin} had too few posts to say. Every audience is different."
    )
