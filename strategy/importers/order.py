"""Tables whose header words no synonym table knows: recognised by column order and value shapes.

The legacy X per-tweet export keeps its 40 columns in the same order in every interface
language, so a table of that width whose values look like it (tweet ids, status links, UTC
times) is read as it, and the user is told so. For anything else, the value shapes give a best
guess at the date, text and metric columns, which the mapping form shows pre-filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa

from strategy.core.i18n import _
from strategy.importers.blocks import Block
from strategy.importers.clean import best_date_format, to_number
from strategy.importers.formats import Format, canonical, fold, formats

X_LEGACY_ORDER = (
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
)
SHAPES = {
    0: re.compile(r"^\d{15,20}$"),
    1: re.compile(r"^https?://(www\.)?(twitter|x)\.com/\w+/status/\d+"),
    3: re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}( [+-]\d{4})?$"),
}


def by_column_order(block: Block) -> Block | None:
    """Read an unknown table as the legacy X per-tweet export when its columns line up.

    Args:
        block: A table no format recognised by its header words.

    Returns:
        The table with English headers in place of its own, or None when it is not that export.
    """
    rows = [r for r in block.rows[:50] if any(str(c).strip() for c in r)]
    if len(block.headers) < len(X_LEGACY_ORDER) or not rows:
        return None
    for index, shape in SHAPES.items():
        if not all(len(r) > index and shape.match(str(r[index]).strip()) for r in rows):
            return None
    fmt = next(f for f in formats() if f.id == "x_legacy_tweets")
    headers = [*X_LEGACY_ORDER, *block.headers[len(X_LEGACY_ORDER) :]]
    note = _(
        "Read as the X per-tweet export by column order: its column names ({first}, ...) "
        "are in a language the app does not know."
    ).format(first=block.headers[0])
    return Block(
        headers=headers,
        rows=block.rows,
        title=block.title,
        fmt=fmt,
        skipped=block.skipped,
        notes=[*block.notes, note],
        preamble=block.preamble,
    )


def guess_mapping(block: Block) -> dict[str, str]:
    """A best guess at the date, text and metric columns of an unknown table, from its values.

    The date column is the first whose values read as dates; the text column the one with the
    longest values; impressions the numeric column with the largest total and engagements the
    next one that is never larger than it. The user confirms or changes each guess.
    """
    rows = [r for r in block.rows[:200] if any(str(c).strip() for c in r)]
    guess: dict[str, str] = {}
    if not rows:
        return guess
    columns = {
        h: [str(r[i]).strip() for r in rows if len(r) > i]
        for i, h in enumerate(block.headers)
        if str(h).strip()
    }
    for header, values in columns.items():
        filled = [v for v in values if v]
        if filled and best_date_format(pa.array(filled[:100]))[1] >= 0.9 * len(filled[:100]):
            guess["date"] = header
            break
    totals = {}
    for header, values in columns.items():
        if header == guess.get("date"):
            continue
        numbers = to_number(pa.array(values, pa.string())).to_pylist()
        known = [n for n in numbers if n is not None]
        if values and len(known) >= 0.9 * len([v for v in values if v]) and known:
            totals[header] = sum(known)
    texts = {
        h: sum(map(len, v)) / max(len(v), 1)
        for h, v in columns.items()
        if h not in totals and h != guess.get("date")
    }
    if texts:
        guess["text"] = max(texts, key=texts.__getitem__)
    ranked = sorted(totals, key=totals.__getitem__, reverse=True)
    if ranked:
        guess["impressions"] = ranked[0]
        smaller = [h for h in ranked[1:] if 0 < totals[h] <= totals[ranked[0]]]
        if smaller:
            guess["engagements"] = smaller[0]
    return guess


# The English words of Meta's daily series metrics, folded, and the field each one is.
SERIES_WORDS = (
    ("follow", "followers_gained"),
    ("reach", "reach"),
    ("viewer", "reach"),
    ("impression", "impressions"),
    ("view", "views"),
    ("interaction", "engagements"),
    ("engage", "engagements"),
    ("click", "clicks"),
    ("visit", "profile_visits"),
)
NETWORK_WORDS = ("facebook", "instagram")


def _series_field(header: str) -> str | None:
    """The field a Meta daily series' value column is named after, else None.

    "Reach", "Räckvidd" and "Facebook reach" are all reach: any language the synonym table
    knows, with or without the network's name.
    """
    folded = fold(header)
    bare = " ".join(w for w in folded.split() if w not in NETWORK_WORDS)
    for candidate in (canonical(header, "facebook"), canonical(bare, "facebook"), folded):
        for word, field in SERIES_WORDS:
            if word in candidate:
                return field
    return None


@dataclass
class Series:
    """One of the daily series stacked in a Meta file: its title line, header row and rows."""

    title: str
    header: list[str]
    rows: list[list[str]]


def metric_named_series(block: Block) -> list[Block] | None:
    """Read a Meta daily series whose value column is named after its metric, not "Primary".

    Meta Business Suite writes `"Date","Primary"` in some downloads and `"Date","Reach"` (or the
    metric in the interface language) in others, one series after another in one file, each
    under a title line. A table of exactly a date column and one metric-named column, with a
    title line above or a network's name in the header, and dates in the first column, is read
    as that series; each repeated header row starts the next series.

    Args:
        block: A table no format recognised by its header words.

    Returns:
        One block per series, or None when the table is not such a series.
    """
    headers = [str(h).strip() for h in block.headers]
    titles = [str(c).strip() for r in block.preamble for c in r if str(c).strip()]
    if not _series_shaped(headers, titles, in_workbook=block.title is not None):
        return None
    parts = split_series(block.rows, headers, titles[-1] if titles else headers[1])
    if not _dated(parts):
        return None
    blocks = []
    for part in parts:
        series = _series_block(part, block, first=not blocks)
        if series is None:
            return None
        blocks.append(series)
    return blocks


def _series_shaped(headers: list[str], titles: list[str], in_workbook: bool) -> bool:
    """Whether a table's header row and title lines are those of a metric-named series.

    Args:
        headers: Its header row, stripped.
        titles: The non-empty cells of the lines above it.
        in_workbook: Whether it is on a workbook's sheet (else it is in a text file).
    """
    if len([h for h in headers if h]) != 2 or not (headers[0] and headers[1]):
        return False
    if canonical(headers[0], "facebook") != fold("Date"):
        return False
    named = any(w in fold(f"{headers[1]} {' '.join(titles[-1:])}").split() for w in NETWORK_WORDS)
    # A CSV's title line is evidence enough (Meta writes one above each series); a workbook's
    # sheets carry description lines (LinkedIn's), so there the network must be named. Two
    # columns of any network otherwise: the mapping form asks which.
    return named or bool(titles and not in_workbook)


def split_series(rows: list[list[str]], header: list[str], title: str) -> list[Series]:
    """Split a table's rows into the series stacked in it, at each repeated header row.

    Args:
        rows: The rows below the first header row.
        header: The first header row.
        title: The first series' title.

    Returns:
        The series in order, each with the title line above its header row (or, with none,
        the header's metric name).
    """
    date_word = fold("Date")
    parts: list[Series] = []
    part: list[list[str]] = []
    for row in rows:
        cells = [str(c).strip() for c in row]
        if cells and canonical(cells[0], "facebook") == date_word and len(cells) > 1:
            if part and len([c for c in part[-1] if str(c).strip()]) == 1:
                next_title = str(part.pop()[0]).strip()  # the next series' title line
            else:
                next_title = cells[1]
            parts.append(Series(title, header, part))
            title, header, part = next_title, cells, []
            continue
        part.append(row)
    parts.append(Series(title, header, part))
    return parts


def _dated(parts: list[Series]) -> bool:
    """Whether the series' first column holds dates (their first rows, nine in ten at least)."""
    dates = [str(r[0]).strip() for p in parts for r in p.rows[:50] if r and str(r[0]).strip()]
    return bool(dates) and best_date_format(pa.array(dates[:200]))[1] >= 0.9 * len(dates[:200])


def _series_block(part: Series, block: Block, first: bool) -> Block | None:
    """One series as a table of the Meta daily format, or None when its metric is unknown.

    Args:
        part: The series.
        block: The table it was stacked in.
        first: Whether it is the first series (which keeps the lines above the table).
    """
    rows = part.rows
    while rows and not any(str(c).strip() for c in rows[-1]):
        rows = rows[:-1]  # the blank lines between two series
    field = _series_field(part.header[1])
    if field is None:
        return None
    meta = next(f for f in formats() if f.id == "meta_daily")
    # Facebook's synonym table reads both networks' headers; the title says which network
    # it is, as for the "Primary" series (normalize reads it).
    fmt = Format(
        id=meta.id,
        label=meta.label,
        platform=meta.platform,
        grain="day",
        signature=[part.header[0]],
        # Named as the synonym table reads them: "Datum" is Date, "Räckvidd" Reach.
        columns={
            "date": [canonical(part.header[0], "facebook")],
            field: [canonical(part.header[1], "facebook")],
        },
    )
    return Block(
        headers=part.header[:2],
        rows=rows,
        title=part.title,
        fmt=fmt,
        skipped=block.skipped,
        notes=list(block.notes),
        preamble=block.preamble if first else [],
    )
