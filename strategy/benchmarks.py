"""Published engagement rates with their sources, and which of them may sit beside a rate.

A published figure is only comparable with a rate of the same platform, measure, denominator
and grain (a rate per impression is tens of times a rate per follower), and only for an
account of a size the source sampled. Everything here says which figure, from where, over
whom, and why none is shown when none is.
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from strategy.i18n import N_, _, language, number, percent

BENCHMARKS_FILE = Path(__file__).parent / "content" / "benchmarks.toml"
CONTENT_ENV = "SOCIAL_WHY_CONTENT"
STATISTIC_WORDS = {
    "median": N_("median"),
    "mean": N_("mean"),
    "not stated": N_("statistic not stated"),
}


def _per(denominator: str) -> str:
    """A denominator in the analysis's own words: "per follower", "per impression"…."""
    # Imported here: strategy.analysis imports this module as it starts.
    from strategy.analysis.measures import PER_NAMES

    return _(PER_NAMES[denominator])


class Worded(BaseModel):
    """A text in English and, where given, Swedish."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str = Field(min_length=1)
    sv: str = ""

    def __str__(self) -> str:
        return (self.sv if language() == "sv" else "") or self.en


class Benchmark(BaseModel):
    """One published figure (see benchmarks.toml for the fields)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    platform: Literal["x", "facebook", "instagram", "linkedin", "tiktok", "youtube"]
    measure: Literal["interactions", "engagements"]
    denominator: Literal["followers", "impressions", "reach", "views"]
    grain: Literal["post", "day"]
    statistic: Literal["median", "mean", "not stated"]
    value: float = Field(gt=0, lt=1)
    min_followers: int | None = Field(default=None, ge=0)
    max_followers: int | None = Field(default=None, ge=1)
    source: str = Field(min_length=1)
    title: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    url: str = Field(pattern=r"^https://")
    via: str = ""
    sample: Worded
    brands_only: bool = False

    @model_validator(mode="after")
    def _range(self) -> Benchmark:
        if self.min_followers is not None and self.max_followers is not None:
            if self.min_followers >= self.max_followers:
                raise ValueError("min_followers must be below max_followers")
        return self

    def fits(self, followers: float | None) -> bool:
        """Whether an account of `followers` is in the range the figure is for (unknown: yes)."""
        if followers is None:
            return True
        low = self.min_followers or 0
        return low <= followers and (self.max_followers is None or followers < self.max_followers)

    def span(self) -> str:
        """The follower range in words: "1,000–5,000 followers", "5,000+ followers" or ""."""
        low, high = self.min_followers, self.max_followers
        if low is None and high is None:
            return ""
        if high is None:
            return _("{low}+ followers").format(low=number(low or 0))
        return _("{low}–{high} followers").format(low=number(low or 0), high=number(high))

    def cite(self) -> str:
        """Source and year, with where it was read if not in the source: "Rival IQ 2024"."""
        cited = f"{self.source} {self.year}"
        if not self.via:
            return cited
        return _("{cited}, as quoted by {via}").format(cited=cited, via=self.via)

    def words(self) -> str:
        """The figure in full: value, statistic, denominator, range, sample, source."""
        span = self.span()
        return _("{value} {per} per post, {statistic}{span} ({sample}; {cite})").format(
            value=percent(self.value, 2),
            per=_per(self.denominator),
            statistic=_(STATISTIC_WORDS[self.statistic]),
            span=f", {span}" if span else "",
            sample=self.sample,
            cite=self.cite(),
        )


class BenchmarksFile(BaseModel):
    """benchmarks.toml: every published figure."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    benchmark: list[Benchmark] = Field(min_length=1)


def benchmarks_path() -> Path:
    """The trainer's benchmarks.toml (in the SOCIAL_WHY_CONTENT folder) or the built-in one."""
    root = os.environ.get(CONTENT_ENV)
    if root and (Path(root) / "benchmarks.toml").is_file():
        return Path(root) / "benchmarks.toml"
    return BENCHMARKS_FILE


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> BenchmarksFile:
    with path.open("rb") as fh:
        return BenchmarksFile.model_validate(tomllib.load(fh))


def check() -> str | None:
    """Read and validate the benchmarks file; the problem with file and field, or None."""
    path = benchmarks_path()
    try:
        _load(path)
    except tomllib.TOMLDecodeError as exc:
        return f"Content file {path} is not valid TOML: {exc}"
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"Content file {path}: field {where}: {first['msg']}"
    return None


def all_benchmarks() -> list[Benchmark]:
    """Every published figure (content, no user data: read once per file)."""
    return list(_load(benchmarks_path()).benchmark)


def matching(platform: str, measure: str, denominator: str | None, grain: str) -> list[Benchmark]:
    """The figures comparable with a rate: same platform, measure, denominator and grain."""
    wanted = (platform, measure, denominator, grain)
    return [
        b for b in all_benchmarks() if (b.platform, b.measure, b.denominator, b.grain) == wanted
    ]


def for_account(
    platform: str,
    measure: str,
    denominator: str | None,
    grain: str,
    followers: float | None,
    network: str,
) -> tuple[list[Benchmark], str]:
    """The comparable figures for an account of this size, and what to say about them.

    Args:
        platform: The account's network id.
        measure: "interactions" or "engagements".
        denominator: What its rates are per (None: it has no rate).
        grain: "post" or "day".
        followers: Its latest follower count (None: unknown, every size fits).
        network: The network's name in words, for the note.

    Returns:
        The figures of the same platform, measure, denominator and grain whose follower range
        holds the account, and a note: that a source sampled only bigger brands, why none is
        shown, or "" when there is nothing to add.
    """
    same = matching(platform, measure, denominator, grain)
    fitting = [b for b in same if b.fits(followers)]
    note = small_account_words(same, followers)
    if not note and not fitting:
        if same:
            spans = ", ".join(b.span() for b in same if b.span())
            note = _(
                "The published figures for this rate are for accounts of another size "
                "({spans}), so none is shown."
            ).format(spans=spans)
        else:
            note = none_words(network, measure, denominator, grain)
    return fitting, note


def none_words(network: str, measure: str, denominator: str | None, grain: str) -> str:
    """Why no published figure is shown beside a rate of `network` (its name in words)."""
    if measure != "interactions":
        return _(
            "No published figure counts the network's own engagements the way it does, so "
            "none is shown; choose the measure Interactions to compare."
        )
    if grain != "post":
        return _(
            "Published figures are per post; this account's rates are per day, so none is shown."
        )
    if denominator is None:
        return _("This account has no rate, so no published figure is shown.")
    return _(
        "The benchmark file has no published figure for {platform} {per} per post, so "
        "none is shown."
    ).format(platform=network, per=_per(denominator))


def small_account_words(benchmarks: list[Benchmark], followers: float | None) -> str:
    """Warn an account smaller than a brands-only sample that the figure is not about it."""
    if followers is None:
        return ""
    bigger = [
        b for b in benchmarks if b.brands_only and b.min_followers and followers < b.min_followers
    ]
    if not bigger:
        return ""
    b = bigger[0]
    return _(
        "{source} samples only brands with {low} followers or more; with {followers}, "
        "rates per follower usually run higher, so this figure is no target for you."
    ).format(source=b.cite(), low=number(b.min_followers or 0), followers=number(followers))
