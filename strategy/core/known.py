"""Keep a resumed strategy to the ids the content library knows, and say what was left out.

A saved file can come from another trainer's library, an older version of the content, or a
hand edit: a channel, goal or topic id this library does not have would have nothing to show
(and a step that looks it up would fail). Such ids are dropped when the file is opened, and a
note names each one, so the user knows what did not come across.
"""

from __future__ import annotations

from strategy.core.i18n import _
from strategy.core.library import Library
from strategy.core.model import Strategy


def keep_known(strategy: Strategy, lib: Library) -> tuple[Strategy, list[str]]:
    """Return the strategy without unknown ids, and one note per kind of id left out.

    Args:
        strategy: The strategy as loaded (valid, but its ids unchecked).
        lib: The content library of the strategy's language.

    Returns:
        The cleaned copy (the input is not changed) and the notes, in words.
    """
    s = strategy.model_copy(deep=True)
    notes: list[str] = []

    def keep(ids: list[str], known: set[str], what: str) -> list[str]:
        unknown = [i for i in ids if i not in known]
        if unknown:
            notes.append(
                _("Left out {what} this app's content does not have: {ids}.").format(
                    what=what, ids=", ".join(unknown)
                )
            )
        return [i for i in ids if i in known]

    goals = {g.id for g in lib.goals.goal}
    channels = {c.id for c in lib.channels.channel}
    s.why.goals = keep(s.why.goals, goals, _("goals"))
    if s.why.top_goal is not None and s.why.top_goal not in s.why.goals:
        s.why.top_goal = None
    s.why.readiness_done = keep(
        s.why.readiness_done, {r.id for r in lib.organisation.readiness}, _("readiness items")
    )
    s.why.staff_groups = keep(
        s.why.staff_groups, {g.id for g in lib.organisation.staff_group}, _("staff groups")
    )
    s.audit.worth_it = keep(s.audit.worth_it, {a.id for a in lib.audit.activity}, _("activities"))
    profile_items = {p.id for p in lib.audit.profile_item}
    for account in s.audit.accounts:
        account.profile_done = [i for i in account.profile_done if i in profile_items]
    s.channels.content_types = keep(
        s.channels.content_types, {t.id for t in lib.channels.content_type}, _("content types")
    )
    audiences = {a.id for a in lib.channels.audience}
    s.channels.audiences = keep(s.channels.audiences, audiences, _("audiences"))
    for pillar in s.channels.pillars:  # an unknown id there is named once, above or never
        pillar.audiences = [a for a in pillar.audiences if a in audiences]
    picked = keep([c.channel for c in s.channels.chosen], channels, _("channels"))
    s.channels.chosen = [c for c in s.channels.chosen if c.channel in picked]
    s.guidelines.cards = [c for c in s.guidelines.cards if c.channel in picked]
    s.plan.review_topics = keep(
        s.plan.review_topics, {t.id for t in lib.rules.review_topic}, _("review topics")
    )
    return s, notes
