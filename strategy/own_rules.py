"""Rules of the user's own: which posts each picks, and the rule in words.

A rule is made of parts (`RuleCondition`) a post must all meet. Each part says, per post, yes,
no or "cannot tell" (NaN): a time-of-day part cannot tell for a post whose export gives dates
only, a post-type part for an export that names no post type. The tester compares the posts a
rule picks with the other posts it can tell about, the same way it tests the folk rules.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pydantic import ValidationError

from strategy.i18n import N_, _, number, weekday_names
from strategy.model import OwnRule, RuleCondition
from strategy.storage import validation_problems

# The parts a rule can be made of, as the form offers them (in this order).
KINDS = {
    "contains": N_("Words, hashtags or emoji in the text"),
    "post_type": N_("Post type (where the export names one)"),
    "has_media": N_("Has a picture or video (where the export names the post type)"),
    "has_link": N_("Has a link"),
    "weekday": N_("Weekday"),
    "hours": N_("Hours of the day (your chosen time zone)"),
    "shorter_than": N_("Text shorter than"),
    "longer_than": N_("Text longer than"),
    "near_another": N_("Posted within some hours of another post"),
}
MAX_OWN_RULES = 5

# A link in the text (the post's own permalink is not one).
LINK = r"https?://|www\."
# Post types that carry a picture or a video, in the words exports use (English and Swedish).
MEDIA = re.compile(
    r"photo|image|picture|video|reel|album|carousel|gif|live|story|short"
    r"|foto|bild|film|karusell",
    re.IGNORECASE,
)


def alternatives(words: str) -> list[str]:
    """The comma-separated alternatives of a part, trimmed, empty ones left out."""
    return [w.strip() for w in words.split(",") if w.strip()]


def _word_pattern(words: list[str]) -> str:
    # A word or hashtag stands alone ("#hr" is not "#hrtech", "job" not "jobs"); an emoji or
    # a phrase that starts or ends with a sign is matched where it is.
    parts = []
    for w in words:
        start = r"(?<!\w)" if re.match(r"[\w#@]", w) else ""
        end = r"(?!\w)" if re.search(r"\w$", w) else ""
        parts.append(start + re.escape(w) + end)
    return "|".join(parts)


def _timed(posts: pd.DataFrame) -> pd.Series:
    """Each post's time in the charts' zone (the clock time where the zone is unknown)."""
    return pd.Series(posts["local"] if "local" in posts else posts["date"])


def _hour(posts: pd.DataFrame) -> pd.Series:
    return pd.Series(posts["hour"] if "hour" in posts else _timed(posts).dt.hour.astype(float))


def _near_another(posts: pd.DataFrame, hours: int) -> pd.Series:
    """Whether another post of the account was posted within `hours` before or after."""
    when = _timed(posts)
    order = when.sort_values(kind="stable")
    gap_before = order.diff()
    gap_after = -order.diff(-1)
    nearest = pd.concat([gap_before, gap_after], axis=1).min(axis=1).reindex(posts.index)
    out = (nearest <= pd.Timedelta(hours=hours)).astype(float).where(when.notna())
    if hours < 24:
        # Dates without a time of day cannot tell hours apart.
        out = out.where(_hour(posts).notna())
    return out


def condition_mask(cond: RuleCondition, posts: pd.DataFrame) -> pd.Series:
    """Per post: 1.0 where the part picks it, 0.0 where it does not, NaN where it cannot tell.

    Args:
        cond: The part.
        posts: Post rows with `text` and `date` (and `local`, `hour`, `weekday` and
            `post_type` where known).

    Returns:
        A float series on the posts' index.
    """
    text = posts["text"].fillna("").astype(str)
    kind = cond.kind
    if kind == "contains":
        hit = text.str.contains(_word_pattern(alternatives(cond.words)), case=False, regex=True)
        out = hit.astype(float)
    elif kind in ("post_type", "has_media"):
        types = posts["post_type"] if "post_type" in posts else pd.Series(None, index=posts.index)
        known = types.notna() & (types.astype(str).str.strip() != "")
        if kind == "post_type":
            wanted = "|".join(re.escape(w) for w in alternatives(cond.words))
            hit = types.astype(str).str.contains(wanted, case=False, regex=True)
        else:
            hit = types.astype(str).str.contains(MEDIA)
        out = hit.astype(float).where(known)
    elif kind == "weekday":
        day = posts["weekday"] if "weekday" in posts else _timed(posts).dt.day_of_week
        out = day.isin(cond.weekdays).astype(float).where(day.notna())
    elif kind == "hours":
        hour = _hour(posts)
        start, end = cond.start_hour, cond.end_hour
        inside = (hour >= start) & (hour < end) if start < end else (hour >= start) | (hour < end)
        out = inside.astype(float).where(hour.notna())
    elif kind == "shorter_than":
        out = (text.str.len() < cond.number).astype(float)
    elif kind == "longer_than":
        out = (text.str.len() > cond.number).astype(float)
    elif kind == "has_link":
        out = text.str.contains(LINK, regex=True).astype(float)
    else:  # near_another
        out = _near_another(posts, cond.number)
    return pd.Series(1.0 - out if cond.negate else out, index=posts.index)


def rule_mask(rule: OwnRule, posts: pd.DataFrame) -> pd.Series:
    """Per post: 1.0 if it meets every part, 0.0 if it misses one, NaN if it cannot tell."""
    masks = np.vstack([condition_mask(c, posts).to_numpy(float) for c in rule.conditions])
    missed = (masks == 0).any(axis=0)
    unknown = np.isnan(masks).any(axis=0)
    out = np.where(missed, 0.0, np.where(unknown, np.nan, 1.0))
    return pd.Series(out, index=posts.index)


def why_untestable(rule: OwnRule) -> str:
    """What the export lacks when the rule cannot tell about any post."""
    kinds = {c.kind for c in rule.conditions}
    if kinds & {"post_type", "has_media"}:
        return _("This export names no post type, so this rule cannot be tested on it.")
    return _("This export has no times of day, so this rule cannot be tested.")


def describe(cond: RuleCondition) -> str:
    """A part in words, e.g. "containing “webinar” or “#event”"."""
    words = _(" or ").join(f"“{w}”" for w in alternatives(cond.words))
    n = number(cond.number)
    days = ", ".join(weekday_names()[d] for d in sorted(cond.weekdays))
    positive = {
        "contains": (_("containing {words}"), _("not containing {words}")),
        "post_type": (_("of type {words}"), _("not of type {words}")),
        "weekday": (_("published on {days}"), _("not published on {days}")),
        "hours": (_("published {start}:00–{end}:00"), _("not published {start}:00–{end}:00")),
        "shorter_than": (_("under {n} characters"), _("of {n} characters or more")),
        "longer_than": (_("over {n} characters"), _("of {n} characters or fewer")),
        "has_link": (_("with a link"), _("without a link")),
        "has_media": (_("with a picture or video"), _("without a picture or video")),
        "near_another": (
            _("within {n} hours of another post"),
            _("more than {n} hours from any other post"),
        ),
    }[cond.kind][1 if cond.negate else 0]
    return positive.format(
        words=words, days=days, start=f"{cond.start_hour:02d}", end=f"{cond.end_hour:02d}", n=n
    )


def group_label(rule: OwnRule) -> str:
    """The posts the rule picks, in words: "posts containing “webinar” and with a link"."""
    return _("posts {parts}").format(parts=_(" and ").join(describe(c) for c in rule.conditions))


def make_rule(name: str, parts: list[dict]) -> tuple[OwnRule | None, list[str]]:
    """Build a rule from the form's answers, or say what to fix, naming the part.

    Args:
        name: The rule in the user's words.
        parts: One dict of `RuleCondition` fields per part, in order.

    Returns:
        The rule and no problems, or None and one message per problem.
    """
    problems = []
    if not name.strip():
        problems.append(
            _("Name the rule: say it in your own words, e.g. “Webinar posts do better”.")
        )
    conditions = []
    for i, part in enumerate(parts, start=1):
        try:
            conditions.append(RuleCondition.model_validate(part))
        except ValidationError as exc:
            for problem in validation_problems(exc, limit=1):
                field = f" ({problem.path})" if problem.path else ""
                problems.append(
                    _("Part {n}{field}: {reason}").format(
                        n=i, field=field, reason=_strip_kind(problem.reason)
                    )
                )
    if not parts:
        problems.append(_("Give the rule at least one part."))
    if problems:
        return None, problems
    return OwnRule(name=name.strip(), conditions=conditions), []


def _strip_kind(reason: str) -> str:
    # pydantic prefixes a validator's own message with "Value error, ".
    return reason.removeprefix("Value error, ")


def rule_id(index: int) -> str:
    """The id scripts read for the user's rule at `index` (own_1, own_2, ...)."""
    return f"own_{index + 1}"
