"""The importer's entry points: bytes in, datasets out, or one clear reason why not."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import re
from collections.abc import Iterator

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
from strategy.importers.fast import fast_table
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


def _sheets(name: str, data: bytes, max_rows: int) -> list[tuple[str | None, list[list[str]]]]:
    """Read a file into (sheet name, rows) pairs, whatever its container."""
    # Rows, never the fast path's columns: a mapping finds its table among the rows.
    return _read(name, data, max_rows, fast=False)[0]


def _read(name: str, data: bytes, max_rows: int, fast: bool = True) -> tuple[list, str]:
    """Read a file into (sheet name, rows) pairs, and say its container or text encoding."""
    head = data[:8]
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise _fail(name, _(what))
    try:
        if head.startswith(b"PK\x03\x04"):
            return xlsx_sheets(data, max_rows), "xlsx"
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            if (
                b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e"
                in data
            ):
                raise WorkbookError(_("it is password-protected: save it without a password first"))
            return xls_sheets(data, max_rows), "xls"
        lead = data[:400].lstrip(b"\xef\xbb\xbf \r\n\t")
        if lead.startswith(b"<?xml") or lead.startswith(b"<Workbook"):
            return spreadsheetml_sheets(data, max_rows), "spreadsheetml"
        if (xml := _utf16_xml(data)) is not None:
            return spreadsheetml_sheets(xml, max_rows), "spreadsheetml"
    except WorkbookError as exc:
        raise _fail(name, str(exc)) from None
    # The encoding is proven before any figure is read: a UTF-8 file goes to pyarrow as it is
    # (pyarrow checks every value it converts, and a column that is not UTF-8 sends the file
    # back here); any other file (Windows-1252, UTF-16) is decoded once and its UTF-8 twin is
    # read the same way, so every encoding gets the same figures at every size.
    large = fast and len(data) > FAST_PATH_BYTES
    if large and (head := _utf8_head(data)) is not None:
        bom = data.startswith(codecs.BOM_UTF8)
        fast = fast_table(data[3:] if bom else data, head)
        if fast is not None:
            return [fast], "utf-8-sig" if bom else "utf-8"
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        raise _fail(name, str(exc)) from None
    if large and encoding not in ("utf-8", "utf-8-sig"):
        fast = fast_table(text.encode("utf-8"), text[:65536])
        if fast is not None:
            return [fast], encoding
    text, delimiter = split_sep_line(text)
    return [(None, rows(text, delimiter or sniff_delimiter(text)))], encoding


def _utf8_head(data: bytes) -> str | None:
    """The first 64 kB as text when they are UTF-8 (a character cut at the end is allowed)."""
    head = data[3:65539] if data.startswith(codecs.BOM_UTF8) else data[:65536]
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None


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


def _import_file(
    name: str, data: bytes, reference: dt.date, max_rows: int, max_bytes: int
) -> list[Dataset]:
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if not data[:65536].strip() and not data.strip():
        raise _fail(name, _("the file is empty"))
    sheets, encoding = _read(name, data, max_rows)
    datasets: list[Dataset] = []
    unknown: list[Block] = []
    sheet_notes: list[str] = []  # what a workbook's other sheets held, said on its first dataset
    empty_sheet: ImportFailure | None = None
    for sheet, table_rows in sheets:
        if isinstance(table_rows, tuple):  # pyarrow already parsed this large table
            block, columns = table_rows
            n = len(next(iter(columns.values())))
            if n > max_rows:
                raise _fail(
                    name,
                    _("it has {n} rows; the limit is {limit}").format(
                        n=number(n), limit=number(max_rows)
                    ),
                )
            datasets.append(_normalize(name, block, block.fmt, columns, reference))
            continue
        parts = side_by_side(table_rows) if sheet is not None else [table_rows]
        found: dict[str, list[Dataset]] = {}
        for part in parts:
            try:
                blocks = find_blocks(part, sheet)
            except WorkbookError as exc:
                raise _fail(name, str(exc)) from None
            for block in recognised(blocks):
                if block.fmt is None:
                    unknown.append(block)
                    if sheet is not None and (note := period_note(sheet, part)):
                        sheet_notes.append(note)
                    continue
                if len(block.rows) > max_rows:
                    raise _fail(
                        name,
                        _("it has {n} rows; the limit is {limit}").format(
                            n=number(len(block.rows)), limit=number(max_rows)
                        ),
                    )
                try:
                    ds = _normalize(name, block, block.fmt, columns_from_rows(block), reference)
                except ImportFailure as exc:
                    if sheet is None:
                        raise
                    # One empty sheet of a workbook is not fatal: say so beside the others.
                    empty_sheet = empty_sheet or exc
                    sheet_notes.append(_("Left out: {reason}.").format(reason=exc.reason))
                    continue
                found.setdefault(block.fmt.id, []).append(anchor_followers(ds, block, reference))
        for same in found.values():
            datasets.extend([merge_side_by_side(same)] if len(parts) > 1 else same)
    if datasets and unknown:
        datasets = fill_from_breakdowns(datasets, unknown)
    datasets = [within_text_budget(d, len(data)) for d in datasets]
    if datasets:
        datasets = [d.model_copy(update={"encoding": encoding}) for d in one_account(datasets)]
        datasets[0].notes.extend(sheet_notes)
    elif empty_sheet is not None:
        raise empty_sheet
    if not datasets:
        if unknown and unknown[0].rows:
            block = unknown[0]
            raise NeedsMapping(
                _(
                    "{name}: the columns are not those of any export the app knows; map them to "
                    "date, text and the metrics below."
                ).format(name=name),
                block.headers,
                block.rows[:5],
                guess_mapping(block),
            )
        if unknown:
            raise _fail(name, _("it has a header row but no data rows"))
        first = next(
            (r for _sheet, rs in sheets if isinstance(rs, list) for r in rs if any(r)), [""]
        )
        odd = [ch for ch in "|:^~" if ch in "".join(map(str, first))]
        if len(first) == 1 and odd:
            reason = _(
                "its columns are separated by '{sep}': export it again as CSV (comma, "
                "semicolon or tab separated)"
            ).format(sep=odd[0])
            raise _fail(name, reason)
        raise _fail(name, _("no table was found in it"))
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


def recognised(blocks: list[Block]) -> list[Block]:
    """Blocks no header word recognised, read by their shape where one is known."""
    out = []
    for block in blocks:
        if block.fmt is None and (ordered := by_column_order(block)) is not None:
            block = ordered
        if block.fmt is None and (series := metric_named_series(block)) is not None:
            out.extend(series)
            continue
        out.append(block)
    return out


def _normalize(name, block, fmt, columns, reference) -> Dataset:
    ds = normalize(name, block, fmt, columns, reference)
    if ds.rows == 0:
        if block.title:
            raise _fail(
                name, _("sheet '{sheet}' has no data rows with a date").format(sheet=block.title)
            )
        raise _fail(name, _("the table has no data rows with a date"))
    return ds


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
    for sheet, table_rows in _sheets(name, data, MAX_ROWS):
        try:
            blocks = find_blocks(table_rows, sheet)
        except WorkbookError as exc:
            raise _fail(name, str(exc)) from None
        for block in blocks:
            if header_index(block.headers, [mapping["date"]]) is None:
                continue
            datasets.append(_normalize(name, block, fmt, columns_from_rows(block), reference))
    if not datasets:
        column = clean(str(mapping["date"])[:60], lines=False)
        raise _fail(name, _("no table has the column '{column}'").format(column=column))
    return datasets
