"""Published figures a rate target may be set against: sourced, comparable, never made up.

A target's figure is the user's to set. What the page may offer beside the baseline is a
published median of the same platform, the same count ("interactions"), the same denominator
and grain, for accounts of the same size: the figures the Analytics step itself would show
beside the rate (`strategy.analytics.benchmarks`). Means and figures whose statistic is not
stated are left out: a median is compared with a median. No other suggestion is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from strategy.analytics.analyze import analyze
from strategy.analytics.benchmarks import Benchmark
from strategy.core.i18n import _
from strategy.core.model import Strategy, Target
from strategy.importers.dataset import Dataset
from strategy.targets.baseline import target_options
from strategy.targets.measures import find_account


@dataclass(frozen=True)
class Suggestions:
    """What may be offered beside a rate target's baseline.

    Attributes:
        figures: Published medians comparable with the rate (possibly none).
        note: Why none is offered, or a warning about the sources' sample ("" if neither).
    """

    figures: list[Benchmark]
    note: str = ""


def suggestions(
    datasets: Sequence[Dataset],
    target: Target,
    strategy: Strategy,
    denominator: str | None = None,
) -> Suggestions:
    """Published medians comparable with a target's rate, for an account of its size.

    Args:
        datasets: The exports the baseline comes from.
        target: The target (only an interaction rate has published figures).
        strategy: For the analysis options (what is counted).
        denominator: What the rate is per (None: the account's best).

    Returns:
        The comparable medians and a note; nothing for other measures.
    """
    if target.measure != "interaction_rate":
        return Suggestions([])
    options = target_options(strategy, None, denominator)
    one = find_account(analyze(list(datasets), options).accounts, target.account, target.platform)
    if one is None:
        return Suggestions([])
    medians = [b for b in one.benchmarks if b.statistic == "median"]
    note = one.benchmark_note
    if one.benchmarks and not medians:
        note = _(
            "The published figures for this rate are means or do not say their statistic, "
            "and a target here is a median, so none is offered."
        )
    return Suggestions(medians, note)
