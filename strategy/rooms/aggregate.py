"""What the projector shows of a room, and what the trainer takes away: counts, whys, exports."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd

from strategy.core.csvsafe import frame_csv
from strategy.core.i18n import _, date, language
from strategy.core.library import Library
from strategy.report.blocks import Bullets, Document, Heading, Para, Table
from strategy.rooms.model import Kind, Room
from strategy.rooms.share import describe


def kind_label(kind: Kind) -> str:
    """A kind of answer in words, in the language in force."""
    return {
        "why": _("Why sentences"),
        "goal": _("Leading goals"),
        "channels": _("Chosen channels"),
        "readiness": _("Readiness"),
        "guideline": _("Favourite guidelines"),
    }[kind]


def counts(room: Room, lib: Library, kind: Kind) -> pd.DataFrame:
    """How many participants shared each goal or channel, most first.

    Returns:
        Columns `label` and `people`; `people` counts participants, and each shares once.
    """
    if kind == "goal":
        titles = lib.titles(lib.goals.goal)
    else:
        titles = {c.id: c.name for c in lib.channels.channel}
    tally = Counter(i for s in room.visible(kind) for i in dict.fromkeys(s.items))
    rows = [(titles.get(i, i), n) for i, n in tally.most_common()]
    return pd.DataFrame(rows, columns=["label", "people"]).astype({"people": "int64"})


def readiness(room: Room, lib: Library) -> pd.DataFrame:
    """Of the participants who shared their readiness, how many have each item in place.

    Returns:
        Columns `item`, `in_place` and `of` (participants who shared readiness), in the
        content's order; empty when nobody shared it.
    """
    shares = room.visible("readiness")
    if not shares:
        return pd.DataFrame(columns=["item", "in_place", "of"])
    rows = [
        (r.title, sum(r.id in s.items for s in shares), len(shares))
        for r in lib.organisation.readiness
    ]
    return pd.DataFrame(rows, columns=["item", "in_place", "of"])


def wall(room: Room, lib: Library, kind: Kind = "why") -> list[str]:
    """The shared sentences of one kind, oldest first, with a name only where one was given."""
    return [describe(s, lib) for s in room.visible(kind)]


def to_csv(room: Room, lib: Library) -> bytes:
    """Every visible share, one row each, for the trainer (formula-safe CSV).

    "When" is in UTC with its offset written out: the server's own zone is nobody's.
    """
    rows = [
        (
            kind_label(s.kind),
            describe(s, lib),
            dt.datetime.fromtimestamp(s.at, dt.UTC).isoformat("T", "seconds"),
        )
        for s in room.visible()
    ]
    frame = pd.DataFrame(rows, columns=[_("Answer"), _("Shared"), _("When")])
    return frame_csv(frame)


def room_document(room: Room, lib: Library, today: dt.date) -> Document:
    """The room's shared answers as a short PDF handout for the trainer."""
    doc = Document(
        title=_("What the room shared"),
        subtitle=_("{people} participants, {answers} answers shared").format(
            people=room.participants, answers=len(room.visible())
        ),
        date=date(today),
        language=language(),
        cover=False,
    )
    for kind in ("goal", "channels"):
        table = counts(room, lib, kind)
        if len(table):
            doc.add(Heading(kind_label(kind), 2))
            doc.add(
                Table(
                    [_("Answer"), _("Participants")],
                    [
                        [label, str(n)]
                        for label, n in zip(table["label"], table["people"], strict=True)
                    ],
                    [4, 1],
                )
            )
    ready = readiness(room, lib)
    if len(ready):
        doc.add(Heading(kind_label("readiness"), 2))
        doc.add(
            Table(
                [_("In place"), _("Participants")],
                [
                    [item, f"{n} / {of}"]
                    for item, n, of in zip(
                        ready["item"], ready["in_place"], ready["of"], strict=True
                    )
                ],
                [4, 1],
            )
        )
    for kind in ("why", "guideline"):
        lines = wall(room, lib, kind)
        if lines:
            doc.add(Heading(kind_label(kind), 2))
            doc.add(Bullets(lines))
    if not room.visible():
        doc.add(Para(_("Nothing was shared in this room."), "muted"))
    return doc
