"""Render the plan as an iCalendar file (RFC 5545) and as a spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter

from icalendar import Alarm, Calendar, Event, vRecur

from strategy.core.csvsafe import safe_cell
from strategy.core.i18n import _, using
from strategy.core.model import RecurringItem, Strategy
from strategy.core.textclean import clean
from strategy.steps.plan import RHYTHM_MONTHS, calendar_items, expand

PRODID = "-//Social Why//Strategy plan//EN"
REVIEW_SOURCE = "plan:review"  # the plan's action for the strategy's review (see steps.plan)
# The reminder rings at 09:00 the day before an all-day review (15 hours before its midnight).
REMINDER_BEFORE = dt.timedelta(hours=15)


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@social-why"


def _rrule(item: RecurringItem, start: dt.date, months: int) -> vRecur | None:
    # Days 29-31 don't exist in every month: RFC 5545 skips such months, our plan clamps them,
    # so those series are written as single events instead of a rule that would disagree.
    if item.rhythm != "weekly" and start.day > 28:
        return None
    count = len(expand(item.model_copy(update={"start": start}), start, months))
    if item.rhythm == "weekly":
        return vRecur(freq="WEEKLY", count=count)
    return vRecur(freq="MONTHLY", interval=RHYTHM_MONTHS[item.rhythm], count=count)


def _text(value: str) -> str:
    # RFC 5545 TEXT holds no control character but tab (line breaks are escaped by icalendar);
    # tabs and Unicode's line separators become a space and a line break, which every
    # calendar shows. Typed text is cleaned already; this also covers a trainer's content.
    value = clean(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n")


def _all_day(summary: str, day: dt.date, uid: str, stamp: dt.datetime, **extra) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", _text(summary))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    for key, value in extra.items():
        event.add(key, _text(value) if isinstance(value, str) else value)
    return event


def review_checklist(strategy: Strategy) -> str:
    """What to do for a review, in steps, and the targets to compare (in the language in force).

    Returns:
        Plain text with one step per line, then the targets by name when there are any.
    """
    steps = [
        _("Download new exports from each platform."),
        _("Open the saved strategy file on the Start page."),
        _("Upload the exports on the Review page."),
        _("Compare each target: baseline, now and target."),
        _("Decide what to keep, change or drop, and set the next review day."),
    ]
    lines = [_("Checklist for the review:")] + [f"{i}. {step}" for i, step in enumerate(steps, 1)]
    targets = strategy.targets.targets
    if targets:
        from strategy.report.targets import target_name  # pandas: only with targets

        lines += ["", _("Targets to compare:")] + [f"- {target_name(t)}" for t in targets]
    return "\n".join(lines)


def _reminder(text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _text(text))
    alarm.add("trigger", -REMINDER_BEFORE)
    return alarm


def to_ics(
    strategy: Strategy, today: dt.date, now: dt.datetime | None = None, months: int = 12
) -> bytes:
    """Write every dated action and recurring item as all-day events.

    Args:
        strategy: The strategy whose plan is exported.
        today: Start of the recurring items that have no start date.
        now: The DTSTAMP (UTC); defaults to the current time.
        months: How far ahead recurring items run.

    Returns:
        The .ics file's bytes.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    with using(strategy.profile.language):
        name, channel_label = _("Social media plan"), _("Channel: {channel}")
        checklist = review_checklist(strategy)
        remind = _("Tomorrow: review the strategy. Download new exports from each platform first.")
    cal.add("x-wr-calname", name)
    seen: Counter[str] = Counter()
    for action in strategy.plan.actions:
        key = action.source or f"{action.what}|{action.channel}"
        # One UID per task, the same in every export: the n-th task of the same words is its
        # own event (a shared UID made calendar apps merge repeated tasks into one).
        seen[key] += 1
        if action.due is None or action.status == "done":
            continue
        uid = _uid("action", key) if seen[key] == 1 else _uid("action", key, str(seen[key]))
        desc = channel_label.format(channel=action.channel) if action.channel else ""
        if action.source == REVIEW_SOURCE:
            desc = "\n\n".join(filter(None, [desc, checklist]))
        extra = {"description": desc} if desc else {}
        event = _all_day(action.what, action.due, uid, stamp, **extra)
        if action.source == REVIEW_SOURCE:
            # A review needs new exports downloaded first: a reminder the day before.
            event.add_component(_reminder(remind))
        cal.add_component(event)
    recurring_seen: Counter[str] = Counter()
    for item in strategy.plan.recurring:
        start = item.start or today
        summary = f"{item.what} ({item.channel})" if item.channel else item.what
        key = f"{item.what}|{item.channel}|{item.rhythm}|{start.isoformat()}"
        recurring_seen[key] += 1
        if recurring_seen[key] > 1:  # the same series typed twice is still two series
            key += f"|{recurring_seen[key]}"
        rule = _rrule(item, start, months)
        if rule is not None:
            cal.add_component(_all_day(summary, start, _uid("recurring", key), stamp, rrule=rule))
            continue
        for day in expand(item, today, months):
            uid = _uid("recurring", key, day.isoformat())
            cal.add_component(_all_day(summary, day, uid, stamp))
    return cal.to_ical()


def to_csv(strategy: Strategy, today: dt.date, months: int = 12) -> bytes:
    """Write the plan (actions, then dated recurring content) as CSV with formula escaping.

    Args:
        strategy: The strategy whose plan is exported.
        today: Start of recurring items that have no start date.
        months: How far ahead recurring items run.

    Returns:
        UTF-8 CSV bytes with a BOM, so spreadsheets detect the encoding.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["type", "what", "channel", "owner", "due", "status"])
    for a in strategy.plan.actions:
        due = a.due.isoformat() if a.due else ""
        writer.writerow(
            [safe_cell(v) for v in ("action", a.what, a.channel, a.owner, due, a.status)]
        )
    for item in calendar_items(strategy.plan, today, months):
        row = ("content", item.what, item.channel, "", item.day.isoformat(), "")
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
