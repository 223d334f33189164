"""The measures a target can use, which of them an account's exports give, and their figures.

Every figure comes from the Analytics step's own code (`strategy.analytics`), computed on the
rows of one period, so a target's rate is the rate the Analytics step shows for those days.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

import pandas as pd

from strategy.analytics.accounts import network_name
from strategy.analytics.analyze import AccountAnalysis, Options, analyze
from strategy.analytics.folk_rules import MIN_POSTS
from strategy.analytics.measures import rate_name
from strategy.core.i18n import N_, _, date, ngettext, number, percent
from strategy.core.model import Baseline
from strategy.importers.dataset import Dataset

DAYS_PER_MONTH = 365.25 / 12
LIMIT = 1e12  # the largest figure a strategy file holds (see `strategy.core.model.Figure`)
# Sample floors, in the spirit of the rule tester's: below them a figure is shown but never
# compared. A median of fewer than 10 rates moves with a single post; a posting rhythm needs two
# weeks to average over a week's ups and downs; growth per month needs about a month of days.
MIN_RATED = MIN_POSTS
MIN_RHYTHM_DAYS = 14
MIN_GROWTH_DAYS = 28
MEASURE_ORDER = (
    "interaction_rate",
    "reply_share",
    "followers",
    "follower_growth",
    "posts_per_week",
)
MEASURE_NAMES = {
    "interaction_rate": N_("interaction rate (median per post)"),
    "reply_share": N_("share of posts with a reply"),
    "followers": N_("followers"),
    "follower_growth": N_("net followers gained per month"),
    "posts_per_week": N_("posts per week"),
}


@dataclass(frozen=True)
class Figure:
    """One measure's figure for one account over one period, with what it rests on.

    Attributes:
        measure: The measure's id (see `MEASURE_NAMES`).
        account: The account's key ("x:ADHOrg").
        platform: Its network id.
        value: The figure (a fraction for a rate); None when the rows give none.
        start: The first day the figure rests on (None without rows).
        end: The last day.
        n: The sample: rated posts or days for a rate, days with a total for followers,
            days for growth, posts for posts per week.
        unit: What `n` counts: "post" or "day".
        counted: For a rate: "interactions" or "engagements".
        denominator: For a rate: what it is per.
        reason: Why there is no figure, or why it is too thin to compare, in words ("" if
            neither).
    """

    measure: str
    account: str
    platform: str
    value: float | None
    start: dt.date | None
    end: dt.date | None
    n: int
    unit: str
    counted: str | None = None
    denominator: str | None = None
    reason: str = ""

    @property
    def days(self) -> int:
        """How many days the period spans (0 without one)."""
        if self.start is None or self.end is None:
            return 0
        return (self.end - self.start).days + 1

    @property
    def enough(self) -> bool:
        """Whether the figure rests on enough data to compare (the sample floors)."""
        return self.value is not None and not thin(self.measure, self.n, self.days)

    def baseline(self) -> Baseline:
        """The figure as a strategy saves it (only a figure with a value and a period).

        Raises:
            ValueError: The figure has no value.
        """
        if self.value is None or self.start is None or self.end is None:
            raise ValueError(self.reason or "no figure")
        unit = "day" if self.unit == "day" else "post"
        return Baseline(
            value=self.value,
            start=self.start,
            end=self.end,
            n=self.n,
            unit=unit,
            counted=self.counted,  # pyright: ignore[reportArgumentType]  # checked by the model
            denominator=self.denominator,  # pyright: ignore[reportArgumentType]
        )


def thin(measure: str, n: int, days: int) -> str:
    """Why a sample is below its floor, in words; "" when it is not.

    Args:
        measure: The measure's id.
        n: The sample (see `Figure.n`).
        days: The days the period spans.
    """
    if measure == "interaction_rate" and n < MIN_RATED:
        return _("only {n} rated, at least {floor} are needed").format(n=n, floor=MIN_RATED)
    if measure == "reply_share" and n < MIN_RATED:
        return _("only {n} posts with a reply count, at least {floor} are needed").format(
            n=n, floor=MIN_RATED
        )
    if measure == "followers" and n < 1:
        return _("no follower total in the period")
    if measure == "follower_growth" and days < MIN_GROWTH_DAYS:
        return ngettext(
            "only {days} day, at least {floor} are needed",
            "only {days} days, at least {floor} are needed",
            days,
        ).format(days=days, floor=MIN_GROWTH_DAYS)
    if measure == "posts_per_week" and days < MIN_RHYTHM_DAYS:
        return ngettext(
            "only {days} day, at least {floor} are needed",
            "only {days} days, at least {floor} are needed",
            days,
        ).format(days=days, floor=MIN_RHYTHM_DAYS)
    return ""


def measure_name(measure: str, denominator: str | None = None, counted: str | None = None) -> str:
    """A measure in words; a rate with what it counts and is per ("interactions per impression")."""
    if measure == "interaction_rate" and denominator:
        return _("median {rate}").format(rate=rate_name(counted or "interactions", denominator))
    return _(MEASURE_NAMES[measure])


def find_account(
    accounts: Sequence[AccountAnalysis], key: str, platform: str
) -> AccountAnalysis | None:
    """The account a target is for: by its key, else the only account on its network.

    A file that names no account gets a name in the language in force ("X account", "X-konto"),
    so a key saved in one language may not come back in another; one account on the network is
    then taken to be it.
    """
    exact = [a for a in accounts if a.account.key == key]
    if exact:
        return exact[0]
    same = [a for a in accounts if a.account.platform == platform]
    return same[0] if len(same) == 1 else None


def available(account: AccountAnalysis) -> list[str]:
    """The measures an account's exports give a figure for, in the order they are offered.

    Args:
        account: The account's analysis over all its rows.

    Returns:
        Measure ids: a rate needs the measure's columns and something to divide by, followers a
        follower history, growth a history or daily gains, posts per week per-post rows.
    """
    out = []
    if account.measure_columns is not None and account.denominator and len(account.rates):
        out.append("interaction_rate")
    if _reply_counts(account) is not None:
        out.append("reply_share")
    if account.followers.source == "history":
        out += ["followers", "follower_growth"]
    elif _gains(account) is not None:
        out.append("follower_growth")
    if account.post_data:
        out.append("posts_per_week")
    return out


def denominators(account: AccountAnalysis) -> list[str]:
    """What an account's rates can be per, the Analytics step's default first."""
    order = ("followers", "reach", "impressions", "views")
    found = [d for d in order if d in account.available]
    best = account.denominator
    return ([best] if best in found else []) + [d for d in found if d != best]


def span(datasets: Sequence[Dataset]) -> tuple[dt.date, dt.date] | None:
    """The first and last day any of the datasets' rows fall on (None without rows)."""
    dates = [d.frame["date"].dropna() for d in datasets if len(d.frame)]
    dates = [d for d in dates if len(d)]
    if not dates:
        return None
    both = pd.concat(dates)
    return both.min().date(), both.max().date()


def within(datasets: Sequence[Dataset], start: dt.date, end: dt.date) -> list[Dataset]:
    """The datasets cut to the rows dated from `start` to `end` (both included).

    The totals row an export states is dropped with the rest: it is the whole file's.
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    out = []
    for ds in datasets:
        days = ds.frame["date"].dt.floor("D")
        rows = ds.frame[(days >= first) & (days <= last)].reset_index(drop=True)
        out.append(ds.model_copy(update={"frame": rows, "stated_totals": {}}))
    return out


def figure(
    datasets: Sequence[Dataset],
    account: str,
    platform: str,
    measure: str,
    options: Options,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    exact: bool = True,
) -> Figure:
    """Compute one measure for one account over a period, as the Analytics step would.

    Args:
        datasets: Every uploaded dataset (the account's are found among them).
        account: The account's key ("x:ADHOrg").
        platform: Its network id (to find it by network when the key is not there).
        measure: The measure's id.
        options: The analysis options; for a rate, `measure` says what is counted and
            `denominator` what it is per (None: the account's best).
        start: The period's first day (None: the account's first day).
        end: Its last day (None: the account's last day).
        exact: For a rate: whether `options.denominator` is a must (a review keeps its
            baseline's); else, as on the Analytics step, an account without it takes its best.

    Returns:
        The figure; its period is the asked one cut to the days the account's exports cover.
    """
    whole = find_account(analyze(list(datasets), options).accounts, account, platform)
    empty = Figure(measure, account, platform, None, None, None, 0, _unit(measure))
    if whole is None:
        return _without(empty, _("no export of {account} among these").format(account=account))
    covered = span(whole.account.datasets)
    if covered is None:
        return _without(empty, _("its exports have no dated rows"))
    first = max(covered[0], start) if start else covered[0]
    last = min(covered[1], end) if end else covered[1]
    if last < first:
        return _without(empty, _("its exports have no rows in the period"))
    if not exact or options.denominator is None:
        # The whole account's denominator, kept for the period: a period outside a follower
        # history must not quietly switch a rate per follower to one per person reached.
        options = replace(options, denominator=whole.denominator)
    cut = analyze(within(whole.account.datasets, first, last), options).accounts
    one = find_account(cut, whole.account.key, platform)
    base = Figure(measure, whole.account.key, platform, None, first, last, 0, _unit(measure))
    if one is None:  # every dataset is cut, not dropped: the account is there
        return _without(base, _("its exports have no rows in the period"))
    compute = {
        "interaction_rate": _rate,
        "followers": _followers,
        "follower_growth": _growth,
        "posts_per_week": _posts_per_week,
        "reply_share": _reply_share,
    }[measure]
    return compute(one, base, options)


def _unit(measure: str) -> str:
    return "day" if measure in ("followers", "follower_growth") else "post"


def _without(fig: Figure, reason: str) -> Figure:
    return Figure(**{**fig.__dict__, "reason": reason})


def _with(fig: Figure, **changes: object) -> Figure:
    done = Figure(**{**fig.__dict__, **changes})
    if done.value is not None and not (math.isfinite(done.value) and abs(done.value) <= LIMIT):
        # A file's 1e308 would make a figure no strategy file can hold: none, with the reason.
        return _without(replace(done, value=None), _("its exports' figures are out of range"))
    return _without(done, done.reason or thin(done.measure, done.n, done.days))


def _rate(one: AccountAnalysis, fig: Figure, options: Options) -> Figure:
    """The median rate, the Analytics step's reading ("median 1.2 % ... over 31 posts")."""
    counted = options.measure
    if one.measure_columns is None:
        return _without(fig, _("its exports have no columns for the measure"))
    wanted = options.denominator  # set by `figure`: the period's must match it
    if wanted is None or one.denominator != wanted:
        per = wanted or "impressions"
        return _without(
            _with(fig, counted=counted, denominator=wanted),
            _("its exports have nothing to divide by ({rate})").format(
                rate=rate_name(counted, per)
            ),
        )
    rates = one.rates
    return _with(
        fig,
        value=float(rates.median()) if len(rates) else None,
        n=len(rates),
        unit=one.rate_grain,
        counted=counted,
        denominator=one.denominator,
    )


def _followers(one: AccountAnalysis, fig: Figure, options: Options) -> Figure:
    """The last follower total of the period, from a follower history (never a typed guess)."""
    daily = one.followers.daily
    if one.followers.source != "history" or not len(daily):
        return _without(fig, _("its exports have no follower history"))
    return _with(
        fig,
        value=float(daily.iloc[-1]),
        n=len(daily),
        start=cast(pd.Timestamp, daily.index[0]).date(),
        end=cast(pd.Timestamp, daily.index[-1]).date(),
    )


def _gains(one: AccountAnalysis) -> pd.Series | None:
    """The account's followers gained per day (net where the export counts unfollows)."""
    days = one.days
    if "followers_gained" not in days:
        return None
    gains = cast(pd.Series, days["followers_gained"]).dropna()
    return gains if len(gains) else None


def _growth(one: AccountAnalysis, fig: Figure, options: Options) -> Figure:
    """Followers gained per month: a history's change, else the daily gains' sum, per day x 30.4."""
    daily = one.followers.daily
    if one.followers.source == "history" and len(daily):
        first, last = cast(pd.Timestamp, daily.index[0]), cast(pd.Timestamp, daily.index[-1])
        # n days of totals span n - 1 days of change.
        elapsed = (last - first).days
        value = (
            (float(daily.iloc[-1]) - float(daily.iloc[0])) / elapsed * DAYS_PER_MONTH
            if elapsed
            else None
        )
        return _with(fig, value=value, n=len(daily), start=first.date(), end=last.date())
    gains = _gains(one)
    if gains is None:
        return _without(fig, _("its exports have no follower history or daily follows"))
    first, last = cast(pd.Timestamp, gains.index[0]), cast(pd.Timestamp, gains.index[-1])
    days = (last - first).days + 1  # each day's gain is that day's own
    return _with(
        fig,
        value=float(gains.sum()) / days * DAYS_PER_MONTH,
        n=len(gains),
        start=first.date(),
        end=last.date(),
    )


def _posts_per_week(one: AccountAnalysis, fig: Figure, options: Options) -> Figure:
    """Posts per week over the whole period: a week with no post counts, as a zero."""
    if not one.post_data:
        return _without(fig, _("its exports have no posts, only days"))
    posts = len(one.posts_raw)  # each post once, across overlapping downloads
    return _with(fig, value=posts / fig.days * 7, n=posts)


def _reply_counts(one: AccountAnalysis) -> pd.Series | None:
    """Each post's replies (comments), where its export counts them; None when none does."""
    if not one.post_data or "comments" not in one.posts_raw:
        return None
    counts = pd.Series(pd.to_numeric(one.posts_raw["comments"], errors="coerce")).dropna()
    return counts if len(counts) else None


def _reply_share(one: AccountAnalysis, fig: Figure, options: Options) -> Figure:
    """The share of posts that got at least one reply, of the posts whose export counts them.

    A conversation measure: a post that starts one has at least a reply. Posts whose export
    gives no reply count are left out of the denominator, never counted as having none.
    """
    counts = _reply_counts(one)
    if counts is None:
        return _without(fig, _("its exports do not count replies"))
    return _with(fig, value=float((counts > 0).mean()), n=len(counts))


def account_words(account: str, platform: str) -> str:
    """An account as the review names it: "ADHOrg (X)"."""
    name = account.partition(":")[2] or account
    return f"{name} ({network_name(platform)})"


def show(measure: str, value: float) -> str:
    """A figure in words: a rate as a percentage, growth and rhythm with a decimal."""
    if measure == "interaction_rate":
        return percent(value, 2)
    if measure == "reply_share":
        return percent(value, 0)
    return number(value, 0 if measure == "followers" else 1)


def sample(n: int, unit: str) -> str:
    """A sample in words: "31 posts", "14 days"."""
    if unit == "day":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    return ngettext("{n} post", "{n} posts", n).format(n=n)


def describe(fig: Figure) -> str:
    """A figure in words with what it rests on, for the page that sets a baseline.

    For example "0.33% median interactions per impression, 1 Apr 2021 – 15 Apr 2021, 10 posts",
    or, without a figure, the reason; a figure below its sample floor says so.
    """
    if fig.value is None or fig.start is None or fig.end is None:
        return fig.reason
    words = _("{value} {measure}, {start} – {end}, {sample}").format(
        value=show(fig.measure, fig.value),
        measure=measure_name(fig.measure, fig.denominator, fig.counted),
        start=date(fig.start, "medium"),
        end=date(fig.end, "medium"),
        sample=sample(fig.n, fig.unit),
    )
    if not fig.enough:
        words += " " + _("(too little data to compare: {reason})").format(reason=fig.reason)
    elif fig.measure == "interaction_rate" and fig.value == 0:
        # The rule tester compares the share of posts with any engagement in this case; a
        # target on the median would need most posts to start getting some.
        words += " " + _(
            "(most posts have no interactions: a median of 0 can hardly show a change)"
        )
    return words
