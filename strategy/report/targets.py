"""Targets in the strategy report, and the one-page review that compares them with new exports.

The strategy's PDF and Markdown list each goal's targets with the baseline they start from (its
figure, period and sample) and the figure to reach by a day; `review_document` is the review as
a one-page handout: baseline, now and target per target, its status, and what the strategy
changed since the baselines were set.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from strategy.core.i18n import _, date, language
from strategy.core.library import Library
from strategy.core.model import Strategy, Target
from strategy.report.blocks import Bullets, Document, Heading, Para, Table

if TYPE_CHECKING:
    from strategy.targets.measures import Figure
    from strategy.targets.review import Review, TargetReview


def target_words(target: Target) -> str:
    """A target in one line: account, baseline with its period and sample, figure and day.

    For example "ADHOrg (X): baseline 0.33% median interactions per impression, 1 Apr 2021 –
    15 Apr 2021, 10 posts; target 0.50% by 1 Oct 2021." In the language in force.
    """
    from strategy.targets.measures import account_words, measure_name, sample, show, thin

    t, b = target, target.baseline
    if b is None:
        first = _("{measure}, no baseline yet").format(measure=measure_name(t.measure))
    else:
        first = _("baseline {value} {measure}, {start} – {end}, {sample}").format(
            value=show(t.measure, b.value),
            measure=measure_name(t.measure, b.denominator, b.counted),
            start=date(b.start, "medium"),
            end=date(b.end, "medium"),
            sample=sample(b.n, b.unit),
        )
        too_thin = thin(t.measure, b.n, (b.end - b.start).days + 1)
        if too_thin:
            first += " " + _("(too little data to compare: {reason})").format(reason=too_thin)
    if t.value is None:
        second = _("no target figure yet")
    elif t.by is None:
        second = _("target {value}, no date yet").format(value=show(t.measure, t.value))
    else:
        second = _("target {value} by {day}").format(
            value=show(t.measure, t.value), day=date(t.by, "medium")
        )
    return f"{account_words(t.account, t.platform)}: {first}; {second}."


def target_name(target: Target) -> str:
    """A target in a few words, for a reminder: "ADHOrg (X), followers: 5,000 by 1 Oct 2026"."""
    from strategy.targets.measures import account_words, measure_name, show

    t, b = target, target.baseline
    name = measure_name(t.measure, b.denominator if b else None, b.counted if b else None)
    head = f"{account_words(t.account, t.platform)}, {name}"
    if t.value is None:
        return head
    if t.by is None:
        return f"{head}: {show(t.measure, t.value)}"
    return f"{head}: " + _("{value} by {day}").format(
        value=show(t.measure, t.value), day=date(t.by, "medium")
    )


def _goal_order(strategy: Strategy, goals: list[str]) -> list[str]:
    """The strategy's goals first, in its order, then goals only a target still names."""
    chosen = [g for g in strategy.why.goals if g in goals]
    return chosen + [g for g in dict.fromkeys(goals) if g not in chosen]


def _goal_label(goal: str, strategy: Strategy, lib: Library) -> str:
    """A goal's title, saying so when the strategy no longer has it (its targets are kept)."""
    found = lib.goal(goal)
    title = found.title if found else goal
    if goal in strategy.why.goals:
        return title
    return _("{goal} (no longer one of your goals)").format(goal=title)


def add_targets(doc: Document, strategy: Strategy, lib: Library) -> None:
    """Add the targets per goal to the strategy report; nothing when there are none."""
    targets = strategy.targets.targets
    if not targets:
        return
    doc.add(Heading(_("Targets"), 2))
    for goal in _goal_order(strategy, [t.goal for t in targets]):
        doc.add(Para(_goal_label(goal, strategy, lib), "label"))
        doc.add(Bullets([target_words(t) for t in targets if t.goal == goal]))


def _figure_cell(measure: str, value: float | None, start, end, n: int, unit: str) -> str:
    from strategy.targets.measures import sample, show

    if value is None:
        return "—"
    # The period on its own two lines: a column of a one-page table is narrower than it.
    period = f"{date(start, 'medium')} –\n{date(end, 'medium')}" if start and end else ""
    return "\n".join(filter(None, [f"{show(measure, value)} · {sample(n, unit)}", period]))


def _now_cell(r: TargetReview) -> str:
    c: Figure | None = r.current
    if c is None:
        return "—"
    return _figure_cell(r.target.measure, c.value, c.start, c.end, c.n, c.unit)


def _row(r: TargetReview) -> list[str]:
    from strategy.targets.measures import account_words, measure_name, show

    t, b = r.target, r.target.baseline
    name = measure_name(t.measure, b.denominator if b else None, b.counted if b else None)
    baseline = _figure_cell(t.measure, b.value, b.start, b.end, b.n, b.unit) if b else "—"
    if t.value is None:
        goal = "—"
    elif t.by is None:
        goal = show(t.measure, t.value)
    else:
        goal = show(t.measure, t.value) + "\n" + _("by {day}").format(day=date(t.by, "medium"))
    status = r.status_words
    end = r.current.end if r.current else None
    # Past the target's day the straight line stands at the target itself: nothing to add.
    if r.expected is not None and end is not None and t.by is not None and end < t.by:
        status += "\n" + _("a straight line to the target is at {value} now").format(
            value=show(t.measure, r.expected)
        )
    if r.reason:
        status += "\n" + r.reason
    return [f"{account_words(t.account, t.platform)}\n{name}", baseline, _now_cell(r), goal, status]


def review_document(result: Review, strategy: Strategy, lib: Library, today: dt.date) -> Document:
    """The review as a one-page handout, in the language in force (the review's own).

    Args:
        result: The review (`strategy.targets.review.review`), made in the language in force.
        strategy: The strategy reviewed (its name and goals).
        lib: The content library (goal titles).
        today: The review's day.

    Returns:
        A document without cover: per goal its targets' baseline, now, target and status with
        their samples and, where a figure cannot be compared, why; then what changed since the
        baselines were set.
    """
    organisation = strategy.profile.kind == "organisation"
    who = strategy.profile.name.strip() or (_("Our organisation") if organisation else "")
    kind = _("Organisation strategy") if organisation else _("Personal strategy")
    doc = Document(
        title=_("Strategy review"),
        subtitle=f"{who} · {kind}" if who else kind,
        date=date(today),
        language=language(),
        cover=False,
    )
    if not result.targets:
        doc.add(Para(_("This strategy has no targets yet."), "muted"))
    else:
        doc.add(
            Para(
                _(
                    "“Now” is each account's figure for the days after its baseline's period, "
                    "counted the same way. A figure on too few posts or days is shown but not "
                    "compared: too little data to tell."
                ),
                "muted",
            )
        )
    headers = [_("Measure"), _("Baseline"), _("Now"), _("Target"), _("Status")]
    goals = [r.target.goal for r in result.targets]
    for goal in _goal_order(strategy, goals):
        doc.add(Para(_goal_label(goal, strategy, lib), "label"))
        rows = [_row(r) for r in result.targets if r.target.goal == goal]
        doc.add(Table(headers, rows, [2.8, 2.1, 2.1, 1.7, 2.3]))
    if result.snapshot_taken is None:
        doc.add(Heading(_("What changed in the strategy"), 2))
        doc.add(
            Para(
                _("No snapshot was kept with the baselines, so changes cannot be listed."), "muted"
            )
        )
    else:
        since = date(result.snapshot_taken, "medium")
        doc.add(Heading(_("What changed since {day}").format(day=since), 2))
        if result.changes:
            doc.add(Bullets([c.words for c in result.changes]))
        else:
            doc.add(
                Para(
                    _("Nothing changed in channels or guidelines since {day}.").format(day=since),
                    "muted",
                )
            )
    return doc


def review_pdf(result: Review, strategy: Strategy, lib: Library, today: dt.date) -> bytes:
    """The review as a one-page PDF (see `review_document`)."""
    from strategy.report.pdf import to_pdf

    return to_pdf(review_document(result, strategy, lib, today))


def review_markdown(result: Review, strategy: Strategy, lib: Library, today: dt.date) -> str:
    """The review as Markdown (see `review_document`)."""
    from strategy.report.markdown import to_markdown

    return to_markdown(review_document(result, strategy, lib, today))
