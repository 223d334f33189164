"""The known export formats (a data file) and how a header row is matched to one."""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMATS_FILE = Path(__file__).with_name("formats.toml")
FIELDS = (
    "post_id",
    "date",
    "text",
    "link",
    "post_type",
    "account",
    "value",
    "impressions",
    "reach",
    "views",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "profile_visits",
    "watch_hours",
    "followers",
    "followers_gained",
)


class Format(BaseModel):
    """One platform export, recognised by its column names."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    label: str
    platform: str
    grain: Literal["post", "day"]
    signature: list[str] = Field(min_length=1)
    columns: dict[str, list[str]]
    sum: dict[str, list[str]] = Field(default_factory=dict)
    minus: dict[str, list[str]] = Field(default_factory=dict)
    year: Literal["present", "none"] = "present"
    platform_from: dict[str, list[str]] = Field(default_factory=dict)

    def model_post_init(self, _context: object) -> None:
        """Refuse fields the normalized table does not have."""
        unknown = set(self.columns) - set(FIELDS)
        if unknown:
            raise ValueError(f"format {self.id}: unknown fields {sorted(unknown)}")


class FormatsFile(BaseModel):
    """formats.toml."""

    model_config = ConfigDict(extra="forbid")
    format: list[Format] = Field(min_length=1)


# Characters exports put in headers that carry no meaning: BOMs, soft hyphens (YouTube's German
# export has one in every header), zero-width spaces and joiners, and the like.
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u00ad\u200b\u200c\u200d\u2060\u180e"), None)
# Punctuation becomes a space; "%" and "#" stay, they tell a rate or a count apart.
PUNCTUATION = str.maketrans({c: " " for c in "()[]{},.;:!?\"'`´’‘“”«»/\\|_-–—+*=<>~^&@"})


@functools.lru_cache(maxsize=1 << 16)
def fold(header: object) -> str:
    """Normalize a header for matching, in any language the platforms write.

    Case, accents ("Impressões" is "impressoes"), punctuation, trailing colons, non-breaking
    and invisible characters and repeated spaces are all folded away, so "Impressions (total):"
    and "impressions total" match.
    """
    text = str(header or "").translate(INVISIBLE)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().translate(PUNCTUATION)
    return " ".join(text.split())


@functools.cache
def formats() -> tuple[Format, ...]:
    """Load and validate the format table (once per process: it holds no user data)."""
    with FORMATS_FILE.open("rb") as fh:
        return tuple(FormatsFile.model_validate(tomllib.load(fh)).format)


@functools.cache
def _vocabulary() -> frozenset[str]:
    signature = {fold(s) for f in formats() for s in f.signature}
    return frozenset(signature | {k for table in _synonyms().values() for k in table})


SYNONYMS_FILE = Path(__file__).with_name("synonyms.toml")


@functools.cache
def _synonyms() -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """Per platform: folded local header -> (folded English header, the languages using it)."""
    with SYNONYMS_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    out: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for platform, languages in raw.items():
        table = out.setdefault(platform, {})
        for lang, names in languages.items():
            for local, english in names.items():
                key = fold(local)
                first, langs = table.get(key, (fold(english), ()))
                table[key] = (first, (*langs, lang))
    return out


def canonical(header: object, platform: str | None = None) -> str:
    """A header folded, and in English when it is a platform's name for it in another language."""
    folded = fold(header)
    if platform is None:
        return folded
    return _synonyms().get(platform, {}).get(folded, (folded, ""))[0]


def header_languages(headers: list[str], platform: str) -> list[str]:
    """The languages other than English a table's headers are written in, by the synonyms."""
    table = _synonyms().get(platform, {})
    # Each translated header, by the languages that write it ("Videotitel": Swedish and German).
    uses = [table[f][1] for h in headers if (f := fold(h)) in table and table[f][0] != f]
    chosen: list[str] = []
    while uses := [u for u in uses if not set(u) & set(chosen)]:
        counts = Counter(lang for u in uses for lang in u)
        chosen.append(max(counts, key=lambda lang: (counts[lang], -sorted(counts).index(lang))))
    return [lang for lang in chosen if lang != "en"]


def detect(headers: list[str]) -> Format | None:
    """Pick the most specific format whose signature headers are all present.

    Args:
        headers: A header row.

    Returns:
        The matching format, or None.
    """
    vocabulary = _vocabulary()
    # Cheap rejection first: data rows are scanned too, and rarely hold a known header name.
    if not any(isinstance(h, str) and len(h) < 80 and fold(h) in vocabulary for h in headers):
        return None
    present: dict[str, set[str]] = {}
    matches = []
    for f, sig in _signatures():
        if f.platform not in present:
            present[f.platform] = {canonical(h, f.platform) for h in headers}
        if sig <= present[f.platform]:
            matches.append(f)
    if not matches:
        return None
    return max(matches, key=lambda f: (len(f.signature), -formats().index(f)))


@functools.cache
def _signatures() -> tuple[tuple[Format, frozenset[str]], ...]:
    return tuple((f, frozenset(fold(s) for s in f.signature)) for f in formats())
