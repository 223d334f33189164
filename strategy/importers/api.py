"""The importer's entry points: bytes in, datasets out, or one clear reason why not.

`import_file` runs a file through five steps, each a function of one job:

1. `decoded`: bytes to sheets of text rows (or, for a large CSV, the columns pyarrow parsed);
2. `tables`: a sheet's tables, side by side and one under another;
3. `recognised`: tables no header word names, read by their shape where one is known;
4. `block_dataset` / `parsed_dataset`: each known table normalised (see `normalize`);
5. `assembled`: the datasets as one file's, or the reason there are none.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from strategy.core.i18n import N_, _, number
from strategy.core.textclean import clean
from strategy.importers.assemble import (
    anchor_followers,
    fill_from_breakdowns,
    merge_side_by_side,
    one_account,
    period_note,
)
from strategy.importers.blocks import (
    Block,
    WorkbookError,
    find_blocks,
    header_index,
    side_by_side,
    spreadsheetml_sheets,
    xls_sheets,
    xlsx_sheets,
)
from strategy.importers.dataset import Dataset
from strategy.importers.decode import DecodeError, decode, rows, sniff_delimiter, split_sep_line
from strategy.importers.fast import ParsedTable, fast_table
from strategy.importers.formats import Format
from strategy.importers.normalize import columns_from_rows, normalize
from strategy.importers.order import by_column_order, guess_mapping, metric_named_series

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 1_000_000
# All of one session's uploads together: a row kept costs the server about 140 bytes, so a
# session holds at most about 300 MB of exports however many files it uploads.
MAX_SESSION_ROWS = 2_000_000
FAST_PATH_BYTES = 64_000  # below this, Python's csv module is as quick and handles every quirk
MAGIC = {
    b"\x89PNG": N_("this is a PNG image, not an analytics export (CSV or Excel)"),
    b"\xff\xd8\xff": N_("this is a JPEG image, not an analytics export (CSV or Excel)"),
    b"GIF8": N_("this is a GIF image, not an analytics export (CSV or Excel)"),
    b"%PDF": N_("this is a PDF document, not an analytics export (CSV or Excel)"),
    b"\x1f\x8b": N_("this is a gzip archive, not an analytics export (CSV or Excel)"),
    b"Rar!": N_("this is a RAR archive, not an analytics export (CSV or Excel)"),
    b"7z\xbc\xaf": N_("this is a 7-Zip archive, not an analytics export (CSV or Excel)"),
}
PREVIEW_CHARS, MAX_PREVIEW_COLUMNS = 200, 200
MAPPABLE = ("date", "text", "impressions", "reach", "engagements", "followers")


class ImportFailure(ValueError):
    """An export that cannot be read; the message names the file and the reason.

    Attributes:
        reason: The reason alone, without the file name.
    """

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message

    def __reduce__(self):
        # Crosses the pipe from an import worker with its reason intact.
        return type(self), (str(self), self.reason)


class NeedsMapping(ImportFailure):
    """A table the app does not recognise: the user can map its columns.

    Attributes:
        headers: The table's header row.
        preview: Its first rows.
        guess: A best guess at the mapping from the values (field -> header), to pre-fill.
    """

    def __init__(
        self,
        message: str,
        headers: list[str],
        preview: list[list[str]],
        guess: dict[str, str] | None = None,
    ):
        super().__init__(message)
        # Shown in the mapping form: a cell of a million characters is cut to a glimpse.
        self.headers = [clean(str(h)[:PREVIEW_CHARS], lines=False) for h in headers]
        self.preview = [
            [clean(str(c)[:PREVIEW_CHARS]) for c in row[:MAX_PREVIEW_COLUMNS]] for row in preview
        ]
        self.guess = {k: clean(str(v), lines=False) for k, v in (guess or {}).items()}

    def __reduce__(self):
        return type(self), (str(self), self.headers, self.preview, self.guess)


def _fail(name: str, reason: str) -> ImportFailure:
    return ImportFailure(f"{name}: {reason}", reason)


def too_large(name: str, size: int, limit: int = MAX_BYTES) -> ImportFailure:
    """The refusal of a file over the size limit, with its own size in the message."""
    return _fail(
        name,
        _("it is {size} MB; the limit is {limit} MB").format(
            size=number(size / 1024 / 1024, 1), limit=number(limit / 1024 / 1024)
        ),
    )


def over_session_limit(name: str, kept: list, found: list) -> ImportFailure | None:
    """The refusal of a file that would take the session's kept rows past MAX_SESSION_ROWS."""
    total = sum(len(d.frame) for d in kept) + sum(len(d.frame) for d in found)
    if total <= MAX_SESSION_ROWS:
        return None
    return _fail(
        name,
        _(
            "with it this session would keep {rows} rows of exports; the limit "
            "is {limit}. It was not added; your other uploads are kept."
        ).format(rows=number(total), limit=number(MAX_SESSION_ROWS)),
    )


def import_file(
    name: str,
    data: bytes,
    *,
    reference: dt.date | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
) -> list[Dataset]:
    """Read one export into datasets.

    Args:
        name: The file name (for messages).
        data: The file's bytes.
        reference: The latest date the data can have; infers years TikTok leaves out (today).
        max_rows: Refuse tables with more data rows.
        max_bytes: Refuse larger files.

    Returns:
        One dataset per table found (never empty).

    Raises:
        NeedsMapping: No known format matched; the user can map the columns.
        ImportFailure: Unreadable, unsafe, too large or empty; the message says which.
    """
    name = clean(name, lines=False)  # a file name is shown, charted and printed
    with one_error_type(name):
        return _import_file(name, data, reference or dt.date.today(), max_rows, max_bytes)


@contextlib.contextmanager
def one_error_type(name: str) -> Iterator[None]:
    """Turn any failure inside the importer into an ImportFailure that names the file.

    A reader's own error (a cell over the csv module's limit, a damaged workbook part, a value
    no parser expected) must reach the user as a message, never as a crash page.
    """
    try:
        yield
    except ImportFailure:
        raise
    except MemoryError:
        raise _fail(name, _("it is too large to read")) from None
    except csv.Error as exc:  # the csv module's own words say what is wrong with the text
        raise _fail(
            name,
            _("it is not readable as CSV ({error})").format(
                error=clean(str(exc)[:120], lines=False)
            ),
        ) from None
    except Exception as exc:  # the boundary: whatever a reader raises becomes a message
        raise _fail(
            name, _("it could not be read ({error})").format(error=type(exc).__name__)
        ) from None


@dataclass
class TextSheet:
    """A text file's cells, or one sheet's of a workbook, as rows of text.

    Attributes:
        name: The sheet's name; None for a text file (CSV, TSV), which has no sheets.
        rows: Every row as read, ragged rows as they are.
    """

    name: str | None
    rows: list[list[str]]


@dataclass
class Decoded:
    """What the decode step makes of a file's bytes.

    Attributes:
        sheets: Its sheets as text rows, in file order; or the one table pyarrow parsed.
        encoding: Its text encoding, or its workbook kind (xlsx, xls, spreadsheetml).
    """

    sheets: list[TextSheet | ParsedTable]
    encoding: str


@dataclass(frozen=True)
class Job:
    """What every step needs to know of the import it is part of.

    Attributes:
        name: The file name, for messages.
        reference: The latest date the data can have.
        max_rows: The most data rows one table may have.
    """

    name: str
    reference: dt.date
    max_rows: int


@dataclass
class Part:
    """A piece of a sheet holding tables, and the tables found in it.

    Attributes:
        rows: The piece's rows: the whole sheet, or one of tables side by side (with the rows
            above them).
        blocks: The tables found in those rows, in order.
    """

    rows: list[list[str]]
    blocks: list[Block]


@dataclass
class Found:
    """What the steps found in a file, sheet by sheet, for the last step to assemble.

    Attributes:
        datasets: A dataset per table read, in file order.
        unknown: The tables no format recognised (a workbook's breakdown sheets, or a table the
            user can map).
        notes: What a workbook's other sheets held, said on its first dataset.
        empty_sheet: Why the first sheet left out had nothing to read: the file's own failure
            when no sheet had anything.
    """

    datasets: list[Dataset] = field(default_factory=list)
    unknown: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_sheet: ImportFailure | None = None

    def add_unknown(self, block: Block, sheet: str | None, rows: list[list[str]]) -> None:
        """Keep a table no format recognised, and say what a sheet of period totals holds."""
        self.unknown.append(block)
        if sheet is not None and (note := period_note(sheet, rows)):
            self.notes.append(note)

    def leave_out(self, failure: ImportFailure) -> None:
        """Say beside the other sheets why one sheet of a workbook gave no dataset."""
        self.empty_sheet = self.empty_sheet or failure
        self.notes.append(_("Left out: {reason}.").format(reason=failure.reason))


def _import_file(
    name: str, data: bytes, reference: dt.date, max_rows: int, max_bytes: int
) -> list[Dataset]:
    """Decode → tables → recognise → normalise → datasets, for one file (see `import_file`)."""
    refuse_at_once(name, data, max_bytes)
    job = Job(name, reference, max_rows)
    read = decoded(name, data, max_rows)
    found = Found()
    for sheet in read.sheets:
        if isinstance(sheet, ParsedTable):  # one known table: nothing to find or recognise
            found.datasets.append(parsed_dataset(job, sheet))
        else:
            found.datasets.extend(sheet_datasets(job, sheet, found))
    return assembled(name, found, read, len(data))


def refuse_at_once(name: str, data: bytes, max_bytes: int) -> None:
    """Refuse a file too large or empty before reading it.

    Raises:
        ImportFailure: The file is over `max_bytes`, or holds nothing but white space.
    """
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if not data[:65536].strip() and not data.strip():
        raise _fail(name, _("the file is empty"))


def decoded(name: str, data: bytes, max_rows: int, *, fast: bool = True) -> Decoded:
    """Decode step: read a file into sheets of text rows, whatever its container.

    Args:
        name: The file name, for messages.
        data: The file's bytes.
        max_rows: A workbook's sheets are read up to a little past this many rows.
        fast: Let pyarrow parse a large CSV of one known table into columns.

    Returns:
        Its sheets, and its encoding or workbook kind.

    Raises:
        ImportFailure: It is no export (an image, an archive), or it cannot be decoded.
    """
    refuse_other_files(name, data)
    sheets = workbook(name, data, max_rows)
    return sheets if sheets is not None else text_file(name, data, fast=fast)


def refuse_other_files(name: str, data: bytes) -> None:
    """Refuse an image, a PDF or an archive by its first bytes, naming what it is.

    Raises:
        ImportFailure: The file starts as one of `MAGIC` does.
    """
    head = data[:8]
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise _fail(name, _(what))


def workbook(name: str, data: bytes, max_rows: int) -> Decoded | None:
    """Read a workbook (.xlsx, .xls, Excel 2003 XML) into its sheets; None for a text file.

    Raises:
        ImportFailure: The workbook is unsafe or unreadable; the message says why.
    """
    try:
        return _workbook(data, max_rows)
    except WorkbookError as exc:
        raise _fail(name, str(exc)) from None


def _workbook(data: bytes, max_rows: int) -> Decoded | None:
    """Tell a workbook by its first bytes and read it; None when it is none."""
    if data.startswith(b"PK\x03\x04"):
        return _sheets_of(xlsx_sheets(data, max_rows), "xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise WorkbookError(_("it is password-protected: save it without a password first"))
        return _sheets_of(xls_sheets(data, max_rows), "xls")
    lead = data[:400].lstrip(b"\xef\xbb\xbf \r\n\t")
    if lead.startswith(b"<?xml") or lead.startswith(b"<Workbook"):
        return _sheets_of(spreadsheetml_sheets(data, max_rows), "spreadsheetml")
    if (xml := _utf16_xml(data)) is not None:
        return _sheets_of(spreadsheetml_sheets(xml, max_rows), "spreadsheetml")
    return None


def _sheets_of(sheets: list[tuple[str, list[list[str]]]], kind: str) -> Decoded:
    """A workbook reader's (name, rows) pairs as the decode step's sheets."""
    return Decoded([TextSheet(name, rows) for name, rows in sheets], kind)


def _utf16_xml(data: bytes) -> bytes | None:
    """A UTF-16 Excel 2003 XML workbook as UTF-8 (its declaration saying so), else None."""
    if not (data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:2] == b"\0" or data[:1] == b"\0"):
        return None
    try:
        text, _encoding = decode(data)
    except DecodeError:
        return None
    text = text.lstrip("\ufeff \r\n\t")
    if not text.startswith(("<?xml", "<Workbook")):
        return None
    return re.sub(
        r"""^(<\?xml[^>]*?encoding=)(["'])[^"']*\2""", r"\1\2utf-8\2", text, count=1
    ).encode()


def text_file(name: str, data: bytes, *, fast: bool = True) -> Decoded:
    """Read a text export (CSV, TSV) into one sheet of rows, or a large one into columns.

    The encoding is proven before any figure is read: a UTF-8 file goes to pyarrow as it is
    (pyarrow checks every value it converts, and a column that is not UTF-8 sends the file back
    here); any other file (Windows-1252, UTF-16) is decoded once and its UTF-8 twin is read the
    same way, so every encoding gets the same figures at every size.

    Args:
        name: The file name, for messages.
        data: The file's bytes.
        fast: Let pyarrow parse a file over `FAST_PATH_BYTES` into columns when it can.

    Raises:
        ImportFailure: The bytes are not text.
    """
    large = fast and len(data) > FAST_PATH_BYTES
    if large and (head := _utf8_head(data)) is not None:
        bom = data.startswith(codecs.BOM_UTF8)
        table = fast_table(data[3:] if bom else data, head)
        if table is not None:
            return Decoded([table], "utf-8-sig" if bom else "utf-8")
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        raise _fail(name, str(exc)) from None
    if large and encoding not in ("utf-8", "utf-8-sig"):
        table = fast_table(text.encode("utf-8"), text[:65536])
        if table is not None:
            return Decoded([table], encoding)
    text, delimiter = split_sep_line(text)
    return Decoded([TextSheet(None, rows(text, delimiter or sniff_delimiter(text)))], encoding)


def _utf8_head(data: bytes) -> str | None:
    """The first 64 kB as text when they are UTF-8 (a character cut at the end is allowed)."""
    head = data[3:65539] if data.startswith(codecs.BOM_UTF8) else data[:65536]
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None


def sheet_datasets(job: Job, sheet: TextSheet, found: Found) -> list[Dataset]:
    """Read one sheet: find its tables, recognise each, normalise the known ones.

    Args:
        job: The import.
        sheet: The sheet's rows.
        found: Where the tables no format recognised, and notes on the sheet, are kept.

    Returns:
        A dataset per known table; tables of one format side by side are joined into one.
    """
    by_format: dict[str, list[Dataset]] = {}
    parts = 0
    for part in tables(job.name, sheet):
        parts += 1
        for block in recognised(part.blocks):
            if block.fmt is None:
                found.add_unknown(block, sheet.name, part.rows)
            elif (ds := block_dataset(job, block, block.fmt, sheet, found)) is not None:
                by_format.setdefault(block.fmt.id, []).append(ds)
    if parts > 1:
        return [merge_side_by_side(same) for same in by_format.values()]
    return [ds for same in by_format.values() for ds in same]


def tables(name: str, sheet: TextSheet) -> Iterator[Part]:
    """Tables step: split a sheet into its tables, side by side and one under another.

    Each piece is found when the one before it has been read: a failure is the first one a
    reader meets, in file order.

    Args:
        name: The file name, for messages.
        sheet: The sheet's rows.

    Yields:
        A part per group of tables side by side (one for a text file), with its tables.

    Raises:
        ImportFailure: A part is too wide to be an export.
    """
    parts = side_by_side(sheet.rows) if sheet.name is not None else [sheet.rows]
    for part in parts:
        yield Part(part, blocks_in(name, part, sheet.name))


def blocks_in(name: str, rows: list[list[str]], sheet: str | None) -> list[Block]:
    """Find the tables in some rows (see `find_blocks`), its refusal naming the file.

    Raises:
        ImportFailure: The rows are too wide to be an export.
    """
    try:
        return find_blocks(rows, sheet)
    except WorkbookError as exc:
        raise _fail(name, str(exc)) from None


def recognised(blocks: list[Block]) -> list[Block]:
    """Recognise step: tables no header word recognised, read by their shape where one is known.

    Args:
        blocks: The tables found, each with the format its header words matched, or None.

    Returns:
        The same tables; one the legacy X export's column order or a Meta series' shape fits
        is given that format (a file of several series becomes one table per series).
    """
    out = []
    for block in blocks:
        if block.fmt is None and (ordered := by_column_order(block)) is not None:
            block = ordered
        if block.fmt is None and (series := metric_named_series(block)) is not None:
            out.extend(series)
            continue
        out.append(block)
    return out


def block_dataset(
    job: Job, block: Block, fmt: Format, sheet: TextSheet, found: Found
) -> Dataset | None:
    """Normalise step for a table of text rows.

    Args:
        job: The import.
        block: The table.
        fmt: The format it was recognised as.
        sheet: The sheet it is on.
        found: Where a workbook's sheet with no dated rows is noted.

    Returns:
        Its dataset, follower totals anchored on a total the sheet states; None for a sheet
        of a workbook with no dated rows (the other sheets are read).

    Raises:
        ImportFailure: The table has too many rows, or a text file's table no dated rows.
    """
    check_row_count(job, len(block.rows))
    try:
        ds = dataset_of(job.name, block, fmt, columns_from_rows(block), job.reference)
    except ImportFailure as exc:
        if sheet.name is None:
            raise
        found.leave_out(exc)  # one empty sheet of a workbook is not fatal: said beside the others
        return None
    return anchor_followers(ds, block, job.reference)


def parsed_dataset(job: Job, table: ParsedTable) -> Dataset:
    """Normalise step for a table pyarrow parsed.

    Raises:
        ImportFailure: The table has too many rows, or no dated rows.
    """
    check_row_count(job, table.row_count)
    return dataset_of(job.name, table.block, table.fmt, table.columns, job.reference)


def check_row_count(job: Job, rows: int) -> None:
    """Refuse a table of more data rows than the limit, with the count.

    Raises:
        ImportFailure: `rows` is over `job.max_rows`.
    """
    if rows > job.max_rows:
        raise _fail(
            job.name,
            _("it has {n} rows; the limit is {limit}").format(
                n=number(rows), limit=number(job.max_rows)
            ),
        )


def dataset_of(
    name: str, block: Block, fmt: Format, columns: dict[str, pa.Array], reference: dt.date
) -> Dataset:
    """Normalise a table's columns (see `normalize`), refusing a table with no dated rows.

    Raises:
        ImportFailure: No row has a date.
    """
    ds = normalize(name, block, fmt, columns, reference)
    if ds.rows == 0:
        if block.title:
            raise _fail(
                name, _("sheet '{sheet}' has no data rows with a date").format(sheet=block.title)
            )
        raise _fail(name, _("the table has no data rows with a date"))
    return ds


def assembled(name: str, found: Found, read: Decoded, file_bytes: int) -> list[Dataset]:
    """Datasets step: the file's datasets as one file's, or why there are none.

    Args:
        name: The file name, for messages.
        found: What the sheets gave.
        read: The decoded file (its encoding, and its rows when nothing was read).
        file_bytes: The file's size, which bounds the post text it may bring.

    Returns:
        The datasets: breakdown sheets joined in, texts within budget, one account, the
        file's encoding, and what other sheets held said on the first.

    Raises:
        NeedsMapping: No table was known, but one can be mapped by hand.
        ImportFailure: Nothing could be read; the message says why.
    """
    datasets = found.datasets
    if datasets and found.unknown:
        datasets = fill_from_breakdowns(datasets, found.unknown)
    datasets = [within_text_budget(d, file_bytes) for d in datasets]
    if not datasets:
        if found.empty_sheet is not None:
            raise found.empty_sheet
        raise nothing_read(name, found.unknown, read)
    datasets = [d.model_copy(update={"encoding": read.encoding}) for d in one_account(datasets)]
    datasets[0].notes.extend(found.notes)
    return datasets


TEXT_BUDGET = 16_000_000  # characters of post text a file may bring beyond its own size


def within_text_budget(ds: Dataset, file_bytes: int) -> Dataset:
    """Cut post texts when a file brings far more text than it holds.

    A workbook stores a text once and can refer to it from every row: 110 kB made 3,000 posts
    of 64,000 characters, 190 MB in the server. A CSV cannot do that (its text is its size),
    so the budget is the file's own size plus `TEXT_BUDGET`; past it every text is cut to the
    same length, and a note says so.
    """
    if "text" not in ds.frame or not len(ds.frame):
        return ds
    lengths = ds.frame["text"].str.len()
    budget = file_bytes + TEXT_BUDGET
    if (lengths.sum() or 0) <= budget:
        return ds
    keep = max(280, int(budget // len(ds.frame)))
    frame = ds.frame.assign(text=ds.frame["text"].str.slice(0, keep))
    note = _(
        "Post texts were cut to {n} characters: the file repeats long texts far beyond "
        "its own size."
    ).format(n=number(keep))
    return ds.model_copy(update={"frame": frame, "notes": [*ds.notes, note]})


def nothing_read(name: str, unknown: list[Block], read: Decoded) -> ImportFailure:
    """Say why a file gave no dataset: an unknown table to map, or what it holds instead.

    Args:
        name: The file name.
        unknown: The tables no format recognised.
        read: The decoded file.

    Returns:
        The failure to raise: a NeedsMapping when the first unknown table has rows.
    """
    if unknown and unknown[0].rows:
        block = unknown[0]
        return NeedsMapping(
            _(
                "{name}: the columns are not those of any export the app knows; map them to "
                "date, text and the metrics below."
            ).format(name=name),
            block.headers,
            block.rows[:5],
            guess_mapping(block),
        )
    if unknown:
        return _fail(name, _("it has a header row but no data rows"))
    first = next(
        (r for s in read.sheets if isinstance(s, TextSheet) for r in s.rows if any(r)), [""]
    )
    odd = [ch for ch in "|:^~" if ch in "".join(map(str, first))]
    if len(first) == 1 and odd:
        reason = _(
            "its columns are separated by '{sep}': export it again as CSV (comma, "
            "semicolon or tab separated)"
        ).format(sep=odd[0])
        return _fail(name, reason)
    return _fail(name, _("no table was found in it"))


def import_with_mapping(
    name: str,
    data: bytes,
    mapping: dict[str, str],
    *,
    platform: str = "other",
    grain: str = "post",
    reference: dt.date | None = None,
) -> list[Dataset]:
    """Read an unrecognised export with the user's column mapping.

    Args:
        name: The file name.
        data: The file's bytes.
        mapping: Normalized field (see `MAPPABLE`) to the export's header.
        platform: The network the user says it is from.
        grain: "post" or "day".
        reference: The latest date the data can have.

    Returns:
        The dataset(s).

    Raises:
        ImportFailure: When the mapping leaves no date or the file cannot be read.
    """
    with one_error_type(name):
        return _import_with_mapping(name, data, mapping, platform, grain, reference)


def _import_with_mapping(name, data, mapping, platform, grain, reference) -> list[Dataset]:
    if not mapping.get("date"):
        raise _fail(name, _("map a column to the date first"))
    reference = reference or dt.date.today()
    fmt = Format(
        id="mapped",
        label=_("Columns mapped by you"),
        platform=platform,
        grain=grain,
        signature=[mapping["date"]],
        columns={k: [v] for k, v in mapping.items() if v},
    )
    datasets = []
    for sheet in text_sheets(name, data):
        for block in blocks_in(name, sheet.rows, sheet.name):
            if header_index(block.headers, [mapping["date"]]) is None:
                continue
            datasets.append(dataset_of(name, block, fmt, columns_from_rows(block), reference))
    if not datasets:
        column = clean(str(mapping["date"])[:60], lines=False)
        raise _fail(name, _("no table has the column '{column}'").format(column=column))
    return datasets


def text_sheets(name: str, data: bytes) -> list[TextSheet]:
    """Read a file into sheets of text rows, whatever its container (see `decoded`)."""
    # Rows, never the fast path's columns: a mapping finds its table among the rows.
    read = decoded(name, data, MAX_ROWS, fast=False)
    return [sheet for sheet in read.sheets if isinstance(sheet, TextSheet)]
