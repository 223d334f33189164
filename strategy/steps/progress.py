"""Which wizard steps are complete, derived from the strategy itself (never stored)."""

from __future__ import annotations

from strategy.core.model import Strategy

STEPS = ("start", "why", "audit", "channels", "guidelines", "plan", "analytics", "export")


def step_complete(strategy: Strategy, step: str) -> bool:
    """Say whether a step has what it needs.

    Args:
        strategy: The strategy.
        step: A step id from `STEPS`.

    Returns:
        True when the step's essential answers are there.
    """
    s = strategy
    checks = {
        "start": bool(s.profile.name.strip()),
        "why": bool(s.why.goals) and bool(s.why.statement.strip()),
        "audit": bool(s.audit.accounts),
        "channels": bool(s.channels.chosen),
        "guidelines": bool(s.channels.chosen)
        and {c.channel for c in s.channels.chosen} <= {c.channel for c in s.guidelines.cards},
        "plan": bool(s.plan.actions or s.plan.recurring) and s.plan.review_date is not None,
        "analytics": bool(s.analytics.followers) or bool(s.analytics.notes.strip()),
    }
    if step == "export":
        # Export has no answers of its own: it is done when there is a whole strategy to take
        # away, so "3 of 8 steps complete" and "Step 1 of 8" count the same eight steps.
        return all(checks.values())
    return checks[step]


def completed(strategy: Strategy) -> list[str]:
    """Return the ids of the complete steps, in wizard order."""
    return [step for step in STEPS if step_complete(strategy, step)]
