"""Set a target's baseline from uploaded exports: the figures are kept, never the exports.

The page offers each account's measures (`choices`), computes the chosen one's figure
(`baseline_for`) and saves it in the target with a snapshot of the strategy (`set_baseline`),
so a later review can say both how the figure moved and what the strategy changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from strategy.analytics.analyze import Options, analyze
from strategy.analytics.settings import options_for
from strategy.core.model import Strategy, Target
from strategy.importers.dataset import Dataset
from strategy.targets.changes import snapshot
from strategy.targets.measures import Figure, available, denominators, figure


@dataclass(frozen=True)
class AccountChoice:
    """What a target can measure on one account of the uploads.

    Attributes:
        account: The account's key ("x:ADHOrg"), as a target saves it.
        platform: Its network id.
        label: The account in words ("x · ADHOrg").
        measures: The measure ids its exports give (see `strategy.targets.measures`).
        denominators: What its rates can be per, the Analytics step's default first.
        start: The first day its exports cover.
        end: The last day.
    """

    account: str
    platform: str
    label: str
    measures: tuple[str, ...]
    denominators: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None


def target_options(
    strategy: Strategy, counted: str | None = None, denominator: str | None = None
) -> Options:
    """The Analytics step's options for a strategy, with a target's count and denominator.

    Args:
        strategy: Its analytics choices (time zone, typed follower totals) are used.
        counted: "interactions" or "engagements" (None: the strategy's choice).
        denominator: What rates are per (None: the strategy's choice, else each account's best).
    """
    options = options_for(strategy.analytics)
    return replace(
        options,
        measure=counted or options.measure,
        denominator=denominator or options.denominator,
    )


def choices(datasets: Sequence[Dataset], strategy: Strategy) -> list[AccountChoice]:
    """Per account of the uploads, the measures a target can use.

    Args:
        datasets: The uploaded datasets.
        strategy: For the analysis options.

    Returns:
        One entry per account with at least one measure, in upload order.
    """
    out = []
    for a in analyze(list(datasets), target_options(strategy)).accounts:
        measures = available(a)
        if not measures:
            continue
        period = a.period()
        out.append(
            AccountChoice(
                a.account.key,
                a.account.platform,
                a.account.label,
                tuple(measures),
                tuple(denominators(a)),
                dt.date.fromisoformat(period["start"]) if period else None,
                dt.date.fromisoformat(period["end"]) if period else None,
            )
        )
    return out


def baseline_for(
    datasets: Sequence[Dataset],
    target: Target,
    strategy: Strategy,
    *,
    counted: str | None = None,
    denominator: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Figure:
    """A target's baseline figure from the uploads.

    Args:
        datasets: The uploaded datasets.
        target: Which account and measure.
        strategy: For the analysis options (time zone, typed follower totals, what is counted).
        counted: For a rate: "interactions" or "engagements" (None: the strategy's choice).
        denominator: For a rate: what it is per (None: the account's best).
        start: The period's first day (None: the exports' first).
        end: Its last day (None: the exports' last).

    Returns:
        The figure, with its period, sample and, where it has none, the reason.
    """
    options = target_options(strategy, counted, denominator)
    # A denominator asked for here is a must; the strategy's own choice is, as on the Analytics
    # step, taken where the account has it.
    return figure(
        datasets,
        target.account,
        target.platform,
        target.measure,
        options,
        start,
        end,
        exact=denominator is not None,
    )


def set_baseline(strategy: Strategy, index: int, fig: Figure, today: dt.date) -> Strategy:
    """A copy of the strategy with target `index` starting from `fig`, and a fresh snapshot.

    The snapshot is retaken whenever a baseline is set: a review lists what changed since the
    baselines were last set.

    Args:
        strategy: The strategy.
        index: The target's position in `strategy.targets.targets`.
        fig: The figure (with a value).
        today: The day the baseline is set.

    Raises:
        ValueError: The figure has no value.
        IndexError: There is no such target.
    """
    out = strategy.model_copy(deep=True)
    target = out.targets.targets[index]
    target.baseline = fig.baseline()
    target.account, target.platform = fig.account, fig.platform
    out.targets.snapshot = snapshot(out, today)
    return out
