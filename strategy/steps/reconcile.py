"""What one step derives for another, computed from the strategy alone.

Before this, each page wrote what it derived when it rendered (Plan collected the audit's
actions, Guidelines made the cards, Why filled the leading goal and the draft sentence), so the
exports depended on which pages had been opened since the last change. `reconcile` derives all
of it; the router calls it before every page run, and the report, calendar and CLI call it on
the strategy they are given, so every output agrees whatever order the pages were visited in.
"""

from __future__ import annotations

import datetime as dt

from strategy.core.library import Library
from strategy.core.model import PlanSection, Strategy
from strategy.steps.guidelines import sync_cards
from strategy.steps.plan import suggested_actions, sync_actions
from strategy.steps.why import statement_template

MAX_ACTIONS = PlanSection.model_fields["actions"].metadata[0].max_length


def reconcile(strategy: Strategy, lib: Library, today: dt.date) -> Strategy:
    """Return the strategy with everything the steps derive for each other brought up to date.

    It never changes what the user wrote: the leading goal is set only when it is not among the
    goals, the why sentence is drafted only while it is empty, guideline fields the user edited
    are kept, and a suggested action is added once (one the user deleted stays deleted).
    Calling it again on its result changes nothing.

    Args:
        strategy: The strategy as the user left it.
        lib: The content library, in the strategy's language.
        today: The day new actions are scheduled from.

    Returns:
        The same object when nothing changed, else an updated copy.
    """
    out = strategy
    goals = out.why.goals
    if goals and out.why.top_goal not in goals:
        out = out.model_copy(update={"why": out.why.model_copy(update={"top_goal": goals[0]})})
    if not out.why.statement.strip():
        draft = statement_template(out, lib)  # led by the goal just set
        if draft:
            out = out.model_copy(update={"why": out.why.model_copy(update={"statement": draft})})

    cards = sync_cards(out, lib)
    if cards != out.guidelines.cards:
        out = out.model_copy(
            update={"guidelines": out.guidelines.model_copy(update={"cards": cards})}
        )

    actions = sync_actions(out.plan, suggested_actions(out, lib, today))[:MAX_ACTIONS]
    if actions != out.plan.actions:
        out = out.model_copy(update={"plan": out.plan.model_copy(update={"actions": actions})})
    return out
