"""Audiences said in full: what each needs from the user, and what the user wants it to do.

The user's own words where they wrote some, else the content library's suggestion, so a
guideline card and the PDF always say something a reader can act on.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategy.core.library import Library
from strategy.core.model import Strategy


@dataclass(frozen=True)
class AudienceInFull:
    """One picked audience, said in full.

    Attributes:
        id: The audience's id.
        title: Its name in the library's language.
        needs: What they need from the user.
        action: What the user wants them to do.
        own: Whether the user wrote either (else both are the library's suggestions).
    """

    id: str
    title: str
    needs: str
    action: str
    own: bool


def audiences_in_full(strategy: Strategy, lib: Library) -> list[AudienceInFull]:
    """The strategy's picked audiences, each with its needs and wanted action.

    Args:
        strategy: Its picked audiences and the notes the user wrote.
        lib: The content library (titles and suggestions).

    Returns:
        One entry per picked audience the library knows, in the order picked.
    """
    known = {a.id: a for a in lib.channels.audience}
    notes = {n.audience: n for n in strategy.channels.audience_notes}
    out = []
    for audience in strategy.channels.audiences:
        item = known.get(audience)
        if item is None:
            continue
        note = notes.get(audience)
        needs = note.needs.strip() if note and note.needs.strip() else item.needs
        action = note.action.strip() if note and note.action.strip() else item.action
        own = bool(note and (note.needs.strip() or note.action.strip()))
        out.append(AudienceInFull(audience, item.title, needs, action, own))
    return out


def for_channel(strategy: Strategy, lib: Library, channel: str) -> list[AudienceInFull]:
    """The picked audiences a channel serves (the library's channel says whom it suits)."""
    found = lib.channel(channel)
    suits = set(found.audiences) if found else set()
    return [a for a in audiences_in_full(strategy, lib) if a.id in suits]
