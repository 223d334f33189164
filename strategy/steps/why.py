"""Rules for the Why step: the statement template, goal-count warnings and readiness gaps."""

from __future__ import annotations

from strategy.core.i18n import _
from strategy.core.library import Library, StaffGroup
from strategy.core.model import Strategy

MAX_GOALS = 3


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def statement_template(strategy: Strategy, lib: Library) -> str:
    """Draft a one-sentence why statement from the chosen goals, top goal first.

    Args:
        strategy: The strategy whose goals are used.
        lib: The content library.

    Returns:
        An editable sentence, or "" when no goal is chosen.
    """
    ids = ordered_goals(strategy)
    phrases = [g.statement for g in (lib.goal(i) for i in ids) if g]
    if not phrases:
        return ""
    lead, rest = phrases[0], phrases[1:]
    if strategy.profile.kind == "organisation":
        sentence = _("We use social media to {goal}").format(goal=lead)
    else:
        sentence = _("I use social media to {goal}").format(goal=lead)
    if rest:
        sentence += _(", and {more}").format(
            more=_join([_("to {goal}").format(goal=p) for p in rest])
        )
    return sentence + "."


def ordered_goals(strategy: Strategy) -> list[str]:
    """Return the chosen goal ids with the top goal first."""
    goals = list(strategy.why.goals)
    top = strategy.why.top_goal
    if top in goals:
        goals.remove(top)
        goals.insert(0, top)
    return goals


def goal_warnings(strategy: Strategy) -> list[str]:
    """Say what is off with the chosen goals (none, or more than three).

    Args:
        strategy: The strategy to check.

    Returns:
        Warnings in plain words; empty when the choice is fine.
    """
    n = len(strategy.why.goals)
    if n == 0:
        return [_("Pick at least one goal: without a why, the effort fades.")]
    if n > MAX_GOALS:
        return [
            _(
                "You picked {n} goals. Pick one or a few (three at most): "
                "each goal needs channels, content and time."
            ).format(n=n)
        ]
    return []


def readiness_gaps(strategy: Strategy, lib: Library) -> list[tuple[str, str]]:
    """List the readiness items an organisation has not yet in place.

    Args:
        strategy: The strategy (personal strategies have no gaps).
        lib: The content library.

    Returns:
        (item id, suggested action) pairs.
    """
    if strategy.profile.kind != "organisation":
        return []
    done = set(strategy.why.readiness_done)
    return [(r.id, r.action) for r in lib.organisation.readiness if r.id not in done]


def staff_groups(strategy: Strategy, lib: Library) -> list[StaffGroup]:
    """Return the staff groups the organisation has, in the library's order (none if personal)."""
    if strategy.profile.kind != "organisation":
        return []
    chosen = set(strategy.why.staff_groups)
    return [g for g in lib.organisation.staff_group if g.id in chosen]


def staff_next_steps(strategy: Strategy, lib: Library) -> list[tuple[str, str]]:
    """Return (group title, next step) for each staff group the organisation has."""
    return [(g.title, g.next_step) for g in staff_groups(strategy, lib)]
