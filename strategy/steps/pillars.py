"""Checks of the content pillars as the user plans them (the page shows each as a note)."""

from __future__ import annotations

from collections.abc import Sequence

from strategy.core.i18n import _, ngettext, percent
from strategy.core.model import MAX_PILLARS, ContentPillar

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


__all__ = ["MAX_PILLARS", "MIN_PILLARS", "problems"]
