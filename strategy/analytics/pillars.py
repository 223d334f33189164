"""Content pillars on the user's own posts: which posts each pillar holds, the mix, the rates.

A post is in a pillar when its text holds one of the pillar's words, hashtags or phrases, matched
exactly as an own rule's "contains" part matches (case-insensitive, whole words, hashtags as
hashtags): "contains" means the same on every page. A post can be in several pillars.

Two shares are kept apart, because they answer different questions:

- `tagged_share`: the share of the account's posts (with a text) that carry the pillar. A post
  in two pillars counts in both, so these can add up to more than 100 %.
- `share`: the pillar's part of the actual mix. A post in k pillars counts 1/k towards each, so
  the pillars' shares and the "no pillar" share add up to exactly 100 %, like a planned mix.

Posts without a text (some exports give none) can be in no pillar: they are counted apart
(`without_text`) and left out of both shares and of the rates' comparison.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.analytics.folk_rules import (
    MIN_POSTS,
    RuleResult,
    Split,
    compare_splits,
)
from strategy.analytics.own_rules import LINK_WORDS, alternatives, contains
from strategy.core.i18n import _
from strategy.core.model import ContentPillar

NO_PILLAR = "no_pillar"

# Candidate words: common words of English and Swedish say nothing about a theme.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did didn do does doesn doing don
    down during each few for from further get got had has have having he her here hers herself
    him himself his how i if in into is isn it its itself just let me more most my myself new
    no nor not now of off on once one only or other our ours ourselves out over own really
    same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up us very via was we were what when where which
    while who whom why will with would you your yours yourself yourselves amp rt today day
    time make like know see read full article check go going via www http https com
    och att det som en på är av för med till den har de inte om ett han men var jag sig
    från vi så kan man när år säga nu hon vid då ska eller efter under också mot
    bara alla där sina vara kommer skulle än blir hur mycket några andra många
    idag nya hela mer mest sedan nog dem deras dess denna detta dessa vår våra
    vårt vilka vilken vilket ingen inga inget något allt här hos utan över samt
    ni er ert era oss min mitt mina din ditt dina sin sitt hans hennes
    """.split()
)
MIN_WORD = 4  # shorter words are mostly particles, in either language
MENTION_OR_LINK = re.compile(r"(?i)(?:" + LINK_WORDS + r")\S*|@\w+")
TOKEN = re.compile(r"#?\w+")


@dataclass(frozen=True)
class PillarResult:
    """One row of the pillar table: a pillar (or "no pillar") on one account's posts.

    Attributes:
        id: "pillar_1" ... in the strategy's order, or "no_pillar".
        name: The pillar's name, or "No pillar" in the language in force.
        posts: Posts with a text that carry it (for "no pillar": that carry none).
        share: Its part of the actual mix (a post in k pillars counts 1/k), a fraction; the
            rows' shares add up to 1.
        tagged_share: The share of the posts with a text that carry it (overlaps count twice).
        planned_share: The planned share as a fraction (None for "no pillar").
        rated: Of its posts, those with a rate.
        rate: The median rate of those (None without any).
        result: The tester's comparison with the other posts with a text: the same floor,
            interval and Holm adjustment as the rules of thumb, the pillars as one family
            (None for "no pillar", and where the account has no rates).
    """

    id: str
    name: str
    posts: int
    share: float
    tagged_share: float
    planned_share: float | None
    rated: int
    rate: float | None
    result: RuleResult | None = None


def pillar_id(index: int) -> str:
    """The id scripts read for the pillar at `index` (pillar_1, pillar_2, ...)."""
    return f"pillar_{index + 1}"


def has_text(posts: pd.DataFrame) -> pd.Series:
    """Whether each post has a text to be tagged by (blank texts have none)."""
    if "text" not in posts:
        return pd.Series(False, index=posts.index)
    text = posts["text"]
    return pd.Series(text.notna() & (text.astype(str).str.strip() != ""), index=posts.index)


def tag(posts: pd.DataFrame, pillars: Sequence[ContentPillar]) -> pd.DataFrame:
    """Which pillars each post is in.

    Args:
        posts: Post rows with `text` (NaN where the export gives none).
        pillars: The strategy's pillars; one without words holds no post.

    Returns:
        One boolean column per pillar (`pillar_id(i)`) on the posts' index; False where a
        post has no text.
    """
    columns = {}
    text = posts["text"] if "text" in posts else pd.Series(None, index=posts.index, dtype=object)
    for i, pillar in enumerate(pillars):
        words = alternatives(pillar.words)
        if words:
            hit = contains(pd.Series(text), words).fillna(0).astype(bool)
        else:
            hit = pd.Series(False, index=posts.index)
        columns[pillar_id(i)] = hit
    return pd.DataFrame(columns, index=posts.index, dtype=bool)


def _median(values: np.ndarray) -> float | None:
    return float(np.median(values)) if len(values) else None


def pillar_mix(
    posts: pd.DataFrame,
    pillars: Sequence[ContentPillar],
    seed: int = 7,
    min_posts: int = MIN_POSTS,
) -> list[PillarResult]:
    """The actual mix against the planned one, and how each pillar's posts did.

    Args:
        posts: One account's posts (`AccountAnalysis.posts`): `text` and `rate`.
        pillars: The strategy's pillars.
        seed: Seed of the tester's bootstrap.
        min_posts: The tester's floor per group.

    Returns:
        One row per pillar in order, then the "no pillar" row; none without pillars or posts.
    """
    if not pillars or posts.empty:
        return []
    tags = tag(posts, pillars)
    texted = has_text(posts).to_numpy()
    total = int(texted.sum())
    held = tags.to_numpy(bool) & texted[:, None]
    count = held.sum(axis=1)
    # A post in k pillars gives each 1/k: the mix then adds up to 100 %, as a plan does.
    weight = np.where(count > 0, 1.0 / np.maximum(count, 1), 0.0)
    rate = posts["rate"].to_numpy(float) if "rate" in posts else np.full(len(posts), np.nan)
    rated = ~np.isnan(rate)
    results = _tested(posts, pillars, tags, texted, seed, min_posts) if rated.any() else {}
    rows = []
    for i, pillar in enumerate(pillars):
        inside = held[:, i]
        rows.append(
            PillarResult(
                pillar_id(i),
                pillar.name,
                int(inside.sum()),
                float(weight[inside].sum() / total) if total else 0.0,
                float(inside.sum() / total) if total else 0.0,
                pillar.share / 100,
                int((inside & rated).sum()),
                _median(rate[inside & rated]),
                results.get(pillar_id(i)),
            )
        )
    none = texted & (count == 0)
    share = float(none.sum() / total) if total else 0.0
    rows.append(
        PillarResult(
            NO_PILLAR,
            _("No pillar"),
            int(none.sum()),
            share,
            share,
            None,
            int((none & rated).sum()),
            _median(rate[none & rated]),
        )
    )
    return rows


def _tested(
    posts: pd.DataFrame,
    pillars: Sequence[ContentPillar],
    tags: pd.DataFrame,
    texted: np.ndarray,
    seed: int,
    min_posts: int,
) -> dict[str, RuleResult]:
    """Each pillar's posts against the other posts with a text, through the rules' tester."""
    splits = [
        Split(
            pillar_id(i),
            pillar.name,
            _("posts in “{pillar}”").format(pillar=pillar.name),
            _("other posts"),
            # NaN: a post without a text is in neither group.
            tags[pillar_id(i)].astype(float).where(texted),
            _("This export has no post texts, so the pillars cannot be compared on it."),
        )
        for i, pillar in enumerate(pillars)
    ]
    return {r.id: r for r in compare_splits(posts, splits, seed, min_posts)}


def mix_total(pillars: Sequence[ContentPillar]) -> int:
    """The planned shares added up, in per cent."""
    return sum(p.share for p in pillars)


@dataclass(frozen=True)
class Candidate:
    """A frequent word or hashtag among the posts no pillar holds.

    Attributes:
        word: The word or hashtag, in lower case.
        posts: How many of those posts hold it.
    """

    word: str
    posts: int


def candidates(
    posts: pd.DataFrame, pillars: Sequence[ContentPillar], n: int = 10
) -> list[Candidate]:
    """Words and hashtags that recur in the posts no pillar holds: themes to name as pillars.

    Stop words of English and Swedish, numbers, links, @mentions, words under four letters
    and the pillars' own words are left out. A word counts once per post, so one long post
    cannot make a theme.

    Args:
        posts: One account's posts with `text`.
        pillars: The strategy's pillars (none: every post is untagged).
        n: How many to return, the most frequent first.

    Returns:
        Up to `n` candidates held by at least two posts, ties in alphabetical order.
    """
    if posts.empty or "text" not in posts:
        return []
    texted = has_text(posts)
    untagged = texted & ~tag(posts, pillars).any(axis=1) if pillars else texted
    own = {w.lower() for p in pillars for w in alternatives(p.words)}
    counts: Counter[str] = Counter()
    for text in posts.loc[untagged, "text"].astype(str):
        words = set()
        for token in TOKEN.findall(MENTION_OR_LINK.sub(" ", text).lower()):
            bare = token.lstrip("#")
            if len(bare) < MIN_WORD or bare.isdigit() or bare in STOP_WORDS or token in own:
                continue
            words.add(token)
        counts.update(words)
    ranked = sorted((c for c in counts.items() if c[1] >= 2), key=lambda c: (-c[1], c[0]))
    return [Candidate(word, k) for word, k in ranked[:n]]
