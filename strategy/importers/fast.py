"""Read a large single-table CSV with pyarrow, in parallel and without a row of Python.

The careful path (the csv module, then `find_blocks`) reads every quirk of every export; this
one reads the common case of a large file holding one recognised table, and hands back None
whenever anything is unusual, so the careful path reads it and says what is wrong.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.csv as pacsv

from strategy.importers.blocks import Block, WorkbookError, find_blocks, header_index
from strategy.importers.clean import ISO_PREFIX, best_date_format
from strategy.importers.decode import rows, sniff_delimiter
from strategy.importers.formats import Format, fold


@dataclass
class ParsedTable:
    """A large CSV's one table, already parsed into columns by pyarrow.

    Attributes:
        block: The table's header row, title and notes (its rows are in `columns`, not here).
        fmt: The format its header row was recognised as.
        columns: The columns the format reads, by header, as pyarrow read them.
    """

    block: Block
    fmt: Format
    columns: dict[str, pa.Array]

    @property
    def row_count(self) -> int:
        """How many data rows the table has."""
        return len(next(iter(self.columns.values())))


def fast_table(body: bytes, head_text: str) -> ParsedTable | None:
    """For a large single-table CSV, let pyarrow parse the (UTF-8, BOM-less) bytes.

    Args:
        body: The file as UTF-8 without a BOM.
        head_text: Its first characters, decoded.

    Returns:
        The parsed table, or None when the careful path must read the file (several tables, an
        unknown one, repeated headers, ragged rows, a value that is not UTF-8).
    """
    if "\x00" in head_text or head_text.lstrip().lower().startswith(("sep=", '"sep=')):
        return None
    delimiter = sniff_delimiter(head_text)
    head = rows("\n".join(head_text.splitlines()[:200]), delimiter)
    try:
        blocks = find_blocks(head)
    except WorkbookError:
        return None  # the careful path says what is wrong
    if len(blocks) != 1 or (fmt := blocks[0].fmt) is None:
        return None
    block = blocks[0]
    if len({fold(h) for h in block.headers}) != len(block.headers):
        return None  # repeated headers (legacy Facebook): the careful path numbers them
    columns = _fast_columns(
        body,
        block.skipped,
        delimiter,
        _date_hint(block, head),
        _wanted(block),
        _local_numbers(block, head),
    )
    if columns is None:
        return None
    block.rows = []  # the head's rows, read to find the header: the columns hold them all
    return ParsedTable(block, fmt, columns)


# Numbers pyarrow would misread as decimals ("1.234" for 1 234) or not read at all ("1 234",
# "1,5"): such columns stay text, and clean.to_number decides the style, as on the careful path.
LOCAL_NUMBER = re.compile(r"^[-+]?\d{1,3}([.\s\u00a0\u202f']\d{3})+(,\d+)?$|^[-+]?\d+,\d+$")


def _local_numbers(block: Block, head: list[list[str]]) -> dict[str, pa.DataType]:
    """The columns whose first rows hold numbers in a local style: read them as text."""
    sample = head[block.skipped + 1 :]
    out = {}
    for i, header in enumerate(block.headers):
        if any(len(r) > i and LOCAL_NUMBER.match(r[i].strip()) for r in sample):
            out[header] = pa.string()
    return out


def _wanted(block: Block) -> list[str] | None:
    """The headers the format reads: pyarrow then skips converting every other column."""
    fmt = block.fmt
    if fmt is None:
        return None  # (repeated headers never reach here: fast_table leaves them to csv)
    names = [
        *fmt.columns.values(),
        *fmt.sum.values(),
        *fmt.minus.values(),
        *fmt.platform_from.values(),
    ]
    wanted = {
        found[1]
        for group in names
        for n in group
        if (found := header_index(block.headers, [n], fmt.platform))
    }
    return [h for h in block.headers if h in wanted] or None


def _date_hint(block: Block, head: list[list[str]]) -> tuple[str, str] | None:
    """Find the date column and its format from the first rows, so pyarrow parses it on read."""
    fmt = block.fmt
    found = header_index(block.headers, fmt.columns.get("date", []), fmt.platform) if fmt else None
    if fmt is None or found is None or fmt.year == "none":
        return None
    index, header = found
    values = [r[index] for r in head[block.skipped + 1 :] if len(r) > index and r[index].strip()]
    if not values:
        return None
    date_format, count = best_date_format(pa.array(values[:100]))
    if date_format is None or count < len(values[:100]) or date_format in ISO_PREFIX:
        return None  # ISO dates are parsed faster after the read (clean.iso_dates)
    return header, date_format


def _fast_columns(
    text_bytes: bytes,
    skip: int,
    delimiter: str,
    date_hint: tuple[str, str] | None = None,
    wanted: list[str] | None = None,
    text_columns: dict[str, pa.DataType] | None = None,
) -> dict[str, pa.Array] | None:
    """Read a large single-table CSV with pyarrow; None when rows are ragged (then use csv).

    With a date hint, pyarrow parses that column while reading (in parallel); if any value does
    not fit, the read is done again without it and the dates are parsed afterwards.
    """
    if date_hint is not None:
        header, date_format = date_hint
        kind = pa.timestamp("s", tz="UTC") if "%z" in date_format else pa.timestamp("s")
        hinted = _fast_columns_with(
            text_bytes,
            skip,
            delimiter,
            {**(text_columns or {}), header: kind},
            [date_format],
            wanted,
        )
        if hinted is not None:
            return hinted
    return _fast_columns_with(text_bytes, skip, delimiter, text_columns or None, None, wanted)


def _fast_columns_with(text_bytes, skip, delimiter, column_types, parsers, wanted):
    # Most exports have no line breaks inside values, and pyarrow reads faster when told so; a
    # row that breaks that rule stops the first read at once and the file is read again.
    for newlines in (False, True):
        bad = []

        def _invalid(row, newlines=newlines, bad=bad):
            bad.append(row)
            return "skip" if newlines else "error"

        try:
            table = pacsv.read_csv(
                io.BytesIO(text_bytes),
                read_options=pacsv.ReadOptions(skip_rows=skip, block_size=1 << 24),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=newlines, invalid_row_handler=_invalid
                ),
                convert_options=pacsv.ConvertOptions(
                    null_values=["", "-", "--", "N/A", "n/a", "undefined"],
                    strings_can_be_null=True,
                    column_types=column_types,
                    timestamp_parsers=parsers,
                    include_columns=wanted,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            if bad and not newlines:
                continue  # a line break inside a value: read again, allowing them
            return None
        if bad:
            return None  # ragged rows: the careful path reads them
        if any(pa.types.is_binary(t) or pa.types.is_large_binary(t) for t in table.schema.types):
            return None  # a value that is not UTF-8: the careful path decodes the file
        # Chunks stay as read: every step after this takes chunked columns, so nothing is copied.
        return {name: table.column(name) for name in table.column_names}
    return None
