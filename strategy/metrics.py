"""The reference bands for engagement per follower, and the cap on rows a chart carries."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from strategy.i18n import language

MAX_CHART_ROWS = 5000
BANDS_FILE = Path(__file__).parent / "content" / "benchmarks.toml"


class Band(BaseModel):
    """A typical engagement range for accounts of one size."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    min_followers: int
    max_followers: int
    low: float
    high: float


class BandsText(BaseModel):
    """The bands' wording in another language: the source, and one label per band in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    labels: list[str]


class BandsFile(BaseModel):
    """benchmarks.toml: the bands, where they come from, and their wording in other languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    band: list[Band]
    translation: dict[str, BandsText] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_label_per_band(self) -> BandsFile:
        for lang, text in self.translation.items():
            if len(text.labels) != len(self.band):
                raise ValueError(f"translation.{lang}: give one label per band ({len(self.band)})")
        return self

    def worded(self, lang: str) -> BandsFile:
        """Return the bands with their source and labels in `lang` (English when missing)."""
        text = self.translation.get(lang)
        if text is None:
            return self
        band = [
            b.model_copy(update={"label": label})
            for b, label in zip(self.band, text.labels, strict=True)
        ]
        return self.model_copy(update={"source": text.source, "band": band})


@functools.cache
def _bands_file() -> BandsFile:
    with BANDS_FILE.open("rb") as fh:
        return BandsFile.model_validate(tomllib.load(fh))


def bands() -> BandsFile:
    """Return the reference bands, worded in the language in force (no user data, read once)."""
    return _bands_file().worded(language())


def sample_for_chart(df: pd.DataFrame, limit: int = MAX_CHART_ROWS, seed: int = 0) -> pd.DataFrame:
    """Keep at most `limit` rows (a seeded random sample) so a chart spec stays small."""
    if len(df) <= limit:
        return df
    return df.sample(n=limit, random_state=seed).sort_index()
