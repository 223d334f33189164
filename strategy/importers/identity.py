"""Who an export belongs to and when its posts went out, from what the export itself carries.

Exports rarely say whose they are: Meta names the page, X and TikTok put the handle in each
post's link, the legacy X export puts it in the file name. Dates are often days only, but X and
TikTok post ids encode the moment of posting, in UTC.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# The handle in a post link: x.com/NAME/status/..., tiktok.com/@NAME/video/..., and the like.
LINK_HANDLES = {
    "x": re.compile(r"(?:twitter|x)\.com/(?!i/)([A-Za-z0-9_]{1,15})/status/", re.IGNORECASE),
    "tiktok": re.compile(r"tiktok\.com/@([A-Za-z0-9_.]{1,24})/", re.IGNORECASE),
    "instagram": re.compile(r"instagram\.com/(?!p/|reel/|tv/)([A-Za-z0-9_.]{1,30})/", re.I),
}
# Legacy X exports are named tweet_activity_metrics_HANDLE_YYYYMMDD_YYYYMMDD_xx.csv (and
# daily_tweet_activity_metrics_...): the handle is the account.
FILE_HANDLE = re.compile(r"tweet_activity_metrics_([A-Za-z0-9_]{1,15})_\d{8}_\d{8}", re.I)
TIKTOK_VIDEO = r"(?:/video/|^)(?P<id>\d{15,19})(?:\D|$)"
X_EPOCH_MS = 1288834974657  # X's snowflake epoch: 4 Nov 2010, in Unix milliseconds
TIME_OF_DAY = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
ZONE_SUFFIX = r"(?:Z|[+-]\d{2}:?\d{2}|\bUTC|\bGMT)\s*$"
# A totals row says so in its first cell, in the export's language.
TOTAL_WORDS = frozenset(
    {
        "total",
        "totals",
        "totalt",
        "totaal",
        "totale",
        "gesamt",
        "summe",
        "summa",
        "i alt",
        "yhteensä",
        "sum",
        "grand total",
        "totaux",
        "totales",
        "итого",
        "合計",
    }
)


def account_from_links(links: pa.Array | None, platform: str) -> str | None:
    """The handle most of a post export's links carry, or None."""
    pattern = LINK_HANDLES.get(platform)
    if links is None or pattern is None:
        return None
    values = [v for v in pc.drop_null(links.slice(0, 2000).cast(pa.string())).to_pylist() if v]
    found = Counter(m.group(1) for v in values if (m := pattern.search(v)))
    return found.most_common(1)[0][0] if found else None


def account_from_file_name(name: str) -> str | None:
    """The handle in a legacy X export's file name, or None."""
    match = FILE_HANDLE.search(name)
    return match.group(1) if match else None


def time_info(raw: pa.Array) -> tuple[bool, bool]:
    """Whether a date column as written carries a time of day, and whether it names a zone.

    Args:
        raw: The column as read (text, or timestamps from a workbook).

    Returns:
        (has a time of day, the time is zoned).
    """
    if pa.types.is_timestamp(raw.type):
        stamps = pc.drop_null(raw)
        if len(stamps) == 0:
            return False, False
        seconds = pc.add(
            pc.add(pc.multiply(pc.hour(stamps), 3600), pc.multiply(pc.minute(stamps), 60)),
            pc.second(stamps),
        )
        return bool(pc.max(seconds).as_py()), raw.type.tz is not None
    if pa.types.is_floating(raw.type) or pa.types.is_integer(raw.type):
        return False, False
    sample = pc.utf8_trim_whitespace(pc.drop_null(raw.cast(pa.string())).slice(0, 300))
    sample = pc.filter(sample, pc.not_equal(sample, ""))
    if len(sample) == 0:
        return False, False
    timed = pc.sum(pc.match_substring_regex(sample, TIME_OF_DAY)).as_py() or 0
    zoned = pc.sum(pc.match_substring_regex(sample, ZONE_SUFFIX)).as_py() or 0
    # Excel serial numbers with a fraction carry a time too.
    serial = pc.sum(pc.match_substring_regex(sample, r"^\d{5}\.\d+$")).as_py() or 0
    enough = 0.9 * len(sample)
    return timed >= enough or serial >= enough, zoned >= enough


def _ids(values: pa.Array, pattern: str | None = None) -> np.ndarray:
    """Post ids as unsigned integers (0 where a value is not one)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    text = values.cast(pa.string())
    if pattern is not None:
        text = pc.extract_regex(text, pattern).field(0)
    digits = pc.if_else(pc.match_substring_regex(text, r"^\d{1,19}$"), text, "0")
    # Arrow casts the digits to unsigned 64-bit at C speed (ids exceed a double's precision).
    ids = pc.cast(pc.fill_null(digits, "0"), pa.uint64(), safe=False)
    return ids.to_numpy(zero_copy_only=False).astype(np.uint64)


def times_from_ids(
    platform: str, post_ids: pa.Array | None, links: pa.Array | None, dates: pa.Array
) -> pa.Array | None:
    """Exact posting times (UTC) from X or TikTok post ids, when they agree with the dates.

    An X post id holds its UTC milliseconds as `(id >> 22) + 1288834974657`; a TikTok video id
    its Unix seconds as `id >> 32`. The times are used only when each falls within a day and a
    half of the date the export gives (its day is in the account's own zone), or when the export
    gives no usable date (TikTok's year-less dates are guessed; the id is not).

    Args:
        platform: The dataset's network.
        post_ids: The post id column, if any.
        links: The post link column, if any (TikTok puts the video id there).
        dates: The dates as parsed (naive timestamps).

    Returns:
        UTC timestamps (naive, seconds) for every row, or None when the ids cannot be used.
    """
    if platform == "x" and post_ids is not None:
        ids = _ids(post_ids)
        millis = (ids >> np.uint64(22)).astype(np.int64) + X_EPOCH_MS
        stamps = (millis // 1000).astype("datetime64[s]")
        valid = ids > np.uint64(1 << 32)
    elif platform == "tiktok" and (links is not None or post_ids is not None):
        source = links if links is not None else post_ids
        ids = _ids(source, TIKTOK_VIDEO)
        stamps = (ids >> np.uint64(32)).astype(np.int64).astype("datetime64[s]")
        valid = ids > np.uint64(1 << 40)
    else:
        return None
    if not valid.any() or valid.mean() < 0.9:
        return None
    stamps = np.where(valid, stamps, np.datetime64("NaT"))
    given = dates.cast(pa.timestamp("s")).to_numpy(zero_copy_only=False)
    both = valid & ~np.isnat(given)
    if platform == "x" and both.any():
        gap = np.abs((stamps[both] - given[both]).astype("timedelta64[s]").astype(np.int64))
        # The export's day is the account's local day: up to a day and a half from UTC time.
        if (gap > 36 * 3600).mean() > 0.05:
            return None
    return pa.array(stamps.astype("datetime64[s]"), pa.timestamp("s"), mask=np.isnat(stamps))


# The cells as exports write them ("Total", "TOTAL", "total"): an exact match is quick.
TOTAL_CELLS = pa.array(
    sorted({v for w in TOTAL_WORDS for v in (w, w.capitalize(), w.upper(), w.title())})
)


def totals_row(first_column: pa.Array) -> int | None:
    """The index of the first row whose first cell says it is the total, or None."""
    if not (pa.types.is_string(first_column.type) or pa.types.is_large_string(first_column.type)):
        return None  # numbers (ids, dates read as such) never say "Total"
    hits = pc.indices_nonzero(pc.fill_null(pc.is_in(first_column, TOTAL_CELLS), False))
    if len(hits) == 0:
        # A padded cell (" Total ") is rare: check the few rows where a total sits.
        n = len(first_column)
        for start in (0, max(0, n - 3)):
            part = pc.utf8_lower(pc.utf8_trim_whitespace(first_column.slice(start, 5)))
            for k, value in enumerate(part.to_pylist()):
                if value in TOTAL_WORDS:
                    return start + k
        return None
    return int(hits[0].as_py())
