"""Vectorized cleaning of export cells: numbers in every local style, dates in every format."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from strategy.core.i18n import _

MISSING = ["", "-", "--", "n/a", "N/A", "NA", "na", "undefined", "null", "None", "nan", "NaN", "–"]
NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%a %b %d %Y",
    "%a, %b %d, %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
)
NO_YEAR_FORMATS = ("%B %d", "%b %d", "%d %B", "%d %b", "%m-%d", "%m/%d")


# Whitespace (Unicode's, as utf8_trim_whitespace trims), quotes and a stray BOM, in one pass.
TRIMMED = (
    ' "\ufeff\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003'
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def as_text(arr: pa.Array) -> pa.Array:
    """Return the cells as trimmed strings with the missing-value words turned into nulls."""
    if pa.types.is_integer(arr.type):  # ids read as numbers need no trimming
        return arr.cast(pa.string())
    s = pc.utf8_trim(arr.cast(pa.string()), characters=TRIMMED)
    return pc.if_else(pc.is_in(s, value_set=pa.array(MISSING)), pa.scalar(None, pa.string()), s)


def _decimal_comma(s: pa.Array) -> bool:
    """Decide from a sample whether a comma is the decimal mark in this column."""
    sample = s.drop_null().slice(0, 2000)
    if len(sample) == 0:
        return False
    eu = pc.sum(pc.match_substring_regex(sample, r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?%?$")).as_py() or 0
    frac = pc.sum(pc.match_substring_regex(sample, r"^[-+]?\d+,(\d{1,2}|\d{4,})%?$")).as_py() or 0
    us = pc.sum(pc.match_substring_regex(sample, r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?%?$")).as_py() or 0
    # "45.8772" or "8.3" can only be a decimal point; "10.236" alone could be either.
    dot = pc.sum(pc.match_substring_regex(sample, r"^[-+]?\d*\.(\d{1,2}|\d{4,})%?$")).as_py() or 0
    return eu + frac > us + dot


def to_number(arr: pa.Array) -> pa.Array:
    """Parse numbers: thousands separators, decimal comma, percent strings, missing words.

    Args:
        arr: A column as read (strings or already numbers).

    Returns:
        float64 values; cells that are not numbers become null. Percentages become fractions.
    """
    if pa.types.is_integer(arr.type) or pa.types.is_floating(arr.type):
        return arr.cast(pa.float64())
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.float64())
    s = as_text(arr)
    percent = pc.fill_null(pc.ends_with(s, "%"), False)
    s = pc.replace_substring(s, "%", "")
    s = pc.replace_substring_regex(s, "[\\s\u00a0\u202f']", "")
    if _decimal_comma(s):
        s = pc.replace_substring(pc.replace_substring(s, ".", ""), ",", ".")
    else:
        s = pc.replace_substring(s, ",", "")
    valid = pc.fill_null(pc.match_substring_regex(s, NUMBER), False)
    s = pc.if_else(valid, s, pa.scalar(None, pa.string()))
    num = s.cast(pa.float64())
    return pc.if_else(percent, pc.divide(num, 100.0), num)


# ISO-like formats Arrow's own ISO 8601 cast reads several times faster than strptime, as long
# as any offset is UTC: (the format, how many leading characters are the ISO part).
ISO_PREFIX = {
    "%Y-%m-%d": 10,
    "%Y-%m-%d %H:%M:%S": 19,
    "%Y-%m-%dT%H:%M:%S": 19,
    "%Y-%m-%d %H:%M": 16,
    "%Y-%m-%d %H:%M %z": 16,
    "%Y-%m-%dT%H:%M:%S%z": 19,
}
UTC_SUFFIXES = {b"", b" +0000", b"+0000", b"+00:00", b" +00:00", b"Z"}


def iso_dates(s: pa.Array, fmt: str) -> pa.Array | None:
    """Parse ISO-like dates with Arrow's ISO cast; None when the fast path does not apply.

    The values are sliced as bytes (the ISO part is ASCII): a value with spaces, quotes, other
    characters or a non-UTC offset makes the cast fail or the offset check refuse, and the
    caller then takes the careful path.

    Args:
        s: The dates as read (strings; nulls allowed).
        fmt: The strptime format a sample was found to follow.

    Returns:
        Timestamps in seconds, or None.
    """
    width = ISO_PREFIX.get(fmt)
    if width is None or s.type != pa.string():
        return None
    raw = s.cast(pa.binary())  # no copy: the same bytes, sliced as bytes below
    first = raw.slice(0, 1000).drop_null()
    if len(first) == 0:
        return None
    # Every value the same length with the same UTC ending: two quick passes, no hashing.
    lengths = pc.min_max(pc.binary_length(raw)).as_py()  # nulls are skipped
    suffix = first[0].as_py()[width:]
    if lengths["min"] != lengths["max"] or suffix not in UTC_SUFFIXES:
        return None
    if suffix and not pc.all(pc.ends_with(s, suffix.decode())).as_py():
        return None
    # The slice is ASCII (the timestamp cast refuses anything else): no UTF-8 check needed.
    unchecked = pc.CastOptions(target_type=pa.string(), allow_invalid_utf8=True)
    head = pc.cast(pc.binary_slice(raw, 0, width), options=unchecked)
    if "T" in fmt:
        head = pc.replace_substring(head, "T", " ")
    try:
        return pc.cast(head, pa.timestamp("s"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def best_date_format(sample: pa.Array) -> tuple[str | None, int]:
    """The date format (with a year) that parses most of a sample, and how many it parsed."""
    return _best_format(as_text(sample), DATE_FORMATS)


def _best_format(sample: pa.Array, candidates: tuple[str, ...]) -> tuple[str | None, int]:
    best, best_count = None, 0
    for fmt in candidates:
        parsed = pc.strptime(sample, format=fmt, unit="s", error_is_null=True)
        count = len(parsed) - parsed.null_count
        if count > best_count:
            best, best_count = fmt, count
        if count == len(sample):
            break
    return best, best_count


def to_dates(arr: pa.Array, reference: dt.date, no_year: bool = False) -> tuple[pa.Array, str]:
    """Parse a date column, choosing the format that fits most of a sample.

    Excel serial numbers and dates without a year (TikTok) are handled; a missing year is
    inferred so each date falls in the year before `reference`, whatever the rows' order.

    Args:
        arr: The column as read.
        reference: The download day (usually the day of upload): year-less dates fall in the
            year before it; dates with a year are taken as written.
        no_year: The format is known to omit the year.

    Returns:
        (timestamps without time zone, a note on how they were read).
    """
    if pa.types.is_timestamp(arr.type):
        return arr.cast(pa.timestamp("s")), _("dates as stored")
    if not no_year and arr.type == pa.string():
        # Clean ISO dates (most exports) skip the trimming and strptime below: 3x faster.
        sample = arr.drop_null().slice(0, 300)
        fmt, count = best_date_format(sample)
        fast = iso_dates(arr, fmt) if fmt and count == len(sample) else None
        if fast is not None:
            return fast, _("dates read as {format}").format(format=fmt)
    s = as_text(arr)
    sample = s.drop_null().slice(0, 300)
    if len(sample) == 0:
        return pa.nulls(len(arr), pa.timestamp("s")), _("no dates")
    serial = pc.match_substring_regex(sample, r"^\d{5}(\.\d+)?$")
    if pc.all(serial).as_py():
        days = to_number(s)
        epoch = np.datetime64("1899-12-30", "s")
        values = days.to_numpy(zero_copy_only=False)
        stamps = epoch + (np.nan_to_num(values) * 86400).astype("timedelta64[s]")
        mask = np.isnan(values)
        return pa.array(stamps, pa.timestamp("s"), mask=mask), _("Excel serial dates")
    if not no_year:
        fmt, count = _best_format(sample, DATE_FORMATS)
        if (fmt is None or count < 0.9 * len(sample)) and (english := english_months(s)):
            # Month names in the export's language ("28 aug. 2025", "3 de mar. de 2025").
            s, sample = english, english.drop_null().slice(0, 300)
            fmt, count = _best_format(sample, DATE_FORMATS)
        if fmt is not None and count >= 0.9 * len(sample):
            stamps = pc.strptime(s, format=fmt, unit="s", error_is_null=True)
            if stamps.type.tz is not None:
                stamps = stamps.cast(pa.timestamp("s", tz="UTC")).cast(pa.timestamp("s"))
            return stamps, _("dates read as {format}").format(format=fmt)
    no_year_formats = tuple(f + " %Y" for f in NO_YEAR_FORMATS)
    fmt, count = _best_format(pc.binary_join_element_wise(sample, " 2000", ""), no_year_formats)
    if (fmt is None or count < 0.9 * len(sample)) and (english := english_months(s)):
        s, sample = english, english.drop_null().slice(0, 300)
        fmt, count = _best_format(pc.binary_join_element_wise(sample, " 2000", ""), no_year_formats)
    if fmt is None or count < 0.9 * len(sample):
        return pa.nulls(len(arr), pa.timestamp("s")), _("dates not recognised")
    parsed = pc.strptime(
        pc.binary_join_element_wise(s, " 2000", ""), format=fmt, unit="s", error_is_null=True
    )
    note = _("dates without a year; years inferred up to {day}").format(day=reference)
    return _infer_years(parsed, reference), note


# The languages the platforms export in besides English; Babel knows their month names.
MONTH_LANGUAGES = ("sv", "nb", "da", "fi", "de", "fr", "es", "pt", "it", "nl")
# Words that join a day, month and year in some languages ("3 de mar. de 2025", "3. März").
DATE_FILLERS = frozenset({"de", "del", "der", "den", "le", "la", "el", "di", "van", "ta"})
ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@functools.cache
def _month_words() -> dict[str, str]:
    """Every month name and abbreviation of MONTH_LANGUAGES, folded, to its English one."""
    from babel import Locale

    out = {}
    for lang in MONTH_LANGUAGES:
        months = Locale.parse(lang).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    key = _fold_word(str(name))
                    if key and not key.isdigit():
                        out.setdefault(key, ENGLISH_MONTHS[number - 1])
    return out


@functools.cache
def _by_length() -> tuple[str, ...]:
    """The month words, longest first (so "elokuu" is tried before "elo")."""
    return tuple(sorted(_month_words(), key=len, reverse=True))


def _fold_word(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.lower().strip(".").strip())
    return "".join(c for c in text if not unicodedata.combining(c))


def english_months(s: pa.Array) -> pa.Array | None:
    """The dates with their month names in English, or None when none was translated."""
    words = _month_words()
    unique = pc.unique(pc.drop_null(s)).to_pylist()
    if len(unique) > 200_000:
        return None  # an export has at most a few thousand distinct day strings
    changed, mapping = False, {}
    for value in unique:
        tokens = re.split(r"[\s.,]+", value.strip())
        out = []
        for token in tokens:
            key = _fold_word(token)
            if key in DATE_FILLERS or not token:
                continue
            # An abbreviation the locale data spells another way ("elok." for "elo") still
            # starts with the short form.
            prefixes = (words[k] for k in _by_length() if len(k) >= 3 and key.startswith(k))
            match = words.get(key) or next(prefixes, None)
            if match and not key.isdigit():
                out.append(match)
                changed = True
            else:
                out.append(token)
        mapping[value] = " ".join(out)
    if not changed:
        return None
    keys = pa.array(list(mapping), pa.string())
    index = pc.index_in(s, value_set=keys)
    return pc.take(pa.array(list(mapping.values()), pa.string()), index)


def _infer_years(parsed: pa.Array, reference: dt.date) -> pa.Array:
    """Give month-day values (in leap year 2000) their years: the last year before `reference`."""
    md = pc.add(pc.multiply(pc.month(parsed), 100), pc.day(parsed)).to_numpy(zero_copy_only=False)
    md = np.where(np.isnan(md.astype("float64")), np.nan, md).astype("float64")
    valid = ~np.isnan(md)
    if not valid.any():
        return pa.nulls(len(parsed), pa.timestamp("s"))
    idx = np.flatnonzero(valid)
    vals = md[idx]
    today = reference.month * 100 + reference.day
    # TikTok exports the days (at most 365) before the download day: each month-day falls in
    # the last year before it. No row order is assumed, so an export sorted by views (Content)
    # is dated as well as one sorted by date.
    years = np.where(vals < today, reference.year, reference.year - 1)
    months = (vals // 100).astype(int)
    days = (vals % 100).astype(int)
    first_of_month = (years - 1970).astype("datetime64[Y]") + (months - 1).astype("timedelta64[M]")
    stamps = first_of_month.astype("datetime64[D]") + (days - 1).astype("timedelta64[D]")
    # 29 February in a year without one rolls into March: that is data, not our guess to fix.
    rolled = stamps.astype("datetime64[M]") != first_of_month
    stamps[rolled] = np.datetime64("NaT")
    out = np.full(len(md), np.datetime64("NaT"), dtype="datetime64[s]")
    out[idx] = stamps.astype("datetime64[s]")
    return pa.array(out, pa.timestamp("s"), mask=np.isnat(out))
