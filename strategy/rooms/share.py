"""What a participant's strategy would share with a room: the preview is exactly the payload."""

from __future__ import annotations

from strategy.core.i18n import _
from strategy.core.library import Library
from strategy.core.model import Strategy
from strategy.rooms.model import MAX_ITEMS, MAX_NAME, MAX_TEXT, Kind, Share
from strategy.steps.guidelines import CARD_FIELDS, field_label
from strategy.steps.why import ordered_goals


def _clip(text: str, most: int) -> str:
    # Plain text on one line: a room shows sentences, not a participant's layout.
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def guideline_options(strategy: Strategy, lib: Library) -> dict[str, str]:
    """The guideline lines a participant may pick as a favourite, by "channel:field"."""
    options = {}
    for card in strategy.guidelines.cards:
        channel = lib.channel(card.channel)
        for field in CARD_FIELDS:
            value = getattr(card, field).strip()
            if value:
                name = channel.name if channel else card.channel
                options[f"{card.channel}:{field}"] = f"{name} · {field_label(field)}: {value}"
    return options


def make_share(
    strategy: Strategy,
    lib: Library,
    kind: Kind,
    *,
    participant: str,
    name: str = "",
    guideline: str = "",
) -> Share | None:
    """The answer of one kind this strategy would share, or None when it has none yet.

    Args:
        strategy: The participant's strategy.
        lib: The content library (titles of goals, channels, readiness items).
        kind: Which answer.
        participant: The session's room token.
        name: The name to show beside it; empty shares anonymously.
        guideline: For a guideline, the "channel:field" picked (see `guideline_options`).
    """
    text, items = "", []
    if kind == "why":
        text = _clip(strategy.why.statement, MAX_TEXT)
    elif kind == "goal":
        items = ordered_goals(strategy)[:1]
    elif kind == "channels":
        items = [c.channel for c in strategy.channels.chosen][:MAX_ITEMS]
    elif kind == "readiness":
        if strategy.profile.kind != "organisation":
            return None
        items = list(strategy.why.readiness_done)[:MAX_ITEMS]
        # "None in place yet" is an answer too: the room's distribution needs it.
        return Share(participant=participant, kind=kind, items=items, name=_clip(name, MAX_NAME))
    elif kind == "guideline":
        text = _clip(guideline_options(strategy, lib).get(guideline, ""), MAX_TEXT)
    if not text and not items:
        return None
    return Share(
        participant=participant, kind=kind, text=text, items=items, name=_clip(name, MAX_NAME)
    )


def describe(share: Share, lib: Library) -> str:
    """The share as the projector and the trainer's export show it, in plain text."""
    if share.kind == "goal":
        titles = lib.titles(lib.goals.goal)
        body = ", ".join(titles.get(i, i) for i in share.items)
    elif share.kind == "channels":
        body = ", ".join((c.name if (c := lib.channel(i)) else i) for i in share.items)
    elif share.kind == "readiness":
        titles = lib.titles(lib.organisation.readiness)
        body = ", ".join(titles.get(i, i) for i in share.items) or _("nothing in place yet")
    else:
        body = share.text
    return f"{body} ({share.name})" if share.name else body
