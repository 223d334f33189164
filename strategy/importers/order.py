"""Tables whose header words no synonym table knows: recognised by column order and value shapes.

The legacy X per-tweet export keeps its 40 columns in the same order in every interface
language, so a table of that width whose values look like it (tweet ids, status links, UTC
times) is read as it, and the user is told so. For anything else, the value shapes give a best
guess at the date, text and metric columns, which the mapping form shows pre-filled.
"""

from __future__ import annotations

import re

import pyarrow as pa

from strategy.i18n import _
from strategy.importers.blocks import Block
from strategy.importers.clean import best_date_format, to_number
from strategy.importers.formats import formats

X_LEGACY_ORDER = (
    "Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
    "engagement rate", "retweets", "replies", "likes", "user profile clicks", "url clicks",
    "hashtag clicks", "detail expands", "permalink clicks", "app opens", "app installs",
    "follows", "email tweet", "dial phone", "media views", "media engagements",
)  # fmt: skip
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
    note = _("Read as the X per-tweet export by column order: its column names ({first}, ...) "
             "are in a language the app does not know.").format(first=block.headers[0])  # fmt: skip
    return Block(headers=headers, rows=block.rows, title=block.title, fmt=fmt,
                 skipped=block.skipped, notes=[*block.notes, note],
                 preamble=block.preamble)  # fmt: skip


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
    columns = {h: [str(r[i]).strip() for r in rows if len(r) > i] for i, h in
               enumerate(block.headers) if str(h).strip()}  # fmt: skip
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
    texts = {h: sum(map(len, v)) / max(len(v), 1) for h, v in columns.items()
             if h not in totals and h != guess.get("date")}  # fmt: skip
    if texts:
        guess["text"] = max(texts, key=texts.get)
    ranked = sorted(totals, key=totals.get, reverse=True)
    if ranked:
        guess["impressions"] = ranked[0]
        smaller = [h for h in ranked[1:] if 0 < totals[h] <= totals[ranked[0]]]
        if smaller:
            guess["engagements"] = smaller[0]
    return guess
