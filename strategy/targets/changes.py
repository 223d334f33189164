"""What the strategy changed since its baselines were set: channels added or dropped, cards edited.

A review compares figures with their baselines; these changes are what may explain a
difference (a channel dropped, a new call to action), so the review lists them beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from strategy.core.i18n import _, date
from strategy.core.library import Library
from strategy.core.model import Snapshot, Strategy
from strategy.steps.guidelines import CARD_FIELDS, field_label


@dataclass(frozen=True)
class Change:
    """One change since the snapshot.

    Attributes:
        kind: "channel_added", "channel_dropped" or "card_edited".
        channel: The channel's id.
        fields: For an edited card: the fields whose text changed.
        words: The change in words, in the language in force.
    """

    kind: str
    channel: str
    fields: tuple[str, ...]
    words: str

    def to_json(self) -> dict:
        """The change as `review --json` prints it."""
        return {
            "kind": self.kind,
            "channel": self.channel,
            "fields": list(self.fields),
            "words": self.words,
        }


def snapshot(strategy: Strategy, today: dt.date) -> Snapshot:
    """What the strategy says now that a review compares with later.

    Args:
        strategy: The strategy as its baselines are set.
        today: The day it is taken.

    Returns:
        The chosen channels and a copy of their guideline cards.
    """
    return Snapshot(
        taken=today,
        channels=[c.channel for c in strategy.channels.chosen],
        cards=[c.model_copy(deep=True) for c in strategy.guidelines.cards],
    )


def changes_since(strategy: Strategy, lib: Library | None = None) -> list[Change]:
    """List the channels added or dropped and the cards edited since the snapshot.

    Args:
        strategy: The strategy now (its `targets.snapshot` is the one compared with).
        lib: The content library, for the channels' names (their ids without it).

    Returns:
        The changes, channels added, then dropped, then cards edited, each in the strategy's
        order; none without a snapshot.
    """
    then = strategy.targets.snapshot
    if then is None:
        return []

    def name(channel: str) -> str:
        return lib.channel_name(channel) if lib else channel

    since = date(then.taken)
    now = [c.channel for c in strategy.channels.chosen]
    out = [
        Change(
            "channel_added",
            c,
            (),
            _("{channel} was added as a channel since {day}.").format(channel=name(c), day=since),
        )
        for c in now
        if c not in then.channels
    ]
    out += [
        Change(
            "channel_dropped",
            c,
            (),
            _("{channel} was dropped as a channel since {day}.").format(channel=name(c), day=since),
        )
        for c in then.channels
        if c not in now
    ]
    out += _edited(strategy, then, name, since)
    return out


def _edited(
    strategy: Strategy, then: Snapshot, name: Callable[[str], str], since: str
) -> list[Change]:
    before = {c.channel: c for c in then.cards}
    out = []
    for card in strategy.guidelines.cards:
        old = before.get(card.channel)
        if old is None:
            continue  # a new channel's card: the channel's addition says it
        fields = tuple(f for f in CARD_FIELDS if getattr(card, f) != getattr(old, f))
        if fields:
            out.append(
                Change(
                    "card_edited",
                    card.channel,
                    fields,
                    _("The {channel} guideline changed since {day}: {fields}.").format(
                        channel=name(card.channel),
                        day=since,
                        fields=", ".join(field_label(f) for f in fields),
                    ),
                )
            )
    return out
