"""Published engagement rates with their sources, and which of them may sit beside a rate.

A published figure is only comparable with a rate of the same platform, measure, denominator
and grain (a rate per impression is tens of times a rate per follower), and only for an
account of a size the source sampled. Everything here says which figure, from where, over
whom, and why none is shown when none is.
"""

from __future__ import annotations

from strategy.core.i18n import _, number
from strategy.core.published import Benchmark, all_benchmarks, per_words

__all__ = ["Benchmark", "all_benchmarks", "for_account", "matching"]


def matching(platform: str, measure: str, denominator: str | None, grain: str) -> list[Benchmark]:
    """The figures comparable with a rate: same platform, measure, denominator and grain."""
    wanted = (platform, measure, denominator, grain)
    return [
        b for b in all_benchmarks() if (b.platform, b.measure, b.denominator, b.grain) == wanted
    ]


def for_account(
    platform: str,
    measure: str,
    denominator: str | None,
    grain: str,
    followers: float | None,
    network: str,
) -> tuple[list[Benchmark], str]:
    """The comparable figures for an account of this size, and what to say about them.

    Args:
        platform: The account's network id.
        measure: "interactions" or "engagements".
        denominator: What its rates are per (None: it has no rate).
        grain: "post" or "day".
        followers: Its latest follower count (None: unknown, every size fits).
        network: The network's name in words, for the note.

    Returns:
        The figures of the same platform, measure, denominator and grain whose follower range
        holds the account, and a note: that a source sampled only bigger brands, why none is
        shown, or "" when there is nothing to add.
    """
    same = matching(platform, measure, denominator, grain)
    fitting = [b for b in same if b.fits(followers)]
    note = small_account_words(same, followers)
    if not note and not fitting:
        if same:
            spans = ", ".join(b.span() for b in same if b.span())
            note = _(
                "The published figures for this rate are for accounts of another size "
                "({spans}), so none is shown."
            ).format(spans=spans)
        else:
            note = none_words(network, measure, denominator, grain)
    return fitting, note


def none_words(network: str, measure: str, denominator: str | None, grain: str) -> str:
    """Why no published figure is shown beside a rate of `network` (its name in words)."""
    if measure != "interactions":
        return _(
            "No published figure counts the network's own engagements the way it does, so "
            "none is shown; choose the measure Interactions to compare."
        )
    if grain != "post":
        return _(
            "Published figures are per post; this account's rates are per day, so none is shown."
        )
    if denominator is None:
        return _("This account has no rate, so no published figure is shown.")
    return _(
        "The benchmark file has no published figure for {platform} {per} per post, so "
        "none is shown."
    ).format(platform=network, per=per_words(denominator))


def small_account_words(benchmarks: list[Benchmark], followers: float | None) -> str:
    """Warn an account smaller than a brands-only sample that the figure is not about it."""
    if followers is None:
        return ""
    bigger = [
        b for b in benchmarks if b.brands_only and b.min_followers and followers < b.min_followers
    ]
    if not bigger:
        return ""
    b = bigger[0]
    return _(
        "{source} samples only brands with {low} followers or more; with {followers}, "
        "rates per follower usually run higher, so this figure is no target for you."
    ).format(source=b.cite(), low=number(b.min_followers or 0), followers=number(followers))
