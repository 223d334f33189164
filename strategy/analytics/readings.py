"""Plain-language readings under each chart (for the page and the PDF).

Every reading names the account, the grain, the measure and its denominator, and the sample,
and says no more than its sample does.
"""

from __future__ import annotations

import pandas as pd

from strategy.analytics import AccountAnalysis, Analysis
from strategy.analytics.accounts import network_name
from strategy.analytics.analyze import MIN_SLOT_POSTS
from strategy.analytics.folk_rules import RuleResult
from strategy.analytics.measures import MEASURE_NAMES
from strategy.analytics.timing import zone_words
from strategy.core.i18n import _, ngettext, number, percent, weekday_names


def read_rates(analysis: Analysis) -> str:
    """One line per account: its median rate, what it is per, over how many posts or days."""
    lines = [a.summary().rstrip(".") for a in analysis.accounts]
    return "; ".join(lines) + "." if lines else _("No account has data yet.")


def read_points(points: pd.DataFrame, lines: pd.DataFrame | None = None) -> str:
    """Say what the engagement-against-followers chart shows, and whose figures the lines are."""
    return " ".join(filter(None, [_read_points(points), points_notes(points, lines)]))


def points_notes(points: pd.DataFrame, lines: pd.DataFrame | None = None) -> str:
    """Whose published figures the follower chart's dashed lines are; which networks have none."""
    if lines is None or points.empty:
        return ""
    drawn = sorted(set(lines["platform"]))
    missing = sorted(set(points["platform"]) - set(drawn))
    parts = []
    if len(lines):
        parts.append(_("Dashed lines: {figures}.").format(figures="; ".join(lines["label"])))
    if missing:
        words = _("No published figure per follower and post for {networks}, so no line for them.")
        parts.append(words.format(networks=", ".join(map(network_name, missing))))
    return " ".join(parts)


def read_benchmarks(analysis: Analysis) -> str:
    """Per account: the published figures beside its rate, or why there are none."""
    lines = []
    for a in analysis.accounts:
        if not len(a.rates):
            continue
        note = a.benchmark_note
        figures = "; ".join(b.words() for b in a.benchmarks)
        parts = [p for p in (figures, note) if p]
        lines.append(f"{a.account.label}: {' '.join(parts)}")
    if not lines:
        return ""
    return _("Published figures for the same kind of rate: {lines}").format(lines=" · ".join(lines))


def _read_points(points: pd.DataFrame) -> str:
    if points.empty:
        return _("No account has both posts and a follower count yet: type a total above.")
    if len(points) == 1:
        p = points.iloc[0]
        return _(
            "{account}: median {rate} per follower and post with {followers} followers ({source})."
        ).format(
            account=p["account"],
            rate=percent(p["rate"], 2),
            followers=number(p["followers"]),
            source=p["source"],
        )
    best = points.loc[points["rate"].idxmax()]
    biggest = points.loc[points["followers"].idxmax()]
    if best["account"] == biggest["account"]:
        return _(
            "{account} has both the most followers ({followers}) and the highest median rate per "
            "follower ({rate})."
        ).format(
            account=best["account"],
            followers=number(best["followers"]),
            rate=percent(best["rate"], 2),
        )
    return _(
        "{best} has {best_followers} followers and the highest median rate per follower "
        "({best_rate}); {biggest} has the most followers ({biggest_followers}) but "
        "{biggest_rate}. Engagement, not follower count, is what counts."
    ).format(
        best=best["account"],
        best_followers=number(best["followers"]),
        best_rate=percent(best["rate"], 2),
        biggest=biggest["account"],
        biggest_followers=number(biggest["followers"]),
        biggest_rate=percent(biggest["rate"], 2),
    )


def read_weekly(analysis: Analysis, accounts: list[AccountAnalysis] | None = None) -> str:
    """Compare the first and last quarter of each account's weeks: did growth bring engagement?"""
    lines = []
    for a in analysis.accounts if accounts is None else accounts:
        w = a.weekly
        f = w["followers"].dropna() if len(w) else w
        e = w["engagements"].dropna() if len(w) else w
        if len(f) >= 8 and len(e) >= 8 and f.iloc[0] > 0:
            q = max(1, len(e) // 4)
            growth = f.iloc[-1] / f.iloc[0] - 1
            before, after = e.iloc[:q].mean(), e.iloc[-q:].mean()
            change = (after / before - 1) if before else float("nan")
            lines.append(
                _(
                    "{account}: followers {growth} ({source}), weekly {measure} {change}"
                    " over {weeks} weeks"
                ).format(
                    account=a.account.label,
                    growth=percent(growth, 0, signed=True),
                    source=a.followers.words,
                    measure=_(MEASURE_NAMES[a.measure]),
                    change=percent(change, 0, signed=True) if change == change else "–",
                    weeks=len(e),
                )
            )
    if not lines:
        return _("Too few weeks with both followers and engagement to compare growth.")
    return _("First quarter against last: {lines}.").format(lines="; ".join(lines))


def read_heatmap(a: AccountAnalysis) -> str:
    """Name the best slot with enough posts, its zone, and how much of the week is too thin."""
    clock = zone_words(a.zoned, a.has_time_of_day, a.options.zone)
    slots = a.slots
    best = a.best_slot
    if best is None:
        return _(
            "{account}: no slot has {n} or more rated posts yet, too few to say when to "
            "post ({clock})."
        ).format(account=a.account.label, n=MIN_SLOT_POSTS, clock=clock)
    day = weekday_names()[best["weekday"]]
    when = day if best["hour"] is None else f"{day} {best['hour']:02d}:00"
    thin = int((pd.Series(slots["rated"]) < MIN_SLOT_POSTS).sum())
    return _(
        "{account}: best slot with enough posts: {when} ({clock}), median {rate} {name} over "
        "{posts} posts. {thin} of {slots} slots have too few posts to read."
    ).format(
        account=a.account.label,
        when=when,
        clock=clock,
        rate=percent(best["median_rate"], 2),
        name=a.rate_name,
        posts=best["rated"],
        thin=thin,
        slots=len(slots),
    )


def read_rules(a: AccountAnalysis, results: list[RuleResult] | None = None) -> str:
    """Count how the folk rules fared for one account, with the caveats they need.

    It says what was compared (median rates, or the share of posts with any engagement where
    most have none), how many rules were tested together and what that means, and that
    groups which largely coincide do not give independent results.
    """
    return " ".join(rules_lines(a, results))


def rules_lines(a: AccountAnalysis, results: list[RuleResult] | None = None) -> list[str]:
    """The sentences of `read_rules`: first the count of what the rules showed, then caveats."""
    results = a.rules if results is None else results
    if not results:
        words = _("{account}: no rated posts to test the rules on.")
        return [words.format(account=a.account.label)]
    held = sum(r.outcome in ("first", "second") for r in results)
    unclear = sum(r.outcome == "unclear" for r in results)
    thin = sum(r.outcome in ("thin", "not_applicable", "flat") for r in results)
    own = sum(r.own for r in results)
    rated = int(pd.Series(a.posts["rate"]).notna().sum())
    tested = max((r.tested for r in results), default=0)
    rules = ngettext("{n} rule", "{n} rules", len(results)).format(n=len(results))
    if own:
        rules = _("{rules} ({own} of your own)").format(rules=rules, own=own)
    lines = [
        _(
            "{account}, {name} over {sample}: of {rules}, {held} showed a difference, {unclear} "
            "showed none and {thin} could not be tested."
        ).format(
            account=a.account.label,
            name=a.rate_name,
            sample=ngettext("{n} post", "{n} posts", rated).format(n=rated),
            rules=rules,
            held=held,
            unclear=unclear,
            thin=thin,
        )
    ]
    if results[0].statistic == "share_engaged":
        lines.append(
            _(
                "Most of these posts have no engagement, so each rule compares the share "
                "of posts with any, not the median rate."
            )
        )
    if tested:
        lines.append(
            ngettext(
                "{n} rule was tested, so chance alone shows a difference here at most 1 time "
                "in 10.",
                "{n} rules were tested together, so chance alone shows a difference among them at "
                "most 1 time in 10.",
                tested,
            ).format(n=tested)
        )
    tied = sum(bool(r.overlap_note) for r in results)
    if tied:
        lines.append(
            ngettext(
                "{n} rule's group largely coincides with another's, so their results are not "
                "independent.",
                "{n} rules' groups largely coincide with others', so their results are not "
                "independent.",
                tied,
            ).format(n=tied)
        )
    lines.append(_("A difference is an association on these posts, a hint to try, not a cause."))
    return lines
