"""The analysis options from what a strategy saved and what the session knows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strategy.analytics.analyze import Options
from strategy.analytics.followers import TypedTotal
from strategy.core.model import AnalyticsSection, ContentPillar


def options_for(
    section: AnalyticsSection,
    zone: str | None = None,
    names: dict[str, str] | None = None,
    today: dt.date | None = None,
    pillars: Sequence[ContentPillar] = (),
) -> Options:
    """Build the analysis options.

    Args:
        section: The strategy's analytics choices.
        zone: The zone to use when the strategy names none (the browser's); else UTC.
        names: Account names the user gave this session, by dataset key.
        today: The day a per-network total typed in an older file counts as true.
        pillars: The strategy's content pillars (`strategy.channels.pillars`).

    Returns:
        The options.
    """
    today = today or dt.date.today()
    typed = {p: TypedTotal(n, today) for p, n in section.followers.items() if n}
    typed |= {
        k: TypedTotal(t.count, t.as_of) for k, t in section.follower_totals.items() if t.count
    }
    return Options(
        zone=section.time_zone or zone or "UTC",
        measure=section.measure,
        denominator=None if section.denominator == "auto" else section.denominator,
        typed=typed,
        names=dict(names or {}),
        own_rules=tuple(section.own_rules),
        pillars=tuple(pillars),
    )
