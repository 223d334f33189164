"""Test the popular rules of thumb against the user's own posts, without claiming too much."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from strategy.analytics.own_rules import LINK_WORDS, group_label, rule_id, split
from strategy.core.i18n import N_, _, ngettext, number, percent
from strategy.core.model import OwnRule

MIN_POSTS = 10
ALPHA = 0.10  # the family's error rate, the same 10 % the 90 % intervals leave
PERMUTATIONS = 1000
RESAMPLES = 2000
MAX_BOOTSTRAP = 4000
RESAMPLES_SUBSAMPLED = 1000
POWER = 0.8  # "would likely have shown": 4 times in 5
OVERLAP_PHI = 0.5  # groups this correlated are said to largely coincide
NORMAL = NormalDist()
Stat = Callable[..., np.ndarray | float]
# English and Swedish: a post's language follows its author, not the interface.
JOB_WORDS = re.compile(
    r"\b(?:hiring|job|jobs|apply|vacanc\w*|career|recruit\w*|join our team"
    r"|jobb\w*|ansök\w*|rekryt\w*|karriär\w*|lediga? tjänst\w*|vi söker)\b",
    re.IGNORECASE,
)
# A hashtag is "#" and letters or digits, not glued to a word before it (so "C#" is not one).
# RE2 syntax (pyarrow): no look-behind, so the character before is matched instead, and each
# post gets a leading space (pyarrow's count restarts the search, so "^" would match again).
HASHTAG = r"[^\pL\pN_]#[\pL\pN_]+"


@dataclass(frozen=True)
class RuleResult:
    """The comparison of two groups of posts for one rule.

    Attributes:
        id: The rule's id for code and scripts (short_posts, many_hashtags, ..., own_1).
        rule: The rule in words.
        with_label: The group the rule is about, e.g. "under 100 characters".
        without_label: The other group.
        n_with: Rated posts in the first group.
        n_without: Rated posts in the second group.
        figure_with: The first group's figure (None if empty): its median rate, or, where
            most posts have no engagement, the share of its posts with any (see `statistic`).
        figure_without: The second group's figure.
        low: Lower end of the 90% bootstrap interval of the difference (with - without).
        high: Upper end.
        verdict: What the data says, in words that do not claim more than it shows.
        outcome: The verdict as a word for code: "first", "second" (the group that did
            better), "unclear", "thin" (too few posts), "flat" (too few posts have any
            engagement to compare) or "not_applicable" (the export lacks what the rule needs,
            such as a time of day).
        statistic: "median_rate", or "share_engaged" where most of the account's rated posts
            have no engagement (a median of 0 has no power; the share of posts with any has).
        overlaps: Other rules whose group shares posts with this one's: (rule id, posts).
        overlap_note: Where this rule's group largely coincides with another's (or excludes
            it): the two results are not independent, in words.
        p_value: The permutation test's p-value for the difference (None if untested).
        adjusted: That p-value adjusted for every rule tested on the account (Holm): a
            verdict needs it under `ALPHA`, so all the rules together err at most that often.
        tested: How many rules were tested together on the account (the family).
        spread: The bootstrap standard error of the difference (None if untested).
        detectable: For a null result: the smallest difference these posts would have shown
            4 times in 5, given the family (a fraction; None otherwise).
        needed: For "flat": about how many posts each group would need to tell a doubling of
            the share of posts with engagement from chance (None where none has any).
        own: Whether the user wrote the rule.
    """

    id: str
    rule: str
    with_label: str
    without_label: str
    n_with: int
    n_without: int
    figure_with: float | None
    figure_without: float | None
    low: float | None
    high: float | None
    verdict: str
    outcome: str
    statistic: str = "median_rate"
    overlaps: tuple[tuple[str, int], ...] = ()
    overlap_note: str = ""
    p_value: float | None = None
    adjusted: float | None = None
    tested: int = 0
    spread: float | None = None
    detectable: float | None = None
    needed: int | None = None
    own: bool = False

    @property
    def difference(self) -> float | None:
        """The difference of the figures (the group's minus the other's), as a fraction."""
        if self.figure_with is None or self.figure_without is None or self.low is None:
            return None
        return self.figure_with - self.figure_without

    @property
    def code(self) -> str:
        """The verdict as scripts read it: better, worse, no_clear_difference, too_few_posts..."""
        return OUTCOME_CODES[self.outcome]


OUTCOME_CODES = {
    "first": "better",
    "second": "worse",
    "unclear": "no_clear_difference",
    "thin": "too_few_posts",
    "not_applicable": "not_applicable",
    "flat": "too_little_engagement",
}
SHORT_VERDICTS = {
    "first": N_("the group did better"),
    "second": N_("the others did better"),
    "unclear": N_("no clear difference"),
    "thin": N_("too few posts"),
    "flat": N_("too little engagement"),
    "not_applicable": N_("cannot be tested"),
}


@dataclass(frozen=True)
class Split:
    """One rule to test: the posts it is about (1.0), the others (0.0), unknown (NaN)."""

    id: str
    rule: str
    with_label: str
    without_label: str
    mask: Any  # a Series: True/1.0 in the group, False/0.0 not, NaN cannot tell
    unknown: str  # why, when it can tell about no post
    own: bool = False


def hashtags(text: pd.Series) -> pd.Series:
    """Count the hashtags in each post (pyarrow's regex kernel: 4x pandas' on a million posts)."""
    spaced = pc.binary_join_element_wise(" ", pa.array(text, pa.string()), "")  # pyright: ignore
    counts = pc.count_substring_regex(spaced, HASHTAG)  # pyright: ignore
    return pd.Series(counts.to_numpy(zero_copy_only=False), index=text.index)


def _splits(posts: pd.DataFrame, own: Sequence[OwnRule] = ()) -> list[Split]:
    text = posts["text"].fillna("").astype(str)
    # The hour in the zone the charts use (see analysis.timing); NaN where there is no time.
    hour = posts["hour"] if "hour" in posts else posts["date"].dt.hour.astype(float)
    day = posts["local"] if "local" in posts else posts["date"]
    per_day = pd.Series(posts.groupby(day.dt.floor("D"))["text"].transform("size"))
    no_time = _("This export has no times of day, so this rule cannot be tested.")
    folk = [
        Split(
            "short_posts",
            _("Keep posts under 100 characters"),
            _("posts under 100 characters"),
            _("posts of 100 characters or more"),
            text.str.len() < 100,
            no_time,
        ),
        Split(
            "many_hashtags",
            _("More than two hashtags hurts engagement"),
            _("posts with more than two hashtags"),
            _("posts with two or fewer"),
            hashtags(pd.Series(text)) > 2,
            no_time,
        ),
        Split(
            "has_link",
            _("Links in the post hurt reach"),
            _("posts with a link"),
            _("posts without a link"),
            text.str.contains(LINK_WORDS, case=False),
            no_time,
        ),
        Split(
            "several_a_day",
            _("Post several times a day"),
            _("posts on days with 2+ posts"),
            _("posts on days with one post"),
            per_day >= 2,
            no_time,
        ),
        Split(
            "morning",
            _("Post in the morning"),
            _("posts before noon"),
            _("posts from noon on"),
            (hour < 12).where(hour.notna()),
            no_time,
        ),
        Split(
            "job_posts",
            _("Don't flood the account with job posts"),
            _("job posts"),
            _("other posts"),
            text.str.contains(JOB_WORDS),
            no_time,
        ),
    ]
    mine = [
        Split(
            rule_id(i),
            rule.name,
            group_label(rule),
            _("other posts"),
            *split(rule, posts),
            own=True,
        )
        for i, rule in enumerate(own)
    ]
    return folk + mine


def _resample(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    # Memory grows with resamples × posts: past a few thousand posts a seeded subsample gives
    # the same answer to the precision anyone reads.
    return rng.choice(x, MAX_BOOTSTRAP, replace=False) if len(x) > MAX_BOOTSTRAP else x


def _interval(
    a: np.ndarray, b: np.ndarray, stat: Stat, rng: np.random.Generator
) -> tuple[float, float, float]:
    """The 90% bootstrap interval of stat(a) - stat(b), and its standard error."""
    # Subsampled groups are large, so their interval is already stable with fewer resamples.
    resamples = RESAMPLES_SUBSAMPLED if max(len(a), len(b)) > MAX_BOOTSTRAP else RESAMPLES
    a, b = _resample(a, rng), _resample(b, rng)
    ia = rng.integers(0, len(a), (resamples, len(a)))
    ib = rng.integers(0, len(b), (resamples, len(b)))
    diffs = stat(a[ia], axis=1) - stat(b[ib], axis=1)
    low, high = np.quantile(diffs, [0.05, 0.95])
    return float(low), float(high), float(np.std(diffs))


def _p_value(a: np.ndarray, b: np.ndarray, stat: Stat, rng: np.random.Generator) -> float:
    """Two-sided permutation p-value of stat(a) - stat(b) (subsampled past 4,000 posts)."""
    a, b = _resample(a, rng), _resample(b, rng)
    pooled = np.concatenate([a, b])
    observed = abs(stat(a) - stat(b))
    extreme = 0
    for _chunk in range(PERMUTATIONS // 200):  # 200 shuffles at a time bounds the memory
        order = rng.permuted(np.tile(np.arange(len(pooled)), (200, 1)), axis=1)
        shuffled = pooled[order]
        diffs = stat(shuffled[:, : len(a)], axis=1) - stat(shuffled[:, len(a) :], axis=1)
        extreme += int((np.abs(diffs) >= observed - 1e-15).sum())
    return (1 + extreme) / (1 + PERMUTATIONS)


def _holm(p_values: dict[str, float]) -> dict[str, float]:
    """Holm's step-down adjustment: the error rate holds for the whole family of rules."""
    m = len(p_values)
    adjusted, running = {}, 0.0
    for rank, (rid, p) in enumerate(sorted(p_values.items(), key=lambda kv: kv[1])):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[rid] = running
    return adjusted


def posts_needed(share: float, alpha: float = ALPHA, power: float = POWER) -> int | None:
    """Posts per group to tell a share of posts with engagement from twice that share.

    The normal approximation for two proportions, two-sided at `alpha`, with `power`.
    None when no post has any engagement: no sample size can compare nothing.
    """
    if share <= 0:
        return None
    p1, p2 = share, min(2 * share, 1.0)
    if p1 == p2:
        return None
    z_a, z_b = NORMAL.inv_cdf(1 - alpha / 2), NORMAL.inv_cdf(power)
    mean = (p1 + p2) / 2
    n = z_a * math.sqrt(2 * mean * (1 - mean)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil((n / (p2 - p1)) ** 2)


def test_rules(
    posts: pd.DataFrame,
    seed: int = 7,
    min_posts: int = MIN_POSTS,
    own: Sequence[OwnRule] = (),
) -> list[RuleResult]:
    """Compare the posts that follow each rule with those that don't, as one family.

    Where most rated posts have some engagement, the median rates are compared; where most
    have none (a median of 0 tells nothing), the share of posts with any engagement is.

    Args:
        posts: Post rows with `text`, `date` and `rate` (NaN where a post has no rate), and
            optionally `hour`, `local`, `weekday` and `post_type`. A post counts towards
            "several a day" whether or not it has a rate.
        seed: Seed of the bootstrap, so the same data gives the same answer.
        min_posts: Fewer posts than this in either group gives "not enough posts to say".
        own: Rules the user wrote; they are tested with the folk rules, in one family.

    Returns:
        One result per rule, the folk rules first.
    """
    return compare_splits(posts, _splits(posts, own), seed, min_posts)


def compare_splits(
    posts: pd.DataFrame, splits: Sequence[Split], seed: int = 7, min_posts: int = MIN_POSTS
) -> list[RuleResult]:
    """Compare each split's group with the other posts it can tell about, as one family.

    The tester behind `test_rules`, open to other families (the content pillars): the same
    statistic, floor, intervals and Holm adjustment, counted over the splits given only.

    Args:
        posts: Post rows with `rate` (NaN where a post has no rate).
        splits: The groups to test, each with a mask on the posts' index.
        seed: Seed of the bootstrap, so the same data gives the same answer.
        min_posts: Fewer posts than this in either group gives "not enough posts to say".

    Returns:
        One result per split, in the order given.
    """
    rng = np.random.default_rng(seed)
    results = []
    p_values: dict[str, float] = {}
    rated = posts["rate"].notna().to_numpy()
    rates = posts["rate"].to_numpy(float)
    zero_heavy = rated.any() and float((rates[rated] == 0).mean()) >= 0.5
    statistic = "share_engaged" if zero_heavy else "median_rate"
    values = (rates > 0).astype(float) if zero_heavy else rates
    stat: Stat = np.mean if zero_heavy else np.median  # pyright: ignore[reportAssignmentType]
    members = {s.id: (s.mask.fillna(0).astype(bool).to_numpy() & rated) for s in splits}
    knowns = {s.id: s.mask.notna().to_numpy() & rated for s in splits}
    for s in splits:
        known = knowns[s.id]
        inside = members[s.id]
        a, b = values[inside], values[known & ~inside]
        fig_a = float(stat(a)) if len(a) else None
        fig_b = float(stat(b)) if len(b) else None
        low = high = spread = None
        needed = None
        overlaps = tuple(
            (other, int((inside & m).sum()))
            for other, m in members.items()
            if other != s.id and (inside & m).any()
        )
        if not known.any() and rated.any():
            outcome, verdict = "not_applicable", s.unknown
        elif len(a) < min_posts or len(b) < min_posts:
            outcome = "thin"
            verdict = _(
                "Not enough posts to say ({n} {group}, {n_other} {other}; at least {most} "
                "of each are needed)."
            ).format(
                n=len(a), group=s.with_label, n_other=len(b), other=s.without_label, most=min_posts
            )
        else:
            low, high, spread = _interval(a, b, stat, rng)
            engaged = int((np.concatenate([a, b]) > 0).sum()) if zero_heavy else None
            if (low == high == 0 and fig_a == fig_b) or (engaged is not None and engaged < 5):
                # Nothing to compare: a 0-to-0 interval is no evidence of "no difference".
                share = float((rates[known] > 0).mean())
                needed = posts_needed(share)
                low = high = spread = None
                outcome, verdict = "flat", _flat_words(len(a) + len(b), share, needed)
            else:
                # Only a rule whose interval excludes 0 can get a verdict, so only it pays for
                # the permutations; the others count in the family as p = 1, which can only
                # make Holm's adjustment stricter for the rest.
                p_values[s.id] = _p_value(a, b, stat, rng) if low > 0 or high < 0 else 1.0
                if low > 0:
                    outcome, verdict = "first", _better(s.with_label, statistic)
                elif high < 0:
                    outcome, verdict = "second", _better(s.without_label, statistic)
                else:
                    outcome, verdict = "unclear", _("No clear difference on these posts.")
        results.append(
            RuleResult(
                s.id,
                s.rule,
                s.with_label,
                s.without_label,
                len(a),
                len(b),
                fig_a,
                fig_b,
                low,
                high,
                verdict,
                outcome,
                statistic,
                overlaps,
                spread=spread,
                needed=needed,
                own=s.own,
            )
        )
    return _overlap_notes(_family(results, p_values), members, knowns)


def _better(group: str, statistic: str) -> str:
    if statistic == "share_engaged":
        words = _(
            "{group} more often got any engagement on these posts (an association, not "
            "proof that one causes the other)."
        )
    else:
        words = _(
            "{group} had higher rates on these posts (an association, not proof that one "
            "causes the other)."
        )
    return words.format(group=group[:1].upper() + group[1:])


def _flat_words(n: int, share: float, needed: int | None) -> str:
    if needed is None:
        return _("Too little engagement to compare: none of these {n} posts has any.").format(n=n)
    return _(
        "Too little engagement to compare: {share} of these {n} posts have any. To tell "
        "a doubling of that share from chance, each group would need about {needed} "
        "posts."
    ).format(share=percent(share, 0), n=n, needed=number(needed))


def _family(results: list[RuleResult], p_values: dict[str, float]) -> list[RuleResult]:
    """Keep a rule's verdict only if it holds once every rule tested is counted (Holm).

    A null result also gets the difference it could have shown: with the family's
    strictest threshold (Bonferroni, Holm's first step), 4 times in 5.
    """
    adjusted = _holm(p_values)
    m = len(p_values)
    z = NORMAL.inv_cdf(1 - ALPHA / (2 * max(m, 1))) + NORMAL.inv_cdf(POWER)
    out = []
    for r in results:
        if r.id not in p_values:
            out.append(replace(r, tested=m))
            continue
        change: dict = {"p_value": p_values[r.id], "adjusted": adjusted[r.id], "tested": m}
        if r.outcome in ("first", "second") and adjusted[r.id] >= ALPHA:
            # Alone it would pass; among this many rules, one this strong turns up by chance.
            change |= {
                "outcome": "unclear",
                "verdict": ngettext(
                    "No clear difference once all {n} rule tested here is counted together.",
                    "No clear difference once all {n} rules tested here are counted together.",
                    m,
                ).format(n=m),
            }
        if change.get("outcome", r.outcome) == "unclear" and r.spread is not None:
            change["detectable"] = z * r.spread
        out.append(replace(r, **change))
    return out


def _phi(x: np.ndarray, y: np.ndarray) -> float | None:
    """The correlation of two memberships from their 2x2 counts (None if one never varies)."""
    n, nx, ny = len(x), int(np.count_nonzero(x)), int(np.count_nonzero(y))
    both = int(np.count_nonzero(x & y))
    spread = nx * (n - nx) * ny * (n - ny)
    if n < 3 or spread == 0:
        return None
    return (both * n - nx * ny) / math.sqrt(spread)


def _overlap_notes(
    results: list[RuleResult], members: dict[str, np.ndarray], known: dict[str, np.ndarray]
) -> list[RuleResult]:
    """Say next to both rules when their groups largely coincide (or exclude each other).

    Two groups of about half the posts each share about half by chance; what makes two
    results depend on each other is the correlation of the memberships (|phi| >= 0.5 here,
    among the rated posts both rules can tell about).
    """
    # Thin results too: that two groups are the same posts is worth knowing before more posts.
    open_ = [r for r in results if r.outcome != "not_applicable"]
    tied: dict[str, list[tuple[RuleResult, float]]] = {r.id: [] for r in results}
    for i, r in enumerate(open_):
        for o in open_[i + 1 :]:
            both = known[r.id] & known[o.id]
            phi = _phi(members[r.id][both], members[o.id][both])
            if phi is None:
                continue
            if abs(phi) >= OVERLAP_PHI:
                tied[r.id].append((o, phi))
                tied[o.id].append((r, phi))
    out = []
    for r in results:
        shared = dict(r.overlaps)
        same = [o.with_label for o, phi in tied[r.id] if phi > 0]
        # Groups that exclude each other: "none" where not one post is in both, else "few".
        disjoint = [o.with_label for o, phi in tied[r.id] if phi < 0 and not shared.get(o.id)]
        few = [o.with_label for o, phi in tied[r.id] if phi < 0 and shared.get(o.id)]
        notes = []
        if same:
            notes.append(
                _("Most of these posts are also {groups}.").format(groups=_(" and ").join(same))
            )
        if disjoint:
            notes.append(
                _("None of these posts is also {groups}.").format(groups=_(" or ").join(disjoint))
            )
        if few:
            notes.append(
                _("Few of these posts are also {groups}.").format(groups=_(" or ").join(few))
            )
        if notes:
            notes.append(_("These results are not independent."))
        out.append(replace(r, overlap_note=" ".join(notes)))
    return out


def power_words(r: RuleResult) -> str:
    """For a null result: how big a difference these posts could have shown."""
    if r.detectable is None:
        return ""
    return _(
        "With {n} and {other} posts, only a difference above {size} would likely have shown."
    ).format(n=r.n_with, other=r.n_without, size=points(r.detectable).lstrip("+±"))


def points(value: float) -> str:
    """A difference of two rates in percentage points, signed: "+0.42 pp"."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return _("{value} pp").format(value=sign + number(abs(value) * 100, 2))


def figure_name(statistic: str) -> str:
    """What a rule's two figures are, in words: "Median rate", "Share with any engagement"."""
    return _("Share with any engagement") if statistic == "share_engaged" else _("Median rate")


def results_table(results: list[RuleResult]) -> pd.DataFrame:
    """Present the results as a table for the page and the PDF.

    The figures' heading says what they are (median rate, or share of posts with any
    engagement where most posts have none); differences are in percentage points.
    """

    def pct(v: float | None) -> str:
        return "" if v is None else percent(v, 2)

    def interval(r: RuleResult) -> str:
        if r.low is None or r.high is None:
            return ""
        # A difference of two rates is in percentage points, not per cent of anything.
        return _("{low} to {high}").format(low=points(r.low), high=points(r.high))

    name = figure_name(results[0].statistic if results else "median_rate")
    # What a reader looks for first comes first: the verdict, the difference, the caveats.
    return pd.DataFrame(
        [
            {
                _("Rule"): r.rule,
                _("Verdict"): _(SHORT_VERDICTS[r.outcome]),
                _("Difference (percentage points), 90% interval"): interval(r),
                _("Why, and what to keep in mind"): " ".join(
                    filter(None, [r.verdict, power_words(r), r.overlap_note])
                ),
                _("Group"): r.with_label,
                _("Posts"): r.n_with,
                name: pct(r.figure_with),
                _("Other group"): r.without_label,
                _("Posts (other)"): r.n_without,
                _("{figure} (other)").format(figure=name): pct(r.figure_without),
            }
            for r in results
        ]
    )
