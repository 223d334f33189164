"""A room and the answers shared in it, with the caps that keep one room small."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["why", "goal", "channels", "readiness", "guideline"]
KINDS: tuple[Kind, ...] = ("why", "goal", "channels", "readiness", "guideline")

MAX_TEXT = 300  # a shared sentence, cut to this many characters
MAX_NAME = 40
MAX_ITEMS = 20  # ids in one shared list (channels, readiness items)
MAX_PARTICIPANTS = 300  # a large conference room; a join past it is refused
MAX_ROOMS = 500  # rooms one store keeps at once (memory): a new one past it is refused


class Share(BaseModel):
    """One answer a participant shared; sharing the same kind again replaces it.

    Attributes:
        participant: The sharing session's random token (never shown).
        kind: Which answer it is.
        text: The sentence shared (a why, a guideline), plain text, capped.
        items: Ids shared (a goal, channels, readiness items in place), capped.
        name: The name to show beside it; empty for anonymous.
        hidden: The facilitator took it off the projector.
        at: When it was shared (seconds since the epoch).
    """

    model_config = ConfigDict(extra="forbid")
    participant: str = Field(max_length=64)
    kind: Kind
    text: str = Field(default="", max_length=MAX_TEXT)
    items: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    name: str = Field(default="", max_length=MAX_NAME)
    hidden: bool = False
    at: float = 0.0

    @property
    def key(self) -> str:
        """The share's identity in its room: one per participant and kind."""
        return f"{self.participant}:{self.kind}"


class Room(BaseModel):
    """A room as the projector and the trainer's export see it.

    Attributes:
        code: The code participants type or scan.
        created: When it was started.
        open_kinds: The kinds participants may share now (the trainer opens them step by step).
        participants: How many sessions joined.
        shares: The answers shared, in the order they came.
    """

    code: str
    created: float
    open_kinds: list[Kind] = Field(default_factory=lambda: list(KINDS))
    participants: int = 0
    shares: list[Share] = Field(default_factory=list)

    def visible(self, kind: Kind | None = None) -> list[Share]:
        """The shares the projector shows (not hidden), optionally of one kind."""
        return [s for s in self.shares if not s.hidden and (kind is None or s.kind == kind)]
