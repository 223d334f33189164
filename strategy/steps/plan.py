"""Rules for the Plan step: collect the earlier steps' actions and expand recurring content."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from strategy.core.i18n import _, weekday_name
from strategy.core.library import Library
from strategy.core.model import PlanAction, PlanSection, RecurringItem, Strategy
from strategy.steps.audit import account_actions
from strategy.steps.why import readiness_gaps, staff_groups

RHYTHM_MONTHS = {"monthly": 1, "quarterly": 3}


def add_months(day: dt.date, months: int, anchor_day: int | None = None) -> dt.date:
    """Move a date by whole months, clamping to the month's last day (31 Jan + 1 = 28/29 Feb).

    Args:
        day: The date to move.
        months: How many months (may be negative).
        anchor_day: The day of month to aim for; defaults to `day.day`, so a series started on
            the 31st returns to the 31st after a short month.

    Returns:
        The moved date.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(anchor_day or day.day, last))


def default_review_date(today: dt.date, lib: Library) -> dt.date:
    """Return the default review date: the library's review interval (six months) after today."""
    return add_months(today, lib.steps.plan.review_months)


def expand(item: RecurringItem, today: dt.date, months: int = 12) -> list[dt.date]:
    """List the dates a recurring item falls on in the next `months` months.

    Args:
        item: The recurring item; its start defaults to today.
        today: Today's date.
        months: The horizon, from the start date (exclusive end).

    Returns:
        The dates, in order.
    """
    start = item.start or today
    end = add_months(start, months)
    if item.rhythm == "weekly":
        return [
            start + dt.timedelta(weeks=i)
            for i in range((end - start).days // 7 + 1)
            if start + dt.timedelta(weeks=i) < end
        ]
    step = RHYTHM_MONTHS[item.rhythm]
    return [add_months(start, i, start.day) for i in range(0, months, step)]


@dataclass(frozen=True)
class DatedItem:
    """One recurring item on one date, for the calendar view and the CSV."""

    day: dt.date
    what: str
    channel: str


def calendar_items(plan: PlanSection, today: dt.date, months: int = 12) -> list[DatedItem]:
    """Expand every recurring item into dated items, sorted by date."""
    items = [
        DatedItem(day, r.what, r.channel)
        for r in plan.recurring
        for day in expand(r, today, months)
    ]
    return sorted(items, key=lambda i: (i.day, i.what, i.channel))


@dataclass(frozen=True)
class Routine:
    """One recurring item, once, in words: when it comes round, what, where, and next when."""

    when: str
    what: str
    channel: str
    next: dt.date | None


def _when(item: RecurringItem, start: dt.date) -> str:
    if item.rhythm == "weekly":
        return _("Every week on {weekday}").format(weekday=weekday_name(start.weekday()))
    if item.rhythm == "monthly":
        return _("Every month on day {day}").format(day=start.day)
    return _("Every three months on day {day}").format(day=start.day)


def routines(plan: PlanSection, today: dt.date) -> list[Routine]:
    """Each recurring item once, with its rhythm in words and its next date, soonest first.

    A calendar expansion lists a monthly item twelve times and a weekly one 52; a handout
    wants it once ("Every month on day 3: Staff story"), so the day cannot be read as a count.

    Args:
        plan: The plan.
        today: The day "next" is counted from (and the start of items that have none).

    Returns:
        The routines; an item whose dates all lie in the past has no next date and comes last.
    """
    out = []
    for item in plan.recurring:
        start = item.start or today
        # Far enough ahead that even a quarterly item started long ago has its next date here.
        months = max(12, (today.year - start.year) * 12 + today.month - start.month + 4)
        upcoming = [d for d in expand(item, today, months) if d >= today]
        out.append(
            Routine(_when(item, start), item.what, item.channel, min(upcoming, default=None))
        )
    return sorted(out, key=lambda r: (r.next is None, r.next or today, r.what))


def next_actions(
    plan: PlanSection, today: dt.date, days: int = 90
) -> tuple[list[PlanAction], list[PlanAction]]:
    """The open dated actions: those already overdue, and those due within `days`, by date.

    Args:
        plan: The plan.
        today: Today.
        days: How far ahead to look.

    Returns:
        (overdue, coming up), each sorted by due date.
    """
    dated = sorted(
        (a for a in plan.actions if a.status != "done" and a.due), key=lambda a: a.due or today
    )
    overdue = [a for a in dated if a.due and a.due < today]
    coming = [a for a in dated if a.due and today <= a.due <= today + dt.timedelta(days=days)]
    return overdue, coming


def _first_clause(text: str, most: int) -> str:
    """The guideline's opening words, whole, within `most` characters.

    Up to its first colon, semicolon or full stop; longer than `most`, cut at a comma or,
    failing that, between words.
    """
    head = re.split(r"[:;.]", text, maxsplit=1)[0].strip()
    if len(head) <= most:
        return head
    cut = head[:most]
    at = cut.rfind(",") if cut.rfind(",") > most // 2 else cut.rfind(" ")
    return cut[: at if at > 0 else most].rstrip(" ,") + "…"


def suggested_recurring(strategy: Strategy, lib: Library, today: dt.date) -> list[RecurringItem]:
    """Recurring content for each chosen channel the plan has none for, at the channel's cadence.

    A real user starts Plan with an empty list; the channels' guidelines already say what to
    share there and how often, so that is the first suggestion (the user edits or deletes it).

    Args:
        strategy: The strategy (its chosen channels and their guideline cards).
        lib: The content library (each channel's rhythm).
        today: Weekly items start on the next Tuesday, others in two weeks.

    Returns:
        The items to add, in the channels' order; none for a channel that has some already.
    """
    cards = {c.channel: c for c in strategy.guidelines.cards}
    covered = {r.channel.strip().casefold() for r in strategy.plan.recurring}
    items = []
    for choice in strategy.channels.chosen:
        channel = lib.channel(choice.channel)
        name = lib.channel_name(choice.channel)
        if channel is None or name.casefold() in covered:
            continue
        card = cards.get(choice.channel)
        share = (card.share if card and card.share.strip() else channel.share).strip()
        what = _first_clause(share, 80) or name
        tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
        start = tuesday if channel.rhythm == "weekly" else today + dt.timedelta(days=14)
        items.append(RecurringItem(what=what, channel=name, rhythm=channel.rhythm, start=start))
    return items


def pillar_recurring(strategy: Strategy, today: dt.date) -> list[RecurringItem]:
    """Recurring content drawn from the content pillars: one item per pillar the plan lacks.

    A pillar with a quarter of the posts or more comes weekly, a smaller one monthly, and one
    planned at 0 % not at all; the item names the pillar (and its examples), so the user sees
    where it came from and edits it. Items start on the next Tuesday.

    Args:
        strategy: The strategy (its pillars and the plan's recurring content).
        today: The day the plan is made.

    Returns:
        The items to add, in the pillars' order; none for a pillar an item already names.
    """
    covered = " ".join(r.what.casefold() for r in strategy.plan.recurring)
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    items = []
    for pillar in strategy.channels.pillars:
        if pillar.share <= 0 or pillar.name.casefold() in covered:
            continue
        what = pillar.name
        if pillar.examples.strip():
            what = _("{pillar}: {examples}").format(
                pillar=pillar.name, examples=_first_clause(pillar.examples, 80)
            )
        rhythm = "weekly" if pillar.share >= 25 else "monthly"
        items.append(RecurringItem(what=what[:200], rhythm=rhythm, start=tuesday))
    return items


def staff_action(group: str, step: str) -> str:
    """A staff group's next step as one sentence: "Staff who see one more chore – show what…"."""
    return _("Staff who {group} – {step}").format(
        group=group[:1].lower() + group[1:], step=step[:1].lower() + step[1:]
    )


def suggested_actions(strategy: Strategy, lib: Library, today: dt.date) -> list[PlanAction]:
    """Collect every action the earlier steps produce, each with a stable `source` key.

    Args:
        strategy: The strategy.
        lib: The content library.
        today: The date actions are scheduled from.

    Returns:
        The suggested actions, in step order.
    """
    soon = today + dt.timedelta(days=7)
    month = today + dt.timedelta(days=30)
    actions = []
    for item_id, text in readiness_gaps(strategy, lib):
        actions.append(PlanAction(what=text, due=month, source=f"why:readiness:{item_id}"))
    for group in staff_groups(strategy, lib):
        # Keyed by id, so a change of language does not suggest the same task again.
        actions.append(
            PlanAction(
                what=staff_action(group.title, group.next_step),
                due=month,
                source=f"why:staff:{group.id}",
            )
        )
    actions += account_actions(strategy.audit.accounts, lib, today)
    if not strategy.audit.baseline_done:
        actions.append(PlanAction(what=lib.audit.follow.action, due=soon, source="audit:baseline"))
    review = strategy.plan.review_date or default_review_date(today, lib)
    for choice in strategy.channels.chosen:
        if choice.experiment:
            name = lib.channel_name(choice.channel)
            actions.append(
                PlanAction(
                    what=_("Review the experiment on {channel}: keep, change or drop it").format(
                        channel=name
                    ),
                    channel=name,
                    due=choice.review_date or review,
                    source=f"channels:experiment:{choice.channel}",
                )
            )
    actions.append(
        PlanAction(
            what=_("Review the strategy: who you follow, what and where you communicate"),
            due=review,
            source="plan:review",
        )
    )
    return actions


def sync_actions(plan: PlanSection, suggestions: list[PlanAction]) -> list[PlanAction]:
    """Add new suggestions to the plan without touching what the user already has or removed.

    Args:
        plan: The current plan (its actions and the sources the user dismissed).
        suggestions: Freshly suggested actions.

    Returns:
        The plan's actions followed by the suggestions not seen before.
    """
    known = {a.source for a in plan.actions if a.source} | set(plan.dismissed)
    return list(plan.actions) + [s for s in suggestions if s.source not in known]
