"""Checks of the content pillars as the user plans them (the page shows each as a note)."""

from __future__ import annotations

from collections.abc import Sequence

from strategy.core.i18n import _, ngettext, percent
from strategy.core.library import Library
from strategy.core.model import MAX_PILLARS, ContentPillar, WhySection

MIN_PILLARS = 3


def problems(pillars: Sequence[ContentPillar]) -> list[str]:
    """What to look at in the pillars: the mix over 100 %, too few, a pillar without words.

    The model lets all of these save (a mix is often half-planned); they are advice, not errors.

    Args:
        pillars: The strategy's pillars.

    Returns:
        One sentence per problem, in the language in force; none for no pillars.
    """
    if not pillars:
        return []
    out = []
    total = sum(p.share for p in pillars)
    if total > 100:
        out.append(
            _("The planned shares add up to {total}: bring them down to {whole}.").format(
                total=percent(total / 100, 0), whole=percent(1, 0)
            )
        )
    if len(pillars) < MIN_PILLARS:
        out.append(
            ngettext(
                "{n} pillar so far: three to five give the posts a clear mix.",
                "{n} pillars so far: three to five give the posts a clear mix.",
                len(pillars),
            ).format(n=len(pillars))
        )
    names = [p.name.casefold() for p in pillars]
    for i, pillar in enumerate(pillars):
        if not [w for w in pillar.words.split(",") if w.strip()]:
            out.append(
                _("“{name}” has no words or hashtags, so no post can be found in it.").format(
                    name=pillar.name
                )
            )
        if names.index(names[i]) < i:
            out.append(_("Two pillars are called “{name}”.").format(name=pillar.name))
    return out


def suggestions(why: WhySection, lib: Library) -> list[ContentPillar]:
    """Pillars the chosen goals suggest, the leading goal's first, as a plan to edit.

    Each carries the goal's audiences and words from the library; the shares split 100 %
    evenly (the first ones get the rest), so the suggested mix already adds up.

    Args:
        why: The chosen goals and the one that leads.
        lib: The content library in the strategy's language.

    Returns:
        Up to `MAX_PILLARS` pillars, one per name; none without goals.
    """
    goals = {g.id: g for g in lib.goals.goal}
    order = [why.top_goal] if why.top_goal in why.goals else []
    order += [g for g in why.goals if g not in order]
    picked: list[tuple[str, str, list[str]]] = []
    seen: set[str] = set()
    for goal in (goals[g] for g in order if g in goals):
        for s in goal.pillars:
            # Two goals may suggest the same theme: it is one pillar.
            if len(picked) < MAX_PILLARS and s.name.casefold() not in seen:
                seen.add(s.name.casefold())
                picked.append((s.name, s.words, list(goal.audiences)))
    whole, rest = divmod(100, max(len(picked), 1))
    return [
        ContentPillar(name=name, words=words, audiences=audiences, share=whole + (i < rest))
        for i, (name, words, audiences) in enumerate(picked)
    ]


__all__ = ["MAX_PILLARS", "MIN_PILLARS", "problems", "suggestions"]
