"""Published engagement rates with their sources: the content file a trainer may replace.

Which of them may sit beside an account's rate is the analytics' business
(`strategy.analytics.benchmarks`); this module reads and validates `benchmarks.toml`.
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from strategy.core.i18n import N_, _, language, number, percent
from strategy.core.labels import PER_NAMES

BENCHMARKS_FILE = Path(__file__).parent.parent / "content" / "benchmarks.toml"
CONTENT_ENV = "SOCIAL_WHY_CONTENT"
STATISTIC_WORDS = {
    "median": N_("median"),
    "mean": N_("mean"),
    "not stated": N_("statistic not stated"),
}


def per_words(denominator: str) -> str:
    """A denominator in the analysis's own words: "per follower", "per impression"…."""
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
            per=per_words(self.denominator),
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
