"""Turn a recognised table into the normalized dataset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from strategy.core.i18n import _
from strategy.core.textclean import clean
from strategy.importers.blocks import Block, header_index
from strategy.importers.boosted import kind_column, one_row_per_post
from strategy.importers.clean import as_text, to_dates, to_number
from strategy.importers.dataset import COLUMNS, METRICS, Dataset
from strategy.importers.formats import Format, header_languages
from strategy.importers.identity import (
    account_from_file_name,
    account_from_links,
    time_info,
    times_from_ids,
    totals_row,
)

ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")
# Meta's daily series files name the metric only in their title line.
SERIES_METRICS = (
    ("follow", "followers_gained"),
    ("reach", "reach"),
    ("viewer", "reach"),
    ("impression", "impressions"),
    ("view", "impressions"),
    ("interaction", "engagements"),
    ("engage", "engagements"),
    ("click", "clicks"),
    ("visit", "views"),
)


def columns_from_rows(block: Block) -> dict[str, pa.Array]:
    """Build one string array per header from parsed rows, padding short (ragged) rows."""
    width = len(block.headers)
    rows = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in block.rows]
    names = _unique(block.headers)
    cols = list(zip(*rows, strict=True)) if rows else [() for _name in names]
    return {name: pa.array(list(col), pa.string()) for name, col in zip(names, cols, strict=True)}


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        n = seen.get(h, 0)
        seen[h] = n + 1
        out.append(h if n == 0 else f"{h} ({n + 1})")
    return out


# A post's text, link and id as kept: longer than any platform allows (Facebook's 63,206
# characters is the longest), so only a file built to amplify reaches them. One shared string
# in a workbook can stand in every row: kept whole, a 0.7 MB file became a 230 MB table.
MAX_TEXT, MAX_LINK, MAX_ID = 64_000, 2_000, 200


def _at_most(values: pa.Array, limit: int) -> pa.Array:
    """Cut strings past `limit` characters (a no-op, and cheap, when none is that long)."""
    # Bytes bound characters from above, and a length in bytes comes from the offsets alone.
    if not len(values) or (pc.max(pc.binary_length(values)).as_py() or 0) <= limit:
        return values
    return pc.utf8_slice_codeunits(values, 0, limit)


def _platform(fmt: Format, headers: list[str], title: str | None) -> tuple[str, list[str]]:
    notes = []
    for platform, names in fmt.platform_from.items():
        if header_index(headers, names, fmt.platform):
            return platform, notes
    if fmt.id == "meta_daily":
        lower = (title or "").lower()
        for platform in ("instagram", "facebook"):
            if platform in lower:
                return platform, notes
        notes.append(
            _(
                "The file's title ('{title}') does not say Facebook or Instagram: assumed Facebook."
            ).format(title=title)
        )
    return fmt.platform, notes


@dataclass
class Reading:
    """A table as `normalize` reads it, step by step, into the normalized columns.

    Attributes:
        rows: How many rows the table has (posts folded into one are taken off).
        out: Normalized field -> its cleaned values; every array row-aligned.
        used: Normalized field -> the export's column(s) it came from, in words.
        notes: What was read, assumed or left out, in the order the user reads it.
        has_time: Whether the dates carry a time of day.
        zoned: Whether those times are UTC (zoned in the export, or from the post ids).
        time_source: Where the times come from.
        platform: The network the table is from.
        languages: The languages other than English its column names were read in.
        stated: The metrics of the export's own totals row, kept as a check.
        account: The account the export names, or "".
    """

    rows: int = 0
    out: dict[str, pa.Array] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    has_time: bool = True
    zoned: bool = False
    time_source: Literal["export", "post_id", "none"] = "export"
    platform: str = ""
    languages: list[str] = field(default_factory=list)
    stated: dict[str, float] = field(default_factory=dict)
    account: str = ""


def normalize(
    source: str,
    block: Block,
    fmt: Format,
    columns: dict[str, pa.Array],
    reference: dt.date,
) -> Dataset:
    """Map a table's own columns to the normalized ones and clean every value.

    Args:
        source: The file name.
        block: The table (its headers and title).
        fmt: The recognised (or user-mapped) format.
        columns: The table's columns, by header.
        reference: The latest date the data can have.

    Returns:
        The dataset; rows without a date (totals, descriptions) are dropped and counted in notes.
    """
    headers = list(columns)
    table = Reading(rows=len(next(iter(columns.values()))) if columns else 0, notes=[*block.notes])
    fields = _fields(table, fmt, block.title)
    _read_fields(table, fields, columns, fmt, reference)
    _add_sums(table, fmt, headers, columns)
    _subtract(table, fmt, headers, columns)
    _sum_engagements(table)
    _read_headers(table, fmt, headers, block.title)
    table.stated = _stated_totals(columns, headers, table.out)
    if table.stated:
        table.notes.append(
            _("The export's own totals row is kept as a check, not counted as a row.")
        )
    impossible = _leave_out_impossible_dates(table)
    _times_from_post_ids(table, fmt)
    _youtube_links(table)
    _one_row_per_post(table, fmt, columns)
    table.account = _account(table.out, table.platform, source)
    frame, dropped = _frame(table.out, table.rows, table.platform, fmt.grain, table.account)
    dropped -= 1 if table.stated else 0  # the totals row is kept as a check, not lost
    # Impossible dates have their own note above: the rest had no date at all.
    if dropped - impossible:
        table.notes.append(
            _("{n} rows without a date were left out (totals, notes).").format(
                n=dropped - impossible
            )
        )
    return _dataset(source, block, fmt, table, frame, dropped)


def _fields(table: Reading, fmt: Format, title: str | None) -> dict[str, list[str]]:
    """The header names each normalized field is read from.

    A daily series has one value column, named by the series' title: "value" becomes the
    metric the title names (views when it names none the app charts, with a note).
    """
    fields = dict(fmt.columns)
    if "value" in fields:
        metric = next((m for key, m in SERIES_METRICS if key in (title or "").lower()), None)
        names = fields.pop("value")
        if metric is None:
            table.notes.append(
                _("Series '{series}' is not a metric the app charts; kept as views.").format(
                    series=title
                )
            )
            metric = "views"
        fields[metric] = names
    return fields


def _read_fields(
    table: Reading,
    fields: dict[str, list[str]],
    columns: dict[str, pa.Array],
    fmt: Format,
    reference: dt.date,
) -> None:
    """Find each field's column among the headers and clean its values: dates, texts, numbers."""
    headers = list(columns)
    for name, names in fields.items():
        found = header_index(headers, names, fmt.platform)
        if found is None:
            continue
        _index, header = found
        table.used[name] = header
        if name == "date":
            _read_dates(table, columns[header], header, fmt, reference)
        else:
            table.out[name] = _cleaned(name, columns[header])


def _read_dates(
    table: Reading, values: pa.Array, header: str, fmt: Format, reference: dt.date
) -> None:
    """Parse the date column, and note how, and whether it holds times of day."""
    table.has_time, table.zoned = time_info(values)
    table.time_source = "export" if table.has_time else "none"
    table.out["date"], how = to_dates(values, reference, no_year=fmt.year == "none")
    table.notes.append(_("Date column '{column}': {how}.").format(column=header, how=how))


def _cleaned(name: str, values: pa.Array) -> pa.Array:
    """One field's values cleaned as what they are: a text, a link, an id or a number."""
    if name == "text":
        # Post text is shown, not matched: only the missing-value words become empty.
        text = _at_most(values.cast(pa.string()), MAX_TEXT)
        return pc.if_else(
            pc.is_in(text, value_set=pa.array(["", "undefined"])),
            pa.scalar(None, pa.string()),
            text,
        )
    if name == "link":
        # Searched for a handle, never matched; where it is shown as a link, only a web
        # address becomes one (tables.web_links).
        return _at_most(values.cast(pa.string()), MAX_LINK)
    if name in ("post_id", "account", "post_type"):
        return _at_most(as_text(values), MAX_ID)
    return to_number(values)


def _add_sums(
    table: Reading, fmt: Format, headers: list[str], columns: dict[str, pa.Array]
) -> None:
    """Fields the format reads as the sum of several columns (any of them may be missing)."""
    for name, names in fmt.sum.items():
        found = [
            h
            for _index, h in filter(None, (header_index(headers, [x], fmt.platform) for x in names))
        ]
        parts = [columns[h] for h in found]
        if parts:
            total = to_number(parts[0])
            for p in parts[1:]:
                total = pc.add(pc.fill_null(total, 0), pc.fill_null(to_number(p), 0))
            table.out[name] = total
            table.used[name] = " + ".join(found)


def _subtract(
    table: Reading, fmt: Format, headers: list[str], columns: dict[str, pa.Array]
) -> None:
    """Take off a field the columns the format says it includes but should not."""
    for name, names in fmt.minus.items():
        for minus in names:
            found = header_index(headers, [minus], fmt.platform)
            if found and name in table.out:
                less = pc.fill_null(to_number(columns[found[1]]), 0)
                table.out[name] = pc.subtract(table.out[name], less)
                table.used[name] += f" − {found[1]}"


def _sum_engagements(table: Reading) -> None:
    """Engagements as the sum of likes, comments, shares and saves, where only those are given."""
    if "engagements" in table.out:
        return
    parts = [p for p in ENGAGEMENT_PARTS if p in table.out]
    if not parts:
        return
    total = pc.fill_null(table.out[parts[0]], 0)
    for p in parts[1:]:
        total = pc.add(total, pc.fill_null(table.out[p], 0))
    table.out["engagements"] = total
    table.used["engagements"] = " + ".join(table.used[p] for p in parts)
    table.notes.append(
        _("Engagements are the sum of {columns}.").format(columns=table.used["engagements"])
    )


def _read_headers(table: Reading, fmt: Format, headers: list[str], title: str | None) -> None:
    """What the headers (and the title) say of the table: its network and their languages."""
    table.platform, notes = _platform(fmt, headers, title)
    table.notes += notes
    table.languages = header_languages(headers, fmt.platform)
    if "api" in table.languages:  # not a language: the same export with its metrics' API keys
        table.notes.append(
            _(
                "Column names were read as Facebook's API metric keys "
                "(post_impressions_unique and the like)."
            )
        )
    if spoken := [lang for lang in table.languages if lang != "api"]:
        table.notes.append(
            _("Column names in {languages} were read as the export's English ones.").format(
                languages=", ".join(spoken)
            )
        )


def _leave_out_impossible_dates(table: Reading) -> int:
    """Make dates before 1900 or after 2200 missing, with a note; return how many there were."""
    if "date" not in table.out:
        return 0
    table.out["date"], impossible = _possible_dates(table.out["date"])
    if impossible:
        table.notes.append(
            _("{n} rows dated before 1900 or after 2200 were left out.").format(n=impossible)
        )
    return impossible


def _times_from_post_ids(table: Reading, fmt: Format) -> None:
    """Take posting times from the post ids where the dates have no time (or no year)."""
    if "date" not in table.out or (table.has_time and fmt.year != "none"):
        return
    out = table.out
    from_ids = times_from_ids(table.platform, out.get("post_id"), out.get("link"), out["date"])
    if from_ids is None:
        return
    out["date"] = pc.coalesce(from_ids, out["date"])
    table.has_time, table.zoned, table.time_source = True, True, "post_id"
    table.notes.append(_("Posting times (UTC) come from the post ids, which encode them."))


def _youtube_links(table: Reading) -> None:
    """Give YouTube videos their watch link where the export names them by id alone."""
    out = table.out
    if table.platform == "youtube" and "post_id" in out and "link" not in out:
        out["link"] = pc.binary_join_element_wise(
            "https://www.youtube.com/watch?v=", out["post_id"], ""
        )


def _one_row_per_post(table: Reading, fmt: Format, columns: dict[str, pa.Array]) -> None:
    """Fold a post listed once per kind of distribution (organic, paid, total) into one row."""
    if fmt.grain != "post" or not table.out:
        return
    kinds = kind_column(columns, set(table.used.values()))
    if kinds is None:
        return
    table.out, folded, note = one_row_per_post(table.out, kinds)
    if folded and note:
        table.notes.append(note)
        table.rows -= folded


def _dataset(
    source: str, block: Block, fmt: Format, table: Reading, frame: pd.DataFrame, dropped: int
) -> Dataset:
    """The dataset of a table read, its frame assembled."""
    day = fmt.grain == "day"  # a day's figures have no time of day, whatever its dates hold
    has_time = table.has_time and not day
    return Dataset(
        source=clean(source, lines=False),
        sheet=clean(block.title, lines=False) if block.title else block.title,
        format_id=fmt.id,
        label=fmt.label,
        platform=table.platform,
        grain=fmt.grain,
        frame=frame,
        columns_used=table.used,
        notes=table.notes,
        account=table.account or None,
        time_of_day=has_time,
        time_zone="UTC" if table.zoned and has_time else None,
        time_source="none" if day else table.time_source,
        stated_totals=table.stated,
        dropped_rows=dropped,
        header_languages=table.languages,
    )


EARLIEST, LATEST = (
    pa.scalar(dt.datetime(1900, 1, 1), pa.timestamp("s")),
    pa.scalar(dt.datetime(2200, 12, 31, 23, 59, 59), pa.timestamp("s")),
)


def _possible_dates(dates: pa.Array) -> tuple[pa.Array, int]:
    """Dates outside 1900-2200 (year 0, a year that becomes 10000 in UTC) become missing."""
    inside = pc.and_(pc.greater_equal(dates, EARLIEST), pc.less_equal(dates, LATEST))
    outside = int(pc.sum(pc.invert(pc.fill_null(inside, True))).as_py() or 0)
    if not outside:
        return dates, 0
    return pc.if_else(inside, dates, pa.scalar(None, pa.timestamp("s"))), outside


def _account(out: dict[str, pa.Array], platform: str, source: str) -> str:
    """The account the export names: its own column, the handle in its links, its file name."""
    if "account" in out and len(names := pc.drop_null(out["account"])):
        return short_name(str(names[0].as_py()))
    found = account_from_links(out.get("link"), platform) or account_from_file_name(source)
    return short_name(found or "")


MAX_NAME = 100  # a page name or handle; a longer one is a file's doing, and slows every chart


def short_name(name: str) -> str:
    """An account name as shown: cleaned, on one line, at most `MAX_NAME` characters."""
    name = clean(name[: MAX_NAME * 4], lines=False)
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def _stated_totals(
    columns: dict[str, pa.Array], headers: list[str], out: dict[str, pa.Array]
) -> dict[str, float]:
    """The metrics of the row that calls itself the total, if there is one without a date."""
    if not headers or "date" not in out:
        return {}
    index = totals_row(columns[headers[0]])
    if index is None or out["date"][index].is_valid:
        return {}
    stated = {}
    for metric in METRICS:
        if metric in out and (value := out[metric][index].as_py()) is not None:
            stated[metric] = float(value)
    return stated


def _frame(
    out: dict[str, pa.Array], n: int, platform: str, grain: str, account: str
) -> tuple[pd.DataFrame, int]:
    """Assemble, filter and sort in Arrow (fast), then hand pandas one finished table."""
    size = len(next(iter(out.values()))) if out else n
    cols = {}
    for col in COLUMNS:
        if col in out:
            cols[col] = out[col]
        elif col in ("post_id", "text", "link", "post_type"):
            cols[col] = pa.nulls(size, pa.string())
        elif col in METRICS:
            # NaN, not null: pandas takes it without a copy (nulls would be filled one by one).
            cols[col] = pa.array(np.full(size, np.nan))
    cols["date"] = out.get("date", pa.nulls(size, pa.timestamp("s")))
    # One account per dataset (see _account); a sheet's title is not an account.
    for col, value in (("platform", platform), ("account", account), ("grain", grain)):
        cols[col] = pa.repeat(pa.scalar(value, pa.string()), size)
    for col in METRICS:
        if cols[col].type != pa.float64():
            cols[col] = cols[col].cast(pa.float64())
    # Built in the final column order, so pandas gets one finished table and copies nothing.
    table = pa.table({c: cols[c] for c in COLUMNS})
    if table["date"].null_count:  # copying a million rows only when some must go
        table = table.filter(pc.is_valid(table["date"]))
    dropped = size - table.num_rows
    # Rows keep the export's order (often newest first); consumers sort or aggregate by date.
    frame = table.to_pandas(
        types_mapper=lambda t: pd.ArrowDtype(t) if t == pa.string() else None, split_blocks=True
    )
    return frame, dropped
