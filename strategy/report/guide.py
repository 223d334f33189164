"""The facilitator's guide: an agenda with clock times and, per step, what to ask the room.

A trainer runs the wizard as a workshop: every step's notes (the question for the room, the
answers people usually give, the minutes it takes) are content a trainer can replace, and
this turns them into a handout of its own, apart from any participant's strategy.
"""

from __future__ import annotations

import datetime as dt

from strategy.core.i18n import _, date, language, quote
from strategy.core.library import Library
from strategy.report.blocks import Bullets, Document, Heading, Para, Table
from strategy.steps.progress import STEPS


def agenda(lib: Library, start: dt.time) -> list[tuple[str, str, str, int]]:
    """The steps in wizard order with their clock times.

    Args:
        lib: The content library (each step's title, idea and minutes).
        start: When the workshop starts.

    Returns:
        (from–to, step title, the step's idea, minutes) per step.
    """
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start)
    rows = []
    for step_id in STEPS:
        step = lib.step(step_id)
        end = clock + dt.timedelta(minutes=step.minutes)
        rows.append((f"{clock:%H:%M}–{end:%H:%M}", step.title, step.idea, step.minutes))
        clock = end
    return rows


def facilitator_guide(lib: Library, today: dt.date, start: dt.time = dt.time(9, 0)) -> Document:
    """Build the facilitator's guide in the language in force.

    Args:
        lib: The content library, in that language.
        today: The date printed on the cover.
        start: When the workshop starts (the agenda's clock times follow from it).

    Returns:
        The guide as a document for `to_pdf` or `to_markdown`.
    """
    rows = agenda(lib, start)
    total = sum(minutes for *_rest, minutes in rows)
    doc = Document(
        title=_("Facilitator guide"),
        subtitle=_("A Social Why workshop: {steps} steps in {minutes} minutes").format(
            steps=len(rows), minutes=total
        ),
        date=date(today),
        language=language(),
    )
    doc.add(Heading(_("Agenda")))
    doc.add(
        Table(
            [_("Time"), _("Step"), _("What the room does"), _("Minutes")],
            [[when, title, idea, str(minutes)] for when, title, idea, minutes in rows]
            + [["", _("Total"), "", str(total)]],
            [1.6, 1.5, 4, 1],
        )
    )
    doc.add(Heading(_("Before the day"), 2))
    doc.add(
        Bullets(
            [
                _("Open the app on the projector with ?mode=workshop added to its address."),
                _("Share the address with the room; it works on laptops and phones."),
                _("Walk through a demo persona first, then let everyone start their own."),
                _(
                    "Nothing is kept on the server: ask everyone to press Save progress "
                    "before a break and at the end, and to take the PDF with them."
                ),
            ]
        )
    )
    doc.add(Heading(_("Step by step")))
    for n, step_id in enumerate(STEPS, 1):
        step = lib.step(step_id)
        doc.add(
            Heading(
                _("{n}. {title} ({minutes} min)").format(
                    n=n, title=step.title, minutes=step.minutes
                ),
                2,
            )
        )
        doc.add(Para(step.idea, "label"), Para(step.intro))
        doc.add(Para(_("Ask the room: {question}").format(question=quote(step.ask))))
        doc.add(Para(_("Typical answers: {answers}").format(answers=step.answers), "muted"))
    return doc
