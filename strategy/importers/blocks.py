"""Find the tables inside an export: skip preambles, split stacked series, read workbooks."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import groupby
from typing import cast

from strategy.core.i18n import _, number
from strategy.importers.formats import Format, canonical, detect, fold

MAX_UNZIPPED_BYTES = 200_000_000
MAX_RATIO = 200
MAX_COLUMNS = 2_000
SHEET_ENTRY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet[\s/>]")
MAX_SHEETS = 100  # LinkedIn writes six, Facebook's breakdown workbooks a dozen or two
MAX_BLANK_ROWS = 10_000
MAX_SHEET_NAME = 100  # Excel allows 31 characters; a longer name is a file built to amplify


@dataclass
class Block:
    """One table found in a file.

    Attributes:
        headers: The header row.
        rows: The data rows (text cells, possibly ragged).
        title: A title line above the header (stacked series) or the sheet name.
        fmt: The recognised format, or None.
        skipped: How many preamble lines were passed over.
        preamble: The lines between the previous table (or the top) and the header: LinkedIn
            puts "Total followers on DATE: N" there.
    """

    headers: list[str]
    rows: list[list[str]]
    title: str | None = None
    fmt: Format | None = None
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    preamble: list[list[str]] = field(default_factory=list)


def _blank(row: list[str]) -> bool:
    return not any(str(c).strip() for c in row)


def _single(row: list[str]) -> str | None:
    cells = [str(c).strip() for c in row if str(c).strip()]
    return cells[0] if len(cells) == 1 else None


def find_blocks(rows: list[list[str]], sheet: str | None = None) -> list[Block]:
    """Split parsed rows into tables, one per recognised header row.

    A single-cell line right above a header is that table's title (Meta's stacked daily series).
    With no recognised header, the first row with two or more cells is taken as the header of an
    unknown format.

    Args:
        rows: Every parsed row of a file or sheet.
        sheet: The sheet name, used as the title when there is none.

    Returns:
        The blocks, in file order.
    """
    widest = max((len(r) for r in rows[:50]), default=0)
    if widest > MAX_COLUMNS:
        raise WorkbookError(
            _("it has {n} columns; an analytics export has a few dozen").format(n=number(widest))
        )
    starts = [(i, fmt) for i, row in enumerate(rows[:200_000]) if (fmt := detect(row)) is not None]
    # A data row never matches a header signature, so only scan the head of long files.
    if not starts:
        for i, row in enumerate(rows[:50]):
            if sum(bool(str(c).strip()) for c in row) >= 2:
                return [
                    Block(
                        headers=row, rows=rows[i + 1 :], title=sheet, skipped=i, preamble=rows[:i]
                    )
                ]
        return []
    blocks = []
    for n, (i, fmt) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
        # In a workbook the sheet names the table and the line above is a description
        # sentence, except above a daily series (Meta), where that line names the metric.
        above_line = _single(rows[i - 1]) if i > 0 else None
        title = above_line if "value" in fmt.columns and above_line else sheet or above_line
        body = rows[i + 1 : end]
        # Drop the next block's title and the blank lines between blocks.
        while body and (_blank(body[-1]) or (n + 1 < len(starts) and _single(body[-1]))):
            body = body[:-1]
        above = rows[starts[n - 1][0] + 1 if n else 0 : i][-20:]
        blocks.append(
            Block(
                headers=row_strip(rows[i]),
                rows=body,
                title=title,
                fmt=fmt,
                skipped=i,
                preamble=above if n == 0 else [],
            )
        )
    return blocks


def side_by_side(rows: list[list[str]]) -> list[list[list[str]]]:
    """Split a sheet holding tables next to each other (LinkedIn's TOP POSTS) into one per table.

    A column that is empty on every row below a header row, with a recognised table's header on
    both sides, separates two tables. Rows above that header go with every part.

    Args:
        rows: A sheet's rows.

    Returns:
        The parts, left to right; just `[rows]` when the sheet holds one table.
    """
    for i, header in enumerate(rows[:30]):
        cells = [str(c).strip() for c in header]
        groups = [
            list(g)
            for filled, g in groupby(range(len(cells)), key=lambda j: bool(cells[j]))
            if filled
        ]
        # Only known tables are split: a data row with an empty cell must not look like two.
        if len(groups) < 2 or any(detect([cells[j] for j in g]) is None for g in groups):
            continue
        gaps = range(groups[0][-1] + 1, groups[-1][0])
        body = rows[i + 1 :]
        if any(j < len(r) and str(r[j]).strip() for r in body for j in gaps if not cells[j]):
            continue  # an unnamed column with data: one table after all
        return [rows[:i] + [r[g[0] : g[-1] + 1] for r in rows[i:]] for g in groups]
    return [rows]


def row_strip(row: list[str]) -> list[str]:
    """Return header cells without BOMs and surrounding spaces."""
    return [str(c).replace("\ufeff", "").strip() for c in row]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class WorkbookError(ValueError):
    """A workbook that is unsafe or unreadable."""


def check_zip(data: bytes) -> None:
    """Refuse an .xlsx whose declared uncompressed size or ratio is a zip bomb's.

    Raises:
        WorkbookError: With the reason.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise WorkbookError(
            _("it is not a valid .xlsx workbook (the archive is damaged)")
        ) from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_RATIO:
        raise WorkbookError(
            _(
                "it would unpack to {total} MB from {packed} MB (a zip bomb?), so it was not opened"
            ).format(total=number(total / 1e6), packed=number(packed / 1e6, 1))
        )
    names = {i.filename for i in infos}
    if "EncryptedPackage" in names or "xl/workbook.xml" not in names:
        raise WorkbookError(_("it is password-protected or not an Excel workbook"))
    # Counted before openpyxl opens it: opening builds every sheet the workbook lists, and
    # thousands of entries can all name one part.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        _check_sheet_count(len(SHEET_ENTRY.findall(zf.read("xl/workbook.xml"))))


def _check_sheet_count(n: int) -> None:
    """Refuse a workbook of more sheets than any export has (thousands can name one part)."""
    if n > MAX_SHEETS:
        raise WorkbookError(
            _("it has {n} sheets; an analytics export has a few").format(n=number(n))
        )


def xlsx_sheets(data: bytes, max_rows: int) -> list[tuple[str, list[list[str]]]]:
    """Read every sheet of an .xlsx workbook as text rows."""
    import openpyxl

    check_zip(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise WorkbookError(
            _("the workbook could not be opened ({error})").format(error=type(exc).__name__)
        ) from None
    _check_sheet_count(len(wb.sheetnames))
    sheets = []
    for ws in wb.worksheets:
        rows = []
        # A sheet's declared dimension can lie either way ("A1" over hundreds of rows, or the
        # whole grid): read the cells that are there, never the size the file claims.
        ws.reset_dimensions()
        # (No max_col: openpyxl pads every row out to it. A row holds the cells it has.)
        blank_run = 0
        for row in ws.iter_rows(values_only=True):
            cells = [_cell(v) for v in row[: MAX_COLUMNS + 1]]
            if any(cells):
                blank_run = 0
            else:
                # openpyxl yields every row number up to the last one a file names, one by
                # one: a cell at row 99,999,999,999 would walk empty rows until the time
                # limit. No export leaves this many blank rows inside its data.
                blank_run += 1
                if blank_run > MAX_BLANK_ROWS:
                    break
                if blank_run > 2:
                    continue  # two blank rows separate tables as well as two thousand
            rows.append(cells)
            if len(rows) > max_rows + 50:
                break
        sheets.append((ws.title[:MAX_SHEET_NAME], rows))
    wb.close()
    return sheets


def xls_sheets(data: bytes, max_rows: int) -> list[tuple[str, list[list[str]]]]:
    """Read every sheet of a binary .xls workbook as text rows (dates converted)."""
    import xlrd

    try:
        # Ragged rows: a row holds the cells it has, not the sheet's widest row padded out.
        book = xlrd.open_workbook(file_contents=data, on_demand=True, ragged_rows=True)
    except Exception as exc:  # xlrd raises its own and struct errors
        raise WorkbookError(
            _("the .xls workbook could not be opened ({error})").format(error=exc)
        ) from None
    _check_sheet_count(book.nsheets)
    sheets = []
    for sheet in book.sheets():
        rows = []
        for r in range(min(sheet.nrows, max_rows + 50)):
            cells = []
            for c in sheet.row_slice(r, 0, min(sheet.row_len(r), MAX_COLUMNS + 1)):
                if c.ctype == xlrd.XL_CELL_DATE:
                    when = xlrd.xldate.xldate_as_datetime(cast(float, c.value), book.datemode)
                    cells.append(_cell(when))
                else:
                    cells.append(_cell(c.value))
            rows.append(cells)
        sheets.append((sheet.name[:MAX_SHEET_NAME], rows))
    return sheets


SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def spreadsheetml_sheets(data: bytes, max_rows: int) -> list[tuple[str, list[list[str]]]]:
    """Read an Excel 2003 XML workbook (Facebook's ".xls") safely with defusedxml."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except DefusedXmlException:
        raise WorkbookError(
            _("the XML workbook uses entities or DTDs, which are refused")
        ) from None
    except ElementTree.ParseError as exc:
        raise WorkbookError(_("the XML workbook is damaged ({error})").format(error=exc)) from None
    worksheets = root.findall(f"{SS}Worksheet")
    _check_sheet_count(len(worksheets))
    sheets = []
    for ws in worksheets:
        rows = []
        # Direct children only: a Row nested in a Row (or a Table in a Cell) is not a row, and
        # walking every descendant of every row made hostile files quadratic.
        rows_of = [row for table in ws.findall(f"{SS}Table") for row in table.findall(f"{SS}Row")]
        for row in rows_of:
            cells: list[str] = []
            for cell in row.findall(f"{SS}Cell"):
                index = cell.get(f"{SS}Index")
                if index:  # sparse rows skip empty cells, up to the column cap and no further
                    try:
                        target = int(index)
                    except ValueError:
                        raise WorkbookError(
                            _("a cell's position ({index}) is not a number").format(
                                index=index[:20]
                            )
                        ) from None
                    if not 0 < target <= MAX_COLUMNS:
                        raise WorkbookError(
                            _(
                                "a cell claims column {n}; an analytics export has a few dozen"
                            ).format(n=number(target))
                        )
                    cells += [""] * (target - 1 - len(cells))
                node = cell.find(f"{SS}Data")
                cells.append("" if node is None or node.text is None else node.text)
            rows.append(cells)
            if len(rows) > max_rows + 50:
                break
        sheets.append(((ws.get(f"{SS}Name") or f"Sheet {len(sheets) + 1}")[:MAX_SHEET_NAME], rows))
    return sheets


def header_index(
    headers: list[str], names: list[str], platform: str | None = None
) -> tuple[int, str] | None:
    """Find the first of `names` among the headers: (column index, header as written).

    With a platform, a header in another language counts as the English name it translates.
    """
    folded = [canonical(h, platform) for h in headers]
    for name in names:
        key = fold(name)
        if key in folded:
            i = folded.index(key)
            return i, headers[i]
    return None
