"""Rules of the user's own: which posts each picks, and the rule in words.

A rule is made of parts (`RuleCondition`) a post must all meet. Each part says, per post, yes,
no or "cannot tell" (NaN): a time-of-day part cannot tell for a post whose export gives dates
only, a post-type part for an export that names no post type. The tester compares the posts a
rule picks with the other posts it can tell about, the same way it tests the folk rules.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import ValidationError

from strategy.core.i18n import N_, _, number, quote, weekday_names
from strategy.core.model import OwnRule, RuleCondition, is_blank
from strategy.core.storage import validation_problems
from strategy.core.textclean import clean

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

# A link in the text (the post's own permalink is not one), in any case ("HTTPS://", "WWW.").
LINK_WORDS = r"https?://|www\."
LINK = "(?i)" + LINK_WORDS
# RE2 (pyarrow's regex engine): a letter, digit or underscore, and "not one of them".
WORD, NOT_WORD = r"[\pL\pN_]", r"[^\pL\pN_]"
# Post types that carry a picture or a video, as whole words in the words exports use
# (English and Swedish, with their plurals): "Photos", "Reels", "Bilder"; not "Shortlink".
MEDIA_WORDS = (
    "photo",
    "image",
    "picture",
    "video",
    "reel",
    "album",
    "carousel",
    "gif",
    "live",
    "story",
    "stories",
    "short",
    "foto",
    "bild",
    "film",
    "karusell",
)


def alternatives(words: str) -> list[str]:
    """The comma-separated alternatives of a part, trimmed, empty ones left out."""
    return [w.strip() for w in words.split(",") if w.strip()]


def _literal(word: str) -> str:
    # RE2 takes a backslash before any ASCII punctuation as that character itself.
    return "".join(
        "\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c
        for c in unicodedata.normalize("NFC", word)
    )


def _word_pattern(words: list[str], suffix: str = "") -> str:
    """One case-insensitive RE2 pattern for any of `words`, each standing alone.

    A word or hashtag stands alone ("#hr" is not "#hrtech", "job" not "jobs"); an emoji or a
    phrase that starts or ends with a sign is matched where it is. Words with the same edges
    share one group: one alternation inside the boundary classes keeps RE2 on its fast path
    (a boundary per word made ten one-letter words take 45 s on a million posts, not 1 s).
    """
    groups: dict[tuple[bool, bool], list[str]] = {}
    for w in words:
        edges = (bool(re.match(r"[\w#@]", w)), bool(re.search(r"\w$", w)))
        groups.setdefault(edges, []).append(_literal(w) + suffix)
    parts = []
    for (start, end), alts in groups.items():
        parts.append(
            (f"(?:^|{NOT_WORD})" if start else "")
            + "(?:"
            + "|".join(alts)
            + ")"
            + (f"(?:{NOT_WORD}|$)" if end else "")
        )
    return "(?i)(?:" + "|".join(parts) + ")"


def _matches(text: pd.Series, pattern: str) -> pd.Series:
    """Whether each text matches an RE2 pattern (NFC first): 1.0, 0.0, NaN where missing."""
    arr = pa.array(text, pa.string(), from_pandas=True)  # NaN and None become nulls
    hit = pc.match_substring_regex(pc.utf8_normalize(arr, "NFC"), pattern)  # pyright: ignore
    return pd.Series(hit.to_numpy(zero_copy_only=False), index=text.index, dtype=float)


def contains(text: pd.Series, words: list[str]) -> pd.Series:
    """Whether each text holds any of `words` as a "contains" part means it (see `_word_pattern`).

    Returns:
        1.0, 0.0, or NaN where a text is missing, on the texts' index.
    """
    return _matches(text, _word_pattern(words))


def _column(posts: pd.DataFrame, name: str) -> pd.Series:
    """A column of the posts, or an all-missing one where the export has none."""
    if name in posts:
        return cast(pd.Series, posts[name])  # a column name gives a Series, never a frame
    return pd.Series(None, index=posts.index, dtype=object)


def _timed(posts: pd.DataFrame) -> pd.Series:
    """Each post's time in the charts' zone (the clock time where the zone is unknown)."""
    return pd.Series(posts["local"] if "local" in posts else posts["date"])


def _hour(posts: pd.DataFrame) -> pd.Series:
    return pd.Series(posts["hour"] if "hour" in posts else _timed(posts).dt.hour.astype(float))


def _near_another(posts: pd.DataFrame, hours: int) -> pd.Series:
    """Whether another post of the account was posted within `hours` before or after.

    Below a day, only posts with a time of day count, as posts and as neighbours (a date
    alone is no time). Worked by position, so any index (repeated, unsorted) gives the same.
    """
    when = pd.to_datetime(_timed(posts)).to_numpy("datetime64[ns]")
    usable = ~np.isnat(when)
    if hours < 24:
        usable &= _hour(posts).notna().to_numpy()
    out = np.full(len(posts), np.nan)
    idx = np.flatnonzero(usable)
    if len(idx):
        order = idx[np.argsort(when[idx], kind="stable")]
        t = when[order].astype("int64")
        gaps = np.diff(t)
        nearest = np.minimum(
            np.r_[np.iinfo(np.int64).max, gaps], np.r_[gaps, np.iinfo(np.int64).max]
        )
        out[order] = (nearest <= hours * 3_600 * 10**9).astype(float)
    return pd.Series(out, index=posts.index)


def condition_mask(cond: RuleCondition, posts: pd.DataFrame) -> pd.Series:
    """Per post: 1.0 where the part picks it, 0.0 where it does not, NaN where it cannot tell.

    Args:
        cond: The part.
        posts: Post rows with `text` and `date` (and `local`, `hour`, `weekday` and
            `post_type` where known). A post without text cannot tell a text part.

    Returns:
        A float series on the posts' index.
    """
    text = _column(posts, "text")
    has_text = text.notna()
    kind = cond.kind
    if kind == "contains":
        out = contains(text, alternatives(cond.words))
    elif kind in ("post_type", "has_media"):
        types = _column(posts, "post_type")
        types = types.where(types.notna() & (types.astype(str).str.strip() != ""))
        words: list[str] = alternatives(cond.words) if kind == "post_type" else list(MEDIA_WORDS)
        # "Photos", "Reels", "Bilder": a type word may carry its plural.
        out = _matches(types, _word_pattern(words, suffix="(?:s|es|er|ar|n)?"))
    elif kind == "weekday":
        day = posts["weekday"] if "weekday" in posts else _timed(posts).dt.day_of_week
        out = day.isin(cond.weekdays).astype(float).where(day.notna())
    elif kind == "hours":
        hour = _hour(posts)
        start, end = cond.start_hour, cond.end_hour
        inside = (hour >= start) & (hour < end) if start < end else (hour >= start) | (hour < end)
        out = inside.astype(float).where(hour.notna())
    elif kind in ("shorter_than", "longer_than"):
        length = text.astype(str).str.len()
        out = length < cond.number if kind == "shorter_than" else length > cond.number
        out = out.astype(float).where(has_text)
    elif kind == "has_link":
        out = _matches(text, LINK)
    else:  # near_another
        out = _near_another(posts, cond.number)
    return pd.Series(1.0 - out if cond.negate else out, index=posts.index)


def _unknown_part(rule: OwnRule, masks: np.ndarray) -> RuleCondition | None:
    """The first part that can tell about no post at all (the export lacks what it needs)."""
    for cond, mask in zip(rule.conditions, masks, strict=True):
        if len(mask) and np.isnan(mask).all():
            return cond
    return None


def split(rule: OwnRule, posts: pd.DataFrame) -> tuple[pd.Series, str]:
    """Which posts the rule picks, and what the export lacks if it can tell about none.

    Per post: 1.0 if it meets every part, 0.0 if it misses one, NaN if it cannot tell. A part
    that can tell about no post makes the whole rule untestable (all NaN): the other parts
    alone would test another rule, and more posts of this export would never help. Each part
    is matched once for both answers.

    Returns:
        The mask on the posts' index, and the reason in words when it is all NaN ("" else).
    """
    masks = np.vstack([condition_mask(c, posts).to_numpy(float) for c in rule.conditions])
    part = _unknown_part(rule, masks)
    if part is not None:
        return pd.Series(np.nan, index=posts.index), why_untestable(part)
    missed = (masks == 0).any(axis=0)
    unknown = np.isnan(masks).any(axis=0)
    out = np.where(missed, 0.0, np.where(unknown, np.nan, 1.0))
    why = ""
    if len(out) and np.isnan(out).all():
        # Each post lacks one part or another: name the first part that lacks any.
        why = why_untestable(
            next(c for c, m in zip(rule.conditions, masks, strict=True) if np.isnan(m).any())
        )
    return pd.Series(out, index=posts.index), why


def rule_mask(rule: OwnRule, posts: pd.DataFrame) -> pd.Series:
    """Per post: 1.0 if it meets every part, 0.0 if it misses one, NaN if it cannot tell."""
    return split(rule, posts)[0]


def why_untestable(part: RuleCondition) -> str:
    """What the export lacks when this part can tell about no post."""
    if part.kind in ("post_type", "has_media"):
        return _("This export names no post type, so this rule cannot be tested on it.")
    if part.kind in ("contains", "shorter_than", "longer_than", "has_link"):
        return _("This export has no post texts, so this rule cannot be tested on it.")
    return _("This export has no times of day, so this rule cannot be tested.")


def describe(cond: RuleCondition) -> str:
    """A part in words, e.g. "containing “webinar” or “#event”"."""
    words = _(" or ").join(quote(w) for w in alternatives(cond.words))
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
    if is_blank(clean(name)):
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
    try:
        return OwnRule(name=name, conditions=conditions), []
    except ValidationError as exc:  # a name past the limit, too many parts, only blanks
        return None, [str(p) for p in validation_problems(exc, limit=3)]


def _strip_kind(reason: str) -> str:
    # pydantic prefixes a validator's own message with "Value error, ".
    return reason.removeprefix("Value error, ")


def rule_id(index: int) -> str:
    """The id scripts read for the user's rule at `index` (own_1, own_2, ...)."""
    return f"own_{index + 1}"
