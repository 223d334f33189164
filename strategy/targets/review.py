"""Review targets with new exports: baseline, now, target; on track, behind or too little data.

"Now" is the figure of the days after the baseline's period (rows the baseline already used
are never counted again), computed the way the baseline was: the same measure, the same count
and denominator. Below a sample floor (see `strategy.targets.measures.thin`) a figure is shown
but not compared, as the rule tester does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from strategy.core.i18n import N_, _, date
from strategy.core.library import Library
from strategy.core.model import Baseline, Strategy, Target
from strategy.importers.dataset import Dataset
from strategy.targets.baseline import target_options
from strategy.targets.changes import Change, changes_since
from strategy.targets.measures import (
    Figure,
    account_words,
    figure,
    measure_name,
    sample,
    show,
    thin,
)

STATUSES = {
    "reached": N_("reached"),
    "on_track": N_("on track"),
    "behind": N_("behind"),
    "too_little_data": N_("too little data to tell"),
    "not_set": N_("no baseline, target or date yet"),
}


@dataclass(frozen=True)
class TargetReview:
    """One target compared with new exports.

    Attributes:
        target: The target as saved.
        current: The figure now (None when the target has no baseline to compute it like).
        status: "reached", "on_track", "behind", "too_little_data" or "not_set".
        expected: Where a straight line from baseline to target stands on the current period's
            last day (None unless compared).
        reason: Why it is too little data or not set, in words ("" otherwise).
        goal_chosen: Whether its goal is still one of the strategy's goals.
    """

    target: Target
    current: Figure | None
    status: str
    expected: float | None = None
    reason: str = ""
    goal_chosen: bool = True

    @property
    def status_words(self) -> str:
        """The status in words, in the language in force."""
        return _(STATUSES[self.status])

    def line(self) -> str:
        """The review of the target in one line of words."""
        t, b = self.target, self.target.baseline
        name = measure_name(t.measure, b.denominator if b else None, b.counted if b else None)
        head = f"{account_words(t.account, t.platform)}, {name}"
        if b is None or t.value is None or t.by is None:
            return f"{head}: {self.status_words}"
        now = "–"
        if self.current is not None and self.current.value is not None:
            now = _("{value} ({start} – {end}, {sample})").format(
                value=show(t.measure, self.current.value),
                start=date(self.current.start, "medium") if self.current.start else "–",
                end=date(self.current.end, "medium") if self.current.end else "–",
                sample=sample(self.current.n, self.current.unit),
            )
        words = _(
            "baseline {baseline} ({start} – {end}, {sample}) → now {now} → target {target} "
            "by {by}: {status}"
        ).format(
            baseline=show(t.measure, b.value),
            start=date(b.start, "medium"),
            end=date(b.end, "medium"),
            sample=sample(b.n, b.unit),
            now=now,
            target=show(t.measure, t.value),
            by=date(t.by, "medium"),
            status=self.status_words,
        )
        return f"{head}: {words}" + (f" ({self.reason})" if self.reason else "")

    def to_json(self) -> dict:
        """The review of one target as `review --json` prints it."""
        t, b, c = self.target, self.target.baseline, self.current
        return {
            "goal": t.goal,
            "goal_chosen": self.goal_chosen,
            "measure": t.measure,
            "account": t.account,
            "platform": t.platform,
            "baseline": _baseline_json(b) if b else None,
            "current": _figure_json(c) if c else None,
            "target": t.value,
            "by": t.by.isoformat() if t.by else None,
            "expected_now": self.expected,
            "status": self.status,
            "status_words": self.status_words,
            "reason": self.reason or None,
            "reading": self.line(),
        }


@dataclass(frozen=True)
class Review:
    """Every target reviewed, and what the strategy changed since its baselines were set."""

    targets: list[TargetReview]
    changes: list[Change] = field(default_factory=list)
    snapshot_taken: dt.date | None = None

    def to_json(self) -> dict:
        """The review as `python -m strategy review --json` prints it."""
        return {
            "targets": [t.to_json() for t in self.targets],
            "changes_since": self.snapshot_taken.isoformat() if self.snapshot_taken else None,
            "changes": [c.to_json() for c in self.changes],
        }


def _baseline_json(b: Baseline) -> dict:
    return {
        "value": b.value,
        "start": b.start.isoformat(),
        "end": b.end.isoformat(),
        "sample": b.n,
        "sample_unit": b.unit,
        "counted": b.counted,
        "denominator": b.denominator,
    }


def _figure_json(c: Figure) -> dict:
    return {
        "value": c.value,
        "start": c.start.isoformat() if c.start else None,
        "end": c.end.isoformat() if c.end else None,
        "sample": c.n,
        "sample_unit": c.unit,
        "counted": c.counted,
        "denominator": c.denominator,
        "enough": c.enough,
    }


def review_target(datasets: Sequence[Dataset], target: Target, strategy: Strategy) -> TargetReview:
    """Compare one target's baseline with the new exports' days after it.

    Args:
        datasets: The new exports.
        target: The target, with its baseline.
        strategy: For the analysis options (time zone, typed follower totals).

    Returns:
        The review: "reached" once the figure is at or past the target; "on_track" when it is
        at or past a straight line from baseline to target; "behind" otherwise (and past the
        date unreached); "too_little_data" when either figure is below its sample floor or
        there is none.
    """
    b = target.baseline
    if b is None or target.value is None or target.by is None:
        return TargetReview(target, None, "not_set")
    options = target_options(strategy, b.counted, b.denominator)
    start = b.end + dt.timedelta(days=1)
    now = figure(datasets, target.account, target.platform, target.measure, options, start)
    too_thin = thin(target.measure, b.n, (b.end - b.start).days + 1)
    if too_thin:
        return TargetReview(
            target, now, "too_little_data", reason=_("baseline: {reason}").format(reason=too_thin)
        )
    if now.value is None or not now.enough:
        reason = now.reason or _("no rows after the baseline's period")
        return TargetReview(
            target, now, "too_little_data", reason=_("now: {reason}").format(reason=reason)
        )
    if target.measure == "interaction_rate" and b.value == 0 and now.value == 0:
        # Most posts had no interactions in both periods: a median of 0 cannot show a change
        # (the rule tester compares the share of posts with any instead, for the same reason).
        reason = _("most posts have no interactions, so the median is 0 in both periods")
        return TargetReview(target, now, "too_little_data", reason=reason)
    assert now.end is not None  # a figure with a value has a period
    status, expected = compare(b.value, b.end, now.value, now.end, target.value, target.by)
    return TargetReview(target, now, status, expected=expected)


def compare(
    baseline: float,
    baseline_end: dt.date,
    now: float,
    now_end: dt.date,
    target: float,
    by: dt.date,
) -> tuple[str, float | None]:
    """Place a figure between its baseline and its target.

    Args:
        baseline: The baseline figure.
        baseline_end: The baseline period's last day.
        now: The figure now.
        now_end: The current period's last day.
        target: The figure to reach; below the baseline, lower is better (fewer, better posts).
        by: The day to reach it.

    Returns:
        "reached" (at or past the target), "on_track" (at or past a straight line from the
        baseline to the target, on the current period's last day, before the target's day) or
        "behind"; and where that line stands (None once reached).
    """
    up = 1 if target >= baseline else -1
    if (now - target) * up >= 0:
        return "reached", None
    total = (by - baseline_end).days
    elapsed = (now_end - baseline_end).days
    share = 1.0 if total <= 0 else min(max(elapsed / total, 0.0), 1.0)
    expected = baseline + (target - baseline) * share
    return ("on_track" if (now - expected) * up >= 0 and share < 1.0 else "behind"), expected


def review(strategy: Strategy, datasets: Sequence[Dataset], lib: Library | None = None) -> Review:
    """Review every target of a strategy with new exports, and list what changed since.

    Args:
        strategy: The saved strategy, with its targets and snapshot.
        datasets: The new exports.
        lib: The content library, for channel names in the changes.

    Returns:
        The review.
    """
    snap = strategy.targets.snapshot
    return Review(
        [
            replace(review_target(datasets, t, strategy), goal_chosen=t.goal in strategy.why.goals)
            for t in strategy.targets.targets
        ],
        changes_since(strategy, lib),
        snap.taken if snap else None,
    )
