"""Test the popular rules of thumb against the user's own posts, without claiming too much."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from strategy.i18n import _, ngettext, number, percent

MIN_POSTS = 10
ALPHA = 0.10  # the family's error rate, the same 10 % the 90 % intervals leave
PERMUTATIONS = 1000
RESAMPLES = 2000
MAX_BOOTSTRAP = 4000
RESAMPLES_SUBSAMPLED = 1000
# English and Swedish: a post's language follows its author, not the interface.
JOB_WORDS = re.compile(r"\b(?:hiring|job|jobs|apply|vacanc\w*|career|recruit\w*|join our team"
                       r"|jobb\w*|ansök\w*|rekryt\w*|karriär\w*|lediga? tjänst\w*|vi söker)\b",
                       re.IGNORECASE)  # fmt: skip
# A hashtag is "#" and letters or digits, not glued to a word before it (so "C#" is not one).
# RE2 syntax (pyarrow): no look-behind, so the character before is matched instead, and each
# post gets a leading space (pyarrow's count restarts the search, so "^" would match again).
HASHTAG = r"[^\pL\pN_]#[\pL\pN_]+"


@dataclass(frozen=True)
class RuleResult:
    """The comparison of two groups of posts for one rule.

    Attributes:
        id: The rule's id for code and scripts (short_posts, many_hashtags, ...).
        rule: The rule in words.
        with_label: The group the rule is about, e.g. "under 100 characters".
        without_label: The other group.
        n_with: Posts in the first group.
        n_without: Posts in the second group.
        median_with: Median engagement rate of the first group (None if empty).
        median_without: Median engagement rate of the second group.
        low: Lower end of the 90% bootstrap interval of the difference (with - without).
        high: Upper end.
        verdict: What the data says, in words that do not claim more than it shows.
        outcome: The verdict as a word for code: "first", "second" (the group that did
            better), "unclear", "thin" (too few posts), "flat" (most posts have no engagement,
            so the medians cannot differ) or "not_applicable" (the export lacks what the rule
            needs, such as a time of day).
        overlaps: Other rules whose group shares posts with this one's: (rule id, posts).
        p_value: The permutation test's p-value for a difference of medians (None if untested).
        adjusted: That p-value adjusted for every rule tested on the account (Holm): a
            verdict needs it under `ALPHA`, so all the rules together err at most that often.
        tested: How many rules were tested together on the account (the family).
    """

    id: str
    rule: str
    with_label: str
    without_label: str
    n_with: int
    n_without: int
    median_with: float | None
    median_without: float | None
    low: float | None
    high: float | None
    verdict: str
    outcome: str
    overlaps: tuple[tuple[str, int], ...] = ()
    p_value: float | None = None
    adjusted: float | None = None
    tested: int = 0

    @property
    def difference(self) -> float | None:
        """The difference of the medians (the group's minus the other's), as a fraction."""
        if self.median_with is None or self.median_without is None or self.low is None:
            return None
        return self.median_with - self.median_without

    @property
    def code(self) -> str:
        """The verdict as scripts read it: better, worse, no_clear_difference, too_few_posts..."""
        return OUTCOME_CODES[self.outcome]


OUTCOME_CODES = {"first": "better", "second": "worse", "unclear": "no_clear_difference",
                 "thin": "too_few_posts", "not_applicable": "not_applicable",
                 "flat": "too_little_engagement"}  # fmt: skip


def hashtags(text: pd.Series) -> pd.Series:
    """Count the hashtags in each post (pyarrow's regex kernel: 4x pandas' on a million posts)."""
    spaced = pc.binary_join_element_wise(" ", pa.array(text, pa.string()), "")
    counts = pc.count_substring_regex(spaced, HASHTAG)
    return pd.Series(counts.to_numpy(zero_copy_only=False), index=text.index)


def _groups(posts: pd.DataFrame) -> list[tuple[str, str, str, str, pd.Series]]:
    text = posts["text"].fillna("").astype(str)
    # The hour in the zone the charts use (see analysis.timing); NaN where there is no time.
    hour = posts["hour"] if "hour" in posts else posts["date"].dt.hour.astype(float)
    day = posts["local"] if "local" in posts else posts["date"]
    per_day = posts.groupby(day.dt.floor("D"))["text"].transform("size")
    return [
        ("short_posts", _("Keep posts under 100 characters"), _("posts under 100 characters"),
         _("posts of 100 characters or more"), text.str.len() < 100),
        ("many_hashtags", _("More than two hashtags hurts engagement"),
         _("posts with more than two hashtags"), _("posts with two or fewer"),
         hashtags(text) > 2),
        ("has_link", _("Links in the post hurt reach"), _("posts with a link"),
         _("posts without a link"), text.str.contains(r"https?://|www\.", regex=True)),
        ("several_a_day", _("Post several times a day"), _("posts on days with 2+ posts"),
         _("posts on days with one post"), per_day >= 2),
        ("morning", _("Post in the morning"), _("posts before noon"), _("posts from noon on"),
         (hour < 12).where(hour.notna())),
        ("job_posts", _("Don't flood the account with job posts"), _("job posts"),
         _("other posts"), text.str.contains(JOB_WORDS)),
    ]  # fmt: skip


def _interval(a: np.ndarray, b: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    # Memory grows with resamples × posts: past a few thousand posts a seeded subsample gives
    # the same interval to the precision anyone reads.
    # Subsampled groups are large, so their interval is already stable with fewer resamples.
    resamples = RESAMPLES_SUBSAMPLED if max(len(a), len(b)) > MAX_BOOTSTRAP else RESAMPLES
    a = rng.choice(a, MAX_BOOTSTRAP, replace=False) if len(a) > MAX_BOOTSTRAP else a
    b = rng.choice(b, MAX_BOOTSTRAP, replace=False) if len(b) > MAX_BOOTSTRAP else b
    ia = rng.integers(0, len(a), (resamples, len(a)))
    ib = rng.integers(0, len(b), (resamples, len(b)))
    diffs = np.median(a[ia], axis=1) - np.median(b[ib], axis=1)
    return float(np.quantile(diffs, 0.05)), float(np.quantile(diffs, 0.95))


def _p_value(a: np.ndarray, b: np.ndarray, rng: np.random.Generator) -> float:
    """Two-sided permutation p-value of the difference of medians (subsampled past 4,000)."""
    a = rng.choice(a, MAX_BOOTSTRAP, replace=False) if len(a) > MAX_BOOTSTRAP else a
    b = rng.choice(b, MAX_BOOTSTRAP, replace=False) if len(b) > MAX_BOOTSTRAP else b
    pooled = np.concatenate([a, b])
    observed = abs(np.median(a) - np.median(b))
    extreme = 0
    for _chunk in range(PERMUTATIONS // 200):  # 200 shuffles at a time bounds the memory
        order = rng.permuted(np.tile(np.arange(len(pooled)), (200, 1)), axis=1)
        shuffled = pooled[order]
        diffs = np.median(shuffled[:, : len(a)], axis=1) - np.median(shuffled[:, len(a) :], axis=1)
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


def test_rules(posts: pd.DataFrame, seed: int = 7, min_posts: int = MIN_POSTS) -> list[RuleResult]:
    """Compare the median engagement rate of posts that follow each rule with those that don't.

    Args:
        posts: Post rows with `text`, `date` and `rate` (NaN where a post has no rate), and
            optionally `hour` and `local` (the time in the charts' zone, see analysis.timing).
            A post counts towards "several a day" whether or not it has a rate.
        seed: Seed of the bootstrap, so the same data gives the same answer.
        min_posts: Fewer posts than this in either group gives "not enough posts to say".

    Returns:
        One result per rule.
    """
    rng = np.random.default_rng(seed)
    results = []
    p_values: dict[str, float] = {}
    rated = posts["rate"].notna().to_numpy()
    groups = _groups(posts)
    members = {
        rid: (mask.fillna(False).astype(bool).to_numpy() & rated) for rid, *_r, mask in groups
    }
    for rid, rule, yes, no, mask in groups:
        known = mask.notna().to_numpy() & rated
        inside = members[rid]
        a = posts.loc[inside, "rate"].to_numpy(float)
        b = posts.loc[known & ~inside, "rate"].to_numpy(float)
        med_a = float(np.median(a)) if len(a) else None
        med_b = float(np.median(b)) if len(b) else None
        low = high = None
        overlaps = tuple((other, int((inside & m).sum())) for other, m in members.items()
                         if other != rid and (inside & m).any())  # fmt: skip
        better = _("{group} did better here (a hint from your data, not proof).")
        if not known.any() and rated.any():
            outcome = "not_applicable"
            verdict = _("This export has no times of day, so this rule cannot be tested.")
        elif len(a) < min_posts or len(b) < min_posts:
            outcome = "thin"
            verdict = _("Not enough posts to say ({n} {group}, {n_other} {other}; at least {most} "
                        "of each are needed).").format(n=len(a), group=yes, n_other=len(b),
                                                       other=no, most=min_posts)  # fmt: skip
        else:
            low, high = _interval(a, b, rng)
            if med_a == med_b == 0 and low == high == 0:
                # Most posts have no engagement: every median is 0 and so is every resampled
                # difference. A 0-to-0 interval is no evidence of "no difference": no test.
                low = high = None
                outcome = "flat"
                verdict = _("Too little engagement to compare: most posts in both groups have "
                            "none, so both medians are 0.")  # fmt: skip
            else:
                # Only a rule whose interval excludes 0 can get a verdict, so only it pays for
                # the permutations; the others count in the family as p = 1, which can only
                # make Holm's adjustment stricter for the rest.
                p_values[rid] = _p_value(a, b, rng) if low > 0 or high < 0 else 1.0
                if low > 0:
                    outcome, verdict = "first", better.format(group=yes.capitalize())
                elif high < 0:
                    outcome, verdict = "second", better.format(group=no.capitalize())
                else:
                    outcome, verdict = "unclear", _("No clear difference for your audience.")
        results.append(RuleResult(rid, rule, yes, no, len(a), len(b), med_a, med_b, low, high,
                                  verdict, outcome, overlaps))  # fmt: skip
    return _family(results, p_values)


def _family(results: list[RuleResult], p_values: dict[str, float]) -> list[RuleResult]:
    """Keep a rule's verdict only if it holds once every rule tested is counted (Holm)."""
    adjusted = _holm(p_values)
    out = []
    for r in results:
        if r.id not in p_values:
            out.append(replace(r, tested=len(p_values)))
            continue
        change = {"p_value": p_values[r.id], "adjusted": adjusted[r.id], "tested": len(p_values)}
        if r.outcome in ("first", "second") and adjusted[r.id] >= ALPHA:
            # Alone it would pass; among this many rules, one this strong turns up by chance.
            change |= {"outcome": "unclear", "verdict": ngettext(
                "No clear difference once all {n} rule tested here is counted together.",
                "No clear difference once all {n} rules tested here are counted together.",
                len(p_values)).format(n=len(p_values))}  # fmt: skip
        out.append(replace(r, **change))
    return out


def points(value: float) -> str:
    """A difference of two rates in percentage points, signed: "+0.42 pp"."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return _("{value} pp").format(value=sign + number(abs(value) * 100, 2))


def results_table(results: list[RuleResult]) -> pd.DataFrame:
    """Present the results as a table for the page and the PDF."""

    def pct(v: float | None) -> str:
        return "" if v is None else percent(v, 2)

    def interval(r: RuleResult) -> str:
        if r.low is None:
            return ""
        # A difference of two rates is in percentage points, not per cent of anything.
        low, high = points(r.low), points(r.high)
        return _("{low} to {high}").format(low=low, high=high)

    return pd.DataFrame([{
        _("Rule"): r.rule, _("Group"): r.with_label, _("Posts"): r.n_with,
        _("Median rate"): pct(r.median_with), _("Other group"): r.without_label,
        _("Posts (other)"): r.n_without, _("Median rate (other)"): pct(r.median_without),
        _("Difference (percentage points), 90% interval"): interval(r), _("Verdict"): r.verdict,
    } for r in results])  # fmt: skip
